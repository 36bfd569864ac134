//! Gemini CLI `BeforeTool`: the payload on stdin and the
//! `{decision, reason, systemMessage}` answer. No opinion is `{}`.
//!
//! `run_shell_command` may name a working directory relative to the project
//! root: `dir_path` in current releases, `directory` in older ones. The
//! command is judged in that directory; one that leaves the project is an
//! error (and so an `ask`), because the project root would no longer be the
//! workspace the command's relative paths resolve against.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Access, AdapterError, Agent, Answer, Event, Reply, Subject, from_payload, to_json, tool_input};
use crate::policy::Decision;

/// The event name this adapter handles.
pub const EVENT: &str = "BeforeTool";

/// The `BeforeTool` payload (unknown fields are ignored).
#[derive(Debug, Deserialize)]
pub struct Input {
    /// `BeforeTool`.
    pub hook_event_name: String,
    /// The project directory.
    #[serde(default)]
    pub cwd: Option<String>,
    /// The agent session this call belongs to (`crate::session`).
    #[serde(default)]
    pub session_id: Option<String>,
    /// `run_shell_command`, `write_file`, `mcp__server__tool`, ...
    #[serde(default)]
    pub tool_name: Option<String>,
    /// The tool's arguments.
    #[serde(default)]
    pub tool_input: Value,
}

/// `run_shell_command` input.
#[derive(Debug, Deserialize)]
pub struct ShellInput {
    /// The command line.
    pub command: String,
    /// Working directory relative to the project root (`directory` in older releases).
    #[serde(default, alias = "directory")]
    pub dir_path: Option<String>,
}

/// `write_file`, `replace`, `read_file` input (the path only).
#[derive(Debug, Deserialize)]
pub struct FileInput {
    /// The file (`absolute_path` in older `read_file`).
    #[serde(alias = "absolute_path")]
    pub file_path: String,
}

/// `web_fetch` input: a prompt that contains the URLs.
#[derive(Debug, Deserialize)]
pub struct FetchInput {
    /// Free text with up to 20 URLs.
    #[serde(default)]
    pub prompt: String,
    /// A plain URL, if a version sends one.
    #[serde(default)]
    pub url: Option<String>,
}

/// The answer object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Output<'a> {
    /// allow, ask or deny.
    pub decision: Decision,
    /// Sent to the model (as the tool error on deny).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// Shown to the user (in the confirmation dialog on ask).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_message: Option<&'a str>,
}

/// Converts a payload.
///
/// # Errors
/// Not a `BeforeTool` event, unreadable input for a judged tool, or a shell
/// working directory outside the project.
pub fn event(value: Value) -> Result<Event, AdapterError> {
    let agent = Agent::Gemini;
    let input: Input = from_payload(agent, value)?;
    if input.hook_event_name != EVENT {
        return Err(AdapterError::UnknownEvent { agent, event: input.hook_event_name });
    }
    let tool = input.tool_name.unwrap_or_default();
    let ti = &input.tool_input;
    let mut cwd = input.cwd;
    let subject = match tool.as_str() {
        "run_shell_command" => {
            let shell: ShellInput = tool_input(agent, &tool, ti)?;
            if let (Some(dir), Some(root)) = (shell.dir_path.as_deref().filter(|d| !d.is_empty()), cwd.as_deref()) {
                let resolved = resolve_within(root, dir).ok_or_else(|| AdapterError::Unusable {
                    agent,
                    tool: tool.clone(),
                    problem: format!("working directory `{dir}` is outside the project `{root}`"),
                })?;
                cwd = Some(resolved);
            }
            Subject::Shell { command: shell.command }
        }
        "write_file" | "replace" => Subject::File { paths: vec![tool_input::<FileInput>(agent, &tool, ti)?.file_path], access: Access::Write },
        "read_file" => Subject::File { paths: vec![tool_input::<FileInput>(agent, &tool, ti)?.file_path], access: Access::Read },
        "web_fetch" => {
            let f: FetchInput = tool_input(agent, &tool, ti)?;
            let mut urls: Vec<String> = f.url.into_iter().collect();
            urls.extend(urls_in(&f.prompt));
            if urls.is_empty() { Subject::Other } else { Subject::Fetch { urls } }
        }
        _ => Subject::Other,
    };
    Ok(Event { agent, event: input.hook_event_name, tool, cwd, subject, session: input.session_id })
}

/// `root` joined with `dir`, `.` and `..` resolved lexically; `None` when the
/// result is not `root` or below it.
fn resolve_within(root: &str, dir: &str) -> Option<String> {
    let root = root.trim_end_matches('/');
    let joined = if dir.starts_with('/') { dir.to_string() } else { format!("{root}/{dir}") };
    let mut parts: Vec<&str> = Vec::new();
    for comp in joined.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let resolved = format!("/{}", parts.join("/"));
    let inside = resolved == root || resolved.strip_prefix(root).is_some_and(|r| r.starts_with('/'));
    inside.then_some(resolved)
}

/// The URL-looking words of a prompt (anything with `scheme://`).
fn urls_in(prompt: &str) -> impl Iterator<Item = String> + '_ {
    prompt
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | '"' | '\'' | ',' | '.' | ';' | '`')))
        .filter(|w| w.contains("://"))
        .map(str::to_string)
}

/// Puts an answer in Gemini CLI's words.
#[must_use]
pub fn reply(answer: &Answer) -> Reply {
    match answer {
        Answer::NoOpinion => Reply::Json("{}".to_string()),
        Answer::Decided { decision: Decision::Allow, .. } => Reply::Json(to_json(&Output { decision: Decision::Allow, reason: None, system_message: None })),
        Answer::Decided { decision, user, agent } => Reply::Json(to_json(&Output { decision: *decision, reason: Some(agent), system_message: Some(user) })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn payload(tool: &str, input: Value) -> Value {
        json!({"hook_event_name": "BeforeTool", "cwd": "/p", "tool_name": tool, "tool_input": input, "timestamp": "t"})
    }

    #[test]
    fn tools_become_subjects() {
        let cases = [
            (payload("run_shell_command", json!({"command": "ls"})), Subject::Shell { command: "ls".into() }),
            (payload("write_file", json!({"file_path": "/p/.env", "content": ""})), Subject::File { paths: vec!["/p/.env".into()], access: Access::Write }),
            (
                payload("replace", json!({"file_path": "/p/a", "old_string": "", "new_string": ""})),
                Subject::File { paths: vec!["/p/a".into()], access: Access::Write },
            ),
            (payload("read_file", json!({"absolute_path": "/p/a"})), Subject::File { paths: vec!["/p/a".into()], access: Access::Read }),
            (
                payload("web_fetch", json!({"prompt": "Summarise <https://a.org/x> and http://b.org."})),
                Subject::Fetch { urls: vec!["https://a.org/x".into(), "http://b.org".into()] },
            ),
            (payload("web_fetch", json!({"prompt": "no urls"})), Subject::Other),
            (payload("glob", json!({"pattern": "*"})), Subject::Other),
        ];
        for (p, want) in cases {
            assert_eq!(event(p.clone()).unwrap_or_else(|e| panic!("{p}: {e}")).subject, want, "{p}");
        }
    }

    #[test]
    fn shell_directory_becomes_the_cwd() {
        let cwd = |input: Value| event(payload("run_shell_command", input)).map(|e| e.cwd);
        assert_eq!(cwd(json!({"command": "ls", "dir_path": "frontend"})).ok().flatten().as_deref(), Some("/p/frontend"));
        assert_eq!(cwd(json!({"command": "ls", "directory": "a/../b"})).ok().flatten().as_deref(), Some("/p/b"));
        assert_eq!(cwd(json!({"command": "ls", "dir_path": "."})).ok().flatten().as_deref(), Some("/p"));
        assert_eq!(cwd(json!({"command": "ls", "dir_path": "/p/x"})).ok().flatten().as_deref(), Some("/p/x"));
        assert!(cwd(json!({"command": "ls", "dir_path": ".."})).is_err());
        assert!(cwd(json!({"command": "ls", "dir_path": "/"})).is_err());
        assert!(cwd(json!({"command": "ls", "dir_path": "/pp"})).is_err());
    }

    #[test]
    fn replies() {
        assert_eq!(reply(&Answer::NoOpinion), Reply::Json("{}".into()));
        let allow = Answer::Decided { decision: Decision::Allow, user: "u".into(), agent: "a".into() };
        assert_eq!(reply(&allow), Reply::Json(r#"{"decision":"allow"}"#.into()));
        let deny = Answer::Decided { decision: Decision::Deny, user: "u".into(), agent: "a".into() };
        assert_eq!(reply(&deny), Reply::Json(r#"{"decision":"deny","reason":"a","systemMessage":"u"}"#.into()));
    }
}
