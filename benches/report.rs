//! Speed of the HTML report: the whole page (figures, unmet reasons, four charts) of a greedy
//! plan on generated months — the county drawn as a scatter, the town at the scatter's limit.

use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::report::html::html_report;
use civic_match::report::project_list::Labels;
use civic_match::report::solution_spec;
use civic_match::solve::{Greedy, Solver};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    for preset in [Preset::County, Preset::Town] {
        let problem = Problem::from_spec(&generate(preset, 1), preset.name()).expect("generated months are valid");
        let result = Greedy.solve(&problem);
        let solution = solution_spec(&problem, &result);
        group.bench_with_input(BenchmarkId::new("html", preset.name()), &problem, |b, p| {
            b.iter(|| html_report(p, &Labels::default(), &solution, &result.plan, "plan.json").expect("charts draw"))
        });
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
