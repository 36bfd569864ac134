//! A program riskgate has no spec for, aimed where only remote access goes:
//! a remote-desktop or remote-shell URL (`vnc://`, `rdp://`, `ssh://`,
//! `telnet://`), a target with a password in it (`user:secret@host`), a
//! whole network range (`10.0.0.0/24`, what scanners and sweeps take), or
//! every interface of this machine (`0.0.0.0`, `[::]`: a listener others can
//! reach). What the program does there is unknown; where it points is not.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC013",
    name: "unknown-program-remote-target",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is pointed at a remote desktop or shell, a network range, a password-bearing target, or every interface",
    why: "These targets only serve remote sessions, sweeps of other machines or listeners others can reach; without knowing the program, a person should confirm.",
    check,
    fires: &[
        "zorbview vnc://bob@example.com",
        "quillscan -ip 192.168.1.0/24",
        "tessa-exec corp.example/alice:Winter2024!@10.0.0.5 add key",
        "zorbd serve -p 9090 --host 0.0.0.0",
        "quillserve --bind=0.0.0.0:9000",
        "tessa rdp://admin@192.0.2.10",
    ],
    passes: &[
        "zorbview https://example.com/docs",
        "quillscan -ip 127.0.0.1",
        "tessa-exec alice@example.com",
        "zorbd daemon --host 127.0.0.1 -p 8080",
        "quillserve --bind localhost:9000",
        "ssh -L 8080:localhost:80 bob@example.com",
        "zorbctl resize 800x600 in.png out.png",
    ],
};

const REMOTE_SCHEMES: &[&str] = &["vnc", "rdp", "ssh", "telnet", "spice", "winrm", "smb", "x11"];

/// `a.b.c.d/n`: an IPv4 network range.
fn is_ipv4_range(t: &str) -> bool {
    let Some((ip, bits)) = t.split_once('/') else { return false };
    let octets: Vec<&str> = ip.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
        && !bits.is_empty()
        && bits.len() <= 2
        && bits.bytes().all(|b| b.is_ascii_digit())
}

/// `user:secret@host` (with or without a scheme or a domain prefix).
fn has_inline_password(t: &str) -> bool {
    let rest = t.split_once("://").map_or(t, |(_, r)| r);
    let Some((userinfo, host)) = rest.rsplit_once('@') else { return false };
    let user = userinfo.rsplit('/').next().unwrap_or(userinfo);
    let Some((name, secret)) = user.split_once(':') else { return false };
    !name.is_empty() && !secret.is_empty() && !host.is_empty() && !host.contains(':') && host.contains(['.'])
}

/// Every interface of this machine, as a bind address.
fn is_every_interface(t: &str) -> bool {
    let addr = t.split_once('=').map_or(t, |(_, v)| v);
    addr == "0.0.0.0" || addr.starts_with("0.0.0.0:") || addr == "::" || addr.starts_with("[::]")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !without_spec(cmd) {
        return None;
    }
    for w in cmd.args.iter().filter(|w| !w.dynamic) {
        let t = w.text.as_str();
        let scheme = t.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        let message = if scheme.as_deref().is_some_and(|s| REMOTE_SCHEMES.contains(&s)) {
            format!("`{}` opens a remote session at `{t}`", cmd.name)
        } else if has_inline_password(t) {
            format!("`{}` logs in to another host with a password written in the command", cmd.name)
        } else if is_ipv4_range(t) {
            format!("`{}` is aimed at the whole network `{t}`", cmd.name)
        } else if is_every_interface(t) {
            format!("`{}` binds to every interface (`{t}`), reachable from other machines", cmd.name)
        } else {
            continue;
        };
        return Some(Hit::on(w).with_message(message));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert!(is_ipv4_range("10.0.0.0/8"));
        assert!(!is_ipv4_range("src/10.0.0.0"));
        assert!(!is_ipv4_range("1.2.3/24"));
        assert!(has_inline_password("https://bob:pw@example.com/x"));
        assert!(!has_inline_password("git@github.com:org/repo.git"));
        assert!(!has_inline_password("bob@example.com"));
        assert!(is_every_interface("--host=0.0.0.0"));
        assert!(is_every_interface("0.0.0.0:8080"));
        assert!(!is_every_interface("10.0.0.0"));
    }
}
