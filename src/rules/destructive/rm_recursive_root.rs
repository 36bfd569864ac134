//! `rm -r` aimed at `/`, the home directory, or a top-level system
//! directory; and the same loss by other means: `rsync --delete` onto one of
//! them (everything the source lacks goes), `mv` of one of them away.

use super::common::{is_found_file, is_recursive, is_scratch_root};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES001",
    name: "recursive-delete-of-root-or-home",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["rm", "grm", "rsync", "mv", "gmv"],
    summary: "deletes the filesystem root, the home directory or a system directory recursively",
    why: "Irreversible loss of the user's data or of the operating system; never part of a software task.",
    check,
    fires: &[
        "rm -rf /",
        "rm -rf /*",
        "sudo rm --no-preserve-root -fr /",
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
        "rsync -a --delete /tmp/empty/ ~/",
        "rsync -a --delete-before empty/ /home/dev",
        "mv ~ /tmp/gone",
        "sudo mv /etc /dev/null",
    ],
    passes: &[
        "rm -rf target",
        "rm -r ./build",
        "rm -rf /tmp/scratch",
        "rm -rf /tmp",
        "rm ~/.cache/x.txt",
        "rm -rf ~/Downloads/old",
        "find ~ -name '*.pyc' -exec rm -rf {} +",
        "rsync -a --delete dist/ /var/www/site/",
        "rsync -a ./ ~/",
        "mv ~/notes.txt ~/Documents/",
        "mv build /tmp/old-build",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let protected = |w: &Word| matches!(w.path, PathClass::Root | PathClass::Home | PathClass::SystemDir);
    match cmd.name.as_str() {
        "rsync" => {
            let dest = cmd.operands().last().filter(|w| super::common::rsync_deletes(cmd) && protected(w) && cmd.operands().count() > 1)?;
            return Some(Hit::on(dest).with_message(format!("`rsync --delete … {}` deletes whatever the source lacks there", dest.raw)));
        }
        "mv" | "gmv" => {
            let n = cmd.operands().count();
            let target_dir = cmd.has_any_flag(&["-t", "--target-directory"]);
            let source = cmd.operands().take(if target_dir { n } else { n.saturating_sub(1) }).find(|w| protected(w) && !is_scratch_root(w))?;
            return Some(Hit::on(source).with_message(format!("`mv {}` moves it away: everything under it is gone from its place", source.raw)));
        }
        _ => {}
    }
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
