//! Killing a process by its id: `kill -9 4312`, `kill $(lsof -t -i:3000)`,
//! `lsof -ti:3000 | xargs kill`, `fuser -v -k 5173/tcp`. The agent rarely
//! knows the process is one it started (a port's owner may be the user's
//! own server); its own jobs (`kill %1`, `kill $!`) and `kill -0` checks
//! are exempt.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS012",
    name: "process-killed-by-id",
    category: Category::System,
    decision: Decision::Ask,
    commands: &["kill", "fuser", "screen", "docker", "podman"],
    summary: "kills a process that may not belong to the task",
    why: "The process may be the user's own server, editor or database; killing it loses their state.",
    check,
    fires: &[
        "kill $(cat /var/run/nginx.pid)",
        "screen -S build -X quit",
        "docker stop $(docker ps -q)",
        "podman rm -f $(podman ps -aq)",
        "kill -9 4312",
        "kill $(lsof -t -i:3000)",
        "lsof -ti:8080 | xargs kill -9",
        "fuser -v -k 5173/tcp",
        "sudo kill -TERM 771",
        "kill -- -4312",
        "kill -CONT worker_pid",
        "PID=$!; PID=$(pgrep sshd); kill $PID",
    ],
    passes: &[
        "kill %1",
        "kill $!",
        "node server.js & SERVER=$!; sleep 1; curl -s localhost:3000; kill $SERVER",
        "sleep 30 & export WATCHER=$!; kill \"${WATCHER}\"",
        "kill -0 4312",
        "kill -l",
        "fuser 8000/tcp",
        "kill $(cat run/worker.pid)",
        "screen -X title build",
        "docker stop web-dev",
        "docker ps -q",
        "kill -TERM $(cat /tmp/devserver.pid)",
        "kill -STOP %2",
    ],
};

/// A process id, a process group (`-4312`), or a word standing for one
/// (`PID`, `server_pid`: judged as the pid it names).
fn is_pid(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) || t.to_ascii_lowercase().contains("pid")
}

/// True when every command feeding `w` reads only a pid file the project
/// keeps (`kill $(cat run/worker.pid)`): a process the project started.
fn from_project_pidfile(w: &Word, cx: &Context<'_>) -> bool {
    !w.sources.is_empty()
        && w.sources.iter().all(|&i| {
            cx.script.commands.get(i).is_some_and(|c| {
                matches!(c.name.as_str(), "cat" | "head" | "tail")
                    && c.operands().count() > 0
                    && c.operands().all(|o| !o.dynamic && o.text.ends_with(".pid") && (o.path.is_workspace() || o.path == PathClass::Tmp))
            })
        })
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if matches!(cmd.name.as_str(), "docker" | "podman") {
        // `docker stop $(docker ps -q)`: every running container, not only the task's.
        let Some(sub @ ("stop" | "kill" | "rm" | "pause")) = cmd.subcommand() else { return None };
        let all = cmd.args.iter().find(|w| {
            !w.sources.is_empty()
                && w.sources.iter().any(|&i| {
                    cx.script.commands.get(i).is_some_and(|c| {
                        c.name == cmd.name
                            && c.args.first().is_some_and(|a| a.text == "ps")
                            && c.args.iter().any(|a| a.text == "-q" || a.text == "-aq" || a.text == "-qa")
                    })
                })
        })?;
        return Some(Hit::on(all).with_message(format!("`{} {sub}` acts on every listed container, not only the task's", cmd.name)));
    }
    if cmd.name == "screen" {
        // `-X quit` or `-X kill` ends sessions and everything running in them.
        let quits = cmd.flag_value(&["-X"]).is_some_and(|v| matches!(v.text.as_str(), "quit" | "kill"));
        return quits.then(|| Hit::command().with_message("`screen` told to quit ends a session and the programs running in it"));
    }
    if cmd.name == "fuser" {
        return cmd.has_any_flag(&["-k", "--kill"]).then(|| Hit::command().with_message("`fuser -k` kills whatever process holds the file or port"));
    }
    if cmd.has_any_flag(&["-0", "-l", "-L", "--list", "--table"]) {
        return None;
    }
    let target = cmd.operands().find(|w| {
        let t = w.text.as_str();
        !(t.starts_with('%') || crate::rules::helpers::is_own_background_job(w, cx.script) || from_project_pidfile(w, cx)) && (is_pid(t) || w.dynamic)
    })?;
    Some(Hit::on(target).with_message(format!("`kill` stops process `{}`, which the task may not have started", target.raw)))
}
