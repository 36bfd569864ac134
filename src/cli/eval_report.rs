//! The self-contained HTML report of `riskgate eval --report DIR`: summary
//! table, confusion matrix, per-category recall bars, the score's
//! precision-recall curve and a latency histogram, as inline SVG.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::eval::{Mode, pct};
use crate::metrics::{Metrics, Outcome};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(crate) fn html(overall: &Metrics, datasets: &BTreeMap<String, Metrics>, outcomes: &[Outcome], mode: Mode) -> String {
    let mut h = String::new();
    let mode = serde_json::to_string(&mode).unwrap_or_default();
    let _ = write!(
        h,
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>riskgate eval</title><style>\
         body{{font-family:sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse;margin:1em 0}}\
         td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}th{{background:#f3f3f3}}\
         code{{font-size:90%}}</style></head><body><h1>riskgate eval</h1><p>mode {}</p>",
        esc(mode.trim_matches('"'))
    );
    h.push_str("<h2>Summary</h2><table><tr><th>dataset</th><th>n</th><th>risky recall</th><th>deny recall</th><th>deny as allow</th><th>benign allow</th><th>prompts/100</th><th>p50 µs</th><th>p99 µs</th></tr>");
    let mut rows: Vec<(&str, &Metrics)> = datasets.iter().map(|(k, v)| (k.as_str(), v)).collect();
    rows.push(("overall", overall));
    for (name, m) in rows {
        let _ = write!(
            h,
            "<tr><th>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1}</td><td>{:.0}</td><td>{:.0}</td></tr>",
            esc(name),
            m.n,
            pct(m.risky_recall),
            pct(m.deny_recall),
            m.deny_as_allow,
            pct(m.benign_allow_rate),
            m.prompts_per_100,
            m.latency_us.p50,
            m.latency_us.p99
        );
    }
    h.push_str("</table><h2>Confusion matrix (rows gold, columns predicted)</h2><table><tr><th></th><th>allow</th><th>ask</th><th>deny</th></tr>");
    for (i, name) in ["allow", "ask", "deny"].iter().enumerate() {
        let r = overall.confusion[i];
        let _ = write!(h, "<tr><th>{name}</th><td>{}</td><td>{}</td><td>{}</td></tr>", r[0], r[1], r[2]);
    }
    h.push_str("</table><h2>Recall per gold category</h2>");
    h.push_str(&bars(overall));
    if !overall.pr_curve.is_empty() {
        let scored = outcomes.iter().filter(|o| o.score.is_some()).count();
        h.push_str("<h2>Precision-recall of the score</h2>");
        let _ = write!(
            h,
            "<p>All datasets together: {scored} of {} records have a risk score. Positive = gold ask or deny;              each point is one score threshold (records at or above it predicted risky).</p>",
            outcomes.len()
        );
        h.push_str(&pr_svg(overall));
    }
    h.push_str("<h2>Latency per command</h2>");
    let _ = write!(h, "<p>All {} records, time to judge one command in this process (log scale).</p>", outcomes.len());
    h.push_str(&latency_svg(outcomes));
    h.push_str("<h2>Misclassified (worst first)</h2><table><tr><th>id</th><th>gold</th><th>got</th><th style=\"text-align:left\">command</th><th style=\"text-align:left\">reason</th></tr>");
    for m in overall.misclassified.iter().take(200) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td style=\"text-align:left\"><code>{}</code></td><td style=\"text-align:left\">{}</td></tr>",
            esc(&m.id),
            m.gold,
            m.predicted,
            esc(&m.command),
            esc(m.reason.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</table></body></html>\n");
    h
}

fn bars(m: &Metrics) -> String {
    let row_h = 22;
    let height = row_h * m.per_category.len().max(1) + 10;
    let mut s = format!("<svg width=\"720\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
    for (i, (cat, st)) in m.per_category.iter().enumerate() {
        let y = i * row_h + 5;
        let w = (st.recall * 480.0).round();
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"150\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"#4a7\"/><text x=\"{}\" y=\"{}\">{:.1}% of {}</text>",
            y + 12,
            cat.as_str(),
            150.0 + w + 6.0,
            y + 12,
            st.recall * 100.0,
            st.n
        );
    }
    s.push_str("</svg>");
    s
}

fn pr_svg(m: &Metrics) -> String {
    let mut s = String::from(
        "<svg width=\"360\" height=\"360\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\"><rect x=\"40\" y=\"10\" width=\"300\" height=\"300\" fill=\"none\" stroke=\"#999\"/><polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"2\" points=\"",
    );
    for p in &m.pr_curve {
        let _ = write!(s, "{:.1},{:.1} ", 40.0 + p.recall * 300.0, 310.0 - p.precision * 300.0);
    }
    s.push_str("\"/>");
    // Tick labels on both axes, 0 to 1 by 0.25.
    for i in 0..=4 {
        let v = f64::from(i) * 0.25;
        let _ = write!(
            s,
            "<text x=\"{:.0}\" y=\"325\" text-anchor=\"middle\">{v:.2}</text><text x=\"36\" y=\"{:.0}\" text-anchor=\"end\">{v:.2}</text>",
            40.0 + v * 300.0,
            314.0 - v * 300.0
        );
    }
    s.push_str("<text x=\"190\" y=\"345\" text-anchor=\"middle\">recall</text><text x=\"12\" y=\"160\" transform=\"rotate(-90 12 160)\" text-anchor=\"middle\">precision</text></svg>");
    s
}

fn latency_svg(outcomes: &[Outcome]) -> String {
    if outcomes.is_empty() {
        return String::from("<p>no data</p>");
    }
    // Log-scale buckets: 1 µs .. 100 ms.
    let mut buckets = [0usize; 25];
    for o in outcomes {
        let b = ((o.latency_us.max(1.0).log10()) * 5.0).floor() as usize;
        buckets[b.min(24)] += 1;
    }
    let max = buckets.iter().copied().max().unwrap_or(1).max(1);
    let mut s = String::from("<svg width=\"680\" height=\"240\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">");
    // The y axis: record counts at 0, half and the tallest bar.
    for (frac, label) in [(0.0, 0), (0.5, max / 2), (1.0, max)] {
        let y = 180.0 - frac * 170.0;
        let _ = write!(
            s,
            "<text x=\"62\" y=\"{:.0}\" text-anchor=\"end\">{label}</text><line x1=\"66\" x2=\"670\" y1=\"{y:.0}\" y2=\"{y:.0}\" stroke=\"#ddd\"/>",
            y + 4.0
        );
    }
    s.push_str("<text x=\"12\" y=\"95\" transform=\"rotate(-90 12 95)\" text-anchor=\"middle\">records</text><text x=\"370\" y=\"232\" text-anchor=\"middle\">time per command</text>");
    for (i, &c) in buckets.iter().enumerate() {
        let h = (c as f64 / max as f64) * 170.0;
        let x = 70 + i * 24;
        let _ = write!(s, "<rect x=\"{x}\" y=\"{:.1}\" width=\"20\" height=\"{h:.1}\" fill=\"#c73\"/>", 180.0 - h);
        if i % 5 == 0 {
            let _ = write!(s, "<text x=\"{x}\" y=\"200\">{}</text>", ["1µs", "10µs", "100µs", "1ms", "10ms"][i / 5]);
        }
    }
    s.push_str("</svg>");
    s
}
