//! `find -delete` over files that are not build artefacts.

use super::common::{find_deletes, find_narrows, find_roots, find_selects_artefacts, is_scratch_root};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES006",
    name: "find-delete-beyond-artefacts",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["find", "gfind"],
    summary: "deletes files that are not build artefacts with `find -delete`",
    why: "`find -delete` removes every match without confirmation; anything but caches and build output is lost for good.",
    check,
    fires: &[
        "find . -delete",
        "find src -name '*.py' -delete",
        "find . -type f -mtime +30 -delete",
        "find /srv/app -name '*.log' -delete",
        "find ~/other-repo -name '*.pyc' -delete",
        "sudo find /var/www -name '*.php' -delete",
        "find ~/Documents -name '*.docx' -delete",
        "bash -c 'find \"$DIR\" -delete'",
        "find / -name '*.conf' -delete",
        "find . -name '*.rs' -exec rm {} \\;",
        "find src -type f -exec shred -u {} +",
    ],
    passes: &[
        "find . -name '*.pyc' -delete",
        "find . -type d -name __pycache__ -delete",
        "find /tmp/build -delete",
        "find target -name '*.o' -delete",
        "find . -type d -empty -delete",
        "find . -name '*.rs'",
        "find / -delete",
        "find /var/log -type f -delete",
        "find . -name '*.pyc' -exec rm -f {} +",
        "find . -name '*.rs' -exec wc -l {} +",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !find_deletes(cmd, cx) || find_selects_artefacts(cmd) {
        return None;
    }
    let roots = find_roots(cmd);
    let unsafe_root = |w: &&Word| !matches!(w.path, PathClass::Artefact | PathClass::Tmp) && !is_scratch_root(w) && !super::common::is_tracks(w);
    let wipes_root = |w: &&Word| !is_scratch_root(w) && matches!(w.path, PathClass::Root | PathClass::Home | PathClass::SystemDir);
    if !find_narrows(cmd) && roots.iter().any(wipes_root) {
        return None;
    }
    if roots.is_empty() {
        return Some(Hit::command().with_message("`find -delete` deletes matching files in the workspace"));
    }
    let root = roots.into_iter().find(unsafe_root)?;
    Some(Hit::on(root).with_message(format!("`find {} …` deletes files that are not build artefacts", root.raw)))
}
