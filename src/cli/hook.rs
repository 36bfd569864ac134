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
//! What is judged:
//! - shell tools: `Classifier::classify`, with the event's `cwd` as workspace;
//! - file tools: the path class of each path ([`judge_file`]);
//! - web fetches: the URL's scheme and host ([`judge_fetch`]);
//! - any other tool: no opinion, in the protocol's way.
//!
//! File and fetch judgments use the `HK` codes of [`HOOK_CODES`]; they exist
//! only here because shell commands never reach them.
//!
//! The optional audit log (`--audit-log`, else `RISKGATE_AUDIT_LOG`, else
//! the user config's `audit-log`) gets one JSON line per event. Failing to
//! write it prints a warning and changes nothing else.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::net::IpAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, bail};
use serde::Serialize;

use crate::adapters::{self, Access, AdapterError, Agent, Answer, Event, Reply, Subject};
use crate::cli::ExitStatus;
use crate::decide::{Reason, Verdict};
use crate::ir::{Env, PathClass, paths};
use crate::policy::{Category, Decision};
use crate::{Classifier, Request};

/// Arguments of `riskgate hook`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent sending the event; detected from the payload when absent.
    #[arg(long, value_enum)]
    pub agent: Option<Agent>,
    /// Append one JSON line per event to this file (default: `$RISKGATE_AUDIT_LOG`, if set).
    #[arg(long, value_name = "PATH")]
    pub audit_log: Option<PathBuf>,
}

/// The environment variable naming the audit log when `--audit-log` is absent.
pub const AUDIT_LOG_ENV: &str = "RISKGATE_AUDIT_LOG";

/// Larger input is refused (and so asked about): no real event comes close.
const MAX_INPUT: u64 = 16 << 20;

/// A reason the hook itself gives for a file or web tool.
#[derive(Debug)]
pub struct HookCode {
    /// Code (`HK001`).
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Category, when one applies.
    pub category: Option<Category>,
    /// What the tool call does, completing "`Tool` <verb> `path`, ...".
    pub summary: &'static str,
}

/// The hook's own reasons, all `ask`.
pub static HOOK_CODES: &[HookCode] = &[
    HookCode {
        code: "HK001",
        name: "agent-config-write",
        category: Some(Category::SandboxEscape),
        summary: "the agent's own permission or hook settings (or riskgate's config)",
    },
    HookCode {
        code: "HK002",
        name: "startup-file-write",
        category: Some(Category::Persistence),
        summary: "a file that makes something run later (shell rc, cron, git hook, autostart, authorized_keys)",
    },
    HookCode { code: "HK003", name: "secret-file-write", category: Some(Category::Credentials), summary: "a secrets file (keys, credentials, .env)" },
    HookCode { code: "HK004", name: "secret-file-read", category: Some(Category::Credentials), summary: "a secrets file (keys, credentials, .env)" },
    HookCode {
        code: "HK005",
        name: "system-path-write",
        category: Some(Category::System),
        summary: "a system path, a device, /proc or /sys, or the filesystem root",
    },
    HookCode { code: "HK006", name: "git-internals-write", category: Some(Category::Destructive), summary: "git's own data under .git/" },
    HookCode { code: "HK007", name: "write-outside-workspace", category: Some(Category::System), summary: "a file outside the workspace" },
    HookCode { code: "HK008", name: "unjudgeable-path", category: None, summary: "a path riskgate cannot place (empty, or not a POSIX path)" },
    HookCode { code: "HK010", name: "fetch-non-web-url", category: None, summary: "is not a plain http(s) URL" },
    HookCode {
        code: "HK011",
        name: "fetch-local-address",
        category: Some(Category::RemoteAccess),
        summary: "points at localhost, a private or link-local address, or an internal host name",
    },
    HookCode {
        code: "HK012",
        name: "fetch-url-credentials",
        category: Some(Category::Credentials),
        summary: "carries credentials (user:password@) in the URL",
    },
];

fn hook_code(code: &str) -> &'static HookCode {
    HOOK_CODES.iter().find(|c| c.code == code).unwrap_or(&HOOK_CODES[7])
}

fn reason(code: &str, message: String) -> Reason {
    let c = hook_code(code);
    Reason { rule: c.code, name: c.name, category: c.category, severity: Decision::Ask, message, span: (0, 0) }
}

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
}

pub(crate) fn run(args: &Args, input: &mut impl Read, out: &mut impl Write, err: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let mut seen = Seen { agent: args.agent, ..Seen::default() };
    let outcome = catch_unwind(AssertUnwindSafe(|| judge_input(&mut seen, input)));
    let (verdict, failure) = match outcome {
        Ok(Ok(verdict)) => (verdict, None),
        Ok(Err(e)) => {
            let cause = adapters::single_line(&format!("{e:#}"));
            (Some(Verdict::internal_error(format!("the hook could not judge this call: {cause}"))), Some(cause))
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
        let shown = if status == ExitStatus::Error { "blocked (exit 2)" } else { "answered ask (Codex: deny)" };
        writeln!(err, "riskgate hook: {cause}; {shown}").ok();
    }
    for w in &seen.warnings {
        writeln!(err, "riskgate: {w}").ok();
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
        bail!("the input is larger than {MAX_INPUT} bytes");
    }
    let text = String::from_utf8(bytes).context("the input is not UTF-8")?;
    let value = adapters::parse_value(&text)?;
    let agent = match seen.agent {
        Some(agent) => agent,
        None => adapters::detect(&value).ok_or(AdapterError::UnknownAgent)?,
    };
    seen.agent = Some(agent);
    let event = seen.event.insert(adapters::event(agent, value)?);
    let classifier = Classifier::for_workspace(event.cwd.as_deref().filter(|c| c.starts_with('/')).map(Path::new));
    seen.config_audit_log.clone_from(&classifier.config().audit_log);
    seen.warnings.clone_from(&classifier.config().warnings);
    judge(&classifier, event)
}

/// Judges one event; `None` is "no opinion".
///
/// A configuration error makes file and fetch verdicts ask too (`RG007`),
/// as `classify` does for shell commands.
///
/// # Errors
/// A judged tool in an event without an absolute `cwd`.
pub fn judge(classifier: &Classifier, event: &Event) -> anyhow::Result<Option<Verdict>> {
    let workspace = || -> anyhow::Result<String> {
        match event.cwd.as_deref() {
            Some(cwd) if cwd.starts_with('/') => Ok(cwd.to_string()),
            Some(cwd) => bail!("the event's cwd `{cwd}` is not an absolute POSIX path; cannot tell the workspace"),
            None => bail!("the event has no cwd; cannot tell the workspace"),
        }
    };
    let mut verdict = match &event.subject {
        Subject::Other => return Ok(None),
        Subject::Shell { command } => return Ok(Some(classifier.classify(&Request { command: command.clone(), cwd: Some(workspace()?) }))),
        Subject::File { paths, access } => {
            let env = classifier.env_for(&Request { command: String::new(), cwd: Some(workspace()?) });
            judge_file(&event.tool, paths, *access, &env)
        }
        Subject::Fetch { urls } => judge_fetch(&event.tool, urls),
    };
    if let Some(e) = classifier.config_error() {
        verdict.add_config_error(&e.to_string());
    }
    Ok(Some(verdict))
}

fn verdict_of(mut reasons: Vec<Reason>) -> Verdict {
    reasons.sort_by_key(|r| std::cmp::Reverse(r.severity));
    let decision = reasons.iter().map(|r| r.severity).max().unwrap_or(Decision::Allow);
    let mut categories: Vec<Category> = reasons.iter().filter_map(|r| r.category).collect();
    categories.sort_unstable();
    categories.dedup();
    Verdict { decision, categories, reasons, score: None }
}

/// A file tool's verdict from the class of each path: writes that leave the
/// workspace or touch secrets, agent settings, start-up files, system paths
/// or git internals ask; reads ask only for secrets; the rest is allowed.
#[must_use]
pub fn judge_file(tool: &str, paths: &[String], access: Access, env: &Env) -> Verdict {
    let mut reasons = Vec::new();
    for path in paths {
        let windows = path.contains('\\') || path.as_bytes().get(1) == Some(&b':');
        let class = if windows || path.contains('\0') { PathClass::Dynamic } else { paths::classify(path, env) };
        let code = match (access, class) {
            (_, PathClass::Dynamic) => Some("HK008"),
            (Access::Read, PathClass::Secret) => Some("HK004"),
            (Access::Read, _) => None,
            (Access::Write, PathClass::AgentConfig) => Some("HK001"),
            (Access::Write, PathClass::Startup) => Some("HK002"),
            (Access::Write, PathClass::Secret) => Some("HK003"),
            (Access::Write, PathClass::Root | PathClass::SystemDir | PathClass::System | PathClass::Device | PathClass::Kernel | PathClass::NetSocket) => {
                Some("HK005")
            }
            (Access::Write, PathClass::GitDir) => Some("HK006"),
            (Access::Write, c) if c.is_routine_write() || c == PathClass::WorkspaceRoot => None,
            (Access::Write, _) => Some("HK007"),
        };
        if let Some(c) = code {
            let verb = if access == Access::Read { "reads" } else { "writes" };
            reasons.push(reason(c, format!("`{tool}` {verb} `{path}`, {}", hook_code(c).summary)));
        }
    }
    verdict_of(reasons)
}

/// A web fetch's verdict: plain GETs of public http(s) URLs are allowed;
/// other schemes, local or private hosts and URLs with credentials ask.
#[must_use]
pub fn judge_fetch(tool: &str, urls: &[String]) -> Verdict {
    let reasons =
        urls.iter().filter_map(|url| url_problem(url).map(|c| reason(c, format!("`{tool}` fetches `{url}`, which {}", hook_code(c).summary)))).collect();
    verdict_of(reasons)
}

/// The `HK` code of what is wrong with a URL, if anything.
fn url_problem(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.trim().split_once("://") else { return Some("HK010") };
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return Some("HK010");
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    if authority.contains('@') {
        return Some("HK012");
    }
    let host =
        if let Some(v6) = authority.strip_prefix('[') { v6.split(']').next().unwrap_or_default() } else { authority.split(':').next().unwrap_or_default() };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Some("HK010");
    }
    is_local_host(&host).then_some("HK011")
}

/// True for hosts that reach this machine or its private network, and for
/// host spellings riskgate cannot place (numeric shorthands, escapes).
fn is_local_host(host: &str) -> bool {
    const LOCAL_SUFFIXES: &[&str] = &[".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain"];
    if host == "localhost" || LOCAL_SUFFIXES.iter().any(|s| host.ends_with(s)) || host.contains('%') {
        return true;
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return is_local_ip(ip);
    }
    let last = host.rsplit('.').next().unwrap_or_default();
    // One label is an intranet name or a decimal IP (`http://2130706433`);
    // a numeric last label is a shorthand IP (`127.1`, `0x7f.1`).
    !host.contains('.') || last.chars().all(|c| c.is_ascii_digit()) || last.starts_with("0x")
}

fn is_local_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| is_local_ip(IpAddr::V4(v4)))
        }
    }
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
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    // One write call per line, so concurrent hooks do not interleave lines.
    file.write_all(line.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report;

    fn env() -> Env {
        Env::default()
    }

    fn file(path: &str, access: Access) -> (Decision, Option<&'static str>) {
        let v = judge_file("Tool", &[path.to_string()], access, &env());
        (v.decision, v.reasons.first().map(|r| r.rule))
    }

    #[test]
    fn file_writes() {
        let cases = [
            ("/home/dev/project/src/main.rs", (Decision::Allow, None)),
            ("src/main.rs", (Decision::Allow, None)),
            ("/home/dev/project/target/x", (Decision::Allow, None)),
            ("/tmp/scratch.txt", (Decision::Allow, None)),
            ("/home/dev/project/.claude/settings.json", (Decision::Ask, Some("HK001"))),
            ("/home/dev/.codex/hooks.json", (Decision::Ask, Some("HK001"))),
            ("/home/dev/.bashrc", (Decision::Ask, Some("HK002"))),
            ("/home/dev/project/.git/hooks/pre-commit", (Decision::Ask, Some("HK002"))),
            ("/home/dev/project/.env", (Decision::Ask, Some("HK003"))),
            ("/etc/hosts", (Decision::Ask, Some("HK005"))),
            ("/dev/sda", (Decision::Ask, Some("HK005"))),
            ("/proc/sys/kernel/x", (Decision::Ask, Some("HK005"))),
            ("/home/dev/project/.git/HEAD", (Decision::Ask, Some("HK006"))),
            ("/home/dev/other/x.rs", (Decision::Ask, Some("HK007"))),
            ("../other/x.rs", (Decision::Ask, Some("HK007"))),
            ("/data/x", (Decision::Ask, Some("HK007"))),
            ("", (Decision::Ask, Some("HK008"))),
            (r"C:\Users\dev\.ssh\id_rsa", (Decision::Ask, Some("HK008"))),
        ];
        for (path, want) in cases {
            assert_eq!(file(path, Access::Write), want, "{path}");
        }
    }

    #[test]
    fn file_reads() {
        let cases = [
            ("/home/dev/project/src/lib.rs", (Decision::Allow, None)),
            ("/etc/os-release", (Decision::Allow, None)),
            ("/home/dev/.bashrc", (Decision::Allow, None)),
            ("/home/dev/.ssh/id_ed25519", (Decision::Ask, Some("HK004"))),
            ("/home/dev/project/.env", (Decision::Ask, Some("HK004"))),
            ("/home/dev/.aws/credentials", (Decision::Ask, Some("HK004"))),
        ];
        for (path, want) in cases {
            assert_eq!(file(path, Access::Read), want, "{path}");
        }
    }

    #[test]
    fn a_patch_takes_its_worst_file() {
        let v = judge_file("apply_patch", &["src/a.rs".into(), ".env".into()], Access::Write, &env());
        assert_eq!(v.decision, Decision::Ask);
        assert_eq!(v.categories, vec![Category::Credentials]);
        assert!(report::one_line(&v).starts_with("riskgate HK003 secret-file-write: `apply_patch` writes `.env`"), "{}", report::one_line(&v));
    }

    #[test]
    fn urls() {
        let cases = [
            ("https://docs.rs/serde_json/latest/serde_json/", None),
            ("http://example.com/a?b=c", None),
            ("HTTPS://Example.COM", None),
            ("https://1.1.1.1/", None),
            ("file:///etc/passwd", Some("HK010")),
            ("ftp://example.com/x", Some("HK010")),
            ("example.com", Some("HK010")),
            ("https://", Some("HK010")),
            ("https://user:pw@example.com/", Some("HK012")),
            ("http://localhost:3000/", Some("HK011")),
            ("http://api.localhost/", Some("HK011")),
            ("http://127.0.0.1/", Some("HK011")),
            ("http://10.1.2.3/", Some("HK011")),
            ("http://192.168.0.1/", Some("HK011")),
            ("http://172.16.5.4/", Some("HK011")),
            ("http://169.254.169.254/latest/meta-data/", Some("HK011")),
            ("http://metadata.google.internal/", Some("HK011")),
            ("http://[::1]:8080/", Some("HK011")),
            ("http://[fd00::1]/", Some("HK011")),
            ("http://[::ffff:127.0.0.1]/", Some("HK011")),
            ("http://2130706433/", Some("HK011")),
            ("http://127.1/", Some("HK011")),
            ("http://0x7f.0.0.1/", Some("HK011")),
            ("http://intranet/", Some("HK011")),
            ("http://%6c%6fcalhost/", Some("HK011")),
        ];
        for (url, want) in cases {
            assert_eq!(url_problem(url), want, "{url}");
        }
        assert_eq!(judge_fetch("WebFetch", &["https://x.org".into()]).decision, Decision::Allow);
        assert_eq!(judge_fetch("WebFetch", &["https://x.org".into(), "http://localhost".into()]).decision, Decision::Ask);
    }

    fn hook(agent: Option<Agent>, input: &str) -> (ExitStatus, String, String) {
        let args = Args { agent, audit_log: None };
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
            assert!(out.contains("RG006"), "{out}");
            assert!(err.contains("riskgate hook:"), "{err}");
            let (_, out, _) = hook(Some(Agent::Gemini), input);
            assert!(out.contains(r#""decision":"ask""#), "{out}");
            let (_, out, _) = hook(Some(Agent::Cursor), input);
            assert!(out.contains(r#""permission":"ask""#), "{out}");
            let (_, out, _) = hook(Some(Agent::Codex), input);
            assert!(out.contains(r#""permissionDecision":"deny""#), "{out}");
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
        let args = Args { agent: Some(Agent::Gemini), audit_log: None };
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
        let args = Args { agent: Some(Agent::Claude), audit_log: Some(PathBuf::from("/nonexistent-dir/riskgate/audit.jsonl")) };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = run(&args, &mut input.as_bytes(), &mut out, &mut err).expect("hook runs");
        assert_eq!(status, ExitStatus::Success);
        assert!(String::from_utf8_lossy(&out).contains(r#""permissionDecision":"allow""#));
        assert!(String::from_utf8_lossy(&err).contains("warning: audit log"));
    }
}
