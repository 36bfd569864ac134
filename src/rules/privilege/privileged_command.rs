//! A command run through `sudo`, `doas`, `su -c`, `pkexec`, `run0` or
//! `runuser`: the wrapper is flagged, whatever it runs.

use super::common::{ELEVATORS, is_root_shell};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV001",
    name: "privileged-command",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: ELEVATORS,
    summary: "runs a command with root privileges",
    why: "A command run as root can change anything on the machine, outside every workspace boundary.",
    check,
    fires: &[
        "sudo apt-get install -y jq",
        "sudo -u postgres psql",
        "doas make install",
        "su -c 'systemctl restart nginx'",
        "pkexec cp x /usr/bin/x",
        "bash -c 'sudo rm /var/log/app.log'",
        "env FOO=1 sudo -E ./install.sh",
        "/usr/bin/sudo -n true",
        "run0 systemctl daemon-reload",
        "sudo -v",
    ],
    passes: &["sudo -k", "sudo -V", "su", "sudo -i", "echo sudo make install", "make install", "sudo --help"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_root_shell(cmd, cx) {
        return None;
    }
    let harmless = ["-k", "-K", "-V", "--version", "-h", "--help", "--remove-timestamp", "--reset-timestamp"];
    if cmd.args.iter().all(|a| harmless.contains(&a.text.as_str())) && !cmd.args.is_empty() {
        return None;
    }
    if cmd.name == "su" && cmd.wraps.is_none() {
        return None;
    }
    let inner = cmd.wraps.as_ref().and_then(|w| w.inner.first()).and_then(|i| cx.script.commands.get(*i));
    let msg = match inner {
        Some(c) => format!("`{}` runs `{}` with elevated privileges", cmd.name, describe(c)),
        None => format!("`{}` asks for elevated privileges", cmd.name),
    };
    Some(Hit::on(&cmd.program).with_message(msg))
}
