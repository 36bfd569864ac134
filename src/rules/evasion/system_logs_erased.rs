//! Erasing system logs: deleting, truncating or overwriting files under
//! `/var/log`, `journalctl --vacuum-*`/`--rotate`, `dmesg -c`, `log erase`.
//!
//! Inspects every command, because any command's output can be redirected
//! over a log file.

use crate::rules::prelude::*;
use crate::rules::shared::traces::is_system_log;

pub(crate) static RULE: Rule = Rule {
    code: "EVA003",
    name: "system-logs-erased",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "erases system logs",
    why: "System logs are the record of what happened on the machine; erasing them hides activity from the user and administrators.",
    check,
    fires: &[
        "rm -rf /var/log/*",
        "sudo rm /var/log/auth.log",
        "truncate -s 0 /var/log/syslog",
        ": > /var/log/wtmp",
        "sudo sh -c 'cat /dev/null > /var/log/messages'",
        "find /var/log -type f -delete",
        "find /var/log -name '*.log' -exec truncate -s0 {} \\;",
        "journalctl --vacuum-time=1s",
        "sudo journalctl --rotate --vacuum-size=1K",
        "shred -u /var/log/secure",
        "dmesg -C",
        "sudo log erase --all",
        "echo > /var/log/lastlog",
    ],
    passes: &[
        "tail -f /var/log/syslog",
        "journalctl -u nginx --since today",
        "rm -rf logs",
        "rm app.log",
        "grep error /var/log/nginx/error.log",
        "dmesg | tail",
        "journalctl --disk-usage",
    ],
};

const REMOVERS: &[&str] = &["rm", "grm", "unlink", "shred", "srm", "wipe", "truncate", "trash", "trash-put", "find", "gfind", "mv"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if let Some(r) = cmd.redirects.iter().find(|r| r.op == RedirectOp::Write && is_system_log(&r.target.text)) {
        return Some(Hit::on(&r.target).with_message(format!("`> {}` empties a system log", r.target.raw)));
    }
    let name = cmd.name.as_str();
    match name {
        "journalctl" => {
            let f = cmd.args.iter().find(|a| a.text.starts_with("--vacuum") || a.text == "--rotate")?;
            return Some(Hit::on(f).with_message(format!("`journalctl {}` deletes journal entries", f.text)));
        }
        "dmesg" => {
            let f = cmd.args.iter().find(|a| matches!(a.text.as_str(), "-c" | "-C" | "--clear" | "--read-clear"))?;
            return Some(Hit::on(f).with_message(format!("`dmesg {}` clears the kernel log", f.text)));
        }
        "log" => {
            return cmd.args.first().filter(|a| a.text == "erase").map(|a| Hit::on(a).with_message("`log erase` deletes the unified system log"));
        }
        "wevtutil" => {
            return cmd
                .args
                .first()
                .filter(|a| matches!(a.text.as_str(), "cl" | "clear-log"))
                .map(|a| Hit::on(a).with_message("`wevtutil cl` clears a Windows event log"));
        }
        _ => {}
    }
    if name == "find" || name == "gfind" {
        if !cmd.has_flag("-delete") {
            return None;
        }
    } else if !REMOVERS.contains(&name) && !matches!(name, "cp" | "ln") {
        return None;
    }
    let target = if matches!(name, "cp" | "ln") {
        let mut ops = cmd.operands();
        let src = ops.next()?;
        ops.last().filter(|w| is_system_log(&w.text) && matches!(src.text.as_str(), "/dev/null" | "/dev/zero"))
    } else {
        cmd.operands().find(|w| is_system_log(&w.text))
    }?;
    let verb = match name {
        "truncate" => "truncates",
        "shred" | "srm" | "wipe" => "shreds",
        "mv" => "moves away",
        _ => "deletes",
    };
    Some(Hit::on(target).with_message(format!("`{name} {}` {verb} system logs", target.raw)))
}
