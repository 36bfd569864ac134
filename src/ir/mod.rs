//! The normalized command IR: what a command line does, independent of how
//! it was spelled.
//!
//! Lowering (`lower.rs`) is the only code that touches tree-sitter nodes.
//! Everything after it (rules, features, decisions) reads these types. A
//! [`Script`] is a flat list of every command that may run, in source order,
//! including commands inside substitutions, function bodies, `bash -c`
//! strings and wrappers, each with its [`Origin`] and the data flow between
//! them (`stdin`, `pipes_to`, `Word::sources`). Whatever could not be
//! understood is recorded as an [`Issue`], never dropped.

pub mod argv;
pub mod disk;
pub mod environment;
mod evaluate;
mod files;
mod heredocs;
pub mod knowledge;
pub mod lang;
pub mod later;
mod lower;
pub mod paths;
pub mod placeholders;
pub mod programs;
pub mod spec;
mod unwrap;
pub mod words;

use serde::Serialize;

pub use argv::{Argv, Flag};
pub use paths::PathClass;
pub use programs::{is_interpreter, is_shell};
pub use spec::{Effect, Kind, Language, Role, Spec};

/// The kinds of wrapper, by what they do to the command they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WrapperKind {
    /// `sudo`, `doas`, `su -c`, `pkexec`, `runuser`: runs with elevated privileges.
    Privilege,
    /// `env`: sets variables, then runs.
    Env,
    /// `nice`, `nohup`, `timeout`, `time`, `command`, `exec`, `stdbuf`, ...: runs unchanged.
    Modifier,
    /// `xargs`: runs a command with arguments read from stdin.
    Xargs,
    /// `parallel`: runs a command (or stdin lines) in parallel.
    Parallel,
    /// `find -exec/-execdir/-ok`: runs a command per file found.
    FindExec,
    /// `bash -c`, `sh -c`, ...: runs a string as a shell script.
    Shell,
    /// `eval`: runs its arguments as a shell script.
    Eval,
    /// `watch`: runs a command repeatedly.
    Watch,
    /// `ssh HOST CMD`: runs a command on another host.
    Remote,
    /// `docker exec`, `podman exec`, `kubectl exec`: runs in a container.
    Container,
    /// `busybox APPLET`: runs a built-in applet.
    Busybox,
    /// Interpreter code (`python -c`, `node -e`, `awk`, heredoc-fed) that spawns shell commands.
    Interpreter,
}

impl WrapperKind {
    /// True when the wrapper's stdin reaches the command it runs.
    #[must_use]
    pub fn passes_stdin(self) -> bool {
        !matches!(self, WrapperKind::Watch | WrapperKind::FindExec | WrapperKind::Interpreter)
    }
}

/// Byte range `[start, end)` into the original command text.
pub type Span = (usize, usize);

/// Where a command is analysed: the workspace and the user's home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Env {
    /// Absolute workspace path (the agent's `cwd`).
    pub workspace: String,
    /// Absolute home directory.
    pub home: String,
    /// Directory names counted as build artefacts besides the built-in ones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub artefact_dirs: Vec<String>,
    /// Read the project files a command runs that it did not write
    /// (`bash scripts/ci.sh`, `npm test`, `make`) from disk, in the
    /// workspace, within bounds (`files.rs`). On for the hook, `check` and
    /// `explain`; off for `score` and `eval`, whose commands have no files.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub read_files: bool,
    /// Where the findings of long code in other languages are kept between
    /// processes (`lang::cache`); `None`: analysed every time.
    #[serde(skip)]
    pub code_cache: Option<std::path::PathBuf>,
    /// riskgate's own cache and state directories where the environment
    /// moved them (`$XDG_CACHE_HOME/riskgate`, `$XDG_STATE_HOME/riskgate`):
    /// classed with its config like `~/.cache/riskgate`, since what they
    /// hold is believed (`paths.rs`). Static: an `Env` is cloned per word
    /// in places, and these are resolved once a process.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub own_dirs: &'static [String],
}

impl Env {
    /// An environment with a workspace and home and no extra artefact directories.
    #[must_use]
    pub fn new(workspace: impl Into<String>, home: impl Into<String>) -> Env {
        Env { workspace: workspace.into(), home: home.into(), artefact_dirs: Vec::new(), read_files: false, code_cache: None, own_dirs: &[] }
    }
}

impl Default for Env {
    /// The setting of POLICY.md for data without a `cwd`.
    fn default() -> Self {
        Env::new("/home/dev/project", "/home/dev")
    }
}

/// A lowered command line or script.
#[derive(Debug, Clone, Serialize)]
pub struct Script {
    /// Every command that may run, in source order, nested ones included.
    pub commands: Vec<Command>,
    /// What was not fully understood: syntax errors, opaque strings, limits.
    pub issues: Vec<Issue>,
    /// Length of the analysed text in bytes.
    pub len: usize,
}

/// Something the lowering could not fully understand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// What kind of gap this is.
    pub kind: IssueKind,
    /// Where, in the original text.
    pub span: Span,
    /// A few words for the explanation.
    pub detail: String,
}

/// Kinds of gap in the analysis. Each one makes the decision at least `ask`
/// unless stated otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// tree-sitter found an error or missing node, or the input was cut.
    Syntax,
    /// Nesting deeper than the recursion limit; the inner part is unanalysed.
    TooDeep,
    /// More commands than the analysis keeps; the rest is unanalysed.
    TooMany,
    /// A string that will run as code could not be resolved (`eval "$x"`).
    OpaqueCode,
    /// A program name that could not be resolved (`$cmd args`).
    DynamicProgram,
    /// A project file the command runs could not be read from disk (too
    /// large, unreadable, binary, a link out of the workspace, an include
    /// loop): what it would do is unknown.
    UnreadFile,
}

/// One simple command, after quote removal, expansion of what is known,
/// unwrapping and flag normalisation.
#[derive(Debug, Clone, Serialize)]
pub struct Command {
    /// Index in [`Script::commands`].
    pub id: usize,
    /// Normalized program name: basename, quotes and escapes removed (`rm`).
    pub name: String,
    /// The program word as written.
    pub program: Word,
    /// The arguments after the program, resolved.
    pub args: Vec<Word>,
    /// The arguments read through the program's CLI spec.
    pub argv: Argv,
    /// Redirections on this command (including those of enclosing blocks).
    pub redirects: Vec<Redirect>,
    /// `NAME=value` prefixes of this command.
    pub env: Vec<Assignment>,
    /// Where the command stands in the original text.
    pub span: Span,
    /// How this command came to be in the script.
    pub origin: Origin,
    /// Nesting depth (substitutions, wrappers, `bash -c`).
    pub depth: u32,
    /// Runs with elevated privileges (under `sudo`, `doas`, `su`, ...).
    pub privileged: bool,
    /// Runs on another host or in a container (`ssh HOST cmd`), with its name.
    pub remote: Option<String>,
    /// Where its standard input comes from, when not the terminal.
    pub stdin: Option<Input>,
    /// The command its standard output is piped into.
    pub pipes_to: Option<usize>,
    /// An interpreter that executes code read from its standard input.
    pub executes_stdin: bool,
    /// Started in the background with `&`.
    pub background: bool,
    /// When this command is a wrapper, what kind, and the commands it runs.
    pub wraps: Option<Wrapped>,
    /// A function defined in the same script, not a program.
    pub is_function: bool,
    /// Read from a project file already on disk that the command line runs
    /// (the workspace-relative path): the project's own code, in which only
    /// rule hits count; its unknown programs and analysis gaps do not ask.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The line of `project` whose statement this command came from, when
    /// the file itself was lowered (a shell script, code in another
    /// language); `None` for a recipe or a manifest's script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_line: Option<u32>,
}

/// A wrapper and the commands it runs.
#[derive(Debug, Clone, Serialize)]
pub struct Wrapped {
    /// The kind of wrapper.
    pub kind: WrapperKind,
    /// Ids of the commands it runs.
    pub inner: Vec<usize>,
}

/// How a command came to be part of the script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Origin {
    /// Written directly in the command line.
    Direct,
    /// Inside `$(...)` or backticks; its output becomes part of a word.
    Substitution,
    /// Inside `<(...)` or `>(...)`.
    ProcessSubstitution,
    /// Run by a wrapper command (`sudo`, `bash -c`, `xargs`, `ssh`, ...).
    Wrapped {
        /// Id of the wrapper command.
        wrapper: usize,
    },
    /// The body of a function or alias defined in the script.
    Definition {
        /// The function or alias name.
        name: String,
    },
    /// A heredoc body or piped text parsed as the script a shell runs.
    ShellInput {
        /// Id of the shell that reads it.
        shell: usize,
    },
    /// The text of a file that an earlier command of the same line wrote,
    /// run by `runner` (`cat > x.sh <<EOF … EOF; bash x.sh`). Its spans are
    /// those of the written text.
    Written {
        /// Id of the command that runs the file.
        runner: usize,
        /// Id of the command that wrote the text.
        writer: usize,
        /// The file, normalised.
        path: String,
    },
    /// The text of a project file already on disk, run by `runner`
    /// (`bash scripts/ci.sh`, `npm test`); read only where files are read
    /// ([`Env::read_files`]). Its spans are the runner's.
    Project {
        /// Id of the command that runs the file.
        runner: usize,
        /// The file, normalised.
        path: String,
    },
}

/// A `NAME=value` assignment.
#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    /// Variable name.
    pub name: String,
    /// Value, resolved as far as known.
    pub value: Word,
}

/// Where a command's standard input comes from.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Input {
    /// The output of another command in a pipeline.
    Pipe {
        /// Id of the producing command.
        from: usize,
    },
    /// A file (`< file`).
    File {
        /// The file.
        path: Word,
    },
    /// A heredoc body.
    Heredoc {
        /// The body text, with known expansions resolved when unquoted.
        body: String,
        /// Where the body stands.
        span: Span,
        /// Commands substituted into the body.
        sources: Vec<usize>,
    },
    /// A here-string (`<<< word`).
    HereString {
        /// The string.
        word: Word,
    },
}

/// A redirection.
#[derive(Debug, Clone, Serialize)]
pub struct Redirect {
    /// Explicit file descriptor, when written (`2>`).
    pub fd: Option<u32>,
    /// Direction.
    pub op: RedirectOp,
    /// The target file (or fd number for dups).
    pub target: Word,
    /// Where it stands.
    pub span: Span,
}

/// Redirection operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedirectOp {
    /// `<`
    Read,
    /// `>`, `>|`, `&>`
    Write,
    /// `>>`, `&>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `>&`, `<&`: duplicate a descriptor, or with a path, write both streams.
    Dup,
}

impl RedirectOp {
    /// True when the target is written.
    #[must_use]
    pub fn writes(self) -> bool {
        matches!(self, RedirectOp::Write | RedirectOp::Append | RedirectOp::ReadWrite | RedirectOp::Dup)
    }
}

/// A shell word after quote removal and the expansion of what is known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    /// The value: literal where resolved; unresolved parts keep their raw text.
    pub text: String,
    /// The word as written.
    pub raw: String,
    /// Where it stands in the original text.
    pub span: Span,
    /// Holds an expansion whose value is unknown (`$VAR`, `$(...)`).
    pub dynamic: bool,
    /// Unquoted glob or brace pattern (`*.txt`, `/bin/r?`, `{a,b}`).
    pub glob: bool,
    /// Commands whose output is substituted into this word.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<usize>,
    /// Spelling tricks seen while resolving the word.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tricks: Vec<Trick>,
    /// Class of the word read as a path against the workspace.
    pub path: PathClass,
}

/// Spellings that hide what a word says. Evidence for the obfuscation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trick {
    /// ANSI-C `$'\x..'`, octal or unicode escapes.
    EscapeCodes,
    /// Quotes or backslashes inside a bare word (`r''m`, `r\m`, `"r""m"`).
    SplitQuoting,
    /// The value came from a variable set in the script.
    FromVariable,
    /// A substring expansion (`${X:0:1}`) or other parameter operator.
    ParameterOperator,
    /// Indirect expansion (`${!X}`).
    Indirection,
    /// Output of a command computed statically (`$(printf ...)`, `$(echo ... | base64 -d)`).
    ComputedOutput,
    /// Non-ASCII letters that look like ASCII, zero-width or direction marks.
    Unicode,
    /// `IFS` reassigned.
    Ifs,
}

impl Word {
    /// A word with literal text and no source position (for synthetic words).
    #[must_use]
    pub fn literal(text: &str, span: Span, path: PathClass) -> Word {
        Word { text: text.to_string(), raw: text.to_string(), span, dynamic: false, glob: false, sources: Vec::new(), tricks: Vec::new(), path }
    }

    /// The value when fully known.
    #[must_use]
    pub fn literal_text(&self) -> Option<&str> {
        (!self.dynamic).then_some(self.text.as_str())
    }

    /// True for `http://`, `https://`, `ftp://` and similar URLs.
    #[must_use]
    pub fn is_url(&self) -> bool {
        let t = self.text.to_ascii_lowercase();
        ["http://", "https://", "ftp://", "ftps://", "sftp://", "scp://", "s3://", "gs://", "git://", "ssh://", "ws://", "wss://", "file://", "tftp://"]
            .iter()
            .any(|p| t.starts_with(p))
    }
}

impl Command {
    /// True when any of the given flags is present (after normalisation).
    #[must_use]
    pub fn has_flag(&self, name: &str) -> bool {
        self.argv.flags.iter().any(|f| f.name == name)
    }

    /// True when any of the given flags is present.
    #[must_use]
    pub fn has_any_flag(&self, names: &[&str]) -> bool {
        self.argv.flags.iter().any(|f| names.contains(&f.name.as_str()))
    }

    /// The value of the first occurrence of a flag.
    #[must_use]
    pub fn flag_value(&self, names: &[&str]) -> Option<&Word> {
        self.argv.flags.iter().find(|f| names.contains(&f.name.as_str())).and_then(|f| f.value.as_ref())
    }

    /// Every value of the given flags.
    pub fn flag_values<'a>(&'a self, names: &'a [&str]) -> impl Iterator<Item = &'a Word> + 'a {
        self.argv.flags.iter().filter(|f| names.contains(&f.name.as_str())).filter_map(|f| f.value.as_ref())
    }

    /// Positional operands (after the subcommands).
    pub fn operands(&self) -> impl Iterator<Item = &Word> {
        self.argv.operands.iter()
    }

    /// The subcommand path (`["stash", "drop"]` for `git stash drop`).
    #[must_use]
    pub fn subcommand(&self) -> Option<&str> {
        self.argv.subcommands.first().map(String::as_str)
    }

    /// True when the subcommand path starts with the given names.
    #[must_use]
    pub fn is_sub(&self, path: &[&str]) -> bool {
        self.argv.subcommands.len() >= path.len() && self.argv.subcommands.iter().zip(path).all(|(a, b)| a == b)
    }

    /// True when riskgate does not know what this command does: a program
    /// with no spec, or a subcommand its spec does not know. Wrappers
    /// (judged by what they run) and functions defined in the script are known.
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        self.wraps.is_none() && !self.is_function && (!self.argv.known || self.argv.effect() == Effect::Unknown)
    }

    /// Every word this command reads or writes through redirections and args.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.args.iter().chain(self.redirects.iter().map(|r| &r.target))
    }
}

impl Script {
    /// The commands whose output reaches `id`: through pipes into it (every
    /// producer of a group), substitutions in its words, heredoc
    /// substitutions, process substitutions, and a wrapper's input; a
    /// wrapper found upstream brings the commands it runs. Transitive.
    #[must_use]
    pub fn upstream(&self, id: usize) -> Vec<usize> {
        let n = self.commands.len();
        let mut producers: Vec<Vec<usize>> = vec![Vec::new(); n];
        for c in &self.commands {
            if let Some(t) = c.pipes_to {
                if t < n {
                    producers[t].push(c.id);
                }
            }
        }
        let mut seen = vec![false; n];
        let mut stack = vec![id];
        let mut out = Vec::new();
        let mut push = |from: usize, stack: &mut Vec<usize>, out: &mut Vec<usize>| {
            if from < n && from != id && !seen[from] {
                seen[from] = true;
                out.push(from);
                stack.push(from);
            }
        };
        while let Some(cur) = stack.pop() {
            let Some(cmd) = self.commands.get(cur) else { continue };
            for &p in &producers[cur] {
                push(p, &mut stack, &mut out);
            }
            match &cmd.stdin {
                Some(Input::Pipe { from }) => push(*from, &mut stack, &mut out),
                Some(Input::Heredoc { sources, .. }) => {
                    for &s in sources {
                        push(s, &mut stack, &mut out);
                    }
                }
                Some(Input::HereString { word }) => {
                    for &s in &word.sources {
                        push(s, &mut stack, &mut out);
                    }
                }
                _ => {}
            }
            for w in cmd.words().chain(cmd.env.iter().map(|a| &a.value)) {
                for &s in &w.sources {
                    push(s, &mut stack, &mut out);
                }
            }
            if cur != id {
                if let Some(w) = &cmd.wraps {
                    for &inner in &w.inner {
                        push(inner, &mut stack, &mut out);
                    }
                }
            }
            if let Origin::Wrapped { wrapper } = cmd.origin {
                if let Some(w) = self.commands.get(wrapper) {
                    if let Some(Input::Pipe { from }) = &w.stdin {
                        push(*from, &mut stack, &mut out);
                    }
                    for &p in producers.get(wrapper).map_or(&[][..], Vec::as_slice) {
                        push(p, &mut stack, &mut out);
                    }
                }
            }
        }
        out
    }
}

impl Script {
    /// The commands of the command line itself and of what it wrote, not
    /// those read from project files on disk ([`Command::project`]): what
    /// the model and the analysis-gap checks read.
    pub fn own_commands(&self) -> impl Iterator<Item = &Command> {
        self.commands.iter().filter(|c| c.project.is_none())
    }

    /// True when some part of the script is beyond what the static analysis
    /// accounts for: a gap (`issues`), a program or subcommand without a
    /// spec, interpreter code or a shell reading its stdin, or a word spelled
    /// with escapes, slices, computed output or confusable characters. The
    /// model may escalate what the rules allowed only then: where every part
    /// is understood, the rules' silence is the answer.
    /// (Commands read from project files on disk are the project's own
    /// code: only rule hits count there, see [`Command::project`].)
    #[must_use]
    pub fn has_unexplained_parts(&self) -> bool {
        if !self.issues.is_empty() {
            return true;
        }
        self.own_commands().any(|c| {
            let unknown = c.is_unknown();
            let code = c.executes_stdin || c.wraps.as_ref().is_some_and(|w| matches!(w.kind, WrapperKind::Interpreter | WrapperKind::Eval));
            let inline = c.code().iter().any(|k| k.language != Language::Shell && k.from == programs::CodeFrom::Option);
            let tricky =
                c.args.iter().chain(std::iter::once(&c.program)).any(|w| w.tricks.iter().any(|t| !matches!(t, Trick::FromVariable | Trick::SplitQuoting)));
            unknown || code || inline || tricky
        })
    }
}

impl Script {
    /// True when the analysis was cut short or hit a syntax error: part of
    /// the command went unread, so its verdict must never be `allow`.
    #[must_use]
    pub fn is_cut_short(&self) -> bool {
        self.issues.iter().any(|i| matches!(i.kind, IssueKind::Syntax | IssueKind::TooDeep | IssueKind::TooMany))
    }

    /// True when a program riskgate does not know runs as code handed to a
    /// shell, `eval`, `watch` or a function: `bash -c 'tool'`. (`xargs` and
    /// `find -exec` pass an argv, which the model reads as written.)
    /// The model learnt unknown programs as written, so its score for the
    /// wrapped form is no judgment of them; `decide` then keeps the ask.
    #[must_use]
    pub fn runs_unknown_as_code(&self) -> bool {
        self.commands.iter().any(|c| {
            c.is_unknown()
                && match &c.origin {
                    Origin::Wrapped { wrapper } => self
                        .commands
                        .get(*wrapper)
                        .and_then(|w| w.wraps.as_ref())
                        .is_some_and(|w| matches!(w.kind, WrapperKind::Shell | WrapperKind::Eval | WrapperKind::Watch)),
                    Origin::ShellInput { .. } | Origin::Definition { .. } | Origin::Written { .. } => c.project.is_none(),
                    _ => false,
                }
        })
    }
}

pub use lower::lower;

/// Parses and lowers a command in one step.
#[must_use]
pub fn analyse(text: &str, env: &Env) -> Script {
    let parsed = crate::parse::parse(text);
    lower(&parsed, env)
}
