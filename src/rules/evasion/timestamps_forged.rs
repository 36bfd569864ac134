//! Forging file times on files outside the workspace (`touch -r /bin/ls
//! /usr/bin/x`, `touch -d 2019-01-01 /etc/…`): timestomping.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA006",
    name: "file-timestamps-forged",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &["touch", "gtouch", "SetFile", "setfile"],
    summary: "sets a fake modification time on a file outside the workspace",
    why: "Backdating system files hides when they were changed from anyone investigating.",
    check,
    fires: &[
        "touch -r /bin/ls /usr/local/bin/helper",
        "sudo touch -d '2019-01-01 10:00' /etc/passwd",
        "touch -t 202001010000 ~/.bashrc",
        "touch --reference=/etc/hosts /etc/cron.d/job",
        "bash -c 'touch -d \"2 years ago\" /usr/lib/x.so'",
        "touch -m -d @0 /var/log/auth.log",
    ],
    passes: &["touch file.txt", "touch -d '2 hours ago' tests/fixtures/old.txt", "touch /tmp/marker", "touch -r src/a.c build/a.o", "touch ~/.hushlogin"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let dated = cmd.argv.flags.iter().find(|f| matches!(f.name.as_str(), "-r" | "--reference" | "-d" | "--date" | "-t"))?;
    let target = cmd.operands().find(|w| {
        matches!(
            w.path,
            PathClass::System
                | PathClass::SystemDir
                | PathClass::Outside
                | PathClass::Startup
                | PathClass::Secret
                | PathClass::HomeOther
                | PathClass::AgentConfig
                | PathClass::Home
        )
    })?;
    Some(Hit::on(target).with_message(format!("`{} {} … {}` backdates a file outside the workspace", cmd.name, dated.name, target.raw)))
}
