//! Logs of agent activity -> commands to judge, each with its position in
//! the input. This module owns reading only: opening files and stdin,
//! decompressing (gzip, zstd, found by their magic bytes), walking
//! directories, guessing the format, and one reader per format:
//!
//! | format | file | one command is |
//! | --- | --- | --- |
//! | `text` | [`text`] | a non-blank line |
//! | `jsonl` | [`jsonl`] | a JSON line, command at a dotted field path |
//! | `claude` | [`claude`] | a `Bash` `tool_use` block of a Claude Code transcript, and (unless `--shell-only`) its `Write`/`Edit`/`MultiEdit`/`NotebookEdit`/`Read`/`WebFetch` blocks, judged as the hook judges them |
//! | `codex` | [`codex`] | a shell call of a Codex CLI session rollout |
//! | `otel` | [`otel`] | a shell tool event in an OTLP JSON log export |
//! | `csv` | [`csv`] | a row, command in a named column |
//!
//! It must not judge: `cli::score` does, through `Classifier`.
//!
//! Nothing is dropped silently. Every input position that should hold a
//! command but cannot be read (bad JSON, a missing field, invalid UTF-8, an
//! unreadable file, a corrupt archive) becomes an [`Entry::Err`] with its
//! file and line, in input order. Records that are not commands by the
//! format's own definition (a user message in a transcript, a blank line in
//! a text file) are not entries.
//!
//! Memory stays bounded whatever the input size: files are read line by line
//! with a cap on the line length ([`MAX_LINE`]), and commands longer than
//! [`MAX_COMMAND`] are reported, not judged.

pub mod claude;
pub mod codex;
pub mod csv;
mod input;
pub mod jsonl;
pub mod otel;
pub mod text;

use std::sync::Arc;

use serde_json::Value;

pub use input::{Inputs, Progress};

/// The longest line read (transcript lines carry tool output and can be
/// large); a longer line is an error entry and is skipped without being
/// held. Peak memory is the chunk being judged plus a small multiple of
/// this (a line and its parsed JSON).
pub const MAX_LINE: usize = 32 << 20;

/// The longest command judged; a longer one is an error entry. The
/// classifier's memory grows with the command (about 300 bytes per byte of
/// command for long word lists), and two are judged at once on two cores:
/// this keeps a run under 200 MB.
pub const MAX_COMMAND: usize = 256 << 10;

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Guess per file: from the file name, then from the first record.
    Auto,
    /// One command per line; blank lines are skipped.
    Text,
    /// One JSON object per line; the command at `--field`, the workspace at `cwd`.
    Jsonl,
    /// Claude Code session transcripts (`~/.claude/projects/**/*.jsonl`).
    Claude,
    /// Codex CLI session rollouts (`~/.codex/sessions/**/rollout-*.jsonl`).
    Codex,
    /// OpenTelemetry (OTLP JSON) log exports of agent tool events.
    Otel,
    /// CSV with a header row; the command in the column named by `--field`.
    Csv,
}

impl Format {
    /// The lowercase name used on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Claude => "claude",
            Format::Codex => "codex",
            Format::Otel => "otel",
            Format::Csv => "csv",
        }
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The input file as named on the command line (or found under a named
    /// directory); `-` for stdin.
    pub file: Arc<str>,
    /// 1-based line of the record (for a CSV row, the line it starts on; for
    /// a whole-file OTLP JSON document, 1); 0 for a file that could not be
    /// opened.
    pub line: u64,
    /// 1-based index of the command within its line, for formats where one
    /// line can hold several (Claude Code transcripts: the `Bash` blocks of a
    /// message; OTLP exports: the tool events of a request).
    pub record: Option<u32>,
}

/// One command to judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Where it was read.
    pub pos: Position,
    /// The tool call's id, when the log has one.
    pub id: Option<String>,
    /// The command line.
    pub command: String,
    /// The workspace it ran in, when the log says.
    pub cwd: Option<String>,
    /// A file tool or web fetch of the agent (`Write`, `Read`, `WebFetch`),
    /// judged as the hook judges it; `command` then names the tool and its
    /// subject (`Write /home/dev/.bashrc`). `None` for a shell command.
    pub tool: Option<Box<crate::adapters::Event>>,
}

/// A position that should hold a command but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// Where.
    pub pos: Position,
    /// What is wrong, for a person.
    pub error: String,
}

/// What the readers yield, in input order.
pub type Entry = Result<Item, BadRecord>;

/// Options every reader may use.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The format, or `Auto`.
    pub format: Format,
    /// `jsonl`: dotted path of the command field; `csv`: the column name.
    pub field: String,
    /// The workspace of commands whose record has none.
    pub default_cwd: Option<String>,
    /// Claude Code transcripts and Codex rollouts: also the file-tool and
    /// web-fetch calls the hook judges (`Write`, `Edit`, `MultiEdit`,
    /// `NotebookEdit`, `Read`, `WebFetch`, `apply_patch`), not only the shell.
    pub tools: bool,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions { format: Format::Auto, field: "command".to_string(), default_cwd: None, tools: true }
    }
}

/// Turns one line of a line-oriented format into entries. One parser per
/// file: it may keep state across lines (a Codex session's workspace).
pub(crate) trait LineParser: Send {
    /// Parses line `line` (1-based, without its line terminator).
    fn parse(&mut self, pos: &Position, line: &str, out: &mut Vec<Entry>);

    /// Called once at the end of the input (`pos.line` is the last line).
    fn finish(&mut self, _pos: &Position, _out: &mut Vec<Entry>) {}
}

/// Builds an item, reporting a command longer than [`MAX_COMMAND`].
pub(crate) fn item(pos: &Position, id: Option<String>, command: String, cwd: Option<String>) -> Entry {
    if command.len() > MAX_COMMAND {
        return Err(BadRecord { pos: pos.clone(), error: format!("command of {} bytes is longer than the {} bytes judged", command.len(), MAX_COMMAND) });
    }
    Ok(Item { pos: pos.clone(), id, command, cwd, tool: None })
}

/// A file-tool or fetch call from an agent's log (`Write`, `Read`,
/// `WebFetch`, Codex's `apply_patch`), turned into the hook's event by that
/// agent's own hook adapter from a `PreToolUse` payload, so `score` judges it
/// as the hook would. The item's `command` names the tool and its paths or
/// URLs; a call the adapter cannot read is an error entry.
pub(crate) fn tool_item(pos: &Position, id: Option<String>, agent: crate::adapters::Agent, tool: &str, input: Value, cwd: Option<String>) -> Entry {
    use crate::adapters::Subject;
    let payload = serde_json::json!({ "hook_event_name": "PreToolUse", "tool_name": tool, "tool_input": input, "cwd": cwd });
    let event = match crate::adapters::event(agent, payload) {
        Ok(e) => e,
        Err(e) => return bad(pos, format!("{tool} call: {e}")),
    };
    let shown = match &event.subject {
        Subject::File { paths, .. } => paths.join(" "),
        Subject::Fetch { urls } => urls.join(" "),
        Subject::Shell { command } => command.clone(),
        Subject::Other => String::new(),
    };
    let mut entry = item(pos, id, format!("{tool} {shown}"), cwd);
    if let Ok(i) = entry.as_mut() {
        i.tool = Some(Box::new(event));
    }
    entry
}

/// An error entry at `pos`.
pub(crate) fn bad(pos: &Position, error: impl Into<String>) -> Entry {
    Err(BadRecord { pos: pos.clone(), error: error.into() })
}

/// The value at a dotted path (`a.b.0.c`; a numeric segment indexes an array).
#[must_use]
pub fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    if let Some(v) = value.get(path) {
        return Some(v);
    }
    path.split('.').try_fold(value, |v, seg| match v {
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => v.get(seg),
    })
}

/// A string or number as a string (ids are either).
pub(crate) fn id_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The command line an argv runs. A shell given a script (`bash -lc
/// SCRIPT`, the form Codex uses) runs the script; any other argv is joined
/// with POSIX quoting, so the classifier sees the same words.
#[must_use]
pub fn argv_to_command(argv: &[String]) -> String {
    if let [shell, flag, script] = argv {
        let name = shell.rsplit('/').next().unwrap_or(shell);
        // Which programs are shells is their specs' word (`kind = "shell"`).
        if crate::ir::is_shell(name) && flag.starts_with('-') && flag.ends_with('c') && flag[1..].chars().all(|c| c.is_ascii_alphabetic()) {
            return script.clone();
        }
    }
    argv.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ")
}

fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%^".contains(&b));
    if plain { word.to_string() } else { format!("'{}'", word.replace('\'', r"'\''")) }
}

/// A JSON command value: a string, or an argv array of strings.
pub(crate) fn command_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => {
            let argv: Option<Vec<String>> = a.iter().map(|x| x.as_str().map(str::to_string)).collect();
            argv.filter(|v| !v.is_empty()).map(|v| argv_to_command(&v))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn dotted_paths() {
        let v = json!({"a": {"b": [{"c": "x"}]}, "d.e": 1});
        assert_eq!(at_path(&v, "a.b.0.c"), Some(&json!("x")));
        assert_eq!(at_path(&v, "d.e"), Some(&json!(1)));
        assert_eq!(at_path(&v, "a.z"), None);
        assert_eq!(at_path(&v, "a.b.7"), None);
    }

    #[test]
    fn argv_joining() {
        let s = |v: &[&str]| argv_to_command(&v.iter().map(|x| (*x).to_string()).collect::<Vec<_>>());
        assert_eq!(s(&["bash", "-lc", "ls -la | head"]), "ls -la | head");
        assert_eq!(s(&["/bin/zsh", "-c", "echo hi"]), "echo hi");
        assert_eq!(s(&["git", "commit", "-m", "it's done"]), r"git commit -m 'it'\''s done'");
        assert_eq!(s(&["rg", "-n", "a b", ""]), "rg -n 'a b' ''");
        assert_eq!(s(&["python", "-c", "print(1)"]), "python -c 'print(1)'");
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    use std::path::PathBuf;

    use super::{Format, Inputs, ReadOptions};

    /// Reads `tests/fixtures/score/<name>` and renders each entry on one
    /// line: `file:line[#record] [id=…] [cwd=…] command` or `… ERROR why`.
    pub(crate) fn read_fixture(name: &str, format: Format, field: &str) -> Vec<String> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score").join(name);
        let opts = ReadOptions { format, field: field.to_string(), default_cwd: None, tools: true };
        Inputs::new(&[path], opts)
            .map(|e| {
                let pos = match &e {
                    Ok(i) => &i.pos,
                    Err(b) => &b.pos,
                };
                let file = pos.file.rsplit('/').next().unwrap_or_default();
                let mut s = format!("{file}:{}", pos.line);
                if let Some(r) = pos.record {
                    s.push_str(&format!("#{r}"));
                }
                match e {
                    Ok(i) => {
                        if let Some(id) = i.id {
                            s.push_str(&format!(" id={id}"));
                        }
                        if let Some(cwd) = i.cwd {
                            s.push_str(&format!(" cwd={cwd}"));
                        }
                        s.push(' ');
                        s.push_str(&i.command);
                    }
                    Err(b) => {
                        s.push_str(" ERROR ");
                        s.push_str(&b.error);
                    }
                }
                s
            })
            .collect()
    }
}
