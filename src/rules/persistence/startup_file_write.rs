//! Writes to files that run later: shell rc files, cron tables, systemd and
//! launchd units, autostart entries, git hooks, `ld.so.preload`.

use super::common::{is_authorized_keys, startup_kind};
use crate::rules::prelude::*;
use crate::rules::shared::changes::written;

pub(crate) static RULE: Rule = Rule {
    code: "PER001",
    name: "startup-file-write",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &[],
    summary: "writes a file that runs automatically later",
    why: "Code written into start-up files keeps running after the task, every time a shell, login, schedule or git operation starts.",
    check,
    fires: &[
        "echo 'export PATH=$HOME/bin:$PATH' >> ~/.bashrc",
        "printf 'alias ll=ls\\n' >> ~/.zshrc",
        "echo 'curl x | sh' | tee -a ~/.profile",
        "cp app.service ~/.config/systemd/user/",
        "sudo cp worker.service /etc/systemd/system/worker.service",
        "echo '* * * * * /tmp/x' | sudo tee /etc/cron.d/job",
        "ln -sf ../../scripts/pre-commit .git/hooks/pre-commit",
        "cat > .git/hooks/post-checkout <<'EOF'\n#!/bin/sh\nmake\nEOF",
        "sed -i 's/^plugins=.*/plugins=(git)/' ~/.zshrc",
        "cp agent.plist ~/Library/LaunchAgents/",
        "echo /tmp/libx.so | sudo tee /etc/ld.so.preload",
        "bash -c 'echo source ~/x.sh >> /root/.bashrc'",
        "install -m 755 hook.sh .git/hooks/pre-push",
        "chmod +x .git/hooks/pre-commit",
        "cp start.desktop ~/.config/autostart/",
        "echo \"alias ls='ls --color'\" >> ~/.bash_aliases",
        "echo 'import x' > ~/.local/lib/python3.12/site-packages/zz.pth",
    ],
    passes: &[
        "cat ~/.bashrc",
        "grep PATH ~/.zshrc",
        "cp ~/.bashrc backup/bashrc",
        "source ~/.bashrc",
        "echo hi >> notes.txt",
        "ls .git/hooks",
        "mkdir -p ~/.config/autostart",
        "cp .git/hooks/pre-commit.sample /tmp/x",
    ],
};

/// Every command: any writer (redirect, tee, cp, ln, sed -i, install, editors) may target a start-up file.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "mkdir" {
        return None;
    }
    if cmd.name == "chmod" && cmd.operands().next().is_some_and(|m| m.text.contains('x') || m.text.bytes().all(|b| b.is_ascii_digit())) {
        let hook = cmd.operands().skip(1).find(|w| w.path == PathClass::Startup && (w.text.contains(".git/hooks/") || w.text.contains(".husky/")))?;
        let mode = cmd.operands().next().map_or("", |m| m.text.as_str());
        return Some(Hit::on(hook).with_message(format!("`chmod {mode}` makes the git hook `{}` executable, so it runs on git operations", hook.text)));
    }
    written(cmd, cx.env).into_iter().filter(|w| !is_authorized_keys(w, cmd, cx)).find_map(|w| {
        let kind = startup_kind(&w, cmd, cx)?;
        let sure = !w.path.is_workspace() && !matches!(w.path, PathClass::Tmp | PathClass::Special | PathClass::Dynamic);
        sure.then(|| Hit::on(&w).with_message(format!("`{}` writes `{}`, which {kind}", cmd.name, w.text)))
    })
}
