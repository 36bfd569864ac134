//! Processes killed by name or pattern (`pkill`, `killall`, `kill $(pgrep x)`),
//! which reaches processes the task did not start.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS006",
    name: "kill-by-name",
    category: Category::System,
    decision: Decision::Ask,
    commands: &["pkill", "killall", "kill", "taskkill", "skill", "slay"],
    summary: "kills processes selected by name",
    why: "A name or pattern matches every such process on the machine, including ones the task did not start.",
    check,
    fires: &[
        "pkill node",
        "pkill -f 'python manage.py'",
        "killall -9 chrome",
        "sudo killall nginx",
        "kill $(pgrep -f webpack)",
        "pgrep java | xargs kill -9",
        "kill -9 $(pidof postgres)",
        "kill $(ps aux | grep '[r]edis' | awk '{print $2}')",
        "kill 1",
        "taskkill /IM node.exe /F",
        "bash -c 'pkill -u dev'",
    ],
    passes: &["kill 12345", "kill -9 $PID", "kill %1", "kill $(cat server.pid)", "kill $(lsof -t -i:3000)", "pgrep node", "kill -l"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    match cmd.name.as_str() {
        "pkill" | "killall" | "skill" | "slay" => {
            if cmd.has_any_flag(&["-l", "--list", "-V", "--version", "-h", "--help"]) {
                return None;
            }
            let target = cmd.operands().next().map_or_else(|| "matching processes".to_string(), |w| format!("every process matching `{}`", w.text));
            Some(Hit::command().with_message(format!("`{}` kills {target}", cmd.name)))
        }
        "taskkill" => {
            cmd.args.iter().any(|a| a.text.eq_ignore_ascii_case("/IM")).then(|| Hit::command().with_message("`taskkill /IM` kills processes by image name"))
        }
        _ => {
            let by_name = upstream(cx.script, cmd).find(|u| matches!(u.name.as_str(), "pgrep" | "pidof" | "ps" | "pgrep.exe"));
            if let Some(u) = by_name {
                return Some(Hit::command().with_message(format!("`kill` targets processes found by name with `{}`", u.name)));
            }
            let init = cmd.operands().find(|w| w.text == "1")?;
            Some(Hit::on(init).with_message("`kill 1` signals init, the process every other one descends from"))
        }
    }
}
