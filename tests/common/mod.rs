//! Shared test helpers: a generator of small random instances with every field of the format
//! in play, and a one-call "solve and check" that every solver's plan goes through.
#![allow(dead_code)]

mod brute;
pub mod gap;
pub mod run;
pub mod sample;
pub mod schema;
mod solve;
pub mod tools;
#[allow(unused_imports)]
pub use brute::brute_force_optimum;
#[allow(unused_imports)]
pub use solve::{solve_and_check, solve_and_check_on};

use civic_match::format::*;
use civic_match::policy::capacity_policy;
use civic_match::problem::Problem;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Size knobs for [`random_spec`].
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub demands: usize,
    pub volunteers: usize,
    pub slots: usize,
}

pub const SMALL: Size = Size { demands: 12, volunteers: 8, slots: 4 };

/// The exact solver's backends compiled into this build: microlp always, HiGHS with its feature.
pub fn backends() -> Vec<civic_match::solve::Backend> {
    use civic_match::solve::Backend;
    #[allow(unused_mut)]
    let mut backends = vec![Backend::Microlp];
    #[cfg(feature = "highs")]
    backends.push(Backend::Highs);
    backends
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &'a [&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

fn some_of(rng: &mut ChaCha8Rng, items: &[String], p: f64) -> Vec<String> {
    items.iter().filter(|_| rng.random_bool(p)).cloned().collect()
}

/// A random valid-looking instance: a two-level region tree, slots with hours, units,
/// volunteers with skills, hours, slots and max_tasks, demands with teams, needs, weights and
/// `must` flags, resources serving communities or streets, fairness, and (for some seeds) arcs
/// with negative costs instead of distances.
pub fn random_spec(seed: u64, size: Size) -> InstanceSpec {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let use_arcs = rng.random_bool(0.3);
    let slot_ids: Vec<String> = (0..size.slots).map(|s| format!("s{s}")).collect();
    let slots = rng.random_bool(0.85).then(|| {
        slot_ids
            .iter()
            .map(|id| SlotSpec {
                id: id.clone(),
                hours: rng.random_bool(0.8).then(|| rng.random_range(2..=8) as f64 / 2.0),
            })
            .collect()
    });
    let slot_ids = if slots.is_some() { slot_ids } else { vec!["month".to_string()] };
    let mut regions = vec![RegionSpec { id: "city".into(), parent: None, level: Some("street".into()), name: None }];
    let communities = ["c1", "c2", "c3"];
    for c in communities {
        regions.push(RegionSpec {
            id: c.into(),
            parent: Some("city".into()),
            level: Some("community".into()),
            name: Some(format!("{c}社区")),
        });
    }
    let units = vec![UnitSpec { id: "u1".into(), name: Some("供电所".into()), region: Some("city".into()) }];
    let skills = ["a", "b", "c"];
    let near = |rng: &mut ChaCha8Rng| [32.0 + rng.random_range(-0.01..0.01), 112.0 + rng.random_range(-0.01..0.01)];
    let volunteers: Vec<VolunteerSpec> = (0..size.volunteers)
        .map(|v| VolunteerSpec {
            id: format!("v{v}"),
            name: None,
            region: rng.random_bool(0.9).then(|| pick(&mut rng, &communities).to_string()),
            unit: rng.random_bool(0.3).then(|| "u1".to_string()),
            at: (!use_arcs || rng.random_bool(0.5)).then(|| near(&mut rng)),
            skills: rng
                .random_bool(0.8)
                .then(|| skills.iter().filter(|_| rng.random_bool(0.5)).map(|s| s.to_string()).collect()),
            hours: rng.random_bool(0.8).then(|| rng.random_range(1..=12) as f64 / 2.0),
            slots: rng.random_bool(0.7).then(|| some_of(&mut rng, &slot_ids, 0.6)),
            max_tasks: rng.random_bool(0.5).then(|| rng.random_range(0..=3)),
            max_standby: None,
        })
        .collect();
    let kinds = ["funds", "venue"];
    let demands: Vec<DemandSpec> = (0..size.demands)
        .map(|d| DemandSpec {
            id: format!("d{d}"),
            region: rng.random_bool(0.9).then(|| pick(&mut rng, &communities).to_string()),
            at: (!use_arcs || rng.random_bool(0.5)).then(|| near(&mut rng)),
            kind: Some("service".into()),
            title: Some(format!("需求{d}")),
            skills: rng.random_bool(0.6).then(|| vec![pick(&mut rng, &skills).to_string()]),
            people: rng.random_bool(0.6).then(|| rng.random_range(1..=3)),
            standby: None,
            hours: rng.random_bool(0.8).then(|| rng.random_range(1..=6) as f64 / 2.0),
            slots: rng.random_bool(0.6).then(|| some_of(&mut rng, &slot_ids, 0.6)),
            needs: rng.random_bool(0.5).then(|| {
                let mut needs = Vec::new();
                for k in kinds {
                    if rng.random_bool(0.6) {
                        needs.push(NeedSpec { kind: k.to_string(), amount: rng.random_range(0..=40) as f64 * 10.0 });
                    }
                }
                needs
            }),
            weight: rng.random_bool(0.8).then(|| rng.random_range(0..=10) as f64 / 2.0),
            must: rng.random_bool(0.15).then_some(true),
            age: None,
            series: None,
        })
        .collect();
    let resources: Vec<ResourceSpec> = (0..rng.random_range(0..=4))
        .map(|r| ResourceSpec {
            id: format!("r{r}"),
            unit: rng.random_bool(0.5).then(|| "u1".to_string()),
            kind: pick(&mut rng, &kinds).to_string(),
            amount: rng.random_range(0..=60) as f64 * 10.0,
            serves: vec![if rng.random_bool(0.3) {
                "city".to_string()
            } else {
                pick(&mut rng, &communities).to_string()
            }],
        })
        .collect();
    let arcs = if use_arcs {
        let mut arcs = Vec::new();
        for d in &demands {
            for v in &volunteers {
                if rng.random_bool(0.5) {
                    arcs.push(ArcSpec {
                        demand: d.id.clone(),
                        volunteer: v.id.clone(),
                        cost: rng.random_bool(0.8).then(|| rng.random_range(-4..=8) as f64 / 4.0),
                        hours: rng.random_bool(0.5).then(|| rng.random_range(1..=6) as f64 / 2.0),
                    });
                }
            }
        }
        arcs
    } else {
        Vec::new()
    };
    let policy = PolicySpec {
        max_km: rng.random_bool(0.8).then(|| rng.random_range(1..=20) as f64 / 10.0),
        travel_weight: rng.random_bool(0.7).then(|| rng.random_range(0..=10) as f64 / 10.0),
        max_tasks_per_slot: None,
        fairness: rng.random_bool(0.6).then(|| FairnessSpec {
            level: Some("community".into()),
            min_coverage: Some(rng.random_range(0..=10) as f64 / 10.0),
            penalty: Some(rng.random_range(0..=6) as f64 / 2.0),
            cumulative: None,
        }),
        ..Default::default()
    };
    let mut spec = InstanceSpec {
        format: INSTANCE_FORMAT.into(),
        name: Some(format!("random-{seed}")),
        slots,
        regions,
        units,
        volunteers,
        demands,
        resources,
        arcs,
        policy,
        history: None,
        pinned: Vec::new(),
    };
    drop_unsatisfiable_musts(&mut spec);
    spec
}

/// Clears the `must` flag of demands that validation would reject (too few candidates or
/// resources) and of those that no team could serve even alone, so that the instance is valid
/// and its `must` demands are each satisfiable (together they may still collide).
fn drop_unsatisfiable_musts(spec: &mut InstanceSpec) {
    if let Err(issues) = Problem::from_spec(spec, "random") {
        for issue in issues {
            let index: usize = issue.path["demands[".len()..].split(']').next().unwrap().parse().unwrap();
            spec.demands[index].must = None;
        }
    }
    let problem = Problem::from_spec(spec, "random").expect("valid once unsatisfiable musts are dropped");
    let fresh = capacity_policy(&problem.instance);
    for (d, demand) in spec.demands.iter_mut().enumerate() {
        if fresh.cheapest_team(&problem.instance, d, problem.candidates.of(d)).is_none() {
            demand.must = None;
        }
    }
}

/// [`random_spec`] with the history policies on: `age` 1–6 on about half the demands, ageing
/// (`per_month` 0–1, `cap` 1–3), cumulative fairness (added when the spec had none) and past
/// weights offered and met for some communities. The seed's base instance is unchanged; the
/// history is drawn from a second stream.
pub fn random_spec_with_history(seed: u64, size: Size) -> InstanceSpec {
    let mut spec = random_spec(seed, size);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6869_7374_6f72_7921);
    for d in &mut spec.demands {
        d.age = rng.random_bool(0.5).then(|| rng.random_range(1..=6) as f64);
    }
    spec.policy.aging =
        Some(AgingSpec { per_month: rng.random_range(0..=8) as f64 / 8.0, cap: rng.random_range(4..=12) as f64 / 4.0 });
    let fairness = spec.policy.fairness.get_or_insert_with(|| FairnessSpec {
        level: Some("community".into()),
        min_coverage: Some(rng.random_range(2..=10) as f64 / 10.0),
        penalty: Some(rng.random_range(1..=6) as f64 / 2.0),
        cumulative: None,
    });
    fairness.cumulative = Some(true);
    let mut regions = Vec::new();
    for c in ["c1", "c2", "c3"] {
        if rng.random_bool(0.8) {
            let offered = rng.random_range(0..=40) as f64 / 2.0;
            let met = offered * rng.random_range(0..=10) as f64 / 10.0;
            regions.push(RegionHistorySpec { region: c.into(), offered, met });
        }
    }
    // Members' balance: some volunteers have given hours this year, some not.
    let volunteers = spec
        .volunteers
        .iter()
        .filter_map(|v| {
            let hours = rng.random_range(0..=12) as f64;
            rng.random_bool(0.6).then(|| VolunteerHistorySpec { volunteer: v.id.clone(), hours })
        })
        .collect();
    spec.policy.balance =
        Some(BalanceSpec { target: rng.random_range(2..=10) as f64, per_hour: rng.random_range(0..=8) as f64 / 10.0 });
    // Continuity: a few series, each demand in one of them or in none, served last time by
    // one or two of the volunteers.
    let names: Vec<String> = spec.volunteers.iter().map(|v| v.id.clone()).collect();
    let mut series = Vec::new();
    for (k, name) in ["visit-a", "visit-b", "visit-c"].iter().enumerate() {
        if rng.random_bool(0.8) && !names.is_empty() {
            let mut served = vec![names[rng.random_range(0..names.len())].clone()];
            if rng.random_bool(0.3) {
                served.push(names[rng.random_range(0..names.len())].clone());
            }
            series.push(SeriesHistorySpec {
                series: name.to_string(),
                month: format!("2026-0{}", k + 1),
                volunteers: served,
            });
        }
    }
    for d in &mut spec.demands {
        d.series = rng.random_bool(0.5).then(|| ["visit-a", "visit-b", "visit-c"][rng.random_range(0..3)].to_string());
    }
    spec.policy.continuity = Some(ContinuitySpec { bonus: rng.random_range(0..=8) as f64 / 4.0 });
    spec.history = Some(HistorySpec { regions, volunteers, series, ..Default::default() });
    spec
}

/// The problem of a random spec.
pub fn random_problem(seed: u64, size: Size) -> Problem {
    Problem::from_spec(&random_spec(seed, size), "random").expect("random instances are valid")
}
