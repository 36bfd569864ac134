//! Environment variables that make a program load or run code, read from
//! `grammars/environment.toml` (format in `grammars/README.md`): a command
//! line (`PAGER`, `GIT_SSH_COMMAND`), a file of code (`BASH_ENV`), a
//! library (`LD_PRELOAD`), a library search path (`LD_LIBRARY_PATH`), or
//! options that name code to load (`NODE_OPTIONS=--require X`).
//!
//! The lowering reads this table to analyse the code a value runs
//! (`Lowerer::assignment`); rules read it to judge what the lowering cannot
//! see into (a library, a file not written in the command). No module keeps
//! a list of such variables of its own.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::spec::{Language, Role};

/// How a variable's value makes code run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runs {
    /// A shell command line that a program runs later.
    Command,
    /// A prompt string: only its command substitutions run.
    Prompt,
    /// A file of code that is loaded (in the entry's `language`).
    File,
    /// Shared libraries loaded into every program started.
    Library,
    /// Directories searched first for shared libraries.
    LibraryPath,
    /// A program's options; some of them load code (`options`).
    Options,
    /// `GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>` configuration pairs.
    GitConfig,
}

/// One variable of the table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Variable {
    /// How its value runs code.
    pub runs: Runs,
    /// The language of a `file`'s code, or of the files `options` load.
    #[serde(default)]
    pub language: Option<Language>,
    /// For `options`: the role of each option's value (`code-file`).
    #[serde(default)]
    pub options: BTreeMap<String, Role>,
    /// What the program does with the value, shown in reasons.
    pub note: String,
}

const SOURCE: &str = include_str!("../../grammars/environment.toml");

fn table() -> &'static BTreeMap<String, Variable> {
    static TABLE: OnceLock<BTreeMap<String, Variable>> = OnceLock::new();
    // A malformed table is caught by this module's tests; at run time it reads as empty.
    TABLE.get_or_init(|| toml::from_str(SOURCE).unwrap_or_default())
}

/// The entry for a variable name. `GIT_CONFIG_KEY_<n>` and
/// `GIT_CONFIG_VALUE_<n>` read as `GIT_CONFIG_COUNT`'s entry.
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Variable> {
    let t = table();
    t.get(name).or_else(|| git_config_index(name).and_then(|_| t.get("GIT_CONFIG_COUNT")))
}

/// `GIT_CONFIG_KEY_3` -> `(false, "3")`, `GIT_CONFIG_VALUE_3` -> `(true, "3")`.
#[must_use]
pub fn git_config_index(name: &str) -> Option<(bool, &str)> {
    let (value, n) = match name.strip_prefix("GIT_CONFIG_KEY_") {
        Some(n) => (false, n),
        None => (true, name.strip_prefix("GIT_CONFIG_VALUE_")?),
    };
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some((value, n))
}

impl Variable {
    /// For `options`: the values of the options whose role is `code-file`
    /// (`--require ./x.js`, `--require=./x.js`, `-rX`, `-javaagent:X`).
    #[must_use]
    pub fn code_files(&self, value: &str) -> Vec<String> {
        let words: Vec<&str> = value.split_whitespace().collect();
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            for (opt, role) in &self.options {
                if *role != Role::CodeFile {
                    continue;
                }
                if w == opt {
                    out.extend(words.get(i + 1).map(|v| (*v).to_string()));
                } else if let Some(rest) = w.strip_prefix(opt.as_str()) {
                    let joined = rest.strip_prefix(['=', ':']).or_else(|| (opt.len() == 2 && !opt.starts_with("--")).then_some(rest));
                    out.extend(joined.filter(|v| !v.is_empty()).map(|v| v.split(['=', ',']).next().unwrap_or(v).to_string()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_entry_is_complete() {
        let t: BTreeMap<String, Variable> = toml::from_str(SOURCE).expect("grammars/environment.toml parses");
        for (name, v) in &t {
            assert!(!v.note.is_empty(), "{name}: no note");
            match v.runs {
                Runs::File => assert!(v.language.is_some(), "{name}: a file entry names its language"),
                Runs::Options => assert!(!v.options.is_empty(), "{name}: an options entry names the options that load code"),
                _ => assert!(v.options.is_empty(), "{name}: `options` only for runs = \"options\""),
            }
        }
        assert_eq!(lookup("LD_PRELOAD").map(|v| v.runs), Some(Runs::Library));
        assert_eq!(lookup("GIT_CONFIG_VALUE_12").map(|v| v.runs), Some(Runs::GitConfig));
        assert!(lookup("GIT_CONFIG_VALUE_x").is_none() && lookup("PATH").is_none());
    }

    #[test]
    fn options_name_the_code_files_they_load() {
        let node = lookup("NODE_OPTIONS").expect("entry");
        assert_eq!(node.code_files("--require ./hook.js --max-old-space-size=4096"), ["./hook.js"]);
        assert_eq!(node.code_files("--import=/tmp/x.mjs"), ["/tmp/x.mjs"]);
        assert!(node.code_files("--max-old-space-size=4096 --enable-source-maps").is_empty());
        assert_eq!(lookup("RUBYOPT").expect("entry").code_files("-rbundler/setup -W0"), ["bundler/setup"]);
        assert_eq!(lookup("JAVA_TOOL_OPTIONS").expect("entry").code_files("-javaagent:/tmp/a.jar=opt -Xmx1g"), ["/tmp/a.jar"]);
    }
}
