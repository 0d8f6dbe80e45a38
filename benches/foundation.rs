//! Speed of the foundation: candidate generation and the greedy plan on generated months.

use civic_match::candidates::Candidates;
use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::solve::{greedy_plan, Greedy, Solver};
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
            b.iter(|| Candidates::build(&p.instance))
        });
        group.bench_with_input(BenchmarkId::new("greedy_plan", preset.name()), &problem, |b, p| {
            b.iter(|| greedy_plan(p))
        });
        group.bench_with_input(BenchmarkId::new("greedy_solve", preset.name()), &problem, |b, p| {
            b.iter(|| Greedy.solve(p))
        });
    }
    group.finish();
}

criterion_group!(benches, candidates_and_greedy);
criterion_main!(benches);
