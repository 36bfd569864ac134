//! Opening inputs: stdin, files and directories (walked recursively, in
//! sorted order), gzip and zstd found by their magic bytes, the format
//! guessed per file, and a line reader with a cap on the line length.
//! [`Inputs`] chains every input into one iterator of entries.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ruzstd::decoding::errors::{FrameDecoderError, ReadFrameHeaderError};
use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};
use serde_json::Value;

use super::{BadRecord, Entry, Format, LineParser, MAX_LINE, Position, ReadOptions};

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
const BUF_SIZE: usize = 256 << 10;

/// Extensions of the files taken from a walked directory (also with `.gz`
/// or `.zst` after them). A file named on the command line is always read.
const WALKED_EXTENSIONS: &[&str] = &["jsonl", "ndjson", "json", "log", "txt", "csv"];

/// Bytes read from the inputs so far (compressed size for compressed files),
/// and the total when every input is a file; for a progress bar.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    read: Arc<AtomicU64>,
    total: Option<u64>,
}

impl Progress {
    /// Bytes read so far.
    #[must_use]
    pub fn read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Total input size, when known.
    #[must_use]
    pub fn total(&self) -> Option<u64> {
        self.total
    }
}

enum Source {
    Stdin,
    File(PathBuf),
    /// A path that could not be opened or walked.
    Broken(PathBuf, String),
}

impl Source {
    fn name(&self) -> Arc<str> {
        match self {
            Source::Stdin => Arc::from("-"),
            Source::File(p) | Source::Broken(p, _) => Arc::from(p.to_string_lossy().as_ref()),
        }
    }
}

/// Every entry of every input, in order: inputs in the order given, the
/// files of a directory sorted by path.
pub struct Inputs {
    sources: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Entry> + Send>>,
    opts: Arc<ReadOptions>,
    progress: Progress,
}

impl Inputs {
    /// Inputs for these paths (`-` is stdin; none means stdin). Directories
    /// are walked now, so the total size is known before reading starts.
    #[must_use]
    pub fn new(paths: &[PathBuf], opts: ReadOptions) -> Inputs {
        let mut sources = VecDeque::new();
        if paths.is_empty() {
            sources.push_back(Source::Stdin);
        }
        for p in paths {
            if p.as_os_str() == "-" {
                sources.push_back(Source::Stdin);
            } else if p.is_dir() {
                walk(p, &mut sources);
            } else {
                sources.push_back(Source::File(p.clone()));
            }
        }
        let total = sources
            .iter()
            .map(|s| match s {
                Source::Stdin => None,
                Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                Source::Broken(..) => Some(0),
            })
            .sum::<Option<u64>>();
        Inputs { sources, current: None, opts: Arc::new(opts), progress: Progress { read: Arc::default(), total } }
    }

    /// A handle on the bytes read so far.
    #[must_use]
    pub fn progress(&self) -> Progress {
        self.progress.clone()
    }

    fn open_next(&mut self) -> Option<Box<dyn Iterator<Item = Entry> + Send>> {
        let source = self.sources.pop_front()?;
        let name = source.name();
        let raw: Box<dyn Read + Send> = match source {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(path) => match File::open(&path) {
                Ok(f) => Box::new(f),
                Err(e) => return Some(failed(&name, 0, &format!("cannot open: {e}"))),
            },
            Source::Broken(_, why) => return Some(failed(&name, 0, &why)),
        };
        let counted = Counting { inner: raw, read: Arc::clone(&self.progress.read) };
        Some(entries(name, counted, &self.opts))
    }
}

impl Iterator for Inputs {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(it) = &mut self.current {
                if let Some(e) = it.next() {
                    return Some(e);
                }
            }
            self.current = Some(self.open_next()?);
        }
    }
}

fn failed(name: &Arc<str>, line: u64, why: &str) -> Box<dyn Iterator<Item = Entry> + Send> {
    let pos = Position { file: Arc::clone(name), line, record: None };
    Box::new(std::iter::once(Err(BadRecord { pos, error: why.to_string() })))
}

fn walk(dir: &Path, out: &mut VecDeque<Source>) {
    let mut children: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => match rd.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>() {
            Ok(v) => v,
            Err(e) => return out.push_back(Source::Broken(dir.to_path_buf(), format!("cannot list directory: {e}"))),
        },
        Err(e) => return out.push_back(Source::Broken(dir.to_path_buf(), format!("cannot list directory: {e}"))),
    };
    children.sort();
    for child in children {
        let hidden = child.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if child.is_dir() {
            walk(&child, out);
        } else if !hidden && walked(&child) {
            out.push_back(Source::File(child));
        }
    }
}

fn walked(path: &Path) -> bool {
    let name = stripped_name(path);
    name.rsplit_once('.').is_some_and(|(_, ext)| WALKED_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The file name without a compression suffix.
fn stripped_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for suffix in [".gz", ".gzip", ".zst", ".zstd"] {
        if let Some(s) = name.strip_suffix(suffix) {
            return s.to_string();
        }
    }
    name
}

struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The entries of one input: decompress, pick the format, read.
fn entries(name: Arc<str>, raw: impl Read + Send + 'static, opts: &ReadOptions) -> Box<dyn Iterator<Item = Entry> + Send> {
    let mut buffered = BufReader::with_capacity(BUF_SIZE, raw);
    let reader: Box<dyn BufRead + Send> = match buffered.fill_buf() {
        Err(e) => return failed(&name, 1, &format!("read error: {e}")),
        Ok(head) if head.starts_with(GZIP_MAGIC) => Box::new(BufReader::with_capacity(BUF_SIZE, flate2::bufread::MultiGzDecoder::new(buffered))),
        Ok(head) if head.starts_with(ZSTD_MAGIC) => Box::new(BufReader::with_capacity(BUF_SIZE, Zstd::new(buffered))),
        Ok(_) => Box::new(buffered),
    };
    let stripped = stripped_name(Path::new(name.as_ref()));
    let by_name = match opts.format {
        Format::Auto => format_from_name(&name, &stripped),
        f => Some(f),
    };
    if by_name == Some(Format::Csv) {
        return Box::new(super::csv::Rows::new(name, reader, &opts.field, opts.default_cwd.clone()));
    }
    let mut lines = Lines::new(reader);
    // The format is guessed from the first non-blank line; the lines read
    // to find it are replayed to the parser.
    let mut replay = VecDeque::new();
    let format = match by_name {
        Some(f) => f,
        None => loop {
            match lines.next_line() {
                None => break Format::Text,
                Some(l) => {
                    let guess = match &l {
                        Ok(Line::Text(t)) if t.trim().is_empty() => None,
                        Ok(Line::Text(t)) => Some(format_from_content(t)),
                        _ => Some(Format::Text),
                    };
                    replay.push_back((lines.line_no, l));
                    if let Some(g) = guess {
                        break g;
                    }
                }
            }
        },
    };
    let parser: Box<dyn LineParser> = match format {
        Format::Auto | Format::Text => Box::new(super::text::Parser::new(opts.default_cwd.clone())),
        Format::Jsonl => Box::new(super::jsonl::Parser::new(&opts.field, opts.default_cwd.clone())),
        Format::Claude => Box::new(super::claude::Parser::new(opts.default_cwd.clone(), opts.tools)),
        Format::Codex => Box::new(super::codex::Parser::new(opts.default_cwd.clone(), opts.tools)),
        Format::Otel => Box::new(super::otel::Parser::new(opts.default_cwd.clone())),
        Format::Csv => unreachable_csv(),
    };
    Box::new(LineEntries { file: name, lines, replay, parser, out: VecDeque::new(), done: false })
}

#[expect(clippy::unreachable, reason = "csv is dispatched before the line readers")]
fn unreachable_csv() -> Box<dyn LineParser> {
    unreachable!("csv is read by csv::Rows")
}

fn format_from_name(path: &str, stripped: &str) -> Option<Format> {
    let lower = stripped.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Some(Format::Csv)
    } else if lower.starts_with("rollout-") && lower.ends_with(".jsonl") {
        Some(Format::Codex)
    } else if path.contains(".claude/projects/") && lower.ends_with(".jsonl") {
        Some(Format::Claude)
    } else {
        None
    }
}

/// The format a first non-blank line suggests.
fn format_from_content(first: &str) -> Format {
    let t = first.trim();
    if t == "{" || t == "[" {
        // A pretty-printed JSON document: only OTLP exports come that way.
        return Format::Otel;
    }
    if !t.starts_with('{') {
        return Format::Text;
    }
    let Ok(v) = serde_json::from_str::<Value>(t) else { return Format::Jsonl };
    let ty = v.get("type").and_then(Value::as_str).unwrap_or_default();
    if v.get("resourceLogs").is_some() {
        Format::Otel
    } else if matches!(ty, "session_meta" | "response_item" | "turn_context" | "event_msg" | "compacted") {
        Format::Codex
    } else if v.get("sessionId").is_some() || (matches!(ty, "summary" | "file-history-snapshot") && v.get("command").is_none()) {
        Format::Claude
    } else {
        Format::Jsonl
    }
}

/// One line read.
pub(crate) enum Line {
    /// The line, without `\n` or `\r\n`.
    Text(String),
    /// Longer than [`MAX_LINE`]; skipped.
    TooLong(usize),
    /// Not UTF-8.
    NotUtf8,
}

/// Lines with a length cap: a longer line is skipped to its end, not held.
pub(crate) struct Lines<R> {
    reader: R,
    /// 1-based number of the line last returned.
    pub(crate) line_no: u64,
    buf: Vec<u8>,
    eof: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(reader: R) -> Lines<R> {
        Lines { reader, line_no: 0, buf: Vec::new(), eof: false }
    }

    pub(crate) fn next_line(&mut self) -> Option<io::Result<Line>> {
        if self.eof {
            return None;
        }
        self.buf.clear();
        if self.buf.capacity() > 4 << 20 {
            self.buf.shrink_to(64 << 10);
        }
        let mut len = 0usize;
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.eof = true;
                    self.line_no += 1;
                    return Some(Err(e));
                }
            };
            if avail.is_empty() {
                self.eof = true;
                if !any {
                    return None;
                }
                break;
            }
            any = true;
            let (chunk, used, end) = match memchr::memchr(b'\n', avail) {
                Some(i) => (&avail[..i], i + 1, true),
                None => (avail, avail.len(), false),
            };
            len += chunk.len();
            if len <= MAX_LINE {
                self.buf.extend_from_slice(chunk);
            }
            self.reader.consume(used);
            if end {
                break;
            }
        }
        self.line_no += 1;
        if len > MAX_LINE {
            return Some(Ok(Line::TooLong(len)));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        // A long line's buffer is handed over rather than copied.
        let bytes = if self.buf.len() > 1 << 20 { std::mem::take(&mut self.buf) } else { self.buf.clone() };
        Some(Ok(match String::from_utf8(bytes) {
            Ok(s) => Line::Text(s),
            Err(_) => Line::NotUtf8,
        }))
    }
}

struct LineEntries {
    file: Arc<str>,
    lines: Lines<Box<dyn BufRead + Send>>,
    replay: VecDeque<(u64, io::Result<Line>)>,
    parser: Box<dyn LineParser>,
    out: VecDeque<Entry>,
    done: bool,
}

impl Iterator for LineEntries {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let mut produced = Vec::new();
        loop {
            if let Some(e) = self.out.pop_front() {
                return Some(e);
            }
            if self.done {
                return None;
            }
            let (line_no, line) = match self.replay.pop_front() {
                Some(x) => x,
                None => match self.lines.next_line() {
                    Some(l) => (self.lines.line_no, l),
                    None => {
                        self.done = true;
                        let pos = Position { file: Arc::clone(&self.file), line: self.lines.line_no, record: None };
                        self.parser.finish(&pos, &mut produced);
                        self.out.extend(produced.drain(..));
                        continue;
                    }
                },
            };
            let pos = Position { file: Arc::clone(&self.file), line: line_no, record: None };
            match line {
                Ok(Line::Text(t)) => self.parser.parse(&pos, &t, &mut produced),
                Ok(Line::TooLong(n)) => produced.push(super::bad(&pos, format!("line of {n} bytes is longer than the {MAX_LINE} bytes read"))),
                Ok(Line::NotUtf8) => produced.push(super::bad(&pos, "line is not valid UTF-8")),
                Err(e) => {
                    produced.push(super::bad(&pos, format!("read error: {e}")));
                    self.done = true;
                }
            }
            self.out.extend(produced.drain(..));
        }
    }
}

/// A zstd stream of one or more frames (skippable frames skipped).
struct Zstd<R> {
    source: R,
    decoder: FrameDecoder,
    in_frame: bool,
}

impl<R: BufRead> Zstd<R> {
    fn new(source: R) -> Zstd<R> {
        Zstd { source, decoder: FrameDecoder::new(), in_frame: false }
    }
}

impl<R: BufRead> Read for Zstd<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if !self.in_frame {
                if self.source.fill_buf()?.is_empty() {
                    return Ok(0);
                }
                match self.decoder.reset(&mut self.source) {
                    Ok(()) => self.in_frame = true,
                    Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame { length, .. })) => {
                        io::copy(&mut (&mut self.source).take(u64::from(length)), &mut io::sink())?;
                        continue;
                    }
                    Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {e}"))),
                }
            }
            while self.decoder.can_collect() == 0 && !self.decoder.is_finished() {
                self.decoder
                    .decode_blocks(&mut self.source, BlockDecodingStrategy::UptoBlocks(1))
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("zstd: {e}")))?;
            }
            let n = self.decoder.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            if self.decoder.is_finished() {
                self.in_frame = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<String> {
        let mut l = Lines::new(input);
        let mut v = Vec::new();
        while let Some(x) = l.next_line() {
            v.push(match x {
                Ok(Line::Text(t)) => format!("{}:{t}", l.line_no),
                Ok(Line::TooLong(n)) => format!("{}:too long {n}", l.line_no),
                Ok(Line::NotUtf8) => format!("{}:not utf8", l.line_no),
                Err(e) => format!("{}:error {e}", l.line_no),
            });
        }
        v
    }

    #[test]
    fn line_reader() {
        assert_eq!(lines(b"a\r\nb\n\nc"), ["1:a", "2:b", "3:", "4:c"]);
        assert_eq!(lines(b"a\n"), ["1:a"]);
        assert_eq!(lines(b""), Vec::<String>::new());
        assert_eq!(lines(b"ok\n\xff\xfe\nlast\n"), ["1:ok", "2:not utf8", "3:last"]);
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let mut input = vec![b'x'; MAX_LINE + 10];
        input.extend_from_slice(b"\nnext\n");
        assert_eq!(lines(&input), [format!("1:too long {}", MAX_LINE + 10), "2:next".to_string()]);
    }

    #[test]
    fn formats_from_names() {
        let f = |p: &str| format_from_name(p, &stripped_name(Path::new(p)));
        assert_eq!(f("logs/a.csv.gz"), Some(Format::Csv));
        assert_eq!(f("/h/.codex/sessions/2025/01/02/rollout-2025-01-02T10-00-00-abc.jsonl.zst"), Some(Format::Codex));
        assert_eq!(f("/h/.claude/projects/-h-p/0b6c.jsonl"), Some(Format::Claude));
        assert_eq!(f("commands.txt"), None);
    }

    #[test]
    fn formats_from_content() {
        assert_eq!(format_from_content("ls -la"), Format::Text);
        assert_eq!(format_from_content(r#"{"command": "ls"}"#), Format::Jsonl);
        assert_eq!(format_from_content(r#"{"resourceLogs": []}"#), Format::Otel);
        assert_eq!(format_from_content("{"), Format::Otel);
        assert_eq!(format_from_content(r#"{"type":"session_meta","payload":{}}"#), Format::Codex);
        assert_eq!(format_from_content(r#"{"type":"user","sessionId":"s","message":{}}"#), Format::Claude);
        assert_eq!(format_from_content(r#"{"broken"#), Format::Jsonl);
    }

    #[test]
    fn walked_extensions() {
        assert!(walked(Path::new("a/b.jsonl")));
        assert!(walked(Path::new("a/b.CSV.zst")));
        assert!(!walked(Path::new("a/b.png")));
        assert!(!walked(Path::new("a/README")));
    }
}
