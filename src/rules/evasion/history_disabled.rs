//! Turning shell history off: `unset HISTFILE`, `HISTFILE=/dev/null`,
//! `HISTSIZE=0`, `HISTCONTROL=ignorespace`, `set +o history`.
//!
//! Inspects every command, because an assignment can prefix any command
//! (`HISTFILE=/dev/null bash`).

use crate::rules::prelude::*;
use crate::rules::shared::traces::{HISTORY_VARS, disables_history};

pub(crate) static RULE: Rule = Rule {
    code: "EVA001",
    name: "shell-history-disabled",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "stops the shell from recording its command history",
    why: "Commands run after this leave no trace in the history the user reviews.",
    check,
    fires: &[
        "unset PROMPT_COMMAND",
        "sudo -E env HISTFILE=/dev/null bash",
        "unset HISTFILE",
        "unset HISTFILE HISTSIZE",
        "export HISTFILE=/dev/null",
        "export HISTSIZE=0",
        "HISTFILE=/dev/null bash",
        "env HISTFILE= bash -i",
        "set +o history",
        "export HISTCONTROL=ignorespace",
        "declare -x HISTFILESIZE=0",
        "bash -c 'unset HISTFILE; make'",
    ],
    passes: &["export PATH=$PATH:~/bin", "unset GOPATH", "set -o pipefail", "export HISTSIZE=10000", "set +e", "echo $HISTFILE"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if let Some(a) = cmd.env.iter().find(|a| disables_history(&a.name, &a.value.text)) {
        return Some(Hit::command().with_message(format!("`{}={}` runs `{}` without recording history", a.name, a.value.text, cmd.name)));
    }
    let args = &cmd.args;
    match cmd.name.as_str() {
        "unset" => {
            let w = args.iter().find(|a| HISTORY_VARS[..3].contains(&a.text.as_str()) || a.text == "SAVEHIST" || a.text == "PROMPT_COMMAND")?;
            // PROMPT_COMMAND is where shells hook per-command history and audit logging.
            let what = if w.text == "PROMPT_COMMAND" { "removes the per-command history and audit hook" } else { "stops the shell from saving history" };
            Some(Hit::on(w).with_message(format!("`unset {}` {what}", w.text)))
        }
        "export" | "declare" | "typeset" | "readonly" | "local" | "env" | "setenv" => {
            let w = args.iter().find(|a| a.text.split_once('=').is_some_and(|(n, v)| disables_history(n, v)))?;
            Some(Hit::on(w).with_message(format!("`{} {}` stops or hides history recording", cmd.name, w.text)))
        }
        "set" => {
            let off = args.windows(2).find(|p| p[0].text == "+o" && p[1].text == "history")?;
            Some(Hit::on(&off[1]).with_message("`set +o history` turns history recording off"))
        }
        "setopt" | "unsetopt" => {
            let w = args.iter().find(|a| {
                let o = a.text.to_ascii_lowercase().replace('_', "");
                cmd.name == "setopt" && (o == "histignorespace" || o == "nohistsavebycopy")
                    || cmd.name == "unsetopt" && (o == "appendhistory" || o == "sharehistory")
            })?;
            Some(Hit::on(w).with_message(format!("`{} {}` hides commands from history", cmd.name, w.text)))
        }
        _ => None,
    }
}
