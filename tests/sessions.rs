//! Session replay (issue 17): `tests/fixtures/sessions/*.jsonl` hold the
//! project's own scenarios, one JSON record per command with `session`,
//! `step`, `cwd`, the expected decision with the session's ledger (`label`)
//! and without it (`without`). Each session is replayed in step order, its
//! ledger filled by its earlier allowed commands, as `riskgate eval
//! --sessions` and the hook do.

use std::collections::BTreeMap;

use riskgate::session::{Fs, Ledger, Mark};
use riskgate::{Classifier, Request};
use serde_json::Value;

#[test]
fn session_scenarios_replay_as_labelled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions");
    let classifier = Classifier::default();
    let mut failures = Vec::new();
    let mut only_with_ledger = 0;
    for file in std::fs::read_dir(&dir).expect("fixtures") {
        let text = std::fs::read_to_string(file.expect("entry").path()).expect("read");
        let mut sessions: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).expect("json");
            sessions.entry(v["session"].as_str().expect("session").to_string()).or_default().push(v);
        }
        for (session, mut records) in sessions {
            records.sort_by_key(|r| r["step"].as_u64());
            let mut ledger = Ledger::new(session.clone(), Fs::Lexical);
            for r in records {
                let req = Request { command: r["command"].as_str().expect("command").to_string(), cwd: r["cwd"].as_str().map(str::to_string) };
                let with = classifier.classify_in(&req, Some(&ledger));
                let without = classifier.classify(&req);
                for (got, want) in [(with.decision.as_str(), &r["label"]), (without.decision.as_str(), &r["without"])] {
                    if Some(got) != want.as_str() {
                        failures.push(format!("{}: {:?} got {got}, want {want}", r["id"], req.command));
                    }
                }
                if with.decision.as_str() == "allow" && without.decision.as_str() != "allow" {
                    only_with_ledger += 1;
                    assert!(with.reasons.iter().any(|x| x.rule == "RG019" && x.message.contains("created by this session at step")), "{with:?}");
                }
                if with.decision.as_str() == "allow" {
                    let env = classifier.env_for(&req);
                    ledger.record(&riskgate::ir::analyse(&req.command, &env), &env, Mark { at: 0, step: r["step"].as_u64() });
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(only_with_ledger >= 8, "the ledger decided {only_with_ledger} lines");
}
