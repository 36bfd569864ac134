//! Any program, subcommand or flag whose spec says it fetches and runs
//! code (custom package indexes, `cargo install --git`, `gh extension install`).
//!
//! Inspects every command: the knowledge is in the program specs.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RCE009",
    name: "remote-code-effect",
    category: Category::RemoteCode,
    decision: Decision::Ask,
    commands: &[],
    summary: "installs or runs code from outside the standard registry",
    why: "The program's job here is to fetch and run code nobody reviewed.",
    check,
    fires: &[
        "pip install --index-url https://pypi.example.com/simple foo",
        "pip install -i https://x.example.com/simple foo",
        "uv pip install --extra-index-url https://x.example.com foo",
        "cargo install --git https://github.com/a/b",
        "gem install foo --source https://gems.example.com",
        "npm install --registry https://npm.example.com foo",
    ],
    passes: &["pip install foo", "cargo install ripgrep", "npm install"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    effect_hit(cmd, Effect::RemoteCode)
}
