//! Every line of `tests/corpus/*.tsv` through the `Classifier`; all
//! mismatches in one report.
//!
//! Line format: `decision<TAB>categories<TAB>command`, categories
//! comma-separated (may be empty). The decision must match exactly; the
//! listed categories must all be present. Lines starting with `#` are
//! comments. The command is judged in POLICY.md's setting (workspace
//! /home/dev/project, HOME=/home/dev). `\n` in a command stands for a newline.
//!
//! Every line is also judged with the model run wherever it may be consulted
//! (`Classifier::with_scores`): the hook skips the model where the rules'
//! analysis explains the whole command, and that must never change a verdict.

use std::fs;

use riskgate::{Category, Classifier, Decision, Request};

#[test]
fn corpus() {
    let classifier = Classifier::default();
    // Runs the model wherever it may be consulted, as before the hook learnt
    // to skip it: the skip must never change a decision.
    let always_model = Classifier::default().with_scores();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut files: Vec<_> = fs::read_dir("tests/corpus").expect("tests/corpus exists").map(|e| e.expect("dir entry").path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "tsv")) {
        let text = fs::read_to_string(path).expect("readable corpus file");
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (Some(decision), Some(cats), Some(command)) = (parts.next(), parts.next(), parts.next()) else {
                failures.push(format!("{}:{}: malformed line", path.display(), n + 1));
                continue;
            };
            let want: Decision = decision.parse().unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
            let want_cats: Vec<Category> =
                cats.split(',').filter(|c| !c.is_empty()).map(|c| c.trim().parse().unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1))).collect();
            let command = command.replace("\\n", "\n");
            count += 1;
            let v = classifier.classify(&Request::new(command.clone()));
            let full = always_model.classify(&Request::new(command.clone()));
            if (full.decision, &full.categories) != (v.decision, &v.categories) {
                failures.push(format!("skipping the model changed the verdict of `{command}`: {} with it, {} without", full.decision, v.decision));
            }
            let missing: Vec<_> = want_cats.iter().filter(|c| !v.categories.contains(c)).collect();
            if v.decision != want || !missing.is_empty() {
                let why: Vec<String> = v.reasons.iter().map(|r| format!("{} {}", r.rule, r.message)).collect();
                failures.push(format!(
                    "{}:{}: want {want} {want_cats:?}, got {} {:?} for `{command}`\n      {}",
                    path.file_name().and_then(|f| f.to_str()).unwrap_or_default(),
                    n + 1,
                    v.decision,
                    v.categories,
                    why.join("\n      ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {count} corpus lines failed:\n{}", failures.len(), failures.join("\n"));
}
