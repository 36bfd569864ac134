//! Any other program or subcommand whose spec says it makes something run later.

use crate::rules::prelude::*;
use crate::rules::shared::changes::{asks_info_only, explained_by, is_dry_run};

pub(crate) static RULE: Rule = Rule {
    code: "PER009",
    name: "persistence-effect",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &[],
    summary: "makes something run automatically later",
    why: "Whatever is set to run later keeps acting after the task, unattended.",
    check,
    fires: &["ssh-copy-id dev@build-host", "ssh-copy-id -i ~/.ssh/id_ed25519.pub pi@raspberrypi.local", "systemctl edit nginx"],
    passes: &["ssh dev@build-host uptime", "systemctl cat nginx", "crontab -l"],
};

/// Every command: the effect comes from its spec; silent for dry runs, version or help requests, and when another persistence rule already explains it.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_dry_run(cmd) || asks_info_only(cmd) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::Persistence)?;
    (!explained_by(super::RULES, RULE.code, cmd, cx)).then_some(hit)
}
