//! Well-known offensive-security programs, keyed by name: credential
//! dumpers and remote-execution kits (deny), and scanners, brute-forcers
//! and recon tools (ask). A software task does not need them on a
//! developer's machine; an agent steered by an injection might.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RAC011",
    name: "offensive-tool-run",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[],
    summary: "runs a network attack, scanning or brute-force tool",
    why: "Scanning, brute-forcing and exploiting other hosts reaches systems the user may not own.",
    check,
    fires: &[
        "sqlmap -u 'https://x.example/?id=1'",
        "gobuster dir -u https://x.example -w words.txt",
        "hydra -l admin -P pw.txt ssh://10.0.0.5",
        "nuclei -u https://x.example",
    ],
    passes: &["grep -r hydra docs/", "pip install requests", "nmap-parser report.xml"],
};

/// Scanners, brute-forcers, recon and exploitation frameworks.
pub(super) const ATTACK_TOOLS: &[&str] = &[
    "sqlmap",
    "hydra",
    "medusa",
    "ncrack",
    "patator",
    "gobuster",
    "ffuf",
    "feroxbuster",
    "dirb",
    "dirsearch",
    "wfuzz",
    "nikto",
    "wpscan",
    "nuclei",
    "subfinder",
    "amass",
    "assetfinder",
    "httpx",
    "naabu",
    "dnsrecon",
    "dnsenum",
    "dnswalk",
    "fierce",
    "theharvester",
    "theHarvester",
    "recon-ng",
    "sherlock",
    "holehe",
    "arjun",
    "x8",
    "responder",
    "bettercap",
    "ettercap",
    "aircrack-ng",
    "aireplay-ng",
    "airodump-ng",
    "mdk3",
    "mdk4",
    "reaver",
    "wifite",
    "kerbrute",
    "enum4linux",
    "enum4linux-ng",
    "ldapdomaindump",
    "bloodhound-python",
    "evil-winrm",
    "msfconsole",
    "msfvenom",
    "searchsploit",
    "zmap",
    "rustscan",
    "unicornscan",
    "hping3",
    "scapy",
    "commix",
    "xsstrike",
    "dalfox",
    "ghauri",
    "crlfuzz",
    "smbmap",
    "rpcclient",
    "snmpwalk",
    "onesixtyone",
    "cewl",
    "hashcat",
    "john",
    "ophcrack",
    "vegeta",
    "slowloris",
    "siege",
    "goldeneye",
    "wpa_supplicant-attack",
];

fn base(name: &str) -> &str {
    let n = name.strip_suffix(".py").unwrap_or(name);
    n.strip_prefix("impacket-").unwrap_or(n)
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let name = base(&cmd.name);
    ATTACK_TOOLS.contains(&name).then(|| Hit::command().with_message(format!("`{}` is a network attack or scanning tool", cmd.name)))
}
