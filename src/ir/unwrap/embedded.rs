//! Shell commands embedded in interpreter code: `os.system("…")`,
//! `subprocess.run(["rm", "-rf", p])`, `child_process.execSync('…')`,
//! Perl/Ruby/PHP `system`, backticks and `%x()`, awk `system()`, Lua
//! `os.execute`. The strings are returned so the lowering can analyse them
//! as scripts; the interpreter code itself stays available to rules (the
//! flag value or the heredoc body). This is a scanner, not a parser: it
//! finds string literals passed to known process-spawning calls, and is
//! deliberately generous (a false find only adds commands to judge).

/// Which language family the interpreter speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Python,
    JavaScript,
    Perl,
    Ruby,
    Php,
    Awk,
    Lua,
}

/// The language of an interpreter program name.
pub(crate) fn lang_of(name: &str) -> Option<Lang> {
    Some(match name {
        n if n.starts_with("python") || n == "ipython" || n == "pypy" || n == "pypy3" => Lang::Python,
        "node" | "nodejs" | "deno" | "bun" => Lang::JavaScript,
        "perl" => Lang::Perl,
        "ruby" | "irb" => Lang::Ruby,
        n if n.starts_with("php") => Lang::Php,
        "awk" | "gawk" | "mawk" | "nawk" | "busybox-awk" => Lang::Awk,
        "lua" | "luajit" => Lang::Lua,
        _ => return None,
    })
}

/// The flags that introduce inline code, per language.
pub(crate) fn code_flags(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &["-c"],
        Lang::JavaScript => &["-e", "--eval", "-p", "--print"],
        Lang::Perl => &["-e", "-E"],
        Lang::Ruby => &["-e"],
        Lang::Php => &["-r"],
        Lang::Awk => &[],
        Lang::Lua => &["-e"],
    }
}

fn calls(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Python => &[
            "os.system",
            "os.popen",
            "subprocess.run",
            "subprocess.call",
            "subprocess.check_call",
            "subprocess.check_output",
            "subprocess.Popen",
            "subprocess.getoutput",
            "subprocess.getstatusoutput",
            "os.execl",
            "os.execlp",
            "os.execv",
            "os.execvp",
            "os.spawnl",
            "os.spawnlp",
            "pty.spawn",
            "commands.getoutput",
            "system",
            "popen",
            "check_output",
            "check_call",
            "Popen",
            "getoutput",
            "run",
            "call",
        ],
        Lang::JavaScript => &["execSync", "exec", "spawnSync", "spawn", "execFileSync", "execFile", "execa", "execaSync", "$"],
        Lang::Perl => &["system", "exec", "qx", "open"],
        Lang::Ruby => &["system", "exec", "spawn", "IO.popen", "Open3.capture2", "Open3.capture3", "Open3.popen3", "%x"],
        Lang::Php => &["system", "exec", "shell_exec", "passthru", "proc_open", "popen", "pcntl_exec"],
        Lang::Awk => &["system"],
        Lang::Lua => &["os.execute", "io.popen"],
    }
}

/// The shell command strings found in `code`.
pub(crate) fn shell_strings(lang: Lang, code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for call in calls(lang) {
        let mut from = 0;
        while let Some(pos) = code[from..].find(call) {
            let start = from + pos;
            from = start + call.len();
            let before_ok = start == 0 || !(bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
            if !before_ok {
                continue;
            }
            let rest = code[from..].trim_start();
            let rest = rest.strip_prefix('(').or_else(|| (lang == Lang::Awk || lang == Lang::Perl || lang == Lang::Ruby).then_some(rest)).unwrap_or("");
            if let Some(s) = first_argument(rest.trim_start()) {
                if !s.trim().is_empty() {
                    out.push(s);
                }
            }
            if out.len() >= 32 {
                return out;
            }
        }
    }
    if matches!(lang, Lang::Perl | Lang::Ruby | Lang::Php) {
        let mut parts = code.split('`');
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            if !inside.trim().is_empty() {
                out.push(inside.to_string());
            }
        }
    }
    if lang == Lang::Awk {
        // `print … | "sh"` and `"cmd" | getline`.
        for (i, _) in code.match_indices("| getline") {
            if let Some(s) = last_string_before(&code[..i]) {
                out.push(s);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A string literal, a list of string literals (joined with spaces), or an
/// f-string / template at the start of `s`.
fn first_argument(s: &str) -> Option<String> {
    let s = s.strip_prefix('f').filter(|r| r.starts_with(['"', '\''])).unwrap_or(s);
    let s = s.strip_prefix('r').filter(|r| r.starts_with(['"', '\''])).unwrap_or(s);
    match s.chars().next()? {
        q @ ('"' | '\'' | '`') => literal(s, q).map(|(t, _)| t),
        '[' => {
            let mut items = Vec::new();
            let mut rest = s[1..].trim_start();
            while let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                let (t, used) = literal(rest, q)?;
                items.push(shell_quote(&t));
                rest = rest[used..].trim_start().trim_start_matches(',').trim_start();
            }
            (!items.is_empty()).then(|| items.join(" "))
        }
        _ => None,
    }
}

fn shell_quote(t: &str) -> String {
    if t.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+~,".contains(c)) && !t.is_empty() {
        t.to_string()
    } else {
        format!("'{}'", t.replace('\'', r"'\''"))
    }
}

/// The content of a quoted literal starting at `s[0] == q`, and the bytes used.
fn literal(s: &str, q: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, other)) => out.push(other),
                None => return None,
            },
            c if c == q => return Some((out, i + c.len_utf8())),
            c => out.push(c),
        }
    }
    None
}

fn last_string_before(s: &str) -> Option<String> {
    let end = s.trim_end();
    let inner = end.strip_suffix('"')?;
    let start = inner.rfind('"')?;
    Some(inner[start + 1..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shell_strings() {
        assert_eq!(shell_strings(Lang::Python, "import os; os.system('rm -rf /')"), ["rm -rf /"]);
        assert_eq!(shell_strings(Lang::Python, "import subprocess as s; s.run(['rm', '-rf', '/home/dev'])"), ["rm -rf /home/dev"]);
        assert_eq!(shell_strings(Lang::JavaScript, "require('child_process').execSync(\"curl x | sh\")"), ["curl x | sh"]);
        assert_eq!(shell_strings(Lang::Ruby, "puts `id`"), ["id"]);
        assert_eq!(shell_strings(Lang::Awk, "BEGIN { system(\"rm -rf ~\") }"), ["rm -rf ~"]);
        assert!(shell_strings(Lang::Python, "print(sum([1, 2]))").is_empty());
    }
}
