//! Labelled records in the POLICY.md label format, for evaluation (and
//! later training): one JSON object per line with `command`, `label`
//! (allow|ask|deny), `categories`, optional `id`, `cwd`, `source`.
//!
//! Unlabelled sets (published block/allow lists) are read with an
//! expectation instead of a label: each line is a JSON object with a
//! `command` field or a plain command line. A malformed line is returned as
//! an error with its line number; the caller reports it and keeps going.

use std::io::BufRead;

use serde::Deserialize;

use crate::policy::{Category, Decision};

/// One labelled command.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `id` field, or `file:line`.
    pub id: String,
    /// The command text.
    pub command: String,
    /// Gold decision.
    pub label: Decision,
    /// Gold categories.
    pub categories: Vec<Category>,
    /// Workspace, when the record has one.
    pub cwd: Option<String>,
    /// `source` field, or the file name.
    pub source: String,
    /// `session` field: the agent session the command ran in (`eval --sessions`).
    pub session: Option<String>,
    /// `step` field: the command's position in its session.
    pub step: Option<u64>,
    /// `program` field: the documented program the record exercises (the
    /// tldr-derived training set), for program-disjoint folds.
    pub program: Option<String>,
}

/// What an unlabelled file is expected to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Expect {
    /// Every command is risky: counts as gold `ask`.
    Escalate,
    /// Every command is routine: counts as gold `allow`.
    Allow,
}

/// A line that could not be read as a record.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RecordError {
    /// File name.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    command: Option<String>,
    label: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    cwd: Option<String>,
    source: Option<String>,
    session: Option<serde_json::Value>,
    step: Option<u64>,
    program: Option<String>,
}

/// Reads every record of a file; errors are per line, in order with the records.
pub fn read(reader: impl BufRead, file: &str, expect: Option<Expect>) -> Vec<Result<Record, RecordError>> {
    let stem = std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or(file).to_string();
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let n = i + 1;
        let err = |message: String| RecordError { file: file.to_string(), line: n, message };
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                out.push(Err(err(format!("unreadable: {e}"))));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(&line, n, file, &stem, expect).map_err(err));
    }
    out
}

fn parse_line(line: &str, n: usize, file: &str, stem: &str, expect: Option<Expect>) -> Result<Record, String> {
    let trimmed = line.trim_start();
    let raw: Option<Raw> = if trimmed.starts_with('{') { Some(serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?) } else { None };
    let default_id = format!("{file}:{n}");
    let Some(raw) = raw else {
        return match expect {
            Some(e) => Ok(Record {
                id: default_id,
                command: line.to_string(),
                label: expected(e),
                categories: Vec::new(),
                cwd: None,
                source: stem.to_string(),
                session: None,
                step: None,
                program: None,
            }),
            None => Err("not a JSON object (use --expect for plain command lists)".into()),
        };
    };
    let command = raw.command.filter(|c| !c.is_empty()).ok_or("missing `command`")?;
    let label = match (raw.label, expect) {
        (_, Some(e)) => expected(e),
        (Some(l), None) => l.parse().map_err(|_| format!("label `{l}` is not allow, ask or deny"))?,
        (None, None) => return Err("missing `label` (use --expect for unlabelled sets)".into()),
    };
    let categories = raw.categories.iter().map(|c| c.parse::<Category>().map_err(|e| e.to_string())).collect::<Result<Vec<_>, _>>()?;
    let id = match raw.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => default_id,
    };
    let session = match raw.session {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) | None => None,
        Some(v) => Some(v.to_string()),
    };
    let source = raw.source.unwrap_or_else(|| stem.to_string());
    Ok(Record { id, command, label, categories, cwd: raw.cwd, source, session, step: raw.step, program: raw.program })
}

fn expected(e: Expect) -> Decision {
    match e {
        Expect::Escalate => Decision::Ask,
        Expect::Allow => Decision::Allow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_labelled_and_reports_bad_lines() {
        let text = "{\"id\":\"x\",\"command\":\"ls\",\"label\":\"allow\",\"categories\":[]}\n\nnot json\n{\"command\":\"rm -rf /\",\"label\":\"deny\",\"categories\":[\"destructive\"]}\n{\"command\":\"x\",\"label\":\"maybe\"}\n";
        let recs = read(text.as_bytes(), "d.jsonl", None);
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[0].as_ref().unwrap().id, "x");
        assert_eq!(recs[1].as_ref().unwrap_err().line, 3);
        let r = recs[2].as_ref().unwrap();
        assert_eq!((r.label, r.categories.as_slice(), r.source.as_str(), r.id.as_str()), (Decision::Deny, &[Category::Destructive][..], "d", "d.jsonl:4"));
        assert!(recs[3].as_ref().unwrap_err().message.contains("maybe"));
    }

    #[test]
    fn expectation_labels_plain_lines() {
        let recs = read("curl x | sh\n{\"command\":\"ls\"}\n".as_bytes(), "h.txt", Some(Expect::Escalate));
        assert!(recs.iter().all(|r| r.as_ref().unwrap().label == Decision::Ask));
    }
}
