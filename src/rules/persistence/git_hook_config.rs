//! Git configured to run programs on later git operations: `core.hooksPath`,
//! `core.fsmonitor`, `init.templateDir`, `core.sshCommand`, filter drivers.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER007",
    name: "git-hook-config",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &["git"],
    summary: "configures git to run a program on later git operations",
    why: "Hook paths and command-valued git settings run code on every commit, checkout or fetch, long after the task.",
    check,
    fires: &[
        "git config core.hooksPath .githooks",
        "git config --global core.hooksPath ~/.hooks",
        "git config --local core.fsmonitor ./watch.sh",
        "git config --global init.templateDir ~/.git-template",
        "git config core.sshCommand 'ssh -i /tmp/k'",
        "git config filter.lfsx.smudge 'sh ./x'",
        "bash -c 'git config --system core.hookspath /opt/hooks'",
    ],
    passes: &[
        "git config core.hooksPath",
        "git config --get core.hooksPath",
        "git config user.name dev",
        "git -c core.hooksPath=/dev/null status",
        "git config --unset core.hooksPath",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if !cmd.is_sub(&["config"]) || cmd.has_any_flag(&["--get", "--get-all", "--unset", "--unset-all", "-l", "--list", "--get-regexp"]) {
        return None;
    }
    let ops: Vec<&Word> = cmd.operands().filter(|w| !["set", "get"].contains(&w.text.as_str())).collect();
    let (key, value) = (ops.first()?, ops.get(1)?);
    let k = key.text.to_ascii_lowercase();
    let runs = ["core.hookspath", "core.fsmonitor", "init.templatedir", "core.sshcommand"].contains(&k.as_str())
        || (k.starts_with("filter.") && (k.ends_with(".clean") || k.ends_with(".smudge") || k.ends_with(".process")))
        || (k.starts_with("diff.") && k.ends_with(".textconv"));
    runs.then(|| Hit::on(key).with_message(format!("`git config {} {}` makes git run it on later operations", key.text, value.text)))
}
