//! The agents' hook protocols: serde types for what each agent sends before
//! a tool runs and for what it accepts back. Conversions only: an agent's
//! payload becomes an [`Event`] (what to judge), and an [`Answer`] becomes
//! the agent's [`Reply`]. Nothing here judges; `cli::hook` does, through
//! `Classifier` and the path classes. The formats are documented, with
//! sources, in `docs/agents.md`.
//!
//! Wording aimed at the agent (what not to retry) lives here, next to the
//! protocol fields it goes into; the one-line reason itself comes from
//! `report::one_line`.

pub mod claude_hook;
pub mod codex_hook;
pub mod cursor_hook;
pub mod gemini_hook;
pub mod telemetry;

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decide::Verdict;
use crate::policy::Decision;
use crate::report;

/// An agent whose pre-execution hook riskgate speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Agent {
    /// Claude Code, `PreToolUse`.
    Claude,
    /// Gemini CLI, `BeforeTool`.
    Gemini,
    /// Cursor, `beforeShellExecution`.
    Cursor,
    /// Codex CLI, `PreToolUse` (cannot ask: an `ask` is sent as `deny`).
    Codex,
}

impl Agent {
    /// Every agent, in the order of `docs/agents.md`.
    pub const ALL: &'static [Agent] = &[Agent::Claude, Agent::Gemini, Agent::Cursor, Agent::Codex];

    /// The lowercase name used on the command line and in the audit log.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Agent::Claude => "claude",
            Agent::Gemini => "gemini",
            Agent::Cursor => "cursor",
            Agent::Codex => "codex",
        }
    }
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a file tool reads or changes the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// The tool only reads.
    Read,
    /// The tool creates, changes or deletes.
    Write,
}

/// What a tool call asks to do, as far as riskgate judges it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A shell command line, run in [`Event::cwd`].
    Shell {
        /// The command text as the shell tool receives it.
        command: String,
    },
    /// A file tool on one or more paths (a patch may touch several).
    File {
        /// The paths as the agent gave them (absolute, or relative to `cwd`).
        paths: Vec<String>,
        /// Read or write.
        access: Access,
    },
    /// A web fetch (HTTP GET by the agent's own tool).
    Fetch {
        /// The URLs the tool will fetch.
        urls: Vec<String>,
    },
    /// A tool riskgate has no opinion on (search, MCP tools, ...).
    Other,
}

/// One tool call, in the agent-neutral form the hook judges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Who sent it.
    pub agent: Agent,
    /// The protocol's event name (`PreToolUse`, `BeforeTool`, ...).
    pub event: String,
    /// The tool name (`Bash`, `write_file`, ...; `shell` for Cursor).
    pub tool: String,
    /// The directory the tool runs in: the workspace the call is judged
    /// against. `None` when the payload has none.
    pub cwd: Option<String>,
    /// The agent's session id, when the payload has one: the key of the
    /// session ledger (`crate::session`).
    pub session: Option<String>,
    /// What the call does.
    pub subject: Subject,
}

/// Why a payload could not be turned into an [`Event`]. Every variant makes
/// the hook fail closed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdapterError {
    /// Nothing (or only whitespace) on stdin.
    #[error("no input: expected one JSON hook event on stdin")]
    Empty,
    /// The input is not JSON.
    #[error("the input is not valid JSON")]
    Json(#[source] serde_json::Error),
    /// JSON, but no agent's event shape; pass `--agent`.
    #[error("cannot tell which agent sent this event (no known hook_event_name); pass --agent")]
    UnknownAgent,
    /// JSON, but not the agent's event shape.
    #[error("not a {agent} hook event")]
    Shape {
        /// The agent whose format was expected.
        agent: Agent,
        /// What serde found wrong.
        #[source]
        source: serde_json::Error,
    },
    /// An event the hook does not handle (riskgate is registered for the wrong event).
    #[error("{agent} event `{event}` is not a pre-execution event riskgate handles")]
    UnknownEvent {
        /// The agent.
        agent: Agent,
        /// The event name as sent.
        event: String,
    },
    /// A tool riskgate judges, with input it cannot read.
    #[error("{agent} tool `{tool}`: unexpected tool_input")]
    ToolInput {
        /// The agent.
        agent: Agent,
        /// The tool name.
        tool: String,
        /// What serde found wrong.
        #[source]
        source: serde_json::Error,
    },
    /// A tool input that parses but says nothing judgeable (a patch with no file).
    #[error("{agent} tool `{tool}`: {problem}")]
    Unusable {
        /// The agent.
        agent: Agent,
        /// The tool name.
        tool: String,
        /// What is missing or wrong.
        problem: String,
    },
}

/// Guesses the agent from the payload's shape, for `riskgate hook` without
/// `--agent`. `None` when no shape matches.
///
/// Claude Code and Codex both send `PreToolUse`; Codex always adds `turn_id`
/// and `model`, which Claude Code does not send.
#[must_use]
pub fn detect(payload: &Value) -> Option<Agent> {
    let has = |key: &str| payload.get(key).is_some();
    match payload.get("hook_event_name")?.as_str()? {
        "PreToolUse" => {
            let patch = payload.get("tool_name").and_then(Value::as_str) == Some("apply_patch");
            Some(if has("turn_id") || has("model") || patch { Agent::Codex } else { Agent::Claude })
        }
        "BeforeTool" => Some(Agent::Gemini),
        "beforeShellExecution" => Some(Agent::Cursor),
        _ if has("conversation_id") && has("workspace_roots") => Some(Agent::Cursor),
        _ => None,
    }
}

/// Parses one hook payload sent by `agent`.
///
/// # Errors
/// Empty input, invalid JSON, or JSON that is not a pre-execution event of
/// this agent with readable tool input.
pub fn parse(agent: Agent, text: &str) -> Result<Event, AdapterError> {
    let value = parse_value(text)?;
    event(agent, value)
}

/// Parses the input as one JSON value.
///
/// # Errors
/// Empty input or invalid JSON.
pub fn parse_value(text: &str) -> Result<Value, AdapterError> {
    if text.trim().is_empty() {
        return Err(AdapterError::Empty);
    }
    serde_json::from_str(text).map_err(AdapterError::Json)
}

/// Converts an already parsed payload sent by `agent`.
///
/// # Errors
/// As [`parse`], for the shape of the value.
pub fn event(agent: Agent, value: Value) -> Result<Event, AdapterError> {
    match agent {
        Agent::Claude => claude_hook::event(value),
        Agent::Gemini => gemini_hook::event(value),
        Agent::Cursor => cursor_hook::event(value),
        Agent::Codex => codex_hook::event(value),
    }
}

/// Deserializes a payload into an agent's input type.
pub(crate) fn from_payload<T: DeserializeOwned>(agent: Agent, value: Value) -> Result<T, AdapterError> {
    serde_json::from_value(value).map_err(|source| AdapterError::Shape { agent, source })
}

/// Deserializes one tool's `tool_input`.
pub(crate) fn tool_input<T: DeserializeOwned>(agent: Agent, tool: &str, input: &Value) -> Result<T, AdapterError> {
    T::deserialize(input).map_err(|source| AdapterError::ToolInput { agent, tool: tool.to_string(), source })
}

/// What riskgate answers for one call, before it is put in an agent's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Say nothing: the agent's own permission flow applies.
    NoOpinion,
    /// A decision with its reasons.
    Decided {
        /// allow, ask or deny.
        decision: Decision,
        /// The one-line reason with its rule code, for the person.
        user: String,
        /// What the model is told: for `deny`, the reason plus what not to retry.
        agent: String,
    },
}

impl Answer {
    /// The answer for a verdict.
    #[must_use]
    pub fn from_verdict(v: &Verdict) -> Answer {
        let user = single_line(&report::one_line(v));
        let agent = match v.decision {
            Decision::Deny => format!(
                "{user}. Blocked by the user's safety policy: do not retry this command, a variant of it, \
                 or another way to get the same effect; if the task really needs it, stop and tell the user why."
            ),
            Decision::Ask | Decision::Allow => user.clone(),
        };
        Answer::Decided { decision: v.decision, user, agent }
    }

    /// The decision, if any.
    #[must_use]
    pub fn decision(&self) -> Option<Decision> {
        match self {
            Answer::NoOpinion => None,
            Answer::Decided { decision, .. } => Some(*decision),
        }
    }
}

/// What to print on stdout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Print nothing (the protocol's "no opinion" or, for Codex, "allow").
    Silent,
    /// Print this JSON object and a newline.
    Json(String),
}

/// Puts an answer in the agent's protocol.
#[must_use]
pub fn reply(agent: Agent, answer: &Answer) -> Reply {
    match agent {
        Agent::Claude => claude_hook::reply(answer),
        Agent::Gemini => gemini_hook::reply(answer),
        Agent::Cursor => cursor_hook::reply(answer),
        Agent::Codex => codex_hook::reply(answer),
    }
}

/// The reply when the agent is not known (no `--agent`, and the payload
/// matches no agent): `{"decision":"block"}` is read as a block by Claude
/// Code, Gemini and Codex (legacy shape), and the hook exits 2, which every
/// agent treats as a block with stderr as the reason.
#[must_use]
pub fn universal_block(reason: &str) -> Reply {
    #[derive(Serialize)]
    struct Block<'a> {
        decision: &'static str,
        reason: &'a str,
    }
    Reply::Json(to_json(&Block { decision: "block", reason }))
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs of strings cannot fail; the fallback
    // still blocks rather than printing nothing.
    serde_json::to_string(value).unwrap_or_else(|_| r#"{"decision":"block","reason":"riskgate: internal error"}"#.to_string())
}

/// Collapses whitespace so a reason stays on one line.
#[must_use]
pub fn single_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_agents_by_shape() {
        let cases = [
            (json!({"hook_event_name": "PreToolUse", "tool_name": "Bash"}), Some(Agent::Claude)),
            (json!({"hook_event_name": "PreToolUse", "turn_id": "t", "model": "m"}), Some(Agent::Codex)),
            (json!({"hook_event_name": "PreToolUse", "tool_name": "apply_patch"}), Some(Agent::Codex)),
            (json!({"hook_event_name": "BeforeTool"}), Some(Agent::Gemini)),
            (json!({"hook_event_name": "beforeShellExecution"}), Some(Agent::Cursor)),
            (json!({"hook_event_name": "beforeReadFile", "conversation_id": "c", "workspace_roots": []}), Some(Agent::Cursor)),
            (json!({"hook_event_name": "Stop"}), None),
            (json!({"command": "ls"}), None),
            (json!([1, 2]), None),
        ];
        for (payload, want) in cases {
            assert_eq!(detect(&payload), want, "{payload}");
        }
    }

    #[test]
    fn empty_and_malformed_input_are_errors() {
        assert!(matches!(parse(Agent::Claude, ""), Err(AdapterError::Empty)));
        assert!(matches!(parse(Agent::Claude, " \n"), Err(AdapterError::Empty)));
        assert!(matches!(parse(Agent::Claude, "{not json"), Err(AdapterError::Json(_))));
        assert!(matches!(parse(Agent::Claude, "[1]"), Err(AdapterError::Shape { .. })));
    }

    #[test]
    fn deny_answers_tell_the_agent_not_to_retry() {
        let v = Verdict::internal_error("x");
        let mut deny = v.clone();
        deny.decision = Decision::Deny;
        let Answer::Decided { agent, user, .. } = Answer::from_verdict(&deny) else { panic!("decided") };
        assert!(agent.contains("do not retry"), "{agent}");
        assert!(user.contains("RG006"), "{user}");
        let Answer::Decided { agent, .. } = Answer::from_verdict(&v) else { panic!("decided") };
        assert!(!agent.contains("do not retry"));
    }

    #[test]
    fn universal_block_is_a_legacy_block() {
        let Reply::Json(text) = universal_block("why") else { panic!("json") };
        assert_eq!(text, r#"{"decision":"block","reason":"why"}"#);
    }
}
