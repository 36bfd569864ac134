//! JSONL: one JSON object per line, the command at a dotted field path
//! (`--field`, default `command`; a string, or an argv array joined with
//! shell quoting), the workspace from a top-level `cwd` string and the id
//! from a top-level `id` when present. Blank lines are skipped; a line that
//! is not a JSON object or has no command at the path is an error entry.

use serde_json::Value;

use super::{Entry, LineParser, Position, at_path, bad, command_value, id_string, item};

/// The JSONL reader of one input.
pub(crate) struct Parser {
    field: String,
    cwd: Option<String>,
}

impl Parser {
    pub(crate) fn new(field: &str, cwd: Option<String>) -> Parser {
        Parser { field: field.to_string(), cwd }
    }
}

impl LineParser for Parser {
    fn parse(&mut self, pos: &Position, line: &str, out: &mut Vec<Entry>) {
        if line.trim().is_empty() {
            return;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return out.push(bad(pos, "not a JSON object")),
            Err(e) => return out.push(bad(pos, format!("invalid JSON: {e}"))),
        };
        let command = match at_path(&v, &self.field) {
            None => return out.push(bad(pos, format!("no `{}` field", self.field))),
            Some(c) => match command_value(c) {
                Some(c) => c,
                None => return out.push(bad(pos, format!("`{}` is not a string or an array of strings", self.field))),
            },
        };
        let cwd = v.get("cwd").and_then(Value::as_str).map(str::to_string).or_else(|| self.cwd.clone());
        out.push(item(pos, id_string(v.get("id")), command, cwd));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::read_fixture;
    use crate::adapters::telemetry::Format;

    #[test]
    fn fixture() {
        let got = read_fixture("records.jsonl", Format::Jsonl, "command");
        assert_eq!(
            got,
            [
                "records.jsonl:1 id=a1 cwd=/home/dev/project git diff --shortstat",
                "records.jsonl:2 id=7 npm test",
                "records.jsonl:3 ERROR invalid JSON: EOF while parsing a string at line 1 column 24",
                "records.jsonl:5 ERROR no `command` field",
                "records.jsonl:6 ERROR `command` is not a string or an array of strings",
                "records.jsonl:7 ERROR not a JSON object",
                "records.jsonl:8 cwd=/srv/app git commit -m 'fix: it'\\''s done'",
            ]
        );
    }

    #[test]
    fn nested_field_path() {
        let got = read_fixture("nested.jsonl", Format::Jsonl, "event.tool.input.command");
        assert_eq!(got, ["nested.jsonl:1 id=e1 docker ps", "nested.jsonl:2 ERROR no `event.tool.input.command` field"]);
    }
}
