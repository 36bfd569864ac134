//! Any other program or subcommand whose spec says it changes machine state.

use crate::rules::prelude::*;
use crate::rules::shared::changes::{asks_info_only, explained_by, is_dry_run};

pub(crate) static RULE: Rule = Rule {
    code: "SYS011",
    name: "system-effect",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "changes machine state outside the workspace",
    why: "Machine-wide changes outlive the task and affect every other project and user.",
    check,
    fires: &["sudo docker swarm init", "git config --global core.editor vim", "sudo rpm --rebuilddb"],
    passes: &["kill 4242", "shutdown -c", "brew --version", "docker ps", "git config user.name dev", "npm install"],
};

const JUDGED: &[&str] = &["kill", "shutdown"];

/// Every command: the effect comes from its spec; silent for dry runs, version or help requests, and when another system rule already explains it.
/// Programs in `JUDGED` are left to their specific rules, which know their harmless forms
/// (`kill PID` signals the task's own process; `shutdown -c` cancels a shutdown).
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if JUDGED.contains(&cmd.name.as_str()) {
        return None;
    }
    if is_dry_run(cmd) || asks_info_only(cmd) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::System)?;
    (!explained_by(super::RULES, RULE.code, cmd, cx)).then_some(hit)
}
