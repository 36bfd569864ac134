//! Writes into `/proc` or `/sys`: live kernel settings, other processes' memory.

use crate::rules::prelude::*;
use crate::rules::shared::changes::written;

pub(crate) static RULE: Rule = Rule {
    code: "ESC006",
    name: "kernel-interface-write",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &[],
    summary: "writes to a kernel interface under /proc or /sys",
    why: "Writes under /proc and /sys change the running kernel, its security settings or other processes directly.",
    check,
    fires: &[
        "echo 1 > /proc/sys/net/ipv4/ip_forward",
        "sudo sh -c 'echo 0 > /proc/sys/kernel/randomize_va_space'",
        "echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope",
        "echo c > /proc/sysrq-trigger",
        "echo 1 | sudo tee /sys/class/leds/input3::capslock/brightness",
        "echo '|/tmp/x' > /proc/sys/kernel/core_pattern",
        "dd if=payload of=/proc/1/mem",
    ],
    passes: &["cat /proc/cpuinfo", "cat /sys/class/net/eth0/address", "echo 3 > /tmp/x", "grep MemTotal /proc/meminfo"],
};

/// Every command: any writer may target /proc or /sys.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let target = written(cmd, cx.env).into_iter().find(|w| w.path == PathClass::Kernel)?;
    Some(Hit::on(&target).with_message(format!("`{}` writes `{}`, a live kernel interface", cmd.name, target.text)))
}
