//! The totals of a `riskgate score` run, accumulated in input order (so the
//! same input gives the same summary whatever the thread count), and their
//! text and JSON forms. Memory is bounded: counters, one row per input
//! file, the first [`KEEP`] error records and the [`KEEP`] riskiest
//! distinct commands.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use super::score::Scored;
use crate::{Category, Decision};

/// How many riskiest commands, first errors and top rules are kept.
pub(crate) const KEEP: usize = 10;

/// Counts for one input file.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FileCounts {
    /// allow, ask, deny.
    pub(crate) decisions: [u64; 3],
    /// Error records.
    pub(crate) errors: u64,
}

/// One of the riskiest commands.
#[derive(Debug, Clone)]
pub(crate) struct Risky {
    pub(crate) decision: Decision,
    pub(crate) score: Option<f32>,
    pub(crate) command: String,
    pub(crate) file: Arc<str>,
    pub(crate) line: u64,
    pub(crate) rules: Vec<&'static str>,
}

impl Risky {
    /// Deny before ask; then the higher model score; then more rules.
    /// Ties keep the earlier command.
    fn outranks(&self, other: &Risky) -> bool {
        if self.decision != other.decision {
            return self.decision > other.decision;
        }
        match self.score.unwrap_or(-1.0).total_cmp(&other.score.unwrap_or(-1.0)) {
            std::cmp::Ordering::Equal => self.rules.len() > other.rules.len(),
            o => o.is_gt(),
        }
    }
}

/// Totals of a run.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// Commands judged.
    pub(crate) commands: u64,
    /// Error records.
    pub(crate) errors: u64,
    /// allow, ask, deny.
    pub(crate) decisions: [u64; 3],
    /// Commands per rule code (with the rule's name).
    pub(crate) rules: HashMap<&'static str, (&'static str, u64)>,
    /// Commands per category.
    pub(crate) categories: BTreeMap<Category, u64>,
    /// Per input file, in first-seen order.
    pub(crate) files: Vec<(Arc<str>, FileCounts)>,
    /// The riskiest distinct commands, riskiest first.
    pub(crate) riskiest: Vec<Risky>,
    /// The first error records: file, line, error.
    pub(crate) first_errors: Vec<(Arc<str>, u64, String)>,
    /// Wall time of the run.
    pub(crate) elapsed: Duration,
}

fn slot(d: Decision) -> usize {
    match d {
        Decision::Allow => 0,
        Decision::Ask => 1,
        Decision::Deny => 2,
    }
}

impl Summary {
    /// Counts one judged entry.
    pub(crate) fn add(&mut self, s: Scored) {
        match s {
            Scored::Judged { item, decision, score, categories, rules } => {
                self.commands += 1;
                self.decisions[slot(decision)] += 1;
                self.file(&item.pos.file).decisions[slot(decision)] += 1;
                for (code, name) in &rules {
                    self.rules.entry(code).or_insert((name, 0)).1 += 1;
                }
                for c in &categories {
                    *self.categories.entry(*c).or_default() += 1;
                }
                if decision != Decision::Allow {
                    let r = Risky {
                        decision,
                        score,
                        command: item.command,
                        file: item.pos.file,
                        line: item.pos.line,
                        rules: rules.iter().map(|(c, _)| *c).collect(),
                    };
                    self.consider(r);
                }
            }
            Scored::Error(bad) => {
                self.errors += 1;
                self.file(&bad.pos.file).errors += 1;
                if self.first_errors.len() < KEEP {
                    self.first_errors.push((bad.pos.file, bad.pos.line, bad.error));
                }
            }
        }
    }

    /// The counts of the current input file. Entries arrive file by file,
    /// so a new name starts a new row (a file named twice gets two rows).
    fn file(&mut self, name: &Arc<str>) -> &mut FileCounts {
        if self.files.last().is_none_or(|(f, _)| f != name) {
            self.files.push((Arc::clone(name), FileCounts::default()));
        }
        let last = self.files.len() - 1;
        &mut self.files[last].1
    }

    fn consider(&mut self, r: Risky) {
        if let Some(i) = self.riskiest.iter().position(|x| x.command == r.command) {
            if r.outranks(&self.riskiest[i]) {
                self.riskiest.remove(i);
            } else {
                return;
            }
        }
        if self.riskiest.len() == KEEP && !self.riskiest.last().is_some_and(|last| r.outranks(last)) {
            return;
        }
        let at = self.riskiest.iter().position(|x| r.outranks(x)).unwrap_or(self.riskiest.len());
        self.riskiest.insert(at, r);
        self.riskiest.truncate(KEEP);
    }

    /// Prompts with riskgate: every `ask`. A `deny` is blocked without one.
    pub(crate) fn prompts(&self) -> u64 {
        self.decisions[1]
    }

    /// Prompts saved compared with asking for every command.
    pub(crate) fn prompts_saved(&self) -> u64 {
        self.commands - self.prompts()
    }

    /// Rules by how many commands they fired on (then by code).
    pub(crate) fn top_rules(&self) -> Vec<(&'static str, &'static str, u64)> {
        let mut v: Vec<_> = self.rules.iter().map(|(code, (name, n))| (*code, *name, *n)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        v
    }

    /// Categories by count (then in POLICY.md order).
    pub(crate) fn top_categories(&self) -> Vec<(Category, u64)> {
        let mut v: Vec<_> = self.categories.iter().map(|(c, n)| (*c, *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Commands per second of wall time.
    pub(crate) fn rate(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { (self.commands + self.errors) as f64 / secs } else { 0.0 }
    }

    /// The text summary.
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        let n = self.commands;
        let pct = |x: u64| if n == 0 { 0.0 } else { x as f64 * 100.0 / n as f64 };
        let _ = writeln!(
            s,
            "riskgate score: {} commands judged, {} error records, {:.1} s ({:.0} records/s)",
            n,
            self.errors,
            self.elapsed.as_secs_f64(),
            self.rate()
        );
        let [allow, ask, deny] = self.decisions;
        let _ = writeln!(s, "decisions: allow {allow} ({:.1}%), ask {ask} ({:.1}%), deny {deny} ({:.1}%)", pct(allow), pct(ask), pct(deny));
        let _ = writeln!(
            s,
            "prompts: {} with riskgate vs {n} asking every time: {} saved ({:.1}%); {deny} blocked outright",
            self.prompts(),
            self.prompts_saved(),
            pct(self.prompts_saved())
        );
        let rules = self.top_rules();
        if !rules.is_empty() {
            let _ = writeln!(s, "\ntop rules (commands)");
            for (code, name, count) in rules.iter().take(KEEP) {
                let _ = writeln!(s, "  {code:<7} {name:<40} {count:>9} ({:.1}%)", pct(*count));
            }
        }
        let cats = self.top_categories();
        if !cats.is_empty() {
            let _ = writeln!(s, "\ntop categories (commands)");
            for (cat, count) in &cats {
                let _ = writeln!(s, "  {:<22} {count:>9} ({:.1}%)", cat.as_str(), pct(*count));
            }
        }
        if !self.riskiest.is_empty() {
            let _ = writeln!(s, "\nriskiest commands");
            for r in &self.riskiest {
                let cmd: String = r.command.chars().take(100).collect::<String>().replace('\n', "\\n");
                let _ = writeln!(s, "  {:<5} {}:{}  [{}]  {cmd}", r.decision.as_str(), r.file, r.line, r.rules.join(","));
            }
        }
        if !self.first_errors.is_empty() {
            let _ = writeln!(s, "\nerror records (first {} of {})", self.first_errors.len(), self.errors);
            for (file, line, err) in &self.first_errors {
                let _ = writeln!(s, "  {file}:{line}: {err}");
            }
        }
        s
    }

    /// The summary as JSON (`summary.json` of the report).
    pub(crate) fn to_json(&self) -> Value {
        let [allow, ask, deny] = self.decisions;
        json!({
            "commands": self.commands,
            "errors": self.errors,
            "decisions": {"allow": allow, "ask": ask, "deny": deny},
            "prompts": {"with_riskgate": self.prompts(), "ask_every_time": self.commands, "saved": self.prompts_saved()},
            "rules": self.top_rules().iter().map(|(c, n, k)| json!({"rule": c, "name": n, "commands": k})).collect::<Vec<_>>(),
            "categories": self.top_categories().iter().map(|(c, k)| json!({"category": c.as_str(), "commands": k})).collect::<Vec<_>>(),
            "riskiest": self.riskiest.iter().map(|r| json!({"decision": r.decision, "score": r.score, "file": &*r.file, "line": r.line, "rules": r.rules, "command": r.command})).collect::<Vec<_>>(),
            "files": self.files.iter().map(|(f, c)| json!({"file": &**f, "allow": c.decisions[0], "ask": c.decisions[1], "deny": c.decisions[2], "errors": c.errors})).collect::<Vec<_>>(),
            "first_errors": self.first_errors.iter().map(|(f, l, e)| json!({"file": &**f, "line": l, "error": e})).collect::<Vec<_>>(),
            "seconds": self.elapsed.as_secs_f64(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risky(decision: Decision, rules: usize, command: &str) -> Risky {
        Risky { decision, score: None, command: command.into(), file: Arc::from("f"), line: 1, rules: vec!["X"; rules] }
    }

    #[test]
    fn riskiest_keeps_the_worst_distinct_commands() {
        let mut s = Summary::default();
        for i in 0..30 {
            s.consider(risky(Decision::Ask, i % 3, &format!("cmd {i}")));
        }
        s.consider(risky(Decision::Deny, 1, "rm -rf /"));
        s.consider(risky(Decision::Deny, 1, "rm -rf /"));
        assert_eq!(s.riskiest.len(), KEEP);
        assert_eq!(s.riskiest[0].command, "rm -rf /");
        assert_eq!(s.riskiest.iter().filter(|r| r.command == "rm -rf /").count(), 1);
        assert!(s.riskiest[1..].iter().all(|r| r.rules.len() == 2));
        assert_eq!(s.riskiest[1].command, "cmd 2", "ties keep the earlier command");
    }
}
