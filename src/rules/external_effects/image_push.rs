//! Container images pushed to a registry (`docker push`, `buildx build --push`,
//! `skopeo copy … docker://`, `crane push`).

use crate::rules::prelude::*;
use crate::rules::shared::api::positionals;

pub(crate) static RULE: Rule = Rule {
    code: "EXT002",
    name: "image-push",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &["docker", "podman", "nerdctl", "docker-compose", "podman-compose", "buildah", "skopeo", "crane", "ko", "regctl", "oras"],
    summary: "pushes a container image to a registry",
    why: "A pushed image is visible to everyone who can pull from the registry and may be deployed automatically.",
    check,
    fires: &[
        "docker push ghcr.io/acme/app:1.2.0",
        "sudo docker image push registry.example.com/app",
        "podman push app:latest docker://quay.io/acme/app",
        "docker buildx build --platform linux/amd64,linux/arm64 -t acme/app:1 --push .",
        "docker build -t acme/app . --push",
        "docker compose push",
        "docker-compose push web",
        "docker manifest push acme/app:1",
        "buildah push app docker://registry/app",
        "skopeo copy oci:app docker://ghcr.io/acme/app:1",
        "crane push image.tar ghcr.io/acme/app",
        "bash -c 'docker push $IMAGE'",
    ],
    passes: &[
        "docker build -t app .",
        "docker pull nginx",
        "docker tag app acme/app:1",
        "docker images",
        "skopeo inspect docker://nginx",
        "docker buildx build --load -t app .",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let pos = positionals(cmd);
    let first = pos.first().copied().unwrap_or_default();
    let second = pos.get(1).copied().unwrap_or_default();
    let pushes = match cmd.name.as_str() {
        "docker" | "podman" | "nerdctl" => {
            first == "push"
                || (["image", "manifest", "compose"].contains(&first) && second == "push")
                || (["build", "buildx"].contains(&first)
                    && (cmd.has_flag("--push")
                        || cmd.flag_values(&["-o", "--output"]).any(|v| v.text.contains("type=registry") || v.text.contains("push=true"))))
        }
        "buildah" | "docker-compose" | "podman-compose" => first == "push",
        "skopeo" => ["copy", "sync"].contains(&first) && cmd.operands().last().is_some_and(|w| w.text.starts_with("docker://")),
        "crane" | "regctl" | "oras" => {
            ["push", "copy", "cp", "append", "mutate", "tag", "rebase"].contains(&first) || first == "image" && ["copy", "put"].contains(&second)
        }
        "ko" => ["build", "publish", "apply", "resolve"].contains(&first) && !cmd.has_any_flag(&["--local", "-L", "--push=false"]),
        _ => false,
    };
    pushes.then(|| {
        let image = cmd.operands().find(|w| w.text.contains('/') || w.text.contains(':')).map_or_else(String::new, |w| format!(" `{}`", w.text));
        Hit::command().with_message(format!("`{}` pushes an image{image} to a registry", describe(cmd)))
    })
}
