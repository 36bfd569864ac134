//! Staging a secret file for commit (`git add .env`, `git add -f
//! id_rsa`): once committed and pushed, the secret is in the history of
//! every clone.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD015",
    name: "secret-file-staged",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "stages a secret file for commit",
    why: "A committed secret spreads to every clone and remote, and stays in history after deletion.",
    check,
    fires: &["git add -f .env", "git add .env.production config/", "git -C app add secrets/server.key"],
    passes: &["git add .env.example", "git add --all", "git add src/main.rs"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.is_sub(&["add"]) && !cmd.is_sub(&["stage"]) {
        return None;
    }
    let w = cmd.operands().find(|w| w.path == PathClass::Secret)?;
    Some(Hit::on(w).with_message(format!("`git add` stages the secret file `{}` for commit", w.text)))
}
