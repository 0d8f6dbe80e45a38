//! The split along the region tree: blocks that share nothing a search could change, and a
//! search over them side by side whose plans pass the checker and do not depend on threads.

mod common;

use civic_match::format::Status;
use civic_match::generate::{generate, Preset};
use civic_match::policy::plan_objective;
use civic_match::problem::Problem;
use civic_match::solve::{greedy_plan, Blocks, Greedy, Shared, SolveResult, Solver, Stop};
use std::time::Duration;

/// The greedy plan improved by searching the month's blocks side by side.
struct InBlocks {
    seed: u64,
    iterations: u64,
}

impl Solver for InBlocks {
    fn name(&self) -> &'static str {
        "blocks"
    }

    fn solve_unpinned(&self, problem: &Problem) -> SolveResult {
        let (start, complete) = greedy_plan(problem);
        assert!(complete, "the greedy plan meets every must demand");
        let blocks = Blocks::of(problem).expect("the month splits into blocks");
        let shared = Shared::new(problem, None);
        let stop = Stop { iterations: Some(self.iterations), ..Stop::default() };
        let plan = blocks.improve(&shared, &start, self.seed, stop);
        let objective = plan_objective(&problem.instance, &problem.candidates, &problem.fairness, &plan);
        SolveResult {
            plan,
            status: Status::Feasible,
            objective: Some(objective),
            bound: None,
            solver: "blocks",
            time: Duration::ZERO,
        }
    }
}

/// `groups` independent groups of 4 volunteers and 20 demands joined by arcs only within the
/// group, and no region tree.
fn groups(groups: usize) -> Problem {
    let mut volunteers = Vec::new();
    let mut demands = Vec::new();
    let mut arcs = Vec::new();
    for g in 0..groups {
        for v in 0..4 {
            volunteers.push(serde_json::json!({"id": format!("v{g}-{v}"), "hours": 6.0, "max_tasks": 4}));
        }
        for d in 0..20 {
            let id = format!("d{g}-{d}");
            demands.push(serde_json::json!({"id": id, "hours": 1.0 + (d % 3) as f64, "weight": 1.0 + (d % 5) as f64}));
            for v in 0..4 {
                let cost = ((g * 7 + d * 3 + v * 5) % 11) as f64 / 10.0;
                arcs.push(serde_json::json!({"demand": id, "volunteer": format!("v{g}-{v}"), "cost": cost}));
            }
        }
    }
    let spec = serde_json::json!({
        "format": "civic-match/1", "volunteers": volunteers, "demands": demands, "arcs": arcs
    });
    Problem::from_spec(&serde_json::from_value(spec).unwrap(), "groups").unwrap()
}

fn town(seed: u64) -> Problem {
    Problem::from_spec(&generate(Preset::Town, seed), "town").unwrap()
}

#[test]
fn blocks_share_no_demand_volunteer_or_fairness_region_and_the_cut_holds_every_demand_between_them() {
    let problem = town(1);
    let blocks = Blocks::of(&problem).expect("a town splits");
    assert!(blocks.parts.len() >= 4, "{} blocks", blocks.parts.len());
    let inst = &problem.instance;
    let mut demand_part = vec![None; inst.demands.len()];
    let mut volunteer_part = vec![None; inst.volunteers.len()];
    for (b, part) in blocks.parts.iter().enumerate() {
        let movable = part.movable.as_ref().unwrap();
        let owned = part.owned.as_ref().unwrap();
        assert_eq!(part.seeds.len(), movable.iter().filter(|&&m| m).count());
        for &d in &part.seeds {
            assert!(movable[d as usize]);
            assert_eq!(demand_part[d as usize].replace(b), None, "demand {d} in two blocks");
        }
        for v in (0..inst.volunteers.len()).filter(|&v| owned[v]) {
            assert_eq!(volunteer_part[v].replace(b), None, "volunteer {v} in two blocks");
        }
    }
    let mut group_part = vec![None; problem.fairness.total.len()];
    for (d, &part) in demand_part.iter().enumerate() {
        if let Some(g) = problem.fairness.group_of[d] {
            let first = *group_part[g as usize].get_or_insert(part);
            assert_eq!(first, part, "fairness region {g} spans blocks");
        }
        let crosses = problem.candidates.of(d).volunteers.iter().any(|&v| volunteer_part[v as usize] != part);
        let in_cut = blocks.cut.seeds.contains(&(d as u32));
        assert_eq!(in_cut, part.is_none() || crosses, "demand {d}");
    }
    assert!(blocks.share.iter().all(|&s| s > 0.0 && s <= 1.0));
}

#[test]
fn searching_blocks_side_by_side_gives_checked_plans_better_than_greedy_on_any_thread_count() {
    let problem = town(2);
    let (greedy, _) = common::solve_and_check(&problem, &Greedy);
    let search = InBlocks { seed: 7, iterations: 20_000 };
    let on = |threads: usize| common::solve_and_check_on(threads, &problem, &search);
    let (one, one_file) = on(1);
    let (_, four_file) = on(4);
    assert_eq!(one_file.assignments, four_file.assignments, "same seed and work, same plan");
    let (g, b) = (greedy.objective.unwrap(), one.objective.unwrap());
    assert!(b > g * 1.03, "the block search gained too little: greedy {g}, blocks {b}");
}

#[test]
fn a_month_without_regions_splits_into_its_components_with_nothing_between_them() {
    let problem = groups(10);
    let blocks = Blocks::of(&problem).expect("ten components split");
    assert_eq!(blocks.parts.len(), 10);
    assert!(blocks.cut.seeds.is_empty(), "nothing joins two components");
    for part in &blocks.parts {
        let owned = part.owned.as_ref().unwrap();
        assert_eq!(part.seeds.len(), 20);
        for &d in &part.seeds {
            assert!(problem.candidates.of(d as usize).volunteers.iter().all(|&v| owned[v as usize]));
        }
    }
    let (greedy, _) = common::solve_and_check(&problem, &Greedy);
    let search = InBlocks { seed: 3, iterations: 4_000 };
    let on = |threads: usize| common::solve_and_check_on(threads, &problem, &search);
    let (one, one_file) = on(1);
    assert_eq!(one_file.assignments, on(3).1.assignments, "same seed and work, same plan");
    assert!(one.objective.unwrap() >= greedy.objective.unwrap() - 1e-9);
}
