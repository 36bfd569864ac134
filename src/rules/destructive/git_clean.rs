//! `git clean -f`: deletes untracked files, which git never saw.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES012",
    name: "git-clean-untracked-files",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "deletes untracked files with `git clean`",
    why: "Untracked files (new code, local data, notes) were never committed and cannot be recovered.",
    check,
    fires: &["git clean -fdx", "git clean -f", "git clean -ffdx", "git clean --force -d", "sudo git clean -fxd", "sh -c 'git clean -fd && make'"],
    passes: &["git clean -n", "git clean -fdn", "git clean --dry-run -d", "git status", "git clean -fdX -n"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.is_sub(&["clean"]) || !cmd.has_any_flag(&["-f", "--force"]) || super::common::is_dry_run(cmd) {
        return None;
    }
    let ignored = if cmd.has_flag("-x") { " including ignored files" } else { "" };
    let dirs = if cmd.has_flag("-d") { " and directories" } else { "" };
    Some(Hit::command().with_message(format!("`git clean -f` deletes untracked files{dirs}{ignored}")))
}
