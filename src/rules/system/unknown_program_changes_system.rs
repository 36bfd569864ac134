//! A program riskgate has no spec for, asked to change the system (install, upgrade, start, stop, enable): its verb (the first
//! operand, or an unknown subcommand) says what it does, as in the known
//! programs' specs. The risk model judges the rest of such commands.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS013",
    name: "unknown-program-changes-system",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is asked to change the system (install, upgrade, start, stop, enable)",
    why: "Verbs like these change state beyond the workspace; without knowing the program, a person should confirm.",
    check,
    fires: &[
        "zorbctl install plugin-x",
        "quillmark upgrade",
        "tessa-daemon restart",
        "sudo zorbctl reinstall --force",
        "zorbctl stacks update main",
        "quillmark --update --add-device disk1",
        "tessa-send -a Quit",
    ],
    passes: &[
        "zorbctl list",
        "quillmark --version",
        "tessa-daemon status",
        "cargo build",
        "zorbctl search update",
        "quillmark --start 10 in.mp4",
        "zorbd --reload --port 8001",
    ],
};

const VERBS: &[&str] = &[
    "install",
    "uninstall",
    "reinstall",
    "upgrade",
    "update",
    "remove",
    "enable",
    "disable",
    "start",
    "stop",
    "restart",
    "reload",
    "mount",
    "unmount",
    "umount",
    "reset",
    "switch",
    "shutdown",
    "reboot",
    "suspend",
    "flash",
    "sysup",
    "rollback",
    "kill",
    "killall",
    "quit",
    "pause",
    "resume",
    "poweroff",
    "halt",
    "hibernate",
    "activate",
    "deactivate",
];

/// Options that change the system (`--update`, `-reboot`). Left out:
/// `--start`/`--stop` (usually times or offsets), `--reload` (dev servers'
/// auto-reload) and `--install`/`--upgrade` (mostly the tool's own add-ons
/// or the project's manifest).
const OPTIONS: &[&str] =
    &["uninstall", "reinstall", "update", "restart", "mount", "unmount", "reset", "shutdown", "reboot", "poweroff", "suspend", "flash", "rollback", "kill"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, OPTIONS, "change the system (install, upgrade, start, stop, enable)")
}
