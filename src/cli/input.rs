//! Reading the instance a command works on: a civic-match/1 instance (JSON, workbook or CSV
//! folder), or one problem of an OR-Library GAP file mapped onto the model.

use civic_match::format::{gap_to_spec, read_gap_file, FormatError, GapSense, InstanceSpec};
use civic_match::problem::Problem;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

/// Instance file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// civic-match/1: JSON, a workbook (.xlsx, .xlsm, .xls, .ods) or a CSV folder, by the path.
    Civic,
    /// OR-Library / Yagiura generalized assignment problem files (gap1..gap12, gapa..gapd, c05100, ...).
    OrlibGap,
}

/// The GAP's sense: OR-Library states gap1..gap12 as maximisation, types A–E as minimisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sense {
    /// Minimise total cost.
    Min,
    /// Maximise total profit.
    Max,
}

impl From<Sense> for GapSense {
    fn from(sense: Sense) -> Self {
        match sense {
            Sense::Min => GapSense::Min,
            Sense::Max => GapSense::Max,
        }
    }
}

/// Arguments that choose and read an instance.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The instance: civic-match/1 JSON, a workbook or a CSV folder (or a GAP file).
    pub instance: PathBuf,
    /// The instance file's format.
    #[arg(long, value_enum, default_value_t = InputFormat::Civic)]
    pub format: InputFormat,
    /// With --format orlib-gap: which problem of the file (1-based).
    #[arg(long, default_value_t = 1)]
    pub problem: usize,
    /// With --format orlib-gap: the GAP's sense.
    #[arg(long, value_enum, default_value_t = Sense::Min)]
    pub sense: Sense,
}

impl InputArgs {
    /// The GAP sense when the input is a GAP file.
    pub fn gap_sense(&self) -> Option<GapSense> {
        (self.format == InputFormat::OrlibGap).then_some(self.sense.into())
    }

    /// The instance as a civic-match/1 spec (only for GAP input; civic files are read as is).
    pub fn gap_spec(&self) -> Result<InstanceSpec, FormatError> {
        let problems = read_gap_file(&self.instance)?;
        let count = problems.len();
        let problem = problems.get(self.problem.wrapping_sub(1)).ok_or_else(|| FormatError::Gap {
            file: self.instance.clone(),
            message: format!("--problem {} is out of range: the file holds {count} problem(s)", self.problem),
        })?;
        Ok(gap_to_spec(problem, self.sense.into(), &self.name()))
    }

    /// A name for the instance: the file's stem, with the problem number for GAP files.
    pub fn name(&self) -> String {
        let stem = stem(&self.instance);
        match self.format {
            InputFormat::Civic => stem,
            InputFormat::OrlibGap => format!("{stem}-{}", self.problem),
        }
    }

    /// Loads, validates and compiles the instance.
    pub fn load(&self) -> Result<Problem, FormatError> {
        match self.format {
            InputFormat::Civic => Problem::load(&self.instance),
            InputFormat::OrlibGap => Problem::from_spec(&self.gap_spec()?, &self.name())
                .map_err(|issues| FormatError::Invalid { file: self.instance.clone(), issues }),
        }
    }
}

/// A file's stem, or `instance`.
pub fn stem(file: &Path) -> String {
    file.file_stem().map_or("instance".into(), |s| s.to_string_lossy().into_owned())
}
