//! Studies: allocation policies run over instance sets, every plan checked, the results held
//! as runs × metrics and written as a tidy CSV, a Markdown summary and SVG plots
//! (docs/STUDY.md).

pub mod plots;
pub mod stats;
