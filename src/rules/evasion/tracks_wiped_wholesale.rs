//! Wiping logs or auditing together with another cover-up in the same
//! command line: clearing history, disabling a second logger, or switching
//! off a defence (SELinux, the firewall, AppArmor).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA008",
    name: "tracks-covered-wholesale",
    category: Category::Evasion,
    decision: Decision::Deny,
    commands: &[],
    summary: "wipes logs and disables other records or defences in one go",
    why: "Erasing several kinds of record at once has no purpose but hiding what was done on the machine.",
    check,
    fires: &[
        "rm -rf /var/log/* && history -c",
        "unset HISTFILE; journalctl --vacuum-time=1s",
        "auditctl -D; rm -f /var/log/audit/audit.log",
        "setenforce 0; ufw disable; rm -rf /var/log/*",
        "sudo bash -c 'systemctl stop auditd; truncate -s0 /var/log/auth.log; history -c'",
    ],
    passes: &["rm -rf /var/log/*", "history -c", "journalctl --vacuum-time=2weeks", "rm -rf logs && history", "ufw disable"],
};

/// The other evasion checks this one combines.
fn wipes_records(cmd: &Command, cx: &Context<'_>) -> bool {
    [&super::system_logs_erased::RULE, &super::audit_disabled::RULE].iter().any(|r| applies(r, cmd, cx))
}

fn hides_history(cmd: &Command, cx: &Context<'_>) -> bool {
    [&super::history_disabled::RULE, &super::history_cleared::RULE].iter().any(|r| applies(r, cmd, cx))
}

fn applies(rule: &Rule, cmd: &Command, cx: &Context<'_>) -> bool {
    (rule.commands.is_empty() || rule.commands.contains(&cmd.name.as_str())) && (rule.check)(cmd, cx).is_some()
}

/// Switching off a security control (judged as sandbox escape on its own).
fn disables_defence(cmd: &Command) -> bool {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    match cmd.name.as_str() {
        "setenforce" => args.first().is_some_and(|a| *a == "0" || a.eq_ignore_ascii_case("permissive")),
        "ufw" => args.first() == Some(&"disable"),
        "iptables" | "ip6tables" => args.contains(&"-F") || args.contains(&"--flush"),
        "systemctl" | "service" => {
            args.iter().any(|a| matches!(*a, "stop" | "disable" | "mask"))
                && args.iter().any(|a| {
                    ["firewalld", "apparmor", "ufw", "selinux", "falcon-sensor", "clamav-daemon", "wazuh-agent", "osqueryd"]
                        .contains(&a.trim_end_matches(".service"))
                })
        }
        _ => false,
    }
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !wipes_records(cmd, cx) {
        return None;
    }
    let other = cx.script.commands.iter().filter(|c| c.id != cmd.id).find(|c| hides_history(c, cx) || disables_defence(c) || wipes_records(c, cx))?;
    Some(Hit::command().with_message(format!("erases records here and `{}` covers further tracks in the same command line", describe(other))))
}
