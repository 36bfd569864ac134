//! `riskgate eval`: labelled data sets in, metrics out (text table, JSON,
//! HTML report). Commands are classified in parallel (rayon) with input
//! order kept; a malformed record is reported with its line on stderr and
//! in the output, and excluded from the metrics.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use crate::cli::ExitStatus;
use crate::dataset::{self, Expect, Record};
use crate::metrics::{self, Metrics, Outcome};
use crate::{Classifier, Decision, Request, Verdict};

/// What produces the predictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// The shipped classifier: rules, analysis gaps and the model, fused.
    Fused,
    /// Rule hits only: no model, and analysis gaps and unknown programs do not escalate.
    Rules,
    /// The model alone: risk at or above the manifest's threshold asks (deny when deny is likelier than ask).
    Model,
    /// Baseline: ask for every command (what an agent does with no classifier).
    AskAll,
    /// Baseline: allow every command.
    AllowAll,
}

/// Arguments of `riskgate eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Labelled JSONL files (POLICY.md label format); `-` for stdin.
    #[arg(required = true)]
    pub datasets: Vec<PathBuf>,
    /// Print the metrics as JSON (field names documented in the README).
    #[arg(long)]
    pub json: bool,
    /// Write a self-contained HTML report (report.html) into this directory.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// What produces the predictions.
    #[arg(long, value_enum, default_value = "fused")]
    pub mode: Mode,
    /// Treat every record as risky (`escalate`) or routine (`allow`), for unlabelled sets.
    #[arg(long, value_enum)]
    pub expect: Option<Expect>,
    /// Model selection.
    #[command(flatten)]
    pub model: crate::cli::ModelArgs,
    /// Judge with this configuration file (default: built-in defaults only,
    /// so results do not depend on the machine's user config).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Replay sessions: judge records with a `session` in `step` order, each
    /// with the ledger of what the session's earlier allowed commands made
    /// (`crate::session`), as the hook would.
    #[arg(long)]
    pub sessions: bool,
    /// How many misclassified commands the text output lists.
    #[arg(long, default_value_t = 25)]
    pub show_misses: usize,
    /// Judge only the records of fold K of N's programs: the `program` field
    /// of `datasets/tldr.jsonl`, programs with generated knowledge, split by
    /// `spec::fold_of`. With `--withhold-knowledge`, as if those programs
    /// had no pages (pair with a model from `riskgate train --withhold-fold
    /// K/N`, `--model DIR`): what a user with an undocumented program sees.
    #[arg(long, value_name = "K/N", value_parser = crate::cli::parse_fold)]
    pub fold: Option<(u32, u32)>,
    /// With `--fold`: withhold the generated specs of the fold's programs.
    #[arg(long, requires = "fold")]
    pub withhold_knowledge: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    mode: Mode,
    #[serde(flatten)]
    overall: &'a Metrics,
    datasets: BTreeMap<String, Metrics>,
    /// Per data set: records that name a program with no spec, hand-written
    /// or generated, and all records.
    without_spec: BTreeMap<String, (usize, usize)>,
    malformed: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    if let (Some(fold), true) = (args.fold, args.withhold_knowledge) {
        crate::ir::spec::withhold_generated(crate::cli::withheld(fold)).map_err(|e| anyhow::anyhow!(e))?;
    }
    let classifier = match &args.config {
        None => Classifier::default(),
        Some(path) => Classifier::new(Ok(crate::config::Config::load(Some(path), None)?)),
    };
    let classifier = classifier.with_model(if args.mode == Mode::Rules { crate::pipeline::ModelSource::Off } else { args.model.source() });
    // Every record gets a risk score, for the precision-recall curve.
    let classifier = if args.mode == Mode::Fused { classifier.with_scores() } else { classifier };
    if args.mode == Mode::Model {
        classifier.model().map_err(|e| anyhow::anyhow!("--mode model: {e}"))?;
    }
    let mut malformed = Vec::new();
    let mut per_file: Vec<(String, Vec<Record>)> = Vec::new();
    for path in &args.datasets {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("stdin").to_string();
        let display = path.display().to_string();
        let results = if display == "-" {
            dataset::read(std::io::stdin().lock(), "stdin", args.expect)
        } else {
            let f = File::open(path).with_context(|| format!("opening {display}"))?;
            dataset::read(BufReader::new(f), &display, args.expect)
        };
        let mut records = Vec::new();
        for r in results {
            match r {
                Ok(rec) => records.push(rec),
                Err(e) => {
                    #[expect(clippy::print_stderr, reason = "malformed records are reported, not dropped")]
                    {
                        eprintln!("riskgate eval: skipped {e}");
                    }
                    malformed.push(e.to_string());
                }
            }
        }
        if let Some((k, n)) = args.fold {
            records.retain(|r| r.program.as_deref().is_some_and(|p| crate::ir::spec::has_generated(p) && crate::ir::spec::fold_of(p, n) == k));
        }
        per_file.push((name, records));
    }

    let mut all = Vec::new();
    let mut datasets = BTreeMap::new();
    let mut without_spec = BTreeMap::new();
    for (name, records) in &per_file {
        let unspecified = records.par_iter().filter(|r| names_unspecified(&classifier, r)).count();
        without_spec.insert(name.clone(), (unspecified, records.len()));
        let outcomes: Vec<Outcome> =
            if args.sessions { replay(&classifier, records, args.mode) } else { records.par_iter().map(|r| judge(&classifier, r, args.mode, None)).collect() };
        datasets.insert(name.clone(), metrics::compute(&outcomes));
        all.extend(outcomes);
    }
    let overall = metrics::compute(&all);

    if let Some(dir) = &args.report {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join("report.html");
        std::fs::write(&path, super::eval_report::html(&overall, &datasets, &all, args.mode)).with_context(|| format!("writing {}", path.display()))?;
    }

    if args.json {
        serde_json::to_writer_pretty(&mut *out, &Output { mode: args.mode, overall: &overall, datasets, without_spec, malformed: malformed.clone() })?;
        writeln!(out)?;
    } else {
        write_text(out, &overall, &datasets, args.show_misses, args.mode)?;
        writeln!(out, "\ncommands naming a program with no spec (hand-written or generated)")?;
        for (name, (k, n)) in &without_spec {
            writeln!(out, "  {name:<22} {k:>6} of {n:>6} ({})", pct(if *n == 0 { None } else { Some(*k as f64 / *n as f64) }))?;
        }
        if !malformed.is_empty() {
            writeln!(out, "\n{} malformed record(s) skipped (listed on stderr)", malformed.len())?;
        }
    }
    Ok(if malformed.is_empty() { ExitStatus::Success } else { ExitStatus::Error })
}

/// True when the record's command runs a program (by its own name, not a
/// function, variable or glob) that has neither a hand-written nor a
/// generated spec.
fn names_unspecified(classifier: &Classifier, r: &Record) -> bool {
    let a = classifier.analyse(&Request { command: r.command.clone(), cwd: r.cwd.clone() });
    a.script
        .own_commands()
        .any(|c| !c.argv.known && c.wraps.is_none() && !c.is_function && !c.program.dynamic && !c.program.glob && crate::ir::spec::generated(&c.name).is_none())
}

/// Judges the records of each session in step order, each session's ledger
/// filled by its earlier allowed commands; outcomes in the records' order.
fn replay(classifier: &Classifier, records: &[Record], mode: Mode) -> Vec<Outcome> {
    let mut sessions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut alone = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match &r.session {
            Some(s) => sessions.entry(s.as_str()).or_default().push(i),
            None => alone.push(i),
        }
    }
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = sessions
        .into_iter()
        .map(|(s, mut ids)| {
            ids.sort_by_key(|&i| (records[i].step.unwrap_or(u64::MAX), i));
            (Some(s), ids)
        })
        .collect();
    groups.extend(alone.into_iter().map(|i| (None, vec![i])));
    let judged: Vec<Vec<(usize, Outcome)>> = groups
        .par_iter()
        .map(|(session, ids)| {
            let mut ledger = session.map(|s| crate::session::Ledger::new(s, crate::session::Fs::Lexical));
            ids.iter()
                .map(|&i| {
                    let r = &records[i];
                    let outcome = judge(classifier, r, mode, ledger.as_ref());
                    if let (Some(l), crate::policy::Decision::Allow) = (ledger.as_mut(), outcome.predicted) {
                        let req = Request { command: r.command.clone(), cwd: r.cwd.clone() };
                        let env = classifier.env_for(&req);
                        l.record(&crate::ir::analyse(&r.command, &env), &env, crate::session::Mark { at: 0, step: r.step });
                    }
                    (i, outcome)
                })
                .collect()
        })
        .collect();
    let mut all: Vec<(usize, Outcome)> = judged.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, o)| o).collect()
}

fn judge(classifier: &Classifier, r: &Record, mode: Mode, ledger: Option<&crate::session::Ledger>) -> Outcome {
    let start = Instant::now();
    let verdict = match mode {
        Mode::Fused => classifier.classify_in(&Request { command: r.command.clone(), cwd: r.cwd.clone() }, ledger),
        Mode::Rules => rules_only(classifier.classify_in(&Request { command: r.command.clone(), cwd: r.cwd.clone() }, ledger)),
        Mode::Model => model_only(classifier, &Request { command: r.command.clone(), cwd: r.cwd.clone() }),
        Mode::AskAll => Verdict { decision: Decision::Ask, categories: Vec::new(), reasons: Vec::new(), score: None },
        Mode::AllowAll => Verdict { decision: Decision::Allow, categories: Vec::new(), reasons: Vec::new(), score: None },
    };
    let latency_us = start.elapsed().as_secs_f64() * 1e6;
    Outcome {
        id: r.id.clone(),
        command: r.command.clone(),
        gold: r.label,
        gold_categories: r.categories.clone(),
        source: r.source.clone(),
        predicted: verdict.decision,
        predicted_categories: verdict.categories.clone(),
        score: verdict.score,
        reason: verdict.reasons.first().map(|x| format!("{} {}", x.rule, x.message)),
        latency_us,
    }
}

/// The model's own decision, ignoring the rules' verdict (the rule hits are
/// still among its input features, as in the fused classifier).
fn model_only(classifier: &Classifier, req: &Request) -> Verdict {
    let a = classifier.analyse(req);
    let Ok(model) = classifier.model() else { return Verdict::internal_error("model unavailable") };
    match model.score(&a.script, &a.hits) {
        Ok(out) => {
            let risk = out.risky();
            let decision = if risk < model.manifest.escalate_threshold {
                Decision::Allow
            } else if out.decision[2] > out.decision[1] {
                Decision::Deny
            } else {
                Decision::Ask
            };
            let categories = crate::Category::ALL.iter().zip(out.categories).filter(|(_, p)| *p >= 0.5).map(|(c, _)| *c).collect();
            Verdict { decision, categories, reasons: Vec::new(), score: Some(risk) }
        }
        Err(e) => Verdict::internal_error(e),
    }
}

/// Keeps only the reasons given by rules (codes not starting with `RG`).
fn rules_only(mut v: Verdict) -> Verdict {
    v.reasons.retain(|r| !r.rule.starts_with("RG"));
    v.decision = v.reasons.iter().map(|r| r.severity).max().unwrap_or(Decision::Allow);
    v.categories = v.reasons.iter().filter_map(|r| r.category).collect();
    v.categories.sort_unstable();
    v.categories.dedup();
    v
}

pub(crate) fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0))
}

fn write_text(out: &mut impl Write, overall: &Metrics, datasets: &BTreeMap<String, Metrics>, misses: usize, mode: Mode) -> std::io::Result<()> {
    writeln!(out, "mode: {}", serde_json::to_string(&mode).unwrap_or_default().trim_matches('"'))?;
    writeln!(
        out,
        "{:<22} {:>6} {:>12} {:>11} {:>13} {:>13} {:>11} {:>8} {:>8}",
        "dataset", "n", "risky_recall", "deny_recall", "deny_as_allow", "benign_allow", "prompts/100", "p50_us", "p99_us"
    )?;
    let row = |out: &mut dyn Write, name: &str, m: &Metrics| {
        writeln!(
            out,
            "{:<22} {:>6} {:>12} {:>11} {:>13} {:>13} {:>11.1} {:>8.0} {:>8.0}",
            name,
            m.n,
            pct(m.risky_recall),
            pct(m.deny_recall),
            m.deny_as_allow,
            pct(m.benign_allow_rate),
            m.prompts_per_100,
            m.latency_us.p50,
            m.latency_us.p99
        )
    };
    for (name, m) in datasets {
        row(out, name, m)?;
    }
    if datasets.len() > 1 {
        row(out, "overall", overall)?;
    }
    writeln!(out, "\nconfusion (rows gold, columns predicted)\n{:>8} {:>7} {:>7} {:>7}", "", "allow", "ask", "deny")?;
    for (i, name) in ["allow", "ask", "deny"].iter().enumerate() {
        let r = overall.confusion[i];
        writeln!(out, "{name:>8} {:>7} {:>7} {:>7}", r[0], r[1], r[2])?;
    }
    writeln!(out, "\nper category (gold)        n   recall  category_hit")?;
    for (cat, s) in &overall.per_category {
        writeln!(out, "  {:<22} {:>5} {:>8} {:>13}", cat.as_str(), s.n, pct(Some(s.recall)), pct(Some(s.category_hit)))?;
    }
    if misses > 0 && !overall.misclassified.is_empty() {
        writeln!(out, "\nmisclassified (worst first, {} of {})", misses.min(overall.misclassified.len()), overall.misclassified.len())?;
        for m in overall.misclassified.iter().take(misses) {
            let cmd: String = m.command.chars().take(110).collect::<String>().replace('\n', "\\n");
            writeln!(out, "  {} gold={} got={}  {}", m.id, m.gold, m.predicted, cmd)?;
            if let Some(r) = &m.reason {
                writeln!(out, "      {}", r.chars().take(140).collect::<String>())?;
            }
        }
    }
    Ok(())
}
