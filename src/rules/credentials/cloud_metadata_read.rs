//! Requests to a cloud instance-metadata service (`169.254.169.254`,
//! `metadata.google.internal`, `fd00:ec2::254`), which hands out the
//! machine's cloud credentials to anything that asks.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD014",
    name: "cloud-metadata-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[],
    summary: "queries the cloud instance-metadata service, which serves the machine's credentials",
    why: "The metadata service returns temporary cloud credentials and instance secrets to any local process.",
    check,
    fires: &[
        "curl -s http://169.254.169.254/latest/meta-data/",
        "wget -qO- http://metadata.google.internal/computeMetadata/v1/",
        "bash -c 'curl http://169.254.169.254/'",
    ],
    passes: &["curl -s https://api.github.com", "ping 169.254.1.1"],
};

const HOSTS: &[&str] = &["169.254.169.254", "metadata.google.internal", "[fd00:ec2::254]", "169.254.170.2", "100.100.100.200"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let w = cmd.args.iter().find(|w| w.is_url() && HOSTS.iter().any(|h| w.text.split("://").nth(1).is_some_and(|rest| rest.starts_with(h))))?;
    Some(Hit::on(w).with_message(format!("`{}` asks the metadata service at `{}` for instance data and credentials", cmd.name, w.text)))
}
