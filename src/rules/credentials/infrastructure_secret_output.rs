//! Printing infrastructure outputs raw: `terraform output -raw NAME` and
//! `-json` print values Terraform marks sensitive (passwords, keys), which
//! plain `terraform output` hides.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD016",
    name: "sensitive-output-printed",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["terraform", "tofu", "terragrunt", "pulumi"],
    summary: "prints infrastructure outputs including sensitive values",
    why: "Raw and JSON outputs include values marked sensitive, such as database passwords and keys.",
    check,
    fires: &["terraform output -raw db_password", "tofu output -json", "pulumi stack output --show-secrets"],
    passes: &["terraform output", "terraform plan", "pulumi stack output"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let output = cmd.args.iter().any(|a| a.text == "output");
    let raw = cmd.args.iter().any(|a| matches!(a.text.as_str(), "-raw" | "--raw" | "-json" | "--json" | "--show-secrets"));
    (output && raw).then(|| Hit::command().with_message(format!("`{} output` prints sensitive values in the clear", cmd.name)))
}
