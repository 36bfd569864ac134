//! Switching off auditing or system logging: `auditctl -D`/`-e 0`, stopping
//! or disabling `auditd`, `rsyslog`, `systemd-journald`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA004",
    name: "audit-logging-disabled",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &["auditctl", "systemctl", "service", "chkconfig", "update-rc.d", "pkill", "killall", "launchctl", "rc-service", "rc-update"],
    summary: "turns off auditing or system logging",
    why: "Without the audit and log daemons, nothing records what happens next on the machine.",
    check,
    fires: &[
        "bash -c 'systemctl stop auditd'",
        "auditctl -D",
        "sudo auditctl -e 0",
        "systemctl stop auditd",
        "sudo systemctl disable --now rsyslog",
        "systemctl mask systemd-journald",
        "service auditd stop",
        "sudo pkill auditd",
        "chkconfig auditd off",
        "sudo launchctl unload /System/Library/LaunchDaemons/com.apple.syslogd.plist",
    ],
    passes: &["auditctl -l", "systemctl status auditd", "systemctl restart nginx", "service rsyslog status", "systemctl stop myapp", "auditctl -e 1"],
};

const LOGGERS: &[&str] = &[
    "auditd",
    "rsyslog",
    "syslog",
    "syslog-ng",
    "systemd-journald",
    "journald",
    "auditbeat",
    "osqueryd",
    "falco",
    "wazuh-agent",
    "ossec",
    "syslogd",
    "com.apple.syslogd",
    "com.apple.auditd",
];

fn names_logger(text: &str) -> bool {
    let base = text.rsplit('/').next().unwrap_or(text).trim_end_matches(".service").trim_end_matches(".socket").trim_end_matches(".plist");
    LOGGERS.contains(&base)
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let message = match cmd.name.as_str() {
        "auditctl" => {
            if args.contains(&"-D") {
                "`auditctl -D` deletes every audit rule".to_string()
            } else if args.windows(2).any(|p| p[0] == "-e" && p[1] == "0") || args.contains(&"-e0") {
                "`auditctl -e 0` disables auditing".to_string()
            } else {
                return None;
            }
        }
        _ => {
            let stops = args.iter().any(|a| matches!(*a, "stop" | "disable" | "mask" | "kill" | "off" | "unload" | "bootout" | "remove" | "del"));
            let logger = args.iter().find(|a| names_logger(a))?;
            let killer = matches!(cmd.name.as_str(), "pkill" | "killall");
            if !stops && !killer {
                return None;
            }
            format!("`{}` stops the `{logger}` logging service", cmd.name)
        }
    };
    Some(Hit::command().with_message(message))
}
