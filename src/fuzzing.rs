//! The invariants the fuzz targets in `fuzz/` check, defined once so that
//! the targets (nightly, libFuzzer) and the regression test `tests/fuzz.rs`
//! (stable, replaying `fuzz/regressions/` and `fuzz/corpus/`) run the same
//! code. See `docs/fuzzing.md`.
//!
//! Each `check_*` function takes arbitrary bytes and panics when an
//! invariant does not hold; returning normally is a pass. They hold no state
//! beyond a shared [`Classifier`] and write no files.
//!
//! Command text: [`check_parse`] and [`check_classify`] read the bytes as
//! UTF-8 *lossily* (invalid sequences become U+FFFD). Commands only reach
//! riskgate as Rust strings (JSON, argv, log records), so a non-UTF-8 command
//! cannot occur; the lossy reading keeps every mutation the fuzzer makes
//! useful instead of discarding most of them. The hook target gets the raw
//! bytes, since the hook reads raw stdin.
//!
//! Not public API: hidden from the docs and free to change with the targets.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::adapters::{self, Agent, Subject};
use crate::cli::ExitStatus;
use crate::cli::hook;
use crate::parse::{self, MAX_INPUT_BYTES};
use crate::{Classifier, Decision, Request, report};

/// The classifier of [`check_classify`]: built-in model and default
/// configuration (no config file is read), built once.
#[must_use]
pub fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(Classifier::default)
}

/// Command text from fuzz bytes (lossy UTF-8; see the module docs).
#[must_use]
pub fn command_text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Shortened, escaped input for panic messages.
fn shown(text: &str) -> String {
    const MAX: usize = 300;
    if text.len() <= MAX {
        return format!("{text:?}");
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{:?}… ({} bytes)", &text[..end], text.len())
}

/// The parser: never panics; the parsed source is a prefix of the input of
/// at most [`MAX_INPUT_BYTES`], cut only when the input is longer (and then
/// reported); every node and error span lies inside the source on character
/// boundaries (later stages slice the text by them); a tree with error nodes
/// has errors listed, and a NUL byte is always an error.
///
/// # Panics
/// When an invariant does not hold.
pub fn check_parse(data: &[u8]) {
    let text = command_text(data);
    let p = parse::parse(&text);
    let src = p.source.as_str();
    assert!(text.starts_with(src), "parsed source is not a prefix of the input: {}", shown(&text));
    assert!(src.len() <= MAX_INPUT_BYTES, "parsed source longer than the limit: {} bytes", src.len());
    let cut = p.errors.iter().any(|e| e.what.starts_with("input cut"));
    assert_eq!(cut, src.len() < text.len(), "a cut must be reported, and only a cut: {}", shown(&text));
    if src.contains('\0') {
        assert!(p.errors.iter().any(|e| e.what.contains("NUL")), "NUL byte not reported: {}", shown(&text));
    }
    let in_source = |(start, end): (usize, usize)| start <= end && end <= src.len() && src.is_char_boundary(start) && src.is_char_boundary(end);
    for e in &p.errors {
        assert!(in_source(e.span), "error span {:?} ({}) outside the source or inside a character: {}", e.span, e.what, shown(&text));
    }
    let Some(tree) = &p.tree else {
        assert!(!p.errors.is_empty(), "no tree and no error: {}", shown(&text));
        return;
    };
    let root = tree.root_node();
    if root.has_error() {
        assert!(p.errors.iter().any(|e| !e.what.starts_with("input cut")), "tree has errors, none listed: {}", shown(&text));
    }
    // Every node, iteratively (deep input must not overflow the stack here either).
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let span = (node.start_byte(), node.end_byte());
        assert!(in_source(span), "node `{}` span {span:?} outside the source or inside a character: {}", node.kind(), shown(&text));
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The whole classifier on one command: never panics; a cut-short or
/// syntactically broken analysis is never `allow`; the decision is the most
/// severe reason's, and anything above `allow` gives a reason; the reports
/// render.
///
/// # Panics
/// When an invariant does not hold.
pub fn check_classify(data: &[u8]) {
    let text = command_text(data);
    let analysis = classifier().analyse(&Request::new(text.as_str()));
    let v = &analysis.verdict;
    if analysis.script.is_cut_short() {
        assert!(v.decision > Decision::Allow, "cut-short analysis decided {}: {}", v.decision, shown(&text));
    }
    for r in &v.reasons {
        assert!(r.severity <= v.decision, "reason {} is {} but the decision is {}: {}", r.rule, r.severity, v.decision, shown(&text));
    }
    if v.decision > Decision::Allow {
        assert!(!v.reasons.is_empty(), "{} without a reason: {}", v.decision, shown(&text));
    }
    let _ = report::verdict_text(&text, v);
    let _ = report::one_line(v);
    let _ = report::script_text(&analysis.script);
}

/// The interpreters the `code` target hands code to, one per front end
/// (`src/ir/lang/`), with the option that takes code (`--` for awk, whose
/// program is an operand: a program starting with `-` would be read as
/// options, and run nothing).
const CODE_FRONT_ENDS: &[(&str, &str, crate::ir::spec::Language)] = &[
    ("python3", "-c", crate::ir::spec::Language::Python),
    ("node", "-e", crate::ir::spec::Language::Javascript),
    ("awk", "--", crate::ir::spec::Language::Awk),
    ("perl", "-e", crate::ir::spec::Language::Perl),
    ("ruby", "-e", crate::ir::spec::Language::Ruby),
    ("php", "-r", crate::ir::spec::Language::Php),
    ("lua", "-e", crate::ir::spec::Language::Lua),
    ("psql", "-c", crate::ir::spec::Language::Sql),
    ("osascript", "-e", crate::ir::spec::Language::Applescript),
];

/// Interpreter code through its front end and through the classifier: the
/// first byte picks the language (`CODE_FRONT_ENDS`), the rest is the code.
/// Never panics; code the front end reports as not parsing is never
/// `allow`ed when handed over as `INTERPRETER -c CODE`; and that command
/// keeps every invariant of [`check_classify`].
///
/// # Panics
/// When an invariant does not hold.
pub fn check_code(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else { return };
    let (program, flag, language) = CODE_FRONT_ENDS[usize::from(pick) % CODE_FRONT_ENDS.len()];
    let code = String::from_utf8_lossy(rest).replace('\0', "");
    let found = crate::ir::lang::analyse(language, &code);
    let quoted = format!("'{}'", code.replace('\'', r"'\''"));
    let command = format!("{program} {flag} {quoted}");
    let analysis = classifier().analyse(&Request::new(command.as_str()));
    if found.is_some_and(|f| f.syntax_error) {
        assert!(analysis.verdict.decision > Decision::Allow, "{language:?} code that does not parse was allowed: {}", shown(&command));
    }
    check_classify(command.as_bytes());
}

/// What a hook reply on stdout says, in the protocol of one agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    /// Nothing printed (Claude: no opinion; Codex: allow or no opinion).
    Silent,
    /// An explicit "no opinion" (Gemini's `{}`).
    NoOpinion,
    /// A decision.
    Decided(Decision),
    /// `{"decision":"block"}` with exit 2 (agent unknown).
    Block,
}

impl Said {
    /// Ask, deny or block: the agent will not run the call unattended.
    fn stops(self) -> bool {
        matches!(self, Said::Decided(Decision::Ask | Decision::Deny) | Said::Block)
    }
}

/// Reads the hook's stdout as `agent`'s reply (`None`: the agent was not
/// known and only a universal block is valid).
fn said(agent: Option<Agent>, out: &str, input: &str) -> Said {
    if out.is_empty() {
        assert!(matches!(agent, Some(Agent::Claude | Agent::Codex)), "{agent:?}: no reply on stdout for {}", shown(input));
        return Said::Silent;
    }
    let line = out.strip_suffix('\n').unwrap_or_else(|| panic!("{agent:?}: reply not ended by a newline: {}", shown(out)));
    assert!(!line.contains('\n'), "{agent:?}: reply of more than one line: {}", shown(out));
    let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{agent:?}: reply is not JSON ({e}): {}", shown(out)));
    let field = |v: &Value| -> Decision {
        match v.as_str() {
            Some("allow") => Decision::Allow,
            Some("ask") => Decision::Ask,
            Some("deny") => Decision::Deny,
            _ => panic!("{agent:?}: reply without a valid decision: {}", shown(out)),
        }
    };
    match agent {
        None => {
            assert_eq!(v["decision"], "block", "unknown agent: reply is not a block: {}", shown(out));
            Said::Block
        }
        Some(Agent::Claude) => Said::Decided(field(&v["hookSpecificOutput"]["permissionDecision"])),
        Some(Agent::Codex) => {
            let d = field(&v["hookSpecificOutput"]["permissionDecision"]);
            assert_eq!(d, Decision::Deny, "codex: a printed reply must be a deny: {}", shown(out));
            Said::Decided(d)
        }
        Some(Agent::Cursor) => Said::Decided(field(&v["permission"])),
        Some(Agent::Gemini) if v.as_object().is_some_and(serde_json::Map::is_empty) => Said::NoOpinion,
        Some(Agent::Gemini) => Said::Decided(field(&v["decision"])),
    }
}

/// Where the hook target's audit log goes: `--audit-log` wins over
/// `$RISKGATE_AUDIT_LOG` and the user config, so nothing is ever appended
/// to a real log.
const NO_AUDIT_LOG: &str = "/dev/null";

/// `riskgate hook` on arbitrary stdin, once without `--agent` and once per
/// agent: never fails or panics out; prints one JSON line or nothing, as
/// the agent's protocol allows; exits 2 with a block exactly when the agent
/// is unknown; input that is not a readable event (not UTF-8, not JSON,
/// not the agent's shape, a shell or file tool without an absolute `cwd`:
/// the workspace is unknown; a web fetch needs none) is never
/// answered with an allow (nor Codex's silence); and a shell command whose
/// analysis is cut short is never allowed either.
///
/// # Panics
/// When an invariant does not hold.
pub fn check_hook(data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    let shown_input = text.map_or_else(|| format!("{} bytes, not UTF-8", data.len()), shown);
    let value = text.and_then(|t| adapters::parse_value(t).ok());
    for flag in [None, Some(Agent::Claude), Some(Agent::Gemini), Some(Agent::Cursor), Some(Agent::Codex)] {
        // No ledger: each input is judged alone, and the real home is left alone.
        let args = hook::Args { agent: flag, audit_log: Some(PathBuf::from(NO_AUDIT_LOG)), session_ledger: false };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = hook::run(&args, &mut &data[..], &mut out, &mut err);
        let status = status.unwrap_or_else(|e| panic!("--agent {flag:?}: hook failed without an answer ({e:#}): {shown_input}"));
        let out = String::from_utf8(out).unwrap_or_else(|_| panic!("--agent {flag:?}: stdout is not UTF-8: {shown_input}"));
        let agent = flag.or_else(|| value.as_ref().and_then(adapters::detect));
        assert_eq!(status == ExitStatus::Error, agent.is_none(), "--agent {flag:?}: exit {status:?} for agent {agent:?}: {shown_input}");
        assert!(matches!(status, ExitStatus::Success | ExitStatus::Error), "--agent {flag:?}: exit {status:?}: {shown_input}");
        let said = said(agent, &out, text.unwrap_or_default());
        let Some(agent) = agent else { continue };
        let event = value.clone().map(|v| adapters::event(agent, v));
        let must_stop = match &event {
            None | Some(Err(_)) => Some("not a readable event"),
            Some(Ok(e)) if matches!(e.subject, Subject::Shell { .. } | Subject::File { .. }) && !e.cwd.as_deref().is_some_and(|c| c.starts_with('/')) => {
                Some("a shell or file tool without an absolute cwd")
            }
            Some(Ok(e)) => match &e.subject {
                Subject::Shell { command } => {
                    // The reading the classifier judged: for a template whose
                    // literal line is a syntax error, the filled-in one.
                    let req = Request { command: command.clone(), cwd: e.cwd.clone() };
                    classifier().analyse(&req).script.is_cut_short().then_some("a shell command whose analysis was cut short")
                }
                _ => None,
            },
        };
        if let Some(why) = must_stop {
            assert!(said.stops(), "--agent {flag:?} ({agent}): {why} answered {said:?}: {shown_input}");
        }
    }
}
