//! Entering other namespaces or root directories: `nsenter`, `unshare`,
//! `chroot`, `pivot_root`, `systemd-nspawn`, `capsh`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC004",
    name: "namespace-escape",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &["nsenter", "unshare", "chroot", "pivot_root", "systemd-nspawn", "capsh", "lxc-attach", "machinectl", "switch_root"],
    summary: "enters other namespaces or another root directory",
    why: "Namespace and root switches are how code leaves a container or sandbox and reaches the host.",
    check,
    fires: &[
        "nsenter -t 1 -m -u -i -n -p sh",
        "sudo nsenter --target 1 --mount --pid bash",
        "unshare -r bash",
        "unshare --mount --map-root-user sh",
        "sudo chroot /mnt/sysroot /bin/bash",
        "systemd-nspawn -D /var/lib/machines/deb",
        "capsh --chroot=/host --",
        "bash -c 'chroot /host'",
        "machinectl shell root@box",
    ],
    passes: &["unshare --help", "machinectl list", "nsenter --version", "chrootkit", "ls /mnt/sysroot"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.args.iter().any(|a| ["--help", "-h", "--version", "-V"].contains(&a.text.as_str())) {
        return None;
    }
    if cmd.name == "machinectl" && !cmd.args.first().is_some_and(|a| ["shell", "login", "enable", "start"].contains(&a.text.as_str())) {
        return None;
    }
    if cmd.name == "capsh"
        && !cmd
            .args
            .iter()
            .any(|a| a.text.starts_with("--chroot") || a.text.starts_with("--user") || a.text.starts_with("--gid") || a.text.starts_with("--uid"))
    {
        return None;
    }
    let target = cmd.flag_values(&["-t", "--target"]).next().map_or_else(String::new, |t| format!(" (process {})", t.text));
    Some(Hit::on(&cmd.program).with_message(format!("`{}` switches namespaces or the root directory{target}", cmd.name)))
}
