//! Generator profiles: every profile's month is valid, repeatable, keeps its promise measured
//! on the instance, keeps every `must` demand meetable, and solves to checked plans that meet
//! them; `standard` is the original generator's month byte for byte.
//!
//! County scale runs by default; town and city months are ignored tests, run them with
//! `cargo test --release --test profiles -- --ignored`.

mod common;
#[path = "common/musts.rs"]
mod musts;

use civic_match::format::{instance_bytes, validate, InstanceSpec};
use civic_match::generate::{generate, generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use civic_match::solve::{Greedy, Heuristic, Solver};
use musts::{check_must_demands, km, slot_list};
use std::collections::BTreeMap;
use std::time::Duration;

/// FNV-1a, 64 bits: a fixed hash to pin files with, independent of the standard library's.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[test]
fn standard_months_are_the_original_generators_byte_for_byte() {
    // Hashes of the files the generator wrote before profiles existed.
    for (preset, seed, hash, len) in [
        (Preset::County, 1, 0x38e9_22d8_d3d9_c3e5, 284_866),
        (Preset::County, 2, 0xe32f_4267_196f_5c19, 283_150),
        (Preset::Town, 1, 0x1975_2b6e_b016_f9e9, 2_482_656),
    ] {
        let bytes = instance_bytes(&generate(preset, seed)).unwrap();
        assert_eq!((fnv1a(&bytes), bytes.len()), (hash, len), "{preset} seed {seed} changed");
        let same = instance_bytes(&generate_profile(preset, Profile::Standard, seed)).unwrap();
        assert!(same == bytes, "{preset} seed {seed}: the standard profile differs from generate");
    }
}

#[test]
fn profile_names_round_trip_and_help_lists_them_all() {
    for p in Profile::ALL {
        assert_eq!(p.name().parse::<Profile>().unwrap(), p);
        assert_eq!(p.to_string(), p.name());
        assert!(Profile::help().lines().any(|l| l.starts_with(p.name()) && l.len() > p.name().len() + 10));
    }
    assert_eq!(Profile::help().lines().count(), Profile::ALL.len());
    let err = "villages".parse::<Profile>().unwrap_err().to_string();
    assert!(err.contains("villages") && err.contains("tight-slots"), "{err}");
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// What a profile changes, measured on the instance.
#[derive(Debug)]
struct Figures {
    slots: usize,
    /// Longest and shortest slot.
    slot_hours: (f64, f64),
    /// Slots whose id names an evening (`eve`).
    evenings: usize,
    /// Share of volunteers offering more hours than any one of their slots holds: the slot
    /// caps (rule 4) split their time.
    slot_bound: f64,
    /// Median number of slots a volunteer is free on.
    volunteer_slots: f64,
    /// Median, lowest and highest monthly hours of volunteers.
    hours: (f64, f64, f64),
    most_tasks: i64,
    /// Funds held over funds asked, and the same for venues and materials.
    funds_ratio: f64,
    venue_ratio: f64,
    materials_ratio: f64,
    unit_funds: usize,
    /// Share of demands needing two or more people.
    teams: f64,
    musts: f64,
    /// Median distance from a community's volunteers' centre to the nearest other community's.
    nearest_community_km: f64,
    /// Median and lowest number of candidates of a demand (volunteers within reach holding its
    /// skills, or its arcs).
    candidates: (f64, f64),
    arcs: usize,
}

fn ratio(spec: &InstanceSpec, kind: &str) -> f64 {
    let held: f64 = spec.resources.iter().filter(|r| r.kind == kind).map(|r| r.amount).sum();
    let asked: f64 =
        spec.demands.iter().flat_map(|d| d.needs.iter().flatten()).filter(|n| n.kind == kind).map(|n| n.amount).sum();
    held / asked
}

impl Figures {
    fn of(spec: &InstanceSpec) -> Figures {
        let slot_hours: BTreeMap<&str, f64> =
            spec.slots.iter().flatten().map(|s| (s.id.as_str(), s.hours.unwrap())).collect();
        let all: Vec<f64> = slot_hours.values().copied().collect();
        let vs = &spec.volunteers;
        let bound = vs
            .iter()
            .filter(|v| {
                let widest = slot_list(spec, &v.slots).iter().map(|s| slot_hours[s.as_str()]).fold(0.0, f64::max);
                v.hours.unwrap() > widest
            })
            .count();
        let hours: Vec<f64> = vs.iter().map(|v| v.hours.unwrap()).collect();
        let mut centres: BTreeMap<&str, ([f64; 2], f64)> = BTreeMap::new();
        for v in vs {
            let c = centres.entry(v.region.as_deref().unwrap()).or_insert(([0.0, 0.0], 0.0));
            let at = v.at.unwrap();
            c.0 = [c.0[0] + at[0], c.0[1] + at[1]];
            c.1 += 1.0;
        }
        let centres: Vec<[f64; 2]> = centres.values().map(|(s, n)| [s[0] / n, s[1] / n]).collect();
        let nearest: Vec<f64> = centres
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                centres
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, &b)| km(a, b))
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        let problem = Problem::from_spec(spec, "profile").expect("valid");
        let counts: Vec<f64> =
            (0..spec.demands.len()).map(|d| problem.candidates.of(d).volunteers.len() as f64).collect();
        let n = spec.demands.len() as f64;
        Figures {
            slots: all.len(),
            slot_hours: (all.iter().copied().fold(0.0, f64::max), all.iter().copied().fold(f64::INFINITY, f64::min)),
            evenings: slot_hours.keys().filter(|id| id.ends_with("eve")).count(),
            slot_bound: bound as f64 / vs.len() as f64,
            volunteer_slots: median(vs.iter().map(|v| slot_list(spec, &v.slots).len() as f64).collect()),
            hours: (
                median(hours.clone()),
                hours.iter().copied().fold(f64::INFINITY, f64::min),
                hours.iter().copied().fold(0.0, f64::max),
            ),
            most_tasks: vs.iter().map(|v| v.max_tasks.unwrap()).max().unwrap(),
            funds_ratio: ratio(spec, "funds"),
            venue_ratio: ratio(spec, "venue"),
            materials_ratio: ratio(spec, "materials"),
            unit_funds: spec.resources.iter().filter(|r| r.kind == "funds" && r.unit.is_some()).count(),
            teams: spec.demands.iter().filter(|d| d.people.unwrap_or(1) >= 2).count() as f64 / n,
            musts: spec.demands.iter().filter(|d| d.must == Some(true)).count() as f64 / n,
            nearest_community_km: median(nearest),
            candidates: (median(counts.clone()), counts.iter().copied().fold(f64::INFINITY, f64::min)),
            arcs: spec.arcs.len(),
        }
    }
}

/// The profile's promise, measured on its month (and against the standard month of the same
/// preset and seed where the promise is relative).
fn check_promise(preset: Preset, profile: Profile, seed: u64, spec: &InstanceSpec, f: &Figures) {
    let standard = || Figures::of(&generate(preset, seed));
    match profile {
        Profile::Standard => {
            assert_eq!(f.slots, 27);
            assert!(f.slot_hours == (4.0, 3.5) && f.arcs == 0 && f.hours.2 <= 10.0, "{f:?}");
        }
        Profile::TightSlots => {
            assert!(f.slot_hours.0 <= 4.0 && f.slot_hours.1 >= 3.0, "{:?}", f.slot_hours);
            assert!(f.evenings >= 8, "{} evenings", f.evenings);
            for s in spec.slots.iter().flatten().filter(|s| s.id.ends_with("eve")) {
                assert_eq!(s.hours, Some(3.0), "{}", s.id);
            }
            for d in spec.demands.iter().filter(|d| d.must.is_none()) {
                assert!((2.0..=4.0).contains(&d.hours.unwrap()), "{}: {:?} h", d.id, d.hours);
            }
            assert!(f.slot_bound >= 0.8, "only {:.2} of volunteers are slot-bound", f.slot_bound);
            assert!(f.slot_bound > standard().slot_bound + 0.4);
            assert!(f.volunteer_slots <= 4.0, "volunteers free on a median {} slots", f.volunteer_slots);
        }
        Profile::LowHours => {
            assert!((5.0..=7.0).contains(&f.hours.0), "median {} h", f.hours.0);
            assert!(f.hours.1 >= 4.0 && f.hours.2 <= 16.0, "{:?}", f.hours);
            assert!(f.most_tasks >= 5, "most tasks {}", f.most_tasks);
        }
        Profile::Scarce => {
            assert!((0.25..=0.40).contains(&f.funds_ratio), "funds ratio {}", f.funds_ratio);
            assert_eq!(f.unit_funds, 0);
            assert!(f.venue_ratio <= 0.5 && f.materials_ratio <= 0.5, "{} {}", f.venue_ratio, f.materials_ratio);
        }
        Profile::Teams => assert!(f.teams >= 0.30, "{} of demands need teams", f.teams),
        Profile::MustHeavy => assert!(f.musts >= 0.10, "{} must", f.musts),
        Profile::ReturnDay => {
            assert_eq!(f.slots, 1);
            let slot = &spec.slots.as_ref().unwrap()[0];
            assert_eq!(slot.id, "2026-07-26", "the last Sunday of July 2026");
            assert!(slot.hours.unwrap() >= 8.0);
            assert!(spec.volunteers.iter().all(|v| v.slots.is_none()), "every member is free on the day");
            assert!(spec.demands.iter().all(|d| d.slots.is_none()));
        }
        Profile::Rural => {
            assert!(f.nearest_community_km >= 2.0, "nearest community {} km", f.nearest_community_km);
            assert!((3.0..=5.0).contains(&spec.policy.max_km.unwrap()));
            let s = standard();
            assert!(f.candidates.0 < 0.6 * s.candidates.0, "{:?} vs {:?}", f.candidates, s.candidates);
        }
        Profile::Arcs => {
            assert!(f.arcs > 0);
            let by_id: BTreeMap<&str, usize> =
                spec.demands.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
            let at: BTreeMap<&str, [f64; 2]> = spec.volunteers.iter().map(|v| (v.id.as_str(), v.at.unwrap())).collect();
            let mut detoured = 0;
            for a in &spec.arcs {
                let d = &spec.demands[by_id[a.demand.as_str()]];
                let (hours, cost) = (a.hours.unwrap(), a.cost.unwrap());
                assert!(hours >= d.hours.unwrap(), "{} → {}: {hours} h", a.demand, a.volunteer);
                // Cost is 0.2 per road km, and road km is 1.2–1.8 times the straight line.
                let line = km(at[a.volunteer.as_str()], d.at.unwrap());
                assert!(cost >= 0.2 * 1.2 * line - 1e-3 && cost <= 0.2 * 1.8 * line + 1e-3, "{a:?}: {line} km");
                detoured += usize::from(cost > 0.2 * 1.5 * line);
            }
            assert!(detoured > 0 && detoured < spec.arcs.len(), "detours are drawn per pair");
            assert!(spec.policy.max_km.is_none(), "arcs alone define the candidates");
        }
        Profile::Lean => {
            assert!(f.slot_hours.0 <= 4.0 && f.slot_hours.1 >= 3.0 && f.evenings >= 8, "{f:?}");
            assert!((5.0..=7.0).contains(&f.hours.0) && f.hours.1 >= 4.0 && f.hours.2 <= 16.0, "{:?}", f.hours);
            assert!((0.25..=0.40).contains(&f.funds_ratio) && f.unit_funds == 0, "funds ratio {}", f.funds_ratio);
        }
    }
}

/// Valid, repeatable, different by seed, its promise kept and (below city scale) its musts
/// certified meetable at once by a matching. At city scale with many musts that greedy matching
/// is too weak a certificate, so city months are certified by a checked plan instead.
fn check_month(preset: Preset, profile: Profile, seed: u64) -> InstanceSpec {
    let spec = generate_profile(preset, profile, seed);
    let issues = validate(&spec);
    assert!(issues.is_empty(), "{preset} {profile} seed {seed}: {:?}", &issues[..issues.len().min(5)]);
    let bytes = instance_bytes(&spec).unwrap();
    assert!(bytes == instance_bytes(&generate_profile(preset, profile, seed)).unwrap(), "{profile}: not repeatable");
    assert!(bytes != instance_bytes(&generate_profile(preset, profile, seed + 1)).unwrap());
    let figures = Figures::of(&spec);
    println!("{preset} {profile} seed {seed}: {figures:?}");
    check_promise(preset, profile, seed, &spec, &figures);
    if preset != Preset::City {
        check_must_demands(&spec);
    }
    spec
}

#[test]
fn every_profile_keeps_its_promise_at_county_scale() {
    for profile in Profile::ALL {
        for seed in [1, 2] {
            check_month(Preset::County, profile, seed);
        }
    }
}

#[test]
fn profiles_other_than_standard_change_the_month_and_name_it() {
    let standard = instance_bytes(&generate(Preset::County, 3)).unwrap();
    for profile in Profile::ALL.into_iter().skip(1) {
        let spec = generate_profile(Preset::County, profile, 3);
        assert!(instance_bytes(&spec).unwrap() != standard, "{profile} changed nothing");
        assert!(spec.name.as_deref().unwrap().contains(profile.name()));
    }
}

/// Greedy and (with `search`) a short heuristic search give checked plans that meet every must
/// demand.
fn solve_month(preset: Preset, profile: Profile, seed: u64, search: bool) {
    let spec = generate_profile(preset, profile, seed);
    let name = format!("{preset}-{profile}-{seed}");
    let problem = Problem::from_spec(&spec, &name).unwrap();
    let musts: Vec<&str> = spec.demands.iter().filter(|d| d.must == Some(true)).map(|d| d.id.as_str()).collect();
    let heuristic = Heuristic::new(Duration::from_secs(600)).with_seed(seed).with_iterations(Some(300));
    let solvers: &[&dyn Solver] = if search { &[&Greedy, &heuristic] } else { &[&Greedy] };
    for &solver in solvers {
        let (result, solution) = common::solve_and_check(&problem, solver);
        assert!(result.objective.is_some(), "{name} {}: no plan", solver.name());
        let met: Vec<&str> = solution.assignments.iter().map(|a| a.demand.as_str()).collect();
        for m in &musts {
            assert!(met.contains(m), "{name} {}: must demand {m} unmet", solver.name());
        }
    }
}

#[test]
fn every_profile_solves_to_checked_plans_meeting_every_must_at_county_scale() {
    for profile in Profile::ALL {
        solve_month(Preset::County, profile, 1, true);
    }
}

#[test]
#[ignore = "town and city scale: run in release"]
fn every_profile_keeps_its_promise_at_town_and_city_scale() {
    for profile in Profile::ALL {
        check_month(Preset::Town, profile, 1);
        solve_month(Preset::Town, profile, 1, true);
    }
    for profile in [Profile::TightSlots, Profile::Scarce, Profile::MustHeavy, Profile::Rural, Profile::Lean] {
        check_month(Preset::City, profile, 1);
        solve_month(Preset::City, profile, 1, false);
    }
}
