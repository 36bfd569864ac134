//! Any other program or subcommand whose spec says it acts where others see
//! it or where it costs money.

use crate::rules::prelude::*;
use crate::rules::shared::changes::{asks_info_only, explained_by, is_dry_run};

pub(crate) static RULE: Rule = Rule {
    code: "EXT010",
    name: "external-effects-effect",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[],
    summary: "acts outside the machine where others see it or where it costs money",
    why: "External actions reach other people or paid services and cannot be undone locally.",
    check,
    fires: &["npm deprecate pkg@1 'use 2'", "cargo owner --add alice mycrate", "gh codespace create -r o/r", "heroku ps:scale web=2 -a app"],
    passes: &["npm view pkg", "cargo search serde", "gh codespace list", "heroku logs -a app"],
};

/// Every command: the effect comes from its spec; silent for dry runs, version or help requests, and when another external-effects rule already explains it.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_dry_run(cmd) || asks_info_only(cmd) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::ExternalEffects)?;
    (!explained_by(super::RULES, RULE.code, cmd, cx)).then_some(hit)
}
