//! The tldr-derived training set, `datasets/tldr.jsonl`: the examples of the
//! tldr pages snapshot (`../shared/knowledge/tldr-pages.jsonl`, tldr-pages
//! at commit 08e345f, CC BY 4.0) with their `{{placeholders}}` filled as a
//! user would type them, each labelled per POLICY.md.
//!
//! Real command shapes of thousands of programs, where the template
//! generator (`generate.rs`) has invented verbs: the model learns what the
//! words of real tools' commands mean, and, through the generated knowledge
//! in its inputs (`model::features`), what the documentation says of them.
//!
//! **Labels** come from riskgate's rules and generated knowledge, run
//! without the model (so its own output never labels its training data):
//! an `allow` verdict is `allow`; an `ask`/`deny` with categories is that
//! label; a verdict that only unknown programs (RG005) or analysis gaps made
//! `ask` says nothing about the command, so the example is left out (the
//! report counts them). Each record says how it was labelled in
//! `labelled_by`: `rules` (hand-written specs and rules alone) or
//! `rules+knowledge` (a generated-knowledge reading, RG017 or RG018, took
//! part). `program` names the program the example exercises, for the
//! program-disjoint folds (`riskgate eval --fold`, `riskgate train
//! --withhold-fold`).
//!
//! **Filling** is deterministic: each example has its own generator seeded
//! by the run seed and the example's page and position, so a change to one
//! page moves no other example. `{{[-r|--recursive]}}` picks a spelling,
//! `{{path/to/file1 path/to/file2 ...}}` gives two paths, and the words of a
//! placeholder pick a value from a pool of its kind (paths, hosts from the
//! documentation ranges and `example.com`, user names, packages, ports...);
//! anything else keeps its own text, as tldr wrote it.
//!
//! **Evaluation lines stay out**: `--exclude FILE` (repeatable) leaves out
//! any example whose filled command equals a command of FILE (whitespace
//! normalised). The evaluation bench draws from the same public pages, so a
//! page's literal example can equal a bench line; `datasets/README.md` gives
//! the command with the bench files passed here.

use std::collections::HashSet;
use std::io::Write;

use serde::Deserialize;

use crate::config::Config;
use crate::pipeline::{Classifier, ModelSource, Request};
use crate::policy::{Category, Decision};
use crate::train::generate::Rng;

/// The seed of the committed `datasets/tldr.jsonl`.
pub const DEFAULT_SEED: u64 = 0x7d1d_2026;

/// Where the snapshot sits, relative to the repository.
pub const DEFAULT_PAGES: &str = "../shared/knowledge/tldr-pages.jsonl";

#[derive(Deserialize)]
struct Page {
    examples: Vec<PageExample>,
    source: String,
}

#[derive(Deserialize)]
struct PageExample {
    command: String,
}

/// One labelled example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The filled command.
    pub command: String,
    /// Its label.
    pub label: Decision,
    /// Its categories (empty exactly for `allow`).
    pub categories: Vec<Category>,
    /// `tldr:<page source>#<example index>`.
    pub source: String,
    /// The program the example runs (its first word, past `sudo`).
    pub program: Option<String>,
    /// How the label was found: `rules` or `rules+knowledge`.
    pub labelled_by: &'static str,
}

/// What a build saw and left out.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Pages read.
    pub pages: usize,
    /// Examples read.
    pub examples: usize,
    /// Examples whose verdict only unknown programs made `ask`.
    pub undetermined: usize,
    /// Examples whose `ask` came from analysis gaps alone (no category).
    pub gaps: usize,
    /// Filled commands equal to an earlier one.
    pub duplicates: usize,
    /// Filled commands equal to an excluded line.
    pub excluded: usize,
}

/// How an example's label was found, or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    /// A label, its categories and `labelled_by`.
    Known(Decision, Vec<Category>, &'static str),
    /// Only unknown programs asked: the rules know nothing of the command.
    Undetermined,
    /// Only analysis gaps asked: no POLICY.md category to give.
    Gap,
}

/// Labels one command with the rules and generated knowledge (no model).
#[must_use]
pub fn label(classifier: &Classifier, command: &str) -> Label {
    let a = classifier.analyse(&Request::new(command));
    let v = crate::decide::decide(&a.script, a.hits, &Config::default());
    let by = if v.reasons.iter().any(|r| r.rule == "RG017" || r.rule == "RG018") { "rules+knowledge" } else { "rules" };
    if v.decision == Decision::Allow {
        Label::Known(Decision::Allow, Vec::new(), by)
    } else if v.needs_model() {
        Label::Undetermined
    } else if v.categories.is_empty() {
        Label::Gap
    } else {
        Label::Known(v.decision, v.categories, by)
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Commands an example must not copy (`--exclude`): a filled example is
/// left out when it equals one of them, contains one as whole commands of a
/// list or pipeline (`A | B` in `A | B | C`), or equals one with exactly one
/// word changed (four words or more). Whitespace is normalised.
#[derive(Debug, Default)]
pub struct Exclusions {
    whole: HashSet<String>,
    masked: HashSet<String>,
}

const OPERATORS: &[&str] = &["|", "||", "&&", ";", "&", "|&"];

impl Exclusions {
    /// Adds the commands of `text`: JSONL records' `command`, or one
    /// command a line.
    pub fn add(&mut self, text: &str) {
        for l in text.lines() {
            let l = l.trim();
            let command = if l.starts_with('{') {
                serde_json::from_str::<serde_json::Value>(l).ok().and_then(|v| v.get("command")?.as_str().map(normalize))
            } else {
                (!l.is_empty()).then(|| normalize(l))
            };
            if let Some(c) = command {
                let c = spaced(&c);
                let words: Vec<&str> = c.split(' ').collect();
                if words.len() >= 4 {
                    self.masked.extend((0..words.len()).map(|i| masked(&words, i)));
                }
                self.whole.insert(c);
            }
        }
    }

    /// True when `command` copies an excluded command. Command
    /// substitutions count as commands of their own (`"$(A | B)"`).
    #[must_use]
    pub fn covers(&self, command: &str) -> bool {
        let c = spaced(command);
        let words: Vec<&str> = c.split(' ').collect();
        let boundary = |w: &str| OPERATORS.contains(&w) || ["$(", ")", "`"].contains(&w);
        // Every run of whole commands: starts after an operator, ends before one.
        let starts = std::iter::once(0).chain((0..words.len()).filter(|&i| boundary(words[i])).map(|i| i + 1));
        let ends: Vec<usize> = (0..words.len()).filter(|&i| boundary(words[i])).chain(std::iter::once(words.len())).collect();
        for s in starts {
            for &e in ends.iter().filter(|&&e| e > s) {
                let run = &words[s..e];
                if self.whole.contains(&run.join(" ")) || (run.len() >= 4 && (0..run.len()).any(|i| self.masked.contains(&masked(run, i)))) {
                    return true;
                }
            }
        }
        false
    }
}

/// The command with its operators, substitutions and backticks standing as
/// words of their own, whitespace normalised (`a|b` and `a | b` agree).
fn spaced(command: &str) -> String {
    // Quotes are not tracked: both sides of a comparison are spaced alike,
    // and a split inside a quoted string only adds boundaries.
    let mut out = String::with_capacity(command.len() + 8);
    let mut chars = command.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '|' | '&' | ';' => {
                out.push(' ');
                out.push(ch);
                while let Some(&next) = chars.peek().filter(|n| matches!(n, '|' | '&')) {
                    out.push(next);
                    chars.next();
                }
                out.push(' ');
            }
            '$' if chars.peek() == Some(&'(') => {
                chars.next();
                out.push_str(" $( ");
            }
            ')' | '`' | '"' => {
                out.push(' ');
                out.push(ch);
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    normalize(&out)
}

fn masked(words: &[&str], i: usize) -> String {
    words.iter().enumerate().map(|(j, w)| if j == i { "\0" } else { w }).collect::<Vec<_>>().join(" ")
}

/// Builds the labelled examples of a snapshot (`pages` is its JSONL text).
///
/// # Errors
/// When a line of the snapshot is not a page.
pub fn build(pages: &str, seed: u64, exclude: &Exclusions) -> anyhow::Result<(Vec<Example>, Report)> {
    use rayon::prelude::*;
    let mut report = Report::default();
    let mut filled = Vec::new();
    for (n, line) in pages.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let page: Page = serde_json::from_str(line).map_err(|e| anyhow::anyhow!("tldr pages line {}: {e}", n + 1))?;
        report.pages += 1;
        for (i, ex) in page.examples.iter().enumerate() {
            report.examples += 1;
            let source = format!("tldr:{}#{i}", page.source);
            let mut rng = Rng::new(seed ^ crate::ir::spec::fnv1a(&source, 0));
            filled.push((fill(&ex.command, &mut rng), source, program(&ex.command)));
        }
    }
    let mut seen = HashSet::new();
    let mut kept = Vec::new();
    for (command, source, program) in filled {
        let key = normalize(&command);
        if exclude.covers(&key) {
            report.excluded += 1;
        } else if !seen.insert(key) {
            report.duplicates += 1;
        } else {
            kept.push((command, source, program));
        }
    }
    let classifier = Classifier::default().with_model(ModelSource::Off);
    let labels: Vec<Label> = kept.par_iter().map(|(c, _, _)| label(&classifier, c)).collect();
    let mut out = Vec::new();
    for ((command, source, program), l) in kept.into_iter().zip(labels) {
        match l {
            Label::Known(label, categories, labelled_by) => out.push(Example { command, label, categories, source, program, labelled_by }),
            Label::Undetermined => report.undetermined += 1,
            Label::Gap => report.gaps += 1,
        }
    }
    Ok((out, report))
}

/// Writes the examples as `datasets/` JSONL.
///
/// # Errors
/// When writing fails.
pub fn write_jsonl(examples: &[Example], mut w: impl Write) -> std::io::Result<()> {
    for e in examples {
        let line = serde_json::json!({
            "command": e.command,
            "label": e.label.to_string(),
            "categories": e.categories.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "source": e.source,
            "program": e.program,
            "labelled_by": e.labelled_by,
        });
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The program an example template runs: its first word, past `sudo`;
/// `None` when that is a placeholder or not a plain name.
#[must_use]
pub fn program(template: &str) -> Option<String> {
    let mut words = template.split_whitespace();
    let mut first = words.next()?;
    if first == "sudo" {
        first = words.next()?;
    }
    let plain = first.chars().all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c));
    plain.then(|| first.to_string())
}

/// Fills every `{{placeholder}}` of a tldr example.
#[must_use]
pub fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        out.push_str(&rest[..start]);
        // `{{a}}}}`-style nesting does not occur; a `}` ending the value is
        // part of it (`{{{a,b}}}` is a brace expansion around a placeholder).
        let mut end = start + 2 + len;
        while rest[end + 2..].starts_with('}') && rest[start + 2..end].contains('{') {
            end += 1;
        }
        let inner = &rest[start + 2..end];
        let quoted = out.ends_with(['"', '\'']) || out.ends_with("=\"");
        out.push_str(&fill_one(inner, rng, quoted));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Picks one of `[a|b|c]`'s spellings in place (and keeps or drops an
/// optional `[x]`).
fn choose_brackets(p: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut rest = p;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..close];
        let alts: Vec<&str> = inner.split('|').collect();
        if alts.len() > 1 {
            out.push_str(alts[rng.below(alts.len())]);
        } else if rng.chance(500) {
            out.push_str(inner);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn pick<'a>(rng: &mut Rng, xs: &[&'a str]) -> &'a str {
    xs[rng.below(xs.len())]
}

const FILE_STEMS: &[&str] = &["notes", "report", "data", "main", "photo", "backup", "draft", "sample", "config", "results"];
const FILES: &[&str] = &["README.md", "notes.txt", "config.yaml", "main.py", "data.csv", "app.log", "index.html", "report.pdf"];
const DIRS: &[&str] = &["src", "docs", "build", "assets", "data", "logs", "tests", "photos"];
const REL_PREFIXES: &[&str] = &["", "", "", "src/", "data/", "./", "docs/"];
const ABS_PREFIXES: &[&str] = &["/tmp/", "/home/dev/project/", "/tmp/work/"];
const HOSTS: &[&str] = &["example.com", "203.0.113.10", "host.example.org", "198.51.100.23", "db.example.net"];
const IPS: &[&str] = &["192.0.2.15", "203.0.113.7", "198.51.100.42"];
const USERS: &[&str] = &["alice", "deploy", "dev", "bob"];
const PACKAGES: &[&str] = &["requests", "ripgrep", "lodash", "htop", "numpy", "jq", "express", "tmux"];
const NAMES: &[&str] = &["myapp", "web", "demo", "backend", "test-env", "blog"];

/// A value for one placeholder's text.
fn fill_one(p: &str, rng: &mut Rng, quoted: bool) -> String {
    let p = p.trim();
    // A spelling to pick: `{{[-r|--recursive]}}`, `{{[ls|list]}}`.
    if p.starts_with('[') && p.ends_with(']') && p.matches('[').count() == 1 {
        return choose_brackets(p, rng);
    }
    // A list: `{{path/to/file1 path/to/file2 ...}}`.
    if let Some(items) = p.strip_suffix("...") {
        let items: Vec<String> = items.split_whitespace().map(|i| fill_one(i, rng, quoted)).collect();
        if !items.is_empty() {
            return items.join(" ");
        }
    }
    let p = choose_brackets(p, rng);
    let value = value_for(&p, rng);
    if quoted || value.chars().all(|c| c.is_ascii_alphanumeric() || "._-/:@,+=%~^".contains(c)) { value } else { format!("'{}'", value.replace('\'', "")) }
}

fn value_for(p: &str, rng: &mut Rng) -> String {
    let lower = p.to_ascii_lowercase();
    if let Some(path) = path_value(p, rng) {
        return path;
    }
    if let Some(dev) = p.strip_prefix("/dev/") {
        return format!("/dev/{}", dev.replace("sdX", "sdb").replace(['X', 'Y', 'N'], "1"));
    }
    // A value already: a number, an address, a URL, a domain, an option.
    let literal = p.chars().all(|c| c.is_ascii_digit() || ".:/-".contains(c))
        || p.contains("://")
        || p.starts_with('-')
        || (p.contains('.') && !p.contains(' ') && p.chars().all(|c| c.is_ascii_alphanumeric() || ".-_@".contains(c)));
    if literal {
        return p.to_string();
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |ws: &[&str]| words.iter().any(|w| ws.contains(w));
    let value = if has(&["password", "passphrase", "secret", "token"]) {
        "hunter2-example"
    } else if has(&["email"]) {
        "alice@example.com"
    } else if has(&["url", "uri", "link"]) {
        pick(rng, &["https://example.com/files/archive.tar.gz", "https://example.com/api/v1/items", "https://example.org/page"])
    } else if has(&["ip", "ipv4"]) {
        pick(rng, IPS)
    } else if has(&["host", "hostname", "server", "domain", "remote", "machine"]) {
        pick(rng, HOSTS)
    } else if has(&["username", "user", "login", "owner"]) {
        pick(rng, USERS)
    } else if has(&["port"]) {
        pick(rng, &["8080", "2222", "443", "5432", "3000"])
    } else if has(&["package", "packages", "pkg", "formula", "crate", "gem", "library", "plugin", "extension"]) {
        pick(rng, PACKAGES)
    } else if has(&["version"]) {
        pick(rng, &["1.2.3", "2.0.1", "3.11"])
    } else if has(&["command", "cmd", "program", "executable"]) {
        pick(rng, &["ls", "make", "date", "uptime", "whoami"])
    } else if has(&["pid"]) {
        pick(rng, &["4242", "1337", "30512"])
    } else if has(&["branch"]) {
        pick(rng, &["main", "feature/login", "dev"])
    } else if has(&["message", "comment", "description", "text", "title", "note"]) {
        pick(rng, &["update docs", "fix typo", "hello world"])
    } else if has(&["pattern", "regex", "search", "keyword", "query", "string", "word"]) {
        pick(rng, &["TODO", "error", "main", "foo"])
    } else if has(&["tag"]) {
        pick(rng, &["v1.2.0", "latest"])
    } else if has(&["image"]) {
        pick(rng, &["nginx:latest", "alpine:3.19", "ubuntu"])
    } else if has(&["database", "db"]) {
        pick(rng, &["app_db", "inventory"])
    } else if has(&["table"]) {
        pick(rng, &["users", "orders"])
    } else if has(&["repository", "repo"]) {
        pick(rng, &["myorg/myrepo", "alice/dotfiles"])
    } else if has(&["namespace"]) {
        pick(rng, &["default", "web"])
    } else if has(&["region", "zone"]) {
        pick(rng, &["us-east-1", "europe-west1"])
    } else if has(&["group"]) {
        pick(rng, &["developers", "staff"])
    } else if has(&["interface"]) {
        pick(rng, &["eth0", "wlan0"])
    } else if has(&["file", "filename"]) {
        pick(rng, FILES)
    } else if has(&["directory", "dir", "folder"]) {
        pick(rng, DIRS)
    } else if has(&["name"]) {
        pick(rng, NAMES)
    } else if has(&["number", "count", "n", "seconds", "minutes", "width", "height", "size", "level", "timeout", "id"]) {
        pick(rng, &["3", "10", "42", "640"])
    } else if has(&["key"]) {
        pick(rng, &["color", "editor", "api_url"])
    } else if has(&["value"]) {
        pick(rng, &["blue", "42", "vim"])
    } else {
        return p.replace(' ', "_");
    };
    value.to_string()
}

/// A path for `path/to/…`, `/path/to/…` or `~/path/to/…`.
fn path_value(p: &str, rng: &mut Rng) -> Option<String> {
    let (prefix, rest) = if let Some(r) = p.strip_prefix("/path/to") {
        (pick(rng, ABS_PREFIXES).to_string(), r)
    } else if let Some(r) = p.strip_prefix("~/path/to") {
        ("~/".to_string(), r)
    } else if let Some(r) = p.strip_prefix("path/to") {
        (pick(rng, REL_PREFIXES).to_string(), r)
    } else {
        return None;
    };
    let tail = rest.trim_start_matches('/');
    let tail = tail.rsplit('/').next().unwrap_or(tail);
    let name = if tail.is_empty() {
        pick(rng, DIRS).to_string()
    } else if let Some((stem, ext)) = tail.split_once('.') {
        let generic = ["file", "input", "output", "image", "archive", "source", "target", "document", "video", "audio", "text"];
        if generic.iter().any(|g| stem.starts_with(g)) && rng.chance(600) { format!("{}.{ext}", pick(rng, FILE_STEMS)) } else { tail.to_string() }
    } else if ["directory", "dir", "folder"].iter().any(|d| tail.contains(d)) {
        pick(rng, DIRS).to_string()
    } else if tail == "file" || tail.starts_with("file") && tail[4..].chars().all(|c| c.is_ascii_digit()) {
        pick(rng, FILES).to_string()
    } else {
        tail.to_string()
    };
    Some(format!("{prefix}{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(t: &str, seed: u64) -> String {
        fill(t, &mut Rng::new(seed))
    }

    #[test]
    fn spellings_lists_and_paths_are_filled() {
        for seed in 0..40 {
            let s = filled("tar {{[-x|--extract]}} {{[-f|--file]}} {{path/to/source.tar[.gz|.xz]}}", seed);
            assert!(!s.contains("{{") && !s.contains('['), "{s}");
            assert!(s.starts_with("tar -x ") || s.starts_with("tar --extract "), "{s}");
            assert!(s.contains(".tar.gz") || s.contains(".tar.xz"), "{s}");
            let l = filled("cat {{path/to/file1 path/to/file2 ...}}", seed);
            assert_eq!(l.split_whitespace().count(), 3, "{l}");
            let d = filled("mkfs.ext4 {{/dev/sdXY}}", seed);
            assert_eq!(d, "mkfs.ext4 /dev/sdb1");
            let a = filled("rsync {{/path/to/file}} x", seed);
            assert!(a.starts_with("rsync /"), "{a}");
        }
    }

    #[test]
    fn values_come_from_their_kind() {
        let host = filled("ssh {{username}}@{{hostname}}", 3);
        assert!(USERS.iter().any(|u| host.starts_with(&format!("ssh {u}@"))), "{host}");
        assert!(HOSTS.iter().any(|h| host.ends_with(h)), "{host}");
        assert_eq!(filled("ping -c {{5}} {{example.com}}", 1), "ping -c 5 example.com");
        // A value with spaces is quoted, unless the template quotes it.
        let m = filled("git commit -m {{message}}", 2);
        assert!(m.starts_with("git commit -m '") && m.ends_with('\''), "{m}");
        let q = filled("git commit -m \"{{message}}\"", 2);
        assert!(q.ends_with('"') && !q.contains('\''), "{q}");
        // Unknown placeholder words stay as written.
        assert_eq!(filled("zentool {{frobnication_style}}", 0), "zentool frobnication_style");
    }

    #[test]
    fn exclusions_cover_copies_parts_and_one_word_changes() {
        let mut x = Exclusions::default();
        x.add("zentool scour --all remote-a\n{\"command\": \"echo hi | zentool list\"}\n");
        assert!(x.covers("zentool  scour --all remote-a"));
        assert!(x.covers("zentool scour --all remote-b"));
        assert!(x.covers("echo hi | zentool list | sort"));
        assert!(x.covers("ls && echo hi | zentool list"));
        assert!(!x.covers("echo hi | zentool list -l"));
        assert!(!x.covers("zentool scour --some remote-b"));
        assert!(x.covers("zentool put --data \"$(echo hi | zentool list)\""));
    }

    #[test]
    fn filling_is_deterministic() {
        let t = "cp {{path/to/file}} {{path/to/directory}} --{{name}}";
        assert_eq!(filled(t, 9), filled(t, 9));
        assert!((0..30).map(|s| filled(t, s)).collect::<HashSet<_>>().len() > 3);
    }

    #[test]
    fn program_is_the_first_word_past_sudo() {
        assert_eq!(program("sudo pamac install {{pkg}}").as_deref(), Some("pamac"));
        assert_eq!(program("git commit").as_deref(), Some("git"));
        assert_eq!(program("{{command}} | tee x"), None);
    }

    #[test]
    fn labels_follow_the_rules_and_leave_out_what_they_cannot_say() {
        let c = Classifier::default().with_model(ModelSource::Off);
        assert_eq!(label(&c, "ls -la src"), Label::Known(Decision::Allow, Vec::new(), "rules"));
        match label(&c, "rm -rf ~") {
            Label::Known(Decision::Deny, cats, "rules") => assert!(cats.contains(&Category::Destructive)),
            other => panic!("{other:?}"),
        }
        assert_eq!(label(&c, "quillmarkctl --frob x"), Label::Undetermined);
    }

    #[test]
    fn build_labels_dedupes_and_excludes() {
        let pages = concat!(
            r#"{"name":"a","examples":[{"description":"List","command":"ls {{path/to/directory}}"},{"description":"Same","command":"ls src"},{"description":"Del","command":"rm -rf ~"},{"description":"?","command":"quillmarkctl --frob"}],"source":"tldr-pages/tldr@x:pages/common/a.md"}"#,
            "\n"
        );
        let mut exclude = Exclusions::default();
        exclude.add(r#"{"command":"rm   -rf ~"}"#);
        let (ex, report) = build(pages, 1, &exclude).unwrap();
        assert_eq!(report.examples, 4);
        assert_eq!(report.excluded, 1);
        assert_eq!(report.undetermined, 1);
        assert!(ex.iter().all(|e| e.source.starts_with("tldr:tldr-pages/tldr@x:pages/common/a.md#")));
        assert!(ex.iter().all(|e| e.label == Decision::Allow && e.program.as_deref() == Some("ls")));
        let mut buf = Vec::new();
        write_jsonl(&ex, &mut buf).unwrap();
        let back = crate::dataset::read(buf.as_slice(), "tldr.jsonl", None);
        assert_eq!(back.len(), ex.len());
        assert!(back.iter().all(|r| r.as_ref().unwrap().program.as_deref() == Some("ls")));
    }
}
