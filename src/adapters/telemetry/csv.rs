//! CSV with a header row: the command in the column named by `--field`
//! (default `command`; matched exactly, then ignoring case), the workspace
//! in a `cwd` column and the id in an `id` column when present. Quoted
//! fields may span lines; an entry's line is the line its row starts on.
//! A header without the command column is one error entry for the file; a
//! row that is not UTF-8 or too short is an error entry.

use std::io::BufRead;
use std::sync::Arc;

use super::{Entry, Position, bad, item};

/// The rows of one CSV input.
pub(crate) struct Rows {
    file: Arc<str>,
    reader: csv::Reader<Box<dyn BufRead + Send>>,
    field: String,
    columns: Option<Columns>,
    default_cwd: Option<String>,
    record: csv::StringRecord,
    done: bool,
}

struct Columns {
    command: usize,
    cwd: Option<usize>,
    id: Option<usize>,
}

impl Rows {
    pub(crate) fn new(file: Arc<str>, reader: Box<dyn BufRead + Send>, field: &str, default_cwd: Option<String>) -> Rows {
        let reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(reader);
        Rows { file, reader, field: field.to_string(), columns: None, default_cwd, record: csv::StringRecord::new(), done: false }
    }

    fn pos(&self, line: u64) -> Position {
        Position { file: Arc::clone(&self.file), line, record: None }
    }

    fn header(&mut self) -> Result<Columns, Entry> {
        let headers = match self.reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return Err(bad(&self.pos(1), format!("invalid CSV header: {e}"))),
        };
        let find = |name: &str| headers.iter().position(|h| h == name).or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)));
        let Some(command) = find(&self.field) else {
            return Err(bad(&self.pos(1), format!("no `{}` column in the header", self.field)));
        };
        Ok(Columns { command, cwd: find("cwd"), id: find("id") })
    }
}

impl Iterator for Rows {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            match self.header() {
                Ok(c) => self.columns = Some(c),
                Err(e) => {
                    self.done = true;
                    return Some(e);
                }
            }
        }
        let Some(cols) = &self.columns else { return None };
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let line = self.record.position().map_or(0, csv::Position::line);
                let pos = self.pos(line);
                let Some(command) = self.record.get(cols.command) else {
                    return Some(bad(&pos, format!("row has no `{}` column ({} fields)", self.field, self.record.len())));
                };
                let non_empty = |i: Option<usize>| i.and_then(|i| self.record.get(i)).filter(|s| !s.is_empty()).map(str::to_string);
                let cwd = non_empty(cols.cwd).or_else(|| self.default_cwd.clone());
                Some(item(&pos, non_empty(cols.id), command.to_string(), cwd))
            }
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                self.done = fatal;
                let why = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "row is not valid UTF-8".to_string(),
                    _ => format!("invalid CSV row: {e}"),
                };
                Some(bad(&self.pos(line), why))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests_support::read_fixture;
    use crate::adapters::telemetry::Format;

    #[test]
    fn fixture() {
        let got = read_fixture("commands.csv", Format::Auto, "command");
        assert_eq!(
            got,
            [
                "commands.csv:2 id=r1 cwd=/home/dev/project pytest -x tests/",
                "commands.csv:3 id=r2 printf 'a\nb' | wc -l",
                "commands.csv:5 ERROR row is not valid UTF-8",
                "commands.csv:6 id=r4 echo \"quoted, with comma\"",
            ]
        );
    }

    #[test]
    fn named_column_missing() {
        let got = read_fixture("commands.csv", Format::Csv, "cmd");
        assert_eq!(got, ["commands.csv:1 ERROR no `cmd` column in the header"]);
    }
}
