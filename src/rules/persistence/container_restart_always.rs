//! A container started with a restart policy that brings it back after every
//! reboot (`--restart always`, `unless-stopped`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER008",
    name: "container-restart-always",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &["docker", "podman", "nerdctl"],
    summary: "starts a container that restarts with the machine",
    why: "A container with an always-restart policy keeps running after every reboot, long after the task.",
    check,
    fires: &[
        "docker run -d --restart always nginx",
        "docker run -d --restart=unless-stopped -p 80:80 app",
        "podman create --restart always img",
        "docker update --restart=always web",
        "sudo docker container run -d --restart always redis",
    ],
    passes: &["docker run --rm -it node:20 bash", "docker run -d --restart on-failure:3 app", "docker run -d --restart no app", "docker ps"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !(cmd.is_sub(&["run"]) || cmd.is_sub(&["create"]) || cmd.is_sub(&["update"]) || cmd.is_sub(&["container"])) {
        return None;
    }
    let policy = cmd.flag_value(&["--restart"]).filter(|v| v.text == "always" || v.text == "unless-stopped")?;
    Some(Hit::on(policy).with_message(format!("`{} --restart {}` restarts the container after every reboot", describe(cmd), policy.text)))
}
