//! Root access granted without a password: `NOPASSWD` or doas `nopass` written
//! into sudoers, a uid-0 account added, or root's password removed.

use std::borrow::Cow;

use super::common::sudoers_written;
use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, fed_text_deep, written};

pub(crate) static RULE: Rule = Rule {
    code: "PRV012",
    name: "passwordless-root-granted",
    category: Category::Privilege,
    decision: Decision::Deny,
    commands: &[],
    summary: "grants root without a password",
    why: "Password-less root removes the last check between any process of the user and full control of the machine.",
    check,
    fires: &[
        "echo 'dev ALL=(ALL) NOPASSWD: ALL' | sudo tee -a /etc/sudoers",
        "echo \"$USER ALL=(ALL:ALL) NOPASSWD:ALL\" > /etc/sudoers.d/nopass",
        "sudo bash -c 'echo \"%wheel ALL=(ALL) NOPASSWD: ALL\" >> /etc/sudoers'",
        "printf '%s\\n' 'ci ALL=(ALL) NOPASSWD:ALL' | sudo env EDITOR='tee -a' visudo",
        "echo 'permit nopass dev as root' | doas tee -a /etc/doas.conf",
        "sudo sed -i 's/ALL$/NOPASSWD: ALL/' /etc/sudoers",
        "echo 'toor:x:0:0::/root:/bin/bash' | sudo tee -a /etc/passwd",
        "sudo passwd -d root",
        "sudo useradd -o -u 0 -g 0 backup",
        "echo 'dev ALL=(ALL) NOPASSWD: ALL' > /tmp/dev && sudo cp /tmp/dev /etc/sudoers.d/dev",
        "cat <<EOF | sudo tee /etc/sudoers.d/dev\ndev ALL=(ALL) NOPASSWD:ALL\nEOF",
    ],
    passes: &[
        "echo 'dev ALL=(ALL) ALL' | sudo tee -a /etc/sudoers",
        "grep NOPASSWD /etc/sudoers",
        "echo NOPASSWD > notes.txt",
        "passwd -d olduser",
        "useradd -u 1001 ci",
    ],
};

/// Every command: the grant can be written by any writer or fed to `visudo`.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let fed = || fed_text_deep(cmd, cx);
    if let Some(target) =
        sudoers_written(cmd, cx).or_else(|| (cmd.name == "visudo").then(|| Cow::Owned(Word::literal("/etc/sudoers", cmd.span, PathClass::System))))
    {
        let text = fed();
        if text.contains("NOPASSWD") || text.to_ascii_lowercase().contains("nopass") {
            return Some(Hit::on(&target).with_message(format!("`{}` writes a NOPASSWD rule into `{}`", cmd.name, target.text)));
        }
    }
    if let Some(target) = written(cmd, cx.env).into_iter().find(|w| abs_path(w, cmd, cx) == "/etc/passwd") {
        if fed().lines().any(|l| l.split(':').nth(2) == Some("0")) {
            return Some(Hit::on(&target).with_message("adds an account with uid 0 (root) to /etc/passwd"));
        }
    }
    if cmd.name == "passwd" && cmd.has_any_flag(&["-d", "--delete"]) && cmd.operands().next().is_none_or(|w| w.text == "root") {
        return Some(Hit::command().with_message("`passwd -d` removes root's password"));
    }
    if matches!(cmd.name.as_str(), "useradd" | "usermod") && cmd.flag_values(&["-u", "--uid"]).any(|w| w.text == "0") {
        return Some(Hit::command().with_message(format!("`{}` gives an account uid 0 (root)", cmd.name)));
    }
    None
}
