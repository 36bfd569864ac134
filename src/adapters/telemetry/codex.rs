//! Codex CLI session rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`):
//! one JSON record per line, `{"timestamp", "type", "payload"}`. The
//! session's workspace comes from the `cwd` of `session_meta` and
//! `turn_context` records. A command is a `response_item` whose payload is
//!
//! - a `function_call` to a shell tool (`shell`, `container.exec`,
//!   `shell_command`, `exec_command`, `local_shell`) whose `arguments` (a
//!   JSON string) hold `command` (an argv such as `["bash", "-lc", "…"]`, or
//!   a string) or `cmd`, and optionally `workdir`; or
//! - a `local_shell_call` whose `action.command` is an argv, with
//!   `action.working_directory`.
//!
//! Patches are entries too (unless `ReadOptions::tools` is off: `score
//! --shell-only`): a `custom_tool_call` (or, in older rollouts, a
//! `function_call` with `arguments.input`) named `apply_patch` is turned
//! into the hook's event by the Codex hook adapter and judged as the hook
//! judges it (the files it adds, updates, deletes or moves).
//!
//! The id is the payload's `call_id`. Older rollouts wrote the items bare,
//! without the `response_item` envelope; both are read. `event_msg`
//! records (`exec_command_begin`, …) repeat calls already counted and are
//! skipped, as are messages, reasoning and tool outputs. A record that is
//! not JSON, or a shell call without a command, is an error entry.

use serde_json::Value;

use super::{Entry, LineParser, Position, bad, command_value, id_string, item, tool_item};

/// Function-call names that run a shell command.
const SHELL_FUNCTIONS: &[&str] = &["shell", "container.exec", "shell_command", "exec_command", "local_shell"];

/// The rollout reader of one input.
pub(crate) struct Parser {
    session_cwd: Option<String>,
    default_cwd: Option<String>,
    tools: bool,
}

impl Parser {
    pub(crate) fn new(default_cwd: Option<String>, tools: bool) -> Parser {
        Parser { session_cwd: None, default_cwd, tools }
    }

    /// An `apply_patch` call's patch, as the hook judges it.
    fn patch(&self, pos: &Position, id: Option<String>, patch: Option<&str>, out: &mut Vec<Entry>) {
        match patch {
            Some(p) => out.push(tool_item(pos, id, crate::adapters::Agent::Codex, "apply_patch", serde_json::json!({ "command": p }), self.cwd(None))),
            None => out.push(bad(pos, "apply_patch call without a patch")),
        }
    }

    fn cwd(&self, workdir: Option<&str>) -> Option<String> {
        let base = self.session_cwd.clone().or_else(|| self.default_cwd.clone());
        match (workdir, base) {
            (Some(w), _) if w.starts_with('/') => Some(w.to_string()),
            (Some(w), Some(b)) if !w.is_empty() && w != "." => Some(format!("{}/{w}", b.trim_end_matches('/'))),
            (Some(w), None) if !w.is_empty() => Some(w.to_string()),
            (_, b) => b,
        }
    }
}

impl LineParser for Parser {
    fn parse(&mut self, pos: &Position, line: &str, out: &mut Vec<Entry>) {
        if line.trim().is_empty() {
            return;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => return out.push(bad(pos, format!("invalid rollout record: {e}"))),
        };
        let kind = v.get("type").and_then(Value::as_str).unwrap_or_default();
        let item_value = match kind {
            "session_meta" | "turn_context" => {
                if let Some(cwd) = v.pointer("/payload/cwd").and_then(Value::as_str) {
                    self.session_cwd = Some(cwd.to_string());
                }
                return;
            }
            "response_item" => match v.get("payload") {
                Some(p) => p,
                None => return out.push(bad(pos, "response_item without a payload")),
            },
            "function_call" | "local_shell_call" => &v,
            _ => return,
        };
        let id = id_string(item_value.get("call_id")).or_else(|| id_string(item_value.get("id")));
        match item_value.get("type").and_then(Value::as_str) {
            Some("custom_tool_call") if self.tools && item_value.get("name").and_then(Value::as_str) == Some("apply_patch") => {
                self.patch(pos, id, item_value.get("input").and_then(Value::as_str), out);
            }
            Some("function_call") => {
                let name = item_value.get("name").and_then(Value::as_str).unwrap_or_default();
                let patch = self.tools && name == "apply_patch";
                if !SHELL_FUNCTIONS.contains(&name) && !patch {
                    return;
                }
                let args: Value = match item_value.get("arguments") {
                    Some(Value::String(s)) => match serde_json::from_str(s) {
                        Ok(a) => a,
                        Err(e) => return out.push(bad(pos, format!("{name} call: arguments are not JSON: {e}"))),
                    },
                    Some(a @ Value::Object(_)) => a.clone(),
                    _ => return out.push(bad(pos, format!("{name} call without arguments"))),
                };
                if patch {
                    let text = ["input", "patch", "command"].iter().find_map(|k| args.get(*k).and_then(Value::as_str));
                    return self.patch(pos, id, text, out);
                }
                let command = args.get("command").or_else(|| args.get("cmd")).and_then(command_value);
                let workdir = args.get("workdir").or_else(|| args.get("working_directory")).and_then(Value::as_str);
                match command {
                    Some(c) => out.push(item(pos, id, c, self.cwd(workdir))),
                    None => out.push(bad(pos, format!("{name} call without a command in its arguments"))),
                }
            }
            Some("local_shell_call") => {
                let action = item_value.get("action");
                let command = action.and_then(|a| a.get("command")).and_then(command_value);
                let workdir = action.and_then(|a| a.get("working_directory")).and_then(Value::as_str);
                match command {
                    Some(c) => out.push(item(pos, id, c, self.cwd(workdir))),
                    None => out.push(bad(pos, "local_shell_call without action.command")),
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::read_fixture;
    use crate::adapters::telemetry::Format;

    #[test]
    fn patches_are_entries_unless_turned_off() {
        let name = "codex/2025/11/02/rollout-2025-11-02T09-00-00-019a.jsonl";
        let got = read_fixture(name, Format::Auto, "command");
        assert_eq!(
            got,
            [
                "rollout-2025-11-02T09-00-00-019a.jsonl:2 id=call_p1 cwd=/home/dev/project apply_patch src/main.rs",
                "rollout-2025-11-02T09-00-00-019a.jsonl:3 id=call_p2 cwd=/home/dev/project apply_patch .env",
                "rollout-2025-11-02T09-00-00-019a.jsonl:4 id=call_p3 cwd=/home/dev/project apply_patch /home/dev/.bashrc",
                "rollout-2025-11-02T09-00-00-019a.jsonl:5 id=call_s1 cwd=/home/dev/project cargo test",
                "rollout-2025-11-02T09-00-00-019a.jsonl:6 ERROR apply_patch call: codex tool `apply_patch`: the patch names no file",
            ]
        );
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score").join(name);
        let opts = crate::adapters::telemetry::ReadOptions { tools: false, ..Default::default() };
        let shell: Vec<String> = crate::adapters::telemetry::Inputs::new(&[path], opts).filter_map(Result::ok).map(|i| i.command).collect();
        assert_eq!(shell, ["cargo test"]);
    }

    #[test]
    fn fixture() {
        let got = read_fixture("codex/2025/09/14/rollout-2025-09-14T10-02-11-0199.jsonl", Format::Auto, "command");
        assert_eq!(
            got,
            [
                "rollout-2025-09-14T10-02-11-0199.jsonl:4 id=call_1 cwd=/home/dev/project ls -la",
                "rollout-2025-09-14T10-02-11-0199.jsonl:6 id=call_2 cwd=/home/dev/project/web npm run build",
                "rollout-2025-09-14T10-02-11-0199.jsonl:8 id=call_3 cwd=/home/dev/project git push -f upstream topic/x",
                "rollout-2025-09-14T10-02-11-0199.jsonl:10 ERROR shell call: arguments are not JSON: EOF while parsing a list at line 1 column 13",
                "rollout-2025-09-14T10-02-11-0199.jsonl:11 id=call_5 cwd=/tmp/scratch rg -n TODO src",
                "rollout-2025-09-14T10-02-11-0199.jsonl:12 ERROR invalid rollout record: key must be a string at line 1 column 2",
            ]
        );
    }

    #[test]
    fn legacy_bare_items() {
        let got = read_fixture("codex/rollout-2025-05-01-legacy.jsonl", Format::Auto, "command");
        assert_eq!(got, ["rollout-2025-05-01-legacy.jsonl:2 id=call_a pytest -x", "rollout-2025-05-01-legacy.jsonl:3 id=call_b cat /etc/os-release"]);
    }
}
