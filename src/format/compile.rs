//! Turning a valid [`InstanceSpec`] into the dense [`Instance`] and the [`Names`] that map
//! indices back to ids.

use super::spec::InstanceSpec;
use crate::model::{
    Aging, Arc, Balance, BitSet, Continuity, Demand, Fairness, Instance, Need, Pin, Policy, Region, Resource, Slot,
    Supply, Volunteer,
};
use foldhash::{HashMap, HashMapExt};

/// The string side of an instance: ids and names by dense index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// The instance's name.
    pub instance: String,
    /// Slot ids.
    pub slots: Vec<String>,
    /// Region ids.
    pub regions: Vec<String>,
    /// Region display names (the id when the file gives none).
    pub region_names: Vec<String>,
    /// Unit ids.
    pub units: Vec<String>,
    /// Volunteer ids.
    pub volunteers: Vec<String>,
    /// Demand ids.
    pub demands: Vec<String>,
    /// Resource ids.
    pub resources: Vec<String>,
    /// Skill names.
    pub skills: Vec<String>,
    /// Resource kind names.
    pub kinds: Vec<String>,
    /// Region level names.
    pub levels: Vec<String>,
}

/// Assigns dense indices to strings in order of first appearance.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn get(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.index.insert(name.to_string(), i);
        self.names.push(name.to_string());
        i
    }

    fn sorted_set(&mut self, names: &[String]) -> Vec<u32> {
        let mut set: Vec<u32> = names.iter().map(|n| self.get(n)).collect();
        set.sort_unstable();
        set.dedup();
        set
    }
}

fn positions<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<&'a str, u32> {
    ids.enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect()
}

/// The ageing multiplier min(cap, 1 + per_month × age) of a demand that has waited `age` months.
fn aged(aging: Aging, age: u32) -> f64 {
    aging.cap.min(1.0 + aging.per_month * f64::from(age))
}

/// `[offered, met]` of `history.regions` per region index (entries of one region added up);
/// empty when the history names no region.
fn region_past(spec: &InstanceSpec, region_at: &HashMap<&str, u32>) -> Vec<[f64; 2]> {
    let entries = spec.history.iter().flat_map(|h| &h.regions);
    let mut past = Vec::new();
    for entry in entries {
        past.resize(spec.regions.len(), [0.0; 2]);
        let slot = &mut past[region_at[entry.region.as_str()] as usize];
        slot[0] += entry.offered;
        slot[1] += entry.met;
    }
    past
}

/// Hours of `history.volunteers` per volunteer index (entries of one volunteer added up).
fn past_hours(spec: &InstanceSpec, volunteer_at: &HashMap<&str, u32>) -> Vec<f64> {
    let mut hours = vec![0.0; spec.volunteers.len()];
    for entry in spec.history.iter().flat_map(|h| &h.volunteers) {
        hours[volunteer_at[entry.volunteer.as_str()] as usize] += entry.hours;
    }
    hours
}

/// Per series id, the volunteers of its `history.series` entries (all entries of a series
/// together), sorted and without repeats.
fn series_volunteers<'a>(spec: &'a InstanceSpec, volunteer_at: &HashMap<&str, u32>) -> HashMap<&'a str, Vec<u32>> {
    let mut kept: HashMap<&str, Vec<u32>> = HashMap::new();
    for entry in spec.history.iter().flat_map(|h| &h.series) {
        kept.entry(entry.series.as_str())
            .or_default()
            .extend(entry.volunteers.iter().map(|v| volunteer_at[v.as_str()]));
    }
    for list in kept.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    kept
}

/// Compiles a spec that passed [`super::validate()`]; `default_name` names an unnamed instance.
///
/// # Panics
/// When the spec holds an unknown reference (validation rejects those first).
pub fn compile(spec: &InstanceSpec, default_name: &str) -> (Instance, Names) {
    let slot_ids: Vec<String> = match &spec.slots {
        Some(slots) => slots.iter().map(|s| s.id.clone()).collect(),
        None => vec!["month".to_string()],
    };
    let slots: Vec<Slot> = match &spec.slots {
        Some(slots) => slots.iter().map(|s| Slot { hours: s.hours.unwrap_or(f64::INFINITY) }).collect(),
        None => vec![Slot { hours: f64::INFINITY }],
    };
    let slot_at = positions(slot_ids.iter());
    let region_at = positions(spec.regions.iter().map(|r| &r.id));
    let unit_at = positions(spec.units.iter().map(|u| &u.id));
    let region = |id: &Option<String>| id.as_deref().map(|r| region_at[r]);
    let slot_set = |ids: &Option<Vec<String>>| match ids {
        Some(ids) => {
            let mut set = BitSet::empty(slots.len());
            ids.iter().for_each(|s| set.insert(slot_at[s.as_str()] as usize));
            set
        }
        None => BitSet::full(slots.len()),
    };
    let (mut skills, mut kinds, mut levels) = (Interner::default(), Interner::default(), Interner::default());
    let p = &spec.policy;
    let aging = p.aging.as_ref().map(|a| Aging { per_month: a.per_month, cap: a.cap });
    let volunteer_at = positions(spec.volunteers.iter().map(|v| &v.id));
    let past = past_hours(spec, &volunteer_at);
    let series = series_volunteers(spec, &volunteer_at);

    let regions = spec
        .regions
        .iter()
        .map(|r| Region { parent: region(&r.parent), level: r.level.as_deref().map(|l| levels.get(l)) })
        .collect();
    let volunteers = spec
        .volunteers
        .iter()
        .zip(past)
        .map(|(v, past_hours)| Volunteer {
            region: region(&v.region),
            unit: v.unit.as_deref().map(|u| unit_at[u]),
            at: v.at,
            skills: skills.sorted_set(v.skills.as_deref().unwrap_or_default()),
            hours: v.hours.unwrap_or(f64::INFINITY),
            slots: slot_set(&v.slots),
            max_tasks: v.max_tasks.map_or(u32::MAX, |t| t.clamp(0, u32::MAX as i64) as u32),
            max_standby: v.max_standby.map_or(u32::MAX, |t| t.clamp(0, u32::MAX as i64) as u32),
            past_hours,
            booked: Vec::new(),
        })
        .collect();
    let demands = spec
        .demands
        .iter()
        .map(|d| {
            let listed_weight = d.weight.unwrap_or(1.0);
            let age = d.age.map_or(0, |a| a.clamp(0.0, u32::MAX as f64) as u32);
            Demand {
                region: region(&d.region),
                at: d.at,
                skills: skills.sorted_set(d.skills.as_deref().unwrap_or_default()),
                people: d.people.map_or(1, |p| p.clamp(1, u32::MAX as i64) as u32),
                standby: d.standby.map_or(0, |b| b.clamp(0, u32::MAX as i64) as u32),
                hours: d.hours.unwrap_or(1.0),
                slots: slot_set(&d.slots),
                needs: d.needs.iter().flatten().map(|n| Need { kind: kinds.get(&n.kind), amount: n.amount }).collect(),
                weight: listed_weight * aging.map_or(1.0, |a| aged(a, age)),
                listed_weight,
                age,
                must: d.must.unwrap_or(false),
                kept: d.series.as_deref().and_then(|s| series.get(s)).cloned().unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>();
    let resources = spec
        .resources
        .iter()
        .map(|r| {
            let mut serves: Vec<u32> = r.serves.iter().map(|g| region_at[g.as_str()]).collect();
            serves.sort_unstable();
            serves.dedup();
            Resource { unit: r.unit.as_deref().map(|u| unit_at[u]), kind: kinds.get(&r.kind), amount: r.amount, serves }
        })
        .collect();
    let demand_at = positions(spec.demands.iter().map(|d| &d.id));
    let arcs = spec
        .arcs
        .iter()
        .map(|a| {
            let demand = demand_at[a.demand.as_str()];
            let hours = a.hours.unwrap_or(demands[demand as usize].hours);
            Arc { demand, volunteer: volunteer_at[a.volunteer.as_str()], cost: a.cost.unwrap_or(0.0), hours }
        })
        .collect();
    let fairness = p.fairness.as_ref().map(|f| Fairness {
        level: f.level.as_deref().and_then(|l| levels.index.get(l).copied()),
        min_coverage: f.min_coverage.unwrap_or(0.0),
        penalty: f.penalty.unwrap_or(0.0),
        cumulative: f.cumulative.unwrap_or(false),
        past: region_past(spec, &region_at),
    });
    let policy = Policy {
        max_km: p.max_km.unwrap_or(f64::INFINITY),
        travel_weight: p.travel_weight.unwrap_or(0.0),
        // A limit beyond u32::MAX limits nothing, as "unlimited" does.
        max_tasks_per_slot: p.max_tasks_per_slot.map_or(u32::MAX, |n| n.clamp(0.0, u32::MAX as f64) as u32),
        fairness,
        aging,
        balance: p.balance.as_ref().map(|b| Balance { target: b.target, per_hour: b.per_hour }),
        continuity: p.continuity.as_ref().map(|c| Continuity { bonus: c.bonus }),
    };
    let resource_at = positions(spec.resources.iter().map(|r| &r.id));
    let pins = spec
        .pinned
        .iter()
        .map(|p| Pin {
            demand: demand_at[p.demand.as_str()],
            slot: p.slot.as_deref().map(|s| slot_at[s]),
            volunteers: p.volunteers.iter().map(|v| volunteer_at[v.as_str()]).collect(),
            supplies: p.supplies.as_ref().map(|list| {
                list.iter().map(|s| Supply { resource: resource_at[s.resource.as_str()], amount: s.amount }).collect()
            }),
            standby: p.standby.iter().map(|v| volunteer_at[v.as_str()]).collect(),
        })
        .collect();
    let instance = Instance {
        slots,
        regions,
        unit_count: spec.units.len(),
        skill_count: skills.names.len(),
        kind_count: kinds.names.len(),
        volunteers,
        demands,
        resources,
        arcs,
        policy,
        pins,
    };
    let ids = |it: &mut dyn Iterator<Item = &String>| it.cloned().collect::<Vec<_>>();
    let names = Names {
        instance: spec.name.clone().unwrap_or_else(|| default_name.to_string()),
        slots: slot_ids,
        regions: ids(&mut spec.regions.iter().map(|r| &r.id)),
        region_names: spec.regions.iter().map(|r| r.name.clone().unwrap_or_else(|| r.id.clone())).collect(),
        units: ids(&mut spec.units.iter().map(|u| &u.id)),
        volunteers: ids(&mut spec.volunteers.iter().map(|v| &v.id)),
        demands: ids(&mut spec.demands.iter().map(|d| &d.id)),
        resources: ids(&mut spec.resources.iter().map(|r| &r.id)),
        skills: skills.names,
        kinds: kinds.names,
        levels: levels.names,
    };
    (instance, names)
}

#[cfg(test)]
mod tests {
    use super::compile;
    use crate::format::InstanceSpec;

    #[test]
    fn ageing_multiplies_the_listed_weight_up_to_its_cap() {
        let spec: InstanceSpec = serde_json::from_value(serde_json::json!({
            "format": "civic-match/1",
            "volunteers": [{"id": "v1"}],
            "demands": [{"id": "fresh", "weight": 2.0}, {"id": "old", "weight": 2.0, "age": 2},
                        {"id": "older", "weight": 2.0, "age": 9}],
            "arcs": [{"demand": "fresh", "volunteer": "v1"}],
            "policy": {"aging": {"per_month": 0.5, "cap": 3.0}}
        }))
        .unwrap();
        let (instance, _) = compile(&spec, "t");
        let weights: Vec<(f64, f64, u32)> =
            instance.demands.iter().map(|d| (d.weight, d.listed_weight, d.age)).collect();
        assert_eq!(weights, [(2.0, 2.0, 0), (4.0, 2.0, 2), (6.0, 2.0, 9)]);
    }
}
