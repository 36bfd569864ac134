//! Direct writes to the account databases (`/etc/passwd`, `/etc/shadow`, `/etc/group`).

use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, written};

pub(crate) static RULE: Rule = Rule {
    code: "PRV013",
    name: "account-database-write",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &[],
    summary: "edits the system account database directly",
    why: "Editing passwd, shadow or group by hand adds or changes accounts outside every tool's checks.",
    check,
    fires: &[
        "echo 'svc:x:1500:1500::/srv:/bin/sh' | sudo tee -a /etc/passwd",
        "sudo sed -i 's/^dev:/x:/' /etc/shadow",
        "sudo cp group.bak /etc/group",
        "echo 'docker:x:999:dev' >> /etc/group",
    ],
    passes: &["cat /etc/passwd", "getent group docker", "cp /etc/passwd /tmp/passwd.copy"],
};

const DATABASES: &[&str] = &["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/master.passwd", "/etc/subuid", "/etc/subgid"];

/// Every command: any writer may target the databases.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let target = written(cmd, cx.env).into_iter().find(|w| DATABASES.contains(&abs_path(w, cmd, cx).as_str()))?;
    Some(Hit::on(&target).with_message(format!("`{}` writes `{}` directly", cmd.name, target.text)))
}
