//! The file formats: `civic-match/1` instances, `civic-match-solution/1` plans, validation,
//! the mapping between string ids and dense indices, and the OR-Library / Yagiura GAP benchmark
//! files; instances also come as spreadsheets (workbooks or CSV folders, see [`sheets`]).

mod compile;
mod error;
mod orlib;
mod read;
mod schema;
pub mod sheets;
mod slot_when;
mod solution;
mod spec;
mod validate;
mod write;

pub use compile::{compile, Names};
pub use error::{CellIssue, FormatError, Issue};
pub use orlib::{gap_to_spec, gap_value, parse_gap, read_gap_file, GapProblem, GapSense};
pub use read::{parse_json, read_instance, read_json, InputForm, MAX_INPUT_BYTES};
pub use schema::{json_schema, SchemaKind};
pub use slot_when::{DayPart, SlotWhen};
pub use solution::{
    AssignmentSpec, ChangeSpec, DiffSpec, PairChange, SolutionSpec, Status, SuggestedAssignmentSpec, SupplySpec,
    UnassignedSpec, WouldTakeSpec, SOLUTION_FORMAT,
};
pub use spec::*;
pub use validate::validate;
pub use write::{instance_bytes, write_atomically, write_folder_atomically, write_instance, write_solution};

use crate::model::Instance;
use std::path::Path;

/// Reads (in any form, see [`read_instance`]), validates and compiles an instance.
///
/// Candidate-dependent rules (a `must` demand's candidates and resources) are checked later by
/// `Problem::load` (in the `problem` module), which most callers want instead.
pub fn load_instance(file: &Path) -> Result<(InstanceSpec, Instance, Names), FormatError> {
    let (spec, form) = read_instance(file)?;
    let (instance, names) = compile_read(file, &spec, &form)?;
    Ok((spec, instance, names))
}

/// Validates and compiles an instance read from `file` in `form` (problems reported in that
/// form's terms); an unnamed instance is named after the file.
pub fn compile_read(file: &Path, spec: &InstanceSpec, form: &InputForm) -> Result<(Instance, Names), FormatError> {
    let issues = validate(spec);
    if !issues.is_empty() {
        return Err(form.invalid(file, issues));
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(compile(spec, &stem))
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
