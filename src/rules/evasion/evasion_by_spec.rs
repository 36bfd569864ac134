//! Fallback: a program (or subcommand, or flag) whose spec says it covers
//! tracks or skips safety checks, when no more specific evasion rule explains it.
//!
//! Inspects every command, because the knowledge lives in the program specs.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA007",
    name: "evasive-program-effect",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "runs a command its spec marks as covering tracks or skipping checks",
    why: "The program's own documentation says this form hides activity or bypasses a safety check.",
    check,
    fires: &["sudo git pull --no-verify", "bash -c 'git rebase --no-verify main'", "git rebase --no-verify main", "git am --no-verify 0001.patch"],
    passes: &["git rebase main", "history", "git commit -m x", "git commit --no-verify -m x"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let hit = effect_hit(cmd, Effect::Evasion)?;
    let explained = super::RULES
        .iter()
        .filter(|r| r.code != RULE.code && (r.commands.is_empty() || r.commands.contains(&cmd.name.as_str())))
        .any(|r| (r.check)(cmd, cx).is_some());
    (!explained).then_some(hit)
}
