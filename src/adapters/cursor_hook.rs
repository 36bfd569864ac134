//! Cursor `beforeShellExecution`: the payload on stdin and the
//! `{permission, user_message, agent_message}` answer (`snake_case`, as the
//! current docs; the 1.7-era camelCase is not emitted).
//!
//! The event is shell-only, so there is no tool name; the adapter calls the
//! tool `shell`. Cursor documents no "no opinion" answer: `{"permission":
//! "allow"}` is the nearest, and is what [`reply`] gives for one.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{AdapterError, Agent, Answer, Event, Reply, Subject, from_payload, to_json};
use crate::policy::Decision;

/// The event name this adapter handles.
pub const EVENT: &str = "beforeShellExecution";

/// The `beforeShellExecution` payload (unknown fields are ignored).
#[derive(Debug, Deserialize)]
pub struct Input {
    /// `beforeShellExecution`.
    pub hook_event_name: String,
    /// The full command line (missing on other events).
    #[serde(default)]
    pub command: Option<String>,
    /// Where the command runs.
    #[serde(default)]
    pub cwd: Option<String>,
    /// The conversation this call belongs to (`crate::session`).
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// The open workspace folders.
    #[serde(default)]
    pub workspace_roots: Vec<String>,
}

/// The answer object.
#[derive(Debug, Serialize)]
pub struct Output<'a> {
    /// allow, ask or deny.
    pub permission: Decision,
    /// Shown in the client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_message: Option<&'a str>,
    /// Sent to the agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_message: Option<&'a str>,
}

/// Converts a payload. When `cwd` is missing, the first workspace root is used.
///
/// # Errors
/// Not a `beforeShellExecution` event, or one without a command.
pub fn event(value: Value) -> Result<Event, AdapterError> {
    let agent = Agent::Cursor;
    let input: Input = from_payload(agent, value)?;
    if input.hook_event_name != EVENT {
        return Err(AdapterError::UnknownEvent { agent, event: input.hook_event_name });
    }
    let tool = "shell".to_string();
    let Some(command) = input.command else {
        return Err(AdapterError::Unusable { agent, tool, problem: "no `command` field".into() });
    };
    let cwd = input.cwd.filter(|c| !c.is_empty()).or_else(|| input.workspace_roots.into_iter().next());
    Ok(Event { agent, event: input.hook_event_name, tool, cwd, subject: Subject::Shell { command }, session: input.conversation_id })
}

/// Puts an answer in Cursor's words.
#[must_use]
pub fn reply(answer: &Answer) -> Reply {
    let out = match answer {
        Answer::NoOpinion | Answer::Decided { decision: Decision::Allow, .. } => {
            Output { permission: Decision::Allow, user_message: None, agent_message: None }
        }
        Answer::Decided { decision, user, agent } => Output { permission: *decision, user_message: Some(user), agent_message: Some(agent) },
    };
    Reply::Json(to_json(&out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shell_event() {
        let e = event(json!({"hook_event_name": "beforeShellExecution", "command": "ls", "cwd": "/p", "workspace_roots": ["/r"]})).expect("event");
        assert_eq!((e.subject, e.cwd.as_deref()), (Subject::Shell { command: "ls".into() }, Some("/p")));
        let e = event(json!({"hook_event_name": "beforeShellExecution", "command": "ls", "workspace_roots": ["/r"]})).expect("event");
        assert_eq!(e.cwd.as_deref(), Some("/r"));
    }

    #[test]
    fn other_events_are_errors() {
        assert!(matches!(event(json!({"hook_event_name": "beforeReadFile"})), Err(AdapterError::UnknownEvent { .. })));
        assert!(matches!(event(json!({"hook_event_name": "beforeShellExecution"})), Err(AdapterError::Unusable { .. })));
    }

    #[test]
    fn replies() {
        assert_eq!(reply(&Answer::NoOpinion), Reply::Json(r#"{"permission":"allow"}"#.into()));
        let ask = Answer::Decided { decision: Decision::Ask, user: "u".into(), agent: "a".into() };
        assert_eq!(reply(&ask), Reply::Json(r#"{"permission":"ask","user_message":"u","agent_message":"a"}"#.into()));
    }
}
