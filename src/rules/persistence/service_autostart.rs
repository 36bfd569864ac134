//! A service or agent registered to start automatically: `systemctl enable`,
//! `launchctl load`, `update-rc.d`, `chkconfig on`, `brew services start`, `pm2 startup`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER005",
    name: "service-autostart",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &["systemctl", "launchctl", "update-rc.d", "chkconfig", "rc-update", "loginctl", "brew", "pm2", "sysrc"],
    summary: "registers a service to start automatically",
    why: "An enabled service starts at every boot or login, long after the task that set it up.",
    check,
    fires: &[
        "sudo systemctl enable nginx",
        "systemctl --user enable --now syncer.service",
        "systemctl reenable app",
        "sudo systemctl link /opt/app/app.service",
        "launchctl load -w ~/Library/LaunchAgents/com.x.plist",
        "sudo launchctl bootstrap system /Library/LaunchDaemons/com.x.plist",
        "sudo update-rc.d myapp defaults",
        "chkconfig httpd on",
        "rc-update add sshd default",
        "loginctl enable-linger dev",
        "brew services start postgresql@16",
        "pm2 startup",
        "bash -c 'systemctl set-default graphical.target'",
    ],
    passes: &[
        "systemctl status nginx",
        "systemctl is-enabled nginx",
        "launchctl list",
        "brew services list",
        "pm2 list",
        "chkconfig --list",
        "systemctl list-unit-files",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let sub = cmd.subcommand().or_else(|| cmd.operands().next().map(|w| w.text.as_str())).unwrap_or_default();
    let ops: Vec<&str> = cmd.operands().map(|w| w.text.as_str()).collect();
    let fires = match cmd.name.as_str() {
        "systemctl" => ["enable", "reenable", "link", "preset", "preset-all", "add-wants", "add-requires", "set-default"].contains(&sub),
        "launchctl" => ["load", "bootstrap", "enable", "submit"].contains(&sub),
        "update-rc.d" => ops.iter().any(|o| ["defaults", "enable", "start"].contains(o)),
        "chkconfig" => ops.contains(&"on") || cmd.has_flag("--add"),
        "rc-update" => ops.first().is_some_and(|o| *o == "add"),
        "loginctl" => ops.first().is_some_and(|o| *o == "enable-linger"),
        "brew" => cmd.is_sub(&["services", "start"]) || cmd.is_sub(&["services", "restart"]),
        "pm2" => ops.first().is_some_and(|o| *o == "startup"),
        "sysrc" => ops.iter().any(|o| o.ends_with("_enable=YES") || o.ends_with("_enable=\"YES\"")),
        _ => false,
    };
    fires.then(|| {
        let unit = cmd.operands().find(|w| w.text != sub).map_or_else(String::new, |w| format!(" {}", w.text));
        Hit::command().with_message(format!("`{} {sub}{unit}` makes it start automatically", cmd.name))
    })
}
