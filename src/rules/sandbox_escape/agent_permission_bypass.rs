//! A coding agent started with its permission checks or sandbox switched off
//! (`--dangerously-skip-permissions`, `--yolo`, `danger-full-access`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC008",
    name: "agent-permission-bypass",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &["claude", "codex", "gemini", "cursor-agent", "aider", "opencode", "amp", "qwen", "goose"],
    summary: "starts a coding agent with its permission checks off",
    why: "An agent without approvals or sandbox runs every command it decides on, unchecked.",
    check,
    fires: &[
        "claude --dangerously-skip-permissions -p 'fix the build'",
        "claude -p 'x' --permission-mode bypassPermissions",
        "codex --dangerously-bypass-approvals-and-sandbox exec 'x'",
        "codex exec --yolo 'deploy'",
        "codex -s danger-full-access 'x'",
        "codex --sandbox=danger-full-access 'x'",
        "gemini --yolo -p 'x'",
        "gemini -y -p 'x'",
        "bash -c 'claude --dangerously-skip-permissions'",
    ],
    passes: &["claude -p 'summarize README'", "codex exec 'run tests'", "gemini -p 'x'", "claude --permission-mode plan", "codex -s read-only 'x'"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let flag_with = |names: &[&str], bad: &[&str]| {
        args.iter().enumerate().any(|(i, a)| {
            names.iter().any(|n| {
                a.strip_prefix(n).and_then(|r| r.strip_prefix('=')).is_some_and(|v| bad.contains(&v))
                    || (a == n && args.get(i + 1).is_some_and(|v| bad.contains(v)))
            })
        })
    };
    let bypass = args.iter().any(|a| {
        ["--dangerously-skip-permissions", "--dangerously-bypass-approvals-and-sandbox", "--yolo", "--allow-dangerously-skip-permissions", "--yes-always"]
            .contains(a)
    }) || flag_with(&["--permission-mode"], &["bypassPermissions"])
        || flag_with(&["-s", "--sandbox"], &["danger-full-access"])
        || flag_with(&["--approval-mode"], &["yolo"])
        || (cmd.name == "gemini" && args.contains(&"-y"));
    bypass.then(|| Hit::on(&cmd.program).with_message(format!("`{}` runs with its permission checks or sandbox disabled", cmd.name)))
}
