//! `find -delete` over the filesystem root, the home directory or a system
//! directory with nothing narrowing what it deletes.

use super::common::{find_deletes, find_narrows, find_roots, is_scratch_root};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES005",
    name: "find-delete-of-root-or-home",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["find", "gfind"],
    summary: "deletes everything under the filesystem root or the home directory",
    why: "Equivalent to `rm -rf /` or `rm -rf ~`: irreversible loss of the machine's or the user's data.",
    check,
    fires: &[
        "find / -delete",
        "sudo find / -depth -delete",
        "find ~ -delete",
        "find $HOME -mindepth 1 -delete",
        "bash -c 'find /usr -type f -delete'",
        "cd .. && find . -delete",
        "find / -exec rm -rf {} +",
    ],
    passes: &["find . -name '*.pyc' -delete", "find / -name '*.pyc' -delete", "find /tmp -delete", "find ~ -name x", "find src -delete"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !find_deletes(cmd, cx) || find_narrows(cmd) {
        return None;
    }
    let root = find_roots(cmd).into_iter().find(|w| !is_scratch_root(w) && matches!(w.path, PathClass::Root | PathClass::Home | PathClass::SystemDir))?;
    Some(Hit::on(root).with_message(format!("`find {} -delete` (or `-exec rm`) deletes everything under `{}`", root.raw, root.text)))
}
