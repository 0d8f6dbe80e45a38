//! civic-match: matching a month of community demands with volunteers and resources.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod format;
pub mod generate;
pub mod model;
