//! An interactive root shell: `su`, `sudo -i`, `sudo -s`, `sudo su -`, `sudo bash`.

use super::common::{ELEVATORS, is_root_shell};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV002",
    name: "root-shell",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: ELEVATORS,
    summary: "opens a shell running as root",
    why: "Everything typed into a root shell runs unchecked with full control of the machine.",
    check,
    fires: &[
        "su",
        "su -",
        "su - root",
        "sudo -i",
        "sudo -s",
        "sudo su",
        "sudo su -",
        "sudo bash",
        "sudo -u root bash",
        "doas sh",
        "sudo -E zsh",
        "bash -c 'sudo -i'",
    ],
    passes: &["sudo ls /root", "su -c whoami", "sudo bash -c 'id'", "sudo bash install.sh", "whoami", "sudo -l"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    is_root_shell(cmd, cx).then(|| Hit::on(&cmd.program).with_message(format!("`{}` opens an interactive root shell", cmd.name)))
}
