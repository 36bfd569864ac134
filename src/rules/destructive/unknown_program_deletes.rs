//! A program riskgate has no spec for, asked to delete, purge or wipe data: its verb (the first
//! operand, or an unknown subcommand) says what it does, as in the known
//! programs' specs. The risk model judges the rest of such commands.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES027",
    name: "unknown-program-deletes",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is asked to delete, purge or wipe data",
    why: "Verbs like these change state beyond the workspace; without knowing the program, a person should confirm.",
    check,
    fires: &["zorbctl delete cluster-a", "quillmark purge --all", "tessa drop db1"],
    passes: &["zorbctl describe cluster-a", "quillmark lint", "tessa show db1"],
};

const VERBS: &[&str] = &["delete", "destroy", "purge", "wipe", "drop", "prune", "erase", "nuke", "truncate", "clear", "clean-all", "rm", "del"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, "delete, purge or wipe data")
}
