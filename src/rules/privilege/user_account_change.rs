//! User and group administration: creating, changing or deleting accounts,
//! passwords, shells and groups.

use super::common::admin_group;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV009",
    name: "user-account-change",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &[
        "useradd",
        "usermod",
        "userdel",
        "adduser",
        "deluser",
        "groupadd",
        "groupmod",
        "groupdel",
        "addgroup",
        "delgroup",
        "gpasswd",
        "passwd",
        "chpasswd",
        "chage",
        "chsh",
        "chfn",
        "visudo",
        "dscl",
        "sysadminctl",
        "dseditgroup",
        "pw",
        "lusermod",
    ],
    summary: "changes user accounts, groups or passwords",
    why: "Accounts and passwords decide who can log in and what they may do on the machine.",
    check,
    fires: &[
        "sudo useradd -m deploy",
        "usermod -s /bin/zsh dev",
        "passwd",
        "echo 'dev:secret' | sudo chpasswd",
        "sudo groupadd developers",
        "sudo visudo",
        "userdel -r olduser",
        "sudo dscl . -create /Users/ci",
        "bash -c 'adduser --disabled-password bot'",
        "pw useradd ci -m -s /bin/sh",
    ],
    passes: &["id dev", "groups", "getent passwd dev", "usermod -aG sudo dev", "visudo -c", "passwd -S dev", "pw usershow dev", "pw group show wheel"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if admin_group(cmd).is_some() {
        return None;
    }
    let read_only = match cmd.name.as_str() {
        "visudo" => cmd.has_any_flag(&["-c", "--check"]),
        "passwd" => cmd.has_any_flag(&["-S", "--status"]),
        "chage" => cmd.has_any_flag(&["-l", "--list"]),
        // `pw usershow`, `pw group show`: the spec knows which subcommands only read.
        "pw" => cmd.argv.effect() == Effect::Read,
        "dscl" => cmd.args.iter().any(|a| matches!(a.text.as_str(), "-read" | "-list" | "-search" | "read" | "list")),
        _ => false,
    };
    if read_only {
        return None;
    }
    let who = cmd.operands().last().map_or_else(String::new, |w| format!(" {}", w.text));
    Some(Hit::on(&cmd.program).with_message(format!("`{}{who}` changes user accounts, groups or passwords", cmd.name)))
}
