//! Containers sharing the host's namespaces (`--pid=host`, `--net=host`, `--ipc=host`, ...).

use super::common::{ENGINES, starts_container};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC002",
    name: "host-namespace-container",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: ENGINES,
    summary: "starts a container in the host's namespaces",
    why: "A container in the host's process, network or user namespace can see and act on the host directly.",
    check,
    fires: &[
        "docker run --pid=host alpine ps aux",
        "docker run --net=host app",
        "docker run --network host app",
        "podman run --ipc host img",
        "sudo docker run --userns=host --uts=host img",
        "bash -c 'docker run --rm --pid host img'",
    ],
    passes: &["docker run --network mynet app", "docker run -p 8080:80 app", "docker network ls", "docker run --net=bridge app"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !starts_container(cmd) {
        return None;
    }
    let f = cmd.argv.flags.iter().find(|f| {
        ["--pid", "--net", "--network", "--ipc", "--uts", "--userns", "--cgroupns"].contains(&f.name.as_str())
            && f.value.as_ref().is_some_and(|v| v.text == "host")
    })?;
    Some(Hit { span: Some(f.span), message: Some(format!("`{}={}` shares the host's namespace with the container", f.name, "host")) })
}
