//! Any other program or subcommand whose spec says it changes privileges.

use super::common::ELEVATORS;
use crate::rules::prelude::*;
use crate::rules::shared::changes::{asks_info_only, explained_by, is_dry_run};

pub(crate) static RULE: Rule = Rule {
    code: "PRV014",
    name: "privilege-effect",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &[],
    summary: "changes who may do what on this machine",
    why: "Privilege changes outlive the task and widen what every later command can do.",
    check,
    fires: &["vipw", "sudo newusers users.txt", "bash -c vigr"],
    passes: &["ls -l", "id -u", "sudo -k"],
};

/// Every command: the effect comes from its spec; silent for dry runs, version or help requests, and when another privilege rule already explains it,
/// and for the elevation wrappers, which `PRV001`/`PRV002` judge (`sudo -k` only drops credentials).
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if ELEVATORS.contains(&cmd.name.as_str()) {
        return None;
    }
    if is_dry_run(cmd) || asks_info_only(cmd) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::Privilege)?;
    (!explained_by(super::RULES, RULE.code, cmd, cx)).then_some(hit)
}
