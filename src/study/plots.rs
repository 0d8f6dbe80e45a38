//! The SVG plots of a study.
