//! Fallback: a program (or subcommand, or flag) whose spec says it is
//! destructive, when no more specific destructive rule explains it.
//!
//! Inspects every command, because the knowledge lives in the program specs.

use super::common::is_dry_run;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES022",
    name: "destructive-program-effect",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[],
    summary: "runs a command its spec marks as destroying data",
    why: "The program's own documentation says this form deletes or overwrites data irreversibly.",
    check,
    fires: &[
        "sudo gh repo delete o/r --yes",
        "bash -c 'gh release delete v2 -y'",
        "gh repo delete o/r --yes",
        "git checkout-index -f -a",
        "gh release delete v1.0 --yes",
        "git submodule deinit -f --all",
    ],
    passes: &["git status", "gh pr create", "git clean -fdn", "git reset --hard", "ls -la", "shred -u ~/.bash_history"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_dry_run(cmd) {
        return None;
    }
    // Wiping history files and logs is judged as evasion.
    if cmd.operands().any(super::common::is_tracks) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::Destructive)?;
    let explained = super::RULES
        .iter()
        .filter(|r| r.code != RULE.code && (r.commands.is_empty() || r.commands.contains(&cmd.name.as_str())))
        .any(|r| (r.check)(cmd, cx).is_some());
    (!explained).then_some(hit)
}
