//! Git commands that delete what lets lost work be recovered: unmerged
//! branches (`branch -D`), stashes, refs, reflog entries and unreachable objects.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES015",
    name: "git-unrecoverable-refs-deleted",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "deletes git branches, stashes, reflog entries or unreachable objects",
    why: "Unmerged branches and stashes hold work no other ref points to; pruning the reflog and objects removes the last way back.",
    check,
    fires: &[
        "sudo git stash clear",
        "sh -c 'git branch -D old'",
        "git branch -D feature",
        "git branch --delete --force old",
        "git branch -df old",
        "git stash drop",
        "git stash drop stash@{2}",
        "git stash clear",
        "git reflog expire --expire=now --all",
        "git reflog delete HEAD@{1}",
        "git gc --prune=now",
        "git gc --aggressive --prune=all",
        "git prune --expire=now",
        "git update-ref -d refs/heads/main",
        "git worktree remove --force ../wt",
        "git reflog expire --expire-unreachable=now --all && git gc --prune=now",
    ],
    passes: &[
        "git branch -d merged",
        "git stash",
        "git stash pop --index",
        "git stash list",
        "git gc",
        "git reflog",
        "git branch -a",
        "git worktree remove ../wt",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let subs: Vec<&str> = cmd.argv.subcommands.iter().map(String::as_str).collect();
    let message = match subs.as_slice() {
        ["branch", ..] if cmd.has_flag("-D") || cmd.has_any_flag(&["-d", "--delete"]) && cmd.has_any_flag(&["-f", "--force"]) => {
            let b = cmd.operands().next().map_or("", |w| w.text.as_str());
            format!("`git branch -D {b}` deletes a branch even if it is not merged")
        }
        ["stash", "drop", ..] => "`git stash drop` deletes a stash entry".to_string(),
        ["stash", "clear", ..] => "`git stash clear` deletes every stash entry".to_string(),
        ["reflog", "expire" | "delete", ..] => format!("`git reflog {}` removes reflog entries that lost commits are recovered from", subs[1]),
        ["gc", ..] => {
            let v = cmd.argv.flags.iter().find(|f| f.name == "--prune")?.value.as_ref()?;
            if v.text == "never" || ["week", "month", "year", "day"].iter().any(|u| v.text.contains(u)) {
                return None;
            }
            format!("`git gc --prune={}` deletes unreachable commits immediately", v.text)
        }
        ["prune", ..] => "`git prune` deletes unreachable objects".to_string(),
        ["update-ref", ..] if cmd.has_flag("-d") => "`git update-ref -d` deletes a ref directly".to_string(),
        ["worktree", "remove", ..] if cmd.has_any_flag(&["-f", "--force"]) => {
            "`git worktree remove --force` deletes a worktree with its uncommitted changes".to_string()
        }
        _ => return None,
    };
    Some(Hit::command().with_message(message))
}
