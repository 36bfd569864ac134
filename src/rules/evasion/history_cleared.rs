//! Erasing recorded history: `history -c`, `history -d`, and deleting,
//! truncating, shredding or redirecting over history files
//! (`~/.bash_history`, `~/.zsh_history`, REPL histories).
//!
//! Inspects every command, because any command's output can be redirected
//! over a history file.

use crate::rules::prelude::*;
use crate::rules::shared::traces::is_history_file;

pub(crate) static RULE: Rule = Rule {
    code: "EVA002",
    name: "history-file-cleared",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "erases the shell's recorded command history",
    why: "Deleting history hides what was run on the machine; it is never needed for a software task.",
    check,
    fires: &[
        "history -c",
        "history -c && history -w",
        "history -d 42",
        "rm ~/.bash_history",
        "rm -f ~/.zsh_history ~/.python_history",
        "cat /dev/null > ~/.bash_history",
        ": > ~/.bash_history",
        "truncate -s 0 ~/.bash_history",
        "shred -u ~/.bash_history",
        "ln -sf /dev/null ~/.bash_history",
        "sudo rm /root/.bash_history",
        "cp /dev/null ~/.zsh_history",
        "bash -c 'echo > $HOME/.bash_history'",
    ],
    passes: &["history", "history | grep cargo", "cat ~/.bash_history | tail", "echo x >> notes.txt", "rm history.txt", "rm -rf src/history"],
};

const REMOVERS: &[&str] = &["rm", "grm", "unlink", "shred", "srm", "wipe", "truncate", "trash", "trash-put"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "history" || cmd.name == "fc" {
        let f = cmd.argv.flags.iter().find(|f| f.name == "-c" || f.name == "-d" || f.name == "-p")?;
        let what = if f.name == "-d" { "deletes entries from" } else { "clears" };
        return Some(Hit::command().with_message(format!("`history {}` {what} the shell history", f.name)));
    }
    if let Some(r) = cmd.redirects.iter().find(|r| r.op == RedirectOp::Write && is_history_file(&r.target.text)) {
        return Some(Hit::on(&r.target).with_message(format!("`> {}` empties a history file", r.target.raw)));
    }
    let name = cmd.name.as_str();
    let target = if REMOVERS.contains(&name) {
        cmd.operands().find(|w| is_history_file(&w.text))
    } else if matches!(name, "ln" | "cp" | "mv" | "install") {
        let mut ops = cmd.operands();
        let src = ops.next()?;
        let dest = ops.last();
        match name {
            "mv" => Some(src).filter(|w| is_history_file(&w.text)),
            _ => dest.filter(|w| is_history_file(&w.text) && matches!(src.text.as_str(), "/dev/null" | "/dev/zero")),
        }
    } else {
        None
    }?;
    Some(Hit::on(target).with_message(format!("`{name} {}` erases a history file", target.raw)))
}
