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
    fires: &[
        "zorbctl delete cluster-a",
        "quillmark purge --all",
        "tessa drop db1",
        "zorbctl vm delete vm-1",
        "quillmark --delete-disk --vm web",
        "tessa restore snap-1",
    ],
    passes: &[
        "zorbctl describe cluster-a",
        "quillmark lint",
        "tessa show db1",
        "zorbctl search delete",
        "quillmark --delete-after 3 -o out.txt in.txt",
        "tessa convert drop.csv",
    ],
};

const VERBS: &[&str] = &[
    "delete",
    "destroy",
    "purge",
    "wipe",
    "drop",
    "prune",
    "erase",
    "nuke",
    "truncate",
    "clear",
    "clean-all",
    "rm",
    "del",
    "rmdir",
    "shred",
    "unlink",
    "overwrite",
    "restore",
    "revert",
];

/// Options that delete (`--delete-disk`, `-purge`).
const OPTIONS: &[&str] = &["delete", "destroy", "purge", "wipe", "drop", "prune", "erase", "nuke", "truncate", "overwrite", "shred"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, OPTIONS, "delete, purge or wipe data")
}
