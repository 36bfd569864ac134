//! Files written under system directories (`/etc`, `/usr`, `/opt`, `/var`, ...):
//! redirects, `tee`, `cp`, `install`, `ln -s` into `/usr/local/bin`, `sed -i`.

use super::common::{abs_path, written};
use super::network_config_change::is_net_file;
use crate::rules::prelude::*;

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
        "curl -Lo /usr/local/bin/kubectl https://dl.k8s.io/kubectl",
        "sudo mv tool /usr/bin/tool",
        "bash -c 'cat cfg > /etc/nginx/conf.d/app.conf'",
    ],
    passes: &[
        "cat /etc/nginx/nginx.conf",
        "cp /etc/hosts ./hosts.copy",
        "ls /usr/local/bin",
        "cp target/release/tool ~/bin/",
        "echo x > /tmp/out",
        "tar -xzf x.tgz -C vendor",
    ],
};

/// Every command: any writer may target a system path.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let w = written(cmd, cx.env).into_iter().find(|w| matches!(w.path, PathClass::System | PathClass::SystemDir) && !is_net_file(&abs_path(w, cx.env)))?;
    Some(Hit::on(&w).with_message(format!("`{}` writes `{}`, a system path", cmd.name, w.text)))
}
