//! Changes to the agent's own permission, hook or sandbox settings
//! (`.claude/settings*.json`, `.codex/`, `.gemini/`, `.cursor/`, this classifier's config).

use crate::rules::prelude::*;
use crate::rules::shared::changes::{removed, written};

pub(crate) static RULE: Rule = Rule {
    code: "ESC007",
    name: "agent-config-edit",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &[],
    summary: "edits the coding agent's own permission or hook settings",
    why: "An agent that rewrites its own permissions or hooks removes the checks meant to stop it.",
    check,
    fires: &[
        "echo '{\"permissions\":{\"allow\":[\"Bash(*)\"]}}' > .claude/settings.json",
        "jq '.permissions.allow += [\"Bash\"]' .claude/settings.json > tmp && mv tmp .claude/settings.local.json",
        "sed -i 's/\"ask\"/\"allow\"/' ~/.claude/settings.json",
        "rm .claude/settings.local.json",
        "cp /tmp/s.json ~/.codex/config.toml",
        "tee .riskgate.toml < /dev/null",
        "mv ~/.claude/settings.json ~/.claude/settings.old",
        "bash -c 'cat > .gemini/settings.json <<EOF\n{}\nEOF'",
        "vim .cursor/rules",
        "echo '{\"mcpServers\":{\"x\":{\"command\":\"sh\"}}}' > .mcp.json",
        "claude config set -g autoUpdates false",
        "claude mcp add fs -- npx server-fs",
    ],
    passes: &[
        "cat .claude/settings.json",
        "jq . ~/.claude/settings.json",
        "cp .claude/settings.json /tmp/backup.json",
        "ls ~/.codex",
        "claude --version",
        "claude mcp list",
        "mkdir -p .claude",
    ],
};

/// Agent settings files the path classes miss: MCP server lists, which add tools the agent runs.
const AGENT_FILES: &[&str] = &[".mcp.json", "claude_desktop_config.json", "mcp_config.json"];

fn is_agent_config(w: &Word) -> bool {
    w.path == PathClass::AgentConfig || AGENT_FILES.contains(&w.text.rsplit('/').next().unwrap_or_default())
}

/// Every command: any writer or remover may target the agent's settings.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if cmd.name == "claude" {
        let subs: Vec<&str> = cmd.args.iter().take(2).map(|a| a.text.as_str()).collect();
        if matches!(subs.as_slice(), ["config", "set" | "add" | "remove"] | ["mcp", "add" | "add-json" | "remove" | "add-from-claude-desktop"]) {
            return Some(Hit::command().with_message(format!("`claude {}` changes the agent's own settings", subs.join(" "))));
        }
    }
    // Creating the settings directory changes nothing by itself.
    if let Some(w) = written(cmd, cx.env).into_iter().find(|w| is_agent_config(w) && cmd.name != "mkdir") {
        return Some(Hit::on(&w).with_message(format!("`{}` writes `{}`, the agent's own settings", cmd.name, w.text)));
    }
    let w = removed(cmd).into_iter().find(|w| is_agent_config(w))?;
    Some(Hit::on(w).with_message(format!("`{}` removes or moves `{}`, the agent's own settings", cmd.name, w.text)))
}
