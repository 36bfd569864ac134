//! Non-recursive deletes of files outside the workspace, of repository
//! data, or of every file at the top of the workspace.

use super::common::{is_outside, is_recursive, is_tracks};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES004",
    name: "delete-outside-workspace",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["rm", "grm", "unlink", "srm"],
    summary: "deletes files outside the workspace",
    why: "Files outside the project (the user's documents, configuration, other projects) are not the agent's to delete.",
    check,
    fires: &[
        "rm ~/notes.txt",
        "rm -f /etc/hosts",
        "sudo rm /usr/local/bin/tool",
        "unlink ~/.gitconfig",
        "rm -f .git/index",
        "rm -f *",
        "bash -c 'rm ../other/README.md'",
    ],
    passes: &["rm file.txt", "rm -f /tmp/x.log", "rm *.o", "rm -rf /", "rm -f build/app", "rm ~/.bash_history", "rm .env.local"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if is_recursive(cmd) {
        return None;
    }
    let target = cmd.operands().find(|w| (is_outside(w, cx) || matches!(w.path, PathClass::GitDir | PathClass::WorkspaceRoot)) && !is_tracks(w))?;
    let what = match target.path {
        PathClass::GitDir => "repository data",
        PathClass::WorkspaceRoot => "every file at the top of the workspace",
        _ => "a file outside the workspace",
    };
    Some(Hit::on(target).with_message(format!("`{} {}` deletes {what}", cmd.name, target.raw)))
}
