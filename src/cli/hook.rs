//! `riskgate hook`: one agent hook event on stdin, the agent's answer on
//! stdout. It cannot exit without an answer.
//!
//! Fail closed: reading, parsing, detecting the agent and judging all run in
//! [`judge_input`], under `catch_unwind`; any error or panic becomes an `ask`
//! (Codex: a `deny`, as it cannot ask) with reason `RG006` and the cause on
//! stderr. When the agent is unknown (no `--agent`, and the payload matches
//! no agent), the answer is `{"decision":"block"}` with exit code 2, which
//! every supported agent reads as a block. Otherwise the exit code is 0.
//!
//! What is judged is the library's business ([`Classifier::judge_event`]):
//! shell tools through `Classifier::classify` with the event's `cwd` as the
//! workspace, file tools and web fetches through [`crate::tools`] (`HK`
//! codes), any other tool: no opinion, in the protocol's way.
//!
//! The optional audit log (`--audit-log`, else `RISKGATE_AUDIT_LOG`, else
//! the user config's `audit-log`) gets one JSON line per event. Failing to
//! write it prints a warning and changes nothing else.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use serde::Serialize;

use crate::Classifier;
use crate::adapters::{self, Access, AdapterError, Agent, Answer, Event, Reply, Subject};
use crate::cli::ExitStatus;
use crate::decide::Verdict;
use crate::policy::Decision;

/// Arguments of `riskgate hook`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent sending the event; detected from the payload when absent.
    #[arg(long, value_enum)]
    pub agent: Option<Agent>,
    /// Append one JSON line per event to this file (default: `$RISKGATE_AUDIT_LOG`, if set).
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
    /// Keep a ledger of what this agent session created or started, and let
    /// the session undo it without a prompt (see `riskgate::session`). Off by
    /// default: a call that asks or makes something reads the ledger (about
    /// 3 ms at 10,000 entries; other calls do not touch it; README, Speed).
    #[arg(long)]
    pub session_ledger: bool,
}

/// The environment variable naming the audit log when `--audit-log` is absent.
pub const AUDIT_LOG_ENV: &str = "RISKGATE_AUDIT_LOG";

/// Larger input is refused (and so asked about): no real event comes close.
const MAX_INPUT: u64 = 16 << 20;

/// Input the hook cannot judge that is neither an adapter nor an event error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Unjudgeable(String);

/// What the hook learnt about the event, for the audit log (filled as far
/// as it got before any failure).
#[derive(Debug, Default)]
struct Seen {
    agent: Option<Agent>,
    event: Option<Event>,
    /// The config file's `audit-log`, used when neither flag nor env names one.
    config_audit_log: Option<PathBuf>,
    /// Configuration warnings, for stderr.
    warnings: Vec<String>,
    /// Not `--session-ledger`.
    ledger_off: bool,
    /// Where the session's ledger is kept, the session, the ledger when it
    /// was read to judge the call, and the classifier, when the event names
    /// a session.
    session: Option<(crate::session::Store, String, Option<crate::session::Ledger>, Classifier)>,
}

pub(crate) fn run(args: &Args, input: &mut impl Read, out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let mut seen = Seen { agent: args.agent, ledger_off: !args.session_ledger, ..Seen::default() };
    let outcome = catch_unwind(AssertUnwindSafe(|| judge_input(&mut seen, input)));
    let (verdict, failure) = match outcome {
        Ok(Ok(verdict)) => (verdict, None),
        Ok(Err(e)) => {
            let cause = adapters::single_line(&format!("{e:#}"));
            // Input riskgate does not handle is not a bug of riskgate's: say which it is.
            let unjudgeable = e.downcast_ref::<Unjudgeable>().is_some()
                || e.downcast_ref::<AdapterError>().is_some()
                || e.downcast_ref::<crate::pipeline::EventError>().is_some();
            let message = format!("the hook could not judge this call: {cause}");
            (Some(if unjudgeable { Verdict::unjudgeable(message) } else { Verdict::internal_error(message) }), Some(cause))
        }
        Err(panic) => {
            let what = panic.downcast_ref::<&str>().map(|s| (*s).to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            let cause = adapters::single_line(&format!("panic: {}", what.as_deref().unwrap_or("unknown")));
            (Some(Verdict::internal_error(format!("the hook could not judge this call: {cause}"))), Some(cause))
        }
    };
    let answer = verdict.as_ref().map_or(Answer::NoOpinion, Answer::from_verdict);
    let (reply, status) = if let Some(agent) = seen.agent {
        (adapters::reply(agent, &answer), ExitStatus::Success)
    } else {
        let line = if let Answer::Decided { agent, .. } = &answer { agent.clone() } else { "riskgate: no answer".to_string() };
        (adapters::universal_block(&line), ExitStatus::Error)
    };
    if let Reply::Json(text) = &reply {
        writeln!(out, "{text}")?;
    }
    out.flush()?;

    // The answer is out; what follows must not change it. A failing stderr
    // leaves nowhere to report to, so its write errors are dropped.
    if let Some(cause) = &failure {
        let shown = match seen.agent {
            _ if status == ExitStatus::Error => "blocked (exit 2)",
            Some(Agent::Codex) => "answered deny (Codex cannot ask)",
            _ => "answered ask",
        };
        writeln!(err, "riskgate hook: {cause}; {shown}").ok();
    }
    for w in &seen.warnings {
        writeln!(err, "riskgate: {w}").ok();
    }
    if let (Some((store, session, loaded, classifier)), Some(event), Some(Decision::Allow)) =
        (seen.session.take(), seen.event.as_ref(), verdict.as_ref().map(|v| v.decision))
    {
        // The ledger only ever adds what an allowed call made; failing to
        // keep it changes nothing but the next call's convenience.
        let saved = catch_unwind(AssertUnwindSafe(|| {
            use crate::session::{Fs, Ledger, Mark};
            let now = Mark::now();
            let mut ledger = match loaded {
                Some(ledger) => ledger,
                None => {
                    // Most calls make nothing: recorded into an empty ledger,
                    // such a call changes nothing, and the stored one is not read.
                    let mut probe = Ledger::new(session.as_str(), Fs::Real);
                    probe.record_event(&classifier, event, now);
                    if probe.revision() == 0 {
                        return Ok(());
                    }
                    store.load(&session, now.at)
                }
            };
            let before = ledger.revision();
            ledger.record_event(&classifier, event, now);
            if ledger.revision() == before { Ok(()) } else { store.save(&ledger, now.at) }
        }));
        match saved {
            Ok(Ok(())) => {}
            Ok(Err(e)) => drop(writeln!(err, "riskgate hook: warning: session ledger: {e}")),
            Err(_) => drop(writeln!(err, "riskgate hook: warning: session ledger: internal error")),
        }
    }
    if let Some(path) = audit_path(args, &seen) {
        let record = audit_record(&seen, verdict.as_ref(), failure.as_deref());
        if let Err(e) = append_line(&path, &record) {
            writeln!(err, "riskgate hook: warning: audit log {}: {e:#}", path.display()).ok();
        }
    }
    Ok(status)
}

/// Reads, parses and judges one event. `None` is "no opinion".
fn judge_input(seen: &mut Seen, input: &mut impl Read) -> anyhow::Result<Option<Verdict>> {
    let mut bytes = Vec::new();
    input.take(MAX_INPUT + 1).read_to_end(&mut bytes).context("reading stdin")?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Unjudgeable(format!("the input is larger than {MAX_INPUT} bytes")).into());
    }
    let text = String::from_utf8(bytes).map_err(|_| Unjudgeable("the input is not UTF-8".to_string()))?;
    let value = adapters::parse_value(&text)?;
    let agent = match seen.agent {
        Some(agent) => agent,
        None => adapters::detect(&value).ok_or(AdapterError::UnknownAgent)?,
    };
    seen.agent = Some(agent);
    let ledger_off = seen.ledger_off;
    let event = seen.event.insert(adapters::event(agent, value)?);
    let classifier = Classifier::for_workspace(event.cwd.as_deref().filter(|c| c.starts_with('/')).map(Path::new))
        .with_workspace_files(true)
        .with_code_cache(crate::ir::lang::cache::default_dir());
    seen.config_audit_log.clone_from(&classifier.config().audit_log);
    seen.warnings.clone_from(&classifier.config().warnings);
    let session = event.session.as_deref().filter(|s| !s.is_empty() && !ledger_off);
    let store = session.and_then(|s| Some((crate::session::Store::default_store()?, s.to_string())));
    let mut verdict = classifier.judge_event_in(event, None)?;
    let mut loaded = None;
    if let Some((store, session)) = &store {
        // The ledger only turns an `ask` into `allow` (`Ledger::excuse`: it
        // never raises a decision and never touches a deny), so it is read
        // only when the call asks without it.
        if verdict.as_ref().is_some_and(|v| v.decision == Decision::Ask) {
            let ledger = store.load(session, crate::session::unix_now());
            verdict = classifier.judge_event_in(event, Some(&ledger))?;
            loaded = Some(ledger);
        }
    }
    seen.session = store.map(|(store, session)| (store, session, loaded, classifier));
    Ok(verdict)
}

/// Flag, then environment, then the user's config file.
fn audit_path(args: &Args, seen: &Seen) -> Option<PathBuf> {
    args.audit_log.clone().or_else(|| std::env::var_os(AUDIT_LOG_ENV).filter(|v| !v.is_empty()).map(PathBuf::from)).or_else(|| seen.config_audit_log.clone())
}

/// One line of the audit log.
#[derive(Debug, Serialize)]
struct AuditRecord<'a> {
    /// Unix seconds.
    ts: u64,
    agent: Option<Agent>,
    event: Option<&'a str>,
    cwd: Option<&'a str>,
    tool: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    command: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paths: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access: Option<Access>,
    #[serde(skip_serializing_if = "Option::is_none")]
    urls: Option<&'a [String]>,
    /// allow, ask, deny, or `no_opinion`.
    decision: &'static str,
    rules: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

fn audit_record<'a>(seen: &'a Seen, verdict: Option<&Verdict>, error: Option<&'a str>) -> AuditRecord<'a> {
    let ts = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let event = seen.event.as_ref();
    let (mut command, mut paths, mut access, mut urls) = (None, None, None, None);
    match event.map(|e| &e.subject) {
        Some(Subject::Shell { command: c }) => command = Some(c.as_str()),
        Some(Subject::File { paths: p, access: a }) => (paths, access) = (Some(p.as_slice()), Some(*a)),
        Some(Subject::Fetch { urls: u }) => urls = Some(u.as_slice()),
        Some(Subject::Other) | None => {}
    }
    AuditRecord {
        ts,
        agent: seen.agent,
        event: event.map(|e| e.event.as_str()),
        cwd: event.and_then(|e| e.cwd.as_deref()),
        tool: event.map(|e| e.tool.as_str()),
        command,
        paths,
        access,
        urls,
        decision: verdict.map_or("no_opinion", |v| v.decision.as_str()),
        rules: verdict.map(|v| v.reasons.iter().map(|r| r.rule).collect()).unwrap_or_default(),
        error,
    }
}

fn append_line(path: &Path, record: &AuditRecord<'_>) -> anyhow::Result<()> {
    let mut line = serde_json::to_string(record)?;
    line.push('\n');
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    // It holds full commands: a new log is the user's only.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    // One write call per line, so concurrent hooks do not interleave lines.
    file.write_all(line.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(agent: Option<Agent>, input: &str) -> (ExitStatus, String, String) {
        let args = Args { agent, audit_log: None, session_ledger: false };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut input.as_bytes(), &mut out, &mut err).expect("hook runs");
        (status, String::from_utf8(out).expect("utf8"), String::from_utf8(err).expect("utf8"))
    }

    #[test]
    fn failures_ask_in_each_protocol() {
        for input in ["", "{not json", r#"{"hook_event_name":"Stop"}"#, "[]"] {
            let (status, out, err) = hook(Some(Agent::Claude), input);
            assert_eq!(status, ExitStatus::Success);
            assert!(out.contains(r#""permissionDecision":"ask""#), "{input:?}: {out}");
            assert!(out.contains("RG016"), "input riskgate does not handle is not an internal error: {out}");
            assert!(err.contains("riskgate hook:") && err.contains("answered ask"), "{err}");
            let (_, out, _) = hook(Some(Agent::Gemini), input);
            assert!(out.contains(r#""decision":"ask""#), "{out}");
            let (_, out, _) = hook(Some(Agent::Cursor), input);
            assert!(out.contains(r#""permission":"ask""#), "{out}");
            let (_, out, err) = hook(Some(Agent::Codex), input);
            assert!(out.contains(r#""permissionDecision":"deny""#), "{out}");
            assert!(err.contains("answered deny (Codex cannot ask)"), "{err}");
        }
    }

    /// Stands in for any bug inside the judged region.
    struct PanickingReader;

    impl Read for PanickingReader {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            panic!("boom")
        }
    }

    #[test]
    fn a_panic_asks() {
        let args = Args { agent: Some(Agent::Gemini), audit_log: None, session_ledger: false };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut PanickingReader, &mut out, &mut err).expect("hook runs");
        assert_eq!(status, ExitStatus::Success);
        let out = String::from_utf8(out).expect("utf8");
        assert!(out.contains(r#""decision":"ask""#) && out.contains("panic: boom"), "{out}");
        assert!(String::from_utf8_lossy(&err).contains("panic: boom"));
    }

    #[test]
    fn unknown_agent_blocks_with_exit_2() {
        let (status, out, err) = hook(None, "{not json");
        assert_eq!(status, ExitStatus::Error);
        assert!(out.contains(r#""decision":"block""#), "{out}");
        assert!(!err.is_empty());
    }

    #[test]
    fn missing_cwd_asks() {
        let input = r#"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}"#;
        let (_, out, err) = hook(Some(Agent::Claude), input);
        assert!(out.contains(r#""permissionDecision":"ask""#), "{out}");
        assert!(err.contains("no cwd"), "{err}");
    }

    #[test]
    fn audit_log_failure_keeps_the_answer() {
        let input = r#"{"hook_event_name":"PreToolUse","cwd":"/home/dev/project","tool_name":"Read","tool_input":{"file_path":"/home/dev/project/src/a.rs"}}"#;
        let args = Args { agent: Some(Agent::Claude), audit_log: Some(PathBuf::from("/nonexistent-dir/riskgate/audit.jsonl")), session_ledger: false };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut input.as_bytes(), &mut out, &mut err).expect("hook runs");
        assert_eq!(status, ExitStatus::Success);
        assert!(String::from_utf8_lossy(&out).contains(r#""permissionDecision":"allow""#));
        assert!(String::from_utf8_lossy(&err).contains("warning: audit log"));
    }
}
