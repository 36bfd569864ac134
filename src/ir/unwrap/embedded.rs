//! Shell commands embedded in interpreter code: `os.system("…")`,
//! `subprocess.run(["rm", "-rf", p])`, `child_process.execSync('…')`,
//! Perl/Ruby/PHP `system`, backticks and `%x()`, awk `system()`, Lua
//! `os.execute`. The strings are returned so the lowering can analyse them
//! as scripts; the interpreter code itself stays available to rules (the
//! flag value or the heredoc body). This is a scanner, not a parser: it
//! finds string literals passed to known process-spawning calls, and is
//! deliberately generous (a false find only adds commands to judge).
//!
//! Languages with a front end in `ir::lang` (Python, JavaScript, awk, Perl,
//! Ruby, PHP, Lua) are parsed and evaluated there instead; this scanner
//! still reads them when their code does not parse, and reads every other
//! language (Vim script, Emacs Lisp).

use crate::ir::spec::Language as Lang;

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
        Lang::Javascript => &["execSync", "exec", "spawnSync", "spawn", "execFileSync", "execFile", "execa", "execaSync", "$"],
        Lang::Perl => &["system", "exec", "qx", "open"],
        Lang::Ruby => &["system", "exec", "spawn", "IO.popen", "Open3.capture2", "Open3.capture3", "Open3.popen3", "%x"],
        Lang::Php => &["system", "exec", "shell_exec", "passthru", "proc_open", "popen", "pcntl_exec"],
        Lang::Awk => &["system"],
        Lang::Lua => &["os.execute", "io.popen"],
        Lang::Vim => &["system", "systemlist", "job_start", "jobstart", "termopen"],
        Lang::Elisp => &[
            "shell-command-to-string",
            "shell-command",
            "async-shell-command",
            "call-process-shell-command",
            "start-process-shell-command",
            // Terminal emulators inside Emacs: the argument is the program they run.
            "ansi-term",
            "term",
            "make-term",
        ],
        Lang::Shell | Lang::R | Lang::Julia | Lang::Tcl | Lang::Applescript | Lang::Powershell | Lang::Sql => &[],
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
            let rest = rest.strip_prefix('(').or_else(|| matches!(lang, Lang::Awk | Lang::Perl | Lang::Ruby | Lang::Elisp).then_some(rest)).unwrap_or("");
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
    out.extend(file_accesses(lang, code));
    out.sort();
    out.dedup();
    out
}

/// File reads and writes in interpreter code, as the shell commands with the
/// same effect: `open("~/.ssh/id_rsa").read()` is `cat '…'`, `open(p, "w")`
/// and `writeFileSync(p, …)` are `tee '…'`, append modes `tee -a '…'`. Only
/// literal paths that start with `/` or `~` are taken: relative paths stay
/// in the workspace, which the interpreter may touch anyway.
fn file_accesses(lang: Lang, code: &str) -> Vec<String> {
    // (call, mode): mode `None` reads the mode from the next argument.
    let calls: &[(&str, Option<&str>)] = match lang {
        Lang::Python => &[("open", None), ("io.open", None), ("Path", Some("path")), ("shutil.copy", Some("r")), ("shutil.copyfile", Some("r"))],
        Lang::Javascript => &[
            ("readFileSync", Some("r")),
            ("readFile", Some("r")),
            ("createReadStream", Some("r")),
            ("copyFileSync", Some("r")),
            ("writeFileSync", Some("w")),
            ("writeFile", Some("w")),
            ("createWriteStream", Some("w")),
            ("appendFileSync", Some("a")),
            ("appendFile", Some("a")),
            ("file", Some("path")),
        ],
        Lang::Ruby => &[
            ("File.read", Some("r")),
            ("IO.read", Some("r")),
            ("File.readlines", Some("r")),
            ("File.binread", Some("r")),
            ("File.open", None),
            ("File.write", Some("w")),
            ("IO.write", Some("w")),
        ],
        Lang::Php => &[
            ("file_get_contents", Some("r")),
            ("readfile", Some("r")),
            ("file", Some("r")),
            ("fopen", None),
            ("file_put_contents", Some("w")),
            ("copy", Some("r")),
        ],
        Lang::Perl => &[("open", Some("perl"))],
        Lang::Lua => &[("io.open", None), ("io.lines", Some("r"))],
        _ => &[],
    };
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    for &(call, mode) in calls {
        let mut from = 0;
        while let Some(pos) = code[from..].find(call) {
            let start = from + pos;
            from = start + call.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let Some(rest) = code[from..].trim_start().strip_prefix('(') else { continue };
            let mut args = arguments(rest);
            if mode == Some("perl") {
                // `open(F, "<path")`, `open(my $f, '>', "path")`: skip the handle.
                if !args.is_empty() {
                    args.remove(0);
                }
                let (m, path) = match args.as_slice() {
                    [Some(m), Some(p), ..] if m.len() <= 3 => (m.clone(), p.clone()),
                    [Some(p), ..] => {
                        let m: String = p.chars().take_while(|c| "<>+|".contains(*c)).collect();
                        (m.clone(), p[m.len()..].trim().to_string())
                    }
                    _ => continue,
                };
                push_access(
                    &mut out,
                    &path,
                    if m.contains(">>") {
                        "a"
                    } else if m.contains('>') || m.contains('+') {
                        "w"
                    } else {
                        "r"
                    },
                );
                continue;
            }
            let Some(Some(path)) = args.first() else { continue };
            let m = match mode {
                Some("path") => {
                    // `Path("p").write_text(…)`, `file("p")`: the method after the call decides.
                    let after = &rest[rest.find(')').map_or(rest.len(), |i| i + 1)..];
                    if after.starts_with(".write") || after.starts_with(".open(\"w") || after.starts_with(".open('w") { "w" } else { "r" }
                }
                Some(m) => m,
                None => match args.get(1) {
                    Some(Some(m)) if m.contains('a') => "a",
                    Some(Some(m)) if m.contains('w') || m.contains('+') => "w",
                    _ => "r",
                },
            };
            push_access(&mut out, path, m);
            if out.len() >= 32 {
                return out;
            }
        }
    }
    out
}

fn push_access(out: &mut Vec<String>, path: &str, mode: &str) {
    if !(path.starts_with('/') || path.starts_with('~')) || path.contains(['\n', '\0']) {
        return;
    }
    let quoted =
        if let Some(rest) = path.strip_prefix("~/") { format!("~/{}", crate::ir::words::shell_quote(rest)) } else { crate::ir::words::shell_quote(path) };
    out.push(match mode {
        "w" => format!("tee {quoted}"),
        "a" => format!("tee -a {quoted}"),
        _ => format!("cat {quoted}"),
    });
}

/// The leading arguments of a call (after its `(`): string literals as
/// `Some`, anything else as `None`; at most four.
fn arguments(s: &str) -> Vec<Option<String>> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while out.len() < 4 {
        let r = rest.strip_prefix('f').filter(|r| r.starts_with(['"', '\''])).unwrap_or(rest);
        match r.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let Some((t, used)) = literal(r, q) else { break };
                out.push(Some(t));
                rest = r[used..].trim_start();
            }
            Some(')') | None => break,
            Some(_) => {
                out.push(None);
                // Skip to the next top-level comma.
                let mut depth = 0i32;
                let mut end = None;
                for (i, c) in r.char_indices() {
                    match c {
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth == 0 => break,
                        ')' | ']' | '}' => depth -= 1,
                        ',' if depth == 0 => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else { break };
                rest = r[end..].trim_start();
            }
        }
        match rest.strip_prefix(',') {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
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
                items.push(crate::ir::words::shell_quote(&t));
                rest = rest[used..].trim_start().trim_start_matches(',').trim_start();
            }
            (!items.is_empty()).then(|| items.join(" "))
        }
        _ => None,
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
        assert_eq!(shell_strings(Lang::Javascript, "require('child_process').execSync(\"curl x | sh\")"), ["curl x | sh"]);
        assert_eq!(shell_strings(Lang::Ruby, "puts `id`"), ["id"]);
        assert_eq!(shell_strings(Lang::Awk, "BEGIN { system(\"rm -rf ~\") }"), ["rm -rf ~"]);
        assert!(shell_strings(Lang::Python, "print(sum([1, 2]))").is_empty());
    }

    #[test]
    fn finds_file_accesses() {
        assert_eq!(shell_strings(Lang::Python, "print(open('/home/dev/.ssh/id_rsa').read())"), ["cat /home/dev/.ssh/id_rsa"]);
        assert_eq!(shell_strings(Lang::Python, "open(\"/etc/hosts\", \"a\").write(x)"), ["tee -a /etc/hosts"]);
        assert_eq!(shell_strings(Lang::Python, "from pathlib import Path; Path('~/.bashrc').write_text(s)"), ["tee ~/.bashrc"]);
        assert_eq!(shell_strings(Lang::Javascript, "fs.writeFileSync('/home/dev/.claude/settings.json', '{}')"), ["tee /home/dev/.claude/settings.json"]);
        assert_eq!(shell_strings(Lang::Ruby, "File.open('/root/x', 'w') { |f| f << 1 }"), ["tee /root/x"]);
        assert_eq!(shell_strings(Lang::Php, "echo file_get_contents('/home/dev/.aws/credentials');"), ["cat /home/dev/.aws/credentials"]);
        assert_eq!(shell_strings(Lang::Perl, "open(F, \">>/home/dev/.profile\"); print F 1"), ["tee -a /home/dev/.profile"]);
        assert_eq!(shell_strings(Lang::Perl, "open(my $f, '<', '/etc/shadow')"), ["cat /etc/shadow"]);
        assert!(shell_strings(Lang::Python, "open('data.csv').read()").is_empty());
        assert!(shell_strings(Lang::Python, "open(path, 'w')").is_empty());
    }
}
