//! Wrappers: commands that run other commands. Each wrapper is unwrapped
//! into the commands it runs, which join the script with
//! `Origin::Wrapped { wrapper }` and inherit privilege (`sudo`) or
//! remoteness (`ssh`). Argument-vector wrappers (`sudo`, `env`, `xargs`,
//! `find -exec`, ...) build the inner command from the remaining words;
//! string wrappers (`bash -c`, `eval`, `ssh HOST CMD`, `su -c`, `watch`)
//! parse their string as a script of its own. Depth is bounded by the
//! lowering's nesting limit.

mod embedded;

use super::lower::{Ctx, Lowerer};
use super::programs::{self, XargsCall, arity, git_command_key, skip_options, sub_arity, xargs_call};
use super::spec::{self, Language};
use super::{Assignment, Command, Issue, IssueKind, Origin, Span, Word, Wrapped, WrapperKind};

/// `bash -xc`: a cluster of a shell's one-letter options ending in `c`.
fn is_c_cluster(t: &str) -> bool {
    t.len() > 2 && t.starts_with('-') && !t.starts_with("--") && t[1..].chars().all(|c| c.is_ascii_alphabetic()) && t.ends_with('c')
}

/// `NAME=value` words as assignments (for `env` and `sudo`).
fn assignments(words: &[Word]) -> Vec<Assignment> {
    words
        .iter()
        .filter(|w| !w.text.starts_with('-'))
        .filter_map(|w| {
            let (name, value) = w.text.split_once('=')?;
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return None;
            }
            let mut v = w.clone();
            v.text = value.to_string();
            Some(Assignment { name: name.to_string(), value: v })
        })
        .collect()
}

/// A shell command given to a vi-family editor's `-c`/`+`/`--cmd`: `!cmd`,
/// `r !cmd`, `w !cmd`, `silent !cmd`.
fn vim_bang(cmd: &str) -> Option<&str> {
    let c = cmd.trim_start_matches([':', ' ']);
    let c = c.strip_prefix("silent").map_or(c, |r| r.trim_start_matches('!').trim_start());
    let c = ["read", "r", "write", "w", "exe", "execute"].iter().find_map(|p| c.strip_prefix(p).map(str::trim_start)).unwrap_or(c);
    c.strip_prefix('!').filter(|r| !r.trim().is_empty())
}

/// Environment tools' commands whose output is meant for `eval` (shell
/// setup: `pyenv init -`, `direnv hook bash`, `brew shellenv`, `ssh-agent -s`).
fn is_shell_setup(c: &Command) -> bool {
    let first = c.args.first().map(|a| a.text.as_str());
    match c.name.as_str() {
        "pyenv" => matches!(first, Some("init" | "virtualenv-init")),
        "rbenv" | "nodenv" | "goenv" | "jenv" | "plenv" | "phpenv" | "starship" | "zoxide" | "atuin" | "mcfly" | "oh-my-posh" => first == Some("init"),
        "direnv" => first == Some("hook"),
        "mise" | "rtx" => first == Some("activate"),
        "fnm" | "opam" => first == Some("env"),
        "brew" => first == Some("shellenv"),
        "conda" | "mamba" | "micromamba" => first.is_some_and(|f| f.starts_with("shell.")),
        "ssh-agent" => c.args.iter().all(|a| matches!(a.text.as_str(), "-s" | "-c")),
        "dircolors" => c.args.iter().all(|a| a.text.starts_with('-')),
        _ => false,
    }
}

/// What a `tmux send-keys` word types when it names a key rather than text:
/// `Enter` (and `C-m`, `C-j`, `KPEnter`) ends the line, `Space` is a blank,
/// other keys (`C-c`, `Escape`, `Up`, `F5`, `M-x` …) type no text. `None` for
/// literal text, which tmux types as is, without a separating blank.
fn tmux_key(word: &str) -> Option<&'static str> {
    match word {
        "Enter" | "C-m" | "C-j" | "KPEnter" | "^M" | "^J" => Some("\n"),
        "Space" => Some(" "),
        "Escape" | "Tab" | "BTab" | "BSpace" | "Up" | "Down" | "Left" | "Right" | "Home" | "End" | "PageUp" | "PageDown" | "PPage" | "NPage" | "IC" | "DC" => {
            Some("")
        }
        _ => {
            let modified = ["C-", "M-", "S-", "^"].iter().any(|p| word.strip_prefix(p).is_some_and(|k| k.chars().count() == 1 || tmux_key(k).is_some()));
            let function = word.strip_prefix('F').is_some_and(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()));
            (modified || function).then_some("")
        }
    }
}

/// Programs that are `rm -rf` under another name (npm's `rimraf`, `del-cli`).
const RECURSIVE_REMOVERS: &[&str] = &["rimraf", "del-cli"];

/// The program a package spec runs: `@scope/tool@2.1` -> `tool`,
/// `ruff@0.5` -> `ruff`, `black==24.1` -> `black`; other words unchanged.
fn package_program(text: &str) -> String {
    let unscoped = match text.strip_prefix('@') {
        Some(rest) => rest.split_once('/').map_or(text, |(_, name)| name),
        None => text,
    };
    let end = unscoped.find(['@', '=']).filter(|&i| i > 0).unwrap_or(unscoped.len());
    unscoped[..end].to_string()
}

impl Lowerer<'_> {
    /// Adds the commands wrapper `id` runs, if it is one, and the commands
    /// its options run ([`Lowerer::option_commands`]).
    pub(super) fn unwrap(&mut self, id: usize, ctx: &Ctx) {
        self.unwrap_wrapper(id, ctx);
        self.runner_commands(id, ctx);
        self.option_commands(id, ctx);
    }

    /// Commands run by package runners and environment managers: `npx
    /// rimraf ~`, `pnpm dlx`, `npm exec --`, `uvx`, `uv run`, `poetry run`,
    /// `bundle exec`, `conda run`, `pipx run`, `op run --`, `mise exec --`.
    /// Their specs mark the argv they run with the operand role `command`
    /// (which the inner command starts at) and shell code in an option with
    /// the value role `script` (`npx -c 'CMD'`, `nix-shell --run 'CMD'`). A
    /// package spec as the program (`@scope/tool@2`) runs as its name
    /// (`tool`). The runner keeps its own full reading, so the rules about
    /// runners (unknown packages, deployments) see what they saw before.
    /// Programs that are not runners but run a command after an option
    /// (`xterm -e`, `distrobox enter box --`) name it in `command-flags`.
    fn runner_commands(&mut self, id: usize, ctx: &Ctx) {
        let cmd = &self.commands[id];
        if cmd.is_function || cmd.wraps.is_some() {
            return;
        }
        let inner = |kind| ctx.nested(Origin::Wrapped { wrapper: id }).with_kind(kind);
        if RECURSIVE_REMOVERS.contains(&cmd.name.as_str()) {
            // `rimraf PATH…` is `rm -rf PATH…`: judged as that command.
            let (mut rm, mut flag) = (cmd.program.clone(), cmd.program.clone());
            rm.text = "rm".to_string();
            flag.text = "-rf".to_string();
            let words: Vec<Word> = [rm, flag].into_iter().chain(cmd.args.iter().cloned()).collect();
            let (argv, span) = (cmd.argv.clone(), cmd.span);
            let ids = self.argv_inner(&words, span, &inner(WrapperKind::Modifier));
            self.commands[id].argv = argv;
            self.commands[id].wraps = Some(Wrapped { kind: WrapperKind::Modifier, inner: ids });
            return;
        }
        let chain = super::spec::chain(&cmd.name, &cmd.argv.subcommands);
        let command_flags = chain.iter().rev().map(|s| &s.command_flags).find(|f| !f.is_empty());
        let runner = chain.first().is_some_and(|s| s.kind != Some(spec::Kind::Wrapper));
        if !runner && command_flags.is_none() {
            return;
        }
        let args = cmd.args.clone();
        let argv = cmd.argv.clone();
        let span = cmd.span;
        let mut scripts: Vec<Word> =
            argv.flags.iter().filter(|f| super::spec::value_role(&chain, &f.name) == Some(super::spec::Role::Script)).filter_map(|f| f.value.clone()).collect();
        let mut start = None;
        if runner {
            let first = |role| argv.operands.iter().zip(&argv.roles).find(|(_, r)| **r == role).and_then(|(w, _)| args.iter().position(|a| a.span == w.span));
            start = first(super::spec::Role::Command);
            if let Some(at) = first(super::spec::Role::Script) {
                // Operands that are shell code once joined (`git submodule
                // foreach git pull`, `tmux send-keys 'make' Enter`).
                let mut code = args[at].clone();
                code.text = if programs::canonical(&cmd.name) == "tmux" {
                    args[at..].iter().map(|a| tmux_key(&a.text).unwrap_or(&a.text)).collect()
                } else {
                    args[at..].iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ")
                };
                code.dynamic = args[at..].iter().any(|a| a.dynamic);
                if at + 1 < args.len() {
                    code.raw.clone_from(&code.text);
                    code.span = (args[at].span.0, args[args.len() - 1].span.1);
                }
                scripts.push(code);
            }
        }
        if let Some(flags) = command_flags {
            // `xterm -e CMD ARGS…`; `--command=CMD` holds the command in one word.
            for (i, a) in args.iter().enumerate() {
                if flags.contains(&a.text) {
                    start = start.filter(|&s| s < i + 1).or((i + 1 < args.len()).then_some(i + 1));
                    break;
                }
                if let Some(value) = flags.iter().find_map(|f| a.text.strip_prefix(f.as_str()).and_then(|r| r.strip_prefix('='))) {
                    let mut w = a.clone();
                    w.text = value.to_string();
                    scripts.push(w);
                    break;
                }
            }
        }
        let mut ids = Vec::new();
        for w in &scripts {
            ids.extend(self.script_word(Some(w), &inner(WrapperKind::Shell)));
        }
        if let Some(start) = start {
            let mut words = args[start..].to_vec();
            if words.len() == 1 && words[0].text.contains(char::is_whitespace) {
                // A lone word with spaces is a command line (`xterm -e 'make
                // test'`, `pueue add 'rm -rf dist'`): the program hands it to a shell.
                ids.extend(self.script_word(words.first(), &inner(WrapperKind::Shell)));
            } else {
                if runner {
                    words[0].text = package_program(&words[0].text);
                }
                ids.extend(self.argv_inner(&words, span, &inner(WrapperKind::Modifier)));
            }
        }
        if ids.is_empty() {
            return;
        }
        let cmd = &mut self.commands[id];
        cmd.argv = argv;
        cmd.wraps = Some(Wrapped { kind: if start.is_some() { WrapperKind::Modifier } else { WrapperKind::Shell }, inner: ids });
    }

    /// Commands hidden in options of programs that are not wrappers, where
    /// the spec format cannot say so: the command sits inside a value after
    /// a key (`git -c core.pager=CMD`, `ssh -o ProxyCommand=CMD`, `tar
    /// --checkpoint-action=exec=CMD`), after a prefix (editors' `-c '!CMD'`),
    /// or in another language (emacs's `(shell-command "CMD")`). An option
    /// whose whole value is a command line is a `script` value of the
    /// program's spec instead (`tar --to-command`, `rsync -e`, `zip -TT`),
    /// read by [`Lowerer::runner_commands`]. Each is analysed as a script the
    /// command runs (kind `Shell`). Variables that hold commands
    /// (`GIT_SSH_COMMAND=`, `PAGER=`) are the assignment's business
    /// (`Lowerer::environment_code`, from `grammars/environment.toml`).
    fn option_commands(&mut self, id: usize, ctx: &Ctx) {
        let cmd = &self.commands[id];
        if cmd.is_function {
            return;
        }
        let args = cmd.args.clone();
        let value_of = |i: usize, a: &Word, flag: &str| -> Option<Word> {
            let mut w = if a.text == flag { args.get(i + 1)?.clone() } else { a.clone() };
            if w.text.starts_with(flag) && a.text != flag {
                w.text = w.text[flag.len()..].trim_start_matches('=').to_string();
            }
            Some(w)
        };
        let mut scripts: Vec<Word> = Vec::new();
        let mut elisp: Vec<Word> = Vec::new();
        let mut vim: Vec<Word> = Vec::new();
        let mut python: Vec<Word> = Vec::new();
        match programs::canonical(&cmd.name) {
            "git" => {
                for (i, a) in args.iter().enumerate() {
                    if a.text == "-c" || (a.text.starts_with("-c") && a.text.contains('=')) {
                        let Some(mut w) = value_of(i, a, "-c") else { continue };
                        let Some((key, value)) = w.text.split_once('=') else { continue };
                        if git_command_key(key) {
                            let value = value.strip_prefix('!').unwrap_or(value).to_string();
                            w.text = value;
                            scripts.push(w);
                        }
                    }
                }
            }
            "tar" | "gtar" | "bsdtar" => {
                // The other options that run commands are `script` values of tar's spec;
                // this one's command follows a keyword inside the value (`exec=CMD`).
                for a in &args {
                    if let Some(action) = a.text.strip_prefix("--checkpoint-action=") {
                        if let Some(c) = action.strip_prefix("exec=") {
                            let mut w = a.clone();
                            w.text = c.to_string();
                            scripts.push(w);
                        }
                    }
                }
            }
            "ssh" | "scp" | "sftp" | "autossh" => {
                for (i, a) in args.iter().enumerate() {
                    let Some(mut w) = (if a.text == "-o" { args.get(i + 1).cloned() } else { a.text.starts_with("-o").then(|| a.clone()) }) else { continue };
                    let opt = w.text.trim_start_matches("-o").to_string();
                    let Some((key, value)) = opt.split_once(['=', ' ']) else { continue };
                    if key.eq_ignore_ascii_case("ProxyCommand") || key.eq_ignore_ascii_case("LocalCommand") || key.eq_ignore_ascii_case("KnownHostsCommand") {
                        w.text = value.trim().to_string();
                        scripts.push(w);
                    }
                }
            }
            "vim" | "vi" | "nvim" | "ex" | "view" | "vimdiff" | "gvim" | "rvim" => {
                for (i, a) in args.iter().enumerate() {
                    if a.text == "-c" || a.text == "--cmd" {
                        vim.extend(args.get(i + 1).cloned());
                    } else if let Some(c) = a.text.strip_prefix('+').filter(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit())) {
                        let mut w = a.clone();
                        w.text = c.to_string();
                        vim.push(w);
                    }
                }
            }
            "gdb" | "lldb" => {
                // A debugger's own commands: `shell CMD`/`!CMD` (gdb) and
                // `platform shell CMD` (lldb) run shell commands, `python
                // CODE` (gdb) and `script CODE` (lldb) run Python.
                let flags: &[&str] = if cmd.name == "lldb" {
                    &["-o", "--one-line", "-O", "--one-line-before-file", "-k", "--one-line-on-crash"]
                } else {
                    &["-ex", "--eval-command", "-iex", "--init-eval-command"]
                };
                for (i, a) in args.iter().enumerate() {
                    let Some(flag) = flags.iter().find(|f| a.text == **f || a.text.starts_with(&format!("{f}="))) else { continue };
                    let Some(mut w) = value_of(i, a, flag) else { continue };
                    let text = w.text.trim_start().to_string();
                    let word_rest = |p: &str| text.strip_prefix(p).filter(|r| r.starts_with(char::is_whitespace)).map(str::trim);
                    if let Some(c) = text.strip_prefix('!').or_else(|| word_rest("shell")).or_else(|| word_rest("platform shell")) {
                        w.text = c.to_string();
                        scripts.push(w);
                    } else if let Some(code) = word_rest("python").or_else(|| word_rest("py")).or_else(|| word_rest("script")) {
                        w.text = code.to_string();
                        python.push(w);
                    }
                }
            }
            "less" | "more" => {
                // `less +CMD FILE` runs less's command CMD first; `+!CMD` is its shell escape.
                for a in &args {
                    if let Some(c) = a.text.strip_prefix('+').and_then(|c| c.trim_start_matches(':').strip_prefix('!')).filter(|c| !c.trim().is_empty()) {
                        let mut w = a.clone();
                        w.text = c.to_string();
                        scripts.push(w);
                    }
                }
            }
            "trap" => {
                // `trap 'ACTION' SIGNAL…` runs ACTION later; `trap -p`, `trap - INT` and
                // `trap '' INT` run nothing.
                if args.len() >= 2 && !args[0].text.starts_with('-') {
                    scripts.push(args[0].clone());
                }
            }
            "emacs" | "emacsclient" => {
                for (i, a) in args.iter().enumerate() {
                    if a.text == "--eval" || a.text == "-eval" || a.text == "-e" {
                        elisp.extend(args.get(i + 1).cloned());
                    } else if let Some(e) = a.text.strip_prefix("--eval=") {
                        let mut w = a.clone();
                        w.text = e.to_string();
                        elisp.push(w);
                    }
                }
            }
            _ => return,
        }
        let inner = ctx.nested(Origin::Wrapped { wrapper: id }).with_kind(WrapperKind::Shell);
        let mut ids = Vec::new();
        for w in vim {
            match vim_bang(&w.text) {
                Some(bang) => {
                    let mut s = w.clone();
                    s.text = bang.to_string();
                    scripts.push(s);
                }
                None => ids.extend(self.embedded_code(Language::Vim, &w.text, w.span, &inner)),
            }
        }
        for w in elisp {
            ids.extend(self.embedded_code(Language::Elisp, &w.text, w.span, &inner));
        }
        for w in python {
            ids.extend(self.embedded_code(Language::Python, &w.text, w.span, &inner));
        }
        for w in scripts.iter().filter(|w| !w.text.trim().is_empty()) {
            ids.extend(self.script_word(Some(w), &inner));
        }
        if ids.is_empty() {
            return;
        }
        match self.commands[id].wraps.as_mut() {
            Some(w) => w.inner.extend(ids),
            None => self.commands[id].wraps = Some(Wrapped { kind: WrapperKind::Shell, inner: ids }),
        }
    }

    /// Adds the commands wrapper `id` runs, if it is one.
    fn unwrap_wrapper(&mut self, id: usize, ctx: &Ctx) {
        let cmd = &self.commands[id];
        if cmd.is_function {
            return;
        }
        // An alias is read as the program its spec describes (`gtimeout`
        // is `timeout`, `sudo-rs` is `doas`, `viddy` is `watch`).
        let name = programs::canonical(&cmd.name).to_string();
        let args = cmd.args.clone();
        let span = cmd.span;
        let inner = |kind| ctx.nested(Origin::Wrapped { wrapper: id }).with_kind(kind);
        let (kind, ids) = match name.as_str() {
            "sudo" => {
                let k = skip_options(&args, arity(spec::lookup("sudo")), true);
                if args.iter().take(k).any(|a| ["-l", "-v", "-k", "-K", "--list", "--validate"].contains(&a.text.as_str())) {
                    return;
                }
                let assigns = assignments(&args[..k]);
                for a in &assigns {
                    self.environment_code(&a.name, &a.value, &inner(WrapperKind::Privilege));
                }
                (WrapperKind::Privilege, self.argv_inner_env(&args[k..], assigns, span, &inner(WrapperKind::Privilege)))
            }
            "doas" | "pkexec" | "runuser" | "run0" => {
                let k = skip_options(&args, arity(spec::lookup(&name)), false);
                if let Some(c) = args.iter().position(|a| a.text == "-c") {
                    let ids = self.script_word(args.get(c + 1), &inner(WrapperKind::Privilege));
                    (WrapperKind::Privilege, ids)
                } else {
                    (WrapperKind::Privilege, self.argv_inner(&args[k..], span, &inner(WrapperKind::Privilege)))
                }
            }
            "su" => {
                let c = args.iter().position(|a| a.text == "-c" || a.text == "--command" || a.text.starts_with("--command="));
                let Some(c) = c else { return };
                let word = if let Some(v) = args[c].text.strip_prefix("--command=") {
                    let mut w = args[c].clone();
                    w.text = v.to_string();
                    Some(w)
                } else {
                    args.get(c + 1).cloned()
                };
                (WrapperKind::Privilege, self.script_word(word.as_ref(), &inner(WrapperKind::Privilege)))
            }
            "env" => {
                if let Some(s) = args.iter().position(|a| a.text == "-S" || a.text == "--split-string") {
                    let ids = self.script_word(args.get(s + 1), &inner(WrapperKind::Env));
                    (WrapperKind::Env, ids)
                } else {
                    let k = skip_options(&args, arity(spec::lookup("env")), true);
                    let assigns = assignments(&args[..k]);
                    for a in &assigns {
                        self.environment_code(&a.name, &a.value, &inner(WrapperKind::Env));
                    }
                    (WrapperKind::Env, self.argv_inner_env(&args[k..], assigns, span, &inner(WrapperKind::Env)))
                }
            }
            "nice" | "nohup" | "time" | "builtin" | "exec" | "stdbuf" | "ionice" | "setsid" | "unbuffer" | "caffeinate" | "xvfb-run" | "proxychains"
            | "proxychains4" | "torsocks" | "tsocks" | "chronic" | "ifne" | "catchsegv" | "fakeroot" | "firejail" | "systemd-run" | "nocache" | "eatmydata"
            | "faketime" | "sg" | "command" | "unshare" | "strace" | "ltrace" | "dbus-run-session" | "coproc" | "sshpass" => {
                // Only the wrapper's own options count: `command docker run -v …` runs docker.
                let own = || args.iter().take_while(|a| a.text.starts_with('-'));
                if name == "command" && own().any(|a| a.text == "-v" || a.text == "-V") {
                    return;
                }
                if name == "ionice" && own().any(|a| a.text == "-p") {
                    return;
                }
                let mut k = skip_options(&args, arity(spec::lookup(&name)), false);
                if name == "faketime" && k < args.len() {
                    k += 1;
                }
                let kind = if name == "sg" { WrapperKind::Privilege } else { WrapperKind::Modifier };
                if name == "sg" {
                    k += 1;
                    if args.get(k).is_some_and(|a| a.text == "-c") {
                        // `sg GROUP -c 'CMD'`: a command line for the shell.
                        return self.set_wraps(id, kind, args.get(k + 1).cloned(), ctx);
                    }
                }
                (kind, self.argv_inner(args.get(k..).unwrap_or_default(), span, &inner(kind)))
            }
            "timeout" => {
                let k = skip_options(&args, arity(spec::lookup("timeout")), false);
                (WrapperKind::Modifier, self.argv_inner(args.get(k + 1..).unwrap_or_default(), span, &inner(WrapperKind::Modifier)))
            }
            "taskset" | "chrt" | "flock" => {
                // `taskset -p`/`-cp`, `chrt -p`: change a running process, run nothing.
                let own = args.iter().take_while(|a| a.text.starts_with('-'));
                if own.clone().any(|a| a.text == "--pid") || own.filter(|a| !a.text.starts_with("--")).any(|a| a.text[1..].contains('p')) {
                    return;
                }
                if name == "flock" {
                    if let Some(c) = args.iter().position(|a| a.text == "-c" || a.text == "--command") {
                        let ids = self.script_word(args.get(c + 1), &inner(WrapperKind::Shell));
                        (WrapperKind::Shell, ids)
                    } else {
                        let k = skip_options(&args, arity(spec::lookup("flock")), false);
                        (WrapperKind::Modifier, self.argv_inner(args.get(k + 1..).unwrap_or_default(), span, &inner(WrapperKind::Modifier)))
                    }
                } else {
                    let k = skip_options(&args, arity(spec::lookup(&name)), false);
                    (WrapperKind::Modifier, self.argv_inner(args.get(k + 1..).unwrap_or_default(), span, &inner(WrapperKind::Modifier)))
                }
            }
            "watch" => {
                let k = skip_options(&args, arity(spec::lookup("watch")), false);
                let rest = args.get(k..).unwrap_or_default();
                self.own_argv(id, k);
                (WrapperKind::Watch, self.joined_script(rest, &inner(WrapperKind::Watch)))
            }
            "xargs" => {
                let Some(XargsCall { own: k, command: rest, replace, .. }) = xargs_call(&args) else { return };
                // Arguments read from stdin are unknown here: the -I string
                // stands for them, else they are appended. (Known stdin is
                // analysed again after the walk: `Lowerer::analyse_xargs_input`.)
                let mut words = rest.clone();
                match &replace {
                    Some(r) if !r.is_empty() => {
                        for w in words.iter_mut().skip(1) {
                            if let Some(pos) = w.text.find(r.as_str()) {
                                // The text keeps the replace string (so a `sh -c` script
                                // stays parseable); the class is that of the unknown value.
                                let prefix = w.text[..pos].to_string();
                                w.path = super::paths::classify_prefix(&prefix, self.env);
                            }
                        }
                    }
                    _ => {
                        let mut stdin_args = Word::literal("$(stdin)", span, super::PathClass::Dynamic);
                        stdin_args.dynamic = true;
                        words.push(stdin_args);
                    }
                }
                let ids = self.argv_inner(&words, span, &inner(WrapperKind::Xargs));
                self.own_argv(id, k);
                (WrapperKind::Xargs, ids)
            }
            "parallel" => {
                let end = args.iter().position(|a| a.text == ":::" || a.text == "::::").unwrap_or(args.len());
                let k = skip_options(&args[..end], arity(spec::lookup("parallel")), false);
                let rest = &args[k..end];
                if rest.is_empty() {
                    return;
                }
                // Each `:::` argument is appended to the command.
                let mut words = rest.to_vec();
                words.extend(args.get(end..).unwrap_or_default().iter().filter(|a| a.text != ":::" && a.text != "::::").cloned());
                self.own_argv(id, k);
                let saved = self.commands[id].argv.clone();
                let ids = self.argv_inner(&words, span, &inner(WrapperKind::Parallel));
                self.commands[id].argv = saved;
                (WrapperKind::Parallel, ids)
            }
            "fd" | "fdfind" => {
                // `fd PATTERN -x CMD ARGS…`: the rest of the line (up to `;`) runs per found file.
                let Some(x) = args.iter().position(|a| matches!(a.text.as_str(), "-x" | "--exec" | "-X" | "--exec-batch")) else { return };
                let end = args[x + 1..].iter().position(|a| a.text == ";").map_or(args.len(), |p| x + 1 + p);
                let mut cmd_words: Vec<Word> = args[x + 1..end].to_vec();
                for w in &mut cmd_words {
                    if let Some(at) =
                        w.text.find('{').filter(|&at| w.text[at..].starts_with("{}") || w.text[at..].starts_with("{/") || w.text[at..].starts_with("{."))
                    {
                        w.path = if at == 0 { super::PathClass::Workspace } else { super::paths::classify_prefix(&w.text[..at], self.env) };
                    }
                }
                let ids = self.argv_inner(&cmd_words, span, &inner(WrapperKind::FindExec));
                self.own_argv(id, x);
                (WrapperKind::FindExec, ids)
            }
            "find" => {
                let root = args.iter().take_while(|a| !a.text.starts_with('-') && a.text != "(" && a.text != "!").next().cloned();
                let mut ids = Vec::new();
                let mut i = 0;
                while i < args.len() {
                    if ["-exec", "-execdir", "-ok", "-okdir"].contains(&args[i].text.as_str()) {
                        let end = args[i + 1..].iter().position(|a| a.text == ";" || a.text == "+").map_or(args.len(), |p| i + 1 + p);
                        let mut cmd_words: Vec<Word> = args[i + 1..end].to_vec();
                        for w in &mut cmd_words {
                            if let Some(at) = w.text.find("{}") {
                                let base = root.as_ref().map_or(".", |r| r.text.as_str()).trim_end_matches('/');
                                let found = format!("{base}/{{}}");
                                let prefix = w.text[..at].to_string();
                                w.text = w.text.replace("{}", &found);
                                // `{}` first: a found file, under the root; `/dest/{}`: under `/dest/`.
                                w.path = if prefix.is_empty() {
                                    root.as_ref().map_or(w.path, |r| super::paths::classify_prefix(&format!("{}/", r.text.trim_end_matches('/')), self.env))
                                } else {
                                    super::paths::classify_prefix(&prefix, self.env)
                                };
                                if w.path == super::PathClass::WorkspaceRoot {
                                    w.path = super::PathClass::Workspace;
                                }
                            }
                        }
                        ids.extend(self.argv_inner(&cmd_words, span, &inner(WrapperKind::FindExec)));
                        i = end;
                    }
                    i += 1;
                }
                if ids.is_empty() {
                    return;
                }
                let mut own = Vec::new();
                let mut skipping = false;
                for a in &args {
                    if ["-exec", "-execdir", "-ok", "-okdir"].contains(&a.text.as_str()) {
                        own.push(a.clone());
                        skipping = true;
                    } else if skipping {
                        skipping = a.text != ";" && a.text != "+";
                    } else {
                        own.push(a.clone());
                    }
                }
                let spec = super::spec::lookup("find");
                self.commands[id].argv = super::argv::normalize(&own, spec);
                (WrapperKind::FindExec, ids)
            }
            n if programs::is_shell(n) => {
                let c = args.iter().position(|a| a.text == "-c" || is_c_cluster(&a.text));
                let Some(c) = c else { return };
                let script_at = args[c + 1..].iter().position(|a| !a.text.starts_with('-') || a.text == "-").map(|p| c + 1 + p);
                let script = script_at.and_then(|i| args.get(i));
                let positional = script_at.map_or(&[][..], |i| args.get(i + 1..).unwrap_or_default()).to_vec();
                let saved = self.bind_positional(&positional);
                let ids = self.script_word(script, &inner(WrapperKind::Shell));
                self.restore_positional(saved);
                self.own_argv(id, script_at.map_or(args.len(), |i| i + 1));
                (WrapperKind::Shell, ids)
            }
            "eval" => {
                if args.len() == 1 && self.prints_shell_setup(&args[0]) {
                    return;
                }
                self.own_argv(id, 0);
                (WrapperKind::Eval, self.joined_script(&args, &inner(WrapperKind::Eval)))
            }
            "ssh" | "autossh" | "mosh" => {
                let k = skip_options(&args, arity(spec::lookup(&name)), false);
                let Some(host) = args.get(k) else { return };
                let rest = args.get(k + 1..).unwrap_or_default();
                if rest.is_empty() {
                    return;
                }
                let mut c = inner(WrapperKind::Remote);
                c.remote = Some(host.text.clone());
                self.own_argv(id, k + 1);
                (WrapperKind::Remote, self.joined_script(rest, &c))
            }
            "docker" | "podman" | "nerdctl" if args.first().is_some_and(|a| a.text == "run" || a.text == "create") => {
                let k = 1 + skip_options(&args[1..], sub_arity(&name, &args[0].text), false);
                let Some(image) = args.get(k) else { return };
                let rest = args.get(k + 1..).unwrap_or_default();
                if rest.is_empty() {
                    return;
                }
                let mut c = inner(WrapperKind::Container);
                c.remote = Some(format!("container:{}", image.text));
                let ids = self.argv_inner(rest, span, &c);
                self.own_argv(id, k + 1);
                (WrapperKind::Container, ids)
            }
            "docker" | "podman" | "nerdctl" => {
                if args.first().is_none_or(|a| a.text != "exec") {
                    return;
                }
                let k = 1 + skip_options(&args[1..], sub_arity(&name, "exec"), false);
                let Some(container) = args.get(k) else { return };
                let mut c = inner(WrapperKind::Container);
                c.remote = Some(format!("container:{}", container.text));
                (WrapperKind::Container, self.argv_inner(args.get(k + 1..).unwrap_or_default(), span, &c))
            }
            "kubectl" | "oc" => {
                if args.first().is_none_or(|a| a.text != "exec") {
                    return;
                }
                let Some(dd) = args.iter().position(|a| a.text == "--") else { return };
                let takes = sub_arity(&name, "exec");
                let mut pod = "pod".to_string();
                let mut i = 1;
                while i < dd {
                    let t = args[i].text.as_str();
                    if takes(t) {
                        i += 2;
                        continue;
                    }
                    if !t.starts_with('-') {
                        pod = t.to_string();
                        break;
                    }
                    i += 1;
                }
                let mut c = inner(WrapperKind::Container);
                c.remote = Some(format!("pod:{pod}"));
                (WrapperKind::Container, self.argv_inner(&args[dd + 1..], span, &c))
            }
            "busybox" | "toybox" => (WrapperKind::Busybox, self.argv_inner(&args, span, &inner(WrapperKind::Busybox))),
            n if programs::language(n).is_some_and(|l| l != Language::Shell) => {
                // Code given in words (`python3 -c`, `awk PROGRAM`); code on
                // stdin is read after the walk (`Lowerer::finish`).
                let mut code: Vec<(Language, String, Span)> = Vec::new();
                for c in self.commands[id].code().into_iter().filter(|c| c.from != programs::CodeFrom::Stdin) {
                    let Some(word) = c.word else { continue };
                    match code.last_mut() {
                        // `osascript -e L1 -e L2`, `perl -e L1 -e L2`: lines of one program.
                        Some((lang, text, span)) if *lang == c.language && c.from == programs::CodeFrom::Option && *lang != Language::Python => {
                            text.push('\n');
                            text.push_str(&c.text);
                            span.1 = word.span.1;
                        }
                        _ => code.push((c.language, c.text.into_owned(), word.span)),
                    }
                }
                let mut ids = Vec::new();
                for (language, text, at) in code {
                    ids.extend(self.embedded_code(language, &text, at, &inner(WrapperKind::Interpreter)));
                }
                if ids.is_empty() {
                    return;
                }
                (WrapperKind::Interpreter, ids)
            }
            _ => return,
        };
        if let Some(cmd) = self.commands.get_mut(id) {
            cmd.wraps = Some(Wrapped { kind, inner: ids });
        }
    }

    /// Records that wrapper `id` runs the shell code in `script`.
    fn set_wraps(&mut self, id: usize, kind: WrapperKind, script: Option<Word>, ctx: &Ctx) {
        let ids = self.script_word(script.as_ref(), &ctx.nested(Origin::Wrapped { wrapper: id }).with_kind(kind));
        if let Some(cmd) = self.commands.get_mut(id) {
            cmd.wraps = Some(Wrapped { kind, inner: ids });
        }
    }

    /// Analyses the shell commands that interpreter code spawns (shell code
    /// itself, as a script).
    pub(super) fn embedded_code(&mut self, lang: Language, code: &str, span: Span, ctx: &Ctx) -> Vec<usize> {
        let mut ids = Vec::new();
        if lang == Language::Shell {
            let ends = self.nested_script(code, None, span, ctx);
            return self.collect_ids(ends);
        }
        let mut scripts: Vec<(String, Option<super::lower::LineMap>)> = Vec::new();
        let depth = self.frames.len();
        let mut effect_lines = Vec::new();
        match super::lang::cache::analyse(lang, code, self.env.code_cache.as_deref()) {
            Some(found) => {
                for gap in found.gaps {
                    self.issues.push(Issue { kind: IssueKind::OpaqueCode, span, detail: gap });
                }
                if found.syntax_error {
                    // The grammar and the interpreter may disagree: keep the
                    // scanner's findings too, and the gap asks.
                    self.issues.push(Issue {
                        kind: IssueKind::OpaqueCode,
                        span,
                        detail: format!("{lang:?} code that does not parse could not be fully analysed").to_lowercase(),
                    });
                    scripts.extend(embedded::shell_strings(lang, code).into_iter().map(|s| (s, None)));
                }
                if !found.lines.is_empty() {
                    // One script, so what one line writes or downloads and a
                    // later line runs is seen together, as in the shell; each
                    // line points at the statement of the code it came from.
                    let base = self.code_offset(code, span);
                    // A project file's own code: each effect line carries the
                    // file's line of the statement it came from.
                    let newlines: Option<Vec<usize>> =
                        self.projects.last().filter(|p| p.frame == Some(depth)).map(|_| code.match_indices('\n').map(|(i, _)| i).collect());
                    let mut map = Vec::with_capacity(found.lines.len());
                    let mut offset = 0;
                    for (line, at) in found.lines.iter().zip(found.spans.iter().chain(std::iter::repeat(&None))) {
                        let place = match (base, at) {
                            (Some(b), Some((s, e))) => (b + s, b + e),
                            _ => span,
                        };
                        if let Some(newlines) = &newlines {
                            let file_line = at.and_then(|(s, _)| u32::try_from(newlines.partition_point(|&n| n < s) + 1).ok());
                            effect_lines.push((offset, file_line));
                        }
                        map.push((offset, place));
                        offset += line.len() + 1;
                    }
                    scripts.push((found.lines.join("\n"), Some(map.into())));
                }
            }
            None => scripts = embedded::shell_strings(lang, code).into_iter().map(|s| (s, None)).collect(),
        }
        for (script, lines) in scripts {
            if let Some(p) = self.projects.last_mut().filter(|p| p.frame == Some(depth)) {
                // The scanner's strings of code that did not parse have no line.
                p.effect_lines = if lines.is_some() { effect_lines.clone() } else { vec![(0, None)] };
            }
            let ends = self.nested_script_mapped(&script, None, lines, span, ctx);
            ids.extend(self.collect_ids(ends));
        }
        ids
    }

    /// Where `code` starts in the original command, when it appears there
    /// verbatim (a single-quoted `-c` word, a quoted heredoc body): first
    /// within `span`, else anywhere.
    fn code_offset(&self, code: &str, span: Span) -> Option<usize> {
        let original = &self.original;
        if code.trim().is_empty() {
            return None;
        }
        if let Some(i) = original.get(span.0..span.1).and_then(|t| t.find(code)) {
            return Some(span.0 + i);
        }
        original.find(code)
    }

    /// Re-reads the wrapper's own argv as its first `own` arguments: the
    /// rest belongs to the command it runs.
    fn own_argv(&mut self, id: usize, own: usize) {
        if let Some(w) = self.commands.get_mut(id) {
            let own = own.min(w.args.len());
            let spec = super::spec::lookup(&w.name);
            w.argv = super::argv::normalize(&w.args[..own], spec);
        }
    }

    /// Builds the command given by an argument vector, with assignments.
    fn argv_inner_env(&mut self, words: &[Word], env: Vec<Assignment>, span: Span, ctx: &Ctx) -> Vec<usize> {
        let ids = self.argv_inner(words, span, ctx);
        if let Some(&first) = ids.first() {
            if let Some(c) = self.commands.get_mut(first) {
                c.env.extend(env);
            }
        }
        ids
    }

    /// Builds the command given by an argument vector.
    fn argv_inner(&mut self, words: &[Word], span: Span, ctx: &Ctx) -> Vec<usize> {
        let Some((program, rest)) = words.split_first() else { return Vec::new() };
        // The wrapper's own options end where the inner command starts.
        if let Some(Origin::Wrapped { wrapper }) = &ctx.origin {
            if let Some(w) = self.commands.get_mut(*wrapper) {
                if w.name != "find" {
                    let own = w.args.len().saturating_sub(words.len());
                    let spec = super::spec::lookup(&w.name);
                    w.argv = super::argv::normalize(&w.args[..own], spec);
                }
            }
        }
        let inner_span = (program.span.0.min(span.1), words.last().map_or(span.1, |w| w.span.1.max(program.span.0)));
        let inner_span = if inner_span.0 <= inner_span.1 { inner_span } else { span };
        if ctx.depth > super::lower::MAX_NESTING {
            self.issues.push(Issue { kind: IssueKind::TooDeep, span, detail: "wrapper nesting limit reached".into() });
            return Vec::new();
        }
        self.build(program.clone(), rest.to_vec(), Vec::new(), inner_span, ctx).into_iter().collect()
    }

    /// Parses one word as a script (`bash -c WORD`).
    fn script_word(&mut self, word: Option<&Word>, ctx: &Ctx) -> Vec<usize> {
        let Some(word) = word else { return Vec::new() };
        if word.dynamic {
            self.issues.push(Issue { kind: IssueKind::OpaqueCode, span: word.span, detail: format!("script `{}` is not known before it runs", word.raw) });
            return Vec::new();
        }
        // Exact spans when the word is one quoted literal whose text is verbatim.
        let verbatim = word.raw.len() >= 2
            && (word.raw.starts_with('\'') || word.raw.starts_with('"'))
            && word.raw.get(1..word.raw.len() - 1).is_some_and(|inner| inner == word.text);
        let base = verbatim.then_some(word.span.0 + 1);
        let ends = self.nested_script(&word.text, base, word.span, ctx);
        self.collect_ids(ends)
    }

    /// Joins words with spaces and parses them as a script (`eval`, `ssh`, `watch`).
    fn joined_script(&mut self, words: &[Word], ctx: &Ctx) -> Vec<usize> {
        if words.is_empty() {
            return Vec::new();
        }
        if let Some(w) = words.iter().find(|w| w.dynamic) {
            self.issues.push(Issue { kind: IssueKind::OpaqueCode, span: w.span, detail: format!("code `{}` is not known before it runs", w.raw) });
            return Vec::new();
        }
        if words.len() == 1 {
            return self.script_word(Some(&words[0]), ctx);
        }
        let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        let outer = (words[0].span.0, words[words.len() - 1].span.1);
        let ends = self.nested_script(&text, None, outer, ctx);
        self.collect_ids(ends)
    }

    /// True for `"$(pyenv init -)"` and the like: output of a known
    /// environment tool's shell-setup command, which `eval` runs to set
    /// variables and functions. The tool's command is judged on its own; the
    /// code it prints is the tool's, not the agent's.
    fn prints_shell_setup(&self, word: &Word) -> bool {
        !word.sources.is_empty() && word.sources.iter().all(|&i| self.commands.get(i).is_some_and(is_shell_setup))
    }

    pub(super) fn collect_ids(&self, ends: super::lower::Ends) -> Vec<usize> {
        let mut ids = ends.first;
        for id in ends.last {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

impl Ctx {
    fn with_kind(mut self, kind: WrapperKind) -> Ctx {
        if kind == WrapperKind::Privilege {
            self.privileged = true;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::tmux_key;
    use crate::ir::spec::{self, Kind, Role, Spec};

    #[test]
    fn tmux_key_names_type_their_text_and_literals_stay_text() {
        for (word, typed) in [("Enter", "\n"), ("C-m", "\n"), ("Space", " "), ("C-c", ""), ("M-x", ""), ("C-M-Up", ""), ("Escape", ""), ("F5", "")] {
            assert_eq!(tmux_key(word), Some(typed), "{word}");
        }
        for literal in ["npm test", "C-style", "make", "Fix", "F100", "-la", "^"] {
            assert_eq!(tmux_key(literal), None, "{literal}");
        }
    }

    /// Every subcommand path of a spec whose operands include a command or
    /// shell code, with the roles before it.
    fn command_operands<'a>(s: &'a Spec, path: &mut Vec<&'a str>, out: &mut Vec<(Vec<&'a str>, Vec<Role>, Role)>) {
        if let Some(at) = s.operands.iter().position(|r| matches!(r, Role::Command | Role::Script)) {
            out.push((path.clone(), s.operands[..at].to_vec(), s.operands[at]));
        }
        for (name, sub) in &s.subcommands {
            path.push(name);
            command_operands(sub, path, out);
            path.pop();
        }
    }

    /// A spec that says an operand is a command to run has it run: a
    /// program that is not a `wrapper` (whose handling is `unwrap_wrapper`'s,
    /// tested below) has it unwrapped from the spec ([`Lowerer::runner_commands`]),
    /// so `tool run rm -rf ~` is judged as `rm -rf ~` as soon as the spec says so.
    #[test]
    fn every_command_operand_of_a_spec_is_unwrapped() {
        let mut missing = Vec::new();
        for i in 0..spec::files().count() {
            let s = spec::parse_source(i).expect("specs parse");
            if s.kind == Some(Kind::Wrapper) {
                continue;
            }
            let mut found = Vec::new();
            command_operands(&s, &mut Vec::new(), &mut found);
            for (path, before, role) in found {
                let before: Vec<&str> = before.iter().map(|r| if *r == Role::Host { "h.example.com" } else { "x" }).collect();
                let payload = if role == Role::Script { "'rm -rf ~'" } else { "rm -rf ~" };
                let cmd = format!("{} {} {} {payload}", s.name, path.join(" "), before.join(" "));
                let script = crate::ir::analyse(&cmd, &crate::ir::Env::default());
                if !script.commands.iter().any(|c| c.name == "rm" && matches!(c.origin, crate::ir::Origin::Wrapped { .. })) {
                    missing.push(cmd);
                }
            }
        }
        assert!(missing.is_empty(), "spec command operands that are not run: {missing:?}");
    }

    /// Wrappers whose command runs somewhere else than this machine's
    /// filesystem as the workspace sees it (another root, another
    /// process's namespaces, a container's): judged by their spec's effect,
    /// not unwrapped.
    const RUN_ELSEWHERE: &[&str] = &["chroot", "nsenter", "systemd-nspawn", "unshare"];

    /// Every `wrapper` whose own operands end in a command has that command
    /// unwrapped: `NAME [operands before it] rm -rf ~` runs `rm`.
    #[test]
    fn every_wrapper_spec_unwraps_its_command() {
        let mut missing = Vec::new();
        for i in 0..spec::files().count() {
            let s = spec::parse_source(i).expect("specs parse");
            let Some(at) = s.operands.iter().position(|r| *r == Role::Command) else { continue };
            if s.kind != Some(Kind::Wrapper) || RUN_ELSEWHERE.contains(&s.name.as_str()) {
                continue;
            }
            let before: Vec<&str> = s.operands[..at].iter().map(|r| if *r == Role::Host { "h.example.com" } else { "x" }).collect();
            for name in std::iter::once(&s.name).chain(&s.aliases) {
                let cmd = format!("{name} {} rm -rf ~", before.join(" "));
                let script = crate::ir::analyse(&cmd, &crate::ir::Env::default());
                if !script.commands.iter().any(|c| c.name == "rm" && matches!(c.origin, crate::ir::Origin::Wrapped { .. })) {
                    missing.push(cmd);
                }
            }
        }
        assert!(missing.is_empty(), "wrappers that do not run their command: {missing:?}");
    }
}
