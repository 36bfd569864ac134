//! A command scheduled to run later: `at`, `batch`, `systemd-run --on-calendar`, `schtasks /create`,
//! Windows `Run` registry keys.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER006",
    name: "scheduled-job",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &["at", "batch", "systemd-run", "schtasks", "reg"],
    summary: "schedules a command to run later",
    why: "A scheduled command runs unattended after the task is over, when nobody is watching.",
    check,
    fires: &[
        "echo './cleanup.sh' | at now + 1 hour",
        "at -f job.sh 02:00",
        "at midnight <<< 'rm -rf /tmp/x'",
        "batch < jobs.txt",
        "systemd-run --user --on-calendar=daily ./backup.sh",
        "sudo systemd-run --on-active=30m /usr/local/bin/x",
        "schtasks /create /sc daily /tn x /tr c:\\x.exe",
        "reg add \"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\" /v x /d x.exe",
    ],
    passes: &["at -l", "atq", "systemd-run --user --scope make test", "at -c 3"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let fires = match cmd.name.as_str() {
        "at" | "batch" => !cmd.args.iter().any(|a| ["-l", "-c", "-d", "-r", "-V", "--help"].contains(&a.text.as_str())),
        "systemd-run" => cmd.args.iter().any(|a| {
            [
                "--on-calendar",
                "--on-active",
                "--on-boot",
                "--on-startup",
                "--on-unit-active",
                "--on-unit-inactive",
                "--on-clock-change",
                "--on-timezone-change",
                "--timer-property",
            ]
            .iter()
            .any(|f| a.text == *f || a.text.starts_with(&format!("{f}=")))
        }),
        "schtasks" => cmd.args.iter().any(|a| a.text.eq_ignore_ascii_case("/create")),
        "reg" => {
            let adds = cmd.args.first().is_some_and(|a| a.text.eq_ignore_ascii_case("add"));
            adds && cmd.args.iter().any(|a| {
                let k = a.text.to_ascii_lowercase();
                k.contains("\\currentversion\\run") || k.contains("\\winlogon")
            })
        }
        _ => false,
    };
    fires.then(|| Hit::command().with_message(format!("`{}` schedules a command to run later", cmd.name)))
}
