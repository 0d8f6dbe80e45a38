//! What leaves the solver: solution files with reasons, the solve summary, instance statistics,
//! the project-list workbook and the HTML report.

pub mod html;
pub mod project_list;
mod reasons;
mod solution;
mod stats;
mod summary;
mod tally;
pub mod would_take;

pub use reasons::{unassigned_reasons, Reason, ReasonCode};
pub use solution::solution_spec;
pub use stats::{instance_stats, Stats};
pub use summary::{gap_percent, summarize, walked, Summary};
pub use tally::{grouping_level, plan_of_solution, tally, team_hours, RegionTally, Tally, VolunteerTally};
