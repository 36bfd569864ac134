//! Writes to an `authorized_keys` file: whoever holds a listed key can log in.

use super::common::is_authorized_keys;
use crate::rules::prelude::*;
use crate::rules::shared::changes::written;

pub(crate) static RULE: Rule = Rule {
    code: "PER002",
    name: "authorized-keys-write",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &[],
    summary: "changes which SSH keys may log in to this machine",
    why: "A key added to authorized_keys is a lasting way in for whoever holds the private half.",
    check,
    fires: &[
        "cat ~/.ssh/id_ed25519.pub >> ~/.ssh/authorized_keys",
        "cp keys.txt ~/.ssh/authorized_keys",
        "sudo tee -a /root/.ssh/authorized_keys < deploy.pub",
        "bash -c 'cat id.pub >> /home/git/.ssh/authorized_keys'",
        "sed -i '/old-laptop/d' ~/.ssh/authorized_keys",
    ],
    passes: &["cat ~/.ssh/authorized_keys", "wc -l ~/.ssh/authorized_keys", "cp ~/.ssh/authorized_keys /tmp/ak.bak"],
};

/// Every command: any writer may target `authorized_keys`.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let target = written(cmd, cx.env).into_iter().find(|w| is_authorized_keys(w, cmd, cx))?;
    Some(Hit::on(&target).with_message(format!("`{}` writes `{}`, which decides who may log in over SSH", cmd.name, target.text)))
}
