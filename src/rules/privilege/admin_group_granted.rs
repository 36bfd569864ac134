//! A user added to a group that amounts to root (`sudo`, `wheel`, `admin`, `docker`, ...).

use super::common::admin_group;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV010",
    name: "admin-group-granted",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &["usermod", "useradd", "gpasswd", "adduser", "addgroup", "dseditgroup"],
    summary: "adds a user to a group that grants root",
    why: "Membership of sudo, wheel, admin or docker is equivalent to root on most systems.",
    check,
    fires: &[
        "sudo usermod -aG sudo dev",
        "usermod -a -G wheel ci",
        "sudo usermod -aG docker $USER",
        "gpasswd -a dev sudo",
        "sudo adduser dev admin",
        "useradd -G wheel,dev ops",
        "sudo dseditgroup -o edit -a dev -t user admin",
    ],
    passes: &["usermod -aG video dev", "adduser dev", "gpasswd -a dev audio", "groups dev"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let group = admin_group(cmd)?;
    Some(Hit::on(group).with_message(format!("`{}` adds a user to `{}`, which grants root", cmd.name, group.text)))
}
