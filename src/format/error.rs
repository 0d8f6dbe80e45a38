//! Errors of reading and validating input files.

use std::fmt;
use std::path::PathBuf;

/// One problem found in an input file: a stable code, the JSON path and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Stable code, e.g. `E1204` (the README lists them).
    pub code: &'static str,
    /// JSON path of the offending field, e.g. `demands[12].slots[0]`.
    pub path: String,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl Issue {
    /// A new issue.
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code, path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.code, self.path, self.message)
    }
}

/// One problem of a spreadsheet instance, at the sheet and cell it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellIssue {
    /// The workbook, or the CSV file of the sheet.
    pub file: PathBuf,
    /// The sheet as named in the file, when the problem is in one.
    pub sheet: Option<String>,
    /// The cell (`F7`), or the row (`7`) when no column holds the field.
    pub cell: Option<String>,
    /// The column's header as written in the file.
    pub header: Option<String>,
    /// Stable code: E21xx for cell problems, the JSON validation code for rule problems.
    pub code: &'static str,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl fmt::Display for CellIssue {
    /// `month.xlsx:需求清单!F7 (人数 people): "两" is not a whole number [E2101]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(sheet) = &self.sheet {
            write!(f, ":{sheet}")?;
            if let Some(cell) = &self.cell {
                write!(f, "!{cell}")?;
            }
        }
        if let Some(header) = &self.header {
            write!(f, " ({header})")?;
        }
        write!(f, ": {} [{}]", self.message, self.code)
    }
}

/// Why an input file could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than the input limit.
    #[error("{}: {size} bytes is more than the input limit of {limit} bytes", file.display())]
    TooLarge {
        /// The file.
        file: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not well-formed JSON (including a truncated file).
    #[error("{}:{line}:{column}: {}{message}", file.display(), if path == "." { String::new() } else { format!("{path}: ") })]
    Syntax {
        /// The file.
        file: PathBuf,
        /// JSON path of the value being read when the error was found (`.` at the top).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser found.
        message: String,
    },
    /// A field has the wrong JSON type or is missing.
    #[error("{}:{line}:{column}: {path}: {message}", file.display())]
    Shape {
        /// The file.
        file: PathBuf,
        /// JSON path of the field.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file parsed but breaks rules of the format; every problem found is listed.
    #[error("{}: {} problem{}:\n{}", file.display(), issues.len(), if issues.len() == 1 { "" } else { "s" }, list_issues(issues))]
    Invalid {
        /// The file.
        file: PathBuf,
        /// Every problem found.
        issues: Vec<Issue>,
    },
    /// A spreadsheet instance (workbook or CSV folder) has bad cells or breaks rules of the
    /// format; every problem found is listed at its sheet and cell.
    #[error("{}: {} problem{}:\n{}", file.display(), issues.len(), if issues.len() == 1 { "" } else { "s" }, list_issues(issues))]
    Sheet {
        /// The workbook or CSV folder.
        file: PathBuf,
        /// Every problem found.
        issues: Vec<CellIssue>,
    },
    /// A Generalized Assignment Problem file (OR-Library or Yagiura layout) is malformed: a
    /// token is not an integer, a count does not match the numbers present, or a resource or
    /// capacity is negative.
    #[error("{}: {message}", file.display())]
    Gap {
        /// The file.
        file: PathBuf,
        /// What is wrong and where: the problem, the part of it, the token and its line.
        message: String,
    },
}

/// How many issues an error message lists before summarising the rest.
const LISTED_ISSUES: usize = 50;

fn list_issues<T: fmt::Display>(issues: &[T]) -> String {
    let mut text: Vec<String> = issues.iter().take(LISTED_ISSUES).map(|i| format!("  {i}")).collect();
    if issues.len() > LISTED_ISSUES {
        text.push(format!("  ... and {} more", issues.len() - LISTED_ISSUES));
    }
    text.join("\n")
}
