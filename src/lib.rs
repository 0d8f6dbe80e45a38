//! civic-match: matching a month of community demands with volunteers and resources.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod candidates;
pub mod format;
pub mod model;
pub mod policy;
pub mod problem;
pub mod report;
pub mod solve;
