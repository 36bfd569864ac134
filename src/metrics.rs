//! Evaluation metrics over labelled verdicts: confusion matrix, recalls,
//! prompt rate, per-category and per-source breakdowns, latency
//! percentiles and the misclassified list. Pure computation: `cli/eval.rs`
//! reads the data and prints; this module only counts.
//!
//! Definitions (field names are the `riskgate eval --json` contract):
//! - `risky_recall`: gold ask|deny predicted ask|deny.
//! - `deny_recall`: gold deny predicted deny.
//! - `deny_as_allow`: count of gold deny predicted allow (target 0).
//! - `benign_allow_rate`: gold allow predicted allow.
//! - `prompts_per_100`: predicted ask|deny per 100 commands (asking every
//!   time is 100).
//! - `per_category[c].recall`: records whose gold categories include `c`,
//!   share predicted ask|deny; `.category_hit` share whose predicted
//!   categories include `c`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::policy::{Category, Decision};

/// One judged record.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Record id (or `file:line`).
    pub id: String,
    /// The command.
    pub command: String,
    /// Gold decision.
    pub gold: Decision,
    /// Gold categories.
    pub gold_categories: Vec<Category>,
    /// Where the record came from (its `source` field or the file name).
    pub source: String,
    /// Predicted decision.
    pub predicted: Decision,
    /// Predicted categories.
    pub predicted_categories: Vec<Category>,
    /// The model's score, when there is one.
    pub score: Option<f32>,
    /// First reason, for error analysis.
    pub reason: Option<String>,
    /// Time to classify, in microseconds.
    pub latency_us: f64,
}

/// Recall figures for one slice of the data.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Slice {
    /// Records in the slice.
    pub n: usize,
    /// Gold ask|deny predicted ask|deny (null when the slice has none).
    pub risky_recall: Option<f64>,
    /// Gold allow predicted allow (null when none).
    pub benign_allow_rate: Option<f64>,
    /// Gold deny predicted allow.
    pub deny_as_allow: usize,
}

/// Per-category figures.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryStats {
    /// Records whose gold categories include this one.
    pub n: usize,
    /// Share of them escalated (ask or deny).
    pub recall: f64,
    /// Share of them whose predicted categories include this one.
    pub category_hit: f64,
}

/// Latency percentiles in microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    /// Median.
    pub p50: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// A misclassified record, for error analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Record id.
    pub id: String,
    /// Gold decision.
    pub gold: Decision,
    /// Predicted decision.
    pub predicted: Decision,
    /// The command.
    pub command: String,
    /// The first reason given, if any.
    pub reason: Option<String>,
}

/// One point of the precision-recall curve of the score (risky = positive).
#[derive(Debug, Clone, Serialize)]
pub struct PrPoint {
    /// Score threshold.
    pub threshold: f32,
    /// Precision at the threshold.
    pub precision: f64,
    /// Recall at the threshold.
    pub recall: f64,
}

/// The metrics of one evaluation (per dataset or overall).
#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    /// Records judged.
    pub n: usize,
    /// `confusion[gold][predicted]`, rows and columns allow, ask, deny.
    pub confusion: [[usize; 3]; 3],
    /// Gold ask|deny predicted ask|deny.
    pub risky_recall: Option<f64>,
    /// Gold deny predicted deny.
    pub deny_recall: Option<f64>,
    /// Gold deny predicted allow (count).
    pub deny_as_allow: usize,
    /// Gold allow predicted allow.
    pub benign_allow_rate: Option<f64>,
    /// Predicted ask|deny per 100 commands.
    pub prompts_per_100: f64,
    /// Per gold category.
    pub per_category: BTreeMap<Category, CategoryStats>,
    /// Per source.
    pub per_source: BTreeMap<String, Slice>,
    /// Precision-recall curve of the score (empty without scores).
    pub pr_curve: Vec<PrPoint>,
    /// Per-command latency.
    pub latency_us: Latency,
    /// Misclassified records, worst first.
    pub misclassified: Vec<Miss>,
}

fn idx(d: Decision) -> usize {
    match d {
        Decision::Allow => 0,
        Decision::Ask => 1,
        Decision::Deny => 2,
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// How bad a miss is, for sorting: a gold deny allowed is the worst.
fn badness(gold: Decision, predicted: Decision) -> u8 {
    match (gold, predicted) {
        (Decision::Deny, Decision::Allow) => 5,
        (Decision::Ask, Decision::Allow) => 4,
        (Decision::Allow, Decision::Deny) => 3,
        (Decision::Deny, Decision::Ask) => 2,
        (Decision::Allow, Decision::Ask) => 1,
        _ => 0,
    }
}

fn slice(outcomes: &[&Outcome]) -> Slice {
    let risky = outcomes.iter().filter(|o| o.gold.escalates()).count();
    let risky_hit = outcomes.iter().filter(|o| o.gold.escalates() && o.predicted.escalates()).count();
    let benign = outcomes.iter().filter(|o| !o.gold.escalates()).count();
    let benign_hit = outcomes.iter().filter(|o| !o.gold.escalates() && !o.predicted.escalates()).count();
    Slice {
        n: outcomes.len(),
        risky_recall: ratio(risky_hit, risky),
        benign_allow_rate: ratio(benign_hit, benign),
        deny_as_allow: outcomes.iter().filter(|o| o.gold == Decision::Deny && o.predicted == Decision::Allow).count(),
    }
}

/// Computes every metric over the outcomes.
#[must_use]
pub fn compute(outcomes: &[Outcome]) -> Metrics {
    let mut confusion = [[0usize; 3]; 3];
    for o in outcomes {
        confusion[idx(o.gold)][idx(o.predicted)] += 1;
    }
    let all: Vec<&Outcome> = outcomes.iter().collect();
    let overall = slice(&all);
    let deny = confusion[2].iter().sum::<usize>();
    let escalated = outcomes.iter().filter(|o| o.predicted.escalates()).count();

    let mut per_category = BTreeMap::new();
    for &cat in Category::ALL {
        let with: Vec<&Outcome> = outcomes.iter().filter(|o| o.gold_categories.contains(&cat)).collect();
        if with.is_empty() {
            continue;
        }
        let esc = with.iter().filter(|o| o.predicted.escalates()).count();
        let hit = with.iter().filter(|o| o.predicted_categories.contains(&cat)).count();
        per_category.insert(cat, CategoryStats { n: with.len(), recall: esc as f64 / with.len() as f64, category_hit: hit as f64 / with.len() as f64 });
    }

    let mut by_source: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in outcomes {
        by_source.entry(o.source.clone()).or_default().push(o);
    }
    let per_source = by_source.into_iter().map(|(k, v)| (k, slice(&v))).collect();

    let mut lat: Vec<f64> = outcomes.iter().map(|o| o.latency_us).collect();
    lat.sort_by(f64::total_cmp);

    let mut misclassified: Vec<&Outcome> = outcomes.iter().filter(|o| o.gold != o.predicted).collect();
    misclassified.sort_by(|a, b| badness(b.gold, b.predicted).cmp(&badness(a.gold, a.predicted)).then_with(|| a.id.cmp(&b.id)));

    Metrics {
        n: outcomes.len(),
        confusion,
        risky_recall: overall.risky_recall,
        deny_recall: ratio(confusion[2][2], deny),
        deny_as_allow: overall.deny_as_allow,
        benign_allow_rate: overall.benign_allow_rate,
        prompts_per_100: if outcomes.is_empty() { 0.0 } else { 100.0 * escalated as f64 / outcomes.len() as f64 },
        per_category,
        per_source,
        pr_curve: pr_curve(outcomes),
        latency_us: Latency { p50: percentile(&lat, 50.0), p99: percentile(&lat, 99.0) },
        misclassified: misclassified
            .into_iter()
            .map(|o| Miss { id: o.id.clone(), gold: o.gold, predicted: o.predicted, command: o.command.clone(), reason: o.reason.clone() })
            .collect(),
    }
}

fn pr_curve(outcomes: &[Outcome]) -> Vec<PrPoint> {
    let mut scored: Vec<(f32, bool)> = outcomes.iter().filter_map(|o| o.score.map(|s| (s, o.gold.escalates()))).collect();
    if scored.is_empty() {
        return Vec::new();
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = scored.iter().filter(|s| s.1).count().max(1);
    let mut out = Vec::new();
    let mut tp = 0usize;
    let step = (scored.len() / 50).max(1);
    for (i, (s, pos)) in scored.iter().enumerate() {
        if *pos {
            tp += 1;
        }
        if i % step == 0 || i + 1 == scored.len() {
            out.push(PrPoint { threshold: *s, precision: tp as f64 / (i + 1) as f64, recall: tp as f64 / positives as f64 });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(id: &str, gold: Decision, predicted: Decision, cats: &[Category]) -> Outcome {
        Outcome {
            id: id.into(),
            command: id.into(),
            gold,
            gold_categories: cats.to_vec(),
            source: if id.starts_with('a') { "a".into() } else { "b".into() },
            predicted,
            predicted_categories: Vec::new(),
            score: None,
            reason: None,
            latency_us: 10.0,
        }
    }

    #[test]
    fn counts_and_rates() {
        use Decision::*;
        let data = [
            o("a1", Allow, Allow, &[]),
            o("a2", Allow, Ask, &[]),
            o("b1", Ask, Ask, &[Category::System]),
            o("b2", Ask, Allow, &[Category::System]),
            o("b3", Deny, Allow, &[Category::Destructive]),
            o("b4", Deny, Deny, &[Category::Destructive]),
        ];
        let m = compute(&data);
        assert_eq!(m.n, 6);
        assert_eq!(m.confusion, [[1, 1, 0], [1, 1, 0], [1, 0, 1]]);
        assert_eq!(m.risky_recall, Some(0.5));
        assert_eq!(m.deny_recall, Some(0.5));
        assert_eq!(m.deny_as_allow, 1);
        assert_eq!(m.benign_allow_rate, Some(0.5));
        assert!((m.prompts_per_100 - 50.0).abs() < 1e-9);
        assert_eq!(m.per_category[&Category::System].n, 2);
        assert!((m.per_category[&Category::System].recall - 0.5).abs() < 1e-9);
        assert_eq!(m.per_source["a"].n, 2);
        assert_eq!(m.misclassified[0].id, "b3", "a gold deny allowed is listed first");
        assert!(m.pr_curve.is_empty());
    }

    #[test]
    fn empty_input_has_no_rates() {
        let m = compute(&[]);
        assert_eq!(m.n, 0);
        assert_eq!(m.risky_recall, None);
        assert_eq!(m.prompts_per_100, 0.0);
    }
}
