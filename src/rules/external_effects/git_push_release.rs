//! Git pushes that publish rather than share work: tags (`--tags`,
//! `--follow-tags`, `v1.2.3`, `refs/tags/…`) and published branches
//! (`gh-pages`, `production`, `release`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT008",
    name: "git-push-release",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "pushes a release tag or a published branch",
    why: "Pushed tags and release branches usually trigger release pipelines and publish to users.",
    check,
    fires: &[
        "git push --tags",
        "git push origin --tags",
        "git push --follow-tags",
        "git push origin v1.4.0",
        "git push origin refs/tags/v2.0.0",
        "git push upstream 1.2.3",
        "git push origin main:production",
        "git push origin HEAD:gh-pages",
        "git push origin release",
        "bash -c 'git tag v1.0.0 && git push origin v1.0.0'",
    ],
    passes: &[
        "git push",
        "git push -u origin main",
        "git push -u origin feature/login",
        "git tag v1.0.0",
        "git push origin fix-v1-bug",
        "git push --dry-run --tags",
        "git push --delete origin v1.0",
        "git push origin :refs/tags/v1.0",
    ],
};

const PUBLISHED_BRANCHES: &[&str] = &["production", "prod", "release", "live", "gh-pages", "stable"];

fn is_tag_ref(r: &str) -> bool {
    let r = r.trim_start_matches('+');
    let dst = r.rsplit(':').next().unwrap_or(r);
    if dst.starts_with("refs/tags/") {
        return true;
    }
    let v = dst.strip_prefix('v').unwrap_or(dst);
    let mut parts = v.split('.');
    parts.next().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.next().is_some_and(|p| p.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.is_sub(&["push"]) || cmd.has_any_flag(&["-n", "--dry-run", "-d", "--delete"]) {
        return None;
    }
    if cmd.has_any_flag(&["--tags", "--follow-tags"]) {
        return Some(Hit::command().with_message("`git push --tags` publishes tags, which usually triggers a release"));
    }
    let refs = cmd.operands().skip(1);
    let r = refs.into_iter().filter(|w| !w.text.starts_with(':')).find(|w| {
        let dst = w.text.rsplit(':').next().unwrap_or(&w.text).trim_start_matches("refs/heads/");
        is_tag_ref(&w.text) || PUBLISHED_BRANCHES.contains(&dst)
    })?;
    let what = if is_tag_ref(&r.text) { "a release tag" } else { "a published branch" };
    Some(Hit::on(r).with_message(format!("`git push {}` pushes {what}", r.text)))
}
