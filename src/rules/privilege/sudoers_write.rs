//! Writes to sudoers, doas or polkit rules: the files that decide who becomes root.

use super::common::sudoers_written;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV011",
    name: "sudoers-write",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &[],
    summary: "edits the sudoers configuration",
    why: "Sudoers and doas rules decide who may run what as root; a bad line grants root or locks the user out.",
    check,
    fires: &[
        "echo 'dev ALL=(ALL) ALL' | sudo tee -a /etc/sudoers",
        "sudo cp sudoers.new /etc/sudoers.d/dev",
        "sudo sed -i 's/^%admin/#%admin/' /etc/sudoers",
        "echo 'Defaults env_keep += \"PATH\"' >> /etc/sudoers.d/path",
        "sudo visudo -f /etc/sudoers.d/ci",
        "echo 'permit persist dev' | doas tee /etc/doas.conf",
        "sudo install -m 440 ci-sudo /etc/sudoers.d/",
    ],
    passes: &["sudo cat /etc/sudoers", "visudo -c", "cp /etc/sudoers.d/ci backup/", "grep dev /etc/sudoers"],
};

/// Every command: any writer (redirect, tee, cp, sed -i, install, visudo) may target sudoers.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let target = sudoers_written(cmd, cx)?;
    Some(Hit::on(&target).with_message(format!("`{}` writes `{}`, which controls root access", cmd.name, target.text)))
}
