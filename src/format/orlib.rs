//! Generalized Assignment Problem (GAP) benchmark files, and the GAP as a `civic-match/1`
//! instance.
//!
//! Two public layouts hold the standard GAP instances, both plain whitespace-separated
//! integers in which line breaks carry no meaning:
//!
//! * OR-Library ("multi", files `gap1` .. `gap12`, `gapa` .. `gapd`): the problem count `P`,
//!   then `P` blocks;
//! * Yagiura ("single", files such as `c05100`, `d801600`, `e10400`): one block.
//!
//! A block is `m n`, the m × n cost (or profit) matrix row by row (one row per agent), the
//! m × n resource matrix, then the m agent capacities. [`read_gap_file`] tells the layouts
//! apart by which of them consumes the file exactly, and [`gap_to_spec`] writes a problem as
//! the instance that the model contract (`docs/MODEL.md`, "The standard benchmark it
//! contains") describes.

use super::error::FormatError;
use super::read::read_limited;
use super::spec::{ArcSpec, DemandSpec, InstanceSpec, VolunteerSpec, INSTANCE_FORMAT};
use std::path::Path;

/// Largest magnitude accepted for a number: the model stores costs and hours as `f64`, which
/// holds every integer up to 2^53 exactly, so larger numbers would be silently rounded.
const MAX_MAGNITUDE: i64 = 1 << 53;

/// Longest token text quoted in an error message, so that a binary file does not flood it.
const QUOTED_CHARS: usize = 40;

/// One Generalized Assignment Problem: every job goes to exactly one agent, and the resources
/// of the jobs given to an agent sum to at most its capacity.
///
/// Matrices are indexed `[agent][job]`, 0-based. Whether `cost` holds costs (minimised) or
/// profits (maximised) is not part of the file; [`GapSense`] says it when the problem is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapProblem {
    /// Number of agents, m ≥ 1.
    pub agents: usize,
    /// Number of jobs, n ≥ 1.
    pub jobs: usize,
    /// `cost[i][j]`: cost (or profit) of giving job j to agent i; m rows of n values.
    pub cost: Vec<Vec<i64>>,
    /// `resource[i][j]` ≥ 0: capacity that job j uses on agent i; m rows of n values.
    pub resource: Vec<Vec<i64>>,
    /// `capacity[i]` ≥ 0: capacity of agent i; m values.
    pub capacity: Vec<i64>,
}

/// Reads an OR-Library (several problems, count first) or Yagiura (one problem) GAP file.
///
/// The layout is the one whose counts consume the file exactly. Every token must be an integer
/// of magnitude at most 2^53, m and n must be at least 1, and resources and capacities must be
/// non-negative.
///
/// # Errors
/// [`FormatError::Io`] or [`FormatError::TooLarge`] when the file cannot be read or is above
/// [`MAX_INPUT_BYTES`](super::MAX_INPUT_BYTES); [`FormatError::Gap`] when its content is malformed, with a message
/// naming the problem, the part of it and the token (1-based, with its line) at fault, e.g.
/// `problem 3 of 5 (m = 5, n = 100): expected 500 cost values, found 212 numbers before
/// the end of the file`. Malformed input never panics.
///
/// # Examples
/// ```
/// use civic_match::format::{gap_to_spec, read_gap_file, GapSense};
///
/// let dir = tempfile::tempdir()?;
/// let file = dir.path().join("tiny.txt");
/// // One problem (Yagiura layout): 2 agents, 3 jobs, costs, resources, capacities.
/// std::fs::write(&file, "2 3\n 1 2 3\n 4 5 6\n 1 1 1\n 2 2 2\n 2 4\n")?;
/// let problems = read_gap_file(&file)?;
/// assert_eq!(problems.len(), 1);
/// assert_eq!((problems[0].agents, problems[0].jobs), (2, 3));
/// assert_eq!(problems[0].cost[1][2], 6);
/// assert_eq!(problems[0].capacity, vec![2, 4]);
///
/// let spec = gap_to_spec(&problems[0], GapSense::Min, "tiny");
/// assert_eq!(spec.arcs.len(), 6);
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
pub fn read_gap_file(file: &Path) -> Result<Vec<GapProblem>, FormatError> {
    parse_gap(file, &read_limited(file)?)
}

/// Parses the content of a GAP file already in memory, naming `file` in errors; see
/// [`read_gap_file`] for the layouts and the checks.
///
/// # Errors
/// [`FormatError::Gap`] when the content is malformed.
pub fn parse_gap(file: &Path, bytes: &[u8]) -> Result<Vec<GapProblem>, FormatError> {
    let error = |message: String| FormatError::Gap { file: file.to_path_buf(), message };
    let numbers = Numbers::parse(bytes).map_err(error)?;
    choose_layout(&numbers).map_err(error)
}

/// Whether a GAP's matrix holds costs to minimise or profits to maximise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GapSense {
    /// `cost[i][j]` is a cost; the GAP minimises the total. The sense of gapa..gapd and of
    /// Yagiura's instances, and the sense this project uses.
    Min,
    /// `cost[i][j]` is a profit; the GAP maximises the total. The sense in which OR-Library
    /// states the optima of gap1..gap12.
    Max,
}

/// Writes a GAP as a `civic-match/1` instance, exactly as the model contract maps it.
///
/// * one volunteer `agent{i}` (1-based) per agent, whose `hours` are the agent's capacity;
/// * one demand `job{j}` (1-based) per job, `must` and of weight 0, so that every job is
///   assigned and only the arc costs count;
/// * one arc per (job, agent) pair with `hours` = `resource[i][j]` and `cost` =
///   `cost[i][j]` for [`GapSense::Min`] or `−cost[i][j]` for [`GapSense::Max`], since the
///   model maximises weight minus cost;
/// * no `slots` (the single default slot `"month"` with unlimited hours), no regions, no
///   resources, no policy.
///
/// A plan of the instance is then exactly a GAP assignment, and its objective is −(total
/// cost) for `Min` and +(total profit) for `Max`; [`gap_value`] converts it back.
///
/// # Panics
/// When the matrices or the capacities do not have the dimensions `agents` and `jobs` say.
/// [`read_gap_file`] only returns problems whose dimensions agree.
pub fn gap_to_spec(problem: &GapProblem, sense: GapSense, name: &str) -> InstanceSpec {
    let (m, n) = (problem.agents, problem.jobs);
    assert!(
        problem.cost.len() == m
            && problem.resource.len() == m
            && problem.capacity.len() == m
            && problem.cost.iter().chain(&problem.resource).all(|row| row.len() == n),
        "GAP problem {name:?} does not have the {m} x {n} dimensions it states"
    );
    let agent = |i: usize| format!("agent{}", i + 1);
    let job = |j: usize| format!("job{}", j + 1);
    let volunteers = (0..m)
        .map(|i| VolunteerSpec { id: agent(i), hours: Some(problem.capacity[i] as f64), ..VolunteerSpec::default() })
        .collect();
    let demands = (0..n)
        .map(|j| DemandSpec { id: job(j), weight: Some(0.0), must: Some(true), ..DemandSpec::default() })
        .collect();
    let mut arcs = Vec::with_capacity(m * n);
    for j in 0..n {
        for i in 0..m {
            let value = problem.cost[i][j] as f64;
            // `0.0 - x` rather than `-x`, so that a zero profit gives cost 0.0 and not -0.0.
            let cost = match sense {
                GapSense::Min => value,
                GapSense::Max => 0.0 - value,
            };
            arcs.push(ArcSpec {
                demand: job(j),
                volunteer: agent(i),
                cost: Some(cost),
                hours: Some(problem.resource[i][j] as f64),
            });
        }
    }
    InstanceSpec {
        format: INSTANCE_FORMAT.to_string(),
        name: Some(name.to_string()),
        volunteers,
        demands,
        arcs,
        ..InstanceSpec::default()
    }
}

/// The GAP value of a plan of the instance [`gap_to_spec`] built, from the model's objective.
///
/// Job demands have weight 0, so the model's objective is minus the sum of the arc costs:
/// −(total GAP cost) for [`GapSense::Min`], which this returns negated, and +(total GAP profit)
/// for [`GapSense::Max`], which this returns as is. The model's optimum therefore maps to the
/// GAP's optimum in both senses, and a bound on the model's objective maps to a lower bound on
/// the minimum cost (`Min`) or an upper bound on the maximum profit (`Max`).
pub fn gap_value(sense: GapSense, model_objective: f64) -> f64 {
    match sense {
        // `0.0 - x` so that an objective of 0 gives 0.0 and not -0.0.
        GapSense::Min => 0.0 - model_objective,
        GapSense::Max => model_objective,
    }
}

/// The integers of a file, with where each token starts so that errors can name its line.
struct Numbers<'a> {
    bytes: &'a [u8],
    values: Vec<i64>,
    starts: Vec<usize>,
}

impl<'a> Numbers<'a> {
    /// Splits `bytes` at ASCII whitespace and parses every token as an integer.
    fn parse(bytes: &'a [u8]) -> Result<Self, String> {
        let mut numbers = Numbers { bytes, values: Vec::new(), starts: Vec::new() };
        let mut pos = 0;
        while pos < bytes.len() {
            if bytes[pos].is_ascii_whitespace() {
                pos += 1;
                continue;
            }
            let start = pos;
            while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let token = &bytes[start..pos];
            numbers.starts.push(start);
            let index = numbers.values.len();
            let parsed = std::str::from_utf8(token).ok().and_then(|text| text.parse::<i64>().ok());
            match parsed {
                Some(value) if value.unsigned_abs() <= MAX_MAGNITUDE as u64 => numbers.values.push(value),
                // An integer, but beyond i64 or beyond what an f64 holds exactly.
                Some(_) => return Err(numbers.too_large(index, token)),
                None if is_integer_text(token) => return Err(numbers.too_large(index, token)),
                None => return Err(format!("{} is not an integer", numbers.quoted(index, token))),
            }
        }
        if numbers.values.is_empty() {
            return Err("holds no numbers; a GAP file starts with the problem count `P` (OR-Library) or with \
                        `m n` (Yagiura)"
                .to_string());
        }
        Ok(numbers)
    }

    fn len(&self) -> usize {
        self.values.len()
    }

    /// The 1-based line of the 0-based token `index`.
    fn line(&self, index: usize) -> usize {
        1 + self.bytes[..self.starts[index]].iter().filter(|&&b| b == b'\n').count()
    }

    /// "token 17, line 3" for the 0-based token `index`.
    fn place(&self, index: usize) -> String {
        format!("token {}, line {}", index + 1, self.line(index))
    }

    /// "token 17 (line 3)" for the 0-based token `index`.
    fn token(&self, index: usize) -> String {
        format!("token {} (line {})", index + 1, self.line(index))
    }

    /// `token 17 "x1" (line 3)` for the 0-based token `index` whose text is `text`.
    fn quoted(&self, index: usize, text: &[u8]) -> String {
        format!("token {} {} (line {})", index + 1, quote(text), self.line(index))
    }

    /// The message for an integer token beyond [`MAX_MAGNITUDE`].
    fn too_large(&self, index: usize, text: &[u8]) -> String {
        format!(
            "{} is too large: numbers must be at most 2^53 in magnitude to be held exactly",
            self.quoted(index, text)
        )
    }
}

/// Whether `token` is an optional sign followed by decimal digits (an integer of any size).
fn is_integer_text(token: &[u8]) -> bool {
    let digits = token.strip_prefix(b"-").or_else(|| token.strip_prefix(b"+")).unwrap_or(token);
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
}

/// A token's text for an error message, quoted and shortened.
fn quote(token: &[u8]) -> String {
    let text = String::from_utf8_lossy(token);
    if text.chars().count() > QUOTED_CHARS {
        let short: String = text.chars().take(QUOTED_CHARS).collect();
        format!("{:?}...", short)
    } else {
        format!("{text:?}")
    }
}

/// "1 number" / "212 numbers".
fn numbers_word(count: usize) -> String {
    if count == 1 {
        "1 number".to_string()
    } else {
        format!("{count} numbers")
    }
}

/// "1 more number" / "14 more numbers".
fn more_numbers(count: usize) -> String {
    if count == 1 {
        "1 more number".to_string()
    } else {
        format!("{count} more numbers")
    }
}

/// Why one layout does not fit.
struct Misfit {
    message: String,
    /// True when the counts fit as far as they were read and a value is wrong (a negative
    /// resource or capacity); false when the counts do not match the numbers present.
    bad_value: bool,
    /// Problems read completely before the failure.
    complete: usize,
}

impl Misfit {
    fn count(message: String, complete: usize) -> Self {
        Misfit { message, bad_value: false, complete }
    }
}

/// Reads `numbers` in the layout that consumes them exactly, or explains why neither does.
fn choose_layout(numbers: &Numbers) -> Result<Vec<GapProblem>, String> {
    match (read_multi(numbers), read_single(numbers)) {
        (Ok(problems), Err(_)) => Ok(problems),
        (Err(_), Ok(problem)) => Ok(vec![problem]),
        (Ok(problems), Ok(_)) => Err(format!(
            "the numbers fit both layouts, an OR-Library file of {} problems and a Yagiura file of one {} x {} \
             problem; cannot tell which is meant",
            problems.len(),
            numbers.values[0],
            numbers.values[1]
        )),
        (Err(multi), Err(single)) => {
            // A wrong value in a layout whose counts fit is the likely mistake; otherwise both
            // readings are shown, the one that got further first.
            if multi.bad_value && !single.bad_value {
                return Err(multi.message);
            }
            if single.bad_value && !multi.bad_value {
                return Err(single.message);
            }
            let multi_text = format!("as an OR-Library file (problem count first): {}", multi.message);
            let single_text = format!("as a Yagiura file (one problem): {}", single.message);
            let (first, second) =
                if multi.complete >= 1 { (multi_text, single_text) } else { (single_text, multi_text) };
            Err(format!("the numbers fit neither GAP layout:\n  {first}\n  {second}"))
        }
    }
}

/// Reads the OR-Library layout: `P`, then `P` blocks, consuming every number.
fn read_multi(numbers: &Numbers) -> Result<Vec<GapProblem>, Misfit> {
    let count = numbers.values[0];
    if count < 1 {
        let message = format!("the problem count P is {count} ({}); it must be at least 1", numbers.place(0));
        return Err(Misfit::count(message, 0));
    }
    // `count` comes from the file: the capacity is bounded by what the file can hold.
    let mut problems = Vec::with_capacity((count as usize).min(numbers.len()));
    let mut pos = 1;
    for k in 0..count {
        let label = format!("problem {} of {count}", k + 1);
        let problem = read_block(numbers, &mut pos, &label).map_err(|mut misfit| {
            misfit.complete = problems.len();
            misfit
        })?;
        problems.push(problem);
    }
    if pos < numbers.len() {
        let message = format!(
            "after problem {count} of {count} the file holds {}, from {} on",
            more_numbers(numbers.len() - pos),
            numbers.token(pos)
        );
        return Err(Misfit::count(message, problems.len()));
    }
    Ok(problems)
}

/// Reads the Yagiura layout: one block consuming every number.
fn read_single(numbers: &Numbers) -> Result<GapProblem, Misfit> {
    let mut pos = 0;
    let problem = read_block(numbers, &mut pos, "the problem")?;
    if pos < numbers.len() {
        let message = format!(
            "after the problem (m = {}, n = {}) the file holds {}, from {} on",
            problem.agents,
            problem.jobs,
            more_numbers(numbers.len() - pos),
            numbers.token(pos)
        );
        return Err(Misfit::count(message, 1));
    }
    Ok(problem)
}

/// Reads one block `m n costs resources capacities` from `*pos`, advancing it past the block.
///
/// Every count is checked against the numbers left before any value is copied, so that a
/// misread count (a cost taken for `n`, say) fails without allocating for it.
fn read_block(numbers: &Numbers, pos: &mut usize, label: &str) -> Result<GapProblem, Misfit> {
    let values = &numbers.values;
    let start = *pos;
    let left = values.len() - start;
    if left < 2 {
        let message = format!(
            "{label}: expected the agent and job counts `m n`, found {} before the end of the file",
            numbers_word(left)
        );
        return Err(Misfit::count(message, 0));
    }
    for (offset, what) in [(0, "agent count m"), (1, "job count n")] {
        if values[start + offset] < 1 {
            let message = format!(
                "{label}: the {what} is {} ({}); it must be at least 1",
                values[start + offset],
                numbers.place(start + offset)
            );
            return Err(Misfit::count(message, 0));
        }
    }
    let (m, n) = (values[start] as u128, values[start + 1] as u128);
    let label = format!("{label} (m = {m}, n = {n})");
    let mut at = start + 2;
    for (count, what) in [(m * n, "cost values"), (m * n, "resource values"), (m, "capacities")] {
        let left = values.len() - at;
        if count > left as u128 {
            let message =
                format!("{label}: expected {count} {what}, found {} before the end of the file", numbers_word(left));
            return Err(Misfit::count(message, 0));
        }
        // `count` ≤ `left`, so it fits in usize.
        at += count as usize;
    }
    let (m, n) = (m as usize, n as usize);
    let matrix = |first: usize| -> Vec<Vec<i64>> {
        (0..m).map(|i| values[first + i * n..first + (i + 1) * n].to_vec()).collect()
    };
    let cost_at = start + 2;
    let resource_at = cost_at + m * n;
    let capacity_at = resource_at + m * n;
    let problem = GapProblem {
        agents: m,
        jobs: n,
        cost: matrix(cost_at),
        resource: matrix(resource_at),
        capacity: values[capacity_at..capacity_at + m].to_vec(),
    };
    let negative = |index: usize, what: String| Misfit {
        message: format!(
            "{label}: {what} is {} ({}); resources and capacities must be >= 0",
            values[index],
            numbers.place(index)
        ),
        bad_value: true,
        complete: 0,
    };
    if let Some(k) = (0..m * n).find(|&k| values[resource_at + k] < 0) {
        return Err(negative(resource_at + k, format!("the resource of agent {}, job {}", k / n + 1, k % n + 1)));
    }
    if let Some(i) = (0..m).find(|&i| values[capacity_at + i] < 0) {
        return Err(negative(capacity_at + i, format!("the capacity of agent {}", i + 1)));
    }
    *pos = at;
    Ok(problem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::validate;
    use crate::problem::Problem;

    /// Two problems in the OR-Library layout, wrapped irregularly on purpose.
    const MULTI: &str = "2\n 2 3\n 5 6 7\n 8 9 10 1 2\n 3 1 2 3\n 4 5\n2 2\n1 2 3 4 0 1 1 0\n 1 1\n";
    /// One problem in the Yagiura layout.
    const SINGLE: &str = " 3 2 \n 4 0\n 7 2\n 1 9\n 2 3 1 1 4 2\n 3 3 3\n";

    fn parse(text: &str) -> Result<Vec<GapProblem>, FormatError> {
        parse_gap(Path::new("bench/tiny.txt"), text.as_bytes())
    }

    fn message(text: &str) -> String {
        message_of_bytes(text.as_bytes())
    }

    fn message_of_bytes(bytes: &[u8]) -> String {
        let err = parse_gap(Path::new("bench/tiny.txt"), bytes).expect_err("malformed input must be refused");
        assert!(matches!(err, FormatError::Gap { .. }), "{err:?}");
        let shown = err.to_string();
        assert!(shown.starts_with("bench/tiny.txt: "), "the error must name the file: {shown}");
        shown
    }

    #[test]
    fn reads_the_multi_layout() {
        let problems = parse(MULTI).unwrap();
        assert_eq!(problems.len(), 2);
        let first = &problems[0];
        assert_eq!((first.agents, first.jobs), (2, 3));
        assert_eq!(first.cost, vec![vec![5, 6, 7], vec![8, 9, 10]]);
        assert_eq!(first.resource, vec![vec![1, 2, 3], vec![1, 2, 3]]);
        assert_eq!(first.capacity, vec![4, 5]);
        let second = &problems[1];
        assert_eq!((second.agents, second.jobs), (2, 2));
        assert_eq!(second.cost, vec![vec![1, 2], vec![3, 4]]);
        assert_eq!(second.resource, vec![vec![0, 1], vec![1, 0]]);
        assert_eq!(second.capacity, vec![1, 1]);
    }

    #[test]
    fn reads_the_single_layout() {
        let problems = parse(SINGLE).unwrap();
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!((p.agents, p.jobs), (3, 2));
        assert_eq!(p.cost, vec![vec![4, 0], vec![7, 2], vec![1, 9]]);
        assert_eq!(p.resource, vec![vec![2, 3], vec![1, 1], vec![4, 2]]);
        assert_eq!(p.capacity, vec![3, 3, 3]);
    }

    #[test]
    fn reads_a_file_from_disk_and_names_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("multi.txt");
        std::fs::write(&file, MULTI).unwrap();
        assert_eq!(read_gap_file(&file).unwrap(), parse(MULTI).unwrap());
        let missing = dir.path().join("missing.txt");
        let err = read_gap_file(&missing).unwrap_err();
        assert!(matches!(err, FormatError::Io { .. }));
        assert!(err.to_string().contains("missing.txt"), "{err}");
    }

    #[test]
    fn refuses_a_truncated_file() {
        // The second problem of MULTI loses its capacities and last resource value.
        let truncated = &MULTI[..MULTI.rfind("0\n").unwrap()];
        let shown = message(truncated);
        assert!(
            shown.contains("problem 2 of 2 (m = 2, n = 2): expected 4 resource values, found 3 numbers"),
            "{shown}"
        );
        assert!(shown.contains("before the end of the file"), "{shown}");

        let shown = message("1\n 2 3\n 1 2 3 4 5\n");
        assert!(shown.contains("expected 6 cost values, found 5 numbers before the end of the file"), "{shown}");

        let shown = message("3 4 1 1 1 1\n");
        assert!(shown.contains("expected 12 cost values, found 4 numbers"), "{shown}");
    }

    #[test]
    fn refuses_a_token_that_is_not_an_integer() {
        let shown = message("1\n2 2\n1 2\nx1 4 1 1 1 1 2 2\n");
        assert!(shown.contains("token 6 \"x1\" (line 4) is not an integer"), "{shown}");
        let shown = message("2 1 1.5 2 1 1 3 3\n");
        assert!(shown.contains("token 3 \"1.5\" (line 1) is not an integer"), "{shown}");
        let shown = message("1 1 99999999999999999999 1 1\n");
        assert!(shown.contains("token 3 \"99999999999999999999\" (line 1) is too large"), "{shown}");
        let shown = message("1 1 9007199254740993 1 1\n");
        assert!(shown.contains("is too large"), "{shown}");
        let shown = message_of_bytes(b"1 1\n\xff\xfe 1 1\n");
        assert!(shown.contains("token 3 \"\u{fffd}\u{fffd}\" (line 2) is not an integer"), "{shown}");
        let long = format!("1 1 {} 1 1", "y".repeat(10_000));
        let shown = message(&long);
        assert!(shown.len() < 200, "{shown}");
    }

    #[test]
    fn refuses_wrong_counts() {
        // One number too many for either layout.
        let shown = message(&format!("{SINGLE} 7"));
        assert!(
            shown.contains("after the problem (m = 3, n = 2) the file holds 1 more number, from token 18 (line 7) on"),
            "{shown}"
        );
        // A problem count that promises more problems than the file holds.
        let shown = message(&format!("3{}", &MULTI[1..]));
        assert!(shown.contains("problem 3 of 3: expected the agent and job counts `m n`, found 0 numbers"), "{shown}");
        // One problem too few promised.
        let shown = message(&format!("1{}", &MULTI[1..]));
        assert!(shown.contains("after problem 1 of 1 the file holds 12 more numbers"), "{shown}");
        for text in ["", "  \n\t ", "0 0", "-1 2 3"] {
            let shown = message(text);
            assert!(!shown.is_empty());
        }
        let shown = message("1 0 3");
        assert!(shown.contains("job count n is 0"), "{shown}");
        // A count far beyond the file fails without allocating for it.
        let shown = message("9007199254740992 9007199254740992 1 2 3");
        assert!(shown.contains("cost values, found 3 numbers before the end of the file"), "{shown}");
    }

    #[test]
    fn refuses_negative_resources_and_capacities() {
        let shown = message("2 2 1 1 1 1 1 -2 1 1 3 3");
        assert!(shown.contains("the resource of agent 1, job 2 is -2 (token 8, line 1)"), "{shown}");
        assert!(shown.contains("must be >= 0"), "{shown}");
        let shown = message("1\n2 2 1 1 1 1 1 2 1 1 3 -3");
        assert!(shown.contains("problem 1 of 1 (m = 2, n = 2): the capacity of agent 2 is -3"), "{shown}");
        // Negative costs are profits or costs like any other.
        assert_eq!(parse("1 1 -4 1 1").unwrap()[0].cost, vec![vec![-4]]);
    }

    #[test]
    fn maps_a_min_gap_onto_the_model() {
        let problem = &parse(SINGLE).unwrap()[0];
        let spec = gap_to_spec(problem, GapSense::Min, "single");
        assert_eq!(spec.format, INSTANCE_FORMAT);
        assert_eq!(spec.name.as_deref(), Some("single"));
        assert!(spec.slots.is_none() && spec.regions.is_empty() && spec.resources.is_empty());
        assert_eq!(spec.policy, Default::default());
        let ids: Vec<&str> = spec.volunteers.iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, ["agent1", "agent2", "agent3"]);
        let hours: Vec<f64> = spec.volunteers.iter().map(|v| v.hours.unwrap()).collect();
        assert_eq!(hours, [3.0, 3.0, 3.0]);
        let ids: Vec<&str> = spec.demands.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["job1", "job2"]);
        assert!(spec.demands.iter().all(|d| d.must == Some(true) && d.weight == Some(0.0)));
        assert_eq!(spec.arcs.len(), 6);
        for arc in &spec.arcs {
            let i: usize = arc.volunteer["agent".len()..].parse::<usize>().unwrap() - 1;
            let j: usize = arc.demand["job".len()..].parse::<usize>().unwrap() - 1;
            assert_eq!(arc.cost, Some(problem.cost[i][j] as f64));
            assert_eq!(arc.hours, Some(problem.resource[i][j] as f64));
        }
        assert!(validate(&spec).is_empty(), "{:?}", validate(&spec));
        let loaded = Problem::from_spec(&spec, "single").unwrap();
        assert_eq!(loaded.instance.volunteers.len(), 3);
        assert_eq!(loaded.instance.demands.len(), 2);
    }

    #[test]
    fn maps_a_max_gap_with_negated_costs() {
        let problem = &parse(SINGLE).unwrap()[0];
        let spec = gap_to_spec(problem, GapSense::Max, "single");
        let job1_agent1 = spec.arcs.iter().find(|a| a.demand == "job1" && a.volunteer == "agent1").unwrap();
        assert_eq!(job1_agent1.cost, Some(-4.0));
        // A zero profit is a cost of +0.0, not -0.0.
        let job2_agent1 = spec.arcs.iter().find(|a| a.demand == "job2" && a.volunteer == "agent1").unwrap();
        assert!(job2_agent1.cost.unwrap().is_sign_positive());
        assert!(Problem::from_spec(&spec, "single").is_ok());
    }

    #[test]
    fn converts_the_objective_back() {
        assert_eq!(gap_value(GapSense::Min, -261.0), 261.0);
        assert_eq!(gap_value(GapSense::Max, 336.0), 336.0);
        assert!(gap_value(GapSense::Min, 0.0).is_sign_positive());
    }

    #[test]
    #[should_panic(expected = "dimensions")]
    fn refuses_to_map_inconsistent_dimensions() {
        let problem =
            GapProblem { agents: 2, jobs: 1, cost: vec![vec![1]], resource: vec![vec![1]], capacity: vec![1] };
        gap_to_spec(&problem, GapSense::Min, "bad");
    }
}
