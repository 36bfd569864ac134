//! Predicates the privilege rules share: root shells, admin groups, sudoers
//! paths and setuid modes.

use std::borrow::Cow;

use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, written};

/// Wrappers that run their command with elevated privileges.
pub(super) const ELEVATORS: &[&str] =
    &["sudo", "doas", "pkexec", "run0", "runuser", "su", "sudoedit", "please", "calife", "gksudo", "gksu", "kdesu", "kdesudo", "sudo-rs"];

/// Programs that start a login shell besides shells themselves.
const LOGIN_PROGRAMS: &[&str] = &["su", "login"];

/// True when the command opens an interactive root shell: `su` without
/// `-c`, `sudo -i`/`-s` without a command, or `sudo su`/`sudo bash` with no script.
pub(super) fn is_root_shell(cmd: &Command, cx: &Context<'_>) -> bool {
    match cmd.name.as_str() {
        "su" => cmd.wraps.is_none() && !cmd.has_any_flag(&["-c", "--command", "-h", "--help", "-V", "--version"]),
        "sudo" | "doas" | "pkexec" | "run0" => {
            let Some(w) = &cmd.wraps else { return false };
            let Some(first) = w.inner.first().and_then(|i| cx.script.commands.get(*i)) else {
                return cmd.args.iter().any(|a| {
                    ["-i", "-s", "--login", "--shell"].contains(&a.text.as_str())
                        || a.text.starts_with('-') && !a.text.starts_with("--") && (a.text.contains('i') || a.text.contains('s'))
                }) || cmd.name == "run0" && cmd.args.iter().all(|a| a.text.starts_with('-'));
            };
            (crate::ir::is_shell(&first.name) || LOGIN_PROGRAMS.contains(&first.name.as_str()))
                && first.wraps.is_none()
                && first.argv.operands.iter().all(|o| o.text.starts_with('-') || o.text == "root")
                && first.stdin.is_none()
        }
        _ => false,
    }
}

/// Groups whose membership amounts to root.
pub(super) const ADMIN_GROUPS: &[&str] = &["sudo", "wheel", "admin", "root", "docker", "adm", "lxd", "libvirt", "disk", "shadow", "kvm", "sudoers"];

/// The admin group a user is added to, if any (`usermod -aG sudo`, `gpasswd -a u wheel`, `adduser u docker`).
pub(super) fn admin_group(cmd: &Command) -> Option<&Word> {
    let is_admin = |w: &&Word| w.text.split(',').any(|g| ADMIN_GROUPS.contains(&g.trim()));
    match cmd.name.as_str() {
        "usermod" | "useradd" => cmd.flag_values(&["-G", "--groups", "-g", "--gid", "-aG"]).find(is_admin),
        "gpasswd" => cmd.has_any_flag(&["-a", "--add", "-M", "--members"]).then(|| cmd.operands().find(is_admin)).flatten(),
        "adduser" | "addgroup" => (cmd.argv.operands.len() >= 2).then(|| cmd.argv.operands.last().filter(|w| is_admin(w))).flatten(),
        "dseditgroup" => cmd.has_flag("-a").then(|| cmd.operands().find(is_admin)).flatten(),
        _ => None,
    }
}

/// True for a path that configures who may become root (sudoers, doas, polkit).
pub(super) fn is_sudoers_path(abs: &str) -> bool {
    [
        "/etc/sudoers",
        "/private/etc/sudoers",
        "/usr/local/etc/sudoers",
        "/etc/doas.conf",
        "/etc/doas.d",
        "/usr/local/etc/doas.conf",
        "/etc/polkit-1/rules.d",
        "/etc/polkit-1/localauthority",
    ]
    .iter()
    .any(|p| abs == *p || abs.starts_with(&format!("{p}/")) || (p.ends_with("sudoers") && abs.starts_with(&format!("{p}.d"))))
}

/// The sudoers-like file the command writes, if any (redirects, tee, cp, sed -i, `visudo -f`).
pub(super) fn sudoers_written<'a>(cmd: &'a Command, cx: &Context<'_>) -> Option<Cow<'a, Word>> {
    if cmd.name == "visudo" && !cmd.has_any_flag(&["-c", "--check"]) {
        return Some(cmd.flag_value(&["-f", "--file"]).map_or_else(|| Cow::Owned(Word::literal("/etc/sudoers", cmd.span, PathClass::System)), Cow::Borrowed));
    }
    written(cmd, cx.env).into_iter().find(|w| is_sudoers_path(&abs_path(w, cmd, cx)))
}

/// True for a chmod mode that sets the setuid or setgid bit (`u+s`, `+s`, `4755`, `g=rxs`).
pub(super) fn sets_suid(mode: &str) -> bool {
    if mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) && mode.len() >= 4 {
        return u32::from_str_radix(mode, 8).is_ok_and(|m| m & 0o6000 != 0);
    }
    mode.split(',').any(|clause| clause.find(['+', '=']).is_some_and(|i| clause[i..].contains('s')))
}

/// The mode word of a chmod or install command.
pub(super) fn mode_word(cmd: &Command) -> Option<&Word> {
    match cmd.name.as_str() {
        "chmod" => cmd.operands().next().filter(|_| cmd.flag_value(&["--reference"]).is_none()),
        "install" | "ginstall" | "mkdir" => cmd.flag_value(&["-m", "--mode"]),
        _ => None,
    }
}

/// The files whose mode or owner the command changes (after the mode or owner operand).
pub(super) fn perm_targets(cmd: &Command) -> Vec<&Word> {
    match cmd.name.as_str() {
        "chmod" | "chown" | "chgrp" => cmd.operands().skip(usize::from(cmd.flag_value(&["--reference"]).is_none())).collect(),
        "chattr" | "setfacl" => cmd.operands().filter(|w| !w.text.starts_with(['+', '=', '-'])).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_sudoers_path, sets_suid};

    #[test]
    fn setuid_modes() {
        for m in ["u+s", "+s", "g+s", "a+xs", "u=rwxs,go=rx", "4755", "2755", "6711", "04755"] {
            assert!(sets_suid(m), "{m}");
        }
        for m in ["u-s", "755", "0644", "1777", "+x", "go-w", "o+t"] {
            assert!(!sets_suid(m), "{m}");
        }
    }

    #[test]
    fn sudoers_paths() {
        for p in ["/etc/sudoers", "/etc/sudoers.d/dev", "/etc/doas.conf", "/private/etc/sudoers"] {
            assert!(is_sudoers_path(p), "{p}");
        }
        for p in ["/etc/sudoers.bak", "/etc/hosts", "/home/dev/sudoers"] {
            assert!(!is_sudoers_path(p), "{p}");
        }
    }
}
