//! Exact solve times on OR-Library GAP problems (gap1, 5 agents × 15 jobs, and gap4, 5 × 30)
//! with the compiled-in backend; with HiGHS also the first problems of types A and C
//! (gapa 5 × 100, gapc 5 × 100), which microlp does not prove in reasonable time.

use civic_match::format::{gap_to_spec, read_gap_file, GapSense};
use civic_match::problem::Problem;
use civic_match::solve::{Backend, Exact, Solver};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::path::Path;
use std::time::Duration;

const GAP_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/instances/orlib-gap");

fn exact_gap(c: &mut Criterion) {
    let mut group = c.benchmark_group("exact");
    group.sample_size(10);
    let mut files = vec!["gap1.txt", "gap4.txt"];
    if Backend::best() != Backend::Microlp {
        files.extend(["gapa.txt", "gapc.txt"]);
    }
    for file in files {
        let problems =
            read_gap_file(&Path::new(GAP_DIR).join(file)).expect("the GAP benchmark files in instances/orlib-gap");
        let name = format!("{file}-1");
        let problem = Problem::from_spec(&gap_to_spec(&problems[0], GapSense::Min, &name), &name).unwrap();
        let exact = Exact::new(Duration::from_secs(60));
        group.bench_with_input(BenchmarkId::new("gap_min", &name), &problem, |b, p| b.iter(|| exact.solve(p)));
    }
    group.finish();
}

criterion_group!(benches, exact_gap);
criterion_main!(benches);
