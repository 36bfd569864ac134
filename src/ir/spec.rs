//! Per-program CLI knowledge, read from `grammars/programs/*.toml`: which
//! options take a value, what operands mean, subcommands, and the effect of
//! running the program. See `grammars/README.md` for the format.
//!
//! Specs are embedded at build time and parsed on first use, one program at
//! a time, into a `'static` cache: the hook pays only for the programs a
//! command names.
//!
//! Generated specs (`grammars/generated/`, built from public documentation
//! by `scripts/gen_knowledge.py`) are a second, lower-trust table: embedded
//! deflated, found with [`generated`] and never through [`lookup`], so the
//! IR, the rules and the model read a program with only generated knowledge
//! exactly as one without a spec. How the verdict uses them is
//! `crate::ir::knowledge`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::policy::Category;

include!(concat!(env!("OUT_DIR"), "/specs.rs"));
include!(concat!(env!("OUT_DIR"), "/generated.rs"));

/// What running a program (or subcommand, or with a flag) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// Computes or prints only.
    None,
    /// Reads files or state.
    Read,
    /// Writes the files named by its operands or options.
    Write,
    /// Deletes the files named by its operands.
    Delete,
    /// Builds, tests or runs project tooling.
    Build,
    /// Runs another program or script named by its operands.
    Exec,
    /// Talks to servers without sending local data.
    Network,
    /// Installs packages from the standard registry.
    Install,
    /// Opens a local listening port.
    Listen,
    /// POLICY.md `destructive`.
    Destructive,
    /// POLICY.md `exfiltration`.
    Exfiltration,
    /// POLICY.md `remote_code`.
    RemoteCode,
    /// POLICY.md `credentials`.
    Credentials,
    /// POLICY.md `privilege`.
    Privilege,
    /// POLICY.md `persistence`.
    Persistence,
    /// POLICY.md `sandbox_escape`.
    SandboxEscape,
    /// POLICY.md `system`.
    System,
    /// POLICY.md `external_effects`.
    ExternalEffects,
    /// POLICY.md `remote_access`.
    RemoteAccess,
    /// POLICY.md `obfuscation`.
    Obfuscation,
    /// POLICY.md `evasion`.
    Evasion,
    /// Not known.
    Unknown,
}

impl Effect {
    /// The risk category this effect is, for the effects named after one.
    #[must_use]
    pub fn category(self) -> Option<Category> {
        Some(match self {
            Effect::Destructive => Category::Destructive,
            Effect::Exfiltration => Category::Exfiltration,
            Effect::RemoteCode => Category::RemoteCode,
            Effect::Credentials => Category::Credentials,
            Effect::Privilege => Category::Privilege,
            Effect::Persistence => Category::Persistence,
            Effect::SandboxEscape => Category::SandboxEscape,
            Effect::System => Category::System,
            Effect::ExternalEffects => Category::ExternalEffects,
            Effect::RemoteAccess => Category::RemoteAccess,
            Effect::Obfuscation => Category::Obfuscation,
            Effect::Evasion => Category::Evasion,
            _ => return None,
        })
    }
}

/// What an operand or option value stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A file the program reads or acts on.
    Path,
    /// A file the program writes.
    WritePath,
    /// A URL.
    Url,
    /// A host name or `user@host`.
    Host,
    /// A pattern, message or name.
    Text,
    /// The argv of a program it runs.
    Command,
    /// Shell code.
    Script,
    /// Interpreter source code.
    Code,
    /// A file of code the program runs (`awk -f FILE`, `php -f FILE`); with
    /// one, a `code` operand is not code but an ordinary operand.
    CodeFile,
    /// A package name or spec.
    Package,
    /// Nothing of interest.
    None,
}

/// What sort of program a spec describes, where that decides how its words
/// are read: the unwrapper and the rules ask these through
/// [`crate::ir::programs`], never through lists of names of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A POSIX-like shell: `-c` takes shell code, a file operand or stdin is a shell script.
    Shell,
    /// A script interpreter: its `code` values, a file operand or stdin are code in its `language`.
    Interpreter,
    /// Runs the command given by its remaining words (`sudo`, `env`, `nice`, `timeout`).
    Wrapper,
    /// A package runner or environment manager whose `command` operands or `script` values run
    /// (`npx`, `uv run`, `poetry run`, `tmux send-keys`).
    Runner,
}

/// The language of the code a program runs (`code` values and operands,
/// script files, stdin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// POSIX shell.
    Shell,
    /// Python.
    Python,
    /// JavaScript and TypeScript.
    Javascript,
    /// Perl.
    Perl,
    /// Ruby.
    Ruby,
    /// PHP.
    Php,
    /// awk.
    Awk,
    /// Lua.
    Lua,
    /// R.
    R,
    /// Julia.
    Julia,
    /// Tcl.
    Tcl,
    /// AppleScript (and JXA through `osascript -l`).
    Applescript,
    /// PowerShell.
    Powershell,
    /// Vim script (editors' `-c` commands).
    Vim,
    /// Emacs Lisp (`emacs --eval`).
    Elisp,
    /// SQL and a SQL shell's dot- and backslash-commands.
    Sql,
}

impl Language {
    /// The language a spec names (`python`, `javascript`, `shell`…).
    #[must_use]
    pub fn parse(name: &str) -> Option<Language> {
        Some(match name {
            "shell" => Language::Shell,
            "python" => Language::Python,
            "javascript" => Language::Javascript,
            "perl" => Language::Perl,
            "ruby" => Language::Ruby,
            "php" => Language::Php,
            "awk" => Language::Awk,
            "lua" => Language::Lua,
            "r" => Language::R,
            "julia" => Language::Julia,
            "tcl" => Language::Tcl,
            "applescript" => Language::Applescript,
            "powershell" => Language::Powershell,
            "vim" => Language::Vim,
            "elisp" => Language::Elisp,
            "sql" => Language::Sql,
            _ => return None,
        })
    }
}

/// A program's (or subcommand's) CLI spec. Subcommands use the same type.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Spec {
    /// Program name (top level only).
    #[serde(default)]
    pub name: String,
    /// Other names for the program, or for a subcommand (`gh cs` for `gh codespace`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the program is, in a few words (top level only).
    #[serde(default)]
    pub summary: String,
    /// What sort of program it is, where that matters to the reading (top level only).
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The language of its `code` values and operands, script files and stdin
    /// (top level only; a shell's is `shell` without saying so).
    #[serde(default)]
    pub language: Option<Language>,
    /// What this subcommand does, shown in reasons.
    #[serde(default)]
    pub note: Option<String>,
    /// The effect; a subcommand without one inherits its parent's.
    #[serde(default)]
    pub effect: Option<Effect>,
    /// Options that consume a value.
    #[serde(default)]
    pub takes_value: Vec<String>,
    /// Options are `-name` words, not clusters of one-letter flags.
    #[serde(default)]
    pub long_single_dash: Option<bool>,
    /// Roles of the positional operands; the last repeats.
    #[serde(default)]
    pub operands: Vec<Role>,
    /// Role of option values.
    #[serde(default)]
    pub values: BTreeMap<String, Role>,
    /// Flags that change the effect.
    #[serde(default)]
    pub flag_effects: BTreeMap<String, Effect>,
    /// The first operand always names a subcommand.
    #[serde(default)]
    pub open_subcommands: bool,
    /// The program accepts any unambiguous prefix of a subcommand name
    /// (Proxmox's `pct ro` for `pct rollback`); inherited by subcommands.
    #[serde(default)]
    pub abbreviated_subcommands: Option<bool>,
    /// Options after which the remaining words are a command the program
    /// runs (`xterm -e CMD ARGS…`, `distrobox enter box -- CMD`); inherited.
    #[serde(default)]
    pub command_flags: Vec<String>,
    /// What the program does with its standard input when it has no script
    /// of its own: `script` is shell code it runs (later, for `at` and
    /// `batch`), read like a shell's stdin (top level only).
    #[serde(default)]
    pub stdin: Option<Role>,
    /// A `code` option's value runs to the end of the line: the words after
    /// it are more code, not operands (PowerShell's `-Command`; top level only).
    #[serde(default)]
    pub code_to_end: bool,
    /// The program runs shell commands from inside itself on request (an
    /// editor's `:!`, a pager's `!`, a database client's `.shell`/`\\!`):
    /// what it starts that way is out of sight of review (top level only).
    #[serde(default)]
    pub shell_escape: bool,
    /// An option whose value names the language of the code instead of
    /// `language` (`osascript -l JavaScript`; top level only).
    #[serde(default)]
    pub language_option: Option<String>,
    /// Subcommands by name.
    #[serde(default)]
    pub subcommands: BTreeMap<String, Spec>,
    /// Where a generated spec's knowledge comes from (`tldr-pages/tldr@08e345f:pages/…`):
    /// set at the top of every generated spec, and on a subcommand read from a
    /// page of its own. Not allowed in hand-written specs (a test checks it).
    #[serde(default)]
    pub source: Option<String>,
}

/// A spec that failed to parse; only reachable through a bad grammar file,
/// which the spec tests catch.
#[derive(Debug, thiserror::Error)]
#[error("grammars/programs/{file}.toml: {source}")]
pub struct SpecError {
    /// File stem.
    pub file: &'static str,
    /// The TOML error.
    #[source]
    pub source: toml::de::Error,
}

fn cache() -> &'static [OnceLock<Option<Spec>>] {
    static CACHE: OnceLock<Vec<OnceLock<Option<Spec>>>> = OnceLock::new();
    CACHE.get_or_init(|| (0..SPEC_SOURCES.len()).map(|_| OnceLock::new()).collect())
}

/// Parses one embedded spec file.
///
/// # Errors
/// When the file is not valid spec TOML.
pub fn parse_source(i: usize) -> Result<Spec, SpecError> {
    let (file, text) = SPEC_SOURCES[i];
    toml::from_str(text).map_err(|source| SpecError { file, source })
}

/// The spec for a program name or alias, parsed on first use.
///
/// A versioned name of a shell or interpreter (`python3.15`, `ruby3.4`,
/// `php8.4`, `lua5.5`, `node22`) that no spec lists reads as the program it
/// versions, so a new release needs no spec change. Other programs are not
/// read this way: `ls2` is not `ls`.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Spec> {
    #[cfg(test)]
    if let Some(spec) = fixtures::lookup(name) {
        return Some(spec);
    }
    // One command's analysis asks about the same few programs many times
    // (argv, unwrapping, every rule): the last names asked are remembered.
    thread_local! {
        static RECENT: std::cell::RefCell<Vec<(Box<str>, Option<&'static Spec>)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    const RECENT_MAX: usize = 8;
    if let Some(found) = RECENT.with(|r| r.borrow().iter().find(|(n, _)| **n == *name).map(|(_, s)| *s)) {
        return found;
    }
    let found = exact(name).or_else(|| {
        let stem = unversioned(name)?;
        exact(stem).filter(|s| matches!(s.kind, Some(Kind::Shell | Kind::Interpreter)))
    });
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.len() == RECENT_MAX {
            r.remove(0);
        }
        r.push((name.into(), found));
    });
    found
}

fn exact(name: &str) -> Option<&'static Spec> {
    let i = SPEC_INDEX.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    let file = SPEC_INDEX[i].1;
    cache()[file].get_or_init(|| parse_source(file).ok()).as_ref()
}

/// The generated spec (`grammars/generated/NAME.toml`) of a program, inflated
/// and parsed on first use. Lower trust than [`lookup`]: callers consult it
/// only for a program with no hand-written spec (the build step generates
/// none for those, and a test checks that no name is in both tables).
#[must_use]
pub fn generated(name: &str) -> Option<&'static Spec> {
    #[cfg(test)]
    if let Some(spec) = fixtures::generated(name) {
        return Some(spec);
    }
    if WITHHELD.get().is_some_and(|w| w.contains(name)) {
        return None;
    }
    let i = GENERATED_INDEX.binary_search_by(|(n, _, _)| (*n).cmp(name)).ok()?;
    static CACHE: OnceLock<std::sync::Mutex<BTreeMap<usize, Option<&'static Spec>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    *cache.entry(i).or_insert_with(|| parse_generated(i).ok().map(|s| &*Box::leak(Box::new(s))))
}

/// Generated specs treated as absent, for measuring programs nobody
/// documented (`riskgate eval --fold`, `riskgate train --withhold-fold`).
static WITHHELD: OnceLock<std::collections::BTreeSet<String>> = OnceLock::new();

/// Makes [`generated`] find nothing for these programs, for the rest of the
/// process: as if the knowledge build had not seen their pages (each
/// generated spec is built from its own program's pages only). Set once,
/// before any lookup; a second call is refused.
///
/// # Errors
/// When a set was already given.
pub fn withhold_generated(names: std::collections::BTreeSet<String>) -> Result<(), String> {
    WITHHELD.set(names).map_err(|_| "the withheld generated specs were already set".to_string())
}

/// FNV-1a (64-bit) of `s`, its offset basis XORed with `seed`: the
/// project's fixed hash wherever a split must not move between runs or
/// machines (program folds here; training's validation split and the tldr
/// set's per-example seeds).
#[must_use]
pub fn fnv1a(s: &str, seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The fold (`0..n`) a program falls in when programs are split into `n`
/// folds: a fixed hash of its name, so every command and file agrees.
#[must_use]
pub fn fold_of(name: &str, n: u32) -> u32 {
    u32::try_from(fnv1a(name, 0) % u64::from(n.max(1))).unwrap_or(0)
}

/// Inflates and parses one embedded generated spec.
///
/// # Errors
/// When the entry does not inflate to valid spec TOML.
pub fn parse_generated(i: usize) -> Result<Spec, String> {
    use std::io::Read as _;
    let (name, offset, len) = GENERATED_INDEX[i];
    let packed = &GENERATED_BLOB[offset as usize..(offset + len) as usize];
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(packed).read_to_string(&mut text).map_err(|e| format!("grammars/generated/{name}.toml: {e}"))?;
    toml::from_str(&text).map_err(|e| format!("grammars/generated/{name}.toml: {e}"))
}

/// True when a generated spec for `name` is embedded (withheld or not).
#[must_use]
pub fn has_generated(name: &str) -> bool {
    GENERATED_INDEX.binary_search_by(|(n, _, _)| (*n).cmp(name)).is_ok()
}

/// Every generated spec's program name, sorted.
pub fn generated_names() -> impl Iterator<Item = &'static str> {
    GENERATED_INDEX.iter().map(|(n, _, _)| *n)
}

/// `python3.15` -> `python`, `gcc-14` -> `gcc`: the name without a trailing
/// version number; `None` when it has none or too little is left.
fn unversioned(name: &str) -> Option<&str> {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let stem = stem.trim_end_matches(['-', '_']);
    (stem.len() >= 2 && stem.len() < name.len() && name[stem.len()..].trim_start_matches(['-', '_']).starts_with(|c: char| c.is_ascii_digit())).then_some(stem)
}

/// Specs that tests add to the embedded ones, for this thread only: a test
/// can show that a program is known through its spec alone.
#[cfg(test)]
pub(crate) mod fixtures {
    use std::cell::RefCell;

    use super::Spec;

    thread_local! {
        static EXTRA: RefCell<Vec<&'static Spec>> = const { RefCell::new(Vec::new()) };
    }

    /// Runs `f` with the spec `toml` known under its name and aliases (as a
    /// generated spec when it has a `source`).
    ///
    /// # Panics
    /// When `toml` is not a valid spec.
    pub(crate) fn with<T>(toml: &str, f: impl FnOnce() -> T) -> T {
        let spec: &'static Spec = Box::leak(Box::new(toml::from_str(toml).expect("fixture spec")));
        EXTRA.with(|e| e.borrow_mut().push(spec));
        let out = f();
        EXTRA.with(|e| e.borrow_mut().retain(|s| !std::ptr::eq(*s, spec)));
        out
    }

    pub(super) fn lookup(name: &str) -> Option<&'static Spec> {
        EXTRA.with(|e| e.borrow().iter().rev().copied().find(|s| s.source.is_none() && (s.name == name || s.aliases.iter().any(|a| a == name))))
    }

    /// A fixture with a `source` is a generated spec: [`with`] makes it known to
    /// [`super::generated`] instead of [`super::lookup`].
    pub(super) fn generated(name: &str) -> Option<&'static Spec> {
        EXTRA.with(|e| e.borrow().iter().rev().copied().find(|s| s.source.is_some() && s.name == name))
    }
}

/// The specs a command's words are read through: the program's, then each
/// subcommand's in turn, as far as the spec knows them (empty without a
/// spec).
#[must_use]
pub fn chain(name: &str, subcommands: &[String]) -> Vec<&'static Spec> {
    let mut chain: Vec<&'static Spec> = lookup(name).into_iter().collect();
    for sub in subcommands {
        match chain.last().and_then(|s| s.sub(sub)) {
            Some(next) => chain.push(next),
            None => break,
        }
    }
    chain
}

/// The role of an option's value along a [`chain`]: the innermost spec that
/// names the option decides.
#[must_use]
pub fn value_role(chain: &[&Spec], flag: &str) -> Option<Role> {
    chain.iter().rev().find_map(|s| s.values.get(flag).copied())
}

/// Shell builtins and keywords that only affect the shell itself; they need
/// no spec file. Builtins with effects of their own (`eval`, `source`, `exec`,
/// `export`, `history`, `set`) have spec files and rules.
pub const BUILTINS: &[&str] = &[
    "[",
    "[[",
    "coproc",
    "read",
    "exit",
    "return",
    "shift",
    "let",
    "local",
    "declare",
    "readonly",
    "typeset",
    "wait",
    "break",
    "continue",
    "getopts",
    "shopt",
    "dirs",
    "jobs",
    "fg",
    "bg",
    "disown",
    "suspend",
    "times",
    "caller",
    "compgen",
    "complete",
    "compopt",
    "mapfile",
    "readarray",
    "enable",
    "help",
    "logout",
    "bind",
    "ulimit",
    "umask",
    "hash",
    ":",
    "true",
    "false",
    "cd",
    "pwd",
    "echo",
    "printf",
    "test",
    "type",
    "command",
    "builtin",
    "unalias",
];

/// Every embedded spec file's stem (for tests and docs).
pub fn files() -> impl Iterator<Item = &'static str> {
    SPEC_SOURCES.iter().map(|(f, _)| *f)
}

/// Every program name and alias with a spec.
pub fn known_names() -> impl Iterator<Item = &'static str> {
    SPEC_INDEX.iter().map(|(n, _)| *n)
}

impl Spec {
    /// The option names that take a value, including `--long=` forms.
    #[must_use]
    pub fn takes_value(&self, flag: &str) -> bool {
        self.takes_value.iter().any(|f| f == flag)
    }

    /// The subcommand spec by name.
    #[must_use]
    pub fn sub(&self, name: &str) -> Option<&Spec> {
        self.subcommands.get(name).or_else(|| self.subcommands.values().find(|s| s.aliases.iter().any(|a| a == name)))
    }

    /// The one subcommand whose name starts with `prefix`, with its full
    /// name; `None` when no name or more than one does.
    #[must_use]
    pub fn sub_by_prefix(&self, prefix: &str) -> Option<(&str, &Spec)> {
        let mut found = self.subcommands.iter().filter(|(name, _)| !prefix.is_empty() && name.starts_with(prefix));
        let one = found.next()?;
        found.next().is_none().then_some((one.0.as_str(), one.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unambiguous_prefixes_name_a_subcommand_only_where_the_spec_says_so() {
        let read = |cmd: &str| {
            let words: Vec<crate::ir::Word> = cmd.split(' ').map(|t| crate::ir::Word::literal(t, (0, 0), crate::ir::PathClass::Workspace)).collect();
            let argv = crate::ir::argv::normalize(&words[1..], lookup(&words[0].text));
            let effect = argv.effect();
            (argv.subcommands, effect)
        };
        // `pct` opts in: `ro` is only `rollback`, `s` could be several (start, stop, status…).
        assert_eq!(read("pct ro 100 snap"), (vec!["rollback".to_string()], Effect::Destructive));
        assert_eq!(read("pct s 100").1, Effect::Unknown);
        assert_eq!(read("pct status 100"), (vec!["status".to_string()], Effect::Read));
        // `git` does not: `git pu` is not `git push`.
        assert_ne!(read("git pu").0, vec!["push".to_string()]);
    }

    #[test]
    fn every_spec_file_parses_and_indexes_itself() {
        let mut errors = Vec::new();
        for (i, file) in files().enumerate() {
            match parse_source(i) {
                Ok(spec) => {
                    if spec.name != file {
                        errors.push(format!("{file}: name is `{}`", spec.name));
                    }
                    if spec.summary.is_empty() {
                        errors.push(format!("{file}: no summary"));
                    }
                    for alias in spec.aliases.iter().chain(std::iter::once(&spec.name)) {
                        match lookup(alias) {
                            Some(found) if found.name == spec.name => {}
                            _ => errors.push(format!("{file}: `{alias}` does not resolve to this file")),
                        }
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }

    #[test]
    fn hand_written_specs_have_no_source_and_generated_ones_do() {
        let mut errors = Vec::new();
        for (i, file) in files().enumerate() {
            if parse_source(i).is_ok_and(|s| s.source.is_some()) {
                errors.push(format!("grammars/programs/{file}.toml: `source` is for generated specs only"));
            }
        }
        let names: Vec<&str> = generated_names().collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "GENERATED_INDEX is not sorted");
        for (i, name) in names.iter().enumerate() {
            match parse_generated(i) {
                Ok(spec) => {
                    if spec.name != *name {
                        errors.push(format!("grammars/generated/{name}.toml: name is `{}`", spec.name));
                    }
                    if !spec.source.as_deref().is_some_and(|s| s.starts_with("tldr-pages/tldr@")) {
                        errors.push(format!("grammars/generated/{name}.toml: no `source`"));
                    }
                    if spec.kind.is_some() || spec.language.is_some() || !spec.command_flags.is_empty() {
                        errors.push(format!("grammars/generated/{name}.toml: kinds, languages and command flags are hand-written knowledge"));
                    }
                    if lookup(name).is_some() {
                        errors.push(format!("grammars/generated/{name}.toml: `{name}` has a hand-written spec, which wins"));
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert!(generated("definitely-not-a-program").is_none());
        assert!(names.iter().all(|n| has_generated(n)) && !has_generated("definitely-not-a-program"));
        // Folds split the documented programs evenly and never move.
        let mut sizes = [0usize; 5];
        for n in &names {
            sizes[fold_of(n, 5) as usize] += 1;
        }
        assert!(sizes.iter().all(|&s| s * 5 > names.len() * 4 / 5 && s * 5 < names.len() * 6 / 5), "{sizes:?}");
        // FNV-1a 64 of the name, modulo N (scripts and notes can recompute it).
        assert_eq!((fold_of("tar", 5), fold_of("zentool", 7), fold_of("pamac", 5)), (3, 3, 3));
        assert_eq!(fold_of("", 5), u32::try_from(0xcbf2_9ce4_8422_2325u64 % 5).unwrap());
    }

    #[test]
    fn language_names_are_the_spec_format_names() {
        for name in
            ["shell", "python", "javascript", "perl", "ruby", "php", "awk", "lua", "r", "julia", "tcl", "applescript", "powershell", "vim", "elisp", "sql"]
        {
            let serde: Language = Language::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).expect(name);
            assert_eq!(Language::parse(name), Some(serde), "{name}");
        }
        assert_eq!(Language::parse("cobol"), None);
    }

    #[test]
    fn unknown_program_has_no_spec() {
        assert!(lookup("definitely-not-a-program").is_none());
    }
}
