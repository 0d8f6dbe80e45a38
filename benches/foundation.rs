//! Speed of the foundation: candidate generation, the greedy plan and the Lagrangian bound's
//! steps on generated months.

use civic_match::candidates::Candidates;
use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::solve::{greedy_plan, plan_objective_of, Greedy, Lagrangian, Solver};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn problem(preset: Preset) -> Problem {
    Problem::from_spec(&generate(preset, 1), preset.name()).expect("generated months are valid")
}

fn candidates_and_greedy(c: &mut Criterion) {
    let mut group = c.benchmark_group("foundation");
    group.sample_size(10);
    for preset in [Preset::County, Preset::Town] {
        let problem = problem(preset);
        group.bench_with_input(BenchmarkId::new("candidates", preset.name()), &problem, |b, p| {
            b.iter(|| Candidates::build(&p.instance).expect("within the pair limit"))
        });
        group.bench_with_input(BenchmarkId::new("greedy_plan", preset.name()), &problem, |b, p| {
            b.iter(|| greedy_plan(p))
        });
        group.bench_with_input(BenchmarkId::new("greedy_solve", preset.name()), &problem, |b, p| {
            b.iter(|| Greedy.solve(p))
        });
        // Ten subgradient steps of the bound (each reads every candidate pair once).
        let target = plan_objective_of(&problem, &greedy_plan(&problem).0);
        group.bench_with_input(BenchmarkId::new("lagrangian_10_steps", preset.name()), &problem, |b, p| {
            b.iter(|| Lagrangian::new(p).expect("in range").improve(target, 10, None))
        });
    }
    group.finish();
}

criterion_group!(benches, candidates_and_greedy);
criterion_main!(benches);
