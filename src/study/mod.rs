//! Studies: allocation policies run over instance sets, every plan checked, the results held
//! as runs × metrics and written as a tidy CSV, a Markdown summary and SVG plots
//! (docs/STUDY.md).
//!
//! | module | what it does |
//! |---|---|
//! | [`spec`] | the study file: sets, policies, repeats, metrics, with the line of every mistake |
//! | [`runs`] | every run in one stable order, its key and work, and the split into shards |
//! | [`metrics`] | the figures of one run |
//! | [`record`] | a run's record in the output folder, and the study plan beside them |
//! | [`table`] | the results as runs × metrics and policy × set × replicate cubes; the tidy CSV |
//! | [`stats`] | mean, deviation, confidence intervals, paired differences, Gini and Theil |
//! | [`summary`] | the Markdown summary and the data of the plots |
//! | [`plots`] | the SVG plots |
//! | [`output`] | the output folder written, read back and merged |

pub mod metrics;
pub mod output;
pub mod plots;
pub mod record;
pub mod runs;
pub mod spec;
pub mod stats;
pub mod summary;
pub mod table;

pub use metrics::{run_metrics, Metric};
pub use output::{merge_folders, start_folder, write_outputs, OutputError};
pub use record::{read_record, write_record, RunLabel, RunRecord, StudyPlan};
pub use runs::{expand, load, shards, InstanceRef, Run, Runs, Shard};
pub use spec::{read_study, Policy, Study, StudyError};
pub use table::{tidy_csv, Results};
