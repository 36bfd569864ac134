//! `chmod -R` / `chown -R` / `chgrp -R` over `/` or a top-level system directory.

use super::common::is_scratch_root;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES016",
    name: "recursive-permission-change-of-root",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["chmod", "chown", "chgrp"],
    summary: "changes owner or permissions of the whole filesystem or a system directory recursively",
    why: "The system stops booting or authenticating (sudo, ssh refuse wrong modes) and the old modes cannot be restored.",
    check,
    fires: &[
        "chmod -R 777 /",
        "sudo chown -R nobody /",
        "chmod -R 000 /etc",
        "sudo chown -R $USER:$USER /usr",
        "bash -c 'chmod --recursive a+rwx /'",
        "chgrp -R users /var",
        "sudo chmod -R 755 /*",
    ],
    passes: &[
        "chmod -R 755 build",
        "chmod +x script.sh",
        "chown -R dev:dev .",
        "sudo chown -R dev /tmp",
        "chmod 644 /etc/app.conf",
        "chmod -R u+w ~/project/src",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.has_any_flag(&["-R", "--recursive"]) {
        return None;
    }
    // Without `--reference`, the first operand is the mode or owner.
    let skip = usize::from(!cmd.args.iter().any(|a| a.text.starts_with("--reference")));
    let target = cmd.operands().skip(skip).find(|w| !is_scratch_root(w) && matches!(w.path, PathClass::Root | PathClass::SystemDir))?;
    let spec = cmd.operands().next().map_or("", |w| w.text.as_str());
    Some(Hit::on(target).with_message(format!("`{} -R {spec} {}` changes every file under `{}`", cmd.name, target.raw, target.text)))
}
