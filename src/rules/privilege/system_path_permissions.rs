//! Owner or mode changes of system files (`chmod 777 /etc/x`, `chown user /usr/local/bin/x`).

use super::common::{mode_word, perm_targets};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV006",
    name: "system-path-permissions",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &["chmod", "chown", "chgrp", "chattr", "setfacl"],
    summary: "changes the owner or permissions of a system file",
    why: "Loosened owners or modes on system files let other users or programs tamper with the machine.",
    check,
    fires: &[
        "chmod 777 /etc/hosts",
        "sudo chown dev /usr/local/bin/node",
        "chgrp staff /opt/app/config.yml",
        "chmod o+w /var/run/docker.sock",
        "sudo chattr +i /etc/resolv.conf",
        "setfacl -m u:dev:rw /var/log/syslog",
        "bash -c 'chmod 666 /dev/kvm'",
        "chmod 755 /",
    ],
    passes: &[
        "chmod 777 build/out",
        "chmod +x ./run.sh",
        "chown dev:dev src/main.rs",
        "chmod 600 ~/.ssh/id_ed25519",
        "chmod 1777 /tmp/scratch",
        "chmod -R 755 /usr/local/lib/x",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.has_any_flag(&["-R", "--recursive"]) {
        return None;
    }
    let target = perm_targets(cmd).into_iter().find(|w| matches!(w.path, PathClass::System | PathClass::SystemDir | PathClass::Root | PathClass::Device))?;
    let world = mode_word(cmd).is_some_and(|m| m.text.ends_with("77") || m.text.ends_with("66") || m.text.contains("o+w") || m.text.contains("a+w"));
    let what = if world { "makes a system file world-writable" } else { "changes the owner or mode of a system file" };
    Some(Hit::on(target).with_message(format!("`{} {}` {what}", cmd.name, target.text)))
}
