//! A program riskgate has no spec for, asked to publish, deploy or push something others see: its verb (the first
//! operand, or an unknown subcommand) says what it does, as in the known
//! programs' specs. The risk model judges the rest of such commands.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT012",
    name: "unknown-program-publishes",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is asked to publish, deploy or push something others see",
    why: "Verbs like these change state beyond the workspace; without knowing the program, a person should confirm.",
    check,
    fires: &[
        "zorbctl deploy prod",
        "quillmark publish --tag v2",
        "tessa push myapp",
        "zorbctl bundle publish --internal",
        "quillmark sync",
        "tessa -upload notes",
    ],
    passes: &["zorbctl diff", "quillmark preview", "tessa logs myapp", "zorbctl list publish", "quillmark --sync-dir out in.md"],
};

const VERBS: &[&str] = &[
    "push",
    "publish",
    "deploy",
    "ship",
    "apply",
    "merge",
    "promote",
    "rollout",
    "send",
    "post",
    "notify",
    "submit",
    "upload",
    "scale",
    "release",
    "fork",
    "sync",
    "trigger",
    "dispatch",
    "broadcast",
    "tweet",
    "invite",
    "transfer",
    "pay",
    "purchase",
    "share",
];

/// Options that publish or send (`--upload`, `-publish`).
const OPTIONS: &[&str] = &["push", "publish", "deploy", "send", "post", "submit", "upload", "release", "share", "notify"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, OPTIONS, "publish, deploy or push something others see")
}
