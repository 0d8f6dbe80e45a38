//! Calendar months (`YYYY-MM`), the ledger's unit of time: parsed strictly so that a typo never
//! files a plan under the wrong month, and counted as one integer so that ages and windows are
//! plain subtraction.

use std::fmt;

/// A calendar month, stored as `year × 12 + (month − 1)`, so that consecutive months differ by 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    /// Parses `YYYY-MM` (four-digit year, two-digit month 01–12), or says what is wrong.
    pub fn parse(text: &str) -> Result<Month, String> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if bytes.len() != 7 || bytes[4] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(format!("{text:?} is not a month: write it as YYYY-MM, e.g. 2026-08"));
        }
        let year: i32 = text[..4].parse().map_err(|_| format!("{text:?} has no valid year"))?;
        let month: i32 = text[5..].parse().map_err(|_| format!("{text:?} has no valid month"))?;
        if !(1..=12).contains(&month) {
            return Err(format!("{text:?} is not a month: the month must be 01 to 12"));
        }
        Ok(Month(year * 12 + month - 1))
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn plus(self, n: i32) -> Month {
        Month(self.0 + n)
    }

    /// Months from `earlier` to `self` (negative when `earlier` is later).
    pub fn since(self, earlier: Month) -> i32 {
        self.0 - earlier.0
    }

    /// January of this month's year.
    pub fn january(self) -> Month {
        Month(self.year() * 12)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.0.rem_euclid(12) + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_print_and_count() {
        let aug = Month::parse("2026-08").unwrap();
        assert_eq!(aug.to_string(), "2026-08");
        assert_eq!(aug.plus(5).to_string(), "2027-01");
        assert_eq!(aug.plus(-8).to_string(), "2025-12");
        assert_eq!(aug.plus(5).since(aug), 5);
        assert_eq!(aug.january().to_string(), "2026-01");
        assert_eq!(aug.plus(5).january().to_string(), "2027-01");
        assert!(Month::parse("2026-07").unwrap() < aug);
        for bad in ["2026-8", "2026-13", "2026-00", "26-08", "2026/08", "2026-08-01", "２０２６-08", ""] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }
}
