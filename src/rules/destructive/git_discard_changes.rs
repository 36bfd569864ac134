//! Git commands that throw away uncommitted work: `reset --hard`,
//! `checkout`/`restore` of the whole tree, `switch --discard-changes`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES011",
    name: "git-discard-uncommitted-changes",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "discards uncommitted changes in the working tree",
    why: "Uncommitted edits are not in any commit or reflog; once overwritten they are gone.",
    check,
    fires: &[
        "sudo git reset --hard HEAD",
        "git reset --hard",
        "git reset --hard HEAD~3",
        "git reset --hard origin/main",
        "git checkout -- .",
        "git checkout .",
        "git checkout HEAD -- src/",
        "git checkout -f main",
        "git restore .",
        "git restore --worktree --staged .",
        "git restore --source=HEAD~2 -- '*.py'",
        "git switch --discard-changes main",
        "bash -c 'git -C repo reset --hard'",
        "git stash && git reset --hard @{u}",
    ],
    passes: &[
        "git reset --soft HEAD~1",
        "git reset HEAD file.txt",
        "git checkout main",
        "git checkout -b feature",
        "git restore --staged .",
        "git restore --staged src/app.py",
        "git switch main",
        "git stash",
    ],
};

fn whole_tree(w: &Word) -> bool {
    let t = w.text.as_str();
    w.path == PathClass::WorkspaceRoot
        || w.glob
        || t.contains('*')
        || matches!(t, "." | "./" | "*" | ":/" | ":(top)" | "--all")
        || t.ends_with('/')
        || t.starts_with(":(")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let sub = cmd.subcommand()?;
    let message = match sub {
        "reset" if cmd.has_any_flag(&["--hard", "--merge"]) => {
            let to = cmd.operands().next().map_or("HEAD", |w| w.text.as_str());
            format!("`git reset --hard {to}` discards every uncommitted change")
        }
        "checkout" if cmd.has_any_flag(&["-f", "--force"]) => "`git checkout -f` overwrites local changes".to_string(),
        "checkout" => {
            let pathspec_mode = cmd.args.iter().any(|a| a.text == "--");
            let w = cmd.operands().find(|w| whole_tree(w) || pathspec_mode && w.text.ends_with('/'))?;
            format!("`git checkout -- {}` overwrites uncommitted changes", w.raw)
        }
        "restore" => {
            let staged_only = cmd.has_any_flag(&["--staged", "-S"]) && !cmd.has_any_flag(&["--worktree", "-W"]);
            if staged_only {
                return None;
            }
            let from_other = cmd.has_any_flag(&["--source", "-s"]);
            let w = cmd.operands().find(|w| from_other || whole_tree(w))?;
            format!("`git restore {}` discards uncommitted changes", w.raw)
        }
        "switch" if cmd.has_any_flag(&["--discard-changes", "-f", "--force"]) => "`git switch --discard-changes` throws away local changes".to_string(),
        _ => return None,
    };
    Some(Hit::command().with_message(message))
}
