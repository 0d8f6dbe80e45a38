//! The would-take figures the solve summary prints: how many unmet demands have a suggestion,
//! of which kinds, and the skills most often recruited for. Read from the solution file, so a
//! re-plan's file gives them the same way.

use crate::format::{ChangeSpec, SolutionSpec};
use std::collections::BTreeMap;
use std::fmt;

/// Most recruitment needs listed.
const TOP_RECRUITS: usize = 5;

/// Headline figures of a solution's `would_take` entries.
#[derive(Debug, Clone, PartialEq)]
pub struct WouldTakeFigures {
    /// Unmet demands with `would_take` computed.
    pub unmet: usize,
    /// Those with at least one suggestion.
    pub suggested: usize,
    /// Per kind (the file's word), the unmet demands with a suggestion of that kind, most first.
    pub per_kind: Vec<(String, usize)>,
    /// Skill sets of new volunteers (joined by `+`, `-` for none) and how many unmet demands a
    /// new volunteer with them would meet, most first, at most five.
    pub recruits: Vec<(String, usize)>,
}

/// The figures of `solution`; `None` when no entry has `would_take`.
pub fn would_take_figures(solution: &SolutionSpec) -> Option<WouldTakeFigures> {
    let computed: Vec<_> = solution.unassigned.iter().filter_map(|u| u.would_take.as_ref()).collect();
    if computed.is_empty() && !solution.unassigned.is_empty() {
        return None;
    }
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut recruits: BTreeMap<String, usize> = BTreeMap::new();
    for list in &computed {
        let mut kinds: Vec<&str> = list.iter().map(|s| s.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.into_iter().for_each(|k| *per_kind.entry(k).or_default() += 1);
        let skills = list.iter().flat_map(|s| &s.changes).find_map(|c| match c {
            ChangeSpec::NewVolunteer { skills, .. } => {
                Some(if skills.is_empty() { "-".into() } else { skills.join("+") })
            }
            _ => None,
        });
        if let Some(skills) = skills {
            *recruits.entry(skills).or_default() += 1;
        }
    }
    let most_first = |map: BTreeMap<String, usize>| {
        let mut list: Vec<(String, usize)> = map.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list
    };
    let mut recruits = most_first(recruits);
    recruits.truncate(TOP_RECRUITS);
    Some(WouldTakeFigures {
        unmet: computed.len(),
        suggested: computed.iter().filter(|l| !l.is_empty()).count(),
        per_kind: most_first(per_kind.into_iter().map(|(k, n)| (k.to_string(), n)).collect()),
        recruits,
    })
}

impl fmt::Display for WouldTakeFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = 100.0 * self.suggested as f64 / self.unmet.max(1) as f64;
        write!(f, "would take  {} / {} unmet demands have a suggestion ({pct:.1}%)", self.suggested, self.unmet)?;
        let kinds: Vec<String> = self.per_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        if !kinds.is_empty() {
            write!(f, ": {}", kinds.join(", "))?;
        }
        if !self.recruits.is_empty() {
            let needs: Vec<String> = self.recruits.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
            write!(f, "\nrecruit     {}", needs.join(", "))?;
        }
        Ok(())
    }
}
