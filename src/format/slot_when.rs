//! When a slot is, read from its id: slot ids are free text, but planners and the generator
//! write them as dates with a part of the day (`2026-07-03am`, `07-10pm`, `7月3日上午`,
//! `2026/7/3 晚上`). Spreadsheets use this to accept a date cell where a slot id belongs, and the
//! project list to show a met demand's date and half-day as a real date.

use std::fmt;

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// 上午, `am`.
    Morning,
    /// 下午, `pm`.
    Afternoon,
    /// 晚上, `evening`.
    Evening,
}

impl DayPart {
    /// The suffix written in canonical slot ids: `am`, `pm`, `eve`.
    pub fn suffix(self) -> &'static str {
        match self {
            DayPart::Morning => "am",
            DayPart::Afternoon => "pm",
            DayPart::Evening => "eve",
        }
    }

    /// The Chinese word: 上午, 下午, 晚上.
    pub fn chinese(self) -> &'static str {
        match self {
            DayPart::Morning => "上午",
            DayPart::Afternoon => "下午",
            DayPart::Evening => "晚上",
        }
    }

    /// Reads a part-of-day word in English or Chinese (case-insensitive).
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.trim().to_ascii_lowercase();
        match word.as_str() {
            "am" | "a.m." | "morning" | "上午" | "早上" | "上" => Some(DayPart::Morning),
            "pm" | "p.m." | "afternoon" | "下午" | "下" => Some(DayPart::Afternoon),
            "eve" | "evening" | "night" | "晚上" | "晚" | "夜间" => Some(DayPart::Evening),
            _ => None,
        }
    }
}

/// The date and part of the day a slot id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SlotWhen {
    /// The year, when the id names one.
    pub year: Option<i32>,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31 (checked against the month's length when the year is known).
    pub day: u32,
    /// The part of the day, when the id names one.
    pub part: Option<DayPart>,
}

impl SlotWhen {
    /// Reads a slot id as a date with an optional part of the day; `None` for ids that are not
    /// dates (`month`, `weekday-evening`, `s1`).
    ///
    /// Accepted: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`, `MM-DD`, `M/D`,
    /// `M月D日`, each optionally followed (with or without a space, `_` or `-`) by a part of the
    /// day (`am`, `pm`, `eve`, `morning`, `上午`, `下午`, `晚上`, ...).
    pub fn parse(id: &str) -> Option<Self> {
        let text = id.trim();
        let (date, rest) = split_date(text)?;
        let rest = rest.trim_start_matches([' ', '_', '-', 'T']).trim();
        let part = if rest.is_empty() { None } else { Some(DayPart::parse(rest)?) };
        let (year, month, day) = date;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(SlotWhen { year, month, day, part })
    }

    /// The canonical id of this date and part: `2026-07-03am`, `07-03pm`, `2026-07-03`.
    pub fn canonical_id(&self) -> String {
        let part = self.part.map_or("", DayPart::suffix);
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}{part}", self.month, self.day),
            None => format!("{:02}-{:02}{part}", self.month, self.day),
        }
    }

    /// Days since 1899-12-30 (the spreadsheet serial date), when the year is known.
    pub fn serial_date(&self) -> Option<f64> {
        let year = self.year?;
        Some((days_from_civil(year, self.month, self.day) - days_from_civil(1899, 12, 30)) as f64)
    }

    /// The date of a spreadsheet serial date (days since 1899-12-30; the fraction is ignored).
    pub fn from_serial_date(serial: f64) -> Option<Self> {
        if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let (year, month, day) = civil_from_days(serial.floor() as i64 + days_from_civil(1899, 12, 30));
        Some(SlotWhen { year: Some(year), month, day, part: None })
    }
}

impl fmt::Display for SlotWhen {
    /// `2026年7月3日 上午`: how a planner writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(y) = self.year {
            write!(f, "{y}年")?;
        }
        write!(f, "{}月{}日", self.month, self.day)?;
        if let Some(p) = self.part {
            write!(f, " {}", p.chinese())?;
        }
        Ok(())
    }
}

/// A date as (year when named, month, day).
type Ymd = (Option<i32>, u32, u32);

/// The leading date of `text` as (year, month, day) and what follows it.
fn split_date(text: &str) -> Option<(Ymd, &str)> {
    let (numbers, rest) = leading_numbers(text);
    match numbers.as_slice() {
        [(y, 4), (m, _), (d, _)] => Some(((Some(*y as i32), *m, *d), rest)),
        [(m, 1..=2), (d, 1..=2)] => Some(((None, *m, *d), rest)),
        _ => None,
    }
}

/// Up to three runs of digits at the start of `text`, each with its digit count, separated by
/// one of `-`, `/`, `.`, `年`, `月` (a trailing `日` or `号` is consumed), and the rest.
fn leading_numbers(text: &str) -> (Vec<(u32, usize)>, &str) {
    let mut numbers = Vec::new();
    let mut rest = text;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 4 {
            return (if digits > 4 { Vec::new() } else { numbers }, rest);
        }
        let Ok(value) = rest[..digits].parse::<u32>() else { return (Vec::new(), rest) };
        numbers.push((value, digits));
        rest = &rest[digits..];
        let mut chars = rest.chars();
        match chars.next() {
            Some(c @ ('-' | '/' | '.' | '年' | '月')) if numbers.len() < 3 => {
                let after = &rest[c.len_utf8()..];
                if after.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = after;
                    continue;
                }
                return (numbers, rest);
            }
            Some(c @ ('日' | '号')) => return (numbers, &rest[c.len_utf8()..]),
            _ => return (numbers, rest),
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days of `month`; February has 29 when the year is unknown.
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 if year.is_some_and(|y| !is_leap(y)) => 28,
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of days since 1970-01-01 (Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(year: Option<i32>, month: u32, day: u32, part: Option<DayPart>) -> Option<SlotWhen> {
        Some(SlotWhen { year, month, day, part })
    }

    #[test]
    fn reads_the_ways_planners_write_slots() {
        use DayPart::*;
        assert_eq!(SlotWhen::parse("2026-07-03am"), when(Some(2026), 7, 3, Some(Morning)));
        assert_eq!(SlotWhen::parse("07-03pm"), when(None, 7, 3, Some(Afternoon)));
        assert_eq!(SlotWhen::parse("2026/7/3 上午"), when(Some(2026), 7, 3, Some(Morning)));
        assert_eq!(SlotWhen::parse("7月3日下午"), when(None, 7, 3, Some(Afternoon)));
        assert_eq!(SlotWhen::parse("2026年7月31日 晚上"), when(Some(2026), 7, 31, Some(Evening)));
        assert_eq!(SlotWhen::parse("2026-07-03"), when(Some(2026), 7, 3, None));
        assert_eq!(SlotWhen::parse("07-10_evening"), when(None, 7, 10, Some(Evening)));
    }

    #[test]
    fn ids_that_are_not_dates_are_none() {
        for id in ["month", "s1", "weekday-evening", "2026-13-01am", "2026-02-29", "07-03noon", "123456", "7"] {
            assert_eq!(SlotWhen::parse(id), None, "{id}");
        }
        assert!(SlotWhen::parse("2024-02-29").is_some());
    }

    #[test]
    fn canonical_ids_read_back_to_the_same_slot() {
        for id in ["2026-07-03am", "07-03pm", "2026-07-03", "12-31eve"] {
            let when = SlotWhen::parse(id).unwrap();
            assert_eq!(when.canonical_id(), id);
            assert_eq!(SlotWhen::parse(&when.canonical_id()), Some(when));
        }
    }

    #[test]
    fn serial_dates_match_the_spreadsheet_calendar() {
        // 2026-07-03 is serial 46206 in Excel and LibreOffice; 1900-03-01 is 61.
        let july = SlotWhen::parse("2026-07-03").unwrap();
        assert_eq!(july.serial_date(), Some(46206.0));
        assert_eq!(SlotWhen::from_serial_date(46206.75), Some(july));
        assert_eq!(SlotWhen::parse("1900-03-01").unwrap().serial_date(), Some(61.0));
        assert_eq!(SlotWhen::parse("07-03am").unwrap().serial_date(), None);
    }
}
