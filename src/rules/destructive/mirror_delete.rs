//! `rsync --delete` and `rclone sync/purge/delete` onto a destination outside
//! the workspace: files there that the source lacks are deleted.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES010",
    name: "sync-deletes-outside-workspace",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["rsync", "rclone"],
    summary: "mirrors onto a destination outside the workspace, deleting what the source lacks",
    why: "A wrong source or destination deletes the other side's files, often a backup or a server's data.",
    check,
    fires: &[
        "bash -c 'rsync -a --delete ./ ../mirror/'",
        "rsync -a --delete ./ /backup/",
        "rsync -av --delete build/ user@host:/srv/www",
        "sudo rsync -a --delete-after dist/ /var/www/html",
        "rsync -a --del src/ ../mirror/",
        "rclone sync ./out remote:bucket",
        "rclone purge remote:old",
    ],
    passes: &[
        "rsync -a src/ /backup/",
        "rsync -a --delete src/ build/",
        "rsync -a --delete ./ /tmp/copy",
        "rclone copy ./out remote:bucket",
        "rclone ls remote:",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "rclone" {
        let verb = cmd.args.iter().find(|a| !a.text.starts_with('-'))?;
        if !matches!(verb.text.as_str(), "sync" | "purge" | "delete" | "deletefile" | "rmdirs" | "cleanup" | "bisync") || super::common::is_dry_run(cmd) {
            return None;
        }
        return Some(Hit::on(verb).with_message(format!("`rclone {}` deletes files at the destination", verb.text)));
    }
    let removes_sources = cmd.args.iter().any(|a| a.text == "--remove-source-files") && !super::common::rsync_dry_run(cmd);
    if !super::common::rsync_deletes(cmd) && !removes_sources {
        return None;
    }
    let dest = cmd.operands().last()?;
    let remote = dest.text.contains(':') && !dest.text.starts_with('/') || dest.text.starts_with("rsync://");
    if !remote && matches!(dest.path, PathClass::Workspace | PathClass::Artefact | PathClass::Tmp) {
        return None;
    }
    Some(Hit::on(dest).with_message(format!("`rsync --delete … {}` deletes files at the destination that the source lacks", dest.raw)))
}
