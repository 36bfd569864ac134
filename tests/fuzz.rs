//! Replays the fuzz targets' committed inputs on stable: every finding in
//! `fuzz/regressions/<target>/` and the minimised corpus in
//! `fuzz/corpus/<target>/`, through the same invariant checks the targets
//! run (`riskgate::fuzzing`). Fuzzing itself needs nightly and runs outside
//! CI; see `docs/fuzzing.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread;
use std::time::Duration;

use riskgate::fuzzing::{check_classify, check_code, check_hook, check_parse};

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the directory is absent.
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(kind).join(target);
    let mut out: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// Every input of a target: regressions first, then the corpus.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut all = files("regressions", target);
    let corpus = files("corpus", target);
    assert!(!corpus.is_empty(), "fuzz/corpus/{target}/ is missing or empty");
    all.extend(corpus);
    all
}

/// How long one target's replay may take in a debug build before it counts
/// as a hang (the whole file takes a few seconds).
const REPLAY_LIMIT: Duration = Duration::from_secs(120);

/// Runs `check` on every input of `target`, on a thread with the 8 MiB
/// stack of a process's main thread (where the fuzzer and the hook run),
/// and reports every input that fails, not just the first, or the input
/// it was stuck on.
fn replay(target: &'static str, check: fn(&[u8])) {
    let current = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = mpsc::channel();
    let now = Arc::clone(&current);
    thread::Builder::new()
        .name(format!("replay-{target}"))
        .stack_size(8 << 20)
        .spawn(move || {
            let mut failed = Vec::new();
            for path in inputs(target) {
                path.display().to_string().clone_into(&mut now.lock().unwrap_or_else(PoisonError::into_inner));
                let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
                    failed.push(path.display().to_string());
                }
            }
            let _ = tx.send(failed);
        })
        .expect("spawn the replay thread");
    let failed = rx.recv_timeout(REPLAY_LIMIT).unwrap_or_else(|_| {
        let stuck = current.lock().unwrap_or_else(PoisonError::into_inner).clone();
        panic!("{target}: replay unfinished after {REPLAY_LIMIT:?}, at {stuck}")
    });
    assert!(failed.is_empty(), "{target}: invariants fail on {failed:#?} (messages above)");
}

#[test]
fn parse_inputs_hold() {
    replay("parse", check_parse);
}

#[test]
fn check_inputs_hold() {
    replay("check", check_classify);
}

#[test]
fn hook_inputs_hold() {
    replay("hook", check_hook);
}

#[test]
fn code_inputs_hold() {
    replay("code", check_code);
}
