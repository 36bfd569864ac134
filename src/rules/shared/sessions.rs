//! What the remote-access rules share: which programs open raw network
//! connections, which are shells, and how far a pipeline carries data.

use crate::ir::{Command, Script};

/// Programs that open a raw TCP/UDP/TLS connection or listener.
pub(crate) const CONNECTORS: &[&str] =
    &["nc", "ncat", "netcat", "nc.openbsd", "nc.traditional", "pwncat", "cryptcat", "socat", "telnet", "websocat", "wscat", "sbd", "dbd", "powercat"];

/// True for a program that opens a raw connection (`openssl s_client` included).
pub(crate) fn is_connector(cmd: &Command) -> bool {
    CONNECTORS.contains(&cmd.name.as_str())
        || cmd.name == "openssl" && (cmd.subcommand() == Some("s_client") || cmd.args.first().is_some_and(|a| a.text == "s_client" || a.text == "s_server"))
}

/// True for a shell or interpreter that runs code it reads, interactively
/// or from stdin (not a `-c` string or a script file).
pub(crate) fn interactive_shell(cmd: &Command) -> bool {
    let shell = crate::ir::programs::runs_code(&cmd.name);
    shell && (cmd.executes_stdin || cmd.has_flag("-i") || cmd.args.iter().all(|a| a.text.starts_with('-')) && cmd.wraps.is_none())
}

/// Commands downstream of `cmd` in its pipeline (a few hops).
pub(crate) fn downstream<'a>(script: &'a Script, cmd: &Command) -> Vec<&'a Command> {
    let mut out = Vec::new();
    let mut next = cmd.pipes_to;
    while let Some(id) = next {
        let Some(c) = script.commands.get(id) else { break };
        if out.len() > 8 {
            break;
        }
        out.push(c);
        next = c.pipes_to;
        // A wrapper hands its output over to what it runs.
        if let Some(w) = &c.wraps {
            out.extend(w.inner.iter().filter_map(|i| script.commands.get(*i)));
        }
    }
    out
}

/// The command's redirections and those of the wrappers that run it
/// (`sudo bash -i >& /dev/tcp/…` keeps the redirection on `sudo`).
pub(crate) fn redirects_of<'a>(script: &'a Script, cmd: &'a Command) -> Vec<&'a crate::ir::Redirect> {
    let mut out: Vec<&crate::ir::Redirect> = cmd.redirects.iter().collect();
    let mut cur = cmd;
    for _ in 0..8 {
        let crate::ir::Origin::Wrapped { wrapper } = cur.origin else { break };
        let Some(w) = script.commands.get(wrapper) else { break };
        if w.wraps.as_ref().is_some_and(|k| matches!(k.kind, crate::ir::WrapperKind::Shell | crate::ir::WrapperKind::Eval)) {
            break;
        }
        out.extend(w.redirects.iter());
        cur = w;
    }
    out
}
