//! Predicates shared by the privilege, persistence, sandbox-escape, system
//! and external-effects families: which files a command writes or removes,
//! and which text flows into it. They read only the IR.

use std::borrow::Cow;

use crate::ir::Env;
use crate::ir::paths::{classify, normalize};
use crate::ir::spec::{self, Role};
use crate::rules::prelude::*;

/// Programs that write every file operand they name (editors included).
const WRITES_OPERANDS: &[&str] = &[
    "tee", "sponge", "touch", "truncate", "mkdir", "vi", "vim", "nvim", "nano", "emacs", "code", "subl", "gedit", "micro", "kate", "ed", "ex", "mcedit", "joe",
    "pico", "cursor", "windsurf", "sudoedit",
];

/// Programs that copy or link sources into a destination (last operand or `-t DIR`).
const COPIES: &[&str] = &["cp", "gcp", "mv", "gmv", "ln", "gln", "install", "ginstall", "rsync", "ditto"];

/// Programs that delete the files they name.
const REMOVES: &[&str] = &["rm", "grm", "unlink", "rmdir", "shred", "srm", "trash", "trash-put"];

fn derived(w: &Word, text: &str, env: &Env) -> Word {
    let mut d = w.clone();
    d.text = text.to_string();
    d.path = if w.dynamic && text.starts_with('$') { PathClass::Dynamic } else { classify(text, env) };
    d
}

/// Every file the command writes: redirections, file operands of writers,
/// copy and link destinations, in-place edits, `dd of=`, download outputs,
/// archive extraction directories and operands the spec marks as written.
pub(crate) fn written<'a>(cmd: &'a Command, env: &Env) -> Vec<Cow<'a, Word>> {
    let mut out: Vec<Cow<'a, Word>> = cmd
        .redirects
        .iter()
        .filter(|r| r.op.writes() && !(r.op == RedirectOp::Dup && (r.target.text.bytes().all(|b| b.is_ascii_digit()) || r.target.text == "-")))
        .map(|r| Cow::Borrowed(&r.target))
        .collect();
    let ops: Vec<&Word> = cmd.operands().collect();
    let name = cmd.name.as_str();
    if name == "sudo" && cmd.args.iter().any(|a| a.text == "-e" || a.text == "--edit") {
        // `sudo -e FILE…` edits the files as root; the IR reads FILE as a program to run.
        let files = cmd.args.iter().skip_while(|a| a.text != "-e" && a.text != "--edit").skip(1).filter(|a| !a.text.starts_with('-'));
        out.extend(files.map(Cow::Borrowed));
    }
    if WRITES_OPERANDS.contains(&name) {
        out.extend(ops.iter().map(|w| Cow::Borrowed(*w)));
    } else if COPIES.contains(&name) {
        if let Some(t) = cmd.flag_value(&["-t", "--target-directory"]) {
            out.push(Cow::Borrowed(t));
        } else if name == "install" && cmd.has_any_flag(&["-d", "--directory"]) {
            out.extend(ops.iter().map(|w| Cow::Borrowed(*w)));
        } else if ops.len() >= 2 {
            out.push(Cow::Borrowed(ops[ops.len() - 1]));
        }
    } else if matches!(name, "sed" | "gsed" | "perl" | "yq" | "ruby")
        && cmd.argv.flags.iter().any(|f| f.name == "-i" || f.name.starts_with("--in-place") || (name == "perl" && f.name.starts_with("-i")))
    {
        // Without `-e`/`-f`, the first operand is the script, not a file.
        let scripted = cmd.has_any_flag(&["-e", "--expression", "-f", "--file"]);
        out.extend(ops.iter().skip(usize::from(!scripted)).map(|w| Cow::Borrowed(*w)));
    } else if name == "dd" {
        out.extend(ops.iter().filter_map(|w| w.text.strip_prefix("of=").map(|t| Cow::Owned(derived(w, t, env)))));
    } else if matches!(name, "curl" | "wget" | "aria2c" | "http" | "xh") {
        out.extend(cmd.flag_values(&["-o", "--output", "-O", "--output-document", "-P", "--directory-prefix", "-d", "--dir"]).map(Cow::Borrowed));
    } else if matches!(name, "gpg" | "gpg2" | "sort") {
        out.extend(cmd.flag_values(&["-o", "--output"]).map(Cow::Borrowed));
    } else if name == "openssl" {
        out.extend(cmd.flag_values(&["-out"]).map(Cow::Borrowed));
    } else if matches!(name, "tar" | "gtar" | "bsdtar" | "unzip" | "7z") {
        out.extend(cmd.flag_values(&["-C", "--directory", "-d"]).map(Cow::Borrowed));
    }
    let chain = spec::chain(&cmd.name, &cmd.argv.subcommands);
    for f in &cmd.argv.flags {
        let Some(v) = &f.value else { continue };
        if spec::value_role(&chain, &f.name) == Some(Role::WritePath) && !out.iter().any(|o| o.span == v.span) {
            out.push(Cow::Borrowed(v));
        }
    }
    for (w, role) in cmd.argv.operands.iter().zip(&cmd.argv.roles) {
        if *role == Role::WritePath && !out.iter().any(|o| o.span == w.span) {
            out.push(Cow::Borrowed(w));
        }
    }
    out
}

/// Every file the command deletes or moves away.
pub(crate) fn removed(cmd: &Command) -> Vec<&Word> {
    let ops: Vec<&Word> = cmd.operands().collect();
    if REMOVES.contains(&cmd.name.as_str()) {
        return ops;
    }
    if matches!(cmd.name.as_str(), "mv" | "gmv") {
        let keep = usize::from(cmd.flag_value(&["-t", "--target-directory"]).is_none());
        return ops[..ops.len().saturating_sub(keep)].to_vec();
    }
    Vec::new()
}

/// The absolute, normalized form of a path word of `cmd`. A relative word the
/// IR resolved outside the workspace follows the literal `cd`/`pushd`s that
/// precede the command in the script (the IR tracks them for path classes,
/// but a word keeps its relative text).
pub(crate) fn abs_path(w: &Word, cmd: &Command, cx: &Context<'_>) -> String {
    if w.text.starts_with('/') || w.text.starts_with('~') || w.path.is_workspace() || w.path == PathClass::Dynamic {
        return normalize(&w.text, cx.env);
    }
    let mut cwd = cx.env.workspace.clone();
    for c in cx.script.commands.iter().filter(|c| c.id < cmd.id && matches!(c.name.as_str(), "cd" | "pushd")) {
        if let Some(dir) = c.operands().next().filter(|o| !o.dynamic && o.text != "-") {
            cwd = normalize(&dir.text, &Env { workspace: cwd.clone(), ..cx.env.clone() });
        }
    }
    normalize(&w.text, &Env { workspace: cwd, ..cx.env.clone() })
}

/// Text that flows into the command: its own arguments, its heredoc or
/// here-string, and the arguments and heredocs of every command upstream of
/// it (pipes, substitutions, a wrapper's stdin).
pub(crate) fn fed_text(cmd: &Command, cx: &Context<'_>) -> String {
    let mut s = String::new();
    let mut add = |c: &Command| {
        for w in &c.args {
            s.push_str(&w.text);
            s.push('\n');
        }
        match &c.stdin {
            Some(Input::Heredoc { body, .. }) => s.push_str(body),
            Some(Input::HereString { word }) => s.push_str(&word.text),
            _ => {}
        }
        s.push('\n');
    };
    add(cmd);
    for up in upstream(cx.script, cmd) {
        add(up);
    }
    s
}

/// `fed_text`, plus the text written by other commands of the script into
/// files this command (or a command upstream of it) reads: the content of
/// `echo … > /tmp/x && sudo cp /tmp/x /etc/sudoers.d/x`.
pub(crate) fn fed_text_deep(cmd: &Command, cx: &Context<'_>) -> String {
    let mut s = fed_text(cmd, cx);
    let mut readers: Vec<&Command> = vec![cmd];
    readers.extend(upstream(cx.script, cmd));
    let mut sources: Vec<String> = Vec::new();
    for r in readers {
        sources.extend(r.operands().map(|w| abs_path(w, r, cx)));
        if let Some(Input::File { path }) = &r.stdin {
            sources.push(abs_path(path, r, cx));
        }
    }
    for other in cx.script.commands.iter().filter(|c| c.id != cmd.id) {
        if written(other, cx.env).iter().any(|w| sources.contains(&abs_path(w, other, cx))) {
            s.push_str(&fed_text(other, cx));
        }
    }
    s
}

/// True when a command upstream of this one downloads (its output is remote data).
pub(crate) fn fed_by_download(cmd: &Command, cx: &Context<'_>) -> bool {
    upstream(cx.script, cmd).any(|u| {
        matches!(u.name.as_str(), "curl" | "wget" | "fetch" | "http" | "xh" | "aria2c") || u.args.iter().any(Word::is_url) && u.argv.has_effect(Effect::Network)
    })
}

/// True for a `--dry-run`-style flag (the command only reports what it would do).
pub(crate) fn is_dry_run(cmd: &Command) -> bool {
    cmd.has_any_flag(&["--dry-run", "--dryrun", "-dry-run", "--what-if", "--check", "--simulate", "--noop", "--no-act", "--plan", "--preview"])
        || cmd.args.iter().any(|a| a.text.starts_with("--dry-run=") && !a.text.ends_with("=none"))
}

/// True when the command only asks for its version or help (`brew --version`).
pub(crate) fn asks_info_only(cmd: &Command) -> bool {
    !cmd.args.is_empty() && cmd.args.iter().all(|a| ["--version", "-v", "-V", "--help", "-h", "version", "help", "--usage"].contains(&a.text.as_str()))
}

/// The family's other rules that apply to `cmd` and fire on it; generic
/// effect rules stay silent when a specific rule already explains the command.
pub(crate) fn explained_by(rules: &[&crate::rules::Rule], own: &str, cmd: &Command, cx: &Context<'_>) -> bool {
    rules.iter().filter(|r| r.code != own && (r.commands.is_empty() || r.commands.contains(&cmd.name.as_str()))).any(|r| (r.check)(cmd, cx).is_some())
}
