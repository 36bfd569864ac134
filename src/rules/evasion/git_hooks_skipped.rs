//! Skipping the repository's safety hooks: `--no-verify`, `git commit -n`,
//! `core.hooksPath` pointed at nothing, `HUSKY=0`, pre-commit's `SKIP=…`.
//!
//! Inspects every command, because the hook switches are environment
//! variables that may prefix or be exported before any command.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA005",
    name: "git-hooks-skipped",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "skips the repository's git hooks (linters, tests, secret scanners)",
    why: "Hooks are the project's own safety checks; bypassing them lets unchecked code or secrets through.",
    check,
    fires: &[
        "git commit --no-verify -m wip",
        "git commit -nm 'quick fix'",
        "git push --no-verify",
        "git merge --no-verify feature",
        "sudo -u dev git push --no-verify origin main",
        "git -c core.hooksPath=/dev/null commit -m x",
        "git config core.hooksPath /dev/null",
        "HUSKY=0 git commit -m x",
        "SKIP=flake8,mypy git commit -m x",
        "env HUSKY_SKIP_HOOKS=1 git push",
        "export HUSKY=0",
        "bash -c 'git commit --no-verify -am x'",
        "pre-commit uninstall",
    ],
    passes: &[
        "git commit -m 'fix'",
        "git push origin HEAD",
        "git config core.hooksPath .githooks",
        "pre-commit run --files src/app.py",
        "git -c user.name=x commit -m y",
        "SKIP_BUILD=1 make",
    ],
};

const HOOK_VARS: &[(&str, &str)] = &[
    ("HUSKY", "0"),
    ("HUSKY_SKIP_HOOKS", "*"),
    ("SKIP", "*"),
    ("LEFTHOOK", "0"),
    ("OVERCOMMIT_DISABLE", "*"),
    ("GIT_HOOKS_DISABLED", "*"),
    ("SKIP_HOOKS", "*"),
    ("PRE_COMMIT_ALLOW_NO_CONFIG", "*"),
];

fn hook_var(name: &str, value: &str) -> bool {
    HOOK_VARS.iter().any(|(n, v)| *n == name && (*v == "*" && !value.is_empty() && value != "0" || *v == value))
}

fn null_hooks(path: &str) -> bool {
    matches!(path, "" | "/dev/null" | "/nonexistent" | "/tmp" | "/dev/null/") || path.starts_with("/tmp/")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let git_or_hooks = matches!(cmd.name.as_str(), "git" | "pre-commit" | "npm" | "yarn" | "pnpm" | "lefthook" | "overcommit");
    if let Some(a) = cmd.env.iter().find(|a| hook_var(&a.name, &a.value.text) && (git_or_hooks || a.name.contains("HUSKY"))) {
        return Some(Hit::command().with_message(format!("`{}={}` makes `{}` skip the git hooks", a.name, a.value.text, cmd.name)));
    }
    match cmd.name.as_str() {
        "export" | "env" | "declare" | "setenv" => {
            let w = cmd.args.iter().find(|a| a.text.split_once('=').is_some_and(|(n, v)| hook_var(n, v) && n != "SKIP"))?;
            Some(Hit::on(w).with_message(format!("`{} {}` disables git hooks for what runs next", cmd.name, w.text)))
        }
        "pre-commit" => {
            cmd.args.first().filter(|a| a.text == "uninstall").map(|a| Hit::on(a).with_message("`pre-commit uninstall` removes the repository's commit hooks"))
        }
        "git" => git(cmd),
        _ => None,
    }
}

fn git(cmd: &Command) -> Option<Hit> {
    if let Some(v) = cmd.flag_values(&["-c"]).find(|v| v.text.to_ascii_lowercase().strip_prefix("core.hookspath=").is_some_and(null_hooks)) {
        return Some(Hit::on(v).with_message(format!("`git -c {}` runs git with no hooks", v.text)));
    }
    let sub = cmd.subcommand()?;
    if sub == "config" {
        let ops: Vec<&Word> = cmd.operands().collect();
        let key = ops.iter().position(|w| w.text.eq_ignore_ascii_case("core.hooksPath"))?;
        let value = ops.get(key + 1)?;
        return null_hooks(&value.text)
            .then(|| Hit::on(value).with_message(format!("`git config core.hooksPath {}` disables the repository's hooks", value.text)));
    }
    // Other subcommands' `--no-verify` is judged through the spec (EVA007).
    let creates = matches!(sub, "commit" | "push" | "merge" | "cherry-pick" | "revert");
    if creates && cmd.has_flag("--no-verify") || sub == "commit" && cmd.has_flag("-n") {
        let flag = if cmd.has_flag("--no-verify") { "--no-verify" } else { "-n" };
        return Some(Hit::command().with_message(format!("`git {sub} {flag}` skips the pre-commit and commit-msg hooks")));
    }
    None
}
