//! Every process signalled at once: `kill -9 -1`, `kill -- -1`, `killall5`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS007",
    name: "kill-every-process",
    category: Category::System,
    decision: Decision::Deny,
    commands: &["kill", "killall5"],
    summary: "kills every process the user can signal",
    why: "Signalling pid -1 kills the user's whole session (or, as root, the machine), losing all unsaved work.",
    check,
    fires: &["kill -9 -1", "kill -- -1", "sudo kill -KILL -1", "kill -s KILL -1", "killall5 -9", "bash -c 'kill -9 -1'"],
    passes: &["kill -1 1234", "kill -9 1234", "kill %1", "kill -HUP 42"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "killall5" {
        return Some(Hit::command().with_message("`killall5` signals every process on the machine"));
    }
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let mut i = 0;
    // The first option names the signal (`-9`, `-KILL`, `-s KILL`, `-n 9`); later `-1` is a pid.
    if let Some(first) = args.first() {
        if *first == "-s" || *first == "-n" || *first == "--signal" {
            i = 2;
        } else if first.starts_with('-') && *first != "--" && *first != "-1" || *first == "-1" && args.len() > 1 && args[1] != "--" {
            i = 1;
        }
    }
    let pids = args.get(i..).unwrap_or_default();
    pids.iter().filter(|a| **a != "--").any(|a| *a == "-1").then(|| Hit::command().with_message("`kill … -1` signals every process the user owns"))
}
