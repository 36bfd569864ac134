//! The session ledger: what the agent's own session created or started, so
//! that undoing it is routine (issue 17).
//!
//! POLICY.md asks before recursive deletes of workspace paths, killing
//! processes by name and discarding changes, because they may destroy the
//! user's work. When the thing destroyed is something *this session* made a
//! few steps earlier (a scratch directory, a dev server, a tmux session, a
//! file it wrote), the person watching can only say yes: the prompt is
//! approval fatigue. The ledger remembers those creations, and
//! [`Ledger::excuse`] drops the `ask` rule hits they explain.
//!
//! Decisions, and why:
//! - Only what an earlier **allowed** command or file-tool call of the same
//!   session did is recorded ([`Ledger::record`], [`Ledger::record_file`]);
//!   a prompt's outcome is unknown to a pre-execution hook.
//! - Only `ask` hits of the destructive and system categories on the
//!   undoing command itself are dropped, and only when *every* target of
//!   that command is covered. A `deny` is never lowered; gaps (`RG` codes),
//!   other categories and other commands of the line keep their reasons.
//! - Paths are normalised (`..` resolved; on a real filesystem symlinks are
//!   resolved too, [`Fs::Real`]), must be inside the workspace (not its
//!   root) or `/tmp`, both when recorded and when excused. An entry for
//!   `build/` therefore never covers `build/../..`, `~`, or a `build` that
//!   became a symlink out of the workspace.
//! - A path is recorded as *created* only when it did not exist before
//!   the command (checked on a real filesystem; in offline replay, where
//!   there is none, writers count as creators and in-place editors as
//!   edits). Deleting needs *created*; restoring (`git checkout -- f`)
//!   accepts *created* or *edited*. Moving a file that is not the session's
//!   into a created directory forgets that directory.
//! - Killing by name needs a background job this session started whose
//!   program (plain `pkill NAME`, `killall NAME`) or command line
//!   (`pkill -f TEXT`) matches. Names of shells and interpreters alone
//!   (`pkill python`) match every such process on the machine and are
//!   never covered.
//! - The store ([`Store`]) keeps one file per session under riskgate's
//!   state directory, named by a hash of the session id, which the file
//!   also holds and which must match. Files are user-only (0600 in a 0700
//!   directory), bounded to [`MAX_ENTRIES`] entries (oldest dropped) and
//!   [`MAX_BYTES`], expire after [`MAX_AGE`] seconds, and carry a checksum.
//!   A missing, corrupt, oversize, foreign (other owner, symlink, group- or
//!   world-accessible) or torn file is ignored: the decision is then
//!   today's, without a ledger. The directory is riskgate's own state: a
//!   command writing there asks like one editing riskgate's config
//!   (`ESC007`), since the checksum guards against a torn write, not
//!   against someone who can write the file.
//! - The file is read on every hook call of the session, so its form is
//!   cheap to read (format version 2): a JSON header line (version,
//!   session, the body's CRC-32 and entry count), then one line per entry,
//!   `kind<TAB>unix seconds<TAB>step or -<TAB>value` with `\`, tab, CR and
//!   newline escaped in the value. Version 1 (one JSON document checked
//!   by SHA-256) cost 2.6 ms a call at 10,000 entries, mostly parsing; a
//!   file of another version is ignored.
//!
//! Left out for now: reading the agent's own transcript (`transcript_path`)
//! and pids of background jobs (only their command lines are kept).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::decide::{Reason, engine};
use crate::ir::paths::{PathClass, classify, normalize};
use crate::ir::{Command, Env, Origin, Script, Word, WrapperKind};
use crate::policy::{Category, Decision};
use crate::rules::RuleHit;

/// Entries kept per session; the oldest are dropped first.
pub const MAX_ENTRIES: usize = 10_000;
/// A ledger file larger than this is ignored.
pub const MAX_BYTES: u64 = 4 << 20;
/// Entries (and ledger files) older than this many seconds are dropped: 7 days.
pub const MAX_AGE: u64 = 7 * 24 * 3600;
const VERSION: u32 = 2;

/// What a ledger entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file or directory that did not exist before (absolute, resolved).
    Created,
    /// An existing file the session wrote to.
    Edited,
    /// A background job: its program name, then a tab, then its arguments.
    Process,
    /// A tmux session name.
    Tmux,
    /// A screen session name.
    Screen,
    /// A git branch.
    Branch,
    /// A git stash entry (pushed by this session, not yet popped).
    Stash,
}

/// One thing the session made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What it is.
    pub kind: Kind,
    /// Its path, name or command line.
    pub value: String,
    /// Unix seconds when it was recorded.
    pub at: u64,
    /// The session's step, in replay.
    pub step: Option<u64>,
}

/// When an action happened: for the entry and for the note in reasons.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mark {
    /// Unix seconds.
    pub at: u64,
    /// The step of a replayed session.
    pub step: Option<u64>,
}

impl Mark {
    /// Now, with no step.
    #[must_use]
    pub fn now() -> Mark {
        Mark { at: unix_now(), step: None }
    }
}

/// How paths are resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Fs {
    /// Lexically only (offline replay: there is no filesystem to ask).
    #[default]
    Lexical,
    /// Symlinks resolved and existence checked on this machine (the hook).
    Real,
}

/// What one session made. See the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The session id as the agent gave it.
    pub session: String,
    /// Entries, oldest first.
    pub entries: Vec<Entry>,
    fs: Fs,
    /// Changes made to `entries` since loading (the hook saves only then).
    revision: u64,
}

/// The stored form's first line; the entries follow, one a line, and
/// `checksum` is the CRC-32 of those bytes (checked before they are parsed).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u32,
    session: String,
    checksum: String,
    entries: usize,
}

impl Kind {
    const ALL: [Kind; 7] = [Kind::Created, Kind::Edited, Kind::Process, Kind::Tmux, Kind::Screen, Kind::Branch, Kind::Stash];

    /// The name in the stored form.
    fn name(self) -> &'static str {
        match self {
            Kind::Created => "created",
            Kind::Edited => "edited",
            Kind::Process => "process",
            Kind::Tmux => "tmux",
            Kind::Screen => "screen",
            Kind::Branch => "branch",
            Kind::Stash => "stash",
        }
    }
}

/// The stored lines of the entries.
fn encode_entries(entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.iter().map(|e| e.value.len() + 24).sum());
    for e in entries {
        write!(out, "{}\t{}\t", e.kind.name(), e.at).ok();
        match e.step {
            Some(step) => write!(out, "{step}\t").ok(),
            None => write!(out, "-\t").ok(),
        };
        for c in e.value.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

/// The entries of stored lines; `None` for anything [`encode_entries`] does not write.
fn decode_entries(body: &str) -> Option<Vec<Entry>> {
    // Byte searches: this runs over every entry on each hook call that
    // needs the ledger (memchr for lines; a plain scan for the short fields,
    // where memchr's setup costs more); tabs and newlines are ASCII, so
    // every cut is on a character boundary.
    fn field(s: &str) -> Option<(&str, &str)> {
        let i = s.bytes().position(|b| b == b'\t')?;
        Some((&s[..i], &s[i + 1..]))
    }
    let mut entries = Vec::with_capacity(memchr::memchr_iter(b'\n', body.as_bytes()).count());
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body.as_bytes()).chain((!body.ends_with('\n') && !body.is_empty()).then_some(body.len())) {
        let line = &body[start..end];
        start = end + 1;
        let (k, rest) = field(line)?;
        let (at, rest) = field(rest)?;
        let (step, raw) = field(rest)?;
        let kind = *Kind::ALL.iter().find(|x| x.name() == k)?;
        let at = at.parse().ok()?;
        let step = if step == "-" { None } else { Some(step.parse().ok()?) };
        let value = if raw.bytes().any(|b| b == b'\\') {
            let mut v = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                v.push(match c {
                    '\\' => match chars.next()? {
                        '\\' => '\\',
                        't' => '\t',
                        'n' => '\n',
                        'r' => '\r',
                        _ => return None,
                    },
                    c => c,
                });
            }
            v
        } else {
            raw.to_string()
        };
        entries.push(Entry { kind, value, at, step });
    }
    Some(entries)
}

/// Unix seconds now.
#[must_use]
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Ledger {
    /// An empty ledger for a session, resolving paths as `fs` says.
    #[must_use]
    pub fn new(session: impl Into<String>, fs: Fs) -> Ledger {
        Ledger { session: session.into(), entries: Vec::new(), fs, revision: 0 }
    }

    /// How many times the entries changed since this ledger was loaded or
    /// made: a caller compares it before and after recording. Recording a
    /// call into an empty ledger changes nothing only when recording it into
    /// any ledger would change nothing (every removal is counted, found or
    /// not), which lets the hook skip reading the stored one.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True with no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn push(&mut self, kind: Kind, value: String, mark: Mark) {
        if self.entries.last().is_some_and(|e| kind != Kind::Stash && e.kind == kind && e.value == value && e.at == mark.at && e.step == mark.step) {
            // Recorded again in the same second: the same ledger.
            return;
        }
        self.revision += 1;
        if let Some(old) = self.entries.iter().position(|e| e.kind == kind && e.value == value && kind != Kind::Stash) {
            self.entries.remove(old);
        }
        self.entries.push(Entry { kind, value, at: mark.at, step: mark.step });
        if self.entries.len() > MAX_ENTRIES {
            let extra = self.entries.len() - MAX_ENTRIES;
            self.entries.drain(..extra);
        }
    }

    /// Drops expired entries and keeps the newest [`MAX_ENTRIES`].
    pub fn prune(&mut self, now: u64) {
        let before = self.entries.len();
        self.entries.retain(|e| e.at.saturating_add(MAX_AGE) > now && e.at <= now.saturating_add(60));
        if self.entries.len() > MAX_ENTRIES {
            let extra = self.entries.len() - MAX_ENTRIES;
            self.entries.drain(..extra);
        }
        if self.entries.len() != before {
            self.revision += 1;
        }
    }

    /// The absolute, resolved form of a path, or `None` when it is not one
    /// the ledger deals with (outside the workspace and `/tmp`, the
    /// workspace root, a secret or git's data).
    fn place(&self, abs: &str, env: &Env) -> Option<String> {
        if !matches!(classify(abs, env), PathClass::Workspace | PathClass::Artefact | PathClass::Tmp) {
            return None;
        }
        match self.fs {
            Fs::Lexical => Some(abs.to_string()),
            Fs::Real => {
                let resolved = resolve(abs);
                let root = |p: &str| resolve(p);
                let ws = root(&env.workspace);
                let inside = [ws.as_str(), root("/tmp").as_str(), root("/var/tmp").as_str()]
                    .iter()
                    .any(|r| resolved.strip_prefix(r).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1));
                inside.then_some(resolved)
            }
        }
    }

    fn exists(&self, abs: &str) -> Option<bool> {
        (self.fs == Fs::Real).then(|| std::fs::symlink_metadata(abs).is_ok())
    }

    /// The entry that covers a path: the path itself or a directory above it.
    fn covering(&self, resolved: &str, kinds: &[Kind]) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| kinds.contains(&e.kind) && (resolved == e.value || resolved.strip_prefix(e.value.as_str()).is_some_and(|r| r.starts_with('/'))))
    }

    /// Records what an allowed command line creates or starts.
    pub fn record(&mut self, script: &Script, env: &Env, mark: Mark) {
        for cmd in &script.commands {
            if cmd.privileged || cmd.remote.is_some() || matches!(cmd.origin, Origin::Definition { .. }) {
                continue;
            }
            let Some(cwd) = cwd_of(script, cmd, env) else { continue };
            let abs = |w: &Word| literal(w).map(|t| normalize(t, &Env { workspace: cwd.clone(), ..env.clone() }));
            for w in crate::rules::shared::changes::written(cmd, env) {
                let Some(path) = abs(&w) else { continue };
                let edits_in_place = !matches!(cmd.name.as_str(), "mkdir" | "touch" | "tee" | "cp" | "mv" | "ln" | "install" | "git")
                    && !cmd.redirects.iter().any(|r| r.target.span == w.span && r.op == crate::ir::RedirectOp::Write);
                self.record_path(&path, edits_in_place, env, mark);
            }
            if matches!(cmd.name.as_str(), "mv" | "gmv") {
                self.forget_moved_into(cmd, &abs, env);
            }
            for (path, _) in created_by_tools(cmd).into_iter().filter_map(|w| Some((abs(&w)?, ()))) {
                self.record_path(&path, false, env, mark);
            }
            if cmd.background {
                self.record_job(script, cmd, mark);
            }
            self.record_names(cmd, mark);
        }
    }

    fn record_path(&mut self, abs: &str, edit: bool, env: &Env, mark: Mark) {
        let Some(place) = self.place(abs, env) else { return };
        let kind = match self.exists(&place) {
            Some(true) => Kind::Edited,
            Some(false) => Kind::Created,
            None if edit => Kind::Edited,
            None => Kind::Created,
        };
        if kind == Kind::Edited && self.covering(&place, &[Kind::Created]).is_some() {
            return;
        }
        self.push(kind, place, mark);
    }

    /// `mv theirs mine/`: `mine` now holds what the session did not make.
    fn forget_moved_into(&mut self, cmd: &Command, abs: &dyn Fn(&Word) -> Option<String>, env: &Env) {
        let ops: Vec<&Word> = cmd.operands().collect();
        let (sources, dest) = match cmd.flag_value(&["-t", "--target-directory"]) {
            Some(t) => (ops.clone(), Some(t)),
            None => (ops[..ops.len().saturating_sub(1)].to_vec(), ops.last().copied()),
        };
        let Some(dest) = dest.and_then(abs).and_then(|d| self.place(&d, env)) else { return };
        let foreign = sources.iter().any(|s| abs(s).and_then(|p| self.place(&p, env)).is_none_or(|p| self.covering(&p, &[Kind::Created]).is_none()));
        if foreign {
            self.revision += 1;
            self.entries.retain(|e| !(e.kind == Kind::Created && (dest == e.value || dest.strip_prefix(e.value.as_str()).is_some_and(|r| r.starts_with('/')))));
        }
    }

    fn record_job(&mut self, script: &Script, cmd: &Command, mark: Mark) {
        let mut stack = vec![cmd.id];
        while let Some(id) = stack.pop() {
            let Some(c) = script.commands.get(id) else { continue };
            if let Some(w) = &c.wraps {
                if matches!(w.kind, WrapperKind::Modifier | WrapperKind::Env) {
                    stack.extend(&w.inner);
                }
            }
            let line = c.args.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ");
            self.push(Kind::Process, format!("{}\t{line}", c.name), mark);
        }
    }

    fn record_names(&mut self, cmd: &Command, mark: Mark) {
        let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
        match cmd.name.as_str() {
            "tmux" if matches!(args.first(), Some(&("new-session" | "new"))) => {
                if let Some(name) = value_after(&cmd.args, &["-s"]) {
                    self.push(Kind::Tmux, name, mark);
                }
            }
            "screen" => {
                if let Some(name) = value_after(&cmd.args, &["-S", "-dmS", "-mdS"]) {
                    if !args.contains(&"-X") {
                        self.push(Kind::Screen, name, mark);
                    }
                }
            }
            "git" => {
                let sub = args.iter().position(|a| !a.starts_with('-')).map(|i| &args[i..]).unwrap_or_default();
                match sub {
                    ["checkout", flag, name, ..] | ["switch", flag, name, ..] if matches!(*flag, "-b" | "-c") => {
                        self.push(Kind::Branch, (*name).to_string(), mark)
                    }
                    ["branch", name] if !name.starts_with('-') => self.push(Kind::Branch, (*name).to_string(), mark),
                    ["stash"] | ["stash", "push" | "save", ..] => self.push(Kind::Stash, String::new(), mark),
                    ["stash", "pop" | "drop"] | ["stash", "pop" | "drop", "stash@{0}" | "0"] => {
                        // Counted even when there is nothing to drop: the hook
                        // records into an empty ledger first to learn whether
                        // a call changes the stored one at all.
                        self.revision += 1;
                        if let Some(i) = self.entries.iter().rposition(|e| e.kind == Kind::Stash) {
                            self.entries.remove(i);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Records a file tool's write (`Write`, `Edit`, ...) of absolute paths.
    pub fn record_file(&mut self, paths: &[String], env: &Env, mark: Mark) {
        for p in paths.iter().filter(|p| p.starts_with('/')) {
            self.record_path(&normalize(p, env), false, env, mark);
        }
    }

    /// Records what an allowed agent tool call made: a shell command's
    /// creations, a file tool's written paths.
    pub fn record_event(&mut self, classifier: &crate::Classifier, event: &crate::adapters::Event, mark: Mark) {
        use crate::adapters::{Access, Subject};
        let Some(cwd) = event.cwd.as_deref().filter(|c| c.starts_with('/')) else { return };
        let env = classifier.env_for(&crate::Request { command: String::new(), cwd: Some(cwd.to_string()) });
        match &event.subject {
            Subject::Shell { command } => self.record(&crate::ir::analyse(command, &env), &env, mark),
            Subject::File { paths, access } if *access != Access::Read => {
                let abs: Vec<String> = paths.iter().map(|p| normalize(p, &env)).collect();
                self.record_file(&abs, &env, mark);
            }
            _ => {}
        }
    }

    /// Removes from `hits` the `ask` hits this ledger explains (see the
    /// module docs) and returns the notes that replace them.
    pub fn excuse(&self, script: &Script, env: &Env, hits: &mut Vec<RuleHit>) -> Vec<Reason> {
        let mut notes = Vec::new();
        let mut explained: Vec<(usize, String)> = Vec::new();
        for cmd in &script.commands {
            if !hits.iter().any(|h| h.command == cmd.id) || hits.iter().any(|h| h.command == cmd.id && h.severity == Decision::Deny) {
                continue;
            }
            if let Some(why) = self.undoes(script, cmd, env) {
                explained.push((cmd.id, why));
            }
        }
        hits.retain(|h| {
            let excusable = h.severity == Decision::Ask && matches!(h.category, Category::Destructive | Category::System);
            !(excusable && explained.iter().any(|(id, _)| *id == h.command))
        });
        for (id, why) in explained {
            if hits.iter().any(|h| h.command == id) {
                continue;
            }
            let e = engine("RG019");
            let span = script.commands[id].span;
            notes.push(Reason { rule: e.code, name: e.name, category: None, severity: Decision::Allow, message: why, span });
        }
        notes
    }

    /// Why `cmd` only undoes what this session made, or `None`.
    fn undoes(&self, script: &Script, cmd: &Command, env: &Env) -> Option<String> {
        if cmd.privileged || cmd.remote.is_some() || !cmd.env.is_empty() {
            return None;
        }
        if let Origin::Wrapped { wrapper } = cmd.origin {
            let kind = script.commands.get(wrapper)?.wraps.as_ref()?.kind;
            if !matches!(kind, WrapperKind::Modifier) {
                return None;
            }
        }
        let cwd = cwd_of(script, cmd, env)?;
        let here = Env { workspace: cwd, ..env.clone() };
        let paths = |words: &[&Word], kinds: &[Kind]| -> Option<Vec<&Entry>> {
            if words.is_empty() {
                return None;
            }
            words.iter().map(|w| self.place(&normalize(literal(w)?, &here), env).and_then(|p| self.covering(&p, kinds))).collect()
        };
        let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
        let entries: Vec<&Entry> = match cmd.name.as_str() {
            "rm" | "rmdir" | "unlink" => {
                let ops: Vec<&Word> = cmd.args.iter().filter(|a| !a.text.starts_with('-') || a.text == "-").collect();
                if cmd.args.iter().any(|a| a.text.starts_with('-') && !is_rm_flag(&a.text)) {
                    return None;
                }
                paths(&ops, &[Kind::Created])?
            }
            "git" => {
                let sub = args.iter().position(|a| !a.starts_with('-')).map(|i| &args[i..]).unwrap_or_default();
                let words: Vec<&Word> = cmd.args.iter().skip(cmd.args.len() - sub.len()).collect();
                match sub {
                    ["checkout", "--", ..] => paths(&words[2..], &[Kind::Created, Kind::Edited])?,
                    ["restore", rest @ ..] if rest.iter().all(|a| !a.starts_with('-') || *a == "--" || *a == "--worktree" || *a == "-W") => {
                        let files: Vec<&Word> = words[1..].iter().filter(|w| !w.text.starts_with('-')).copied().collect();
                        paths(&files, &[Kind::Created, Kind::Edited])?
                    }
                    ["branch", "-D" | "-d" | "--delete", names @ ..] if !names.is_empty() => {
                        names.iter().map(|n| self.named(Kind::Branch, n)).collect::<Option<Vec<_>>>()?
                    }
                    ["stash", "drop"] | ["stash", "drop", "stash@{0}" | "0"] => vec![self.entries.iter().rev().find(|e| e.kind == Kind::Stash)?],
                    _ => return None,
                }
            }
            "tmux" => match args.as_slice() {
                ["kill-session", "-t", name] => vec![self.named(Kind::Tmux, name)?],
                _ => return None,
            },
            "screen" => match args.as_slice() {
                ["-S", name, "-X", "quit"] | ["-X", "-S", name, "quit"] => vec![self.named(Kind::Screen, name)?],
                _ => return None,
            },
            "pkill" | "killall" => vec![self.started(cmd)?],
            _ => return None,
        };
        if cmd.args.iter().any(|a| a.dynamic || a.glob) {
            return None;
        }
        let what: Vec<String> = entries
            .iter()
            .map(|e| {
                let shown = e.value.split('\t').next().unwrap_or_default();
                if e.kind == Kind::Stash { "a stash".to_string() } else { format!("`{shown}`") }
            })
            .collect();
        let first = entries.iter().min_by_key(|e| (e.step, e.at))?;
        Some(format!("{} created by this session at {}: undoing it is routine", join_unique(&what), when(first)))
    }

    fn named(&self, kind: Kind, name: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.kind == kind && e.value == name)
    }

    /// The background job `pkill`/`killall` targets, when this session started it.
    fn started(&self, cmd: &Command) -> Option<&Entry> {
        let mut full = false;
        let mut names = Vec::new();
        let mut args = cmd.args.iter();
        while let Some(a) = args.next() {
            match a.text.as_str() {
                "-f" | "--full" => full = true,
                "-s" | "--signal" => {
                    args.next()?;
                }
                "-x" | "--exact" | "-e" => {}
                t if t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && t.len() > 1 => {}
                t if t.starts_with('-') => return None,
                t => names.push(t),
            }
        }
        let [name] = names.as_slice() else { return None };
        if name.len() < 3 || crate::ir::programs::runs_code(name) {
            return None;
        }
        self.entries.iter().rev().find(|e| {
            e.kind == Kind::Process && {
                let (program, line) = e.value.split_once('\t').unwrap_or((&e.value, ""));
                if full { *name != program && format!("{program} {line}").contains(name) } else { program == *name }
            }
        })
    }
}

fn is_rm_flag(f: &str) -> bool {
    matches!(f, "-r" | "-R" | "-f" | "-rf" | "-fr" | "-Rf" | "-fR" | "-v" | "-rv" | "-rfv" | "-d" | "--recursive" | "--force" | "--verbose" | "-p" | "--")
}

fn join_unique(items: &[String]) -> String {
    let mut seen: Vec<&String> = Vec::new();
    for i in items {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

fn when(e: &Entry) -> String {
    if let Some(step) = e.step {
        return format!("step {step}");
    }
    let s = e.at % 86_400;
    format!("{:02}:{:02}:{:02} UTC", s / 3600, s % 3600 / 60, s % 60)
}

fn literal(w: &Word) -> Option<&str> {
    (!w.dynamic && !w.glob && !w.text.is_empty()).then_some(w.text.as_str())
}

/// The directory `cmd` runs in, following literal `cd`/`pushd`s before it;
/// `None` after one the analysis cannot follow.
fn cwd_of(script: &Script, cmd: &Command, env: &Env) -> Option<String> {
    let mut cwd = env.workspace.clone();
    for c in script.commands.iter().filter(|c| c.id < cmd.id && matches!(c.name.as_str(), "cd" | "pushd" | "popd")) {
        let dir = c.operands().next();
        match dir {
            Some(d) if c.name != "popd" && literal(d).is_some() && d.text != "-" => {
                cwd = normalize(&d.text, &Env { workspace: cwd.clone(), ..env.clone() });
            }
            _ => return None,
        }
    }
    Some(cwd)
}

/// Directories that project tools create: `python -m venv X`, `virtualenv
/// X`, `uv venv [X]`, `npm init` (package.json).
fn created_by_tools(cmd: &Command) -> Vec<Word> {
    let args = &cmd.args;
    let texts: Vec<&str> = args.iter().map(|a| a.text.as_str()).collect();
    let synthetic = |t: &str| Word::literal(t, cmd.span, PathClass::Workspace);
    let first_operand_after = |i: usize| args.iter().skip(i).find(|a| !a.text.starts_with('-')).cloned();
    let python = crate::ir::programs::language(&cmd.name) == Some(crate::ir::Language::Python);
    if python {
        if let Some(i) = texts.windows(2).position(|w| w == ["-m", "venv"]) {
            return first_operand_after(i + 2).into_iter().collect();
        }
    }
    match (cmd.name.as_str(), texts.first().copied()) {
        ("virtualenv", _) => first_operand_after(0).into_iter().collect(),
        ("uv", Some("venv")) => vec![first_operand_after(1).unwrap_or_else(|| synthetic(".venv"))],
        ("npm", Some("init")) => vec![synthetic("package.json")],
        _ => Vec::new(),
    }
}

fn value_after(args: &[Word], flags: &[&str]) -> Option<String> {
    let i = args.iter().position(|a| flags.contains(&a.text.as_str()))?;
    literal(args.get(i + 1)?).map(str::to_string)
}

/// `path` with symlinks resolved: the longest existing prefix canonicalised,
/// the rest appended (then normalised lexically).
fn resolve(path: &str) -> String {
    let mut head = PathBuf::from(path);
    let mut tail: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&head) {
            let mut out = real;
            for t in tail.iter().rev() {
                out.push(t);
            }
            let s = out.to_string_lossy().to_string();
            return normalize(&s, &Env::new("/", "/"));
        }
        match (head.file_name().map(std::ffi::OsStr::to_os_string), head.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name);
                head = parent.to_path_buf();
            }
            _ => return path.to_string(),
        }
    }
}

/// Where ledgers are kept: one file per session, see the module docs.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// A store in `dir` (created on first save).
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// `$XDG_STATE_HOME/riskgate/sessions`, else `~/.local/state/riskgate/sessions`;
    /// without `$XDG_STATE_HOME`, `None` when `$HOME` does not exist: the
    /// hook never creates a home directory.
    #[must_use]
    pub fn default_store() -> Option<Store> {
        let set = |v: &str| std::env::var_os(v).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_absolute());
        if set("XDG_STATE_HOME").is_none() && !set("HOME")?.is_dir() {
            return None;
        }
        crate::cli::install::state_dir().map(|d| Store::new(d.join("sessions")))
    }

    /// The file of a session.
    #[must_use]
    pub fn path(&self, session: &str) -> PathBuf {
        let digest = Sha256::digest(session.as_bytes());
        let mut name = String::new();
        for b in &digest[..16] {
            write!(name, "{b:02x}").ok();
        }
        self.dir.join(format!("{name}.json"))
    }

    /// The session's ledger, or an empty one when there is none or it
    /// cannot be trusted (see the module docs). Never an error.
    #[must_use]
    pub fn load(&self, session: &str, now: u64) -> Ledger {
        let mut ledger = self.read(session).unwrap_or_else(|| Ledger::new(session, Fs::Real));
        ledger.fs = Fs::Real;
        ledger.prune(now);
        ledger
    }

    fn read(&self, session: &str) -> Option<Ledger> {
        let path = self.path(session);
        if !owned_private(&self.dir, true) || !owned_private(&path, false) {
            return None;
        }
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.len() > MAX_BYTES {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let (head, body) = text.split_once('\n')?;
        let header: Header = serde_json::from_str(head).ok()?;
        if header.version != VERSION || header.session != session || header.checksum != checksum(body) {
            return None;
        }
        let entries = decode_entries(body)?;
        (entries.len() == header.entries).then(|| Ledger { session: session.to_string(), entries, ..Ledger::default() })
    }

    /// Writes the ledger (pruned), replacing the file atomically, and drops
    /// other sessions' files that have expired.
    ///
    /// # Errors
    /// When the directory or file cannot be written, or is not the user's own.
    pub fn save(&self, ledger: &Ledger, now: u64) -> std::io::Result<()> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        let mut ledger = ledger.clone();
        ledger.prune(now);
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&self.dir)?;
        if !owned_private(&self.dir, true) {
            return Err(std::io::Error::other(format!("{} is not a private directory of this user", self.dir.display())));
        }
        let body = encode_entries(&ledger.entries);
        let header = Header { version: VERSION, session: ledger.session.clone(), checksum: checksum(&body), entries: ledger.entries.len() };
        let text = format!("{}\n{body}", serde_json::to_string(&header).map_err(std::io::Error::other)?);
        let path = self.path(&ledger.session);
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
        // No fsync: a torn file fails its checksum and is ignored, which is
        // today's behaviour; the hook's latency matters more.
        let written = f.write_all(text.as_bytes()).and_then(|()| std::fs::rename(&tmp, &path));
        if written.is_err() {
            std::fs::remove_file(&tmp).ok();
        }
        written?;
        self.expire_others(&path, now);
        Ok(())
    }

    fn expire_others(&self, keep: &Path, now: u64) {
        let Ok(dir) = std::fs::read_dir(&self.dir) else { return };
        for entry in dir.flatten() {
            let path = entry.path();
            let old = entry
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .is_some_and(|d| d.as_secs() + MAX_AGE < now);
            if old && path != keep && path.extension().is_some_and(|e| e == "json") {
                std::fs::remove_file(path).ok();
            }
        }
    }
}

/// CRC-32 of the entries' bytes, hex: a torn or truncated write is caught
/// (a rename makes that rare), at memory speed.
fn checksum(body: &str) -> String {
    format!("{:08x}", crc32fast::hash(body.as_bytes()))
}

/// True for a real file (`dir`: directory), not a symlink, owned by this
/// process's user, with no group or other permissions.
fn owned_private(path: &Path, dir: bool) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else { return false };
    let kind_ok = if dir { meta.is_dir() } else { meta.is_file() };
    // The process's own uid: /proc/self on Linux, else the owner of $HOME.
    let me = std::fs::metadata("/proc/self").or_else(|_| std::fs::metadata(std::env::var_os("HOME").unwrap_or_default())).map(|m| m.uid());
    kind_ok && me.is_ok_and(|uid| uid == meta.uid()) && meta.mode() & 0o077 == 0
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn env() -> Env {
        Env::default()
    }

    fn record(ledger: &mut Ledger, cmd: &str, step: u64) {
        ledger.record(&crate::ir::analyse(cmd, &env()), &env(), Mark { at: 1_000, step: Some(step) });
    }

    /// The hits left after the ledger excused what it could, and its notes.
    fn excused(ledger: &Ledger, cmd: &str, env: &Env) -> (Vec<&'static str>, Vec<Reason>) {
        let script = crate::ir::analyse(cmd, env);
        let mut hits = crate::rules::run(&script, env, &[]);
        let notes = ledger.excuse(&script, env, &mut hits);
        (hits.iter().map(|h| h.rule).collect(), notes)
    }

    #[test]
    fn own_directory_delete_is_excused_with_a_note() {
        let mut l = Ledger::new("s", Fs::Lexical);
        record(&mut l, "mkdir -p scratch && touch scratch/x", 3);
        let (left, notes) = excused(&l, "rm -rf scratch", &env());
        assert!(left.is_empty(), "{left:?}");
        assert!(notes[0].message.contains("created by this session at step 3"), "{notes:?}");
        for cmd in [
            "rm -rf scratch/../..",
            "rm -rf scratch/../src",
            "rm -rf ~",
            "rm -rf scratch src",
            "rm -rf scr*",
            "sudo rm -rf scratch",
            "rm -rf /home/dev/project",
        ] {
            assert!(!excused(&l, cmd, &env()).0.is_empty(), "{cmd}");
        }
    }

    #[test]
    fn nothing_outside_workspace_or_tmp_is_recorded() {
        let mut l = Ledger::new("s", Fs::Lexical);
        record(&mut l, "mkdir -p /home/dev/other /etc/x ~/y && touch /tmp/t.txt", 1);
        let values: Vec<&str> = l.entries.iter().map(|e| e.value.as_str()).collect();
        assert_eq!(values, ["/tmp/t.txt"]);
    }

    #[test]
    fn jobs_tmux_and_branches_are_recorded_and_matched() {
        let mut l = Ledger::new("s", Fs::Lexical);
        record(&mut l, "nohup python3 -m http.server 8000 & tmux new -d -s dev; git checkout -b wip", 1);
        assert!(excused(&l, "pkill -f http.server", &env()).0.is_empty());
        assert!(!excused(&l, "pkill -f python3", &env()).0.is_empty(), "an interpreter's name matches every such process");
        assert!(!excused(&l, "pkill -f other.server", &env()).0.is_empty());
        assert!(excused(&l, "tmux kill-session -t dev", &env()).0.is_empty());
        assert!(!excused(&l, "tmux kill-session -t prod", &env()).0.is_empty());
        assert!(excused(&l, "git branch -D wip", &env()).0.is_empty());
        assert!(!excused(&l, "git branch -D main", &env()).0.is_empty());
    }

    #[test]
    fn a_deny_is_never_lowered() {
        let mut l = Ledger::new("s", Fs::Lexical);
        record(&mut l, "mkdir /tmp/a", 1);
        let (left, _) = excused(&l, "rm -rf /tmp/a / ", &env());
        assert!(!left.is_empty());
    }

    #[test]
    fn moving_foreign_files_in_forgets_the_directory() {
        let mut l = Ledger::new("s", Fs::Lexical);
        record(&mut l, "mkdir box", 1);
        record(&mut l, "mv src/main.rs box/", 2);
        assert!(!excused(&l, "rm -rf box", &env()).0.is_empty());
    }

    #[test]
    fn bounded_and_expiring() {
        let mut l = Ledger::new("s", Fs::Lexical);
        for i in 0..(MAX_ENTRIES as u64 + 5) {
            l.push(Kind::Tmux, format!("t{i}"), Mark { at: 1_000 + i, step: None });
        }
        assert_eq!(l.len(), MAX_ENTRIES);
        assert_eq!(l.entries[0].value, "t5", "the oldest are dropped");
        l.prune(1_000 + MAX_AGE + 10);
        assert_eq!(l.entries.first().map(|e| e.at), Some(1_011));
        l.prune(u64::MAX / 2);
        assert!(l.is_empty());
    }

    fn saved(dir: &Path) -> (Store, Ledger) {
        let store = Store::new(dir.join("sessions"));
        let mut l = Ledger::new("session-a", Fs::Real);
        l.push(Kind::Tmux, "dev".into(), Mark { at: unix_now(), step: None });
        store.save(&l, unix_now()).expect("save");
        (store, l)
    }

    #[test]
    fn store_round_trip_with_private_permissions() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (store, l) = saved(tmp.path());
        assert_eq!(store.load("session-a", unix_now()).entries, l.entries);
        assert!(store.load("session-b", unix_now()).is_empty(), "another session's ledger is never used");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&store.dir), 0o700);
        assert_eq!(mode(&store.path("session-a")), 0o600);
    }

    #[test]
    fn the_stored_lines_give_back_every_entry() {
        let values = ["/tmp/a b", "tab\there", "new\nline\r\n", "back\\slash\\t", "\\", "", "ünï ✓", "x\t\\n"];
        let entries: Vec<Entry> = values
            .iter()
            .enumerate()
            .map(|(i, v)| Entry { kind: Kind::ALL[i % Kind::ALL.len()], value: (*v).to_string(), at: 1_000 + i as u64, step: (i % 2 == 0).then_some(i as u64) })
            .collect();
        let body = encode_entries(&entries);
        assert_eq!(body.lines().count(), entries.len(), "one line an entry: {body:?}");
        assert_eq!(decode_entries(&body), Some(entries));
        for bad in ["created\t1\t-", "nope\t1\t-\tx", "created\tx\t-\tv", "created\t1\t?\tv", "created\t1\t-\ta\\qb", "created\t1\t-\tend\\"] {
            assert_eq!(decode_entries(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_ledger_of_another_format_version_or_count_is_ignored() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (store, _) = saved(tmp.path());
        let path = store.path("session-a");
        let good = std::fs::read_to_string(&path).expect("read");
        for (from, to) in [("\"version\":2", "\"version\":1"), ("\"entries\":1", "\"entries\":2")] {
            assert!(good.contains(from), "{good}");
            std::fs::write(&path, good.replace(from, to)).expect("edit");
            assert!(store.load("session-a", unix_now()).is_empty(), "{to}");
        }
    }

    #[test]
    fn the_revision_counts_changes_only() {
        let env = Env::new("/home/dev/project", "/home/dev");
        let mut l = Ledger::new("s", Fs::Lexical);
        l.record(&crate::ir::analyse("ls -la src", &env), &env, Mark { at: 1_000, step: None });
        assert_eq!(l.revision(), 0, "nothing made");
        l.record(&crate::ir::analyse("mkdir build_x", &env), &env, Mark { at: 1_000, step: None });
        let after = l.revision();
        assert!(after > 0);
        l.prune(1_001);
        assert_eq!(l.revision(), after, "nothing expired");
        l.prune(1_000 + MAX_AGE + 1);
        assert!(l.revision() > after && l.is_empty());
    }

    #[test]
    fn corrupt_tampered_foreign_and_oversize_ledgers_are_ignored() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (store, _) = saved(tmp.path());
        let path = store.path("session-a");
        let good = std::fs::read_to_string(&path).expect("read");
        let load = || store.load("session-a", unix_now());
        assert!(!load().is_empty());
        assert!(good.contains("\tdev\n"), "{good}");
        std::fs::write(&path, good.replace("\tdev\n", "\tprod\n")).expect("tamper");
        assert!(load().is_empty(), "a checksum mismatch is ignored");
        std::fs::write(&path, &good[..good.len() - 1]).expect("truncate");
        assert!(load().is_empty(), "a torn file is ignored");
        std::fs::write(&path, good.replace("session-a", "session-b")).expect("tamper");
        assert!(load().is_empty(), "a checksum mismatch is ignored");
        std::fs::write(&path, "{not json").expect("corrupt");
        assert!(load().is_empty());
        std::fs::write(&path, &good).expect("restore");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(load().is_empty(), "a file others can read or write is ignored");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(!load().is_empty());
        let elsewhere = tmp.path().join("elsewhere.json");
        std::fs::rename(&path, &elsewhere).expect("move");
        std::os::unix::fs::symlink(&elsewhere, &path).expect("symlink");
        assert!(load().is_empty(), "a symlinked ledger is ignored");
        std::fs::remove_file(&path).expect("rm");
        let big = format!("{}{}", good, " ".repeat(usize::try_from(MAX_BYTES).expect("fits")));
        std::fs::write(&path, big).expect("big");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(load().is_empty(), "an oversize ledger is ignored");
    }

    #[test]
    fn a_symlink_out_of_the_workspace_is_not_covered() {
        let tmp = tempfile::tempdir().expect("tmp");
        let ws = tmp.path().join("ws");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(&ws).expect("ws");
        std::fs::create_dir_all(&outside).expect("outside");
        let env = Env::new(ws.to_string_lossy().to_string(), "/home/dev");
        let mut l = Ledger::new("s", Fs::Real);
        l.record(&crate::ir::analyse("mkdir build_x", &env), &env, Mark::now());
        assert_eq!(l.entries.first().map(|e| e.kind), Some(Kind::Created));
        std::fs::create_dir(ws.join("build_x")).expect("created");
        assert!(excused(&l, "rm -rf build_x", &env).0.is_empty());
        std::fs::remove_dir(ws.join("build_x")).expect("rm");
        std::os::unix::fs::symlink(&outside, ws.join("build_x")).expect("symlink");
        assert!(!excused(&l, "rm -rf build_x/", &env).0.is_empty());
        assert!(!excused(&l, "rm -rf build_x", &env).0.is_empty());
    }

    #[test]
    fn an_existing_directory_is_an_edit_not_a_creation() {
        let tmp = tempfile::tempdir().expect("tmp");
        std::fs::create_dir_all(tmp.path().join("ws/src")).expect("ws");
        let env = Env::new(tmp.path().join("ws").to_string_lossy().to_string(), "/home/dev");
        let mut l = Ledger::new("s", Fs::Real);
        l.record(&crate::ir::analyse("mkdir -p src", &env), &env, Mark::now());
        assert!(!excused(&l, "rm -rf src", &env).0.is_empty());
    }
}
