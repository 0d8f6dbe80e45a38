//! Speed of the project list (项目清单): building its sheets from a plan, and rendering them
//! as a workbook and as CSV files, on the greedy plan of generated months.

use civic_match::generate::{generate, Preset};
use civic_match::problem::Problem;
use civic_match::report::project_list::{csv::csv_files, project_list, xlsx::workbook_bytes, Labels};
use civic_match::report::solution_spec;
use civic_match::solve::{Greedy, Solver};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn project_lists(c: &mut Criterion) {
    let mut group = c.benchmark_group("project_list");
    group.sample_size(10);
    for preset in [Preset::County, Preset::Town] {
        let spec = generate(preset, 1);
        let problem = Problem::from_spec(&spec, preset.name()).expect("generated months are valid");
        let labels = Labels::take(spec);
        let solution = solution_spec(&problem, &Greedy.solve(&problem));
        let sheets = project_list(&problem, &labels, &solution).expect("the plan's ids are the month's");
        group.bench_function(BenchmarkId::new("sheets", preset.name()), |b| {
            b.iter(|| project_list(&problem, &labels, &solution).expect("known ids"))
        });
        group.bench_function(BenchmarkId::new("workbook", preset.name()), |b| {
            b.iter(|| workbook_bytes(&sheets).expect("a workbook"))
        });
        group.bench_function(BenchmarkId::new("csv", preset.name()), |b| b.iter(|| csv_files(&sheets).expect("CSV")));
    }
    group.finish();
}

criterion_group!(benches, project_lists);
criterion_main!(benches);
