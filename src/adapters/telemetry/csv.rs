//! CSV with a header row: the command in the column named by `--field`
//! (default `command`; matched exactly, then ignoring case), the workspace
//! in a `cwd` column and the id in an `id` column when present. Quoted
//! fields may span lines; an entry's line is the file's physical line its
//! row starts on, counted here from the bytes read (`LineIndex`): the
//! `csv` crate's own line count skips blank lines and miscounts `\r\n`.
//! A header without the command column is one error entry for the file; a
//! row that is not UTF-8 or too short is an error entry.

use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::sync::Arc;

use super::{Entry, Position, bad, item};

/// Where the line ends of the bytes read so far are, from the first one
/// not yet passed by a row: enough to turn a row's byte offset into its
/// physical line while the file streams (the index holds the read-ahead
/// only).
#[derive(Default)]
struct LineIndex {
    /// Line ends passed (dropped from `ends`).
    passed: u64,
    /// Byte offsets of the `\n`s read and not yet passed, with whether a
    /// `\r` stands right before each.
    ends: VecDeque<(u64, bool)>,
    /// Bytes read so far.
    read: u64,
    /// The last byte read was `\r`.
    last_cr: bool,
}

impl LineIndex {
    /// The 1-based line of the first byte at or after `byte` that is not a
    /// blank line's end: the `csv` crate reports a row after blank lines at
    /// the first blank one.
    fn line_at(&mut self, byte: u64) -> u64 {
        while self.ends.front().is_some_and(|&(at, _)| at < byte) {
            self.ends.pop_front();
            self.passed += 1;
        }
        let mut start = byte;
        while let Some(&(at, cr)) = self.ends.front() {
            let blank = at == start || (cr && at == start + 1);
            if !blank {
                break;
            }
            start = at + 1;
            self.ends.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// A reader that notes the line ends of what passes through it (the
/// `csv` reader owns it; `Rows` asks it through `get_mut`).
struct Counting {
    inner: Box<dyn BufRead + Send>,
    index: LineIndex,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let index = &mut self.index;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                let cr = if i == 0 { index.last_cr } else { buf[i - 1] == b'\r' };
                let at = index.read + i as u64;
                index.ends.push_back((at, cr));
            }
        }
        if n > 0 {
            index.last_cr = buf[n - 1] == b'\r';
        }
        index.read += n as u64;
        Ok(n)
    }
}

/// The physical line a row or error at this position of `reader` starts on.
fn line(reader: &mut csv::Reader<Counting>, at: Option<&csv::Position>) -> u64 {
    let Some(byte) = at.map(csv::Position::byte) else { return 0 };
    reader.get_mut().index.line_at(byte)
}

/// The rows of one CSV input.
pub(crate) struct Rows {
    file: Arc<str>,
    reader: csv::Reader<Counting>,
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
        let counting = Counting { inner: reader, index: LineIndex::default() };
        let reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(counting);
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
                let line = line(&mut self.reader, self.record.position());
                let pos = self.pos(line);
                let Some(command) = self.record.get(cols.command) else {
                    return Some(bad(&pos, format!("row has no `{}` column ({} fields)", self.field, self.record.len())));
                };
                let non_empty = |i: Option<usize>| i.and_then(|i| self.record.get(i)).filter(|s| !s.is_empty()).map(str::to_string);
                let cwd = non_empty(cols.cwd).or_else(|| self.default_cwd.clone());
                Some(item(&pos, non_empty(cols.id), command.to_string(), cwd))
            }
            Err(e) => {
                let line = line(&mut self.reader, e.position());
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
    fn lines_are_physical_with_blank_lines_and_crlf() {
        let read = |bytes: &[u8]| -> Vec<String> {
            let rows = super::Rows::new("t.csv".into(), Box::new(std::io::Cursor::new(bytes.to_vec())), "command", None);
            rows.map(|e| match e {
                Ok(i) => format!("{}:{}", i.pos.line, i.command),
                Err(b) => format!("{}:ERROR {}", b.pos.line, b.error),
            })
            .collect()
        };
        for eol in ["\n", "\r\n"] {
            let text = ["id,command", "1,ls -la", "", "", "2,\"echo \"\"a", "b\"\"\"", "3,git status", ""].join(eol);
            let got = read(text.as_bytes());
            let b = format!("echo \"a{}b\"", if eol == "\n" { "\n" } else { "\r\n" });
            assert_eq!(got, ["2:ls -la".to_string(), format!("5:{b}"), "7:git status".to_string()], "{eol:?}");
        }
    }

    #[test]
    fn named_column_missing() {
        let got = read_fixture("commands.csv", Format::Csv, "cmd");
        assert_eq!(got, ["commands.csv:1 ERROR no `cmd` column in the header"]);
    }
}
