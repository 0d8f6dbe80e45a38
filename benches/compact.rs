//! The exact solver against plain HiGHS on the straightforward model, on county months of the
//! generator's profiles: one Markdown row per month with the heuristic's 10 s plan, bound and
//! certified gap; the exact solver's at T; plain HiGHS's ([`PlainMip`]) at T'; and the LP bound
//! of the straightforward model ([`compact_lp_bound`]). Every plan is checked with
//! `civic_match::check`; a plan that fails makes the run fail.
//!
//! `cargo bench --features highs --bench compact`, with these environment variables:
//! * `CIVIC_MATCH_EXACT_SECONDS` — T, the exact solver's limit (default 300);
//! * `CIVIC_MATCH_PLAIN_SECONDS` — T', plain HiGHS's limit, also the LP's (default 600);
//! * `CIVIC_MATCH_PROFILES` — comma-separated profile names (default: every profile);
//! * `CIVIC_MATCH_SEEDS` — seeds as `FIRST-LAST` or one number (default `1-3`).
//!
//! The defaults take about four and a half hours; e.g. `CIVIC_MATCH_EXACT_SECONDS=60
//! CIVIC_MATCH_PLAIN_SECONDS=60 CIVIC_MATCH_PROFILES=tight-slots,standard` for a quick look.
//!
//! Run without `--bench` (as `cargo test --all-targets` does), it is a test: one month of one
//! profile at limits of a few seconds, every plan checked and every plan at most every bound.

use civic_match::check::check;
use civic_match::generate::{generate_profile, Preset, Profile};
use civic_match::problem::Problem;
use civic_match::report::{gap_percent, solution_spec};
use civic_match::solve::{compact_lp_bound, Exact, Heuristic, PlainMip, SolveResult, Solver};
use std::process::ExitCode;
use std::time::Duration;

/// The heuristic's limit: the plans a planner gets from a quick run.
const HEURISTIC_SECONDS: f64 = 10.0;

/// The limits and months of a run under `cargo test`: a few seconds each, one month.
const TEST_SECONDS: f64 = 2.0;

/// Whether the binary runs as a benchmark (`cargo bench` passes `--bench`) rather than a test.
fn benchmarking() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// A number of seconds from environment variable `name`, else `default`.
fn seconds(name: &str, default: f64) -> Duration {
    let value = std::env::var(name).ok().map(|text| {
        text.trim().parse::<f64>().unwrap_or_else(|_| panic!("{name}={text:?}: expected a number of seconds"))
    });
    Duration::from_secs_f64(value.unwrap_or(default))
}

/// The profiles of `CIVIC_MATCH_PROFILES`, else every profile.
fn profiles() -> Vec<Profile> {
    match std::env::var("CIVIC_MATCH_PROFILES") {
        Ok(text) => text
            .split(',')
            .map(|name| {
                name.trim().parse().unwrap_or_else(|_| panic!("CIVIC_MATCH_PROFILES: unknown profile {name:?}"))
            })
            .collect(),
        Err(_) => Profile::ALL.to_vec(),
    }
}

/// The seeds of `CIVIC_MATCH_SEEDS` (`FIRST-LAST` or one number), else 1-3.
fn seeds() -> Vec<u64> {
    let text = std::env::var("CIVIC_MATCH_SEEDS").unwrap_or_else(|_| "1-3".into());
    let number = |t: &str| t.trim().parse::<u64>().unwrap_or_else(|_| panic!("CIVIC_MATCH_SEEDS={text:?}"));
    match text.split_once('-') {
        Some((first, last)) => (number(first)..=number(last)).collect(),
        None => vec![number(&text)],
    }
}

/// Plan, bound and gap cells of a result, and whether its plan passed the checker.
fn cells(problem: &Problem, result: &SolveResult, with_gap: bool) -> (String, bool) {
    let ok = check(&problem.instance, &problem.names, &solution_spec(problem, result)).is_ok();
    let num = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
    let plan = if ok { num(result.objective) } else { format!("{} FAILED CHECK", num(result.objective)) };
    let mut text = format!("{plan} | {}", num(result.bound));
    if with_gap {
        let gap = gap_percent(result.objective, result.bound).map_or("–".into(), |g| format!("{g:.2} %"));
        text.push_str(&format!(" | {gap}"));
    }
    (text, ok)
}

/// Whether no plan of `results` is worth more than any bound of them or `lp`.
fn plans_within_bounds(results: &[&SolveResult], lp: Option<f64>) -> bool {
    let plans = results.iter().filter_map(|r| r.objective);
    let bounds: Vec<f64> = results.iter().filter_map(|r| r.bound).chain(lp).collect();
    let best = plans.fold(f64::NEG_INFINITY, f64::max);
    bounds.iter().all(|&bound| best <= bound + 1e-6 * bound.abs().max(1.0))
}

fn main() -> ExitCode {
    let bench = benchmarking();
    let (heuristic_seconds, exact_default, plain_default) =
        if bench { (HEURISTIC_SECONDS, 300.0, 600.0) } else { (TEST_SECONDS / 2.0, TEST_SECONDS, TEST_SECONDS) };
    let exact_limit = seconds("CIVIC_MATCH_EXACT_SECONDS", exact_default);
    let plain_limit = seconds("CIVIC_MATCH_PLAIN_SECONDS", plain_default);
    let (t, t2) = (exact_limit.as_secs_f64(), plain_limit.as_secs_f64());
    println!(
        "County months; heuristic {heuristic_seconds} s, exact {t} s, plain HiGHS {t2} s, LP bound within {t2} s."
    );
    println!();
    println!(
        "| profile | seed | heuristic plan | bound | gap | exact plan | bound | gap | plain HiGHS plan | bound | LP bound |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let mut all_ok = true;
    let (profiles, seeds) = if bench { (profiles(), seeds()) } else { (vec![Profile::TightSlots], vec![1]) };
    for profile in profiles {
        for &seed in &seeds {
            let name = format!("county-{}-{seed}", profile.name());
            let problem = Problem::from_spec(&generate_profile(Preset::County, profile, seed), &name)
                .expect("generated months are valid");
            let heuristic = Heuristic::new(Duration::from_secs_f64(heuristic_seconds)).with_seed(seed).solve(&problem);
            let exact = Exact::new(exact_limit).with_seed(seed).solve(&problem);
            let plain = PlainMip::new(plain_limit).solve(&problem);
            let lp_bound = compact_lp_bound(&problem, plain_limit);
            let lp = lp_bound.map_or("–".into(), |b| format!("{b:.2}"));
            let (h, h_ok) = cells(&problem, &heuristic, true);
            let (e, e_ok) = cells(&problem, &exact, true);
            let (p, p_ok) = cells(&problem, &plain, false);
            let valid = plans_within_bounds(&[&heuristic, &exact, &plain], lp_bound);
            all_ok &= h_ok && e_ok && p_ok && valid;
            let warning = if valid { "" } else { " A PLAN EXCEEDS A BOUND" };
            println!("| {} | {seed} | {h} | {e} | {p} | {lp} |{warning}", profile.name());
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
