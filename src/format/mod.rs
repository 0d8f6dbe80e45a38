//! The file formats: `civic-match/1` instances, `civic-match-solution/1` plans, validation,
//! the mapping between string ids and dense indices, and the OR-Library / Yagiura GAP benchmark
//! files.

mod compile;
mod error;
mod orlib;
mod read;
mod schema;
mod slot_when;
mod solution;
mod spec;
mod validate;
mod write;

pub use compile::{compile, Names};
pub use error::{FormatError, Issue};
pub use orlib::{gap_to_spec, gap_value, parse_gap, read_gap_file, GapProblem, GapSense};
pub use read::{parse_json, read_json, MAX_INPUT_BYTES};
pub use schema::{json_schema, SchemaKind};
pub use slot_when::{DayPart, SlotWhen};
pub use solution::{AssignmentSpec, SolutionSpec, Status, SupplySpec, UnassignedSpec, SOLUTION_FORMAT};
pub use spec::*;
pub use validate::validate;
pub use write::{instance_bytes, write_atomically, write_folder_atomically, write_instance, write_solution};

use crate::model::Instance;
use std::path::Path;

/// Reads, validates and compiles an instance file.
///
/// Candidate-dependent rules (a `must` demand's candidates and resources) are checked later by
/// `Problem::load` (in the `problem` module), which most callers want instead.
pub fn load_instance(file: &Path) -> Result<(InstanceSpec, Instance, Names), FormatError> {
    let spec: InstanceSpec = read_json(file)?;
    let issues = validate(&spec);
    if !issues.is_empty() {
        return Err(FormatError::Invalid { file: file.to_path_buf(), issues });
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (instance, names) = compile(&spec, &stem);
    Ok((spec, instance, names))
}

/// Reads a solution file, checking its format tag.
pub fn load_solution(file: &Path) -> Result<SolutionSpec, FormatError> {
    let solution: SolutionSpec = read_json(file)?;
    if solution.format != SOLUTION_FORMAT {
        let message = format!("is {:?}; this tool reads {SOLUTION_FORMAT:?}", solution.format);
        let issues = vec![Issue::new("E1001", "format", message)];
        return Err(FormatError::Invalid { file: file.to_path_buf(), issues });
    }
    Ok(solution)
}
