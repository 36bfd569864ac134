//! The self-contained HTML report of `riskgate score --report DIR`: totals,
//! the decision split, prompts saved, top rules and categories as inline
//! SVG bar charts, the riskiest commands, per-file counts and the first
//! error records. No scripts, no external resources.

use std::fmt::Write as _;

use super::score_summary::{KEEP, Summary};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// At most this many rows of per-file counts.
const MAX_FILES: usize = 200;

pub(crate) fn html(s: &Summary) -> String {
    let mut h = String::new();
    h.push_str(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>riskgate score</title><style>\
         body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}\
         td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}\
         td.l{text-align:left}code{font-size:90%;white-space:pre-wrap;word-break:break-all}</style></head><body><h1>riskgate score</h1>",
    );
    let n = s.commands;
    let pct = |x: u64| if n == 0 { 0.0 } else { x as f64 * 100.0 / n as f64 };
    let [allow, ask, deny] = s.decisions;
    let _ = write!(
        h,
        "<table><tr><th>commands</th><th>allow</th><th>ask</th><th>deny</th><th>error records</th><th>prompts with riskgate</th><th>prompts asking every time</th><th>prompts saved</th></tr>\
         <tr><td>{n}</td><td>{allow} ({:.1}%)</td><td>{ask} ({:.1}%)</td><td>{deny} ({:.1}%)</td><td>{}</td><td>{}</td><td>{n}</td><td>{} ({:.1}%)</td></tr></table>",
        pct(allow),
        pct(ask),
        pct(deny),
        s.errors,
        s.prompts(),
        s.prompts_saved(),
        pct(s.prompts_saved())
    );
    h.push_str("<h2>Decisions</h2>");
    h.push_str(&split_svg(&[("allow", allow, "#4a7"), ("ask", ask, "#e9b23b"), ("deny", deny, "#c33")]));
    h.push_str("<h2>Prompts</h2>");
    h.push_str(&bars_svg(&[("asking every time".to_string(), n), ("with riskgate".to_string(), s.prompts())], "#36c", n));
    let rules: Vec<(String, u64)> = s.top_rules().into_iter().take(20).map(|(code, name, k)| (format!("{code} {name}"), k)).collect();
    if !rules.is_empty() {
        h.push_str("<h2>Top rules (commands)</h2>");
        h.push_str(&bars_svg(&rules, "#c73", n));
    }
    let cats: Vec<(String, u64)> = s.top_categories().into_iter().map(|(c, k)| (c.as_str().to_string(), k)).collect();
    if !cats.is_empty() {
        h.push_str("<h2>Categories (commands)</h2>");
        h.push_str(&bars_svg(&cats, "#76b", n));
    }
    if !s.riskiest.is_empty() {
        let _ = write!(
            h,
            "<h2>The {} riskiest commands</h2><table><tr><th>decision</th><th>score</th><th>where</th><th>rules</th><th class=\"l\">command</th></tr>",
            s.riskiest.len().min(KEEP)
        );
        for r in &s.riskiest {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"l\">{}:{}</td><td class=\"l\">{}</td><td class=\"l\"><code>{}</code></td></tr>",
                r.decision,
                r.score.map(|x| format!("{x:.3}")).unwrap_or_default(),
                esc(&r.file),
                r.line,
                esc(&r.rules.join(", ")),
                esc(&r.command)
            );
        }
        h.push_str("</table>");
    }
    let _ = write!(h, "<h2>Files</h2><table><tr><th class=\"l\">file</th><th>allow</th><th>ask</th><th>deny</th><th>errors</th></tr>");
    for (f, c) in s.files.iter().take(MAX_FILES) {
        let _ = write!(
            h,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(f),
            c.decisions[0],
            c.decisions[1],
            c.decisions[2],
            c.errors
        );
    }
    h.push_str("</table>");
    if s.files.len() > MAX_FILES {
        let _ = write!(h, "<p>… and {} more files (see summary.json)</p>", s.files.len() - MAX_FILES);
    }
    if !s.first_errors.is_empty() {
        let _ = write!(
            h,
            "<h2>Error records (first {} of {})</h2><table><tr><th class=\"l\">where</th><th class=\"l\">error</th></tr>",
            s.first_errors.len(),
            s.errors
        );
        for (f, l, e) in &s.first_errors {
            let _ = write!(h, "<tr><td class=\"l\">{}:{l}</td><td class=\"l\">{}</td></tr>", esc(f), esc(e));
        }
        h.push_str("</table>");
    }
    let _ = writeln!(h, "<p>{:.1} s, {:.0} records/s</p></body></html>", s.elapsed.as_secs_f64(), s.rate());
    h
}

/// One stacked horizontal bar with a legend.
fn split_svg(parts: &[(&str, u64, &str)]) -> String {
    let total: u64 = parts.iter().map(|p| p.1).sum();
    let mut s = String::from("<svg width=\"720\" height=\"60\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
    let mut x = 0.0;
    for (i, (name, count, color)) in parts.iter().enumerate() {
        let w = if total == 0 { 0.0 } else { *count as f64 / total as f64 * 700.0 };
        let _ = write!(s, "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{color}\"/>");
        let lx = i * 200;
        let share = if total == 0 { 0.0 } else { *count as f64 * 100.0 / total as f64 };
        let _ = write!(
            s,
            "<rect x=\"{lx}\" y=\"36\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{}\" y=\"47\">{name} {count} ({share:.1}%)</text>",
            lx + 16
        );
        x += w;
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars, one per row, scaled to `scale`.
fn bars_svg(rows: &[(String, u64)], color: &str, scale: u64) -> String {
    let row_h = 22;
    let height = row_h * rows.len().max(1) + 10;
    let mut s = format!("<svg width=\"900\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
    for (i, (label, count)) in rows.iter().enumerate() {
        let y = i * row_h + 5;
        let w = if scale == 0 { 0.0 } else { (*count as f64 / scale as f64 * 480.0).round() };
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"300\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\">{count}</text>",
            y + 12,
            esc(label),
            300.0 + w + 6.0,
            y + 12
        );
    }
    s.push_str("</svg>");
    s
}
