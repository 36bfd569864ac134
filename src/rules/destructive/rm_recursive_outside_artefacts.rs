//! `rm -r` of a directory that is not a build artefact or scratch space.

use super::common::{find_selects_artefacts, finder, is_artefact_pattern, is_found_file, is_recursive, is_scratch_root, is_tracks};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES002",
    name: "recursive-delete-outside-artefacts",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["rm", "grm"],
    summary: "deletes a directory tree that is not a build artefact",
    why: "Source, data or another project deleted recursively cannot be recovered.",
    check,
    fires: &[
        "rm -rf src",
        "rm -rf .",
        "rm -rf *",
        "rm -r -f .git",
        "sudo rm -r ../other",
        "bash -c 'rm -rf docs'",
        "rm -rf ~/Downloads/x",
        "rm -rf /etc/nginx",
        "rm -rf /home/dev/project",
        "rm -r -f /opt/app",
        "find . -name config -exec rm -rf {} +",
        "xargs rm -rf < dirs.txt && rm -rf lib",
    ],
    passes: &[
        "rm -rf target node_modules dist",
        "rm file.txt",
        "rm -rf /tmp/scratch-dir",
        "rm -rf build/ .pytest_cache __pycache__",
        "rm -rf /",
        "find . -type d -name __pycache__ -exec rm -rf {} +",
        "find /tmp/x -exec rm -rf {} +",
        "rm -rf node_modules package-lock.json",
        "rm -rf src/old_module.py",
        "rm -rf **/__pycache__ ./*.log",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !is_recursive(cmd) {
        return None;
    }
    let target = cmd.operands().find(|w| {
        if is_found_file(w) {
            // The word already carries the class of the search root.
            return !matches!(w.path, PathClass::Artefact | PathClass::Tmp) && !finder(cmd, cx).is_some_and(find_selects_artefacts);
        }
        if is_tracks(w) || w.glob && artefact_glob(&w.text) {
            return false;
        }
        match w.path {
            PathClass::Artefact | PathClass::Tmp | PathClass::Dynamic | PathClass::Special | PathClass::NetSocket => false,
            PathClass::Root | PathClass::Home | PathClass::SystemDir => is_scratch_root(w),
            PathClass::Workspace => {
                if w.glob {
                    !artefact_glob(&w.text)
                } else {
                    !looks_like_file(&w.text)
                }
            }
            _ => true,
        }
    })?;
    let where_ = match target.path {
        PathClass::WorkspaceRoot => "the whole workspace",
        PathClass::Workspace => "workspace files that are not build output",
        PathClass::GitDir => "the repository's history",
        PathClass::HomeOther | PathClass::Home => "files in the home directory outside the workspace",
        _ => "files outside the workspace",
    };
    Some(Hit::on(target).with_message(format!("`rm -r {}` deletes {where_}", target.raw)))
}

/// A single workspace file (`package-lock.json`, `src/app.py`): `-r` does
/// nothing more than a plain `rm` there.
fn looks_like_file(path: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    if path.ends_with('/') || name.starts_with('.') {
        return false;
    }
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && (1..=8).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric()) && ext.bytes().any(|b| b.is_ascii_alphabetic())
    })
}

/// A glob whose last component names only artefacts (`**/__pycache__`, `./*.log`).
fn artefact_glob(path: &str) -> bool {
    path.trim_end_matches('/').rsplit('/').next().is_some_and(is_artefact_pattern)
}
