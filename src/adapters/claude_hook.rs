//! Claude Code `PreToolUse`: the payload on stdin and the
//! `hookSpecificOutput` answer. No opinion is an empty stdout.
//!
//! File paths in `Write`/`Edit`/`Read` arrive absolute; `NotebookEdit` names
//! its file `notebook_path`. `MultiEdit` was removed in Claude Code 2.0.x and
//! is still read for older versions.

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
    /// The session's working directory (follows `cd` and worktrees).
    #[serde(default)]
    pub cwd: Option<String>,
    /// The agent session this call belongs to (`crate::session`).
    #[serde(default)]
    pub session_id: Option<String>,
    /// `Bash`, `Write`, `mcp__server__tool`, ...
    #[serde(default)]
    pub tool_name: Option<String>,
    /// The tool's arguments; shape depends on the tool.
    #[serde(default)]
    pub tool_input: Value,
    /// `default`, `plan`, `acceptEdits`, `auto`, `dontAsk`, `bypassPermissions`.
    #[serde(default)]
    pub permission_mode: Option<String>,
}

/// `Bash` / `PowerShell` input.
#[derive(Debug, Deserialize)]
pub struct CommandInput {
    /// The command line.
    pub command: String,
}

/// `Write`, `Edit`, `MultiEdit`, `Read` input (the path only).
#[derive(Debug, Deserialize)]
pub struct FileInput {
    /// Absolute path of the file.
    pub file_path: String,
}

/// `NotebookEdit` input (the path only).
#[derive(Debug, Deserialize)]
pub struct NotebookInput {
    /// Absolute path of the notebook.
    pub notebook_path: String,
}

/// `WebFetch` input.
#[derive(Debug, Deserialize)]
pub struct FetchInput {
    /// The URL to fetch.
    pub url: String,
}

/// The answer object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output<'a> {
    /// The `PreToolUse`-specific part; Claude Code ignores the object without it.
    pub hook_specific_output: HookSpecificOutput<'a>,
}

/// `hookSpecificOutput`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HookSpecificOutput<'a> {
    /// Always `PreToolUse` (required by Claude Code).
    pub hook_event_name: &'static str,
    /// allow, ask or deny.
    pub permission_decision: Decision,
    /// Shown in the prompt (ask), to Claude (deny), or logged (allow).
    pub permission_decision_reason: &'a str,
}

/// Converts a payload.
///
/// # Errors
/// Not a `PreToolUse` event, or unreadable input for a judged tool.
pub fn event(value: Value) -> Result<Event, AdapterError> {
    let agent = Agent::Claude;
    let input: Input = from_payload(agent, value)?;
    if input.hook_event_name != EVENT {
        return Err(AdapterError::UnknownEvent { agent, event: input.hook_event_name });
    }
    let tool = input.tool_name.unwrap_or_default();
    let ti = &input.tool_input;
    let file = |access| -> Result<Subject, AdapterError> {
        let f: FileInput = tool_input(agent, &tool, ti)?;
        Ok(Subject::File { paths: vec![f.file_path], access })
    };
    let subject = match tool.as_str() {
        "Bash" | "PowerShell" => Subject::Shell { command: tool_input::<CommandInput>(agent, &tool, ti)?.command },
        "Write" | "Edit" | "MultiEdit" => file(Access::Write)?,
        "Read" => file(Access::Read)?,
        "NotebookEdit" => {
            let n: NotebookInput = tool_input(agent, &tool, ti)?;
            Subject::File { paths: vec![n.notebook_path], access: Access::Write }
        }
        "WebFetch" => Subject::Fetch { urls: vec![tool_input::<FetchInput>(agent, &tool, ti)?.url] },
        _ => Subject::Other,
    };
    Ok(Event { agent, event: input.hook_event_name, tool, cwd: input.cwd, subject, session: input.session_id })
}

/// Puts an answer in Claude Code's words.
#[must_use]
pub fn reply(answer: &Answer) -> Reply {
    match answer {
        Answer::NoOpinion => Reply::Silent,
        Answer::Decided { decision, user, agent } => {
            let reason = if *decision == Decision::Deny { agent } else { user };
            Reply::Json(to_json(&Output {
                hook_specific_output: HookSpecificOutput { hook_event_name: EVENT, permission_decision: *decision, permission_decision_reason: reason },
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn payload(tool: &str, input: Value) -> Value {
        json!({"hook_event_name": "PreToolUse", "cwd": "/w", "tool_name": tool, "tool_input": input, "session_id": "s"})
    }

    #[test]
    fn tools_become_subjects() {
        let cases = [
            (payload("Bash", json!({"command": "ls"})), Subject::Shell { command: "ls".into() }),
            (
                payload("Edit", json!({"file_path": "/w/a", "old_string": "", "new_string": ""})),
                Subject::File { paths: vec!["/w/a".into()], access: Access::Write },
            ),
            (payload("Read", json!({"file_path": "/w/a", "offset": 1})), Subject::File { paths: vec!["/w/a".into()], access: Access::Read }),
            (
                payload("NotebookEdit", json!({"notebook_path": "/w/n.ipynb", "new_source": ""})),
                Subject::File { paths: vec!["/w/n.ipynb".into()], access: Access::Write },
            ),
            (payload("WebFetch", json!({"url": "https://x.org", "prompt": "p"})), Subject::Fetch { urls: vec!["https://x.org".into()] }),
            (payload("Glob", json!({"pattern": "*"})), Subject::Other),
            (payload("mcp__github__create_issue", json!({})), Subject::Other),
        ];
        for (p, want) in cases {
            let e = event(p.clone()).unwrap_or_else(|e| panic!("{p}: {e}"));
            assert_eq!(e.subject, want, "{p}");
            assert_eq!(e.cwd.as_deref(), Some("/w"));
        }
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(event(payload("Bash", json!({"cmd": "ls"}))), Err(AdapterError::ToolInput { .. })));
        assert!(matches!(event(json!({"hook_event_name": "PostToolUse"})), Err(AdapterError::UnknownEvent { .. })));
        assert!(matches!(event(json!({"tool_name": "Bash"})), Err(AdapterError::Shape { .. })));
    }

    #[test]
    fn replies() {
        assert_eq!(reply(&Answer::NoOpinion), Reply::Silent);
        let ask = Answer::Decided { decision: Decision::Ask, user: "u".into(), agent: "a".into() };
        assert_eq!(
            reply(&ask),
            Reply::Json(r#"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"u"}}"#.into())
        );
        let deny = Answer::Decided { decision: Decision::Deny, user: "u".into(), agent: "a".into() };
        assert_eq!(
            reply(&deny),
            Reply::Json(r#"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"a"}}"#.into())
        );
    }
}
