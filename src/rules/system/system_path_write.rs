//! Files written under system directories (`/etc`, `/usr`, `/opt`, `/var`, ...):
//! redirects, `tee`, `cp`, `install`, `ln -s` into `/usr/local/bin`, `sed -i`.

use super::network_config_change::is_net_file;
use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, written};

pub(crate) static RULE: Rule = Rule {
    code: "SYS009",
    name: "system-path-write",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "writes files in a system directory",
    why: "System files are shared by every program and user on the machine; changing them alters the machine, not the project.",
    check,
    fires: &[
        "sudo cp target/release/tool /usr/local/bin/",
        "sudo ln -sf $(pwd)/bin/tool /usr/local/bin/tool",
        "echo 'vm.swappiness=10' | sudo tee /etc/sysctl.d/99-swap.conf",
        "sudo sed -i 's/^#Port 22/Port 2222/' /etc/ssh/sshd_config",
        "sudo install -m 755 tool /usr/local/bin",
        "echo 'export X=1' > /etc/default/app",
        "sudo mkdir -p /opt/myapp",
        "sudo tar -xzf node.tar.gz -C /usr/local",
        "go build -o /usr/local/bin/tool .",
        "curl -fsSL https://x.example/gpg | sudo gpg --dearmor -o /usr/share/keyrings/x.gpg",
        "curl -Lo /usr/local/bin/kubectl https://dl.k8s.io/kubectl",
        "sudo mv tool /usr/bin/tool",
        "bash -c 'cat cfg > /etc/nginx/conf.d/app.conf'",
    ],
    passes: &[
        "cp a.txt /tmp/",
        "cat /etc/nginx/nginx.conf",
        "cp /etc/hosts ./hosts.copy",
        "ls /usr/local/bin",
        "cp target/release/tool ~/bin/",
        "echo x > /tmp/out",
        "echo x > /var/folders/q1/T/tmp.1",
        "tar -xzf x.tgz -C vendor",
    ],
};

/// Per-user scratch space under system directories (macOS `$TMPDIR`, the XDG runtime dir).
const SCRATCH: &[&str] = &["/var/folders/", "/private/var/folders/", "/run/user/"];

/// System files other families judge more precisely (sudoers and accounts: privilege; SELinux: sandbox escape).
const JUDGED_ELSEWHERE: &[&str] = &["/etc/sudoers", "/etc/doas", "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/selinux/", "/etc/polkit-1/"];

const SYSTEM_ROOTS: &[&str] = &["/etc/", "/usr/", "/opt/", "/var/", "/srv/", "/Library/", "/System/", "/boot/", "/lib/"];

/// Every command: any writer may target a system path.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let w = written(cmd, cx.env).into_iter().find(|w| {
        let abs = abs_path(w, cmd, cx);
        // Key files under system directories (`/etc/apt/keyrings/x.gpg`) are classed as secrets, but writing them is a system change.
        let system =
            matches!(w.path, PathClass::System | PathClass::SystemDir) || w.path == PathClass::Secret && SYSTEM_ROOTS.iter().any(|r| abs.starts_with(r));
        // A copy into a scratch root (`cp a.txt /tmp/`) writes files under it.
        let scratch_root = matches!(abs.trim_end_matches('/'), "/tmp" | "/var/tmp" | "/private/tmp" | "/dev/shm");
        system && !scratch_root && !is_net_file(&abs) && !SCRATCH.iter().chain(JUDGED_ELSEWHERE).any(|s| abs.starts_with(s))
    })?;
    Some(Hit::on(&w).with_message(format!("`{}` writes `{}`, a system path", cmd.name, w.text)))
}
