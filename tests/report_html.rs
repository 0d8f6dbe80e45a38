//! The HTML report (`civic-match report`): what the page holds, that it fetches nothing, that
//! it escapes what the instance names, that bad input writes nothing, that a city-sized month
//! stays small, and — in headless Chromium — that it renders every chart and community.

mod common;

use civic_match::format::{InstanceSpec, SolutionSpec, Status};
use civic_match::model::Plan;
use civic_match::problem::Problem;
use civic_match::report::html::{html_report, FONT_STACK, SCATTER_LIMIT, UNMET_ROWS};
use civic_match::report::project_list::Labels;
use common::run::{civic_match_in, text};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The ids of the four charts.
const CHARTS: [&str; 4] = ["chart-coverage", "chart-hours", "chart-map", "chart-calendar"];

/// The colour the fairness floor is drawn in.
const FLOOR_STROKE: &str = "stroke=\"#D62728\"";

fn bundled(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("instances").join(name).to_str().unwrap().to_string()
}

/// Solves `instance` greedily into `dir/plan.json` and writes its report to `dir/report.html`;
/// returns the report's path.
fn solve_and_report(instance: &str, dir: &Path) -> PathBuf {
    let plan = dir.join("plan.json");
    let solved = civic_match_in(&["solve", instance, "--solver", "greedy", "--out", plan.to_str().unwrap()], dir);
    assert_eq!(solved.status.code(), Some(0), "{}", text(&solved.stderr));
    let report = dir.join("report.html");
    let out = civic_match_in(&["report", instance, plan.to_str().unwrap(), "--out", report.to_str().unwrap()], dir);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("wrote"), "{}", text(&out.stdout));
    report
}

/// The names of the instance's regions of level `community`.
fn community_names(instance: &str) -> Vec<String> {
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(instance).unwrap()).unwrap();
    let regions = spec["regions"].as_array().unwrap();
    let names: Vec<String> =
        regions.iter().filter(|r| r["level"] == "community").map(|r| r["name"].as_str().unwrap().to_string()).collect();
    assert!(!names.is_empty());
    names
}

/// The `<svg>` element of chart `id` in `html`.
fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<svg id=\"{id}\"")).unwrap_or_else(|| panic!("no {id}"));
    let end = start + html[start..].find("</svg>").unwrap();
    &html[start..end]
}

#[test]
fn a_county_report_holds_every_chart_community_and_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let county = bundled("county-seed1.json");
    let html = std::fs::read_to_string(solve_and_report(&county, dir.path())).unwrap();
    for id in CHARTS {
        assert_eq!(html.matches(&format!("<svg id=\"{id}\" class=\"chart\"")).count(), 1, "{id}");
    }
    assert_eq!(html.matches("class=\"chart\"").count(), CHARTS.len());
    for name in community_names(&county) {
        assert!(chart(&html, "chart-coverage").contains(&name), "{name} not on the coverage chart");
        assert!(chart(&html, "chart-map").contains(&name), "{name} not in the map's legend");
        assert!(html.matches(&name).count() >= 3, "{name} missing from the tables");
    }
    let coverage = chart(&html, "chart-coverage");
    assert!(coverage.contains("公平底线") && coverage.contains(FLOOR_STROKE), "no floor line");
    // 600 demands: one dot each on the map, and a legend entry per community, met and unmet.
    let communities = community_names(&county).len();
    assert_eq!(chart(&html, "chart-map").matches("<circle").count(), 600 + communities + 2);
    for field in ["greedy", "demands met", "weight met", "gap", "lowest"] {
        assert!(html.contains(field), "summary lacks {field}");
    }
    let plan: SolutionSpec =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap()).unwrap();
    assert!(html.contains(&format!("{} / 600", plan.assignments.len())));
    assert!(html.contains(&format!("Unmet demands ({})", plan.unassigned.len())));
    let spec: InstanceSpec = serde_json::from_str(&std::fs::read_to_string(&county).unwrap()).unwrap();
    for u in &plan.unassigned {
        let title = spec.demands.iter().find(|d| d.id == u.demand).and_then(|d| d.title.clone()).unwrap();
        assert!(
            html.contains(&format!("<td>{} {title}</td>", u.demand)),
            "unmet {} not listed with its title",
            u.demand
        );
    }
    assert_no_outside_reference(&html);
    let mut ids: Vec<&str> = html.split(" id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "an element id repeats: {ids:?}");
    // The Chinese font stack is the page's and the charts' text's, by style sheet and attribute.
    assert!(FONT_STACK.starts_with("'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'"));
    assert!(html.contains(&format!("svg text{{font-family:{FONT_STACK}}}")));
    let attribute = format!("font-family=\"{}\"", FONT_STACK.replace('\'', "&apos;"));
    for id in CHARTS {
        let svg = chart(&html, id);
        assert_eq!(svg.matches("<text").count(), svg.matches(&attribute).count(), "{id}: text without the font stack");
    }
}

#[test]
fn a_month_of_arcs_and_one_undated_slot_reports_without_a_map() {
    let dir = tempfile::tempdir().unwrap();
    let arcs = bundled("return-home-day-arcs.json");
    let html = std::fs::read_to_string(solve_and_report(&arcs, dir.path())).unwrap();
    assert!(!html.contains("id=\"chart-map\"") && html.contains("需求没有坐标"));
    let calendar = chart(&html, "chart-calendar");
    assert!(calendar.contains("其他时段") && calendar.contains("month"), "the undated slot has no row");
    assert_eq!(html.matches("class=\"chart\"").count(), 3);
    for name in community_names(&arcs) {
        assert!(chart(&html, "chart-coverage").contains(&name), "{name}");
    }
}

/// Nothing in the page points outside it: no URL at all, no `src` or `href`, no script.
fn assert_no_outside_reference(html: &str) {
    for needle in ["http://", "https://", "src=", "href=", "<script", "@import", "url("] {
        assert!(!html.contains(needle), "the report holds {needle:?}");
    }
}

#[test]
fn no_floor_line_without_fairness() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec: Value =
        serde_json::from_str(&std::fs::read_to_string(bundled("xundian-july.json")).unwrap()).unwrap();
    spec["policy"].as_object_mut().unwrap().remove("fairness");
    let instance = dir.path().join("month.json");
    std::fs::write(&instance, spec.to_string()).unwrap();
    let html = std::fs::read_to_string(solve_and_report(instance.to_str().unwrap(), dir.path())).unwrap();
    let coverage = chart(&html, "chart-coverage");
    assert!(!coverage.contains("公平底线") && !coverage.contains(FLOOR_STROKE));
    assert!(html.contains("no fairness floor"));
}

#[test]
fn names_with_markup_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut spec: Value =
        serde_json::from_str(&std::fs::read_to_string(bundled("xundian-july.json")).unwrap()).unwrap();
    spec["name"] = json!("July <b>& co</b>");
    let community = spec["regions"].as_array_mut().unwrap().iter_mut().find(|r| r["level"] == "community").unwrap();
    community["name"] = json!("<仁德>&社区");
    let instance = dir.path().join("month.json");
    std::fs::write(&instance, spec.to_string()).unwrap();
    let html = std::fs::read_to_string(solve_and_report(instance.to_str().unwrap(), dir.path())).unwrap();
    assert!(html.contains("<title>July &lt;b&gt;&amp; co&lt;/b&gt; 月度项目报告</title>"), "title not escaped");
    assert!(html.contains("<h1>July &lt;b&gt;&amp; co&lt;/b&gt; 月度项目报告</h1>"));
    assert!(!html.contains("<b>&") && !html.contains("<仁德>"), "raw markup in the page");
    assert!(html.contains("&lt;仁德&gt;&amp;社区"));
    assert!(chart(&html, "chart-coverage").contains("&lt;仁德&gt;&amp;社区"), "chart labels not escaped");
}

/// Runs `report` expecting bad input: exit 2, the plan named, no report written.
fn rejected(instance: &str, plan: &Path, dir: &Path) -> String {
    let out = dir.join("report.html");
    let run = civic_match_in(&["report", instance, plan.to_str().unwrap(), "--out", out.to_str().unwrap()], dir);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(!out.exists(), "a report was written for bad input");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(plan.to_str().unwrap()), "the plan file is not named: {stderr}");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    stderr
}

#[test]
fn a_plan_of_another_instance_or_malformed_json_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let xundian = bundled("xundian-july.json");
    let plan = dir.path().join("plan.json");
    let solved =
        civic_match_in(&["solve", &xundian, "--solver", "greedy", "--out", plan.to_str().unwrap()], dir.path());
    assert_eq!(solved.status.code(), Some(0));
    let stderr = rejected(&bundled("county-seed1.json"), &plan, dir.path());
    assert!(stderr.contains("not a checked plan") && stderr.contains("violation"), "{stderr}");

    // Another county month uses the same ids (d1.., v1..): the checker still tells them apart.
    let other = dir.path().join("county-seed2.json");
    let generated = civic_match_in(
        &["generate", "--preset", "county", "--seed", "2", "--out", other.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(generated.status.code(), Some(0));
    let other_plan = dir.path().join("county-seed2.plan.json");
    let solved = civic_match_in(
        &["solve", other.to_str().unwrap(), "--solver", "greedy", "--out", other_plan.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(solved.status.code(), Some(0));
    let stderr = rejected(&bundled("county-seed1.json"), &other_plan, dir.path());
    assert!(stderr.contains("the plan is for instance \"xundian-2026-07-seed2\""), "{stderr}");

    let truncated = dir.path().join("truncated.json");
    let full = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let stderr = rejected(&xundian, &truncated, dir.path());
    assert!(stderr.contains("truncated"), "{stderr}");

    let not_a_plan = dir.path().join("instance-as-plan.json");
    std::fs::copy(&xundian, &not_a_plan).unwrap();
    rejected(&xundian, &not_a_plan, dir.path());

    // A plan whose claimed objective is wrong is not reported either.
    let tampered = dir.path().join("tampered.json");
    let mut solution: Value = serde_json::from_str(&full).unwrap();
    solution["objective"] = json!(solution["objective"].as_f64().unwrap() + 10.0);
    std::fs::write(&tampered, solution.to_string()).unwrap();
    rejected(&xundian, &tampered, dir.path());
}

#[test]
fn the_default_report_sits_beside_the_plan_name_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let xundian = bundled("xundian-july.json");
    let solved = civic_match_in(&["solve", &xundian, "--solver", "greedy", "--out", "july.solution.json"], dir.path());
    assert_eq!(solved.status.code(), Some(0));
    let run = civic_match_in(&["report", &xundian, "july.solution.json"], dir.path());
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(dir.path().join("july.solution.report.html").is_file());
}

/// A month of `n` located demands over 513 communities, with no volunteers: every demand unmet.
fn crowded_month(n: usize) -> Problem {
    let communities = 513;
    let mut regions = vec![json!({"id": "city", "parent": null, "level": "city", "name": "襄阳市"})];
    regions.extend(
        (0..communities).map(
            |c| json!({"id": format!("c{c}"), "parent": "city", "level": "community", "name": format!("第{c}社区")}),
        ),
    );
    let demands: Vec<Value> = (0..n)
        .map(|d| {
            let (lat, lon) = (32.0 + (d % 97) as f64 * 0.002, 112.1 + (d % 89) as f64 * 0.003);
            json!({"id": format!("d{d}"), "region": format!("c{}", d % communities), "at": [lat, lon]})
        })
        .collect();
    let spec: InstanceSpec = serde_json::from_value(json!({
        "format": "civic-match/1", "name": "crowded", "regions": regions, "volunteers": [], "demands": demands,
        "policy": {"fairness": {"level": "community", "min_coverage": 0.5, "penalty": 1.0}}
    }))
    .unwrap();
    Problem::from_spec(&spec, "crowded").unwrap()
}

#[test]
fn a_city_sized_month_gets_a_density_map_and_a_capped_table() {
    let n = SCATTER_LIMIT + 1_000;
    let problem = crowded_month(n);
    let solution = SolutionSpec {
        format: "civic-match-solution/1".into(),
        instance: "crowded".into(),
        status: Status::Feasible,
        objective: Some(0.0),
        bound: Some(0.0),
        assignments: vec![],
        unassigned: vec![],
        solver: Some("greedy".into()),
        seconds: None,
        seed: None,
        changes: None,
    };
    let html = html_report(&problem, &Labels::default(), &solution, &Plan { assignments: vec![] }, "crowded.plan.json")
        .unwrap();
    let map = chart(&html, "chart-map");
    assert_eq!(map.matches("<circle").count(), 0, "a dot per demand at city scale");
    let cells = map.matches("<rect").count();
    assert!(cells > 100 && cells < 10_000, "{cells} cells");
    let table = &html[html.find("<table id=\"unmet\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), UNMET_ROWS + 1);
    assert!(html.contains(&format!("另有 {} 条未满足需求未列出", n - UNMET_ROWS)));
    assert!(html.contains("crowded.plan.json"), "the page does not say where the full list is");
    assert!(html.contains(&format!("<td>U01</td><td>没有符合条件的志愿者 no candidate</td><td class=\"num\">{n}</td>")));
    // Every community is named in the per-community table, though the bars are unlabelled.
    for c in [0, 256, 512] {
        assert!(html.contains(&format!("<td>第{c}社区 <small>(c{c})</small>")));
    }
    assert_no_outside_reference(&html);
}

/// Arguments every headless Chromium run gets: no network features, a throwaway profile.
fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// The URLs the page itself asked for in a net log written by `--log-net-log`: the requests
/// started on behalf of a document of `file://` (their network isolation key says so). The
/// browser's own background requests (update checks, account lookups) carry no such key and
/// are not the page's doing.
fn page_requests(net_log: &Path) -> Vec<String> {
    let log: Value = serde_json::from_str(&std::fs::read_to_string(net_log).unwrap()).unwrap();
    let events = log["events"].as_array().unwrap();
    let on_behalf_of_a_file = |p: &Value| p["network_isolation_key"].as_str().is_some_and(|k| k.starts_with("file://"));
    let mut urls: Vec<String> = events
        .iter()
        .map(|e| &e["params"])
        .filter(|p| on_behalf_of_a_file(p))
        .filter_map(|p| p["url"].as_str().map(str::to_string))
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// Opens `url` in headless Chromium with `--dump-dom` and a net log; returns the DOM and the
/// URLs the page requested.
fn dump_dom(browser: &str, url: &str, dir: &Path, name: &str) -> (String, Vec<String>) {
    let net_log = dir.join(format!("{name}.net-log.json"));
    let dom = Command::new(browser)
        .args(chromium_args(&dir.join(format!("{name}-profile"))))
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(["--dump-dom", url])
        .output()
        .unwrap();
    assert!(dom.status.success(), "{}", text(&dom.stderr));
    (text(&dom.stdout), page_requests(&net_log))
}

#[test]
fn chromium_renders_every_chart_and_fetches_nothing() {
    let Some(browser) = common::tools::chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let county = bundled("county-seed1.json");
    let report = solve_and_report(&county, dir.path());
    let url = format!("file://{}", report.display());

    // The net log does catch what a page fetches: a page with an outside image and style
    // sheet shows both.
    let control = dir.path().join("control.html");
    let outside = ["http://127.0.0.1:9/x.png", "https://example.invalid/a.css"];
    std::fs::write(
        &control,
        format!("<img src=\"{}\"><link rel=\"stylesheet\" href=\"{}\"><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">", outside[0], outside[1]),
    )
    .unwrap();
    let (_, fetched) = dump_dom(browser, &format!("file://{}", control.display()), dir.path(), "control");
    assert_eq!(fetched, outside, "the net log missed the control page's fetches");

    let (dom, fetched) = dump_dom(browser, &url, dir.path(), "report");
    for id in CHARTS {
        assert_eq!(dom.matches(&format!("id=\"{id}\"")).count(), 1, "{id} not in the DOM");
    }
    assert_eq!(dom.matches("class=\"chart\"").count(), CHARTS.len());
    for name in community_names(&county) {
        assert!(dom.contains(&name), "{name} not in the DOM");
    }
    for u in &fetched {
        assert!(*u == url || u.starts_with("data:"), "the report fetched {u}");
    }

    let shot = dir.path().join("report.png");
    let run = Command::new(browser)
        .args(chromium_args(&dir.path().join("profile-shot")))
        .args([format!("--screenshot={}", shot.display()), "--window-size=1000,2400".into(), url])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (1000, 2400));
    let step = frame.color_type.samples();
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    for px in pixels[..frame.buffer_size()].chunks(step) {
        colours.insert((px[0], px[1], px[2]));
        inked += usize::from(px[0] < 200 || px[1] < 200 || px[2] < 200);
    }
    let total = (frame.width * frame.height) as usize;
    assert!(colours.len() > 200, "only {} colours: a blank page?", colours.len());
    assert!(inked * 20 > total, "only {inked} of {total} pixels are not near white");
}
