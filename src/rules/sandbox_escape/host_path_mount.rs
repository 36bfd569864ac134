//! Containers given sensitive host paths: `/`, `/etc`, the home directory,
//! credentials, the docker socket, `/proc`.

use super::common::{ENGINES, mount_source, risky_mount, starts_container};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC003",
    name: "host-path-mount",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: ENGINES,
    summary: "mounts a sensitive host path into a container",
    why: "A container with the host's root, home, credentials or docker socket mounted can read or change them freely.",
    check,
    fires: &[
        "docker run -v /:/host ubuntu chroot /host",
        "docker run -v /var/run/docker.sock:/var/run/docker.sock img",
        "docker run -v ~/.ssh:/root/.ssh:ro img",
        "docker run --volume $HOME:/home/me img",
        "docker run --mount type=bind,source=/etc,target=/etc2 img",
        "podman run -v /etc/shadow:/x img",
        "sudo docker run -it -v /proc:/host/proc img",
        "bash -c 'docker run -v /root:/r img'",
        "docker compose run --rm -v /:/host app sh",
    ],
    passes: &[
        "docker run -v $(pwd):/app node:20 npm test",
        "docker run -v \"$PWD\":/src -w /src img make",
        "docker run -v data:/var/lib/postgresql/data postgres",
        "docker run -v /etc/localtime:/etc/localtime:ro img",
        "docker run -v ~/.gitconfig:/root/.gitconfig:ro img",
        "docker run -v /tmp/cache:/cache img",
        "docker run --mount type=volume,source=db,target=/data img",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !starts_container(cmd) {
        return None;
    }
    cmd.argv.flags.iter().filter(|f| ["-v", "--volume", "--mount"].contains(&f.name.as_str())).find_map(|f| {
        let v = f.value.as_ref()?;
        let (host, ro) = mount_source(&f.name, &v.text)?;
        let why = risky_mount(&host, ro, cx.env)?;
        Some(Hit::on(v).with_message(format!("mounting `{host}` into the container {why}")))
    })
}
