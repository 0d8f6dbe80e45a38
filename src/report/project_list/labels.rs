//! The words a printed project list shows but the solver never needs: demand titles and kinds,
//! volunteers' and units' names. They live in the instance file, not in the dense problem, so
//! they are taken from the file's spec once, by dense index.

use crate::format::{self, FormatError, InstanceSpec};
use crate::problem::Problem;
use std::path::Path;

/// Display words by dense index; a missing entry (or an instance without them, such as a GAP
/// benchmark) shows the object's id instead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    /// Demand titles (需求标题), by demand index.
    pub demand_titles: Vec<Option<String>>,
    /// Demand kinds (`wish`, `service`, `problem`, ...), by demand index.
    pub demand_kinds: Vec<Option<String>>,
    /// Volunteers' names, by volunteer index.
    pub volunteer_names: Vec<Option<String>>,
    /// Units' names (驻区单位), by unit index.
    pub unit_names: Vec<Option<String>>,
}

impl Labels {
    /// The labels of `spec`, taken out of it (the spec is not needed afterwards, and a city's
    /// titles are worth not copying).
    pub fn take(spec: InstanceSpec) -> Labels {
        let (demand_titles, demand_kinds) = spec.demands.into_iter().map(|d| (d.title, d.kind)).unzip();
        Labels {
            demand_titles,
            demand_kinds,
            volunteer_names: spec.volunteers.into_iter().map(|v| v.name).collect(),
            unit_names: spec.units.into_iter().map(|u| u.name).collect(),
        }
    }

    /// Reads `file` (JSON, workbook or CSV folder) as [`Problem::load`] does and keeps its
    /// labels as well; problems of a spreadsheet are reported at their cells.
    pub fn load(file: &Path) -> Result<(Problem, Labels), FormatError> {
        let (spec, form) = format::read_instance(file)?;
        let (instance, names) = format::compile_read(file, &spec, &form)?;
        let labels = Labels::take(spec);
        let problem = Problem::new(instance, names).map_err(|issues| form.invalid(file, issues))?;
        Ok((problem, labels))
    }

    /// Demand `d`'s title, if the file gives one.
    pub fn title(&self, d: usize) -> Option<&str> {
        label(&self.demand_titles, d)
    }

    /// Demand `d`'s kind, if the file gives one.
    pub fn kind(&self, d: usize) -> Option<&str> {
        label(&self.demand_kinds, d)
    }

    /// Volunteer `v`'s name, if the file gives one.
    pub fn volunteer(&self, v: usize) -> Option<&str> {
        label(&self.volunteer_names, v)
    }

    /// Unit `u`'s name, if the file gives one.
    pub fn unit(&self, u: usize) -> Option<&str> {
        label(&self.unit_names, u)
    }
}

fn label(list: &[Option<String>], i: usize) -> Option<&str> {
    list.get(i).and_then(Option::as_deref)
}
