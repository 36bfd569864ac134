//! `chmod -R`/`chown -R` of `/` or a top-level system directory.

use super::common::perm_targets;
use crate::rules::prelude::*;
use crate::rules::shared::changes::abs_path;

pub(crate) static RULE: Rule = Rule {
    code: "PRV008",
    name: "recursive-permissions-of-root",
    category: Category::Privilege,
    decision: Decision::Deny,
    commands: &["chmod", "chown", "chgrp"],
    summary: "changes owners or modes of the whole filesystem or a top-level system directory",
    why: "Recursively re-owning or opening `/`, `/etc` or `/usr` breaks the system and its security, irreversibly in practice.",
    check,
    fires: &[
        "chmod -R 777 /",
        "sudo chown -R dev /",
        "chown -R nobody:nogroup /etc",
        "sudo chmod -R a+rwx /usr",
        "chmod -R 000 /*",
        "bash -c 'sudo chgrp -R users /var'",
    ],
    passes: &["sudo chown -R $USER /usr/local", "chmod -R 777 /tmp", "chmod -R 755 build", "chmod 755 /"],
};

const TOP: &[&str] = &[
    "/",
    "/etc",
    "/usr",
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/boot",
    "/var",
    "/root",
    "/home",
    "/System",
    "/Library",
    "/Users",
    "/private",
    "/dev",
    "/proc",
    "/sys",
    "/run",
    "/snap",
    "/nix",
    "/Applications",
    "/usr/bin",
    "/usr/lib",
    "/usr/sbin",
    "/etc/ssh",
    "/var/lib",
];

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !cmd.has_any_flag(&["-R", "--recursive"]) {
        return None;
    }
    let target = perm_targets(cmd).into_iter().find(|w| w.path == PathClass::Root || TOP.contains(&abs_path(w, cmd, cx).as_str()))?;
    Some(Hit::on(target).with_message(format!("`{} -R {}` changes owners or modes of a whole system tree", cmd.name, target.text)))
}
