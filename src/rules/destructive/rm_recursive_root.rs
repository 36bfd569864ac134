//! `rm -r` aimed at `/`, the home directory, or a top-level system directory.

use super::common::{is_found_file, is_recursive, is_scratch_root};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES001",
    name: "recursive-delete-of-root-or-home",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["rm", "grm"],
    summary: "deletes the filesystem root, the home directory or a system directory recursively",
    why: "Irreversible loss of the user's data or of the operating system; never part of a software task.",
    check,
    fires: &[
        "rm -rf /",
        "rm -rf /*",
        "sudo rm -rf --no-preserve-root /",
        "rm -rf ~",
        "rm -fr ~/",
        "rm -rf \"$HOME\"",
        "bash -c 'rm -fr \"$HOME\"/*'",
        "rm -rf ..",
        "rm -r ../..",
        "/bin/rm -Rf /usr",
        "sudo -u root rm -rf /etc",
        "cd / && rm -rf *",
        "env LC_ALL=C rm --recursive --force /home",
    ],
    passes: &[
        "rm -rf target",
        "rm -r ./build",
        "rm -rf /tmp/scratch",
        "rm -rf /tmp",
        "rm ~/.cache/x.txt",
        "rm -rf ~/Downloads/old",
        "find ~ -name '*.pyc' -exec rm -rf {} +",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !is_recursive(cmd) {
        return None;
    }
    let target =
        cmd.operands().find(|w| !is_found_file(w) && !is_scratch_root(w) && matches!(w.path, PathClass::Root | PathClass::Home | PathClass::SystemDir))?;
    let what = match target.path {
        PathClass::Root => "the whole filesystem",
        PathClass::Home => "the home directory",
        _ => "a top-level system directory",
    };
    Some(Hit::on(target).with_message(format!("`rm -r {}` deletes {what}", target.raw)))
}
