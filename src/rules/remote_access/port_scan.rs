//! Network and port scanning: `nmap`, `masscan`, `zmap`, `rustscan`,
//! `naabu`, `nc -z` over a port range, and `/dev/tcp` probes in a loop.
//!
//! Inspects every command: a `/dev/tcp/HOST/$port` probe can hang off any program.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC007",
    name: "port-scan",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[],
    summary: "scans hosts or ports",
    why: "Scanning maps other machines for attack and is often forbidden on the network the machine sits on.",
    check,
    fires: &[
        "nmap -sV 10.0.0.0/24",
        "sudo nmap -p- localhost",
        "masscan -p1-65535 10.0.0.0/8 --rate 1000",
        "rustscan -a 10.0.0.5",
        "nc -zv 10.0.0.5 1-1024",
        "nc -z -w1 host.example.com 20-30",
        "for p in $(seq 1 1024); do (echo > /dev/tcp/10.0.0.5/$p) 2>/dev/null && echo $p; done",
        "naabu -host example.com",
        "arp-scan --localnet",
    ],
    passes: &["nc -z localhost 5432", "nc -zv db 5432", "ping -c1 example.com", "echo > /dev/tcp/127.0.0.1/8080"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let scanner = matches!(
        cmd.name.as_str(),
        "nmap" | "masscan" | "zmap" | "rustscan" | "naabu" | "unicornscan" | "arp-scan" | "netdiscover" | "fping" | "nbtscan" | "zgrab" | "zgrab2"
    ) || cmd.name == "hping3" && cmd.has_any_flag(&["--scan", "-8"]);
    if scanner && !cmd.args.iter().any(|a| matches!(a.text.as_str(), "--version" | "-V" | "--help" | "-h")) {
        return Some(Hit::command().with_message(format!("`{}` scans the network", cmd.name)));
    }
    if matches!(cmd.name.as_str(), "nc" | "ncat" | "netcat" | "nc.openbsd" | "nc.traditional") && cmd.has_flag("-z") {
        let range = cmd.operands().skip(1).any(|w| w.text.contains('-') || w.text.contains(',') || w.glob) || cmd.operands().count() > 3;
        return range.then(|| Hit::command().with_message(format!("`{}` probes a range of ports", cmd.name)));
    }
    let probe = cmd
        .redirects
        .iter()
        .find(|r| r.target.path == PathClass::NetSocket && r.target.dynamic && r.target.text.rsplit('/').next().is_some_and(|p| p.starts_with('$')))?;
    Some(Hit::on(&probe.target).with_message(format!("probes ports with `{}`", probe.target.text)))
}
