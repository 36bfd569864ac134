//! `git push` that overwrites or deletes remote history: `--force` in all
//! its spellings, `+refspec`, `--mirror`, `--delete`, `:branch`, `--prune`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES013",
    name: "git-push-force",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "overwrites or deletes history on a remote",
    why: "A forced push discards other people's commits on a shared branch; they may not have a copy.",
    check,
    fires: &[
        "sudo -u deploy git push --force upstream release/1.x",
        "git push --force",
        "git push -f origin main",
        "git push --force-with-lease",
        "git push origin +main",
        "git push origin +HEAD:refs/heads/main",
        "git push --mirror backup",
        "git push origin --delete feature",
        "git push origin :feature",
        "git -C repo push --force-if-includes",
        "bash -c 'git push -uf origin main'",
    ],
    passes: &["git push", "git push origin feature/search-api", "git push -u origin feature", "git push --tags", "git push origin HEAD:main"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.is_sub(&["push"]) {
        return None;
    }
    if let Some(f) = cmd.argv.flags.iter().find(|f| matches!(f.name.as_str(), "--force" | "-f" | "--force-with-lease" | "--force-if-includes" | "--mirror")) {
        return Some(Hit::command().with_message(format!("`git push {}` overwrites the remote branch's history", f.name)));
    }
    if cmd.has_any_flag(&["--delete", "-d", "--prune"]) {
        return Some(Hit::command().with_message("`git push --delete` deletes branches on the remote"));
    }
    // The first operand is the remote; refspecs follow.
    let refspec = cmd.operands().skip(1).find(|w| w.text.starts_with('+') || w.text.starts_with(':') && w.text.len() > 1)?;
    let what = if refspec.text.starts_with('+') { "force-updates" } else { "deletes" };
    Some(Hit::on(refspec).with_message(format!("`git push … {}` {what} a remote branch", refspec.raw)))
}
