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
    fires: &["zorbctl deploy prod", "quillmark publish --tag v2", "tessa push myapp"],
    passes: &["zorbctl diff", "quillmark preview", "tessa logs myapp"],
};

const VERBS: &[&str] = &["push", "publish", "deploy", "ship", "apply", "merge", "promote", "rollout", "send", "post", "notify", "submit", "upload", "scale"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, "publish, deploy or push something others see")
}
