//! Git commands that throw away uncommitted work: `reset --hard`,
//! `checkout`/`restore` of paths (the whole tree or single files: edits in
//! them are overwritten), `switch --discard-changes`. `git checkout NAME`
//! without `--` reads NAME as a file only when it looks like one
//! (`data/input.csv`), since branch names (`feature/login`, `v1.2`) are the
//! common case.

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
        "git reset --hard upstream/develop",
        "git checkout -- .",
        "git checkout .",
        "git checkout HEAD -- src/",
        "git checkout -- src/main.rs",
        "git checkout docs/usage.md",
        "git restore src/app.py",
        "git checkout -f main",
        "git restore .",
        "git restore --worktree --staged .",
        "git restore --source=HEAD~2 -- '*.py'",
        "git switch --discard-changes main",
        "bash -c 'git -C repo reset --hard'",
        "git stash && git reset --hard @{u}",
    ],
    passes: &[
        "git reset --soft HEAD~2",
        "git reset HEAD file.txt",
        "git checkout main",
        "git checkout -b feature",
        "git checkout feature/login",
        "git checkout v1.2.0",
        "git checkout -b fix/readme.md origin/main",
        "git restore --staged -- tests/",
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

/// A word that reads as a file rather than a branch: its last component
/// has an extension of letters (`input.csv`, `main.rs`).
fn looks_like_file(w: &Word) -> bool {
    let name = w.text.rsplit('/').next().unwrap_or(&w.text);
    name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && (1..=6).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphabetic()))
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
            // After `--`, every operand is a path.
            let paths_from = cmd.args.iter().find(|a| a.text == "--").map(|a| a.span.0);
            let w = cmd.operands().find(|w| whole_tree(w) || paths_from.is_some_and(|p| w.span.0 > p) || looks_like_file(w))?;
            format!("`git checkout -- {}` overwrites uncommitted changes", w.raw)
        }
        "restore" => {
            let staged_only = cmd.has_any_flag(&["--staged", "-S"]) && !cmd.has_any_flag(&["--worktree", "-W"]);
            if staged_only {
                return None;
            }
            let w = cmd.operands().next()?;
            format!("`git restore {}` discards uncommitted changes", w.raw)
        }
        "switch" if cmd.has_any_flag(&["--discard-changes", "-f", "--force"]) => "`git switch --discard-changes` throws away local changes".to_string(),
        _ => return None,
    };
    Some(Hit::command().with_message(message))
}
