//! Tools that share a terminal or desktop with remote parties, or start a
//! login server: `tmate`, `upterm`, `ttyd`, `gotty`, `x11vnc`, `sshd`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC010",
    name: "shared-terminal-session",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "tmate", "upterm", "ttyd", "gotty", "shellinaboxd", "wetty", "x11vnc", "vncserver", "tigervncserver", "Xvnc", "sshd",
        "dropbear", "anydesk", "teamviewer", "rustdesk", "sshx", "tty-share",
    ],
    summary: "shares a terminal or desktop, or starts a login server",
    why: "Remote parties get a live shell or screen on the user's machine.",
    check,
    fires: &["tmate", "tmate -S /tmp/t new-session -d", "upterm host", "ttyd -p 7681 bash", "gotty -w bash", "x11vnc -forever -nopw", "sudo /usr/sbin/sshd -p 2222", "sshx"],
    passes: &["tmate -V", "sshd -t", "ttyd --version"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let info = cmd.args.iter().any(|a| matches!(a.text.as_str(), "-V" | "--version" | "-v" | "-h" | "--help" | "-t" | "-T"));
    (!info).then(|| Hit::command().with_message(format!("`{}` gives remote parties a shell or screen on this machine", cmd.name)))
}
