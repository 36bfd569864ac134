//! The setuid bit set on a shell or interpreter (or a copy of one): a
//! password-less root shell for anyone.

use super::common::{mode_word, sets_suid};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV004",
    name: "setuid-shell",
    category: Category::Privilege,
    decision: Decision::Deny,
    commands: &["chmod", "install", "ginstall"],
    summary: "makes a shell or interpreter setuid, a root backdoor",
    why: "A setuid shell or interpreter lets any local user run arbitrary code as its owner, usually root.",
    check,
    fires: &[
        "chmod u+s /bin/bash",
        "sudo chmod 4755 /usr/bin/python3",
        "chmod +s /usr/bin/find",
        "cp /bin/sh /tmp/.x && chmod 4777 /tmp/.x",
        "sudo install -m 4755 /bin/bash /usr/local/bin/rootsh",
        "bash -c 'chmod 6755 /bin/dash'",
    ],
    passes: &["chmod u+s ./helper", "chmod 755 /bin/bash", "chmod +x run.sh", "cp /bin/sh /tmp/x && chmod 755 /tmp/x"],
};

/// Programs that give a root shell or root file access when setuid, besides
/// shells and interpreters (GTFOBins' SUID list: they run commands, edit or
/// copy any file).
const SHELL_GIVERS: &[&str] = &["busybox", "env", "find", "vim", "vi", "nano", "less", "cp", "tee", "dd", "nmap", "socat", "nc"];

fn is_shell_path(text: &str) -> bool {
    let base = text.rsplit('/').next().unwrap_or(text);
    crate::ir::programs::runs_code(base) || SHELL_GIVERS.contains(&base)
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let mode = mode_word(cmd).filter(|m| sets_suid(&m.text))?;
    let copied_shell = |target: &Word| {
        cx.script.commands.iter().any(|c| {
            matches!(c.name.as_str(), "cp" | "install" | "ln" | "rsync") && c.argv.operands.len() >= 2 && {
                let ops = &c.argv.operands;
                ops[..ops.len() - 1].iter().any(|o| is_shell_path(&o.text)) && ops[ops.len() - 1].text == target.text
            }
        })
    };
    let targets: Vec<&Word> = if cmd.name == "chmod" { cmd.operands().skip(1).collect() } else { cmd.operands().collect() };
    let target = targets.into_iter().find(|t| is_shell_path(&t.text) || copied_shell(t))?;
    Some(Hit::on(target).with_message(format!("`{} {} {}` makes a shell or interpreter setuid", cmd.name, mode.text, target.text)))
}
