//! Reading the spreadsheet form: a generated county month as a workbook and as a CSV folder.

use civic_match::format::read_instance;
use civic_match::format::sheets::{csv_files, workbook_bytes, TextEncoding};
use civic_match::format::write_folder_atomically;
use civic_match::generate::{generate, Preset};
use criterion::{criterion_group, criterion_main, Criterion};

fn reading(c: &mut Criterion) {
    let spec = generate(Preset::County, 1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let book = dir.path().join("county.xlsx");
    std::fs::write(&book, workbook_bytes(&spec).expect("the workbook")).expect("written");
    let folder = dir.path().join("county-csv");
    write_folder_atomically(&folder, &csv_files(&spec, TextEncoding::Gbk).expect("the CSV files")).expect("written");
    let mut group = c.benchmark_group("sheets");
    group.sample_size(20);
    group.bench_function("read county xlsx", |b| b.iter(|| read_instance(&book).expect("readable")));
    group.bench_function("read county csv gbk", |b| b.iter(|| read_instance(&folder).expect("readable")));
    group.bench_function("write county xlsx", |b| b.iter(|| workbook_bytes(&spec).expect("the workbook")));
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
