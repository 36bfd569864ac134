//! System services started, stopped, restarted or reconfigured
//! (`systemctl restart`, `service nginx stop`, `launchctl unload`, `brew services`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS003",
    name: "service-control",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "starts, stops or reconfigures a system service",
    why: "Services are shared by everything on the machine; stopping or restarting one can break other work.",
    check,
    fires: &[
        "service apache2 --full-restart",
        "sudo systemctl restart nginx",
        "systemctl stop docker",
        "systemctl --user restart pipewire",
        "sudo systemctl daemon-reload",
        "systemctl mask bluetooth",
        "sudo service postgresql start",
        "service apache2 reload",
        "launchctl unload ~/Library/LaunchAgents/x.plist",
        "launchctl kickstart -k gui/501/com.x",
        "brew services restart redis",
        "supervisorctl restart all",
        "sudo nginx -s reload",
        "apachectl graceful",
        "sudo /etc/init.d/postgresql restart",
        "bash -c 'sudo systemctl kill -s HUP rsyslog'",
    ],
    passes: &[
        "systemctl status nginx",
        "systemctl list-units --failed",
        "service --status-all",
        "service nginx status",
        "launchctl list",
        "brew services list",
        "supervisorctl status",
        "nginx -t",
        "/etc/init.d/nginx status",
        "journalctl -u nginx",
    ],
};

const ACTIONS: &[&str] = &[
    "start",
    "stop",
    "restart",
    "reload",
    "try-restart",
    "reload-or-restart",
    "try-reload-or-restart",
    "condrestart",
    "force-reload",
    "kill",
    "isolate",
    "daemon-reload",
    "daemon-reexec",
    "disable",
    "mask",
    "unmask",
    "set-property",
    "set-environment",
    "unset-environment",
    "reset-failed",
    "freeze",
    "thaw",
    "clean",
    "revert",
    "graceful",
    "graceful-stop",
    "unload",
    "bootout",
    "kickstart",
    "remove",
    "run",
    "shutdown",
    "update",
    "reread",
    "emit",
    "up",
    "down",
    "term",
    "hup",
    "quit",
    "reopen",
];

const MANAGERS: &[&str] =
    &["systemctl", "service", "rc-service", "launchctl", "brew", "supervisorctl", "apachectl", "apache2ctl", "nginx", "initctl", "sv", "invoke-rc.d"];

/// Every command: besides the service managers, init scripts run by path (`/etc/init.d/NAME restart`) have any name.
fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let init_script = ["/etc/init.d/", "/etc/rc.d/", "/usr/local/etc/rc.d/"].iter().any(|d| cmd.program.text.starts_with(d));
    if !init_script && !MANAGERS.contains(&cmd.name.as_str()) {
        return None;
    }
    let words: Vec<&str> = cmd.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
    let (action, unit) = match cmd.name.as_str() {
        _ if init_script => (words.first().copied().unwrap_or_default(), Some(cmd.name.as_str())),
        "systemctl" => (cmd.subcommand().unwrap_or_default(), cmd.operands().next().map(|w| w.text.as_str())),
        "service" if cmd.args.iter().any(|a| a.text == "--full-restart") => ("restart", words.first().copied()),
        "service" | "rc-service" | "invoke-rc.d" => (words.get(1).copied().unwrap_or_default(), words.first().copied()),
        "brew" if cmd.is_sub(&["services"]) || words.first() == Some(&"services") => (words.get(1).copied().unwrap_or_default(), words.get(2).copied()),
        "nginx" => (cmd.args.windows(2).find(|w| w[0].text == "-s").map_or("", |w| w[1].text.as_str()), Some("nginx")),
        "brew" => return None,
        _ => (words.first().copied().unwrap_or_default(), words.get(1).copied()),
    };
    if !ACTIONS.contains(&action) {
        return None;
    }
    let unit = unit.map_or_else(String::new, |u| format!(" {u}"));
    Some(Hit::command().with_message(format!("`{} {action}{unit}` changes a running system service", cmd.name)))
}
