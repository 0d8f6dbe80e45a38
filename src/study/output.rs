//! The output folder of a study: the tidy CSV, the summary and the plots written from the
//! results (each file atomically), and the folders of shards read back and merged.

use super::metrics::Metric;
use super::plots::{boxplots, frontier, time_vs_gap};
use super::record::{read_record, StudyPlan, PLAN_FILE, RUNS_DIR};
use super::summary::{frontier_points, metric_groups, summary_markdown, time_gap_series};
use super::table::{tidy_csv, Results};
use crate::format::write_atomically;
use std::fmt;
use std::path::{Path, PathBuf};

/// The tidy CSV's file name.
pub const CSV_FILE: &str = "runs.csv";

/// A folder that cannot be written or merged.
#[derive(Debug)]
pub struct OutputError(pub String);

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OutputError {}

/// Writes `plan` into `out` (creating it and its `runs/` folder), so that records written
/// there later belong to a known study.
pub fn start_folder(out: &Path, plan: &StudyPlan) -> Result<(), OutputError> {
    let io = |e: std::io::Error| OutputError(format!("{}: {e}", out.display()));
    std::fs::create_dir_all(out.join(RUNS_DIR)).map_err(io)?;
    let bytes = serde_json::to_vec_pretty(plan).map_err(|e| OutputError(e.to_string()))?;
    write_atomically(&out.join(PLAN_FILE), &bytes).map_err(io)
}

/// Writes the CSV, the summary and the three plots of `results` into `out`.
pub fn write_outputs(out: &Path, results: &Results) -> Result<(), OutputError> {
    let write = |name: &str, bytes: &[u8]| {
        write_atomically(&out.join(name), bytes).map_err(|e| OutputError(format!("{}: {e}", out.join(name).display())))
    };
    let plot = |name: &str, svg: Result<String, String>| {
        svg.map_err(|e| OutputError(format!("{}: {e}", out.join(name).display())))
            .and_then(|s| write(name, s.as_bytes()))
    };
    write(CSV_FILE, &tidy_csv(results, true))?;
    write("summary.md", summary_markdown(results).as_bytes())?;
    plot("frontier.svg", frontier(&frontier_points(results)))?;
    let groups = metric_groups(results, Metric::LowestCoveragePct);
    plot("coverage.svg", boxplots("Lowest region coverage by policy", "lowest region coverage (%)", &groups))?;
    plot("time-vs-gap.svg", time_vs_gap(&time_gap_series(results)))
}

/// The study plan of output folder `dir`.
pub fn read_plan(dir: &Path) -> Result<StudyPlan, OutputError> {
    let file = dir.join(PLAN_FILE);
    let bytes = std::fs::read(&file).map_err(|e| {
        OutputError(format!("{}: {e} (is {} an output folder of `bench`?)", file.display(), dir.display()))
    })?;
    serde_json::from_slice(&bytes).map_err(|e| OutputError(format!("{}: {e}", file.display())))
}

/// The results of the folders `dirs`, all of one study (their plans equal): the records of
/// every run found in any of them.
pub fn merge_folders(dirs: &[PathBuf]) -> Result<Results, OutputError> {
    let first = dirs.first().ok_or_else(|| OutputError("no folder to merge".into()))?;
    let plan = read_plan(first)?;
    for dir in &dirs[1..] {
        if read_plan(dir)? != plan {
            return Err(OutputError(format!(
                "{} holds another study than {} (their {PLAN_FILE} differ): merge only the shards of one study",
                dir.display(),
                first.display()
            )));
        }
    }
    let found = plan.runs.iter().filter_map(|r| dirs.iter().find_map(|dir| read_record(dir, &r.key)));
    let found: Vec<_> = found.collect();
    Ok(Results::new(plan, found))
}
