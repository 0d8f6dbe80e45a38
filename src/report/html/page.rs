//! The document around the charts: the style sheet, the summary, the per-community table, the
//! table of unmet demands and HTML escaping. Everything is inline, so the file opens offline.

use super::coverage::by_coverage;
use super::svg::FONT_STACK;
use crate::format::{SolutionSpec, Status, UnassignedSpec};
use crate::problem::Problem;
use crate::report::project_list::Labels;
use crate::report::would_take::{nth_suggestion_words, MAX_SUGGESTIONS};
use crate::report::{gap_percent, Reason, ReasonCode, Tally};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Most unmet demands listed one per row; the counts per code always cover them all.
pub const UNMET_ROWS: usize = 500;

/// `text` with the characters that HTML gives a meaning replaced by entities, for element
/// content and quoted attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `n` with a comma between each group of three digits: `120,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The style sheet: the Chinese font stack for the page and the SVG text alike (CSS overrides
/// the charts' own font attributes), charts that shrink with the window, and print-friendly
/// tables.
fn style_sheet() -> String {
    format!(
        "body{{font-family:{FONT_STACK};margin:0;background:#f4f6f8;color:#222;line-height:1.5}}\
         svg text{{font-family:{FONT_STACK}}}\
         main{{max-width:960px;margin:0 auto;padding:24px}}\
         h1{{font-size:26px;margin:0 0 4px}}h2{{font-size:19px;margin:0 0 10px}}\
         .sub{{color:#666;margin:0 0 18px}}\
         section{{background:#fff;border-radius:8px;padding:18px 20px;margin:0 0 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}}\
         .cards{{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px}}\
         .card{{background:#f7f9fb;border-left:4px solid #2e7d9a;padding:8px 12px}}\
         .card b{{display:block;font-size:20px}}.card span{{color:#666;font-size:13px}}\
         .card.alert{{border-color:#d62728}}\
         svg.chart{{display:block;max-width:100%;height:auto}}\
         .note{{color:#666;font-size:13px;margin:8px 0 0}}\
         table{{border-collapse:collapse;width:100%;font-size:13px}}\
         th,td{{text-align:left;padding:4px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top}}\
         th{{background:#f0f3f6}}td.num,th.num{{text-align:right}}\
         tr.below td{{color:#b71c1c}}\
         .ramp{{display:inline-block;width:120px;height:10px;vertical-align:middle;\
         background:linear-gradient(90deg,#d62728,#f2b134,#2e7d9a)}}\
         @media print{{body{{background:#fff}}section{{box-shadow:none;break-inside:avoid}}}}"
    )
}

/// The whole page: `title`, then `sections` in order.
pub fn document(title: &str, subtitle: &str, sections: &[String]) -> String {
    let mut html = String::with_capacity(sections.iter().map(String::len).sum::<usize>() + 4096);
    html.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(html, "<title>{}</title>", escape(title));
    let _ = writeln!(html, "<style>{}</style>\n</head>\n<body>\n<main>", style_sheet());
    let _ = writeln!(html, "<h1>{}</h1>\n<p class=\"sub\">{}</p>", escape(title), escape(subtitle));
    for s in sections {
        html.push_str(s);
        html.push('\n');
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// A section with a heading, a body (already HTML) and an optional note in words.
pub fn section(id: &str, heading: &str, body: &str, note: &str) -> String {
    let note = if note.is_empty() { String::new() } else { format!("<p class=\"note\">{note}</p>") };
    format!("<section id=\"{id}\">\n<h2>{}</h2>\n{body}\n{note}</section>", escape(heading))
}

/// A status in Chinese and English.
fn status_words(status: Status) -> String {
    let zh = match status {
        Status::Optimal => "已证明最优",
        Status::Feasible => "可行",
        Status::Infeasible => "无可行方案",
        Status::Unknown => "未找到方案",
    };
    format!("{zh} {}", status.as_str())
}

/// A number with three decimals, or a dash.
fn number(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{x:.3}"))
}

/// The summary cards: solver, status, objective, bound, gap, demands and weight met, the
/// lowest community and volunteers' hours.
pub fn summary(problem: &Problem, solution: &SolutionSpec, tally: &Tally) -> String {
    let names = &problem.names;
    let total = &tally.total;
    let mut cards: Vec<(String, String, bool)> = vec![
        (escape(solution.solver.as_deref().unwrap_or("—")), "求解器 solver".into(), false),
        (status_words(solution.status), "状态 status".into(), false),
        (number(solution.objective), "目标值 objective".into(), false),
        (number(solution.bound), "上界 bound".into(), false),
    ];
    let gap = gap_percent(solution.objective, solution.bound).map_or("—".into(), |g| format!("{g:.2}%"));
    cards.push((gap, "差距 gap".into(), false));
    let pct = 100.0 * f64::from(total.met) / f64::from(total.demands.max(1));
    cards.push((
        format!("{} / {}", thousands(total.met as usize), thousands(total.demands as usize)),
        format!("已满足需求 demands met ({pct:.1}%)"),
        false,
    ));
    cards.push((format!("{:.1}%", 100.0 * total.coverage()), "权重满足率 weight met".into(), false));
    if let Some(t) = tally.lowest() {
        let r = t.region as usize;
        let below = tally.floor.is_some_and(|f| t.below(f));
        let name = format!("{} ({})", names.region_names[r], names.regions[r]);
        cards.push((format!("{:.1}%", 100.0 * t.coverage()), format!("最低 lowest: {}", escape(&name)), below));
    }
    if let Some(f) = tally.floor {
        let below = tally.regions.iter().filter(|t| t.below(f)).count();
        cards.push((
            format!("{below} / {}", tally.regions.len()),
            format!("低于公平底线 {:.0}% below floor", 100.0 * f),
            below > 0,
        ));
    }
    let offered: f64 = tally.volunteers.iter().map(|v| v.hours_offered).filter(|h| h.is_finite()).sum();
    let used: f64 = tally.volunteers.iter().map(|v| v.hours_used).sum();
    cards.push((format!("{used:.0} h"), format!("志愿时长 volunteer hours (offered {offered:.0} h)"), false));
    let active = tally.volunteers.iter().filter(|v| v.tasks > 0).count();
    cards.push((
        format!("{} / {}", thousands(active), thousands(tally.volunteers.len())),
        "参与志愿者 volunteers with a task".into(),
        false,
    ));
    let mut html = String::from("<div class=\"cards\">");
    for (value, label, alert) in cards {
        let class = if alert { "card alert" } else { "card" };
        let _ = write!(html, "<div class=\"{class}\"><b>{value}</b><span>{label}</span></div>");
    }
    html.push_str("</div>");
    html
}

/// One row per community, lowest coverage first: demands, met, weight met, hours given.
pub fn community_table(problem: &Problem, tally: &Tally) -> String {
    let names = &problem.names;
    let mut html = String::from(
        "<table id=\"community-table\"><tr><th>社区 community</th><th class=\"num\">需求 demands</th>\
         <th class=\"num\">已满足 met</th><th class=\"num\">权重满足率 weight met</th>\
         <th class=\"num\">志愿时长 hours</th></tr>",
    );
    for g in by_coverage(tally) {
        let t = &tally.regions[g];
        let r = t.region as usize;
        let below = tally.floor.is_some_and(|f| t.below(f));
        let _ = write!(
            html,
            "<tr{}><td>{} <small>({})</small></td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{:.1}%</td><td class=\"num\">{:.1}</td></tr>",
            if below { " class=\"below\"" } else { "" },
            escape(&names.region_names[r]),
            escape(&names.regions[r]),
            t.demands,
            t.met,
            100.0 * t.coverage(),
            t.volunteer_hours
        );
    }
    html.push_str("</table>");
    html
}

/// What a reason code means, in Chinese and English.
fn meaning(code: ReasonCode) -> &'static str {
    match code {
        ReasonCode::NoCandidate => "没有符合条件的志愿者 no candidate",
        ReasonCode::TooFewCandidates => "候选志愿者少于所需人数 fewer candidates than people",
        ReasonCode::NoCommonSlot => "候选志愿者没有共同的可用时段 no common slot",
        ReasonCode::ResourceTooSmall => "可用资源总量不足 resources too small",
        ReasonCode::OutOfTime => "候选志愿者时长或次数已用完 candidates out of hours or tasks",
        ReasonCode::ResourceUsed => "资源已被其他需求用完 resources used elsewhere",
        ReasonCode::NotWorthIt => "最低成本不低于需求价值 cheapest team costs its value",
        ReasonCode::NotSelected => "可以满足，但能力用在了别处 capacity used elsewhere",
        ReasonCode::NoStandby => "备岗人手不足 too few free to stand by",
    }
}

/// The unmet demands: a count per reason code, then up to [`UNMET_ROWS`] rows of demand (id
/// and title), community, weight, code, reason and what it would take to meet it (`would_take`
/// of its entry in `solution`, one line per suggestion), the heaviest first, and where the full
/// list is.
pub fn unmet_tables(
    problem: &Problem,
    labels: &Labels,
    tally: &Tally,
    reasons: &[Reason],
    solution: &SolutionSpec,
    plan_file: &str,
) -> String {
    let entries: HashMap<&str, &UnassignedSpec> = solution.unassigned.iter().map(|u| (u.demand.as_str(), u)).collect();
    let names = &problem.names;
    let weight = |r: &Reason| problem.instance.demands[r.demand as usize].weight;
    let mut by_code: Vec<&Reason> = reasons.iter().collect();
    by_code.sort_by_key(|r| (r.code.as_str(), r.demand));
    let mut html = String::from(
        "<table id=\"unmet-codes\"><tr><th>代码 code</th><th>原因 reason</th><th class=\"num\">需求数 demands</th></tr>",
    );
    for group in by_code.chunk_by(|a, b| a.code == b.code) {
        let code = group[0].code;
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            code.as_str(),
            meaning(code),
            group.len()
        );
    }
    html.push_str(
        "</table>\n<table id=\"unmet\"><tr><th>需求 demand</th><th>社区 community</th>\
         <th class=\"num\">权重 weight</th><th>代码 code</th><th>原因 reason</th><th>所需改变 would take</th></tr>",
    );
    let mut order = by_code;
    order.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then(a.demand.cmp(&b.demand)));
    for r in order.iter().take(UNMET_ROWS) {
        let d = r.demand as usize;
        let community = tally.region_of_demand[d]
            .map_or(String::new(), |g| names.region_names[tally.regions[g as usize].region as usize].clone());
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.1}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&labels.title(d).map_or_else(|| names.demands[d].clone(), |t| format!("{} {t}", names.demands[d]))),
            escape(&community),
            weight(r),
            r.code.as_str(),
            escape(&r.text),
            would_take_cell(entries.get(names.demands[d].as_str()).copied())
        );
    }
    html.push_str("</table>");
    if order.len() > UNMET_ROWS {
        let _ = write!(
            html,
            "<p class=\"note\" id=\"unmet-more\">另有 {} 条未满足需求未列出（共 {} 条，上表按权重从高到低列出前 {UNMET_ROWS} 条）。\
             完整清单及原因见方案文件 <code>{}</code> 的 <code>unassigned</code> 列表，\
             或用 <code>civic-match export</code> 导出项目清单。{} more unmet demands are not shown; the plan \
             file lists them all.</p>",
            order.len() - UNMET_ROWS,
            order.len(),
            escape(plan_file),
            order.len() - UNMET_ROWS
        );
    }
    html
}

/// The suggestions of an unmet entry, one line each (escaped), or nothing.
fn would_take_cell(entry: Option<&UnassignedSpec>) -> String {
    let Some(u) = entry else { return String::new() };
    let lines: Vec<String> = (0..MAX_SUGGESTIONS)
        .map(|k| nth_suggestion_words(u, k))
        .filter(|w| !w.is_empty())
        .map(|w| escape(&w))
        .collect();
    lines.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_reads_as_markup() {
        assert_eq!(escape("A<B & \"C\" 'd' >"), "A&lt;B &amp; &quot;C&quot; &#39;d&#39; &gt;");
        assert_eq!(escape("仁德社区"), "仁德社区");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(120_000), "120,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_document_escapes_its_title() {
        let html = document("<script>&", "sub", &[section("s", "H & I", "<p>x</p>", "")]);
        assert!(html.contains("<title>&lt;script&gt;&amp;</title>") && html.contains("<h2>H &amp; I</h2>"));
        assert!(!html.contains("<script>"));
    }
}
