//! The evasion suite: a risky command, rephrased the way an agent steered by
//! a prompt injection would rephrase it, must still escalate.
//!
//! Two sources of variants, both judged in POLICY.md's setting (workspace
//! /home/dev/project, HOME=/home/dev):
//!
//! - `tests/evasion/plain.tsv`: plain forms, one or more per rule family,
//!   with the decision each must get. Every [`TRANSFORMS`] entry rewrites each
//!   plain form (quoting and escaping the program name, odd paths, globs,
//!   brace expansion, variables, slices, `IFS`, `$(printf …)`, `rev`,
//!   functions and aliases, stacked wrappers, `trap`, `coproc`, `xargs`,
//!   `find -exec`, `eval`, heredoc-fed and process-substituted shells,
//!   `source`, code written to a file and run (by a shell, by path, by
//!   `source`, by an interpreter), functions and aliases called with
//!   arguments, code-running variables (`PAGER`, `GIT_CONFIG_*`,
//!   `BASH_ENV`), commands in other programs' options (`git -c core.pager=`,
//!   `tar --to-command=`, `zip -TT`, `ssh -o ProxyCommand=`, `vim -c '!…'`), interpreters,
//!   base64/hex/octal/gzip payloads, homoglyphs, zero-width and bidi
//!   characters). A variant must decide at least what its plain form decides.
//! - `tests/evasion/variants.tsv`: hand-written variants that reach the same
//!   effect by other programs (`find -delete`, `rsync --delete`, `shred`,
//!   `tar --to-command`, `git -c core.pager=…`, editors' command modes,
//!   `busybox`, …), each with the least decision it must get.
//!
//! A transform that does not apply to a plain form (a brace expansion of a
//! command with quotes in it, say) yields nothing. Every failure is listed in
//! one report; the counts are printed (`cargo test --test evasion --
//! --nocapture`).

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;

use base64::Engine as _;
use riskgate::{Category, Classifier, Decision, Request};

/// One rewrite of a command; `None` where it does not apply.
type Transform = fn(&str) -> Option<String>;

/// Every transform, by name (the name appears in failure reports).
const TRANSFORMS: &[(&str, Transform)] = &[
    // The program name, quoted and escaped.
    ("backslash", |c| program(c, |p| Some(format!("{}\\{}", &p[..1], &p[1..])))),
    ("single-quote-split", |c| program(c, |p| Some(format!("'{}'{}", &p[..1], &p[1..])))),
    ("double-quote-split", |c| program(c, |p| Some(format!("\"{}\"\"{}\"", &p[..1], &p[1..])))),
    ("empty-quotes", |c| program(c, |p| Some(format!("{}''{}", &p[..1], &p[1..])))),
    ("ansi-c-hex", |c| program(c, |p| Some(format!("$'{}'", p.bytes().map(|b| format!("\\x{b:02x}")).collect::<String>())))),
    ("ansi-c-octal", |c| program(c, |p| Some(format!("$'{}'", p.bytes().map(|b| format!("\\{b:03o}")).collect::<String>())))),
    // The program by an odd path.
    ("absolute-path", |c| program(c, |p| external(p).then(|| format!("/usr/bin/{p}")))),
    ("dot-dot-path", |c| program(c, |p| external(p).then(|| format!("/bin/../bin/{p}")))),
    ("relative-path", |c| program(c, |p| external(p).then(|| format!("./../../../usr/bin/{p}")))),
    ("double-slash-path", |c| program(c, |p| external(p).then(|| format!("//usr//bin//{p}")))),
    ("glob-question", |c| program(c, |p| external(p).then(|| format!("/usr/bin/{}?", &p[..p.len() - 1])))),
    ("glob-class", |c| program(c, |p| external(p).then(|| format!("/usr/bin/[{}]{}", &p[..1], &p[1..])))),
    ("command-builtin", |c| program(c, |p| Some(format!("command {p}")))),
    ("builtin-builtin", |c| program(c, |p| BUILTINS.contains(&p).then(|| format!("builtin {p}")))),
    ("exec-in-subshell", |c| simple(c).then(|| format!("(exec {c})"))),
    // The program or its arguments from variables and expansions.
    ("variables", |c| {
        program(c, |p| {
            let (a, b) = p.split_at(p.len() / 2);
            Some(format!("a={a}; b={b}; $a$b"))
        })
    }),
    ("variable-whole-command", |c| plain_words(c).then(|| format!("c=\"{c}\"; $c"))),
    ("slice", |c| program(c, |p| Some(format!("X=zz{p}zz; ${{X:2:{}}}", p.len())))),
    ("ifs", |c| plain_words(c).then(|| format!("IFS=,; c={}; $c", c.replace(' ', ",")))),
    ("brace-expansion", |c| (plain_words(c) && !c.contains(['{', ','])).then(|| format!("{{{}}}", c.replace(' ', ",")))),
    ("printf-substitution", |c| program(c, |p| Some(format!("$(printf %s {p})")))),
    ("printf-hex", |c| program(c, |p| Some(format!("$(printf '{}')", p.bytes().map(|b| format!("\\x{b:02x}")).collect::<String>())))),
    ("rev-substitution", |c| program(c, |p| Some(format!("$(echo {} | rev)", p.chars().rev().collect::<String>())))),
    ("backticks", |c| program(c, |p| Some(format!("`echo {p}`")))),
    ("tr-substitution", |c| program(c, |p| Some(format!("$(echo {} | tr a-z A-Z | tr A-Z a-z)", p.to_uppercase())))),
    ("function", |c| Some(format!("f() {{ {c}; }}; f"))),
    ("function-keyword", |c| Some(format!("function run_it {{ {c}\n}}\nrun_it"))),
    ("alias", |c| Some(format!("shopt -s expand_aliases\nalias x={}\nx", quote(c)))),
    // Wrappers, alone and stacked.
    ("bash-c", |c| Some(format!("bash -c {}", quote(c)))),
    ("sh-c-double-quotes", |c| (!c.contains(['"', '$', '`', '\\'])).then(|| format!("sh -c \"{c}\""))),
    ("sudo-env-nice-bash-c", |c| Some(format!("sudo env nice bash -c {}", quote(c)))),
    ("nohup-timeout-sh-c", |c| Some(format!("nohup timeout 60 sh -c {} &", quote(c)))),
    ("env-assignment", |c| Some(format!("env LANG=C FOO=1 bash -c {}", quote(c)))),
    ("nested-bash-c", |c| Some(format!("bash -c {}", quote(&format!("sh -c {}", quote(c)))))),
    ("sudo-user-cluster", |c| Some(format!("sudo -iu root bash -c {}", quote(c)))),
    ("trap", |c| Some(format!("trap {} EXIT", quote(c)))),
    ("coproc", |c| simple(c).then(|| format!("coproc {c}"))),
    // Detached sessions, job queues, terminals and per-item runners.
    ("screen-detached", |c| simple(c).then(|| format!("screen -dmS job {c}"))),
    ("tmux-detached", |c| Some(format!("tmux new-session -d {}", quote(c)))),
    ("tmux-send-keys", |c| Some(format!("tmux send-keys -t 0 {} Enter", quote(c)))),
    ("pueue-add", |c| Some(format!("pueue add -- {}", quote(c)))),
    ("xterm-e", |c| simple(c).then(|| format!("xterm -e {c}"))),
    ("git-submodule-foreach", |c| Some(format!("git submodule foreach {}", quote(c)))),
    // Package runners and environment managers run the argv they are given.
    ("uv-run", |c| simple(c).then(|| format!("uv run {c}"))),
    ("poetry-run", |c| simple(c).then(|| format!("poetry run {c}"))),
    ("bundle-exec", |c| simple(c).then(|| format!("bundle exec {c}"))),
    ("npm-exec", |c| simple(c).then(|| format!("npm exec --yes -- {c}"))),
    ("pnpm-exec", |c| simple(c).then(|| format!("pnpm exec {c}"))),
    ("conda-run", |c| simple(c).then(|| format!("conda run -n base {c}"))),
    ("mise-exec", |c| simple(c).then(|| format!("mise exec -- {c}"))),
    ("npx-call", |c| Some(format!("npx -y -c {}", quote(c)))),
    ("nix-shell-run", |c| Some(format!("nix-shell -p hello --run {}", quote(c)))),
    ("eval", |c| Some(format!("eval {}", quote(c)))),
    ("eval-substitution", |c| Some(format!("eval \"$(echo {})\"", quote(c)))),
    ("subshell", |c| Some(format!("( {c} )"))),
    ("group", |c| Some(format!("{{ {c}; }}"))),
    ("after-and", |c| Some(format!("cd /home/dev/project && {c}"))),
    ("after-or", |c| Some(format!("false || {c}"))),
    ("if", |c| Some(format!("if true; then {c}; fi"))),
    ("loop", |c| Some(format!("for i in 1; do {c}; done"))),
    ("background", |c| Some(format!("{c} &\nwait"))),
    ("in-substitution", |c| Some(format!("echo \"$({c})\""))),
    ("xargs-sh-c", |c| Some(format!("printf '%s' {} | xargs -0 sh -c", quote(c)))),
    ("xargs-i", |c| Some(format!("echo x | xargs -I{{}} bash -c {}", quote(c)))),
    ("find-exec", |c| Some(format!("find . -maxdepth 0 -exec sh -c {} \\;", quote(c)))),
    ("heredoc-shell", |c| Some(format!("bash <<'EOF'\n{c}\nEOF"))),
    ("heredoc-sh-s", |c| Some(format!("sh -s <<EOF\n{c}\nEOF"))),
    ("here-string-shell", |c| Some(format!("bash <<< {}", quote(c)))),
    ("pipe-to-shell", |c| Some(format!("echo {} | sh", quote(c)))),
    ("process-substitution", |c| Some(format!("bash <(echo {})", quote(c)))),
    ("source-process-substitution", |c| Some(format!("source <(printf '%s\\n' {})", quote(c)))),
    ("dot-process-substitution", |c| Some(format!(". <(echo {})", quote(c)))),
    ("written-then-run", |c| Some(format!("echo {} > /tmp/t.sh; bash /tmp/t.sh", quote(c)))),
    ("written-then-sourced", |c| Some(format!("printf '%s\\n' {} > run.sh && . ./run.sh", quote(c)))),
    // Written to a file, then run by a shell, by path, by `source`, by an interpreter (issue 16).
    ("heredoc-file-bash", |c| Some(format!("cat > job <<'EOF'\n{c}\nEOF\nbash job"))),
    ("heredoc-file-dot-slash", |c| Some(format!("cat <<'EOF' > job.sh\n{c}\nEOF\nchmod +x job.sh && ./job.sh"))),
    ("tee-file-sh", |c| Some(format!("tee job <<< {} > /dev/null; sh job", quote(c)))),
    ("copied-file-sourced", |c| Some(format!("echo {} > notes.txt; cp notes.txt job; source job", quote(c)))),
    ("appended-file-zsh", |c| Some(format!("echo 'set -e' > job; echo {} >> job; zsh $PWD/job", quote(c)))),
    ("python-file", |c| Some(format!("cat > run.py <<'EOF'\nimport os\nos.system({})\nEOF\npython3 run.py", py_str(c)))),
    ("node-file", |c| Some(format!("cat > run.js <<'EOF'\nrequire('child_process').execSync({})\nEOF\nnode run.js", py_str(c)))),
    // Planted where something runs it later, and run from a project file written first (issue 16).
    ("command-echo-git-hook", |c| Some(format!("command echo {} >> .git/hooks/pre-commit", quote(c)))),
    ("npm-pkg-set-postinstall", |c| Some(format!("npm pkg set scripts.postinstall={}", quote(c)))),
    ("crontab-pipe", |c| (!c.contains('\n')).then(|| format!("echo {} | crontab -", quote(&format!("*/5 * * * * {c}"))))),
    ("makefile-make", |c| (!c.contains('\n')).then(|| format!("cat > Makefile <<'EOF'\nall:\n\t{}\nEOF\nmake", c.replace('$', "$$")))),
    ("package-json-npm-test", |c| {
        Some(format!("cat > package.json <<'EOF'\n{{\"scripts\": {{\"test\": {}}}}}\nEOF\nnpm test", serde_json::to_string(c).ok()?))
    }),
    ("function-arguments", |c| {
        let (head, last) = c.rsplit_once(' ')?;
        (simple(c) && head.contains(' ')).then(|| format!("f() {{ {head} \"$@\"; }}; f {last}"))
    }),
    ("alias-arguments", |c| {
        let (head, last) = c.rsplit_once(' ')?;
        simple(c).then(|| format!("alias t={}; t {last}", quote(head)))
    }),
    // Variables whose value runs (grammars/environment.toml).
    ("pager-variable", |c| Some(format!("PAGER={} git log -1", quote(c)))),
    ("git-config-environment", |c| Some(format!("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0={} git log", quote(c)))),
    ("bash-env-file", |c| Some(format!("echo {} > prelude; BASH_ENV=prelude bash -c make", quote(c)))),
    // Options of other programs that run commands.
    ("git-pager", |c| Some(format!("git -c {} log -1", quote(&format!("core.pager={c}"))))),
    ("git-ssh-command", |c| Some(format!("GIT_SSH_COMMAND={} git fetch origin", quote(c)))),
    ("git-alias", |c| Some(format!("git -c {} x", quote(&format!("alias.x=!{c}"))))),
    ("tar-to-command", |c| Some(format!("tar -xf vendor.tar --to-command={}", quote(c)))),
    ("tar-checkpoint", |c| Some(format!("tar -cf /dev/null README.md --checkpoint=1 --checkpoint-action=exec={}", quote(c)))),
    ("ssh-proxy-command", |c| Some(format!("ssh -o {} host true", quote(&format!("ProxyCommand={c}"))))),
    ("rsync-rsh", |c| Some(format!("rsync -e {} a b:", quote(c)))),
    ("zip-test-command", |c| Some(format!("zip out.zip notes.txt -T -TT {}", quote(c)))),
    ("vim-bang", |c| Some(format!("vim -c {} -c ':q!'", quote(&format!(":!{c}"))))),
    ("vim-system", |c| Some(format!("vim -es -c {} -c 'q!'", quote(&format!("call system({})", py_str(c)))))),
    ("emacs-shell-command", |c| Some(format!("emacs --batch --eval {}", quote(&format!("(shell-command {})", py_str(c)))))),
    // Interpreters.
    ("python-os-system", |c| Some(format!("python3 -c {}", quote(&format!("import os; os.system({})", py_str(c)))))),
    ("python-subprocess", |c| Some(format!("python3 -c {}", quote(&format!("import subprocess\nsubprocess.run({}, shell=True)", py_str(c)))))),
    ("python-heredoc", |c| Some(format!("python3 - <<'PY'\nimport os\nos.system({})\nPY", py_str(c)))),
    ("perl-system", |c| Some(format!("perl -e {}", quote(&format!("system({})", py_str(c)))))),
    // Backticks interpolate like a double-quoted string: `\`, `$` and `@` are escaped so Perl passes them on.
    ("perl-backticks", |c| {
        (!c.contains('`')).then(|| format!("perl -e {}", quote(&format!("print `{}`", c.replace('\\', "\\\\").replace('$', "\\$").replace('@', "\\@")))))
    }),
    ("ruby-system", |c| Some(format!("ruby -e {}", quote(&format!("system({})", py_str(c)))))),
    ("node-exec-sync", |c| Some(format!("node -e {}", quote(&format!("require('child_process').execSync({})", py_str(c)))))),
    ("php-system", |c| Some(format!("php -r {}", quote(&format!("system({});", py_str(c)))))),
    ("awk-system", |c| Some(format!("awk {}", quote(&format!("BEGIN {{ system({}) }}", py_str(c)))))),
    // Interpreter code whose command is built in steps (src/ir/lang/script.rs).
    ("awk-concat-steps", |c| {
        let (a, b) = halves(c);
        Some(format!("awk {}", quote(&format!("BEGIN {{ a = {}; b = {}; system(a b) }}", py_str(a), py_str(b)))))
    }),
    ("awk-print-to-shell", |c| Some(format!("awk {}", quote(&format!("BEGIN {{ print {} | \"sh\" }}", py_str(c)))))),
    ("awk-getline", |c| Some(format!("awk {}", quote(&format!("BEGIN {{ while (({} | getline line) > 0) print line }}", py_str(c)))))),
    ("perl-concat-steps", |c| {
        let (a, b) = halves(c);
        Some(format!("perl -e {}", quote(&format!("my $a = {}; my $b = {}; system($a . $b);", py_str(a), py_str(b)))))
    }),
    ("perl-sub-argument", |c| Some(format!("perl -e {}", quote(&format!("sub run {{ my ($c) = @_; system($c) }} run({});", py_str(c)))))),
    ("perl-pipe-open", |c| Some(format!("perl -e {}", quote(&format!("open(my $p, \"|-\", \"sh\") or die; print $p {};", py_str(c)))))),
    ("ruby-interpolated", |c| {
        let (a, b) = halves(c);
        Some(format!("ruby -e {}", quote(&format!("a = {}; b = {}; system(\"#{{a}}#{{b}}\")", py_str(a), py_str(b)))))
    }),
    ("ruby-popen-block", |c| Some(format!("ruby -e {}", quote(&format!("IO.popen(\"sh\", \"w\") {{ |p| p.puts {} }}", py_str(c)))))),
    ("php-concat-steps", |c| {
        let (a, b) = halves(c);
        Some(format!("php -r {}", quote(&format!("$a = {}; $b = {}; system($a . $b);", py_str(a), py_str(b)))))
    }),
    ("php-popen", |c| Some(format!("php -r {}", quote(&format!("$p = popen(\"sh\", \"w\"); fwrite($p, {});", py_str(c)))))),
    ("lua-concat-steps", |c| {
        let (a, b) = halves(c);
        (!c.contains("]==]")).then(|| format!("lua -e {}", quote(&format!("local a = [==[{a}]==]; local b = [==[{b}]==]; os.execute(a .. b)"))))
    }),
    ("lua-popen", |c| {
        (!c.contains("]==]")).then(|| format!("lua -e {}", quote(&format!("local p = io.popen(\"sh\", \"w\"); p:write([==[{c}]==]); p:close()"))))
    }),
    // Database clients' shell escapes and SQL that runs programs (src/ir/lang/sql.rs).
    ("psql-bang", |c| (!c.contains('\n')).then(|| format!("psql -c {}", quote(&format!("\\! {c}"))))),
    ("mysql-system", |c| (!c.contains('\n')).then(|| format!("mysql -e {}", quote(&format!("system {c}"))))),
    ("sqlite-heredoc-shell", |c| (!c.contains(['\n', '"', '\''])).then(|| format!("sqlite3 app.db <<'SQL'\n.shell {c}\nSQL"))),
    ("sqlite-once-pipe", |c| Some(format!("sqlite3 app.db '.once |sh' {}", quote(&format!("select {};", sql_str(c)))))),
    ("postgres-copy-program", |c| Some(format!("psql -c {}", quote(&format!("COPY t FROM PROGRAM {}", sql_str(c)))))),
    // AppleScript and JavaScript for Automation (src/ir/lang/applescript.rs).
    ("osascript-do-shell-script", |c| Some(format!("osascript -e {}", quote(&format!("do shell script {}", as_str(c)))))),
    ("osascript-steps", |c| {
        let (a, b) = halves(c);
        Some(format!("osascript -e {} -e {} -e 'do shell script a & b'", quote(&format!("set a to {}", as_str(a))), quote(&format!("set b to {}", as_str(b)))))
    }),
    ("jxa-do-shell-script", |c| {
        Some(format!("osascript -l JavaScript -e {}", quote(&format!("Application.currentApplication().doShellScript({})", py_str(c)))))
    }),
    ("ruby-method", |c| Some(format!("ruby -e {}", quote(&format!("def run(c)\n  system c\nend\nrun {}", py_str(c)))))),
    // Encoded payloads.
    ("base64-pipe", |c| Some(format!("echo {} | base64 -d | bash", b64(c.as_bytes())))),
    ("base64-substitution", |c| Some(format!("bash -c \"$(echo {} | base64 --decode)\"", b64(c.as_bytes())))),
    ("base64-here-string", |c| Some(format!("base64 -d <<< {} | sh", b64(c.as_bytes())))),
    ("base64-eval", |c| Some(format!("eval $(echo {} | base64 -d)", b64(c.as_bytes())))),
    ("hex-xxd", |c| Some(format!("echo {} | xxd -r -p | bash", hex(c.as_bytes())))),
    ("printf-octal", |c| Some(format!("bash -c \"$(printf '{}')\"", c.bytes().map(|b| format!("\\{b:03o}")).collect::<String>()))),
    ("gzip-base64", |c| Some(format!("echo {} | base64 -d | gunzip | bash", b64(&gzip(c.as_bytes()))))),
    ("python-base64", |c| Some(format!("python3 -c {}", quote(&format!("import base64,os; os.system(base64.b64decode('{}').decode())", b64(c.as_bytes())))))),
    // Unicode in the program name.
    ("fullwidth", |c| {
        program(c, |p| p.bytes().all(|b| b.is_ascii_lowercase()).then(|| p.chars().map(|ch| char::from_u32(ch as u32 + 0xFEE0).unwrap_or(ch)).collect()))
    }),
    ("homoglyph", |c| program(c, homoglyph)),
    ("zero-width", |c| program(c, |p| Some(format!("{}\u{200b}{}", &p[..1], &p[1..])))),
    ("bidi-override", |c| Some(format!("{c} # \u{202e}txt.sj"))),
    ("bidi-in-name", |c| program(c, |p| Some(format!("\u{202e}{p}")))),
];

/// Builtins `builtin` accepts (among the suite's programs).
const BUILTINS: &[&str] = &["history", "unset", "export", "set", "eval", "source", "trap", "kill", "echo", "printf", "cd"];

/// Shell builtins and keywords that no path names.
fn external(program: &str) -> bool {
    !BUILTINS.contains(&program) || matches!(program, "kill" | "echo" | "printf")
}

/// Rewrites the program name of the first command: the command's first word
/// must be a plain name, and `f` gets it.
fn program(cmd: &str, f: impl Fn(&str) -> Option<String>) -> Option<String> {
    let end = cmd.find([' ', '\t']).unwrap_or(cmd.len());
    let name = &cmd[..end];
    if name.len() < 2 || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) {
        return None;
    }
    Some(format!("{}{}", f(name)?, &cmd[end..]))
}

/// One simple command of plain words: no quotes, expansions or operators.
fn simple(cmd: &str) -> bool {
    !cmd.contains(['\'', '"', '$', '`', '\\', '|', '&', ';', '<', '>', '(', ')', '\n', '*', '?', '['])
}

/// A simple command whose words are also free of `~` and `=`, so splitting
/// a variable's value gives them back unchanged.
fn plain_words(cmd: &str) -> bool {
    simple(cmd) && !cmd.contains(['~', '='])
}

/// `s` as one single-quoted shell word.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `s` as a double-quoted string literal of Python, Perl, Ruby, JavaScript,
/// PHP and awk alike (`$` and `@` escaped for Perl and PHP).
fn py_str(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' | '\\' | '$' | '@' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// `s` as a SQL string literal (`'` doubled).
fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// `s` as an AppleScript string literal (`"` and `\\` escaped).
fn as_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

/// `s` cut in two at the middle character.
fn halves(s: &str) -> (&str, &str) {
    let mid = s.char_indices().nth(s.chars().count() / 2).map_or(s.len(), |(i, _)| i);
    s.split_at(mid)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip into memory");
    enc.finish().expect("gzip into memory")
}

/// Cyrillic look-alikes of Latin letters; `None` if no letter has one.
fn homoglyph(name: &str) -> Option<String> {
    let swap = |ch| match ch {
        'a' => Some('а'),
        'c' => Some('с'),
        'e' => Some('е'),
        'o' => Some('о'),
        'p' => Some('р'),
        'x' => Some('х'),
        'y' => Some('у'),
        's' => Some('ѕ'),
        'i' => Some('і'),
        'h' => Some('һ'),
        _ => None,
    };
    let i = name.char_indices().find(|&(_, ch)| swap(ch).is_some())?.0;
    let ch = name[i..].chars().next()?;
    Some(format!("{}{}{}", &name[..i], swap(ch)?, &name[i + ch.len_utf8()..]))
}

struct Line {
    file: &'static str,
    number: usize,
    decision: Decision,
    category: Category,
    command: String,
}

fn read(file: &'static str) -> Vec<Line> {
    let text = fs::read_to_string(format!("tests/evasion/{file}")).unwrap_or_else(|e| panic!("tests/evasion/{file}: {e}"));
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let (Some(decision), Some(category), Some(command)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("tests/evasion/{file}:{}: want decision<TAB>category<TAB>command", n + 1);
        };
        lines.push(Line {
            file,
            number: n + 1,
            decision: decision.parse().unwrap_or_else(|e| panic!("tests/evasion/{file}:{}: {e}", n + 1)),
            category: category.parse().unwrap_or_else(|e| panic!("tests/evasion/{file}:{}: {e}", n + 1)),
            command: command.replace("\\n", "\n"),
        });
    }
    lines
}

fn judge(classifier: &Classifier, cmd: &str) -> (Decision, String) {
    let v = classifier.classify(&Request::new(cmd));
    let why = v.reasons.iter().map(|r| r.rule).collect::<Vec<_>>().join(",");
    (v.decision, why)
}

#[test]
fn plain_forms_decide_as_stated_and_every_variant_escalates_as_much() {
    let classifier = Classifier::default();
    let plain = read("plain.tsv");
    let mut failures = Vec::new();
    let mut variants = 0;
    let mut per_transform: Vec<(&str, usize, usize)> = TRANSFORMS.iter().map(|(name, _)| (*name, 0, 0)).collect();
    let mut families = std::collections::BTreeSet::new();
    for line in &plain {
        families.insert(line.category);
        let (got, why) = judge(&classifier, &line.command);
        if got != line.decision {
            failures.push(format!("{}:{}: plain form decided {got} [{why}], want {}: {:?}", line.file, line.number, line.decision, line.command));
            continue;
        }
        for ((name, transform), tally) in TRANSFORMS.iter().zip(per_transform.iter_mut()) {
            let Some(variant) = transform(&line.command) else { continue };
            variants += 1;
            tally.1 += 1;
            let (d, why) = judge(&classifier, &variant);
            if d < line.decision {
                failures.push(format!("{}:{}: {name}: {d} [{why}] < {}: {variant:?}", line.file, line.number, line.decision));
            } else {
                tally.2 += 1;
            }
        }
    }
    println!("evasion suite: {} plain forms in {} categories, {variants} variants by {} transforms", plain.len(), families.len(), TRANSFORMS.len());
    for (name, n, ok) in &per_transform {
        println!("  {name:28} {ok:4} of {n:4} escalate as much as the plain form");
    }
    assert!(families.len() == Category::ALL.len(), "plain.tsv covers {} of the {} categories", families.len(), Category::ALL.len());
    assert!(failures.is_empty(), "{} of {variants} variants decided less than their plain form:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn same_effect_variants_escalate() {
    let classifier = Classifier::default();
    let lines = read("variants.tsv");
    let mut failures = Vec::new();
    for line in &lines {
        let (got, why) = judge(&classifier, &line.command);
        if got < line.decision {
            failures.push(format!("{}:{}: {got} [{why}] < {}: {:?}", line.file, line.number, line.decision, line.command));
        }
    }
    println!("evasion suite: {} hand-written variants, {} escalate as much as stated", lines.len(), lines.len() - failures.len());
    assert!(failures.is_empty(), "{} of {} hand-written variants decided less than stated:\n{}", failures.len(), lines.len(), failures.join("\n"));
}

/// Transforms that cannot keep a deny-class form at `deny`, with why. Each
/// entry is `(transform, what the form holds, reason)`; a failure is known
/// when its transform is listed and its form contains the marker. Listed
/// failures are reported, never hidden; an entry that no longer fails
/// anything makes the test fail, so the list shrinks as the IR learns.
const KNOWN: &[(&str, &str, &str)] = &[
    ("glob-question", "pastebinit", "a glob program name resolves only against programs with a spec, and `pastebinit` has none; RG004 (dynamic program) asks"),
    ("glob-class", "pastebinit", "as `glob-question`: `/usr/bin/[p]astebinit` is not resolved without a spec; RG004 asks"),
    (
        "heredoc-sh-s",
        "$'",
        "an unquoted heredoc body holding `$'…'` is reported as a syntax error by the lowering's heredoc expansion (RG001 asks) instead of being read as the ANSI-C word the shell sees",
    ),
];

/// The deny lines of `tests/corpus/deny.tsv`: compositions (scheduled,
/// persisted, remote, delegated, hidden, secrets sent) that must deny.
fn corpus_deny_forms() -> Vec<String> {
    let text = fs::read_to_string("tests/corpus/deny.tsv").expect("tests/corpus/deny.tsv");
    text.lines().filter_map(|l| l.strip_prefix("deny\t")).filter_map(|l| l.split_once('\t')).map(|(_, c)| c.replace("\\n", "\n")).collect()
}

/// Deny stays deny (issue 22): for every deny-class form (the `deny` plain
/// forms and the compositions of `tests/corpus/deny.tsv`), every transform
/// decides `deny`, not only "at least the plain form". A person approves
/// most prompts, so an `ask` on a rewritten deny is a miss.
#[test]
fn deny_stays_deny() {
    let classifier = Classifier::default();
    let mut forms: Vec<String> = read("plain.tsv").into_iter().filter(|l| l.decision == Decision::Deny).map(|l| l.command).collect();
    forms.extend(corpus_deny_forms());
    let mut failures = Vec::new();
    let mut known = Vec::new();
    let mut used = vec![false; KNOWN.len()];
    let mut variants = 0;
    for form in &forms {
        let (got, why) = judge(&classifier, form);
        assert_eq!(got, Decision::Deny, "deny-class form decided {got} [{why}]: {form:?}");
        for (name, transform) in TRANSFORMS {
            let Some(variant) = transform(form) else { continue };
            variants += 1;
            let (d, why) = judge(&classifier, &variant);
            if d == Decision::Deny {
                continue;
            }
            let line = format!("{name}: {d} [{why}]: {form:?} -> {variant:?}");
            match KNOWN.iter().position(|(t, marker, _)| t == name && form.contains(marker)) {
                Some(i) => {
                    used[i] = true;
                    known.push(format!("{line}\n      known: {}", KNOWN[i].2));
                }
                None => failures.push(line),
            }
        }
    }
    println!(
        "deny stays deny: {} deny-class forms, {variants} variants, {} deny, {} known exceptions",
        forms.len(),
        variants - failures.len() - known.len(),
        known.len()
    );
    for k in &known {
        println!("  {k}");
    }
    let stale: Vec<_> = KNOWN.iter().zip(&used).filter(|(_, u)| !**u).map(|(k, _)| format!("{} on `{}`", k.0, k.1)).collect();
    assert!(stale.is_empty(), "known exceptions that no longer fail (remove them): {stale:?}");
    assert!(failures.is_empty(), "{} of {variants} variants of deny-class forms decided less than deny:\n{}", failures.len(), failures.join("\n"));
}
