//! Files written outside the workspace in the user's space or elsewhere on
//! the machine (`cp -r . /backup`, `cpio -pd /new/dir`, `mv build ~/bin`,
//! `> ../notes.txt`): POLICY.md allows editing inside the workspace and
//! scratch files under `/tmp`; anything else leaves the workspace boundary.
//! System directories, startup files, agent settings and secrets have rules
//! of their own; paths the IR cannot resolve are judged elsewhere. An empty
//! directory or file (`mkdir`, `touch`) holds no data and is left alone.

use crate::rules::prelude::*;
use crate::rules::shared::changes::written;

pub(crate) static RULE: Rule = Rule {
    code: "SYS014",
    name: "write-outside-workspace",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "writes files outside the workspace",
    why: "Files outside the project belong to the user or other projects; the task's changes should stay where they can be reviewed.",
    check,
    fires: &[
        "cp -r . /backup",
        "find . -depth -print | cpio -pdm /backup/copy",
        "mv dist ~/bin/app",
        "echo done > ../status.txt",
        "find . -name '*.log' -exec cp {} /archive/ \\;",
        "tar -xzf release.tgz -C /home/alice/apps",
    ],
    passes: &[
        "cp -r src /tmp/src-copy",
        "cp a.txt b.txt",
        "mv build/app dist/",
        "echo done > status.txt",
        "cargo build 2>/dev/null",
        "mkdir -p /srv/app/releases",
        "cp \"$1\" \"$2\"",
        "tar -xzf release.tgz -C vendor",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if matches!(cmd.name.as_str(), "mkdir" | "touch") {
        return None;
    }
    let w = written(cmd, cx.env).into_iter().find(|w| !w.dynamic && matches!(w.path, PathClass::Outside | PathClass::Home | PathClass::HomeOther))?;
    Some(Hit::on(&w).with_message(format!("`{}` writes `{}`, outside the workspace", cmd.name, w.text)))
}
