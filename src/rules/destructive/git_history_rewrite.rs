//! Whole-history rewrites: `git filter-branch`, `git filter-repo`, `git lfs migrate`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES014",
    name: "git-history-rewrite",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["git", "git-filter-repo", "bfg"],
    summary: "rewrites the repository's whole history",
    why: "Every commit gets a new id; the old history survives only until the next prune, and collaborators' clones diverge.",
    check,
    fires: &[
        "sudo git filter-repo --invert-paths --path .env",
        "bash -c 'git filter-branch -f --tree-filter true HEAD'",
        "git filter-branch --tree-filter 'rm -f secrets.txt' HEAD",
        "git filter-branch -f --index-filter 'git rm --cached -r --ignore-unmatch x' -- --all",
        "git filter-repo --path secrets --invert-paths",
        "git-filter-repo --strip-blobs-bigger-than 10M",
        "git lfs migrate import --include='*.bin' --everything",
        "bfg --delete-files id_rsa",
    ],
    passes: &["git log --all", "git lfs migrate info", "git rebase main", "git lfs track '*.bin'"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.name != "git" {
        return Some(Hit::command().with_message(format!("`{}` rewrites the repository's history", cmd.name)));
    }
    if cmd.is_sub(&["lfs", "migrate"]) {
        let info = cmd.argv.subcommands.get(2).is_some_and(|s| s == "info") || cmd.args.iter().any(|a| a.text == "info");
        return (!info).then(|| Hit::command().with_message("`git lfs migrate` rewrites history to move files into LFS"));
    }
    let sub = cmd.subcommand()?;
    matches!(sub, "filter-branch" | "filter-repo").then(|| Hit::command().with_message(format!("`git {sub}` rewrites every commit of the history")))
}
