//! `riskgate score`: logs of agent commands in, one verdict record per
//! command out (JSONL or CSV), in input order, with a summary and an HTML
//! report on request.
//!
//! Streaming with bounded memory: a reader thread turns the inputs into
//! entries (`adapters::telemetry`) and hands them over a bounded channel;
//! the main thread takes them in chunks of at most [`CHUNK`] entries (fewer
//! when the input trickles in, so a pipe sees answers at once), judges and
//! renders a chunk in parallel on the rayon pool with `par_iter().map()`
//! (which keeps order), writes it, and goes on. Nothing else is held but
//! the summary's counters, so memory does not grow with the input; a byte
//! budget ([`IN_FLIGHT_BYTES`]) bounds it when commands are long.
//!
//! Nothing is dropped: an entry the reader could not read becomes an error
//! record `{file, line, record, error}` at its position, and the exit code
//! is 2 when there was one. Records in == records out.

use std::fs::File;
use std::io::{BufWriter, IsTerminal as _, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Instant;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;

use super::score_summary::Summary;
use crate::adapters::telemetry::{BadRecord, Entry, Format, Inputs, Item, ReadOptions};
use crate::cli::ExitStatus;
use crate::{Category, Classifier, Decision, Request};

/// The most entries judged together; also bounds what is in memory.
pub const CHUNK: usize = 4096;

/// The most command bytes judged together.
const CHUNK_BYTES: usize = 16 << 20;

/// The most entry bytes read but not yet written (channel and chunk): the
/// reader waits above it, so memory stays bounded even when every command
/// is long.
const IN_FLIGHT_BYTES: usize = 48 << 20;

/// How records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row; categories and rules joined with `;`.
    Csv,
}

/// Arguments of `riskgate score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input files or directories (walked recursively, sorted; .gz and .zst
    /// are decompressed); `-` or nothing reads stdin.
    pub inputs: Vec<PathBuf>,
    /// The input format; `auto` guesses per file from its name and first record.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: Format,
    /// jsonl: dotted path of the command field (`a.b.0.c`); csv: the command column.
    #[arg(long, default_value = "command")]
    pub field: String,
    /// Write the records to this file instead of stdout (`-` is stdout).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// How the records are written.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub output_format: OutputFormat,
    /// Print totals, top rules and categories, and the riskiest commands: to
    /// stdout when the records go to a file (-o), else to stderr.
    #[arg(long)]
    pub summary: bool,
    /// Write a self-contained HTML report (report.html, summary.json) into this directory.
    #[arg(long, value_name = "DIR")]
    pub report: Option<PathBuf>,
    /// The workspace of commands whose record names none (default: POLICY.md's /home/dev/project).
    #[arg(long, value_name = "DIR")]
    pub cwd: Option<String>,
    /// Claude Code transcripts: judge only the shell commands, not the
    /// file-tool and web-fetch calls (`Write`, `Edit`, `Read`, `WebFetch`, …)
    /// the hook also judges.
    #[arg(long)]
    pub shell_only: bool,
    /// The home directory used for commands with a workspace (default: $HOME).
    #[arg(long, value_name = "DIR")]
    pub home: Option<String>,
    /// Judge with this configuration file (default: built-in defaults only,
    /// so results do not depend on the machine that scores).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Model selection.
    #[command(flatten)]
    pub model: crate::cli::ModelArgs,
    /// Worker threads (default: one per core). The output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Never draw the progress bar (it is drawn only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// One judged command, as written.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    line: u64,
    record: Option<u32>,
    id: Option<&'a str>,
    command: &'a str,
    cwd: Option<&'a str>,
    decision: Decision,
    score: Option<f32>,
    categories: &'a [Category],
    rules: &'a [&'static str],
}

/// One unreadable entry, as written.
#[derive(Serialize)]
struct ErrorRecord<'a> {
    file: &'a str,
    line: u64,
    record: Option<u32>,
    error: &'a str,
}

/// The CSV columns, in order; a judged command leaves `error` empty, an
/// error record leaves the verdict columns empty.
pub const CSV_COLUMNS: &[&str] = &["file", "line", "record", "id", "command", "cwd", "decision", "score", "categories", "rules", "error"];

/// A judged entry: what the summary needs, and the rendered output line.
pub(crate) enum Scored {
    /// A command and its verdict.
    Judged {
        /// The command as read.
        item: Item,
        /// The decision.
        decision: Decision,
        /// The model's score, when it ran.
        score: Option<f32>,
        /// Categories, sorted.
        categories: Vec<Category>,
        /// Rule codes with their names, most severe first, without repeats.
        rules: Vec<(&'static str, &'static str)>,
    },
    /// An entry that could not be read.
    Error(BadRecord),
}

pub(crate) fn run(args: &Args, stdout: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let classifier = classifier(args)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().context("starting the worker threads")?;
    let opts = ReadOptions { format: args.format, field: args.field.clone(), default_cwd: args.cwd.clone(), tools: !args.shell_only };
    let inputs = Inputs::new(&args.inputs, opts);
    let progress = inputs.progress();

    let (tx, rx) = sync_channel::<Entry>(2 * CHUNK);
    let budget = Arc::new(Budget::default());
    let reader_budget = Arc::clone(&budget);
    let reader = std::thread::Builder::new()
        .name("riskgate-read".into())
        .spawn(move || {
            for entry in inputs {
                reader_budget.acquire(entry_bytes(&entry));
                if tx.send(entry).is_err() {
                    break;
                }
            }
        })
        .context("starting the reader thread")?;

    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let mut file_out = match to_file {
        Some(p) => Some(BufWriter::with_capacity(1 << 20, File::create(p).with_context(|| format!("creating {}", p.display()))?)),
        None => None,
    };
    let bar = (!args.no_progress && std::io::stderr().is_terminal()).then(|| progress_bar(progress.total()));
    let started = Instant::now();
    let mut summary = Summary::default();
    {
        let out: &mut dyn Write = match &mut file_out {
            Some(f) => f,
            None => stdout,
        };
        if args.output_format == OutputFormat::Csv {
            writeln!(out, "{}", CSV_COLUMNS.join(","))?;
        }
        let mut chunk = Vec::with_capacity(CHUNK);
        while next_chunk(&rx, &mut chunk) {
            let held: usize = chunk.iter().map(entry_bytes).sum();
            let rendered: Vec<(Scored, Vec<u8>)> = pool.install(|| {
                chunk
                    .par_drain(..)
                    .map(|entry| {
                        let scored = judge(&classifier, entry);
                        let line = render(&scored, args.output_format);
                        (scored, line)
                    })
                    .collect()
            });
            for (scored, line) in rendered {
                out.write_all(&line)?;
                summary.add(scored);
            }
            out.flush()?;
            budget.release(held);
            if let Some(bar) = &bar {
                bar.set_position(progress.read());
                bar.set_message(format!("{} commands", summary.commands + summary.errors));
            }
        }
        out.flush()?;
    }
    drop(rx);
    if reader.join().is_err() {
        anyhow::bail!("the reader thread panicked");
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary.elapsed = started.elapsed();

    if let Some(dir) = &args.report {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let html = dir.join("report.html");
        std::fs::write(&html, super::score_report::html(&summary)).with_context(|| format!("writing {}", html.display()))?;
        let json = dir.join("summary.json");
        std::fs::write(&json, serde_json::to_vec_pretty(&summary.to_json())?).with_context(|| format!("writing {}", json.display()))?;
    }
    if args.summary {
        let text = summary.text();
        if file_out.is_some() {
            stdout.write_all(text.as_bytes())?;
        } else {
            std::io::stderr().write_all(text.as_bytes())?;
        }
    }
    // Input that holds nothing of the format asked for is no clean result.
    let unmatched = summary.commands == 0 && progress.read() > 0 && !matches!(args.format, Format::Auto | Format::Text);
    if unmatched {
        #[expect(clippy::print_stderr, reason = "a format that matched nothing is reported, not silent")]
        {
            eprintln!(
                "riskgate score: no command found with --format {} in {} bytes of input; is it another format? (--format auto guesses per file)",
                args.format.as_str(),
                progress.read()
            );
        }
    }
    Ok(if summary.errors > 0 || unmatched { ExitStatus::Error } else { ExitStatus::Success })
}

fn classifier(args: &Args) -> anyhow::Result<Classifier> {
    let mut classifier = match &args.config {
        None => Classifier::default(),
        Some(path) => Classifier::new(Ok(crate::config::Config::load(Some(path), None)?)),
    };
    // Every record is ranked: a score also where the rules decided alone.
    classifier = classifier.with_model(args.model.source()).with_scores();
    if let Some(home) = &args.home {
        classifier = classifier.with_home(home.clone());
    }
    for w in &classifier.config().warnings {
        #[expect(clippy::print_stderr, reason = "configuration warnings go to stderr")]
        {
            eprintln!("riskgate: {w}");
        }
    }
    Ok(classifier)
}

fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{elapsed_precise} {spinner} {bytes} read, {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// Fills `chunk` with the entries ready now (waiting only for the first);
/// false at the end of the input.
fn next_chunk(rx: &Receiver<Entry>, chunk: &mut Vec<Entry>) -> bool {
    let Ok(first) = rx.recv() else { return false };
    let mut bytes = entry_bytes(&first);
    chunk.push(first);
    while chunk.len() < CHUNK && bytes < CHUNK_BYTES {
        match rx.try_recv() {
            Ok(e) => {
                bytes += entry_bytes(&e);
                chunk.push(e);
            }
            Err(_) => break,
        }
    }
    true
}

/// Roughly the heap bytes an entry holds.
fn entry_bytes(e: &Entry) -> usize {
    64 + match e {
        Ok(i) => i.command.len() + i.cwd.as_ref().map_or(0, String::len) + i.id.as_ref().map_or(0, String::len),
        Err(b) => b.error.len(),
    }
}

/// Bytes of entries in flight between the reader and the writer.
#[derive(Default)]
struct Budget {
    used: Mutex<usize>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `n` more bytes fit (one entry always fits when nothing
    /// else is in flight, so a long command cannot stall the run).
    fn acquire(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && *used + n > IN_FLIGHT_BYTES {
            used = self.freed.wait(used).unwrap_or_else(PoisonError::into_inner);
        }
        *used += n;
    }

    fn release(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

/// Judges one entry (an error entry passes through).
pub(crate) fn judge(classifier: &Classifier, entry: Entry) -> Scored {
    let item = match entry {
        Ok(item) => item,
        Err(bad) => return Scored::Error(bad),
    };
    let verdict = match &item.tool {
        None => classifier.classify(&Request { command: item.command.clone(), cwd: item.cwd.clone() }),
        // A file tool or fetch from a transcript: judged as the hook judges it.
        Some(event) => match classifier.judge_event(event) {
            Ok(Some(v)) => v,
            Ok(None) => return Scored::Error(BadRecord { pos: item.pos, error: format!("`{}` is a tool riskgate does not judge", event.tool) }),
            Err(e) => return Scored::Error(BadRecord { pos: item.pos, error: e.to_string() }),
        },
    };
    let mut rules: Vec<(&'static str, &'static str)> = Vec::with_capacity(verdict.reasons.len());
    for r in &verdict.reasons {
        if !rules.iter().any(|(code, _)| *code == r.rule) {
            rules.push((r.rule, r.name));
        }
    }
    Scored::Judged { item, decision: verdict.decision, score: verdict.score, categories: verdict.categories, rules }
}

/// The output line of one judged entry.
fn render(s: &Scored, format: OutputFormat) -> Vec<u8> {
    match format {
        OutputFormat::Jsonl => {
            let mut buf = Vec::with_capacity(256);
            let written = match s {
                Scored::Judged { item, decision, score, categories, rules } => {
                    let codes: Vec<&'static str> = rules.iter().map(|(c, _)| *c).collect();
                    serde_json::to_writer(
                        &mut buf,
                        &Record {
                            file: &item.pos.file,
                            line: item.pos.line,
                            record: item.pos.record,
                            id: item.id.as_deref(),
                            command: &item.command,
                            cwd: item.cwd.as_deref(),
                            decision: *decision,
                            score: *score,
                            categories,
                            rules: &codes,
                        },
                    )
                }
                Scored::Error(b) => {
                    serde_json::to_writer(&mut buf, &ErrorRecord { file: &b.pos.file, line: b.pos.line, record: b.pos.record, error: &b.error })
                }
            };
            // Serializing strings, numbers and enums into a Vec cannot fail.
            debug_assert!(written.is_ok());
            buf.push(b'\n');
            buf
        }
        OutputFormat::Csv => {
            let row: [String; 11] = match s {
                Scored::Judged { item, decision, score, categories, rules } => [
                    item.pos.file.to_string(),
                    item.pos.line.to_string(),
                    item.pos.record.map(|r| r.to_string()).unwrap_or_default(),
                    item.id.clone().unwrap_or_default(),
                    item.command.clone(),
                    item.cwd.clone().unwrap_or_default(),
                    decision.to_string(),
                    score.map(|s| s.to_string()).unwrap_or_default(),
                    categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(";"),
                    rules.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(";"),
                    String::new(),
                ],
                Scored::Error(b) => [
                    b.pos.file.to_string(),
                    b.pos.line.to_string(),
                    b.pos.record.map(|r| r.to_string()).unwrap_or_default(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    b.error.clone(),
                ],
            };
            let mut line = String::with_capacity(256);
            for (i, field) in row.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                csv_field(&mut line, field);
            }
            line.push('\n');
            line.into_bytes()
        }
    }
}

/// Appends a CSV field, quoted when it holds a comma, quote or line break
/// (RFC 4180).
fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::telemetry::Position;

    fn pos() -> Position {
        Position { file: Arc::from("f.txt"), line: 3, record: None }
    }

    #[test]
    fn jsonl_record_has_every_field() {
        let item = Item { pos: pos(), id: None, command: "rm -rf /".into(), cwd: None, tool: None };
        let s = judge(&Classifier::default(), Ok(item));
        let line = String::from_utf8(render(&s, OutputFormat::Jsonl)).expect("utf8");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["file", "line", "record", "id", "command", "cwd", "decision", "score", "categories", "rules"]);
        assert_eq!(v["decision"], "deny");
        assert!(v["rules"].as_array().is_some_and(|r| !r.is_empty()));
    }

    #[test]
    fn error_record() {
        let s = judge(&Classifier::default(), Err(BadRecord { pos: pos(), error: "bad".into() }));
        assert_eq!(String::from_utf8(render(&s, OutputFormat::Jsonl)).expect("utf8"), "{\"file\":\"f.txt\",\"line\":3,\"record\":null,\"error\":\"bad\"}\n");
        assert_eq!(String::from_utf8(render(&s, OutputFormat::Csv)).expect("utf8"), "f.txt,3,,,,,,,,,bad\n");
    }

    #[test]
    fn csv_quoting() {
        let mut s = String::new();
        csv_field(&mut s, "plain");
        s.push('|');
        csv_field(&mut s, "say \"hi\", twice\n");
        assert_eq!(s, "plain|\"say \"\"hi\"\", twice\n\"");
    }
}
