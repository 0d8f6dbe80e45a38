//! A month's effective instance: this month's lists, plus the demands that earlier committed
//! months left unmet or recorded as not done (carried, each with its `age`), plus the
//! `history` section — per fairness region the weight offered and met over a window, per
//! volunteer the hours given in the year so far, per recurring series who served it last, and
//! where each carried demand came from.
//!
//! Carried demands keep the id they had in the month they were first planned. When this
//! month's lists (or a carried demand before it) already use that id, the demand becomes
//! `ID@YYYY-MM` (its first month), then `ID@YYYY-MM-2`, `-3`, ... in order of first month and
//! then of the order the demands were first listed, so the same ledger and lists always give
//! the same ids.

use super::{Ledger, LedgerError, Month};
use crate::format::{
    CarriedSpec, DemandSpec, HistorySpec, InstanceSpec, RegionHistorySpec, SeriesHistorySpec, VolunteerHistorySpec,
};
use foldhash::{HashMap, HashMapExt, HashSet};

/// Months of region history when none is asked for.
pub const DEFAULT_WINDOW: u32 = 12;

/// A month's effective instance and what went into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    /// The effective instance.
    pub spec: InstanceSpec,
    /// Demands carried in.
    pub carried: usize,
    /// Demands that could not be carried into this month's lists, and why.
    pub left_out: Vec<String>,
}

/// A demand still open after the latest month that listed it.
struct Open {
    since: String,
    origin: String,
    spec: String,
    open: bool,
}

/// Demand states that count as met (the plan met it and no outcome says otherwise).
const MET: &str = "s.state IN ('planned', 'done')";

impl Ledger {
    /// The effective instance of `month` for this month's lists `spec`, with region history
    /// over the `window` months before it.
    pub fn effective(&self, month: Month, mut spec: InstanceSpec, window: u32) -> Result<Effective, LedgerError> {
        let sql = self.sql();
        let month_text = month.to_string();
        // Every demand of current plans before `month`, latest month last: the last state of
        // each origin decides whether it is still open.
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT d.since, d.origin, d.spec, NOT ({MET}) FROM demands d
                 JOIN plans p ON p.id = d.plan
                 JOIN demand_state s ON s.plan = d.plan AND s.demand = d.demand
                 WHERE p.replaced_at IS NULL AND p.month < ?1
                 ORDER BY p.month, d.rowid"
            ))
            .map_err(&sql)?;
        let mut open: Vec<Open> = Vec::new();
        let mut at: HashMap<(String, String), usize> = HashMap::new();
        let rows = statement
            .query_map([&month_text], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?)))
            .map_err(&sql)?;
        for row in rows {
            let (since, origin, json, is_open): (String, String, String, bool) = row.map_err(&sql)?;
            match at.get(&(since.clone(), origin.clone())) {
                Some(&k) => {
                    open[k].spec = json;
                    open[k].open = is_open;
                }
                None => {
                    at.insert((since.clone(), origin.clone()), open.len());
                    open.push(Open { since, origin, spec: json, open: is_open });
                }
            }
        }
        let regions: HashSet<&str> = spec.regions.iter().map(|r| r.id.as_str()).collect();
        let mut taken: HashSet<String> = spec.demands.iter().map(|d| d.id.clone()).collect();
        let (mut carried_demands, mut carried, mut left_out) = (Vec::new(), Vec::new(), Vec::new());
        for o in open.iter().filter(|o| o.open) {
            let mut demand: DemandSpec = serde_json::from_str(&o.spec).map_err(|e| LedgerError::Refused {
                file: self.file.clone(),
                message: format!("the stored demand {:?} of {} cannot be read: {e}", o.origin, o.since),
            })?;
            if let Some(region) = demand.region.as_deref().filter(|r| !regions.contains(r)) {
                left_out
                    .push(format!("{} of {}: its region {region:?} is not in this month's regions", o.origin, o.since));
                continue;
            }
            if demand.at.is_none() && spec.arcs.is_empty() {
                left_out.push(format!("{} of {}: it has no location and this month has no arcs", o.origin, o.since));
                continue;
            }
            let since =
                Month::parse(&o.since).map_err(|message| LedgerError::Refused { file: self.file.clone(), message })?;
            let mut id = o.origin.clone();
            let mut k = 1;
            while taken.contains(&id) {
                id = if k == 1 { format!("{}@{}", o.origin, o.since) } else { format!("{}@{}-{k}", o.origin, o.since) };
                k += 1;
            }
            taken.insert(id.clone());
            demand.id = id.clone();
            demand.age = Some(f64::from(month.since(since)));
            // A carried demand may be served in any slot of this month, and this month's lists
            // decide what must be done.
            demand.slots = None;
            demand.must = None;
            carried.push(CarriedSpec { demand: id, since: o.since.clone(), id: o.origin.clone() });
            carried_demands.push(demand);
        }
        spec.demands.extend(carried_demands);
        let history = HistorySpec {
            month: Some(month_text.clone()),
            window: Some(window),
            regions: self.region_history(month, window, &regions)?,
            volunteers: self.volunteer_history(month, &spec)?,
            series: self.series_history(month, &spec)?,
            carried,
        };
        let count = history.carried.len();
        spec.history = Some(history);
        Ok(Effective { spec, carried: count, left_out })
    }

    /// Weight offered and met per fairness region over the `window` months before `month`,
    /// for the regions of this month's lists.
    fn region_history(
        &self,
        month: Month,
        window: u32,
        regions: &HashSet<&str>,
    ) -> Result<Vec<RegionHistorySpec>, LedgerError> {
        let sql = self.sql();
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT d.region, SUM(d.weight), SUM(CASE WHEN {MET} THEN d.weight ELSE 0 END) FROM demands d
                 JOIN plans p ON p.id = d.plan
                 JOIN demand_state s ON s.plan = d.plan AND s.demand = d.demand
                 WHERE p.replaced_at IS NULL AND p.month >= ?1 AND p.month < ?2 AND d.region IS NOT NULL
                 GROUP BY d.region ORDER BY MIN(p.month), MIN(d.rowid)"
            ))
            .map_err(&sql)?;
        let from = month.plus(-(window as i32)).to_string();
        let rows = statement
            .query_map([from, month.to_string()], |r| {
                Ok(RegionHistorySpec { region: r.get(0)?, offered: r.get(1)?, met: r.get(2)? })
            })
            .map_err(&sql)?;
        let mut history = Vec::new();
        for row in rows {
            let row = row.map_err(&sql)?;
            if regions.contains(row.region.as_str()) {
                history.push(row);
            }
        }
        Ok(history)
    }

    /// Hours each of this month's volunteers gave from January to the month before `month`:
    /// the recorded hours where an outcome exists, else the planned hours.
    fn volunteer_history(&self, month: Month, spec: &InstanceSpec) -> Result<Vec<VolunteerHistorySpec>, LedgerError> {
        let sql = self.sql();
        let mut statement = self
            .conn
            .prepare(
                "SELECT t.volunteer, SUM(COALESCE(o.hours, t.hours)) FROM team t
                 JOIN plans p ON p.id = t.plan
                 LEFT JOIN outcomes o ON o.plan = t.plan AND o.demand = t.demand AND o.volunteer = t.volunteer
                 WHERE p.replaced_at IS NULL AND p.month >= ?1 AND p.month < ?2
                 GROUP BY t.volunteer",
            )
            .map_err(&sql)?;
        let hours: HashMap<String, f64> = statement
            .query_map([month.january().to_string(), month.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(&sql)?;
        Ok(spec
            .volunteers
            .iter()
            .filter_map(|v| hours.get(&v.id).map(|&h| VolunteerHistorySpec { volunteer: v.id.clone(), hours: h }))
            .collect())
    }

    /// For each series of this month's demands: the latest earlier month that met it, and its
    /// volunteers there who came (no `no_show`) and are on this month's list.
    fn series_history(&self, month: Month, spec: &InstanceSpec) -> Result<Vec<SeriesHistorySpec>, LedgerError> {
        let sql = self.sql();
        let volunteers: HashSet<&str> = spec.volunteers.iter().map(|v| v.id.as_str()).collect();
        let wanted: HashSet<&str> = spec.demands.iter().filter_map(|d| d.series.as_deref()).collect();
        // One pass over every series, latest month first, rather than one query per series.
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT d.series, p.month, t.volunteer FROM demands d
                 JOIN plans p ON p.id = d.plan
                 JOIN demand_state s ON s.plan = d.plan AND s.demand = d.demand
                 JOIN team t ON t.plan = d.plan AND t.demand = d.demand
                 LEFT JOIN outcomes o ON o.plan = t.plan AND o.demand = t.demand AND o.volunteer = t.volunteer
                 WHERE p.replaced_at IS NULL AND p.month < ?1 AND d.series IS NOT NULL AND {MET}
                   AND (o.outcome IS NULL OR o.outcome <> 'no_show')
                 ORDER BY d.series, p.month DESC, t.rowid"
            ))
            .map_err(&sql)?;
        let rows = statement
            .query_map([month.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))
            .map_err(&sql)?;
        let mut history: Vec<SeriesHistorySpec> = Vec::new();
        for row in rows {
            let (series, last, volunteer): (String, String, String) = row.map_err(&sql)?;
            if !wanted.contains(series.as_str()) {
                continue;
            }
            match history.last_mut() {
                Some(h) if h.series == series => {
                    if h.month == last && volunteers.contains(volunteer.as_str()) && !h.volunteers.contains(&volunteer)
                    {
                        h.volunteers.push(volunteer);
                    }
                }
                _ => {
                    let served = if volunteers.contains(volunteer.as_str()) { vec![volunteer] } else { Vec::new() };
                    history.push(SeriesHistorySpec { series, month: last, volunteers: served });
                }
            }
        }
        Ok(history)
    }
}
