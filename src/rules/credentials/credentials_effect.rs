//! Any program or subcommand whose spec says it reads or exposes
//! credentials (`gh auth token`, `docker login`, `kubectl config view --raw`).
//!
//! Inspects every command: the knowledge is in the program specs.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD012",
    name: "credentials-effect",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[],
    summary: "reads or exposes credentials",
    why: "The program's job is to show or handle a secret.",
    check,
    fires: &[
        "gh auth token",
        "heroku config -a myapp",
        "npm token create",
        "sudo kubectl config view --raw",
        "bash -c 'gh auth status --show-token'",
        "kubectl config view --raw",
    ],
    passes: &["gh auth status -h github.example.com", "gh pr list", "kubectl config view"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    effect_hit(cmd, Effect::Credentials)
}
