//! `kill -9 -1` and its relatives: signalling every process the user may signal.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES021",
    name: "kill-all-processes",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["kill", "killall5", "pkill", "killall"],
    summary: "kills every process of the user (or of the whole system)",
    why: "Every editor, shell and service of the user dies at once, losing unsaved work; as root it takes the machine down.",
    check,
    fires: &[
        "kill -9 -1",
        "kill -KILL -1",
        "kill -s KILL -1",
        "kill -- -1",
        "sudo kill -9 -1",
        "killall5 -9",
        "pkill -9 -u dev",
        "killall -u dev",
        "bash -c 'kill -TERM -1'",
    ],
    passes: &["kill -9 1234", "kill -1", "kill %1", "pkill -f 'node server.js'", "killall node", "kill -HUP 4242", "pkill -u dev node"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    match cmd.name.as_str() {
        "killall5" => Some(Hit::command().with_message("`killall5` signals every process on the system")),
        "pkill" | "killall" => {
            let mut i = 0;
            let mut by_user = false;
            let mut pattern = false;
            while i < args.len() {
                let a = args[i];
                if matches!(a, "-u" | "-U" | "--user" | "--euid" | "--uid") {
                    by_user = true;
                    i += 2;
                    continue;
                }
                if matches!(a, "-s" | "--signal" | "-g" | "-G" | "-P" | "-t" | "-o" | "-y" | "--older-than" | "--younger-than") {
                    i += 2;
                    continue;
                }
                if !a.starts_with('-') {
                    pattern = true;
                }
                i += 1;
            }
            (by_user && !pattern).then(|| Hit::command().with_message(format!("`{} -u` without a name kills every process of that user", cmd.name)))
        }
        _ => {
            // kill [-s SIG | -n N | -SIG] [--] PID...: the first `-X` is the
            // signal; after it (or after `--`), `-1` as a PID means every process.
            let mut pids: Vec<&str> = Vec::new();
            let (mut opts_done, mut sig_given, mut skip_next) = (false, false, false);
            for a in args {
                if skip_next {
                    skip_next = false;
                } else if !opts_done && a == "--" {
                    opts_done = true;
                } else if !opts_done && !sig_given && matches!(a, "-s" | "-n" | "--signal") {
                    sig_given = true;
                    skip_next = true;
                } else if !opts_done && !sig_given && a.len() > 1 && a.starts_with('-') {
                    sig_given = true;
                } else {
                    pids.push(a);
                }
            }
            pids.contains(&"-1").then(|| Hit::command().with_message("`kill … -1` signals every process the user may signal"))
        }
    }
}
