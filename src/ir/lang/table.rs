//! What library calls do, read from `grammars/languages/<language>.toml`
//! (format in `grammars/README.md`). The evaluator knows a fixed set of
//! effect kinds and value operations; which call of which library has which
//! one, and which argument carries the path, command or host, is data here.
//! A table is parsed the first time code in its language is analysed.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::ir::spec::Language;

/// What a call does to the world; each kind becomes shell commands with the
/// same effect (see `grammars/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Effect {
    /// Runs `command`: a string is shell code, a list an argument vector.
    Shell,
    /// Runs `code` as code of the same language (`exec`, `eval`, `Function`).
    ExecCode,
    /// Reads the file at `path`.
    Read,
    /// Writes the file at `path` (with `data`).
    Write,
    /// Appends to the file at `path` (with `data`).
    Append,
    /// Opens `path` for reading, writing or appending as `mode` says.
    Open,
    /// Deletes `path`; a tree when the `recursive` option is true.
    Delete,
    /// Deletes the tree at `path`.
    DeleteTree,
    /// Copies `path` to `to`.
    Copy,
    /// Moves `path` to `to`.
    Move,
    /// Sets the permission bits `mode` on `path`.
    Chmod,
    /// Requests `url`; a request with a body or a writing method sends.
    Fetch,
    /// Sends `data` to `url`.
    Send,
    /// Downloads `url` into `path`.
    Download,
    /// Connects a socket to `address` (a `(host, port)` pair) or `host`/`port`.
    Connect,
    /// Sends `data` over the last connected socket.
    SocketSend,
    /// Points the process's standard streams at a descriptor (`os.dup2`).
    RedirectStdio,
    /// Prints `data` (all arguments when unset).
    Print,
    /// Writes `data` to the standard input of `command` (awk's `print … | "cmd"`).
    PipeTo,
    /// Runs `command` with a pipe to its input and from its output
    /// (`IO.popen`): what is written to the value is the command's input.
    PipeOpen,
}

/// A value the evaluator computes for a call (or reads for a name); no effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Op {
    /// Joins path parts; an absolute part restarts the path.
    PathJoin,
    /// The home directory (`~`).
    Home,
    /// Its first argument, with a leading `~` or `$HOME` kept as the home.
    Identity,
    /// An environment variable by name (first argument).
    EnvGet,
    /// The whole environment (a name, not a call).
    Environment,
    /// A module by name (first argument): `__import__`, `require`.
    Import,
    /// Base64-decodes its first argument.
    Base64Decode,
    /// Hex-decodes its first argument.
    HexDecode,
    /// Decodes its first argument as the encoding its second names (`Buffer.from`, `codecs.decode`).
    Decode,
    /// The characters of its integer arguments (`chr`, `String.fromCharCode`).
    Chars,
    /// The string form of its first argument.
    ToString,
    /// A fresh temporary directory.
    TempDir,
    /// `map(f, items)`.
    Map,
    /// A new object; its methods are looked up by name.
    Object,
    /// `sprintf(format, args…)`: C-style formatting.
    Sprintf,
    /// `(host, port)` from `(port, host)` arguments (Perl's `sockaddr_in`).
    PortHost,
}

/// One argument position: an index, a keyword (or options-object key), or
/// the receiver of a method call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Arg {
    /// The n-th positional argument.
    At(usize),
    /// A keyword argument, or a key of the options object.
    Key(String),
    /// The object the method is called on.
    Receiver,
}

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            At(usize),
            Name(String),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::At(n) => Arg::At(n),
            Raw::Name(s) if s == "self" => Arg::Receiver,
            Raw::Name(s) => Arg::Key(s),
        })
    }
}

/// Where a role's value may be found: the first that is given wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Args(pub Vec<Arg>);

impl<'de> Deserialize<'de> for Args {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(Arg),
            Many(Vec<Arg>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(a) => Args(vec![a]),
            Raw::Many(v) => Args(v),
        })
    }
}

/// One row: calls (by qualified name) or methods (by name, on any object
/// that is not a module) and what they do.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Row {
    /// Qualified names after aliases: `os.system`, `child_process.execSync`.
    #[serde(default)]
    pub calls: Vec<String>,
    /// Method names on any value that is not a module: `read_text`, `connect`.
    #[serde(default)]
    pub methods: Vec<String>,
    /// What the call does.
    pub effect: Effect,
    /// The command (`shell`).
    #[serde(default)]
    pub command: Args,
    /// A list of further arguments appended to `command` (`spawn(cmd, args)`).
    #[serde(default)]
    pub args: Args,
    /// Every positional argument from this index on is a further argument (`os.execl`).
    pub rest: Option<usize>,
    /// The code (`exec-code`).
    #[serde(default)]
    pub code: Args,
    /// The file (`read`, `write`, `append`, `open`, `delete`, `copy`, `move`, `chmod`, `download`).
    #[serde(default)]
    pub path: Args,
    /// The destination (`copy`, `move`).
    #[serde(default)]
    pub to: Args,
    /// The open mode (`open`: `a` appends, `w`/`x`/`+` write; Perl's `>`,
    /// `>>`, `|-`, `-|`, `>&`, and a two-argument spec with the path in it),
    /// the permission bits (`chmod`), or for `write` a mode that may append.
    #[serde(default)]
    pub mode: Args,
    /// The address (`fetch`, `send`, `download`).
    #[serde(default)]
    pub url: Args,
    /// What is written or sent.
    #[serde(default)]
    pub data: Args,
    /// The options object whose `method` and `body` keys make a `fetch` a send.
    #[serde(default)]
    pub options: Args,
    /// A `(host, port)` pair (`connect`).
    #[serde(default)]
    pub address: Args,
    /// The host (`connect`).
    #[serde(default)]
    pub host: Args,
    /// The port (`connect`).
    #[serde(default)]
    pub port: Args,
    /// The keyword or options key that makes a `delete` recursive.
    pub recursive: Option<String>,
    /// Where the row comes from (documentation page, or `manual`).
    #[serde(default)]
    #[cfg_attr(not(test), expect(dead_code, reason = "provenance for readers of the table; the tests require it"))]
    pub source: String,
}

/// A language's table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Table {
    /// The language the table is for.
    pub language: Language,
    /// The program that runs this language's code from stdin (`python3`, `node`).
    pub program: String,
    /// Other spellings of a module or name: `"posixpath" = "os.path"`.
    #[serde(default)]
    pub aliases: HashMap<String, String>,
    /// Calls (and names) whose value the evaluator computes.
    #[serde(default)]
    pub values: HashMap<String, Op>,
    /// Calls with an effect.
    #[serde(default)]
    pub effects: Vec<Row>,
    #[serde(skip)]
    by_call: HashMap<String, usize>,
    #[serde(skip)]
    by_method: HashMap<String, usize>,
}

impl Table {
    fn index(mut self) -> Table {
        for (i, row) in self.effects.iter().enumerate() {
            for c in &row.calls {
                self.by_call.entry(c.clone()).or_insert(i);
            }
            for m in &row.methods {
                self.by_method.entry(m.clone()).or_insert(i);
            }
        }
        self
    }

    /// A qualified name with its longest aliased prefix rewritten.
    pub(crate) fn canonical(&self, name: &str) -> String {
        let mut cut = name.len();
        loop {
            let head = &name[..cut];
            if let Some(to) = self.aliases.get(head) {
                return format!("{to}{}", &name[cut..]);
            }
            match head.rfind(['.', '/']) {
                Some(i) => cut = i,
                None => return name.to_string(),
            }
        }
    }

    /// The row of a qualified call.
    pub(crate) fn call(&self, name: &str) -> Option<&Row> {
        self.by_call.get(name).map(|&i| &self.effects[i])
    }

    /// The row of a method called on an object.
    pub(crate) fn method(&self, name: &str) -> Option<&Row> {
        self.by_method.get(name).map(|&i| &self.effects[i])
    }
}

/// The embedded table sources, by language.
const SOURCES: &[(Language, &str, &str)] = &[
    (Language::Python, "python.toml", include_str!("../../../grammars/languages/python.toml")),
    (Language::Javascript, "javascript.toml", include_str!("../../../grammars/languages/javascript.toml")),
    (Language::Awk, "awk.toml", include_str!("../../../grammars/languages/awk.toml")),
    (Language::Perl, "perl.toml", include_str!("../../../grammars/languages/perl.toml")),
    (Language::Ruby, "ruby.toml", include_str!("../../../grammars/languages/ruby.toml")),
    (Language::Php, "php.toml", include_str!("../../../grammars/languages/php.toml")),
    (Language::Lua, "lua.toml", include_str!("../../../grammars/languages/lua.toml")),
    (Language::Sql, "sql.toml", include_str!("../../../grammars/languages/sql.toml")),
    (Language::Applescript, "applescript.toml", include_str!("../../../grammars/languages/applescript.toml")),
];

/// Parses one embedded table.
///
/// # Errors
/// The file's TOML error.
pub(crate) fn parse(text: &str) -> Result<Table, toml::de::Error> {
    toml::from_str::<Table>(text).map(Table::index)
}

/// The table of `lang`, parsed on first use; `None` for a language without one.
pub(crate) fn table(lang: Language) -> Option<&'static Table> {
    // One cell per entry of `SOURCES`, filled the first time its language is asked for.
    static TABLES: [OnceLock<Table>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];
    let i = SOURCES.iter().position(|(l, _, _)| *l == lang)?;
    let (_, file, text) = SOURCES[i];
    // The tests parse every table, so a broken file fails `cargo test`, not a user's command.
    let t = TABLES[i].get_or_init(|| parse(text).unwrap_or_else(|e| panic!("grammars/languages/{file}: {e}")));
    (t.language == lang).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_names_its_language() {
        for (lang, file, text) in SOURCES {
            let t = parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(t.language, *lang, "{file}");
            assert!(!t.effects.is_empty(), "{file}");
            for row in &t.effects {
                assert!(!row.calls.is_empty() || !row.methods.is_empty(), "{file}: a row without calls or methods: {row:?}");
                assert!(!row.source.is_empty(), "{file}: a row without a source: {:?}", row.calls);
            }
        }
    }

    #[test]
    fn aliases_rewrite_the_longest_prefix() {
        let t = table(Language::Python).expect("python table");
        assert_eq!(t.canonical("posixpath.join"), "os.path.join");
        assert_eq!(t.canonical("os.system"), "os.system");
        let js = table(Language::Javascript).expect("javascript table");
        assert_eq!(js.canonical("node:child_process.execSync"), "child_process.execSync");
        assert_eq!(js.canonical("fs/promises.rm"), "fs.rm");
    }
}
