//! Containers started with the protections switched off: `--privileged`,
//! dangerous `--cap-add`, unconfined `--security-opt`, host `--device`s.

use super::common::starts_container;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC001",
    name: "privileged-container",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &["docker", "podman", "nerdctl", "lxc", "incus", "curl"],
    summary: "starts a container without its isolation",
    why: "A privileged or unconfined container can take over the host kernel, devices and filesystems.",
    check,
    fires: &[
        "docker run --privileged -it ubuntu bash",
        "sudo docker run --rm --cap-add=SYS_ADMIN alpine sh",
        "docker run --cap-add ALL img",
        "podman run --security-opt seccomp=unconfined img",
        "docker run --security-opt apparmor=unconfined --security-opt label=disable img",
        "docker container run --device /dev/sda:/dev/xvda img",
        "docker exec --privileged web sh",
        "docker compose exec --privileged web sh",
        "bash -c 'docker create --privileged img'",
        "nerdctl run --cap-add SYS_PTRACE img",
        "lxc config set box security.privileged true",
        "curl --unix-socket /var/run/docker.sock -X POST -H 'Content-Type: application/json' -d '{\"Image\":\"alpine\",\"HostConfig\":{\"Privileged\":true}}' http://localhost/containers/create",
        "lxc config device add box host disk source=/ path=/mnt/root recursive=true",
    ],
    passes: &[
        "docker run --rm -it node:20 bash",
        "docker run --cap-drop ALL img",
        "docker run --security-opt no-new-privileges img",
        "docker build -t app .",
        "docker ps --privileged",
        "curl --unix-socket /var/run/docker.sock http://localhost/containers/json",
    ],
};

const DANGEROUS_CAPS: &[&str] = &[
    "ALL",
    "SYS_ADMIN",
    "SYS_PTRACE",
    "SYS_MODULE",
    "DAC_READ_SEARCH",
    "DAC_OVERRIDE",
    "SYS_RAWIO",
    "NET_ADMIN",
    "BPF",
    "PERFMON",
    "SYS_BOOT",
    "MAC_ADMIN",
    "SETFCAP",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "curl" {
        // The engine API over its socket: a container created with host access.
        let socket = cmd.flag_value(&["--unix-socket"]).filter(|s| s.text.ends_with("docker.sock") || s.text.ends_with("podman.sock"))?;
        let body = cmd.args.iter().any(|a| a.text.contains("\"Privileged\":true") || a.text.contains("\"Binds\"") || a.text.contains("\"PidMode\":\"host\""));
        return body.then(|| Hit::on(socket).with_message("`curl --unix-socket` asks the container engine for a container with host access"));
    }
    if matches!(cmd.name.as_str(), "lxc" | "incus") {
        let words: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
        let privileged = words.windows(2).any(|w| w[0] == "security.privileged" && w[1] == "true") || words.contains(&"security.privileged=true");
        let host_root = words.contains(&"disk") && words.iter().any(|w| *w == "source=/" || *w == "source=/etc" || *w == "source=/root");
        return (privileged || host_root).then(|| Hit::command().with_message(format!("`{}` gives a container privileged access to the host", cmd.name)));
    }
    if !starts_container(cmd) {
        return None;
    }
    if let Some(f) = cmd.argv.flags.iter().find(|f| f.name == "--privileged" && f.value.as_ref().is_none_or(|v| v.text != "false")) {
        return Some(Hit { span: Some(f.span), message: Some(format!("`{} --privileged` gives the container full access to the host", describe(cmd))) });
    }
    if let Some(cap) = cmd
        .flag_values(&["--cap-add"])
        .find(|v| v.text.split(',').any(|c| DANGEROUS_CAPS.contains(&c.trim().trim_start_matches("CAP_").to_ascii_uppercase().as_str())))
    {
        return Some(Hit::on(cap).with_message(format!("`--cap-add {}` gives the container a capability that reaches the host", cap.text)));
    }
    if let Some(opt) = cmd.flag_values(&["--security-opt"]).find(|v| {
        let t = v.text.replace(':', "=");
        ["seccomp=unconfined", "apparmor=unconfined", "label=disable", "systempaths=unconfined", "label=type:spc_t", "seccomp=unconfined"]
            .iter()
            .any(|o| t.starts_with(o))
    }) {
        return Some(Hit::on(opt).with_message(format!("`--security-opt {}` switches off the container's confinement", opt.text)));
    }
    let dev = cmd.flag_values(&["--device"]).next()?;
    Some(Hit::on(dev).with_message(format!("`--device {}` passes a host device into the container", dev.text)))
}
