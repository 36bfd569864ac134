//! Any program or subcommand whose spec says it reaches into or out of
//! this machine interactively (`ssh`, `nc`, `socat`, `nmap`, `ngrok`).
//!
//! Inspects every command: the knowledge is in the program specs.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC009",
    name: "remote-access-effect",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[],
    summary: "opens a remote shell, connection or listener",
    why: "The program's job is to run commands elsewhere or open the machine to the network.",
    check,
    fires: &[
        "ssh host 'df -h'",
        "ssh me@host",
        "sudo ssh -p 2222 host uptime",
        "nc example.com 80",
        "ansible all -i hosts -m shell -a 'uptime'",
        "telnet 10.0.0.5",
        "nmap localhost",
    ],
    passes: &[
        "ssh-keygen -t ed25519",
        "ssh-add -l",
        "scp host:f .",
        "ssh -T git@github.com",
        "ssh -V",
        "nc -z localhost 5432",
        "nc -zv db 5432",
        "openssl s_client -connect example.com:443 </dev/null",
        "echo | openssl s_client -connect example.com:443 -servername example.com",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if harmless(cmd, cx) {
        return None;
    }
    effect_hit(cmd, Effect::RemoteAccess)
}

/// Uses of remote-access programs that reach nothing: `ssh -V`, `ssh -G
/// host` (print config), `ssh -T git@github.com` (forge auth check, no
/// shell), `nc -z localhost PORT` (is my service up).
fn harmless(cmd: &Command, cx: &Context<'_>) -> bool {
    let ops: Vec<&str> = cmd.operands().map(|w| w.text.as_str()).collect();
    match cmd.name.as_str() {
        "ssh" => {
            cmd.has_any_flag(&["-V", "-G", "-Q"])
                || cmd.has_flag("-T")
                    && ops.len() == 1
                    && ["github.com", "gitlab.com", "bitbucket.org", "ssh.dev.azure.com", "codeberg.org"]
                        .iter()
                        .any(|h| ops[0].ends_with(&format!("@{h}")) || ops[0] == *h)
        }
        "nc" | "ncat" | "netcat" | "nc.openbsd" | "nc.traditional" => {
            cmd.has_flag("-z")
                && ops.len() <= 2
                && ops.first().is_some_and(|h| crate::rules::shared::transfer::is_local_host(h) || !h.contains('.'))
                && ops.iter().skip(1).all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        }
        // A TLS handshake probe with nothing to send (`… </dev/null`, `echo | …`).
        "openssl" => match &cmd.stdin {
            Some(Input::File { path }) => path.path == PathClass::Special,
            Some(Input::HereString { .. }) => true,
            Some(Input::Pipe { from }) => cx.script.commands.get(*from).is_some_and(crate::rules::shared::transfer::prints_literal),
            _ => false,
        },
        _ => false,
    }
}
