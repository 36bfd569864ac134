//! A cron table installed, edited or removed with `crontab` (listing is fine).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER004",
    name: "crontab-install",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &["crontab"],
    summary: "installs or edits the user's cron table",
    why: "Cron jobs keep running on a schedule long after the task, unattended.",
    check,
    fires: &[
        "crontab mycron.txt",
        "crontab -e",
        "echo '*/5 * * * * ~/sync.sh' | crontab -",
        "(crontab -l; echo '@reboot ~/agent') | crontab -",
        "sudo crontab -u root jobs.cron",
        "crontab -r",
        "bash -c 'crontab /tmp/c'",
        "crontab < jobs",
    ],
    passes: &["crontab -l", "crontab -u dev -l", "crontab -l | grep backup", "cat /etc/crontab"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.has_flag("-l") {
        return None;
    }
    let what = if cmd.has_flag("-r") {
        "removes the user's cron table".to_string()
    } else if cmd.has_flag("-e") {
        "edits the user's cron table".to_string()
    } else {
        match cmd.operands().next() {
            Some(w) if w.text != "-" => format!("installs `{}` as the user's cron table", w.text),
            _ => "installs a cron table read from standard input".to_string(),
        }
    };
    Some(Hit::command().with_message(format!("`crontab` {what}")))
}
