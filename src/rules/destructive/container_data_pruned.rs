//! Docker/Podman commands that delete volumes (and with them, databases and
//! other container data): `system prune --volumes`, `volume rm`, `volume prune`,
//! `compose down -v`.

use super::common::verbs;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES019",
    name: "container-volumes-deleted",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["docker", "podman", "nerdctl", "docker-compose", "podman-compose"],
    summary: "deletes container volumes or every unused image and container",
    why: "Volumes hold databases and other state that exist nowhere else; a full prune also deletes every stopped container.",
    check,
    fires: &[
        "sh -c 'docker volume prune -f'",
        "docker system prune -a --volumes -f",
        "docker system prune --all --force",
        "docker volume rm pgdata",
        "docker volume prune -f",
        "docker compose down -v",
        "docker-compose down --volumes",
        "sudo podman system prune -a",
        "docker rm --force $(docker ps --all --quiet)",
    ],
    passes: &[
        "docker ps",
        "docker compose -p web down --remove-orphans",
        "docker system prune -f",
        "docker image prune",
        "docker volume ls",
        "docker rm web",
        "docker system df",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let v = verbs(cmd);
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let has =
        |f: &[&str]| args.iter().any(|a| f.contains(a) || a.starts_with('-') && !a.starts_with("--") && f.iter().any(|x| x.len() == 2 && a.contains(&x[1..])));
    let what = match v.as_slice() {
        ["system", "prune", ..] if has(&["--volumes"]) => "`system prune --volumes` deletes every unused volume",
        ["system", "prune", ..] if has(&["-a", "--all"]) => "`system prune -a` deletes every stopped container and unused image",
        ["volume", "rm" | "remove" | "prune", ..] => "`volume rm` deletes volume data",
        ["compose", "down", ..] | ["down", ..] if has(&["-v", "--volumes"]) => "`compose down -v` deletes the project's volumes",
        ["rm", ..] if args.iter().any(|a| a.contains("$(") && a.contains("ps")) && has(&["-f", "--force"]) => "`rm -f $(… ps -aq)` deletes every container",
        _ => return None,
    };
    Some(Hit::command().with_message(format!("`{}` {what}", cmd.name).replacen("` `", " ", 1)))
}
