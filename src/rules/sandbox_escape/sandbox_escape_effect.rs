//! Any other program or subcommand whose spec says it breaks containment.

use crate::rules::prelude::*;
use crate::rules::shared::changes::{asks_info_only, explained_by, is_dry_run};

pub(crate) static RULE: Rule = Rule {
    code: "ESC011",
    name: "sandbox-escape-effect",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &[],
    summary: "changes containment or security settings of the machine",
    why: "Containment and security settings are what keep a program from reaching the rest of the machine.",
    check,
    fires: &[
        "riskgate uninstall --agent claude",
        "sudo ufw allow 22/tcp",
        "sudo firewall-cmd --add-port=8080/tcp",
        "sudo iptables -A INPUT -p tcp --dport 8080 -j ACCEPT",
    ],
    passes: &["riskgate check 'ls'", "sudo ufw status", "iptables -L", "getenforce"],
};

/// Every command: the effect comes from its spec; silent for dry runs, version or help requests, and when another sandbox-escape rule already explains it.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_dry_run(cmd) || asks_info_only(cmd) {
        return None;
    }
    let hit = effect_hit(cmd, Effect::SandboxEscape)?;
    (!explained_by(super::RULES, RULE.code, cmd, cx)).then_some(hit)
}
