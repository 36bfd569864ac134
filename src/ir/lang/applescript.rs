//! AppleScript (`osascript -e`, `osascript <<EOF`), read into the shared
//! tree so the evaluator and `grammars/languages/applescript.toml` say what
//! it does. JavaScript for Automation (`osascript -l JavaScript`) goes to the
//! JavaScript front end instead (the spec's `language-option`).
//!
//! AppleScript is English-like: a statement is a line (`¬` continues one),
//! `--`, `#` and `(* *)` are comments, `&` concatenates. The reader knows the
//! statements through which a script reaches the system: `do shell script`
//! (as root with `with administrator privileges`, lowered as `sudo sh -c`),
//! Terminal's `do script`, `run script`, Finder's `delete`, `open for access` /
//! `write … to` / `read`, `set … to`, handlers (`on f(x) … end f`), and the
//! value phrases `quoted form of`, `POSIX path of`, `POSIX file`, `path to
//! home folder`, `system attribute`. Blocks (`tell`, `if`, `repeat`, `try`)
//! are read as their lines, every branch taken. What it does not know is an
//! unknown expression whose parts are still evaluated; there are no syntax
//! errors, since a false find only adds commands to judge.

use super::Lowering;
use super::ast::{BinOp, Expr, Function, Stmt, Target};

/// Lowers AppleScript source to the shared tree.
pub(crate) fn lower(code: &str) -> Lowering {
    let (lines, ranges): (Vec<Vec<Tok>>, Vec<(usize, usize)>) =
        logical_lines(code).into_iter().map(|(l, range)| (tokens(&l), range)).filter(|(t, _)| !t.is_empty()).unzip();
    let mut i = 0;
    let (mut stmts, mut spans) = (Vec::new(), Vec::new());
    while i < lines.len() {
        let (mut s, next) = block(&lines, i);
        let next = next.max(i + 1);
        // A block's statements point at its lines.
        let span = (ranges[i].0, ranges[(next - 1).min(ranges.len() - 1)].1);
        spans.extend(std::iter::repeat_n(Some(span), s.len()));
        stmts.append(&mut s);
        i = next;
    }
    Lowering { stmts, errors: false, spans }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(i64),
    Punct(char),
}

impl Tok {
    fn is(&self, w: &str) -> bool {
        matches!(self, Tok::Word(x) if x.eq_ignore_ascii_case(w))
    }
}

/// Source lines with comments removed and `¬` continuations joined, each
/// with its byte range in the code.
fn logical_lines(code: &str) -> Vec<(String, (usize, usize))> {
    let chars: Vec<(usize, char)> = code.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(code.len(), |&(i, _)| i);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let (mut in_str, mut depth) = (false, 0);
    let mut k = 0;
    while let Some(c) = at(k) {
        k += 1;
        if in_str {
            cur.push(c);
            if c == '\\' {
                cur.extend(at(k));
                k += 1;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if depth > 0 {
            if c == '*' && at(k) == Some(')') {
                k += 1;
                depth -= 1;
            } else if c == '(' && at(k) == Some('*') {
                k += 1;
                depth += 1;
            }
            continue;
        }
        if cur.trim().is_empty() && !c.is_whitespace() {
            // The line's text starts here.
            cur.clear();
            start = offset(k - 1);
        }
        match c {
            '"' => {
                in_str = true;
                cur.push(c);
            }
            '(' if at(k) == Some('*') => {
                k += 1;
                depth = 1;
            }
            '-' if at(k) == Some('-') => {
                while at(k).is_some_and(|c| c != '\n' && c != '\r') {
                    k += 1;
                }
            }
            '#' => {
                while at(k).is_some_and(|c| c != '\n' && c != '\r') {
                    k += 1;
                }
            }
            '¬' => {
                // The line goes on after the break.
                while at(k).is_some_and(char::is_whitespace) {
                    k += 1;
                }
                cur.push(' ');
            }
            '\n' | '\r' => {
                out.push((std::mem::take(&mut cur), (start, offset(k - 1))));
                start = offset(k);
            }
            _ => cur.push(c),
        }
    }
    out.push((cur, (start, code.len())));
    out
}

fn tokens(line: &str) -> Vec<Tok> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '“' {
            let close = if c == '"' { '"' } else { '”' };
            let mut s = String::new();
            i += 1;
            while i < chars.len() && chars[i] != close {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                    s.push(match chars[i] {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                } else {
                    s.push(chars[i]);
                }
                i += 1;
            }
            out.push(Tok::Str(s));
            i += 1;
        } else if c == '|' {
            // `|name with spaces|` is one identifier.
            let start = i + 1;
            i = start;
            while i < chars.len() && chars[i] != '|' {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i.min(chars.len())].iter().collect()));
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = chars[start..i].iter().collect();
            out.push(n.parse().map_or(Tok::Punct('0'), Tok::Num));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Tok::Word(chars[start..i].iter().collect()));
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// Words that open a block closed by `end …`.
fn opens_block(line: &[Tok]) -> bool {
    let first = |w: &str| line.first().is_some_and(|t| t.is(w));
    if first("tell") || first("using") {
        return !line.iter().any(|t| t.is("to"));
    }
    if first("if") {
        // `if c then stmt` on one line has no `end if`.
        return line.last().is_some_and(|t| t.is("then"));
    }
    ["repeat", "try", "considering", "ignoring", "on", "to"].iter().any(|w| first(w))
        || first("with") && line.get(1).is_some_and(|t| t.is("timeout") || t.is("transaction"))
}

/// The statements of the line at `i` (and of its block, if it opens one);
/// returns the index after them.
fn block(lines: &[Vec<Tok>], i: usize) -> (Vec<Stmt>, usize) {
    let line = &lines[i];
    if line[0].is("end") || line[0].is("else") || line[0].is("on") && line.get(1).is_some_and(|t| t.is("error")) {
        return (Vec::new(), i + 1);
    }
    if !opens_block(line) {
        return (statement(line), i + 1);
    }
    // The block's body up to its `end`.
    let mut body = Vec::new();
    let mut j = i + 1;
    while j < lines.len() && !lines[j][0].is("end") {
        let (mut s, next) = block(lines, j);
        body.append(&mut s);
        j = next;
    }
    let after = j + 1;
    // A handler: `on name(params)` / `to name(params)`.
    if (line[0].is("on") || line[0].is("to")) && line.len() > 1 {
        if let Tok::Word(name) = &line[1] {
            if name.eq_ignore_ascii_case("run") {
                // `on run argv … end run` is the script's entry point.
                return (vec![Stmt::Block(body)], after);
            }
            let params = line[2..].iter().filter_map(|t| if let Tok::Word(w) = t { Some(w.to_ascii_lowercase()) } else { None }).collect();
            return (vec![Stmt::Def { name: name.to_ascii_lowercase(), function: Function { params, body } }], after);
        }
    }
    let mut out = Vec::new();
    // A condition or loop range is evaluated for its effects too.
    if line[0].is("if") || line[0].is("repeat") {
        let mut p = Parser { toks: &line[1..], at: 0 };
        out.push(Stmt::Expr(p.expr()));
    }
    out.push(Stmt::Block(body));
    (out, after)
}

/// One statement line.
fn statement(line: &[Tok]) -> Vec<Stmt> {
    let word = |i: usize, w: &str| line.get(i).is_some_and(|t| t.is(w));
    // `tell application "Finder" to delete …`: the part after `to`.
    if word(0, "tell") {
        if let Some(k) = line.iter().position(|t| t.is("to")) {
            return statement(&line[k + 1..]);
        }
        return Vec::new();
    }
    // `if cond then stmt`.
    if word(0, "if") {
        if let Some(k) = line.iter().position(|t| t.is("then")) {
            let mut out = vec![Stmt::Expr(Parser { toks: &line[1..k], at: 0 }.expr())];
            out.extend(statement(&line[k + 1..]));
            return out;
        }
    }
    if word(0, "set") {
        if let Some(k) = line.iter().position(|t| t.is("to")) {
            let value = Parser { toks: &line[k + 1..], at: 0 }.expr();
            let target = match &line[1..k] {
                [Tok::Word(name)] => Target::Name(name.to_ascii_lowercase()),
                _ => Target::Ignored,
            };
            return vec![Stmt::Assign(target, value)];
        }
    }
    if word(0, "copy") {
        if let Some(k) = line.iter().rposition(|t| t.is("to")) {
            let value = Parser { toks: &line[1..k], at: 0 }.expr();
            let target = match &line[k + 1..] {
                [Tok::Word(name)] => Target::Name(name.to_ascii_lowercase()),
                _ => Target::Ignored,
            };
            return vec![Stmt::Assign(target, value)];
        }
    }
    if word(0, "return") {
        return vec![Stmt::Return(Parser { toks: &line[1..], at: 0 }.expr())];
    }
    vec![Stmt::Expr(Parser { toks: line, at: 0 }.expr())]
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Call { func: Box::new(Expr::Name(name.into())), args, kwargs: Vec::new() }
}

/// Words that end an expression: the parameters of a command.
const STOPS: &[&str] =
    &["with", "without", "user", "password", "altering", "administrator", "to", "in", "then", "starting", "for", "as", "default", "buttons", "giving", "from"];

struct Parser<'a> {
    toks: &'a [Tok],
    at: usize,
}

impl Parser<'_> {
    fn peek_is(&self, w: &str) -> bool {
        self.toks.get(self.at).is_some_and(|t| t.is(w))
    }

    fn next_is(&self, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.toks.get(self.at + k).is_some_and(|t| t.is(w)))
    }

    fn skip(&mut self, n: usize) {
        self.at += n;
    }

    /// `term (& term)*`, then `as CLASS` is dropped.
    fn expr(&mut self) -> Expr {
        let mut left = self.term();
        loop {
            match self.toks.get(self.at) {
                Some(Tok::Punct('&')) => {
                    self.at += 1;
                    let right = self.term();
                    left = Expr::Binary(BinOp::Add, Box::new(left), Box::new(right));
                }
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("as") => {
                    // `… as text`, `… as POSIX file`: a class, not a value.
                    self.at += 1;
                    while self.toks.get(self.at).is_some_and(|t| matches!(t, Tok::Word(_)) && !t.is("with")) {
                        self.at += 1;
                    }
                }
                _ => return left,
            }
        }
    }

    /// The words of a command's own parameters (`with administrator privileges`).
    fn rest_has(&self, w: &str) -> bool {
        self.toks[self.at.min(self.toks.len())..].iter().any(|t| t.is(w))
    }

    fn term(&mut self) -> Expr {
        if self.next_is(&["do", "shell", "script"]) {
            self.skip(3);
            let command = self.expr();
            let argv = if self.rest_has("administrator") {
                vec![Expr::Str("sudo".into()), Expr::Str("sh".into()), Expr::Str("-c".into()), command]
            } else {
                vec![Expr::Str("sh".into()), Expr::Str("-c".into()), command]
            };
            self.at = self.toks.len();
            return call("do shell script", vec![Expr::List(argv)]);
        }
        // Terminal's `do script "cmd" [in window 1]`.
        if self.next_is(&["do", "script"]) {
            self.skip(2);
            let command = self.expr();
            self.at = self.toks.len();
            return call("do script", vec![command]);
        }
        if self.next_is(&["run", "script"]) {
            self.skip(2);
            return call("run script", vec![self.expr()]);
        }
        if self.next_is(&["open", "for", "access"]) {
            self.skip(3);
            let path = self.term();
            let mode = if self.rest_has("write") { "a" } else { "r" };
            self.at = self.toks.len();
            return call("open for access", vec![path, Expr::Str(mode.into())]);
        }
        if self.next_is(&["close", "access"]) {
            self.skip(2);
            let _ = self.expr();
            return Expr::Null;
        }
        if self.peek_is("write") {
            self.skip(1);
            let data = self.expr();
            if self.peek_is("to") {
                self.skip(1);
                let target = self.term();
                self.at = self.toks.len();
                return call("write", vec![target, data]);
            }
            return Expr::Unknown(vec![data]);
        }
        if self.peek_is("read") && self.toks.len() > self.at + 1 {
            self.skip(1);
            return call("read", vec![self.term()]);
        }
        if self.peek_is("delete") || self.next_is(&["move"]) && self.rest_has("trash") {
            self.skip(1);
            let what = self.term();
            self.at = self.toks.len();
            return call("delete", vec![what]);
        }
        if self.next_is(&["quoted", "form", "of"]) {
            self.skip(3);
            return call("quoted form of", vec![self.term()]);
        }
        if self.next_is(&["posix", "path", "of"]) {
            self.skip(3);
            return call("POSIX path of", vec![self.term()]);
        }
        if self.next_is(&["posix", "file"]) {
            self.skip(2);
            return call("POSIX file", vec![self.term()]);
        }
        if self.next_is(&["system", "attribute"]) {
            self.skip(2);
            return call("system attribute", vec![self.term()]);
        }
        if self.next_is(&["path", "to"]) {
            self.skip(2);
            let mut words = Vec::new();
            while let Some(Tok::Word(w)) = self.toks.get(self.at) {
                if STOPS.contains(&w.to_ascii_lowercase().as_str()) {
                    break;
                }
                words.push(w.to_ascii_lowercase());
                self.at += 1;
            }
            // `from user domain`, `as text`.
            while self.peek_is("from") || self.peek_is("user") || self.peek_is("domain") {
                self.at += 1;
            }
            return folder(&words.join(" "));
        }
        match self.toks.get(self.at).cloned() {
            Some(Tok::Str(s)) => {
                self.at += 1;
                Expr::Str(s)
            }
            Some(Tok::Num(n)) => {
                self.at += 1;
                Expr::Num(n)
            }
            Some(Tok::Punct('(')) => {
                self.at += 1;
                let e = self.expr();
                if matches!(self.toks.get(self.at), Some(Tok::Punct(')'))) {
                    self.at += 1;
                }
                e
            }
            Some(Tok::Punct('{')) => {
                self.at += 1;
                Expr::List(self.items('}'))
            }
            Some(Tok::Word(w)) => {
                self.at += 1;
                let lower = w.to_ascii_lowercase();
                // `file "HD:Users:x"`, `folder "…"`, `alias "…"`: HFS paths.
                if matches!(lower.as_str(), "file" | "folder" | "alias" | "disk") && matches!(self.toks.get(self.at), Some(Tok::Str(_) | Tok::Punct('('))) {
                    return call("hfs path", vec![self.term()]);
                }
                // `handler(args)`.
                if matches!(self.toks.get(self.at), Some(Tok::Punct('('))) {
                    self.at += 1;
                    let args = self.items(')');
                    return call(&lower, args);
                }
                // `X of Y` (`text returned of …`, `every file of …`): a part of Y.
                let mut parts = Vec::new();
                while self.at < self.toks.len() && !matches!(self.toks.get(self.at), Some(Tok::Punct(_))) && !STOPS.contains(&self.word_at().as_str()) {
                    if self.peek_is("of") {
                        self.at += 1;
                        parts.push(self.term());
                        return Expr::Unknown(parts);
                    }
                    if matches!(self.toks.get(self.at), Some(Tok::Word(_))) {
                        self.at += 1;
                    } else {
                        parts.push(self.term());
                    }
                }
                if parts.is_empty() { Expr::Name(lower) } else { Expr::Unknown(parts) }
            }
            Some(Tok::Punct(_)) => {
                self.at += 1;
                Expr::Unknown(Vec::new())
            }
            None => Expr::Unknown(Vec::new()),
        }
    }

    /// Comma-separated expressions up to `close`, which is consumed.
    fn items(&mut self, close: char) -> Vec<Expr> {
        let mut items = Vec::new();
        while self.at < self.toks.len() && self.toks[self.at] != Tok::Punct(close) {
            items.push(self.expr());
            // A `,` or a token the expression did not take.
            if self.toks.get(self.at).is_some_and(|t| *t != Tok::Punct(close)) {
                self.at += 1;
            }
        }
        self.at += 1;
        items
    }

    fn word_at(&self) -> String {
        match self.toks.get(self.at) {
            Some(Tok::Word(w)) => w.to_ascii_lowercase(),
            _ => String::new(),
        }
    }
}

/// `path to home folder`, `path to desktop`, … as a path under the home.
fn folder(words: &str) -> Expr {
    let home = call("path to home folder", Vec::new());
    let sub = match words.trim_end_matches(" folder") {
        "home" | "current user" => return home,
        "desktop" => "Desktop",
        "documents" => "Documents",
        "downloads" => "Downloads",
        "library" | "preferences" if words.contains("preferences") => "Library/Preferences",
        "library" => "Library",
        "application support" => "Library/Application Support",
        "launchagents" | "launch agents" => "Library/LaunchAgents",
        "startup disk" => return Expr::Str("/".into()),
        "temporary items" => return Expr::Str("/tmp".into()),
        _ => return Expr::Unknown(Vec::new()),
    };
    Expr::Binary(BinOp::Add, Box::new(home), Box::new(Expr::Str(format!("/{sub}"))))
}

#[cfg(test)]
mod tests {
    use crate::ir::lang::analyse;
    use crate::ir::spec::Language;

    fn lines(code: &str) -> Vec<String> {
        analyse(Language::Applescript, code).expect("applescript front end").lines
    }

    #[test]
    fn shell_scripts_are_shell_code() {
        assert_eq!(lines("do shell script \"ls -la\""), ["sh -c 'ls -la'"]);
        assert_eq!(lines("do shell script \"id\" with administrator privileges"), ["sudo sh -c id"]);
        let built = lines("set p to POSIX path of (path to home folder)\ndo shell script \"rm -rf \" & quoted form of p");
        assert_eq!(built, ["sh -c 'rm -rf ~'"]);
        assert_eq!(lines("tell application \"Terminal\" to do script \"make test\""), ["make test"]);
        let handler = lines("on wipe(d)\n  do shell script \"rm -rf \" & d\nend wipe\nwipe(\"/tmp/x\")");
        assert_eq!(handler, ["sh -c 'rm -rf /tmp/x'"]);
        assert_eq!(lines("do shell script \"echo \" & (system attribute \"HOME\")"), ["sh -c 'echo ~'"]);
    }

    #[test]
    fn files_and_finder() {
        assert_eq!(lines("tell application \"Finder\" to delete (POSIX file \"/Users/dev/Documents\")"), ["rm -rf /Users/dev/Documents"]);
        let write =
            lines("set f to open for access POSIX file \"/Users/dev/.zshrc\" with write permission\nwrite \"curl x\" to f starting at eof\nclose access f");
        assert!(write.iter().any(|l| l.contains("| tee -a /Users/dev/.zshrc")), "{write:?}");
        assert_eq!(lines("read POSIX file \"/etc/hosts\""), ["cat /etc/hosts"]);
    }

    #[test]
    fn harmless_scripts_do_nothing() {
        for code in [
            "display notification \"Build done\" with title \"make\"",
            "tell application \"Safari\" to activate",
            "set volume output volume 30",
            "-- do shell script \"rm -rf ~\"\nbeep",
            "(* do shell script \"id\" *) return 1",
            "display dialog \"Deploy finished\" buttons {\"OK\"}",
        ] {
            assert!(lines(code).is_empty(), "{code}: {:?}", lines(code));
        }
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in crate::ir::lang::tests::random_texts("do shell script \"&()¬{},|x\n-#*of to set", 0xa991_e5c1, 2000, 60) {
            let _ = analyse(Language::Applescript, &text);
        }
    }
}
