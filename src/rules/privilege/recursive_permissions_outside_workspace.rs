//! `chmod -R`/`chown -R`/`chgrp -R` of a tree outside the workspace.

use super::common::perm_targets;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV007",
    name: "recursive-permissions-outside-workspace",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &["chmod", "chown", "chgrp", "setfacl"],
    summary: "changes owners or modes recursively outside the workspace",
    why: "A recursive owner or mode change outside the project can expose secrets or break other programs, and is hard to undo.",
    check,
    fires: &[
        "sudo chown -R $USER /usr/local",
        "chmod -R 777 ~/Documents",
        "chown -R dev:dev /opt/app",
        "chmod -R go+rwx ~/.ssh",
        "chgrp -R www-data /var/www",
        "bash -c 'chmod --recursive 755 ../other'",
    ],
    passes: &["chmod -R 755 build", "chown -R dev:dev .", "chmod -R u+w src", "chmod -R 777 /tmp/cache", "chmod 644 /etc/hosts"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.has_any_flag(&["-R", "--recursive"]) {
        return None;
    }
    let target =
        perm_targets(cmd).into_iter().find(|w| !w.path.is_workspace() && !matches!(w.path, PathClass::Tmp | PathClass::Special | PathClass::Dynamic))?;
    Some(Hit::on(target).with_message(format!("`{} -R` changes every file under `{}`, outside the workspace", cmd.name, target.text)))
}
