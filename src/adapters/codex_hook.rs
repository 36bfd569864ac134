//! Codex CLI `PreToolUse`: the payload on stdin and the `hookSpecificOutput`
//! answer. The output schema admits no extra fields, and Codex accepts
//! neither a bare `allow` nor `ask`:
//!
//! - allow and no opinion: print nothing;
//! - deny: `permissionDecision: "deny"`;
//! - **ask becomes deny.** Codex hooks cannot ask the user (openai/codex#28437),
//!   and printing `ask` makes the hook "failed", which lets the call run. So an
//!   `ask` is a `deny` whose reason tells the model not to retry and to hand
//!   the command to the user, plus a top-level `systemMessage` telling the
//!   user to run it themselves if they approve. The alternative, no opinion,
//!   would let every `ask` command run unattended under permissive modes.
//!
//! `apply_patch` sends the whole patch in `tool_input.command`; the adapter
//! reads the file names from its `*** Add/Update/Delete File:` and
//! `*** Move to:` headers (paths relative to `cwd`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Access, AdapterError, Agent, Answer, Event, Reply, Subject, from_payload, to_json, tool_input};
use crate::policy::Decision;

/// The event name this adapter handles.
pub const EVENT: &str = "PreToolUse";

/// The `PreToolUse` payload (unknown fields are ignored).
#[derive(Debug, Deserialize)]
pub struct Input {
    /// `PreToolUse`.
    pub hook_event_name: String,
    /// The session's working directory.
    #[serde(default)]
    pub cwd: Option<String>,
    /// The agent session this call belongs to (`crate::session`).
    #[serde(default)]
    pub session_id: Option<String>,
    /// `Bash`, `apply_patch` or `mcp__server__tool`.
    #[serde(default)]
    pub tool_name: Option<String>,
    /// The tool's arguments.
    #[serde(default)]
    pub tool_input: Value,
}

/// `Bash` / `apply_patch` input.
#[derive(Debug, Deserialize)]
pub struct CommandInput {
    /// A command line, an argv (older shell tool), or the patch text.
    pub command: CommandField,
}

/// `tool_input.command`: a string, or an argv from older shell tools.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum CommandField {
    /// A command line (or patch).
    Text(String),
    /// An argv such as `["bash", "-lc", "..."]`.
    Argv(Vec<String>),
}

impl CommandField {
    /// The command line a shell would run.
    #[must_use]
    pub fn into_command_line(self) -> String {
        match self {
            CommandField::Text(s) => s,
            CommandField::Argv(argv) => super::telemetry::argv_to_command(&argv),
        }
    }
}

/// The answer object (no other fields are allowed).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output<'a> {
    /// The decision.
    pub hook_specific_output: HookSpecificOutput<'a>,
    /// A warning shown to the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_message: Option<String>,
}

/// `hookSpecificOutput`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HookSpecificOutput<'a> {
    /// Always `PreToolUse`.
    pub hook_event_name: &'static str,
    /// Always `deny`: the only decision Codex accepts without a rewrite.
    pub permission_decision: Decision,
    /// Shown to the model.
    pub permission_decision_reason: &'a str,
}

/// Converts a payload.
///
/// # Errors
/// Not a `PreToolUse` event, unreadable input for `Bash`/`apply_patch`, or a
/// patch that names no file.
pub fn event(value: Value) -> Result<Event, AdapterError> {
    let agent = Agent::Codex;
    let input: Input = from_payload(agent, value)?;
    if input.hook_event_name != EVENT {
        return Err(AdapterError::UnknownEvent { agent, event: input.hook_event_name });
    }
    let tool = input.tool_name.unwrap_or_default();
    let ti = &input.tool_input;
    let subject = match tool.as_str() {
        "Bash" | "shell" | "exec_command" | "local_shell" => {
            Subject::Shell { command: tool_input::<CommandInput>(agent, &tool, ti)?.command.into_command_line() }
        }
        "apply_patch" => {
            let patch = tool_input::<CommandInput>(agent, &tool, ti)?.command.into_command_line();
            let paths = patch_paths(&patch);
            if paths.is_empty() {
                return Err(AdapterError::Unusable { agent, tool, problem: "the patch names no file".into() });
            }
            Subject::File { paths, access: Access::Write }
        }
        _ => Subject::Other,
    };
    Ok(Event { agent, event: input.hook_event_name, tool, cwd: input.cwd, subject, session: input.session_id })
}

/// The files a patch adds, updates, deletes or moves to.
#[must_use]
pub fn patch_paths(patch: &str) -> Vec<String> {
    const HEADERS: &[&str] = &["*** Add File:", "*** Update File:", "*** Delete File:", "*** Move to:"];
    patch.lines().filter_map(|line| HEADERS.iter().find_map(|h| line.strip_prefix(h))).map(|p| p.trim().to_string()).collect()
}

/// The reason given to the model when an `ask` is turned into a deny.
#[must_use]
pub fn ask_as_deny_reason(user: &str) -> String {
    format!(
        "{user}. This needs the user's approval, and Codex hooks cannot ask for it, so riskgate blocked it: \
         do not retry it or work around it; tell the user exactly what you wanted to run or change, and why, \
         so they can run it themselves or approve it."
    )
}

/// Puts an answer in Codex's words.
#[must_use]
pub fn reply(answer: &Answer) -> Reply {
    match answer {
        Answer::NoOpinion | Answer::Decided { decision: Decision::Allow, .. } => Reply::Silent,
        Answer::Decided { decision: Decision::Deny, agent, .. } => Reply::Json(to_json(&Output {
            hook_specific_output: HookSpecificOutput { hook_event_name: EVENT, permission_decision: Decision::Deny, permission_decision_reason: agent },
            system_message: None,
        })),
        Answer::Decided { decision: Decision::Ask, user, .. } => {
            let reason = ask_as_deny_reason(user);
            Reply::Json(to_json(&Output {
                hook_specific_output: HookSpecificOutput { hook_event_name: EVENT, permission_decision: Decision::Deny, permission_decision_reason: &reason },
                system_message: Some(format!("{user} (needs your approval; Codex hooks cannot ask, so it was blocked: run it yourself if you approve)")),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn payload(tool: &str, input: Value) -> Value {
        json!({"hook_event_name": "PreToolUse", "cwd": "/p", "tool_name": tool, "tool_input": input, "turn_id": "t", "model": "m"})
    }

    #[test]
    fn tools_become_subjects() {
        let patch = "*** Begin Patch\n*** Add File: .env\n+A=1\n*** Update File: src/a.rs\n*** Move to: src/b.rs\n*** Delete File: old.txt\n*** End Patch\n";
        let cases = [
            (payload("Bash", json!({"command": "ls -la"})), Subject::Shell { command: "ls -la".into() }),
            (payload("Bash", json!({"command": ["bash", "-lc", "ls -la"]})), Subject::Shell { command: "ls -la".into() }),
            (payload("Bash", json!({"command": ["rm", "-rf", "a b"]})), Subject::Shell { command: "rm -rf 'a b'".into() }),
            (
                payload("apply_patch", json!({"command": patch})),
                Subject::File { paths: vec![".env".into(), "src/a.rs".into(), "src/b.rs".into(), "old.txt".into()], access: Access::Write },
            ),
            (payload("mcp__github__create_issue", json!({"title": "x"})), Subject::Other),
        ];
        for (p, want) in cases {
            assert_eq!(event(p.clone()).unwrap_or_else(|e| panic!("{p}: {e}")).subject, want, "{p}");
        }
        assert!(matches!(event(payload("apply_patch", json!({"command": "nonsense"}))), Err(AdapterError::Unusable { .. })));
    }

    #[test]
    fn allow_is_silent_and_ask_becomes_deny() {
        let answer = |decision| Answer::Decided { decision, user: "u".into(), agent: "a".into() };
        assert_eq!(reply(&Answer::NoOpinion), Reply::Silent);
        assert_eq!(reply(&answer(Decision::Allow)), Reply::Silent);
        assert_eq!(
            reply(&answer(Decision::Deny)),
            Reply::Json(r#"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"a"}}"#.into())
        );
        let Reply::Json(ask) = reply(&answer(Decision::Ask)) else { panic!("json") };
        let v: Value = serde_json::from_str(&ask).expect("json");
        assert_eq!(v["hookSpecificOutput"]["permissionDecision"], "deny");
        assert!(v["hookSpecificOutput"]["permissionDecisionReason"].as_str().is_some_and(|r| r.contains("run it themselves")));
        assert!(v["systemMessage"].as_str().is_some_and(|m| m.contains("approval")));
    }
}
