//! Predicates the persistence rules share: what kind of start-up file a path
//! is, and whether text carries an SSH public key.

use crate::rules::prelude::*;
use crate::rules::shared::changes::abs_path;

const RC_NAMES: &[&str] = &[
    ".bashrc",
    ".bash_aliases",
    ".zsh_aliases",
    ".aliases",
    ".zshrc.local",
    ".bashrc.local",
    "Microsoft.PowerShell_profile.ps1",
    "profile.ps1",
    ".bash_profile",
    ".bash_login",
    ".bash_logout",
    ".profile",
    ".zshrc",
    ".zprofile",
    ".zshenv",
    ".zlogin",
    ".zlogout",
    ".kshrc",
    ".cshrc",
    ".tcshrc",
    ".xinitrc",
    ".xprofile",
    ".xsession",
    ".pam_environment",
    "config.fish",
];

/// When a file at this path runs, for messages; `None` when it is not a start-up file.
pub(super) fn startup_kind(w: &Word, cmd: &Command, cx: &Context<'_>) -> Option<&'static str> {
    let abs = abs_path(w, cmd, cx);
    let base = abs.rsplit('/').next().unwrap_or_default();
    let kind = if base.starts_with("authorized_keys") {
        "lets the keys it lists log in over SSH"
    } else if abs.contains("cron") {
        "runs on a schedule"
    } else if abs.contains("/systemd/") || abs.contains("/init.d/") || abs.ends_with("/rc.local") || abs.contains("/Launch") {
        "starts as a service"
    } else if abs.contains("/.git/hooks") || abs.contains("/.husky/") || abs.ends_with("/.git/config") {
        "runs on git operations"
    } else if abs.contains("/autostart/") || abs.ends_with("/autostart") || abs.contains("/update-motd.d") || abs.contains("/.config/environment.d") {
        "runs at login"
    } else if RC_NAMES.contains(&base)
        || abs.starts_with("/etc/profile")
        || abs.contains("bashrc")
        || abs.starts_with("/etc/zsh")
        || abs == "/etc/environment"
        || abs.contains("/.config/fish")
    {
        "runs in every new shell"
    } else if abs.contains("/site-packages/") && (base.ends_with(".pth") || base == "sitecustomize.py" || base == "usercustomize.py") {
        "runs every time Python starts"
    } else if abs.contains("/.oh-my-zsh/custom/") {
        "runs in every new shell"
    } else if abs == "/etc/ld.so.preload" {
        "is loaded into every program"
    } else if w.path == PathClass::Startup {
        "is read every time a program starts"
    } else {
        return None;
    };
    Some(kind)
}

/// True for a start-up file other than `authorized_keys` (those have their own rules).
pub(super) fn is_authorized_keys(w: &Word, cmd: &Command, cx: &Context<'_>) -> bool {
    let abs = abs_path(w, cmd, cx);
    abs.rsplit('/').next().is_some_and(|b| b.starts_with("authorized_keys"))
}

/// True when the text holds an SSH public key.
pub(super) fn has_public_key(text: &str) -> bool {
    ["ssh-rsa AAAA", "ssh-ed25519 AAAA", "ssh-dss AAAA", "ecdsa-sha2-nistp", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2"].iter().any(|k| text.contains(k))
}
