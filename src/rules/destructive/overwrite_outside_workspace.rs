//! Truncating redirections (`>`) and `tee` onto files outside the workspace.
//!
//! Inspects every command, because any program's output can be redirected.

use super::common::{is_outside, is_tracks};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES009",
    name: "overwrite-outside-workspace",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[],
    summary: "overwrites a file outside the workspace",
    why: "`>` replaces the file's contents; a file outside the project may hold the user's data or configuration.",
    check,
    fires: &[
        "echo data > ~/notes.txt",
        "cat x > ~/Documents/report.md",
        "sudo sh -c 'echo 1 > /data/state.json'",
        "printf '' > ../other/README.md",
        "echo {} | tee ~/.config/app/settings.json",
        ": > .git/HEAD",
    ],
    passes: &[
        "echo data > out.txt",
        "echo x >> ~/notes.txt",
        "echo 1 > /etc/hosts",
        "ls > /tmp/list.txt",
        "make 2>&1 | tee build.log",
        "cmd > /dev/null 2>&1",
        "echo x | tee -a ~/log.txt",
        ": > /var/log/syslog",
        "echo KEY=x > .env",
    ],
};

/// The user's data outside the workspace, and the repository's own data.
/// System paths, startup files and agent settings are judged by the
/// system, persistence and sandbox-escape rules; devices by DES007.
fn outside(w: &Word, cx: &Context<'_>) -> bool {
    let theirs = matches!(
        w.path,
        PathClass::Device | PathClass::Kernel | PathClass::System | PathClass::SystemDir | PathClass::Startup | PathClass::AgentConfig | PathClass::Root
    );
    (is_outside(w, cx) || w.path == PathClass::GitDir) && !theirs && !is_tracks(w)
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let redirect = cmd.redirects.iter().find(|r| {
        matches!(r.op, RedirectOp::Write | RedirectOp::Dup) && !r.target.text.bytes().all(|b| b.is_ascii_digit() || b == b'-') && outside(&r.target, cx)
    });
    if let Some(r) = redirect {
        return Some(Hit::on(&r.target).with_message(format!("`> {}` replaces the contents of a file outside the workspace", r.target.raw)));
    }
    if cmd.name == "tee" && !cmd.has_any_flag(&["-a", "--append"]) {
        let target = cmd.operands().find(|w| outside(w, cx))?;
        return Some(Hit::on(target).with_message(format!("`tee {}` replaces the contents of a file outside the workspace", target.raw)));
    }
    None
}
