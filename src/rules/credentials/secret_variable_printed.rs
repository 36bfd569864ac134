//! A variable holding a secret (`$GITHUB_TOKEN`, `$OPENAI_API_KEY`) printed
//! to the terminal or into a tool that shows it.

use crate::rules::prelude::*;
use crate::rules::shared::secrets::{expanded_vars, secret_var_name};

pub(crate) static RULE: Rule = Rule {
    code: "CRD003",
    name: "secret-variable-printed",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["echo", "printf", "print", "printenv", "declare", "typeset", "export"],
    summary: "prints a variable that holds a secret",
    why: "The token's value lands in the agent's context and transcript.",
    check,
    fires: &[
        "echo $GITHUB_TOKEN",
        "echo \"key: ${OPENAI_API_KEY}\"",
        "printenv AWS_SECRET_ACCESS_KEY",
        "printf '%s\\n' \"$DB_PASSWORD\"",
        "bash -c 'echo $NPM_TOKEN'",
        "echo $ANTHROPIC_API_KEY | base64",
        "declare -p STRIPE_SECRET_KEY",
    ],
    passes: &[
        "echo $HOME",
        "echo ${#GITHUB_TOKEN}",
        "printenv PATH",
        "echo \"$DOCKER_PASSWORD\" | docker login -u me --password-stdin",
        "echo \"API_KEY=$API_KEY\" >> .env",
        "TOKEN=abc; echo $TOKEN",
        "echo $AWS_ACCESS_KEY_ID",
        "echo $KUBECONFIG_PATH",
        "export GH_TOKEN=$GITHUB_TOKEN",
        "declare -x API_KEY",
    ],
};

/// The word that expands a secret variable, wherever its output goes.
pub(crate) fn shows_secret_variable(cmd: &Command) -> Option<(&Word, String)> {
    if !RULE.commands.contains(&cmd.name.as_str()) {
        return None;
    }
    let by_name = match cmd.name.as_str() {
        "printenv" => true,
        // Without `-p` these set variables; they print nothing.
        "declare" | "typeset" | "export" if cmd.has_flag("-p") => true,
        "declare" | "typeset" | "export" => return None,
        _ => false,
    };
    for w in &cmd.args {
        if by_name {
            if !w.text.starts_with('-') && secret_var_name(&w.text) {
                return Some((w, w.text.clone()));
            }
            continue;
        }
        if let Some(v) = expanded_vars(&w.text).into_iter().find(|v| secret_var_name(v)) {
            return Some((w, v.to_string()));
        }
    }
    None
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let (w, var) = shows_secret_variable(cmd)?;
    if written_files(cmd).any(|f| f.path != PathClass::Special) {
        return None;
    }
    if let Some(next) = cmd.pipes_to.and_then(|i| cx.script.commands.get(i)) {
        let shows =
            ["cat", "base64", "xxd", "od", "hexdump", "tee", "less", "more", "head", "tail", "rev", "tr", "sed", "awk", "cut", "grep", "fold", "base32"];
        if !shows.contains(&next.name.as_str()) {
            return None;
        }
    }
    Some(Hit::on(w).with_message(format!("`{}` prints the secret variable `{var}`", cmd.name)))
}
