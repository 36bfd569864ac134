//! A registry or remote login given its password as an argument
//! (`docker login -p`, `helm registry login --password`, `sshpass -p`),
//! where it shows in the process list, the transcript and shell history.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::opt_values;

pub(crate) static RULE: Rule = Rule {
    code: "CRD010",
    name: "password-on-command-line",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["docker", "podman", "nerdctl", "buildah", "skopeo", "helm", "oras", "crane", "sshpass", "regctl"],
    summary: "passes a password as a command-line argument",
    why: "Arguments are visible to every process on the machine and kept in logs and history.",
    check,
    fires: &[
        "docker login -u me -p hunter2 registry.example.com",
        "docker login --username me --password \"$REGISTRY_PASSWORD\" ghcr.io",
        "podman login -u me --password=s3cret quay.io",
        "helm registry login -u me --password pw registry.example.com",
        "helm repo add priv https://charts.example.com --username me --password pw",
        "sshpass -p hunter2 ssh me@host",
        "sudo docker login -u me -p pw",
    ],
    passes: &[
        "echo \"$PW\" | docker login -u me --password-stdin ghcr.io",
        "docker logout",
        "docker ps -a",
        "helm repo add bitnami https://charts.bitnami.com/bitnami",
        "sshpass -f pwfile ssh me@host",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let login = cmd.name == "sshpass" || cmd.args.iter().any(|a| a.text == "login" || a.text == "add" || a.text == "copy" || a.text == "inspect");
    if !login {
        return None;
    }
    let flags: &[&str] = if cmd.name == "sshpass" { &["-p"] } else { &["-p", "--password", "--creds", "--src-creds", "--dest-creds"] };
    let value = opt_values(cmd, flags).into_iter().next()?;
    if value.text.is_empty() || value.text == "-" || value.text.starts_with("--") {
        return None;
    }
    Some(Hit::on(&value).with_message(format!("`{}` gets its password on the command line", describe(cmd))))
}
