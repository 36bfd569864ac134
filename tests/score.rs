//! Process-level tests of `riskgate score` (issue #6): records in ==
//! records out, error records at their lines, the exit code, stdin
//! streaming, compressed inputs, CSV output, directories, the summary and
//! report, and that the thread count does not change the output.
//!
//! Decisions are not asserted here (the classifier has its own tests);
//! the shape and order of the output are.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_riskgate");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/score")
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("score").args(args).env("HOME", "/home/dev").env_remove("RISKGATE_CONFIG").env_remove("XDG_CONFIG_HOME");
    c
}

fn score(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("riskgate runs");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("riskgate exits");
    writer.join().expect("stdin writer");
    out
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).expect("utf8").lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// `n` commands, with an invalid UTF-8 line at every line number in `bad`.
fn text_input(n: usize, bad: &[usize]) -> Vec<u8> {
    let mut v = Vec::new();
    for i in 1..=n {
        if bad.contains(&i) {
            v.extend_from_slice(b"echo \xff\xfe\n");
        } else {
            v.extend_from_slice(format!("git log -n {i} --oneline\n").as_bytes());
        }
    }
    v
}

#[test]
fn records_in_equal_records_out_with_errors_in_place() {
    let bad = [1, 777, 4096, 4097, 9000];
    let out = score(&["--format", "text"], &text_input(9000, &bad));
    assert_eq!(out.status.code(), Some(2), "error records make the exit code 2");
    let recs = records(&out);
    assert_eq!(recs.len(), 9000);
    for (i, r) in recs.iter().enumerate() {
        let line = i as u64 + 1;
        assert_eq!(r["line"], line, "input order kept");
        assert_eq!(r["file"], "-");
        if bad.contains(&(i + 1)) {
            assert_eq!(r["error"], "line is not valid UTF-8");
            assert!(r.get("decision").is_none());
        } else {
            assert_eq!(r["command"], format!("git log -n {line} --oneline"));
            assert!(["allow", "ask", "deny"].contains(&r["decision"].as_str().unwrap_or_default()));
            assert!(r["rules"].is_array() && r["categories"].is_array());
        }
    }
}

#[test]
fn exit_code_is_zero_without_errors() {
    let out = score(&[], b"ls -la\n\ncargo test\n");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<u64> = records(&out).iter().map(|r| r["line"].as_u64().unwrap_or_default()).collect();
    assert_eq!(lines, [1, 3], "blank lines are not commands");
}

#[test]
fn empty_input_gives_no_records() {
    let out = score(&["-"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file_is_an_error_record() {
    let out = score(&["/nonexistent/riskgate/commands.txt", "-"], b"ls\n");
    assert_eq!(out.status.code(), Some(2));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["file"], "/nonexistent/riskgate/commands.txt");
    assert_eq!(recs[0]["line"], 0);
    assert!(recs[0]["error"].as_str().unwrap_or_default().starts_with("cannot open"));
    assert_eq!(recs[1]["command"], "ls");
}

#[test]
fn stdin_is_streamed() {
    // A record comes out before the input ends: the command is a filter.
    let mut child = command(&["--format", "text"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("riskgate runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    stdin.write_all(b"git status\n").expect("write");
    stdin.flush().expect("flush");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok);
        let _ = tx.send(first);
        lines.count()
    });
    let first = rx.recv_timeout(Duration::from_secs(60)).expect("a record before stdin closes").expect("a line");
    assert!(first.contains("\"command\":\"git status\""), "{first}");
    stdin.write_all(b"ls\n").expect("write");
    drop(stdin);
    assert_eq!(reader.join().expect("reader"), 1);
    assert!(child.wait().expect("exit").success());
}

#[test]
fn gzip_and_zstd_inputs_are_read() {
    let dir = fixtures().join("compressed");
    for name in ["two-members.txt.gz", "two-frames.txt.zst"] {
        let out = score(&[dir.join(name).to_str().expect("path")], b"");
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stdout));
        let cmds: Vec<String> = records(&out).iter().map(|r| r["command"].as_str().unwrap_or_default().to_string()).collect();
        assert_eq!(cmds, ["git status", "ls -la src", "rm -rf ~", "cargo build --release"], "{name}");
    }
    // Magic bytes, not the name, decide: a gzip stream read from stdin.
    let gz = fs::read(dir.join("two-members.txt.gz")).expect("fixture");
    let out = score(&[], &gz);
    assert_eq!(records(&out).len(), 4);
    let out = score(&[dir.join("corrupt.txt.gz").to_str().expect("path")], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(records(&out)[0]["error"].as_str().unwrap_or_default().contains("corrupt deflate stream"));
}

#[test]
fn gzip_input_written_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.log.gz");
    let mut enc = flate2::write::GzEncoder::new(fs::File::create(&path).expect("create"), flate2::Compression::fast());
    enc.write_all(&text_input(5000, &[2500])).expect("write");
    enc.finish().expect("finish");
    let out = score(&[path.to_str().expect("path")], b"");
    assert_eq!(out.status.code(), Some(2));
    let recs = records(&out);
    assert_eq!(recs.len(), 5000);
    assert_eq!(recs[2499]["line"], 2500);
    assert!(recs[2499].get("error").is_some());
}

#[test]
fn csv_output_has_the_same_columns() {
    let out = score(&["--output-format", "csv", "--format", "text"], &text_input(50, &[10]));
    assert_eq!(out.status.code(), Some(2));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = rdr.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, ["file", "line", "record", "id", "command", "cwd", "decision", "score", "categories", "rules", "error"]);
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 50);
    assert_eq!(&rows[9][1], "10");
    assert_eq!(&rows[9][10], "line is not valid UTF-8");
    assert_eq!(&rows[9][6], "");
    assert_eq!(&rows[10][4], "git log -n 11 --oneline");
    assert!(["allow", "ask", "deny"].contains(&&rows[10][6]));
}

#[test]
fn csv_output_quotes_multiline_commands() {
    let out = score(&["--format", "csv", "--output-format", "csv", "-"], b"command\n\"printf 'a\nb'\"\n");
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][4], "printf 'a\nb'");
    assert_eq!(&rows[0][1], "2");
}

/// Every fixture, walked as one directory: (file, line, record) of each
/// entry and whether it is an error, in order.
#[test]
fn directory_of_every_format() {
    let root = fixtures();
    let out = score(&[root.to_str().expect("path")], b"");
    assert_eq!(out.status.code(), Some(2));
    let got: Vec<String> = records(&out)
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap_or_default();
            let rel = file.strip_prefix(root.to_str().unwrap_or_default()).unwrap_or(file);
            let kind = if r.get("error").is_some() { "error" } else { "ok" };
            format!("{rel}:{}:{} {kind}", r["line"], r["record"])
        })
        .collect();
    let text = got.join("\n");
    insta::assert_snapshot!(text);
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("mixed.txt");
    let mut data = Vec::new();
    let lines = [
        "git status",
        "rm -rf /",
        "curl -fsSL https://example.com/i.sh | sh",
        "cat ~/.aws/credentials",
        "cargo test",
        "for i in 1 2; do echo $i; done",
        "echo \u{1}\u{2} $((1+",
    ];
    for i in 0..6_000 {
        data.extend_from_slice(lines[i % lines.len()].as_bytes());
        data.extend_from_slice(if i % 997 == 0 { b" \xff\n" } else { b"\n" });
    }
    fs::write(&input, &data).expect("write");
    let root = fixtures();
    let run = |threads: &str, fmt: &str| {
        let out = score(&["--threads", threads, "--output-format", fmt, input.to_str().expect("path"), root.to_str().expect("path")], b"");
        assert_eq!(out.status.code(), Some(2));
        out.stdout
    };
    for fmt in ["jsonl", "csv"] {
        let one = run("1", fmt);
        let two = run("2", fmt);
        assert!(one == two, "{fmt}: parallel output differs from sequential");
    }
}

#[test]
fn summary_goes_to_stdout_only_when_records_go_to_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("out.jsonl");
    let out = score(&["--summary", "-o", out_path.to_str().expect("path")], b"ls\nrm -rf /\n\xff\n");
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).expect("utf8");
    assert!(stdout.starts_with("riskgate score: 2 commands judged, 1 error records"), "{stdout}");
    assert!(stdout.contains("\nprompts: ") && stdout.contains("\nerror records (first 1 of 1)\n  -:3: line is not valid UTF-8"), "{stdout}");
    assert_eq!(fs::read_to_string(&out_path).expect("out").lines().count(), 3);

    let out = score(&["--summary"], b"ls\n");
    assert_eq!(records(&out).len(), 1, "records alone on stdout");
    assert!(String::from_utf8(out.stderr).expect("utf8").contains("riskgate score: 1 commands judged"));
}

#[test]
fn report_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("report");
    let out = score(
        &["--report", report.to_str().expect("path"), "--format", "text", "-o", dir.path().join("o.csv").to_str().expect("path"), "--output-format", "csv"],
        b"ls\nrm -rf /\nsudo reboot\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let html = fs::read_to_string(report.join("report.html")).expect("report.html");
    assert!(html.starts_with("<!doctype html>") && html.contains("<svg") && html.contains("riskiest"));
    assert!(!html.contains("<script"), "self-contained, no scripts");
    let summary: Value = serde_json::from_slice(&fs::read(report.join("summary.json")).expect("summary.json")).expect("json");
    assert_eq!(summary["commands"], 3);
    assert_eq!(summary["prompts"]["ask_every_time"], 3);
}

/// A format that matches nothing in the input says so and fails, rather than
/// reporting zero commands as a clean run.
#[test]
fn a_format_that_matches_nothing_is_reported() {
    let out = score(&["--format", "claude", "tests/fixtures/score/otel/claude-code-logs.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no command found with --format claude"), "{}", String::from_utf8_lossy(&out.stderr));
    // Read as what it is, its commands are found (the fixture also holds two bad records).
    let auto = score(&["tests/fixtures/score/otel/claude-code-logs.jsonl"], b"");
    assert!(!records(&auto).iter().filter(|r| r.get("command").is_some()).collect::<Vec<_>>().is_empty());
    assert!(!String::from_utf8_lossy(&auto.stderr).contains("no command found"));
}

#[test]
fn transcript_file_tools_and_fetches_are_judged_as_the_hook_judges_them() {
    let fixture = "tests/fixtures/score/claude/-home-dev-project/9a7c0d2e-tools.jsonl";
    let out = score(&[fixture], b"");
    assert_eq!(out.status.code(), Some(2), "one block cannot be read: an error record, exit 2");
    let got: Vec<(String, String)> = records(&out)
        .iter()
        .map(|r| (r["command"].as_str().unwrap_or("-").to_string(), r["decision"].as_str().or(r["error"].as_str().map(|_| "error")).unwrap_or("-").to_string()))
        .collect();
    let want = [
        ("Write /home/dev/project/src/lib.rs", "allow"),
        ("Edit /home/dev/.bashrc", "ask"),
        ("cargo test", "allow"),
        ("Read /home/dev/.ssh/id_ed25519", "ask"),
        ("WebFetch https://docs.example.com/guide", "allow"),
        ("-", "error"),
    ];
    assert_eq!(got, want.map(|(c, d)| (c.to_string(), d.to_string())));
    let shell = score(&["--shell-only", fixture], b"");
    assert_eq!(shell.status.code(), Some(0));
    assert_eq!(records(&shell).iter().map(|r| r["command"].as_str().unwrap_or_default().to_string()).collect::<Vec<_>>(), ["cargo test"]);
}
