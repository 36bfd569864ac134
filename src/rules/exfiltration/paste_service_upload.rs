//! Local content published to a gist or paste service: `gh gist create`,
//! `glab snippet create`, `pastebinit`, `wgetpaste`.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::has_seq;

pub(crate) static RULE: Rule = Rule {
    code: "EXF006",
    name: "paste-service-upload",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["gh", "glab", "pastebinit", "wgetpaste", "gist", "gist-paste", "termbin", "nopaste", "ix", "sprunge", "haste"],
    summary: "publishes local content to a gist or paste service",
    why: "Pastes are often public and indexed; whatever they hold leaves the user's control.",
    check,
    fires: &[
        "gh gist create notes.md",
        "gh gist create --public src/main.rs",
        "cat log.txt | gh gist create -",
        "gh gist edit abc123 -a config.yaml",
        "glab snippet create -t logs build.log",
        "pastebinit -i error.log",
        "bash -c 'wgetpaste output.txt'",
    ],
    passes: &["gh gist list", "gh gist view abc123", "gh pr create --fill", "glab mr list"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let hit = match cmd.name.as_str() {
        "gh" => has_seq(cmd, &["gist", "create"]) || has_seq(cmd, &["gist", "edit"]) && cmd.has_any_flag(&["-a", "--add"]),
        "glab" => has_seq(cmd, &["snippet", "create"]),
        _ => true,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` uploads local content to a paste service", describe(cmd))))
}
