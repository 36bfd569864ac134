//! The file table: what a command line wrote into files before it runs them.
//!
//! `cat > x.sh <<'EOF' … EOF; bash x.sh` runs the heredoc. When a command
//! runs a file ([`Lowerer::run_written_file`]: a shell's script operand,
//! `source`/`.`, an interpreter's script operand or `code-file` option
//! value, a program named by path, a variable whose value is a file of code),
//! the table is read for that file: the commands before it are folded in
//! order ([`Lowerer::written`]), each writer changing what the file holds.
//! The text found is lowered as the code it is, one level deeper, with
//! `Origin::Written` naming the runner and the writer, and every span is the
//! span of the written text (the heredoc body, the `echo`): a reason points
//! at the line that wrote the code.
//!
//! A shell or interpreter reading its code on stdin from one file (`sh <
//! x.sh`, `cat x.sh | sh`, `python3 < t.py`) runs that file too
//! ([`Lowerer::run_stdin_file`]).
//!
//! Writers: `>`/`>>` redirections of commands whose output is known
//! (`echo`, `printf`, `cat` of a heredoc or here-string, `cat` of files the
//! table knows, decoders; a group's commands into one redirection append),
//! `tee [-a]` of known input, `cp`/`ln`/`install`/`mv` of a file the table
//! knows, `rm` (forgets it). `sed -i`/`perl -i` edits mark the text edited
//! (the text before the edit is still what is judged: an edit riskgate does
//! not model is no reason to judge less), `chmod +x`/`755` marks it
//! executable. A writer whose output is unknown (`curl … > x.sh`) leaves the
//! text unknown, and running it adds nothing: downloads run are the
//! remote-code rules' business, and a project's own script is judged as
//! running one (`python script.py` is allow).
//!
//! Project runners read the project file the command line wrote
//! ([`Lowerer::project_run`]): `make [-C D] [-f F] [TARGET…]` runs the goals'
//! recipes after their prerequisites (`later::make_plan`), `npm run X`,
//! `npm test`, `yarn X`, `pnpm X`, `bun run X` run the `package.json`
//! script with its `pre`/`post` scripts (`npm install`/`ci`: the install
//! lifecycle), `just [X]` runs the recipe after its dependencies. What runs
//! is lowered as shell code with `Origin::Written`.
//!
//! A file the command line did not write is read from the workspace where
//! files are read ([`Lowerer::contents`], `disk.rs`: the hook, `check`,
//! `explain`; batch scoring has no files), lowered with `Origin::Project`.
//!
//! Paths compare after lexical normalisation against the workspace, so
//! `x.sh`, `./x.sh` and `$PWD/x.sh` are one file. The fold is bounded
//! ([`SCAN_BUDGET`] commands looked at per script, [`MAX_COPY_DEPTH`] copies
//! followed); past the budget nothing more is resolved and an issue makes
//! the verdict ask.
//!
//! Limits, by design of a static reading: a `cd` between the write and the
//! run is not replayed (both paths are read against the directory of their
//! own command); a file run on another host (`ssh h bash x.sh`) is not ours.

use super::disk::Disk;
use super::lower::{Ctx, Lowerer};
use super::programs::{self, arity, skip_options};
use super::spec::{self, Kind, Language, Role};
use super::{Env, Input, Issue, IssueKind, Origin, RedirectOp, Span, Word, Wrapped, WrapperKind};

/// Most commands looked at by the fold for one script, over every file run.
pub const SCAN_BUDGET: usize = 100_000;

/// Most copies (`cp a b; cp b c`) followed back to the text they copy.
const MAX_COPY_DEPTH: u32 = 8;

/// What a command line wrote into a file before a given command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written {
    /// The file's text, when every write into it was known.
    pub text: Option<String>,
    /// Edited in place since (`sed -i`): the text is what was written before.
    pub edited: bool,
    /// Made executable (`chmod +x`).
    pub executable: bool,
    /// Id of the command that wrote the text.
    pub writer: usize,
    /// Where the written text stands (a heredoc body, the writing command).
    pub at: Span,
    /// Read from the project's file on disk, not written by the command line.
    pub disk: bool,
}

/// What one command does to one file.
enum Op {
    /// Writes text (`None`: unknown); `group` is the redirection's span, so
    /// a group's commands into one `>` append after the first.
    Write { text: Option<String>, append: bool, at: Span, group: Option<Span> },
    /// Copies another file (`cp`, `ln`, `install`, `mv`).
    Copy { from: String, executable: bool },
    /// Deletes it (`rm`, or `mv` away).
    Remove,
    /// Edits it in place (`sed -i`).
    Edit,
    /// Makes it executable.
    Executable,
}

/// How a command runs a file.
pub(super) struct Run {
    /// The word naming the file.
    pub file: Word,
    /// The language it is read as; `None` takes it from the file's `#!` line (shell without one).
    pub language: Option<Language>,
    /// `$0`, `$1`, … of a shell script.
    pub positional: Vec<Word>,
}

/// True for a `chmod` mode that grants execute permission.
fn grants_execute(mode: &str) -> bool {
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return mode.bytes().rev().take(3).any(|b| (b - b'0') & 1 == 1);
    }
    mode.split(',').any(|clause| clause.split_once(['+', '=']).is_some_and(|(_, perms)| perms.contains('x')))
}

/// The interpreter a `#!` line names (`#!/usr/bin/env -S python3 -u` -> `python3`).
fn shebang_program(text: &str) -> Option<&str> {
    let line = text.lines().next()?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let first = words.next()?.rsplit('/').next()?;
    if first != "env" {
        return Some(first);
    }
    words.find(|w| !w.starts_with('-') && !w.contains('='))
}

impl Lowerer<'_> {
    /// The file a command runs, if it runs one: see the module docs.
    fn file_run(&self, id: usize) -> Option<Run> {
        let c = &self.commands[id];
        if c.is_function || c.remote.is_some() || c.program.dynamic {
            return None;
        }
        let args = &c.args;
        let name = c.name.as_str();
        if programs::is_shell(name) {
            if c.wraps.is_some() || !programs::code_options(c).is_empty() {
                return None;
            }
            let k = skip_options(args, arity(spec::lookup(name)), false);
            let file = args.get(k).filter(|w| w.text != "-")?;
            return Some(Run { file: file.clone(), language: Some(Language::Shell), positional: args[k..].to_vec() });
        }
        if matches!(name, "source" | ".") {
            let file = args.first()?;
            return Some(Run { file: file.clone(), language: Some(Language::Shell), positional: args.clone() });
        }
        let lang = programs::language(name)?;
        let chain = spec::chain(name, &c.argv.subcommands);
        if let Some(f) = c.argv.flags.iter().find(|f| spec::value_role(&chain, &f.name) == Some(Role::CodeFile)) {
            return Some(Run { file: f.value.clone()?, language: Some(lang), positional: Vec::new() });
        }
        if programs::kind(name) == Some(Kind::Interpreter) {
            if !c.code().is_empty() {
                return None;
            }
            let k = skip_options(args, arity(spec::lookup(name)), false);
            let file = args.get(k).filter(|w| w.text != "-")?;
            return Some(Run { file: file.clone(), language: Some(lang), positional: args[k..].to_vec() });
        }
        None
    }

    /// `./x.sh`, `bin/task`: a program named by a path that this command
    /// line wrote (whatever program shares its base name).
    fn path_run(&mut self, id: usize) -> Option<(Run, String, Written)> {
        let c = &self.commands[id];
        if c.is_function || c.remote.is_some() || c.program.dynamic || c.program.glob || !c.program.text.contains('/') {
            return None;
        }
        let mut positional = vec![c.program.clone()];
        positional.extend(c.args.iter().cloned());
        let run = Run { file: c.program.clone(), language: None, positional };
        let path = super::paths::normalize(&run.file.text, &self.cwd_env());
        let written = self.contents(&path, id)?;
        Some((run, path, written))
    }

    /// After command `id` is built: when it runs a file this command line
    /// wrote, lowers what the file holds as the code it is.
    pub(super) fn run_written_file(&mut self, id: usize, ctx: &Ctx) {
        if let Some((path, written, code, dir)) = self.project_run(id) {
            let run = Run { file: self.commands[id].program.clone(), language: Some(Language::Shell), positional: Vec::new() };
            let written = Written { text: Some(code), ..written };
            // `make -C DIR`: the recipes run in DIR.
            let saved = dir.map(|d| self.cwd.replace(Some(d)));
            self.run_text(id, ctx, run, path, written, false);
            if let Some(saved) = saved {
                self.cwd = saved;
            }
            return;
        }
        let (run, path, written) = match self.path_run(id) {
            Some(found) => found,
            None => {
                let Some(run) = self.file_run(id) else { return };
                if run.file.dynamic || run.file.glob {
                    return;
                }
                let path = super::paths::normalize(&run.file.text, &self.cwd_env());
                let Some(written) = self.contents(&path, id) else { return };
                (run, path, written)
            }
        };
        self.run_text(id, ctx, run, path, written, true);
    }

    /// `make [-C D] [-f F] [TARGET…]`, `npm run X`/`npm test`/`npm install`,
    /// `yarn X`, `pnpm X`, `bun run X`, `just [X]`: the project file they
    /// read (written by this command line, else on disk where files are
    /// read), what it held, the shell code the command runs from it
    /// (`src/ir/later.rs`: recipes with their prerequisites, a script with
    /// its `pre`/`post` scripts, the install lifecycle) and the directory
    /// it runs in when not the current one (`make -C`).
    fn project_run(&mut self, id: usize) -> Option<(String, Written, String, Option<String>)> {
        use super::later;
        let c = &self.commands[id];
        if c.is_function || c.remote.is_some() || c.program.dynamic {
            return None;
        }
        let name = programs::canonical(&c.name).to_string();
        let ops: Vec<Word> = c.argv.operands.clone();
        let env = self.cwd_env();
        let norm = |f: &str| super::paths::normalize(f, &env);
        match name.as_str() {
            "make" => {
                let dir = match c.flag_value(&["-C", "--directory"]) {
                    Some(d) if !d.dynamic => Some(norm(&d.text)),
                    Some(_) => return None,
                    None => None,
                };
                let here = Env { workspace: dir.clone().unwrap_or_else(|| env.workspace.clone()), ..env.clone() };
                let in_dir = |f: &str| super::paths::normalize(f, &here);
                let files: Vec<String> = match c.flag_value(&["-f", "--file", "--makefile"]) {
                    Some(f) if !f.dynamic => vec![in_dir(&f.text)],
                    Some(_) => return None,
                    None => ["GNUmakefile", "makefile", "Makefile"].iter().map(|f| in_dir(f)).collect(),
                };
                let goals: Vec<String> = ops.iter().filter(|o| !o.text.contains('=')).map(|o| o.text.clone()).collect();
                // `make --eval=TEXT`: makefile text read after the makefile.
                let evals: Vec<Word> = c.argv.flags.iter().filter(|f| f.name == "--eval").filter_map(|f| f.value.clone()).collect();
                if evals.iter().any(|e| e.dynamic) {
                    return None;
                }
                let eval_text: String = evals.iter().map(|e| format!("\n{}", e.text)).collect();
                for f in files {
                    if let Some(w) = self.contents(&f, id) {
                        let mut chain = vec![f.clone()];
                        let text = match self.make_includes(w.text.as_deref()?, &here.workspace, &mut chain) {
                            Ok(t) => t,
                            Err(why) => {
                                self.refuse(id, why);
                                return None;
                            }
                        };
                        let code = later::make_plan(&format!("{text}{eval_text}"), &goals).join("\n");
                        return Some((f, w, code, dir));
                    }
                }
                let first = evals.first()?;
                let code = later::make_plan(&eval_text, &goals).join("\n");
                let w = Written { text: Some(eval_text.clone()), edited: false, executable: false, writer: id, at: first.span, disk: false };
                Some(("--eval".into(), w, code, dir))
            }
            "just" => {
                let f = match c.flag_value(&["-f", "--justfile"]) {
                    Some(f) if !f.dynamic => norm(&f.text),
                    Some(_) => return None,
                    None => norm("justfile"),
                };
                let recipe = ops.first().map(|o| o.text.clone());
                let w = match self.contents(&f, id) {
                    Some(w) => w,
                    None => self.contents(&norm("Justfile"), id)?,
                };
                let code = later::just_plan(w.text.as_deref()?, recipe.as_deref()).join("\n");
                Some((f, w, code, None))
            }
            "npm" | "pnpm" | "yarn" | "bun" => {
                let words: Vec<&str> = c.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
                let install = ["preinstall", "install", "postinstall", "prepare"];
                let wanted: Vec<String> = match words.as_slice() {
                    ["run" | "run-script" | "rum" | "urn", script, ..] => vec![(*script).to_string()],
                    ["test" | "t" | "tst", ..] => vec!["test".into()],
                    ["start", ..] => vec!["start".into()],
                    ["stop", ..] => vec!["stop".into()],
                    ["restart", ..] => vec!["restart".into()],
                    ["install" | "i" | "ci" | "add" | "isntall", ..] | [] => install.iter().map(|s| (*s).to_string()).collect(),
                    // `yarn build`, `pnpm lint`, `bun dev`: a bare script name.
                    [script, ..] if name != "npm" => vec![(*script).to_string()],
                    _ => return None,
                };
                let f = norm("package.json");
                let w = self.contents(&f, id)?;
                let scripts = later::scripts(w.text.as_deref()?);
                let mut code = Vec::new();
                for s in &wanted {
                    if install.contains(&s.as_str()) {
                        code.extend(scripts.iter().filter(|(k, _)| k == s).map(|(_, v)| v.clone()));
                    } else {
                        code.extend(later::run_order(&scripts, s).into_iter().map(|(_, v)| v));
                    }
                }
                Some((f, w, code.join("\n"), None))
            }
            _ => None,
        }
    }

    /// `sh < x.sh`, `cat x.sh | sh`, `python3 < tool.py`: an interpreter
    /// reading its code from one file on stdin, when the file table or the
    /// project (where files are read) knows what the file holds.
    pub(super) fn run_stdin_file(&mut self, id: usize, language: Language) {
        let file = match &self.commands[id].stdin {
            Some(Input::File { path }) => path.clone(),
            Some(Input::Pipe { from }) => {
                let c = &self.commands[*from];
                match c.argv.operands.as_slice() {
                    [only] if c.name == "cat" && c.wraps.is_none() && c.argv.flags.is_empty() => only.clone(),
                    _ => return,
                }
            }
            _ => return,
        };
        if file.dynamic || file.glob || file.text == "-" {
            return;
        }
        let path = super::paths::normalize(&file.text, &self.cwd_env());
        let Some(written) = self.contents(&path, id) else { return };
        let run = Run { file, language: Some(language), positional: Vec::new() };
        self.run_for(id, Origin::ShellInput { shell: id }, |lw, _, ctx| lw.run_text(id, ctx, run, path, written, true));
    }

    /// Lowers what a run file holds as the code it is, under the runner;
    /// `whole`: the text is the file's (not a recipe or script taken from
    /// it), so a project file's commands carry their line.
    fn run_text(&mut self, id: usize, ctx: &Ctx, run: Run, path: String, written: Written, whole: bool) {
        let Some(text) = written.text else { return };
        let language = match run.language {
            Some(l) => l,
            None => match shebang_program(&text) {
                Some(p) => match programs::language(p) {
                    Some(l) => l,
                    None => return,
                },
                None => Language::Shell,
            },
        };
        if self.running_files.contains(&path) {
            // The file runs itself: nothing new to read.
            return;
        }
        let c = &self.commands[id];
        let origin = if written.disk {
            Origin::Project { runner: id, path: path.clone() }
        } else {
            Origin::Written { runner: id, writer: written.writer, path: path.clone() }
        };
        let inner = Ctx { depth: c.depth + 1, origin: Some(origin), privileged: ctx.privileged || c.privileged, remote: None };
        let gaps_from = self.issues.len();
        if written.disk {
            let name = self.project_name(&path);
            // The frame the file's statements are lowered in is the next one.
            let frame = whole.then_some(self.frames.len());
            self.projects.push(super::lower::Project::file(name, frame));
        }
        self.running_files.push(path);
        let ids = if language == Language::Shell {
            let saved = self.bind_positional(&run.positional);
            let ends = self.nested_script(&text, None, written.at, &inner);
            self.restore_positional(saved);
            self.collect_ids(ends)
        } else {
            self.embedded_code(language, &text, written.at, &inner)
        };
        self.running_files.pop();
        if written.disk {
            self.projects.pop();
            self.keep_read_gaps(gaps_from);
        }
        if ids.is_empty() {
            return;
        }
        let kind = if language == Language::Shell { WrapperKind::Shell } else { WrapperKind::Interpreter };
        match self.commands[id].wraps.as_mut() {
            Some(w) => w.inner.extend(ids),
            None => self.commands[id].wraps = Some(Wrapped { kind, inner: ids }),
        }
    }

    /// Of the gaps found since `from`, while lowering a project's own code,
    /// keeps those that say part of it went unread (limits, unread files):
    /// what it leaves unexplained does not ask by itself (`disk.rs`).
    pub(super) fn keep_read_gaps(&mut self, from: usize) {
        let gaps = self.issues.split_off(from);
        self.issues.extend(gaps.into_iter().filter(|i| matches!(i.kind, IssueKind::TooDeep | IssueKind::TooMany | IssueKind::UnreadFile)));
    }

    /// What the file at the normalised `path` holds when command `runner`
    /// runs it: what the command line wrote before it, else the project's
    /// file on disk where files are read (`disk.rs`).
    pub(super) fn contents(&mut self, path: &str, runner: usize) -> Option<Written> {
        let saved = std::mem::replace(&mut self.fold_reads_disk, true);
        let found = self.written(path, runner, 0);
        self.fold_reads_disk = saved;
        found.or_else(|| self.project_text(path, runner))
    }

    /// The project's file at `path` as text run by command `runner`; a file
    /// that could not be read is a gap of `runner`.
    fn project_text(&mut self, path: &str, runner: usize) -> Option<Written> {
        match self.read_project_file(path) {
            Disk::Text(text) => {
                let at = self.commands[runner].span;
                Some(Written { text: Some(text), edited: false, executable: true, writer: runner, at, disk: true })
            }
            Disk::Absent | Disk::Native => None,
            Disk::Refused(why) => {
                self.refuse(runner, why);
                None
            }
        }
    }

    /// What the commands before `before` wrote into the file at the
    /// normalised `path`; `None` when none of them touched it.
    pub(super) fn written(&mut self, path: &str, before: usize, depth: u32) -> Option<Written> {
        if depth > MAX_COPY_DEPTH {
            return None;
        }
        let mut state: Option<Written> = None;
        let mut last_group: Option<Span> = None;
        for id in 0..before.min(self.commands.len()) {
            if self.file_scans >= SCAN_BUDGET {
                if !self.issues.iter().any(|i| i.kind == IssueKind::TooMany && i.detail.starts_with("file table")) {
                    let span = self.commands[id].span;
                    self.issues.push(Issue { kind: IssueKind::TooMany, span, detail: "file table limit reached: files run later are not read".into() });
                }
                return None;
            }
            self.file_scans += 1;
            for op in self.file_ops(id, path, depth) {
                match op {
                    Op::Write { text, append, at, group } => {
                        let append = append || group.is_some() && group == last_group;
                        last_group = group;
                        let text = match (&state, append) {
                            (Some(old), true) => old.text.as_ref().zip(text).map(|(a, b)| format!("{a}{b}")),
                            // Appended to a file from before the command: the part written is what is known.
                            _ => text,
                        };
                        let executable = state.as_ref().is_some_and(|s| s.executable);
                        state = Some(Written { text, edited: false, executable, writer: id, at, disk: false });
                    }
                    Op::Copy { from, executable } => {
                        last_group = None;
                        let copied = match self.written(&from, id, depth + 1) {
                            None if self.fold_reads_disk => self.project_text(&from, id),
                            found => found,
                        };
                        if let Some(mut copied) = copied {
                            copied.executable |= executable;
                            state = Some(copied);
                        }
                    }
                    Op::Remove => {
                        last_group = None;
                        state = None;
                    }
                    Op::Edit => {
                        if let Some(s) = state.as_mut() {
                            s.edited = true;
                        }
                    }
                    Op::Executable => match state.as_mut() {
                        Some(s) => s.executable = true,
                        None => state = Some(Written { text: None, edited: false, executable: true, writer: id, at: self.commands[id].span, disk: false }),
                    },
                }
            }
        }
        state
    }

    /// What command `id` does to the file at `path`.
    fn file_ops(&mut self, id: usize, path: &str, depth: u32) -> Vec<Op> {
        let env = self.cwd_env();
        let is = |w: &Word| !w.dynamic && !w.glob && super::paths::normalize(&w.text, &env) == path;
        let c = &self.commands[id];
        let mut ops = Vec::new();
        for r in &c.redirects {
            if !matches!(r.op, RedirectOp::Write | RedirectOp::Append | RedirectOp::Dup) || !is(&r.target) {
                continue;
            }
            let stdout = matches!(r.fd, None | Some(1)) && r.op != RedirectOp::Dup;
            ops.push((stdout, r.op == RedirectOp::Append, r.span));
        }
        let name = programs::canonical(&c.name).to_string();
        let operands: Vec<Word> = c.argv.operands.clone();
        let at_input = match &c.stdin {
            Some(Input::Heredoc { span, .. }) => *span,
            Some(Input::HereString { word }) => word.span,
            _ => c.span,
        };
        let mut out: Vec<Op> = Vec::new();
        for (stdout, append, group) in ops {
            let text = if stdout { self.command_output(id, depth) } else { None };
            out.push(Op::Write { text, append, at: at_input, group: Some(group) });
        }
        let c = &self.commands[id];
        let in_place = c.args.iter().any(|a| a.text.starts_with("-i") || a.text == "--in-place" || a.text.starts_with("-pi"));
        match name.as_str() {
            "tee" if operands.iter().any(&is) => {
                let append = c.has_any_flag(&["-a", "--append"]);
                let text = self.tee_input(id);
                out.push(Op::Write { text, append, at: at_input, group: None });
            }
            "cp" | "ln" | "install" | "mv" if operands.len() >= 2 => {
                let (dest, sources) = operands.split_last().unwrap_or((&operands[0], &[]));
                let executable = name == "install";
                for src in sources.iter().filter(|w| !w.dynamic && !w.glob) {
                    let base = src.text.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
                    let into_dir = super::paths::normalize(&format!("{}/{base}", dest.text), &env) == path;
                    let onto = sources.len() == 1 && !dest.text.ends_with('/') && is(dest);
                    if !dest.dynamic && (into_dir || onto) {
                        out.push(Op::Copy { from: super::paths::normalize(&src.text, &env), executable });
                    }
                    if name == "mv" && is(src) {
                        out.push(Op::Remove);
                    }
                }
            }
            "rm" | "unlink" if operands.iter().any(&is) => out.push(Op::Remove),
            "sed" | "perl" if in_place && c.args.iter().any(&is) => out.push(Op::Edit),
            "chmod" if operands.split_first().is_some_and(|(mode, files)| grants_execute(&mode.text) && files.iter().any(&is)) => out.push(Op::Executable),
            _ => {}
        }
        out
    }

    /// A command's output when known: [`Lowerer::static_output`], `:` (none),
    /// and `cat` of files the table knows.
    fn command_output(&mut self, id: usize, depth: u32) -> Option<String> {
        let c = &self.commands[id];
        if matches!(c.name.as_str(), ":" | "true" | "false") && c.args.is_empty() {
            return Some(String::new());
        }
        if c.name == "cat" && c.wraps.is_none() && !c.argv.operands.is_empty() && c.argv.flags.is_empty() && c.argv.operands.iter().all(|w| w.text != "-") {
            let env = self.cwd_env();
            let files: Vec<String> = c.argv.operands.iter().filter(|w| !w.dynamic && !w.glob).map(|w| super::paths::normalize(&w.text, &env)).collect();
            if files.len() != c.argv.operands.len() {
                return None;
            }
            let mut out = String::new();
            for f in files {
                out.push_str(&self.written(&f, id, depth + 1)?.text?);
            }
            return Some(out);
        }
        self.static_output(id, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::{grants_execute, shebang_program};
    use crate::ir::{Env, Origin, Script, analyse};

    fn ir(cmd: &str) -> Script {
        analyse(cmd, &Env::default())
    }

    /// `(name, operands)` of every command run from a written file.
    fn ran(s: &Script) -> Vec<(String, Vec<String>)> {
        s.commands
            .iter()
            .filter(|c| matches!(c.origin, Origin::Written { .. }))
            .map(|c| (c.name.clone(), c.argv.operands.iter().map(|w| w.text.clone()).collect()))
            .collect()
    }

    fn one(name: &str, operands: &[&str]) -> Vec<(String, Vec<String>)> {
        vec![(name.to_string(), operands.iter().map(|o| (*o).to_string()).collect())]
    }

    #[test]
    fn every_writer_fills_the_table() {
        for cmd in [
            "cat > x.sh <<'EOF'\nls a\nEOF\nbash x.sh",
            "cat <<EOF > x.sh\nls a\nEOF\nbash x.sh",
            "echo 'ls a' > x.sh; bash x.sh",
            "printf 'ls a\\n' > x.sh; bash x.sh",
            "tee x.sh <<< 'ls a' > /dev/null; bash x.sh",
            "echo 'ls a' | tee -a x.sh; bash x.sh",
            "echo 'ls a' > n.txt; cp n.txt x.sh; bash x.sh",
            "echo 'ls a' > n.txt && mv n.txt x.sh && bash x.sh",
            "echo 'ls a' > n.txt; cat n.txt > x.sh; bash x.sh",
            "echo 'ls a' > n.txt; ln -s n.txt x.sh; bash x.sh",
        ] {
            assert_eq!(ran(&ir(cmd)), one("ls", &["a"]), "{cmd:?}");
        }
    }

    #[test]
    fn appends_and_groups_concatenate() {
        let names = |cmd: &str| ran(&ir(cmd)).into_iter().map(|(n, o)| format!("{n} {}", o.join(" "))).collect::<Vec<_>>();
        assert_eq!(names("echo 'ls a' > x; echo 'ls b' >> x; bash x"), ["ls a", "ls b"]);
        assert_eq!(names("{ echo 'ls a'; echo 'ls b'; } > x; bash x"), ["ls a", "ls b"]);
        assert_eq!(names("echo 'ls a' > x; echo 'ls b' > x; bash x"), ["ls b"], "`>` replaces");
        assert_eq!(names("echo 'ls a' > h; echo 'ls b' > t; cat h t > x; sh x"), ["ls a", "ls b"]);
    }

    #[test]
    fn every_runner_reads_the_table_and_paths_compare_normalised() {
        for runner in ["bash x.sh", "sh ./x.sh", "zsh -e x.sh", "bash $PWD/x.sh", "./x.sh", "source x.sh", ". ./x.sh", "sudo bash x.sh", "nohup sh x.sh"] {
            let cmd = format!("echo 'ls a' > x.sh; chmod +x x.sh; {runner}");
            assert_eq!(ran(&ir(&cmd)), one("ls", &["a"]), "{cmd:?}");
        }
        let s = ir("echo 'rm -rf dist' > x.sh; sudo bash x.sh");
        assert!(s.commands.iter().any(|c| c.name == "rm" && c.privileged), "the runner's privilege carries over");
    }

    #[test]
    fn reasons_point_at_the_written_text() {
        let cmd = "cat > x.sh <<'EOF'\nls a\nEOF\nbash x.sh";
        let s = ir(cmd);
        let ls = s.commands.iter().find(|c| c.name == "ls" && matches!(c.origin, Origin::Written { .. })).expect("ls");
        assert_eq!(&cmd[ls.span.0..ls.span.1], "ls a\n");
        let bash = s.commands.iter().find(|c| c.name == "bash").expect("bash").id;
        assert!(matches!(ls.origin, Origin::Written { runner, writer: 0, .. } if runner == bash), "{:?}", ls.origin);
    }

    #[test]
    fn other_languages_go_through_their_front_end() {
        let s = ir("cat > run.py <<'EOF'\nimport os\nos.system('ls a')\nEOF\npython3 run.py");
        assert_eq!(ran(&s), one("ls", &["a"]));
        let s = ir("cat > tool <<'EOF'\n#!/usr/bin/env python3\nimport os\nos.system('ls a')\nEOF\nchmod +x tool; ./tool");
        assert_eq!(ran(&s), one("ls", &["a"]), "the `#!` line names the language");
        let s = ir("echo 'BEGIN { system(\"ls a\") }' > p.awk; awk -f p.awk");
        assert_eq!(ran(&s), one("ls", &["a"]), "a `code-file` option value");
        // `python -m` names a module, not a written file.
        assert!(ran(&ir("python3 -m pytest tests/")).is_empty());
    }

    #[test]
    fn project_runners_read_the_files_written_before_them() {
        let mk = "printf 'all: gen\\n\\tls all\\ngen:\\n\\tls gen\\nx:\\n\\tls x\\n' > Makefile; ";
        let names = |cmd: &str| ran(&ir(cmd)).into_iter().map(|(n, o)| format!("{n} {}", o.join(" "))).collect::<Vec<_>>();
        assert_eq!(names(&format!("{mk}make")), ["ls gen", "ls all"], "the default goal after its prerequisite");
        assert_eq!(names(&format!("{mk}make -j4 x")), ["ls x"]);
        assert_eq!(names("printf 'x:\\n\\tls a\\n' > ci.mk; make -f ci.mk x"), ["ls a"]);
        let pj = "cat > package.json <<'EOF'\n{\"scripts\":{\"pretest\":\"ls pre\",\"test\":\"ls t\",\"postinstall\":\"ls inst\",\"build\":\"ls b\"}}\nEOF\n";
        assert_eq!(names(&format!("{pj}npm test")), ["ls pre", "ls t"], "with its `pre` script");
        assert_eq!(names(&format!("{pj}npm ci")), ["ls inst"], "the install lifecycle");
        assert_eq!(names(&format!("{pj}yarn build")), ["ls b"]);
        assert_eq!(names(&format!("{pj}pnpm run build")), ["ls b"]);
        assert_eq!(names("cat > justfile <<'EOF'\ndefault: a\na:\n    ls a\nEOF\njust"), ["ls a"]);
        // Nothing written here: the project's own files are not read.
        for cmd in ["make build", "npm test", "yarn build", "just", "printf 'x:\\n\\tls\\n' > Makefile; make -C sub x"] {
            assert!(ran(&ir(cmd)).is_empty(), "{cmd:?}");
        }
    }

    #[test]
    fn a_written_file_fed_on_stdin_runs() {
        for cmd in ["echo 'ls a' > t; sh < t", "echo 'ls a' > t; cat t | bash", "printf 'import os\\nos.system(\"ls a\")\\n' > t.py; python3 < t.py"] {
            assert_eq!(ran(&ir(cmd)), one("ls", &["a"]), "{cmd}");
        }
        assert!(ran(&ir("sh < t")).is_empty(), "nothing written, no files read");
    }

    #[test]
    fn arguments_bind_positional_parameters() {
        assert_eq!(ran(&ir("echo 'rm -rf \"$1\"' > x.sh; bash x.sh ~")), one("rm", &["/home/dev"]));
        assert_eq!(ran(&ir("echo 'ls \"$@\"' > x.sh; bash x.sh a b")), one("ls", &["a", "b"]));
    }

    #[test]
    fn what_is_not_known_adds_nothing() {
        // Forgotten, moved away, unknown output, run elsewhere, never written.
        for cmd in [
            "echo 'ls a' > x.sh; rm x.sh; bash x.sh",
            "echo 'ls a' > x.sh; mv x.sh y.sh; bash x.sh",
            "curl -s https://example.com/i > x.sh; bash x.sh",
            "echo 'ls a' > x.sh; ssh h.example.com bash x.sh",
            "bash scripts/ci.sh",
            "bash x.sh; echo 'ls a' > x.sh",
        ] {
            assert!(ran(&ir(cmd)).is_empty(), "{cmd:?}");
        }
        // An in-place edit keeps the text written before it.
        assert_eq!(ran(&ir("echo 'ls a' > x.sh; sed -i 's/a/b/' x.sh; bash x.sh")), one("ls", &["a"]));
    }

    #[test]
    fn a_file_that_runs_itself_is_read_once() {
        let s = ir("echo 'bash x' > x; bash x");
        assert_eq!(ran(&s), one("bash", &["x"]));
        assert!(s.issues.is_empty(), "{:?}", s.issues);
    }

    #[test]
    fn the_scan_budget_asks_when_spent() {
        let cmd = "echo 'ls a' > x.sh; ".to_string() + &"bash x.sh; ".repeat(1500);
        let s = ir(&cmd);
        assert!(s.issues.iter().any(|i| i.detail.starts_with("file table")), "past the budget the analysis says so");
    }

    #[test]
    fn execute_modes() {
        for mode in ["+x", "u+x", "a+rx", "755", "0700", "u=rwx,g=rx", "711"] {
            assert!(grants_execute(mode), "{mode}");
        }
        for mode in ["644", "-x", "u-x", "go-w", "600", "a+r", ""] {
            assert!(!grants_execute(mode), "{mode}");
        }
    }

    #[test]
    fn shebang_names_the_interpreter() {
        assert_eq!(shebang_program("#!/usr/bin/env python3\nprint(1)"), Some("python3"));
        assert_eq!(shebang_program("#!/usr/bin/env -S node --no-warnings\n"), Some("node"));
        assert_eq!(shebang_program("#!/bin/bash -e\n"), Some("bash"));
        assert_eq!(shebang_program("echo hi\n"), None);
    }
}
