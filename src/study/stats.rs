//! Summary statistics of a study.
