//! Printing infrastructure outputs raw: `terraform output -raw NAME` and
//! `-json` print values Terraform marks sensitive (passwords, keys), which
//! plain `terraform output` hides.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD016",
    name: "sensitive-output-printed",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["terraform", "tofu", "terragrunt", "pulumi", "docker", "podman", "docker-compose", "podman-compose"],
    summary: "prints infrastructure outputs or configuration including sensitive values",
    why: "Raw and JSON outputs include values marked sensitive, such as database passwords and keys.",
    check,
    fires: &[
        "terraform output -raw db_password",
        "tofu output -json",
        "pulumi stack output --show-secrets",
        "docker compose config",
        "docker-compose -f prod.yml config | grep -A3 environment",
    ],
    passes: &[
        "terraform output",
        "terraform plan",
        "pulumi stack output",
        "docker compose config --services",
        "docker compose config -q",
        "docker compose ps --services",
    ],
};

/// `compose config` options that print only names or nothing.
const NAMES_ONLY: &[&str] = &["--services", "--volumes", "--profiles", "--images", "--networks", "--hash", "-q", "--quiet", "--format"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if matches!(cmd.name.as_str(), "docker" | "podman" | "docker-compose" | "podman-compose") {
        // `docker compose config` prints the project with every `${VAR}` and env file resolved.
        let compose = cmd.name.ends_with("-compose") || cmd.args.first().is_some_and(|a| a.text == "compose");
        let config = cmd.args.iter().any(|a| a.text == "config");
        let names_only = cmd.args.iter().any(|a| NAMES_ONLY.contains(&a.text.as_str()));
        return (compose && config && !names_only)
            .then(|| Hit::command().with_message(format!("`{} compose config` prints the resolved configuration, interpolated secrets included", cmd.name)));
    }
    let output = cmd.args.iter().any(|a| a.text == "output");
    let raw = cmd.args.iter().any(|a| matches!(a.text.as_str(), "-raw" | "--raw" | "-json" | "--json" | "--show-secrets"));
    (output && raw).then(|| Hit::command().with_message(format!("`{} output` prints sensitive values in the clear", cmd.name)))
}
