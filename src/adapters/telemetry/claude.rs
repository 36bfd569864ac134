//! Claude Code session transcripts (`~/.claude/projects/<project>/<session>.jsonl`):
//! one JSON record per line. A command is a content block of an
//! `assistant` record's `message.content` with `"type": "tool_use"` and
//! `"name": "Bash"`; its text is `input.command`, its id the block's `id`,
//! its workspace the record's `cwd`. Every other record (user messages,
//! tool results, summaries, snapshots) holds no command and is skipped.
//! A record that is not valid JSON, or a `Bash` block without a string
//! `input.command`, is an error entry.
//!
//! The file-tool and web-fetch blocks the hook judges (`Write`, `Edit`,
//! `MultiEdit`, `NotebookEdit`, `Read`, `WebFetch`) are entries too (unless
//! `ReadOptions::tools` is off: `score --shell-only`): each is turned into
//! the hook's event through the hook's own adapter, so `score` judges it as
//! the hook would; its `command` names the tool and its subject. A block the
//! adapter cannot read (no `file_path`) is an error entry.
//!
//! Records are decoded into a narrow typed view, so the large fields of
//! other records (tool output, file snapshots) are skipped, not built.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::Value;

use super::{Entry, LineParser, Position, bad, item, tool_item};

#[derive(Deserialize)]
struct Record {
    #[serde(rename = "type")]
    kind: Option<String>,
    cwd: Option<String>,
    message: Option<Message>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default, deserialize_with = "blocks")]
    content: Vec<Block>,
}

#[derive(Deserialize)]
struct Block {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<String>,
    name: Option<String>,
    input: Option<Value>,
}

/// `content` is a string (no blocks) or an array of blocks.
fn blocks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Block>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<Block>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or an array of content blocks")
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<Block>, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<Block>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Block>, A::Error> {
            let mut v = Vec::new();
            while let Some(b) = seq.next_element::<MaybeBlock>()? {
                if let MaybeBlock::Block(b) = b {
                    v.push(b);
                }
            }
            Ok(v)
        }
    }
    d.deserialize_any(V)
}

/// Only `tool_use` blocks are built; others are skipped unparsed.
enum MaybeBlock {
    Block(Block),
    Other,
}

impl<'de> Deserialize<'de> for MaybeBlock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MaybeBlock, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaybeBlock;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a content block")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<MaybeBlock, A::Error> {
                let mut b = Block { kind: None, id: None, name: None, input: None };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "type" => b.kind = map.next_value()?,
                        "id" => b.id = map.next_value()?,
                        "name" => b.name = map.next_value()?,
                        "input" => b.input = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(if b.kind.as_deref() == Some("tool_use") { MaybeBlock::Block(b) } else { MaybeBlock::Other })
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<MaybeBlock, E> {
                Ok(MaybeBlock::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The transcript reader of one input.
pub(crate) struct Parser {
    cwd: Option<String>,
    tools: bool,
}

impl Parser {
    pub(crate) fn new(cwd: Option<String>, tools: bool) -> Parser {
        Parser { cwd, tools }
    }
}

/// The tools whose calls the hook judges besides the shell.
const JUDGED_TOOLS: &[&str] = &["Write", "Edit", "MultiEdit", "NotebookEdit", "Read", "WebFetch"];

impl LineParser for Parser {
    fn parse(&mut self, pos: &Position, line: &str, out: &mut Vec<Entry>) {
        if line.trim().is_empty() {
            return;
        }
        let record: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => return out.push(bad(pos, format!("invalid transcript record: {e}"))),
        };
        if record.kind.as_deref() != Some("assistant") {
            return;
        }
        let Some(message) = record.message else { return };
        let cwd = record.cwd.or_else(|| self.cwd.clone());
        let mut n = 0u32;
        for block in message.content {
            let name = block.name.clone().unwrap_or_default();
            let tool = self.tools && JUDGED_TOOLS.contains(&name.as_str());
            if name != "Bash" && !tool {
                continue;
            }
            n += 1;
            let pos = Position { record: Some(n), ..pos.clone() };
            if tool {
                let input = block.input.unwrap_or(Value::Null);
                out.push(tool_item(&pos, block.id, crate::adapters::Agent::Claude, &name, input, cwd.clone()));
                continue;
            }
            match block.input.as_ref().and_then(|i| i.get("command")).and_then(Value::as_str) {
                Some(c) => out.push(item(&pos, block.id, c.to_string(), cwd.clone())),
                None => out.push(bad(&pos, "Bash tool_use without a string input.command")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::read_fixture;
    use crate::adapters::telemetry::Format;

    #[test]
    fn file_tools_and_fetches_are_entries_unless_turned_off() {
        let got = read_fixture("claude/-home-dev-project/9a7c0d2e-tools.jsonl", Format::Claude, "command");
        assert_eq!(
            got,
            [
                "9a7c0d2e-tools.jsonl:2#1 id=toolu_T1 cwd=/home/dev/project Write /home/dev/project/src/lib.rs",
                "9a7c0d2e-tools.jsonl:3#1 id=toolu_T2 cwd=/home/dev/project Edit /home/dev/.bashrc",
                "9a7c0d2e-tools.jsonl:3#2 id=toolu_T3 cwd=/home/dev/project cargo test",
                "9a7c0d2e-tools.jsonl:4#1 id=toolu_T4 cwd=/home/dev/project Read /home/dev/.ssh/id_ed25519",
                "9a7c0d2e-tools.jsonl:5#1 id=toolu_T6 cwd=/home/dev/project WebFetch https://docs.example.com/guide",
                "9a7c0d2e-tools.jsonl:5#2 ERROR Write call: claude tool `Write`: unexpected tool_input",
            ]
        );
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score/claude/-home-dev-project/9a7c0d2e-tools.jsonl");
        let opts = crate::adapters::telemetry::ReadOptions { format: Format::Claude, tools: false, ..Default::default() };
        let shell: Vec<String> = crate::adapters::telemetry::Inputs::new(&[path], opts).filter_map(Result::ok).map(|i| i.command).collect();
        assert_eq!(shell, ["cargo test"]);
    }

    #[test]
    fn fixture() {
        let got = read_fixture("claude/-home-dev-project/5f0c2b1e-session.jsonl", Format::Auto, "command");
        assert_eq!(
            got,
            [
                "5f0c2b1e-session.jsonl:4#1 id=toolu_01A cwd=/home/dev/project git status",
                "5f0c2b1e-session.jsonl:6#1 id=toolu_01B cwd=/home/dev/project cargo test 2>&1 | tail -20",
                "5f0c2b1e-session.jsonl:6#2 id=toolu_01X cwd=/home/dev/project Read /home/dev/project/src/lib.rs",
                "5f0c2b1e-session.jsonl:6#3 id=toolu_01C cwd=/home/dev/project cat ~/.ssh/id_rsa",
                "5f0c2b1e-session.jsonl:7#1 id=toolu_01D cwd=/home/dev/project Edit /home/dev/project/src/lib.rs",
                "5f0c2b1e-session.jsonl:8 ERROR invalid transcript record: EOF while parsing a value at line 1 column 38",
                "5f0c2b1e-session.jsonl:9#1 ERROR Bash tool_use without a string input.command",
                "5f0c2b1e-session.jsonl:10#1 id=toolu_01E cwd=/home/dev/project/sub rm -rf node_modules && npm ci",
            ]
        );
    }
}
