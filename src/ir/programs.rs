//! What sort of program a name is, and what code a command hands over: the
//! questions the unwrapper and the rules ask about programs, answered from
//! the program's spec (`grammars/programs/*.toml`: `kind`, `language`, and
//! the `code`/`script` roles of its options and operands).
//!
//! This is the one place those answers come from. A new interpreter version
//! or alias is a line in a spec, and every reader sees it; no module keeps a
//! list of shells, interpreters or code flags of its own.

use std::borrow::Cow;

use super::spec::{self, Kind, Language, Role, Spec};
use super::{Command, Input, Word};

/// The spec's kind for a program name.
#[must_use]
pub fn kind(name: &str) -> Option<Kind> {
    spec::lookup(name).and_then(|s| s.kind)
}

/// True for POSIX-like shells (`bash`, `sh`, `zsh`, `dash`, `ksh`, `fish`…).
#[must_use]
pub fn is_shell(name: &str) -> bool {
    kind(name) == Some(Kind::Shell)
}

/// True for shells and script interpreters: programs whose script operand or
/// stdin is code.
#[must_use]
pub fn is_interpreter(name: &str) -> bool {
    matches!(kind(name), Some(Kind::Shell | Kind::Interpreter))
}

/// The name of the program a name's spec describes (`gtimeout` ->
/// `timeout`, `python3.12` -> `python`); the name itself without a spec.
#[must_use]
pub fn canonical(name: &str) -> &str {
    spec::lookup(name).map_or(name, |s| s.name.as_str())
}

/// The language of the code a program runs, if it runs code: a shell's is
/// [`Language::Shell`]; an interpreter's (or `awk`'s, `sqlite3`'s) is its
/// spec's `language`.
#[must_use]
pub fn language(name: &str) -> Option<Language> {
    let s = spec::lookup(name)?;
    s.language.or((s.kind == Some(Kind::Shell) || s.stdin == Some(Role::Script)).then_some(Language::Shell))
}

/// True for programs that run code: shells, interpreters, and programs
/// whose spec gives the language of their code (`awk`, SQL shells).
#[must_use]
pub fn runs_code(name: &str) -> bool {
    language(name).is_some()
}

/// True for programs whose job is something else but that run shell
/// commands from inside on request (editors, pagers, database clients,
/// file-transfer shells), per their spec's `shell-escape`.
#[must_use]
pub fn has_shell_escape(name: &str) -> bool {
    spec::lookup(name).is_some_and(|s| s.shell_escape)
}

/// True for programs whose job is to host a session or a command:
/// multiplexers and environment managers (spec kind `runner`: `screen
/// bash`, `uv run bash`) and terminal emulators (a `command-flags` option:
/// `xterm -e bash`).
#[must_use]
pub fn hosts_sessions(name: &str) -> bool {
    spec::lookup(name).is_some_and(|s| s.kind == Some(Kind::Runner) || !s.command_flags.is_empty())
}

/// True when the command reads the files named on its stdin (`stdin =
/// "path"`: `printf '%s\n' FILE… | cpio -o`): the names piped in are paths
/// it reads.
#[must_use]
pub fn reads_names_from_stdin(c: &Command) -> bool {
    c.wraps.is_none() && spec::lookup(&c.name).and_then(|s| s.stdin) == Some(Role::Path)
}

/// True when the command, given stdin, runs it as code: a shell or
/// interpreter with no code option and no script operand (or with `-`/`-s`),
/// a program whose spec says its stdin is a script (`stdin = "script"`:
/// `at`, `batch`) unless a `code-file` option names the job, or `parallel`
/// with no command of its own.
#[must_use]
pub fn reads_code_from_stdin(c: &Command) -> bool {
    if let Some(Role::Script | Role::Code) = spec::lookup(&c.name).and_then(|s| s.stdin) {
        // `echo 'cmd' | at now`: the job is stdin unless a file names it (`at -f job.sh`).
        let chain = chain_of(c);
        return c.wraps.is_none() && !c.argv.flags.iter().any(|f| spec::value_role(&chain, &f.name) == Some(Role::CodeFile));
    }
    if !is_interpreter(&c.name) {
        return c.name == "parallel" && c.args.iter().all(|a| a.text.starts_with('-') || a.text == ":::");
    }
    if c.wraps.is_some() || !code_options(c).is_empty() {
        return false;
    }
    c.args.iter().all(|a| a.text.starts_with('-')) || c.args.iter().any(|a| a.text == "-" || a.text == "-s")
}

/// The spec chain a command's words were read through.
fn chain_of(c: &Command) -> Vec<&'static Spec> {
    spec::chain(&c.name, &c.argv.subcommands)
}

/// Values of the command's options whose role is `code` or `script`
/// (`python3 -c CODE`, `perl -ne CODE`, `bash -c SCRIPT`, `node --eval=CODE`).
#[must_use]
pub fn code_options(c: &Command) -> Vec<&Word> {
    let chain = chain_of(c);
    if chain.is_empty() {
        return Vec::new();
    }
    c.argv.flags.iter().filter(|f| matches!(spec::value_role(&chain, &f.name), Some(Role::Code | Role::Script))).filter_map(|f| f.value.as_ref()).collect()
}

/// Where a command's code was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFrom {
    /// An option's value (`-c CODE`).
    Option,
    /// An operand (`awk PROGRAM`).
    Operand,
    /// Standard input (a heredoc or here-string).
    Stdin,
}

/// One piece of code a command runs, with its language.
#[derive(Debug, Clone)]
pub struct Code<'a> {
    /// The code's language.
    pub language: Language,
    /// The source text.
    pub text: Cow<'a, str>,
    /// The word it came from, when it came from one (not a heredoc).
    pub word: Option<&'a Word>,
    /// Where it was written.
    pub from: CodeFrom,
}

impl Command {
    /// The code this command hands to an interpreter or shell, as the spec
    /// reads its words: `code`/`script` option values, `code` operands
    /// (`awk PROGRAM`, `deno eval CODE`), and its stdin when it runs stdin
    /// as code (a heredoc or here-string fed to `python3 -`). Programs with
    /// no `language` give none.
    #[must_use]
    pub fn code(&self) -> Vec<Code<'_>> {
        let Some(language) = language(&self.name) else { return Vec::new() };
        let chain = chain_of(self);
        // `osascript -l JavaScript`: the option names the language.
        let chosen = chain
            .first()
            .and_then(|s| s.language_option.as_deref())
            .and_then(|opt| self.argv.flags.iter().rfind(|f| f.name == opt))
            .and_then(|f| f.value.as_ref());
        let language = chosen.and_then(|v| Language::parse(&v.text.to_ascii_lowercase())).unwrap_or(language);
        let mut out: Vec<Code<'_>> = Vec::new();
        for f in &self.argv.flags {
            let Some(value) = &f.value else { continue };
            let lang = match spec::value_role(&chain, &f.name) {
                Some(Role::Code) => language,
                Some(Role::Script) => Language::Shell,
                _ => continue,
            };
            out.push(Code { language: lang, text: Cow::Borrowed(&value.text), word: Some(value), from: CodeFrom::Option });
        }
        if let (Some(first), true) = (out.first().cloned(), chain.first().is_some_and(|s| s.code_to_end)) {
            // `pwsh -Command Get-Item env: | Out-File x`: every later word is code too.
            if let Some(at) = first.word.and_then(|w| self.args.iter().position(|a| a.span == w.span)) {
                let text = self.args[at..].iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ");
                return vec![Code { language: first.language, text: Cow::Owned(text), word: first.word, from: CodeFrom::Option }];
            }
        }
        let code_file = self.argv.flags.iter().any(|f| spec::value_role(&chain, &f.name) == Some(Role::CodeFile));
        let mut operands = self.argv.operands.iter().zip(&self.argv.roles).filter(|_| !code_file).filter(|(_, role)| **role == Role::Code).map(|(w, _)| w);
        if let Some(w) = operands.next() {
            // An awk program is one operand, the rest are its input files;
            // a SQL client's are lines of one session (`sqlite3 db '.once |sh' "select …"`).
            let rest: Vec<&str> = if language == Language::Sql { operands.map(|o| o.text.as_str()).collect() } else { Vec::new() };
            let text = if rest.is_empty() { Cow::Borrowed(w.text.as_str()) } else { Cow::Owned(format!("{}\n{}", w.text, rest.join("\n"))) };
            out.push(Code { language, text, word: Some(w), from: CodeFrom::Operand });
        }
        if self.executes_stdin {
            match &self.stdin {
                Some(Input::Heredoc { body, .. }) => out.push(Code { language, text: Cow::Borrowed(body), word: None, from: CodeFrom::Stdin }),
                Some(Input::HereString { word }) => out.push(Code { language, text: Cow::Borrowed(&word.text), word: Some(word), from: CodeFrom::Stdin }),
                _ => {}
            }
        }
        out
    }

    /// The source texts of [`Command::code`].
    #[must_use]
    pub fn code_texts(&self) -> Vec<Cow<'_, str>> {
        self.code().into_iter().map(|c| c.text).collect()
    }
}

/// Git configuration keys whose value is a command run by the shell
/// (`alias.*` and `credential.helper` only when it starts with `!`): read
/// for `git -c KEY=VALUE` and for `GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>`.
#[must_use]
pub fn git_command_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let (first, last) = (key.split('.').next().unwrap_or_default(), key.rsplit('.').next().unwrap_or_default());
    matches!(
        key.as_str(),
        "core.pager"
            | "core.editor"
            | "core.sshcommand"
            | "core.fsmonitor"
            | "core.askpass"
            | "core.gitproxy"
            | "core.hookspath"
            | "sequence.editor"
            | "diff.external"
            | "gpg.program"
            | "gpg.ssh.program"
            | "gpg.x509.program"
            | "uploadpack.packobjectshook"
            | "credential.helper"
            | "web.browser"
    ) || first == "pager"
        || first == "alias"
        || (first == "filter" && matches!(last, "clean" | "smudge" | "process"))
        || (first == "merge" && last == "driver")
        || (first == "diff" && matches!(last, "textconv" | "command"))
}

/// The option arity a wrapper's spec gives: `takes(flag)` is true for an
/// option that consumes the next word. Without a spec, no option does.
pub(crate) fn arity(spec: Option<&'static Spec>) -> impl Fn(&str) -> bool {
    move |flag| spec.is_some_and(|s| s.takes_value(flag))
}

/// The option arity of a program's subcommand (`docker run`, `kubectl exec`).
pub(crate) fn sub_arity(name: &str, sub: &str) -> impl Fn(&str) -> bool + use<> {
    let chain = spec::chain(name, &[sub.to_string()]);
    let spec = (chain.len() == 2).then(|| chain[1]);
    arity(spec)
}

/// Index of the first operand after options; `takes` is true for options
/// that consume the next word (read from the program's spec: [`arity`]).
/// `--` is skipped. Assignments are not operands when `assignments` is set
/// (for `env`).
pub(crate) fn skip_options(args: &[Word], takes: impl Fn(&str) -> bool, assignments: bool) -> usize {
    let mut i = 0;
    while i < args.len() {
        let t = args[i].text.as_str();
        if t == "--" {
            return i + 1;
        }
        if assignments
            && !t.starts_with('-')
            && t.contains('=')
            && t.split('=').next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            i += 1;
            continue;
        }
        if !t.starts_with('-') || t == "-" {
            return i;
        }
        // A cluster of short flags whose last one takes a value: `sudo -iu USER`.
        let cluster_value = t.len() > 2 && !t.starts_with("--") && t[1..].bytes().all(|b| b.is_ascii_alphabetic()) && takes(&format!("-{}", &t[t.len() - 1..]));
        i += if takes(t) || cluster_value { 2 } else { 1 };
    }
    i.min(args.len())
}

/// An `xargs` call taken apart.
pub(crate) struct XargsCall {
    /// How many arguments are xargs's own options.
    pub own: usize,
    /// The command it runs (at least a program name).
    pub command: Vec<Word>,
    /// The `-I`/`-i` replace string.
    pub replace: Option<String>,
    /// What separates items on stdin: `None` is blanks (and quotes), else
    /// the `-0`/`-d` delimiter.
    pub delimiter: Option<char>,
}

/// Reads `xargs`'s options; `None` when it runs no command of its own.
pub(crate) fn xargs_call(args: &[Word]) -> Option<XargsCall> {
    let k = skip_options(args, arity(spec::lookup("xargs")), false);
    let command = args.get(k..).unwrap_or_default().to_vec();
    if command.is_empty() {
        return None;
    }
    let own = &args[..k];
    let replace = own.iter().enumerate().find_map(|(i, a)| match a.text.as_str() {
        "-I" => args.get(i + 1).map(|v| v.text.clone()),
        t if t.starts_with("-I") && t.len() > 2 => Some(t[2..].to_string()),
        t if t.starts_with("--replace=") => Some(t["--replace=".len()..].to_string()),
        t if t.starts_with("-i") && t.len() > 2 => Some(t[2..].to_string()),
        "-i" | "--replace" => Some("{}".to_string()),
        _ => None,
    });
    let delimiter = own.iter().enumerate().find_map(|(i, a)| match a.text.as_str() {
        "-0" | "--null" => Some('\0'),
        "-d" | "--delimiter" => args.get(i + 1).map(|v| if v.text == "\\n" { '\n' } else { v.text.chars().next().unwrap_or('\n') }),
        _ => None,
    });
    // `-I` reads whole lines.
    let delimiter = delimiter.or_else(|| replace.as_ref().map(|_| '\n'));
    Some(XargsCall { own: k, command, replace, delimiter })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Env, analyse};

    fn first(cmd: &str) -> Command {
        analyse(cmd, &Env::default()).commands.into_iter().next().expect("a command")
    }

    #[test]
    fn kinds_come_from_specs() {
        assert!(is_shell("bash") && is_shell("dash") && is_shell("rbash"));
        assert!(!is_shell("python3") && is_interpreter("python3") && is_interpreter("zsh"));
        assert!(!is_interpreter("ls") && !is_interpreter("definitely-not-a-program"));
        assert_eq!(language("node"), Some(Language::Javascript));
        assert_eq!(language("sh"), Some(Language::Shell));
        assert_eq!(language("awk"), Some(Language::Awk));
        assert_eq!(kind("npx"), Some(Kind::Runner));
        assert_eq!(canonical("gtimeout"), "timeout");
        assert_eq!(kind("sudo"), Some(Kind::Wrapper));
    }

    #[test]
    fn versioned_interpreters_are_their_program() {
        assert!(is_interpreter("python3.19"));
        assert_eq!(language("ruby3.9"), Some(Language::Ruby));
        assert_eq!(language("php9.1"), Some(Language::Php));
        // Only shells and interpreters are read this way.
        assert!(spec::lookup("ls2").is_none());
    }

    #[test]
    fn code_is_read_through_the_spec() {
        let texts = |c: &str| first(c).code_texts().into_iter().map(Cow::into_owned).collect::<Vec<_>>();
        assert_eq!(texts("python3 -c 'print(1)'"), ["print(1)"]);
        assert_eq!(texts("python3 -Bc 'print(2)' x"), ["print(2)"]);
        assert_eq!(texts("perl -ne 'print' file"), ["print"]);
        assert_eq!(texts("node --eval='1+1'"), ["1+1"]);
        assert_eq!(texts("awk -F: '{print $1}' /etc/passwd"), ["{print $1}"]);
        assert_eq!(texts("python3 - <<'EOF'\nprint(3)\nEOF"), ["print(3)\n"]);
        assert!(texts("python3 script.py").is_empty());
        assert!(texts("ls -c x").is_empty());
    }
}
