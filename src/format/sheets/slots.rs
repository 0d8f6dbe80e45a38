//! Slot cells: a slot id, a date with a part of the day written as text (`2026-07-03 上午`,
//! `7月3日下午`, `07-03am`) or a date cell, mapped onto the ids the slots sheet defines. A
//! date is only ever mapped to a defined slot; text that is no defined slot stays as written
//! (validation then reports the unknown slot at its cell).

use super::cells::{is_separator, text, Bad};
use crate::format::{DayPart, SlotWhen};
use calamine::Data;
use std::collections::{HashMap, HashSet};

/// The slots the slots sheet defines, by id and by date.
#[derive(Debug, Default)]
pub struct SlotNames {
    ids: HashSet<String>,
    /// Defined slots by their full date and part.
    by_when: HashMap<SlotWhen, String>,
    /// Defined slots by month, day and part; `None` when two years share them.
    by_day: HashMap<(u32, u32, Option<DayPart>), Option<String>>,
}

impl SlotNames {
    /// The lookup of the defined slot ids.
    pub fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut names = SlotNames::default();
        for id in ids {
            names.ids.insert(id.to_string());
            if let Some(when) = SlotWhen::parse(id) {
                names.by_when.entry(when).or_insert_with(|| id.to_string());
                let day = names.by_day.entry((when.month, when.day, when.part)).or_insert_with(|| Some(id.to_string()));
                if day.as_deref() != Some(id) {
                    *day = None;
                }
            }
        }
        names
    }

    /// The defined slot a date (and part of the day) names, when exactly one does.
    fn of_when(&self, when: SlotWhen) -> Option<&str> {
        if let Some(id) = self.by_when.get(&when) {
            return Some(id);
        }
        if when.year.is_none() || !self.by_when.keys().any(|w| w.year == when.year) {
            return self.by_day.get(&(when.month, when.day, when.part)).and_then(|id| id.as_deref());
        }
        None
    }

    /// The id one written slot names: itself when defined, else the defined slot of its date,
    /// else the text as written.
    pub fn resolve(&self, item: &str) -> String {
        if self.ids.contains(item) {
            return item.to_string();
        }
        SlotWhen::parse(item).and_then(|w| self.of_when(w)).unwrap_or(item).to_string()
    }

    /// The defined slot of a date cell (the time of day, when present, gives the part).
    pub fn resolve_serial(&self, serial: f64) -> Result<String, Bad> {
        let mut when =
            SlotWhen::from_serial_date(serial).ok_or_else(|| ("E2105", format!("{serial} is not a date")))?;
        when.part = part_of_time(serial);
        self.of_when(when)
            .or_else(|| {
                let mut whole_day = when;
                whole_day.part = None;
                self.of_when(whole_day)
            })
            .map(str::to_string)
            .ok_or_else(|| ("E2105", format!("the date {when} is no slot of the slots sheet")))
    }

    /// A list of slots in one cell, `None` when empty. Text items are split on the list
    /// separators, keeping a date and its part of the day (`2026-07-03 上午`) together.
    pub fn list(&self, cell: &Data) -> Result<Option<Vec<String>>, Bad> {
        match cell {
            Data::DateTime(d) => return self.resolve_serial(d.as_f64()).map(|id| Some(vec![id])),
            Data::DateTimeIso(iso) => return self.resolve_iso(iso).map(|id| Some(vec![id])),
            _ => {}
        }
        let Some(text) = text(cell)? else { return Ok(None) };
        let mut items: Vec<String> = Vec::new();
        for piece in text.split(|c: char| is_separator(c) && c != '/' && c != '／').filter(|p| !p.is_empty()) {
            let attaches =
                DayPart::parse(piece).is_some() && items.last().is_some_and(|l| SlotWhen::parse(l).is_some());
            match items.last_mut() {
                Some(last) if attaches => {
                    last.push(' ');
                    last.push_str(piece);
                }
                _ => items.push(piece.to_string()),
            }
        }
        let mut ids = Vec::new();
        for item in items {
            if self.ids.contains(&item) || SlotWhen::parse(&item).is_some() {
                ids.push(self.resolve(&item));
            } else {
                ids.extend(item.split(['/', '／']).filter(|p| !p.is_empty()).map(|p| self.resolve(p)));
            }
        }
        Ok(Some(ids))
    }

    /// The defined slot of an ISO date-time cell (`2026-07-03T09:00:00`, from OpenDocument).
    fn resolve_iso(&self, iso: &str) -> Result<String, Bad> {
        let date =
            iso.get(..10).and_then(SlotWhen::parse).ok_or_else(|| ("E2105", format!("{iso:?} is not a date")))?;
        let hour = iso.get(11..13).and_then(|h| h.parse::<f64>().ok());
        let serial = date.serial_date().unwrap_or_default() + hour.map_or(0.0, |h| h / 24.0);
        self.resolve_serial(serial)
    }
}

/// The part of the day of a date-time serial's time: before noon morning, before 18:00
/// afternoon, else evening; none at midnight exactly (a plain date).
fn part_of_time(serial: f64) -> Option<DayPart> {
    let hours = serial.fract() * 24.0;
    if hours < 1.0 / 60.0 {
        None
    } else if hours < 12.0 {
        Some(DayPart::Morning)
    } else if hours < 18.0 {
        Some(DayPart::Afternoon)
    } else {
        Some(DayPart::Evening)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> SlotNames {
        SlotNames::new(["2026-07-03am", "2026-07-03pm", "2026-07-04", "month", "weekday-evening"].into_iter())
    }

    #[test]
    fn dates_map_to_defined_slots_only() {
        let n = names();
        assert_eq!(n.resolve("2026-07-03 上午"), "2026-07-03am");
        assert_eq!(n.resolve("7月3日下午"), "2026-07-03pm");
        assert_eq!(n.resolve("07-03am"), "2026-07-03am");
        assert_eq!(n.resolve("07-05am"), "07-05am");
        assert_eq!(n.resolve("weekday-evening"), "weekday-evening");
        let serial = SlotWhen::parse("2026-07-03").unwrap().serial_date().unwrap();
        assert_eq!(n.resolve_serial(serial + 0.375).unwrap(), "2026-07-03am");
        assert_eq!(n.resolve_serial(serial + 1.0).unwrap(), "2026-07-04");
        assert_eq!(n.resolve_serial(serial).unwrap_err().0, "E2105");
    }

    #[test]
    fn lists_keep_a_date_with_its_part_of_the_day() {
        let n = names();
        let cell = Data::String("2026-07-03 上午、7月3日 下午 2026/7/4 month".into());
        assert_eq!(n.list(&cell).unwrap().unwrap(), ["2026-07-03am", "2026-07-03pm", "2026-07-04", "month"]);
        let cell = Data::String("month/weekday-evening".into());
        assert_eq!(n.list(&cell).unwrap().unwrap(), ["month", "weekday-evening"]);
    }
}
