//! Tools that share a terminal or desktop with remote parties, or start a
//! login server (`tmate`, `upterm`, `ttyd`, `gotty`, `x11vnc`, `sshd`), or open a shell on a remote X display (`xterm -display HOST:N`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC010",
    name: "shared-terminal-session",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "tmate",
        "upterm",
        "ttyd",
        "gotty",
        "shellinaboxd",
        "wetty",
        "x11vnc",
        "vncserver",
        "tigervncserver",
        "Xvnc",
        "sshd",
        "dropbear",
        "anydesk",
        "teamviewer",
        "rustdesk",
        "sshx",
        "tty-share",
        "xterm",
    ],
    summary: "shares a terminal or desktop, or starts a login server",
    why: "Remote parties get a live shell or screen on the user's machine.",
    check,
    fires: &[
        "tmate",
        "tmate -S /tmp/t new-session -d",
        "upterm host",
        "ttyd -p 7681 bash",
        "gotty -w bash",
        "x11vnc -forever -nopw",
        "sudo /usr/sbin/sshd -p 2222",
        "sshx",
        "xterm -display 10.0.0.1:1",
    ],
    passes: &["tmate -V", "sshd -t", "ttyd --version", "xterm -display :0", "xterm"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "xterm" {
        // `xterm -display HOST:N` opens a shell on someone else's X server.
        let display = cmd.args.windows(2).find(|p| p[0].text == "-display").map(|p| p[1].text.as_str())?;
        let host = display.rsplit_once(':').map_or("", |(h, _)| h);
        return (!host.is_empty() && !crate::rules::shared::transfer::is_local_host(host) && host != "unix")
            .then(|| Hit::command().with_message(format!("`xterm` opens a shell on the remote display `{display}`")));
    }
    let info = cmd.args.iter().any(|a| matches!(a.text.as_str(), "-V" | "--version" | "-v" | "-h" | "--help" | "-t" | "-T"));
    (!info).then(|| Hit::command().with_message(format!("`{}` gives remote parties a shell or screen on this machine", cmd.name)))
}
