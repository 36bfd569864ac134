//! Security controls switched off: SELinux, AppArmor, firewalls, Gatekeeper,
//! SIP, auditing, kernel hardening.

use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, written};

pub(crate) static RULE: Rule = Rule {
    code: "ESC009",
    name: "security-control-disabled",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &[],
    summary: "switches off a security control of the machine",
    why: "SELinux, AppArmor, firewalls and similar controls are what contain a compromised or misbehaving program.",
    check,
    fires: &[
        "sudo sh -c 'setenforce 0'",
        "setenforce Permissive",
        "sudo ufw --force disable",
        "ufw --force reset",
        "sudo iptables -F",
        "iptables -P INPUT ACCEPT",
        "ip6tables --flush",
        "nft flush ruleset",
        "sudo systemctl stop firewalld",
        "systemctl disable --now apparmor",
        "sudo service auditd stop",
        "sudo aa-teardown",
        "sudo spctl --master-disable",
        "csrutil disable",
        "sudo semanage permissive -a httpd_t",
        "sudo sed -i 's/SELINUX=enforcing/SELINUX=disabled/' /etc/selinux/config",
        "sudo sysctl -w kernel.randomize_va_space=0",
        "auditctl -e 0",
        "sudo pfctl -d",
        "bash -c 'systemctl mask ufw'",
    ],
    passes: &[
        "getenforce",
        "sestatus",
        "sudo ufw status",
        "sudo ufw allow 22/tcp",
        "iptables -L -n",
        "sudo iptables -A INPUT -p tcp --dport 22 -j ACCEPT",
        "systemctl status firewalld",
        "sysctl kernel.randomize_va_space",
        "spctl --status",
        "csrutil status",
        "sudo systemctl restart nginx",
    ],
};

const SECURITY_UNITS: &[&str] = &[
    "firewalld",
    "ufw",
    "apparmor",
    "auditd",
    "selinux",
    "fail2ban",
    "clamav-daemon",
    "clamav-freshclam",
    "nftables",
    "iptables",
    "ip6tables",
    "netfilter-persistent",
    "falcon-sensor",
    "osqueryd",
    "wazuh-agent",
    "crowdstrike",
    "sentinelone",
    "mdatp",
    "csf",
    "lfd",
    "aide",
    "snort",
    "suricata",
];

const WEAKENING_SYSCTLS: &[&str] = &[
    "kernel.randomize_va_space=0",
    "kernel.yama.ptrace_scope=0",
    "kernel.kptr_restrict=0",
    "kernel.dmesg_restrict=0",
    "fs.protected_symlinks=0",
    "fs.protected_hardlinks=0",
    "fs.protected_regular=0",
    "kernel.perf_event_paranoid=-1",
    "kernel.unprivileged_bpf_disabled=0",
    "fs.suid_dumpable=2",
];

fn unit_name(w: &Word) -> &str {
    w.text.trim_end_matches(".service")
}

/// What is switched off, if the command weakens a security control.
fn weakened(cmd: &Command, cx: &Context<'_>) -> Option<String> {
    let ops: Vec<&str> = cmd.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
    let first = ops.first().copied().unwrap_or_default();
    let found = match cmd.name.as_str() {
        "setenforce" => (first == "0" || first.eq_ignore_ascii_case("permissive")).then(|| "SELinux enforcement".to_string()),
        "ufw" => (first == "disable" || first == "reset" || ops.starts_with(&["default", "allow"])).then(|| "the ufw firewall".to_string()),
        "iptables" | "ip6tables" | "iptables-legacy" | "iptables-nft" => {
            let flush = cmd.has_any_flag(&["-F", "--flush", "-X", "--delete-chain"]);
            let open = cmd.has_any_flag(&["-P", "--policy"]) && cmd.operands().any(|w| w.text == "ACCEPT");
            (flush || open).then(|| "the firewall rules".to_string())
        }
        "nft" => (ops.windows(2).any(|w| w == ["flush", "ruleset"] || w == ["delete", "table"])).then(|| "the nftables firewall".to_string()),
        "firewall-cmd" => cmd.args.iter().any(|a| a.text == "--set-default-zone=trusted").then(|| "firewalld".to_string()),
        "systemctl" => (cmd.is_sub(&["stop"]) || cmd.is_sub(&["disable"]) || cmd.is_sub(&["mask"]) || cmd.is_sub(&["kill"]))
            .then(|| cmd.operands().find(|w| SECURITY_UNITS.contains(&unit_name(w))).map(|w| format!("the `{}` service", unit_name(w))))
            .flatten(),
        "service" | "rc-service" => {
            (ops.get(1).is_some_and(|a| ["stop", "disable"].contains(a)) && SECURITY_UNITS.contains(&first)).then(|| format!("the `{first}` service"))
        }
        "aa-teardown" | "aa-disable" | "aa-complain" => Some("AppArmor confinement".to_string()),
        "apparmor_parser" => cmd.has_any_flag(&["-R", "--remove"]).then(|| "an AppArmor profile".to_string()),
        "spctl" => cmd.has_any_flag(&["--master-disable", "--global-disable"]).then(|| "Gatekeeper".to_string()),
        "csrutil" => (first == "disable").then(|| "System Integrity Protection".to_string()),
        "semanage" => (first == "permissive" && cmd.has_any_flag(&["-a", "--add"])).then(|| "SELinux for a domain (permissive)".to_string()),
        "auditctl" => (cmd.args.windows(2).any(|w| w[0].text == "-e" && w[1].text == "0") || cmd.has_flag("-D")).then(|| "kernel auditing".to_string()),
        "pfctl" => cmd.has_flag("-d").then(|| "the pf firewall".to_string()),
        "socketfilterfw" => {
            cmd.args.windows(2).any(|w| w[0].text == "--setglobalstate" && w[1].text == "off").then(|| "the macOS application firewall".to_string())
        }
        "netsh" => (ops.contains(&"advfirewall") && ops.contains(&"off")).then(|| "the Windows firewall".to_string()),
        "sysctl" => cmd.args.iter().find(|a| WEAKENING_SYSCTLS.contains(&a.text.replace(' ', "").as_str())).map(|a| format!("kernel hardening (`{}`)", a.text)),
        _ => None,
    };
    found.or_else(|| {
        written(cmd, cx.env).into_iter().find(|w| abs_path(w, cmd, cx).starts_with("/etc/selinux")).map(|w| format!("SELinux through `{}`", w.text))
    })
}

/// Every command: SELinux configuration can be rewritten by any writer.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let what = weakened(cmd, cx)?;
    Some(Hit::command().with_message(format!("`{}` switches off {what}", describe(cmd))))
}
