//! The machine powered off, rebooted, halted or suspended.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS008",
    name: "shutdown-or-reboot",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[
        "shutdown",
        "reboot",
        "poweroff",
        "halt",
        "init",
        "telinit",
        "systemctl",
        "loginctl",
        "pmset",
        "shutdown.exe",
        "Restart-Computer",
        "Stop-Computer",
    ],
    summary: "powers off, reboots or suspends the machine",
    why: "Rebooting or powering off ends every running program and session on the machine.",
    check,
    fires: &[
        "sudo shutdown -h now",
        "shutdown -r +5",
        "sudo reboot",
        "poweroff",
        "halt -p",
        "sudo init 0",
        "telinit 6",
        "systemctl reboot",
        "sudo systemctl poweroff -i",
        "systemctl suspend",
        "loginctl reboot",
        "pmset sleepnow",
        "bash -c 'sleep 60 && sudo reboot'",
    ],
    passes: &["shutdown -c", "systemctl status", "init --version", "uptime", "last reboot", "pmset -g", "reboot --help"],
};

const POWER: &[&str] =
    &["reboot", "poweroff", "halt", "suspend", "hibernate", "hybrid-sleep", "suspend-then-hibernate", "kexec", "soft-reboot", "rescue", "emergency"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.has_any_flag(&["--help", "-h", "--version", "-V"]) && matches!(cmd.name.as_str(), "reboot" | "poweroff" | "halt" | "init") {
        return None;
    }
    let words: Vec<&str> = cmd.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
    let what = match cmd.name.as_str() {
        "shutdown" | "shutdown.exe" => (!cmd.has_any_flag(&["-c", "--help"])).then_some("shuts down or reboots the machine"),
        "reboot" | "Restart-Computer" => Some("reboots the machine"),
        "poweroff" | "halt" | "Stop-Computer" => Some("powers off the machine"),
        "init" | "telinit" => {
            words.first().is_some_and(|w| ["0", "6", "1", "s", "S"].contains(w)).then_some("switches the machine to halt, reboot or single-user mode")
        }
        "systemctl" | "loginctl" => {
            let sub = cmd.subcommand().or(words.first().copied()).unwrap_or_default();
            POWER.contains(&sub).then_some("powers off, reboots or suspends the machine")
        }
        "pmset" => words.first().is_some_and(|w| ["sleepnow", "displaysleepnow", "restoredefaults"].contains(w)).then_some("puts the machine to sleep"),
        _ => None,
    }?;
    Some(Hit::on(&cmd.program).with_message(format!("`{}` {what}", cmd.name)))
}
