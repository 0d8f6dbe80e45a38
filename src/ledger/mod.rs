//! The ledger (台账): one SQLite file that remembers a community's months — each month's plan
//! and the instance it was made for, what coordinators recorded as done, the time bank
//! (时间银行) of every volunteer, the weight each fairness region was offered and met, and the
//! demands left unmet that the next month carries.
//!
//! Every write is one transaction in WAL mode: a refused or failed command leaves the file as
//! it was, a process killed mid-write leaves no part of its transaction, and a second writer
//! waits for the first ([`schema::configure`]). The tables and their versions are
//! [`schema`]'s; a ledger of an older version is migrated when opened.
//!
//! | module | what it does |
//! |---|---|
//! | [`commit`] | records a checked plan for a month |
//! | [`outcomes`] | reads outcome files (CSV or `civic-match-outcomes/1` JSON) and records them |
//! | [`effective`] | builds a month's effective instance: carried demands and the `history` section |
//! | [`tables`] | the ledger as sheets: months, coverage, members, time bank, tasks, unmet demands |

pub mod commit;
pub mod effective;
mod month;
pub mod outcomes;
pub mod schema;
pub mod tables;

pub use month::Month;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a ledger command could not be carried out. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// SQLite could not read or write the ledger.
    #[error("{}: {source}", file.display())]
    Sql {
        /// The ledger.
        file: PathBuf,
        /// The cause.
        source: rusqlite::Error,
    },
    /// The command was refused: the ledger or the month does not allow it.
    #[error("{}: {message}", file.display())]
    Refused {
        /// The ledger, or the file refused.
        file: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// An input file could not be read or parsed.
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    /// An outcome file has problems; each names its row or JSON path and field.
    #[error("{}: {} problem(s):\n{}", file.display(), problems.len(), Listed(problems))]
    Outcomes {
        /// The outcome file.
        file: PathBuf,
        /// Every problem found, one line each.
        problems: Vec<String>,
    },
}

/// How many problems an error lists before summarising the rest.
const LISTED_PROBLEMS: usize = 50;

/// Problems as indented lines, the first [`LISTED_PROBLEMS`] of them.
struct Listed<'a>(&'a [String]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().take(LISTED_PROBLEMS).map(|p| format!("  {p}")).collect();
        write!(f, "{}", lines.join("\n"))?;
        if self.0.len() > LISTED_PROBLEMS {
            write!(f, "\n  ... and {} more", self.0.len() - LISTED_PROBLEMS)?;
        }
        Ok(())
    }
}

/// An open ledger.
#[derive(Debug)]
pub struct Ledger {
    conn: Connection,
    file: PathBuf,
}

impl Ledger {
    /// Opens the ledger at `file`, creating it when it does not exist (`commit`).
    pub fn create_or_open(file: &Path) -> Result<Ledger, LedgerError> {
        Self::open_with(file, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// Opens an existing ledger; a missing file is an error, not a new ledger (`record`,
    /// `month`, `ledger show`).
    pub fn open(file: &Path) -> Result<Ledger, LedgerError> {
        if !file.is_file() {
            let message = "no ledger here (civic-match commit creates one with the first month's plan)".to_string();
            return Err(LedgerError::Refused { file: file.to_path_buf(), message });
        }
        Self::open_with(file, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(file: &Path, flags: OpenFlags) -> Result<Ledger, LedgerError> {
        let sql = |source| LedgerError::Sql { file: file.to_path_buf(), source };
        let conn = Connection::open_with_flags(file, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(sql)?;
        schema::configure(&conn).map_err(sql)?;
        let mut ledger = Ledger { conn, file: file.to_path_buf() };
        ledger.write(|tx, file| {
            schema::migrate(tx).map_err(|unusable| match unusable {
                schema::Unusable::Foreign => LedgerError::Refused {
                    file: file.to_path_buf(),
                    message: "a SQLite database of another program, not a civic-match ledger".into(),
                },
                schema::Unusable::Newer(version) => LedgerError::Refused {
                    file: file.to_path_buf(),
                    message: format!(
                        "a ledger of version {version}, written by a newer civic-match (this one reads up to version {})",
                        schema::LATEST
                    ),
                },
                schema::Unusable::Sql(source) => LedgerError::Sql { file: file.to_path_buf(), source },
            })
        })?;
        schema::use_wal(&ledger.conn).map_err(sql)?;
        Ok(ledger)
    }

    /// The ledger's file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The error of a failed SQLite call on this ledger.
    fn sql(&self) -> impl Fn(rusqlite::Error) -> LedgerError + '_ {
        |source| LedgerError::Sql { file: self.file.clone(), source }
    }

    /// Runs `work` in one write transaction: committed when it succeeds, rolled back (nothing
    /// written) when it fails.
    fn write<T>(&mut self, work: impl FnOnce(&Transaction, &Path) -> Result<T, LedgerError>) -> Result<T, LedgerError> {
        let file = self.file.clone();
        let sql = |source| LedgerError::Sql { file: file.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        let value = work(&tx, &file)?;
        tx.commit().map_err(sql)?;
        Ok(value)
    }
}

/// The current time in UTC as `YYYY-MM-DDTHH:MM:SSZ`, in SQL.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
