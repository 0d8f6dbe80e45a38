//! What happened: coordinators' outcomes per assignment and volunteer (`done`, `not_done`,
//! `no_show`) and the hours actually given, read from a small CSV file (UTF-8, header
//! `demand,volunteer,outcome,hours`) or a `civic-match-outcomes/1` JSON file, checked against
//! the month's plan and recorded in one transaction.

use super::{Ledger, LedgerError, Month, NOW};
use crate::format::{read_json, MAX_INPUT_BYTES};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The format tag of JSON outcome files.
pub const OUTCOMES_FORMAT: &str = "civic-match-outcomes/1";

/// The CSV header, in order.
pub const CSV_HEADER: [&str; 4] = ["demand", "volunteer", "outcome", "hours"];

/// What a volunteer's part of an assignment came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done as planned.
    Done,
    /// The volunteer came, but the demand was not met.
    NotDone,
    /// The volunteer did not come.
    NoShow,
}

impl Outcome {
    /// The word used in files and in the ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::NotDone => "not_done",
            Outcome::NoShow => "no_show",
        }
    }

    fn parse(word: &str) -> Option<Outcome> {
        [Outcome::Done, Outcome::NotDone, Outcome::NoShow].into_iter().find(|o| o.as_str() == word)
    }
}

/// One outcome as read, with where it came from (`outcomes.csv:3`, `outcomes.json: outcomes[2]`)
/// for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRow {
    /// Where the row is, for messages.
    pub place: String,
    /// Demand id.
    pub demand: String,
    /// Volunteer id.
    pub volunteer: String,
    /// The outcome.
    pub outcome: Outcome,
    /// Hours given; absent means the planned hours for `done`, 0 otherwise.
    pub hours: Option<f64>,
}

/// A JSON outcome file.
#[derive(Debug, Deserialize)]
struct OutcomesFile {
    format: String,
    outcomes: Vec<OutcomeJson>,
}

/// One outcome in a JSON file, read loosely so that a bad word or number is reported at its path.
#[derive(Debug, Deserialize)]
struct OutcomeJson {
    demand: String,
    volunteer: String,
    outcome: String,
    #[serde(default)]
    hours: Option<f64>,
}

/// The outcome word and hours of one row, or the problems with them (`field: message`).
fn outcome_and_hours(outcome: &str, hours: Option<f64>) -> (Option<Outcome>, Option<f64>, Vec<(&'static str, String)>) {
    let mut problems = Vec::new();
    let word = Outcome::parse(outcome);
    if word.is_none() {
        problems.push(("outcome", format!("{outcome:?} is not an outcome: write done, not_done or no_show")));
    }
    match hours {
        Some(h) if !h.is_finite() => problems.push(("hours", format!("{h} is not a finite number"))),
        Some(h) if h < 0.0 => problems.push(("hours", format!("is {h}; hours given must be >= 0"))),
        Some(h) if h > 0.0 && word == Some(Outcome::NoShow) => {
            problems.push(("hours", format!("is {h}, but a no_show gives no hours: leave it empty or 0")))
        }
        _ => {}
    }
    (word, hours, problems)
}

/// Reads an outcome file: `.json` as `civic-match-outcomes/1`, anything else as CSV. Every
/// problem of the file is listed at once.
pub fn read_outcomes(file: &Path) -> Result<Vec<OutcomeRow>, LedgerError> {
    let is_json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (rows, problems) = if is_json { read_json_outcomes(file)? } else { read_csv_outcomes(file)? };
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(LedgerError::Outcomes { file: file.to_path_buf(), problems })
    }
}

type Read = (Vec<OutcomeRow>, Vec<String>);

fn read_json_outcomes(file: &Path) -> Result<Read, LedgerError> {
    let parsed: OutcomesFile = read_json(file)?;
    let mut problems = Vec::new();
    if parsed.format != OUTCOMES_FORMAT {
        problems.push(format!(
            "{}: format: is {:?}; this tool reads {OUTCOMES_FORMAT:?}",
            file.display(),
            parsed.format
        ));
    }
    let mut rows = Vec::new();
    for (k, o) in parsed.outcomes.into_iter().enumerate() {
        let (word, hours, found) = outcome_and_hours(&o.outcome, o.hours);
        problems.extend(found.into_iter().map(|(field, m)| format!("{}: outcomes[{k}].{field}: {m}", file.display())));
        if let Some(outcome) = word {
            let place = format!("{}: outcomes[{k}]", file.display());
            rows.push(OutcomeRow { place, demand: o.demand, volunteer: o.volunteer, outcome, hours });
        }
    }
    Ok((rows, problems))
}

fn read_csv_outcomes(file: &Path) -> Result<Read, LedgerError> {
    let refused = |message: String| LedgerError::Refused { file: file.to_path_buf(), message };
    let size = std::fs::metadata(file).map_err(|e| refused(format!("cannot read: {e}")))?.len();
    if size > MAX_INPUT_BYTES {
        return Err(refused(format!("{size} bytes is more than the input limit of {MAX_INPUT_BYTES} bytes")));
    }
    let bytes = std::fs::read(file).map_err(|e| refused(format!("cannot read: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        refused(format!("is not UTF-8 text (byte {}); save the outcomes as CSV UTF-8", e.valid_up_to()))
    })?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(refused(format!("line 1: {e}"))),
        None => return Err(refused(format!("is empty; the first line is the header {}", CSV_HEADER.join(",")))),
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    if names != CSV_HEADER {
        return Err(refused(format!(
            "line 1: the header is {:?}; it must be {}",
            header.iter().collect::<Vec<_>>().join(","),
            CSV_HEADER.join(",")
        )));
    }
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for record in records {
        let record = record.map_err(|e| refused(e.to_string()))?;
        let line = record.position().map_or(0, |p| line_at(text, p.byte() as usize));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = |field: &str| format!("{}:{line} ({field})", file.display());
        if record.len() != CSV_HEADER.len() {
            problems.push(format!(
                "{}:{line}: {} cells; a row has 4 ({})",
                file.display(),
                record.len(),
                CSV_HEADER.join(",")
            ));
            continue;
        }
        let cell = |k: usize| record.get(k).unwrap_or_default().trim();
        let hours = match cell(3) {
            "" => Ok(None),
            text => text.parse::<f64>().map(Some).map_err(|_| format!("{text:?} is not a number")),
        };
        let hours = match hours {
            Ok(h) => h,
            Err(m) => {
                problems.push(format!("{}: {m}", at("hours")));
                continue;
            }
        };
        for (k, field) in [(0, "demand"), (1, "volunteer")] {
            if cell(k).is_empty() {
                problems.push(format!("{}: empty; every row names its {field}", at(field)));
            }
        }
        let (word, hours, found) = outcome_and_hours(cell(2), hours);
        problems.extend(found.into_iter().map(|(field, m)| format!("{}: {m}", at(field))));
        if let Some(outcome) = word {
            let place = format!("{}:{line}", file.display());
            rows.push(OutcomeRow { place, demand: cell(0).into(), volunteer: cell(1).into(), outcome, hours });
        }
    }
    Ok((rows, problems))
}

/// The 1-based line of the record the reader started at byte `start`: the reader starts a
/// record where the previous one ended, before any empty lines it then skips.
fn line_at(text: &str, start: usize) -> usize {
    let (before, after) = text.as_bytes().split_at(start.min(text.len()));
    let skipped = after.iter().take_while(|&&b| b == b'\n' || b == b'\r').filter(|&&b| b == b'\n').count();
    1 + before.iter().filter(|&&b| b == b'\n').count() + skipped
}

/// What `record` did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recorded {
    /// The plan the outcomes were recorded on.
    pub plan: i64,
    /// Outcomes recorded (new or corrected).
    pub rows: usize,
    /// Of those, `done`, `not_done` and `no_show`.
    pub counts: [usize; 3],
    /// Hours credited to the time bank by them.
    pub hours: f64,
}

impl Ledger {
    /// Records `rows` (read from `file`) on the current plan of `month`: every row must name
    /// an assignment of that plan and a volunteer of its team, once. An outcome recorded again
    /// for the same assignment and volunteer replaces the earlier one. Any problem refuses the
    /// whole file.
    pub fn record(&mut self, month: Month, file: &Path, rows: &[OutcomeRow]) -> Result<Recorded, LedgerError> {
        let month_text = month.to_string();
        self.write(|tx, ledger| {
            let sql = |source| LedgerError::Sql { file: ledger.to_path_buf(), source };
            let plan: Option<i64> = tx
                .query_row("SELECT id FROM plans WHERE month = ?1 AND replaced_at IS NULL", [&month_text], |r| r.get(0))
                .optional()
                .map_err(sql)?;
            let Some(plan) = plan else {
                let message = format!("no plan is committed for {month}; commit it before recording what happened");
                return Err(LedgerError::Refused { file: ledger.to_path_buf(), message });
            };
            let demands: HashSet<String> = tx
                .prepare("SELECT demand FROM demands WHERE plan = ?1")
                .and_then(|mut s| s.query_map([plan], |r| r.get(0))?.collect())
                .map_err(sql)?;
            let mut teams: HashMap<String, Vec<(String, f64)>> = HashMap::new();
            let team_rows: Vec<(String, String, f64)> = tx
                .prepare("SELECT demand, volunteer, hours FROM team WHERE plan = ?1 ORDER BY rowid")
                .and_then(|mut s| s.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
                .map_err(sql)?;
            for (d, v, h) in team_rows {
                teams.entry(d).or_default().push((v, h));
            }
            let mut problems = Vec::new();
            let mut seen: HashMap<(&str, &str), &str> = HashMap::new();
            let mut resolved = Vec::new();
            for row in rows {
                let Some(team) = teams.get(&row.demand) else {
                    problems.push(if demands.contains(&row.demand) {
                        format!(
                            "{} (demand): {:?} is not assigned in the plan of {month}; only assignments have outcomes",
                            row.place, row.demand
                        )
                    } else {
                        format!("{} (demand): unknown demand {:?} in the plan of {month}", row.place, row.demand)
                    });
                    continue;
                };
                let Some(&(_, planned)) = team.iter().find(|(v, _)| *v == row.volunteer) else {
                    let ids: Vec<&str> = team.iter().map(|(v, _)| v.as_str()).collect();
                    problems.push(format!(
                        "{} (volunteer): {:?} is not in the team of {:?} in the plan of {month} ({})",
                        row.place,
                        row.volunteer,
                        row.demand,
                        ids.join(", ")
                    ));
                    continue;
                };
                if let Some(first) = seen.insert((&row.demand, &row.volunteer), &row.place) {
                    problems.push(format!(
                        "{}: a second outcome for {:?} and {:?} (first at {first})",
                        row.place, row.demand, row.volunteer
                    ));
                    continue;
                }
                let hours = row.hours.unwrap_or(if row.outcome == Outcome::Done { planned } else { 0.0 });
                resolved.push((row, hours));
            }
            if !problems.is_empty() {
                return Err(LedgerError::Outcomes { file: file.to_path_buf(), problems });
            }
            let mut insert = tx
                .prepare(&format!(
                    "INSERT INTO outcomes (plan, demand, volunteer, outcome, hours, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, {NOW})
                     ON CONFLICT (plan, demand, volunteer) DO UPDATE
                     SET outcome = excluded.outcome, hours = excluded.hours, recorded_at = excluded.recorded_at"
                ))
                .map_err(sql)?;
            let mut recorded = Recorded { plan, rows: resolved.len(), counts: [0; 3], hours: 0.0 };
            for (row, hours) in resolved {
                insert.execute(params![plan, row.demand, row.volunteer, row.outcome.as_str(), hours]).map_err(sql)?;
                recorded.counts[row.outcome as usize] += 1;
                if row.outcome != Outcome::NoShow {
                    recorded.hours += hours;
                }
            }
            Ok(recorded)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Result<Vec<OutcomeRow>, LedgerError> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        read_outcomes(&file)
    }

    fn problems(name: &str, text: &str) -> Vec<String> {
        match read(name, text) {
            Err(LedgerError::Outcomes { problems, .. }) => problems,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn csv_and_json_forms_read_alike() {
        let csv = read(
            "o.csv",
            "\u{feff}demand,volunteer,outcome,hours\nd1,v1,done,1.5\nd1,v2,no_show,\n\nd2,v3,not_done,0.5\n",
        )
        .unwrap();
        let json = read(
            "o.json",
            r#"{"format": "civic-match-outcomes/1", "outcomes": [
                {"demand": "d1", "volunteer": "v1", "outcome": "done", "hours": 1.5},
                {"demand": "d1", "volunteer": "v2", "outcome": "no_show"},
                {"demand": "d2", "volunteer": "v3", "outcome": "not_done", "hours": 0.5}]}"#,
        )
        .unwrap();
        let strip = |rows: Vec<OutcomeRow>| {
            rows.into_iter().map(|r| (r.demand, r.volunteer, r.outcome, r.hours)).collect::<Vec<_>>()
        };
        assert_eq!(strip(csv.clone()), strip(json));
        assert_eq!(csv[0].place.rsplit(':').next(), Some("2"));
        assert_eq!(csv[2].place.rsplit(':').next(), Some("5"), "lines are counted with the empty one");
    }

    #[test]
    fn bad_words_and_hours_are_named_at_their_row_and_field() {
        let found = problems("o.csv", "demand,volunteer,outcome,hours\nd1,v1,finished,1\nd1,v2,done,-2\nd1,v3,done,NaN\nd1,v4,no_show,2\nd1,v5,done,two\n,v6,done,1\n");
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(
            found[0].ends_with(":2 (outcome): \"finished\" is not an outcome: write done, not_done or no_show"),
            "{}",
            found[0]
        );
        assert!(found[1].contains(":3 (hours): is -2"), "{}", found[1]);
        assert!(found[2].contains(":4 (hours): NaN is not a finite number"), "{}", found[2]);
        assert!(found[3].contains(":5 (hours): is 2, but a no_show"), "{}", found[3]);
        assert!(found[4].contains(":6 (hours): \"two\" is not a number"), "{}", found[4]);
        assert!(found[5].contains(":7 (demand): empty"), "{}", found[5]);
        let found = problems(
            "o.json",
            r#"{"format": "civic-match-outcomes/2", "outcomes": [{"demand": "d1", "volunteer": "v1", "outcome": "gone", "hours": -1}]}"#,
        );
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].ends_with("format: is \"civic-match-outcomes/2\"; this tool reads \"civic-match-outcomes/1\""));
        assert!(found[1].ends_with("outcomes[0].outcome: \"gone\" is not an outcome: write done, not_done or no_show"));
        assert!(found[2].ends_with("outcomes[0].hours: is -1; hours given must be >= 0"));
    }

    #[test]
    fn a_wrong_header_or_an_unreadable_file_is_refused() {
        for (text, expected) in [("demand;volunteer;outcome;hours\n", "the header is"), ("", "is empty")] {
            match read("o.csv", text) {
                Err(LedgerError::Refused { message, .. }) => assert!(message.contains(expected), "{message}"),
                other => panic!("{other:?}"),
            }
        }
        match read("o.json", r#"{"format": "civic-match-outcomes/1", "outcomes": [{"demand": "d1"}]}"#) {
            Err(LedgerError::Format(e)) => assert!(e.to_string().contains("outcomes[0]"), "{e}"),
            other => panic!("{other:?}"),
        }
    }
}
