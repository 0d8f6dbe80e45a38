//! MIP backends behind one call: microlp (pure Rust, the default) and HiGHS (feature `highs`).
//! Each returns the incumbent, the proven bound and whether optimality (to the requested gap)
//! or infeasibility was proven.

use super::model::ComponentModel;
use good_lp::{ResolutionError, Solution, SolverModel, WithInitialSolution, WithMipGap, WithTimeLimit};

/// Which MIP solver runs the programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// microlp: pure Rust, always available; for small programs.
    Microlp,
    /// HiGHS through its C API (cargo feature `highs`).
    #[cfg(feature = "highs")]
    Highs,
}

impl Backend {
    /// The best backend compiled in.
    pub fn best() -> Self {
        #[cfg(feature = "highs")]
        return Backend::Highs;
        #[cfg(not(feature = "highs"))]
        Backend::Microlp
    }

    /// Name for summaries and solution files.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Microlp => "microlp",
            #[cfg(feature = "highs")]
            Backend::Highs => "highs",
        }
    }
}

/// Share of HiGHS's branch-and-bound work spent in its primal heuristics.
#[cfg(feature = "highs")]
const HEURISTIC_EFFORT: f64 = 0.3;

/// What one MIP run found.
#[derive(Debug, Clone, Default)]
pub struct MipRun {
    /// Values of [`ComponentModel::all`], if a feasible point was found.
    pub values: Option<Vec<f64>>,
    /// A proven upper bound on the program's optimum, if the solver reported one.
    pub bound: Option<f64>,
    /// The program has no feasible point.
    pub infeasible: bool,
}

/// Solves `model` with `backend` from the complete start `start` (values of
/// [`ComponentModel::all`], in order), within `seconds`, stopping at relative gap `gap`.
pub fn run(backend: Backend, model: ComponentModel, start: Vec<f64>, seconds: f64, gap: f64) -> MipRun {
    match backend {
        Backend::Microlp => run_microlp(model, start, seconds, gap),
        #[cfg(feature = "highs")]
        Backend::Highs => run_highs(model, start, seconds, gap),
    }
}

fn run_microlp(model: ComponentModel, start: Vec<f64>, seconds: f64, gap: f64) -> MipRun {
    let ComponentModel { vars, objective, constraints, all, .. } = model;
    let start: Vec<_> = all.iter().copied().zip(start).collect();
    let problem = vars
        .maximise(objective)
        .using(good_lp::microlp)
        .with_all(constraints)
        .with_time_limit(seconds.max(0.001))
        .with_mip_gap(gap as f32)
        .map(|p| p.with_initial_solution(start));
    let Ok(problem) = problem else { return MipRun::default() };
    match problem.solve() {
        Ok(solution) => {
            let values = all.iter().map(|&v| solution.value(v)).collect();
            let bound = solution.into_inner().stats().best_bound;
            MipRun { values: Some(values), bound, infeasible: false }
        }
        Err(ResolutionError::Infeasible) => MipRun { infeasible: true, ..Default::default() },
        Err(_) => MipRun::default(),
    }
}

#[cfg(feature = "highs")]
fn run_highs(model: ComponentModel, start: Vec<f64>, seconds: f64, gap: f64) -> MipRun {
    use highs::HighsModelStatus as S;
    let ComponentModel { vars, objective, constraints, .. } = model;
    let problem = vars.maximise(objective).using(good_lp::highs).with_all(constraints);
    let Ok(mut highs) = problem.try_into_inner() else { return MipRun::default() };
    set_logging(&mut highs);
    highs.set_option("time_limit", seconds.max(0.001));
    highs.set_option("mip_rel_gap", gap);
    highs.set_option("threads", 1);
    // These programs have tight relaxations and hard-to-find plans: HiGHS's default effort
    // (0.05) leaves a county month at its start plan for minutes; 0.3 finds plans near the bound.
    highs.set_option("mip_heuristic_effort", HEURISTIC_EFFORT);
    for (name, value) in extra_options() {
        highs.set_option(name.as_str(), value.as_str());
    }
    // good_lp creates one column per variable, in creation order: the order of `start`.
    highs.set_solution(Some(&start), None, None, None);
    let Ok(solved) = highs.try_solve() else { return MipRun::default() };
    let status = solved.status();
    if matches!(status, S::Infeasible) {
        return MipRun { infeasible: true, ..Default::default() };
    }
    let bound = solved.double_info_value(c"mip_dual_bound").ok().filter(|b| b.is_finite());
    let has_point = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let values = has_point.then(|| solved.get_solution().columns().to_vec());
    MipRun { values, bound, infeasible: false }
}

/// Quiets HiGHS, unless `CIVIC_MATCH_MIP_LOG` is set: then its log goes to the console, to
/// watch a long run.
#[cfg(feature = "highs")]
pub(super) fn set_logging(highs: &mut highs::Model) {
    if std::env::var_os("CIVIC_MATCH_MIP_LOG").is_some() {
        highs.set_option("output_flag", true);
        highs.set_option("log_to_console", true);
    } else {
        highs.make_quiet();
    }
}

/// HiGHS options from `CIVIC_MATCH_HIGHS_OPTIONS` (`name=value,name=value`), set after the
/// solver's own, for experiments with HiGHS's search.
#[cfg(feature = "highs")]
fn extra_options() -> Vec<(String, String)> {
    let text = std::env::var("CIVIC_MATCH_HIGHS_OPTIONS").unwrap_or_default();
    text.split(',')
        .filter_map(|item| item.split_once('='))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect()
}
