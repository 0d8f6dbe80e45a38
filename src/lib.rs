//! civic-match turns one month of community demands (需求清单), volunteers (双报到 party
//! members) and co-building resources (资源清单) into the month's project list (项目清单):
//! which demand is met, in which slot, by whom, with what, and why the rest are not.
//!
//! The model and file formats are those of `docs/MODEL.md` (`civic-match/1`). A month is
//! loaded once into a [`problem::Problem`] (validated, compiled to dense indices, candidates
//! built); solvers in [`solve`] turn it into a plan; [`report`] writes the solution file with
//! a reason for every unmet demand; [`check`] verifies any plan independently.
//!
//! ```
//! use civic_match::{check::check, problem::Problem, report::solution_spec};
//! use civic_match::solve::{Greedy, Solver};
//!
//! let problem = Problem::load("instances/xundian-july.json".as_ref())?;
//! let result = Greedy.solve(&problem);
//! let solution = solution_spec(&problem, &result);
//! let report = check(&problem.instance, &problem.names, &solution);
//! assert!(report.is_ok(), "{report}");
//! assert!(result.bound.unwrap() >= result.objective.unwrap());
//! # Ok::<_, civic_match::format::FormatError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod candidates;
pub mod check;
pub mod format;
pub mod generate;
pub mod ledger;
pub mod model;
pub mod policy;
pub mod problem;
pub mod replan;
pub mod report;
pub mod simulate;
pub mod solve;
pub mod study;
