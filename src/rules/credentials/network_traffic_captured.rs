//! Live packet capture (`tcpdump -i eth0`, `tshark`, `ngrep`, `httpry`,
//! `sngrep`): captured traffic holds other programs' and users' passwords,
//! cookies and tokens, and capturing needs elevated rights on the machine.
//! Reading a saved capture file (`tcpdump -r x.pcap`) passes.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD019",
    name: "network-traffic-captured",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[
        "tcpdump",
        "tshark",
        "dumpcap",
        "ngrep",
        "httpry",
        "sngrep",
        "tcpflow",
        "termshark",
        "justniffer",
        "dsniff",
        "urlsnarf",
        "tcpick",
        "netsniff-ng",
    ],
    summary: "captures live network traffic",
    why: "Traffic on the machine carries other programs' and users' passwords, cookies and tokens.",
    check,
    fires: &["tcpdump -i eth0 port 80", "sudo tshark -i any -f 'tcp port 5432'", "ngrep -q -W byline 'password' port 80", "httpry -d -o out.log", "sngrep"],
    passes: &["tcpdump -r capture.pcap -nn", "tshark -r trace.pcapng -Y http", "sngrep -I saved.pcap", "tcpdump --version", "tcpflow -r in.pcap -o flows"],
};

/// Options that read a saved capture instead of an interface.
const READS_FILE: &[&str] = &["-r", "--read-file", "-I", "--input"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let reads_file = cmd.args.iter().any(|a| READS_FILE.contains(&a.text.as_str()) || a.text.starts_with("--read-file="));
    let info_only = cmd.args.iter().any(|a| matches!(a.text.as_str(), "--version" | "--help" | "-h" | "-D" | "--list-interfaces" | "-L"));
    (!reads_file && !info_only).then(|| Hit::command().with_message(format!("`{}` captures live network traffic", cmd.name)))
}
