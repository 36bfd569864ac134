//! `riskgate install AGENT` / `riskgate uninstall AGENT`: add or remove the
//! riskgate entry in an agent's hook settings (`docs/agents.md`, last table).
//!
//! Invariants:
//! - every other setting is kept, in its order (`serde_json` `preserve_order`);
//! - install is idempotent: with a riskgate entry already present, nothing is
//!   written;
//! - before an existing file is changed, its bytes are copied to
//!   `<file>.riskgate.bak`; the new file replaces it by rename, keeping the
//!   old permissions (and the symlink, by writing to its target);
//! - uninstall removes exactly the handlers whose command runs
//!   `riskgate hook`, then the group, event list and `hooks` object if that
//!   left them empty; nothing else.
//!
//! Files with comments or other non-JSON content are refused unchanged.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde_json::{Map, Value, json};

use crate::adapters::Agent;
use crate::cli::ExitStatus;

/// Arguments of `riskgate install`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agent whose hook settings to change.
    #[arg(value_enum)]
    pub agent: Agent,
    #[command(flatten)]
    pub target: Target,
    /// The hook command to register; it must run `riskgate hook`
    /// (default: `riskgate hook --agent AGENT`; give an absolute path if the
    /// agent's PATH lacks riskgate).
    #[arg(long, value_name = "CMD")]
    pub command: Option<String>,
}

/// Arguments of `riskgate uninstall`.
#[derive(Debug, clap::Args)]
pub struct UninstallArgs {
    /// The agent whose hook settings to change.
    #[arg(value_enum)]
    pub agent: Agent,
    #[command(flatten)]
    pub target: Target,
}

/// Which settings file to change.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// Change the project's settings, under the current directory.
    #[arg(long, conflicts_with = "user")]
    pub project: bool,
    /// Change the user's settings under $HOME (the default).
    #[arg(long)]
    pub user: bool,
    /// Change this file instead.
    #[arg(long, value_name = "PATH")]
    pub settings: Option<PathBuf>,
}

/// The settings file for an agent and scope (`docs/agents.md`).
#[must_use]
pub fn settings_path(agent: Agent, base: &Path) -> PathBuf {
    base.join(match agent {
        Agent::Claude => ".claude/settings.json",
        Agent::Gemini => ".gemini/settings.json",
        Agent::Cursor => ".cursor/hooks.json",
        Agent::Codex => ".codex/hooks.json",
    })
}

/// The hook event riskgate registers under.
#[must_use]
pub fn event_key(agent: Agent) -> &'static str {
    match agent {
        Agent::Claude | Agent::Codex => "PreToolUse",
        Agent::Gemini => "BeforeTool",
        Agent::Cursor => "beforeShellExecution",
    }
}

/// The default hook command.
#[must_use]
pub fn default_command(agent: Agent) -> String {
    format!("riskgate hook --agent {agent}")
}

/// True when a hook command runs `riskgate hook` (any path to the binary).
#[must_use]
pub fn is_riskgate_command(command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().map(|w| w.trim_matches(['"', '\''])).collect();
    command.contains("riskgate hook")
        || words.windows(2).any(|w| {
            let program = w[0].rsplit(['/', '\\']).next().unwrap_or_default();
            (program == "riskgate" || program.eq_ignore_ascii_case("riskgate.exe")) && w[1] == "hook"
        })
}

/// The entry riskgate adds to the event list.
#[must_use]
pub fn entry(agent: Agent, command: &str) -> Value {
    match agent {
        Agent::Claude => json!({
            "matcher": "Bash|Write|Edit|MultiEdit|NotebookEdit|Read|WebFetch",
            "hooks": [{"type": "command", "command": command, "timeout": 30}]
        }),
        Agent::Gemini => json!({
            "matcher": "run_shell_command|write_file|replace|read_file|web_fetch",
            "hooks": [{"name": "riskgate", "type": "command", "command": command, "timeout": 30000, "description": "riskgate pre-execution check"}]
        }),
        Agent::Cursor => json!({"command": command, "timeout": 30, "failClosed": true}),
        Agent::Codex => json!({
            "matcher": "Bash|apply_patch",
            "hooks": [{"type": "command", "command": command, "timeout": 30, "statusMessage": "riskgate"}]
        }),
    }
}

/// The handlers of one event-list item: the item itself for Cursor's flat
/// list, the group's `hooks` for the others.
fn handlers(agent: Agent, item: &Value) -> Vec<&Value> {
    match agent {
        Agent::Cursor => vec![item],
        _ => item.get("hooks").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default(),
    }
}

fn handler_command(handler: &Value) -> Option<&str> {
    handler.get("command").and_then(Value::as_str)
}

fn object<'a>(value: &'a mut Value, what: &str) -> anyhow::Result<&'a mut Map<String, Value>> {
    value.as_object_mut().with_context(|| format!("{what} is not a JSON object"))
}

/// The riskgate command already registered for this agent, if any.
///
/// # Errors
/// When `hooks` or the event list has the wrong type.
pub fn installed(doc: &Value, agent: Agent) -> anyhow::Result<Option<String>> {
    let Some(hooks) = doc.get("hooks") else { return Ok(None) };
    if !hooks.is_object() {
        bail!("`hooks` is not a JSON object");
    }
    let Some(list) = hooks.get(event_key(agent)) else { return Ok(None) };
    let list = list.as_array().with_context(|| format!("`hooks.{}` is not a JSON array", event_key(agent)))?;
    Ok(list.iter().flat_map(|item| handlers(agent, item)).filter_map(handler_command).find(|c| is_riskgate_command(c)).map(str::to_string))
}

/// Adds the entry; returns false (and changes nothing) when a riskgate
/// entry is already there.
///
/// # Errors
/// When the document, `hooks` or the event list has the wrong type.
pub fn add(doc: &mut Value, agent: Agent, command: &str) -> anyhow::Result<bool> {
    if installed(doc, agent)?.is_some() {
        return Ok(false);
    }
    let root = object(doc, "the settings file")?;
    if agent == Agent::Cursor && !root.contains_key("version") {
        root.insert("version".into(), json!(1));
    }
    let hooks = object(root.entry("hooks").or_insert_with(|| json!({})), "`hooks`")?;
    let list = hooks.entry(event_key(agent)).or_insert_with(|| json!([]));
    list.as_array_mut().context("the event list is not a JSON array")?.push(entry(agent, command));
    Ok(true)
}

/// Removes riskgate's handlers; returns how many were removed.
///
/// # Errors
/// When the document, `hooks` or the event list has the wrong type.
pub fn remove(doc: &mut Value, agent: Agent) -> anyhow::Result<usize> {
    if installed(doc, agent)?.is_none() {
        return Ok(0);
    }
    let key = event_key(agent);
    let root = object(doc, "the settings file")?;
    let hooks = object(root.get_mut("hooks").context("no hooks")?, "`hooks`")?;
    let list = hooks.get_mut(key).and_then(Value::as_array_mut).context("no event list")?;
    let mut removed = 0;
    match agent {
        Agent::Cursor => list.retain(|h| {
            let ours = handler_command(h).is_some_and(is_riskgate_command);
            removed += usize::from(ours);
            !ours
        }),
        _ => list.retain_mut(|group| {
            let Some(group_handlers) = group.get_mut("hooks").and_then(Value::as_array_mut) else { return true };
            let before = group_handlers.len();
            group_handlers.retain(|h| !handler_command(h).is_some_and(is_riskgate_command));
            let ours = before - group_handlers.len();
            removed += ours;
            ours == 0 || !group_handlers.is_empty()
        }),
    }
    if list.is_empty() {
        hooks.shift_remove(key);
    }
    if hooks.is_empty() {
        root.shift_remove("hooks");
    }
    Ok(removed)
}

/// A settings file as read: its bytes (when it exists) and its JSON.
struct Loaded {
    original: Option<String>,
    doc: Value,
}

fn load(path: &Path) -> anyhow::Result<Loaded> {
    match fs::read_to_string(path) {
        Ok(text) if text.trim().is_empty() => Ok(Loaded { original: Some(text), doc: json!({}) }),
        Ok(text) => {
            let doc: Value =
                serde_json::from_str(&text).with_context(|| format!("{} is not plain JSON (comments are not supported); nothing changed", path.display()))?;
            if !doc.is_object() {
                bail!("{} does not hold a JSON object; nothing changed", path.display());
            }
            Ok(Loaded { original: Some(text), doc })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Loaded { original: None, doc: json!({}) }),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// The backup file for a settings file.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".riskgate.bak");
    PathBuf::from(name)
}

/// Writes the backup (when the file existed), then the new content by rename.
fn save(path: &Path, loaded: &Loaded) -> anyhow::Result<Option<PathBuf>> {
    let mut text = serde_json::to_string_pretty(&loaded.doc)?;
    text.push('\n');
    let backup = match &loaded.original {
        Some(original) => {
            let backup = backup_path(path);
            fs::write(&backup, original).with_context(|| format!("writing the backup {}", backup.display()))?;
            Some(backup)
        }
        None => None,
    };
    let target = if loaded.original.is_some() { fs::canonicalize(path).with_context(|| format!("resolving {}", path.display()))? } else { path.to_path_buf() };
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let tmp = backup_path(&target).with_extension("tmp");
    fs::write(&tmp, &text).with_context(|| format!("writing {}", tmp.display()))?;
    if loaded.original.is_some() {
        fs::set_permissions(&tmp, fs::metadata(&target)?.permissions())?;
    }
    fs::rename(&tmp, &target).with_context(|| format!("replacing {}", target.display()))?;
    Ok(backup)
}

fn resolve(agent: Agent, target: &Target) -> anyhow::Result<PathBuf> {
    if let Some(path) = &target.settings {
        return Ok(path.clone());
    }
    let base = if target.project {
        std::env::current_dir().context("finding the current directory")?
    } else {
        PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty()).context("$HOME is not set; pass --settings")?)
    };
    Ok(settings_path(agent, &base))
}

/// Installs into one file.
///
/// # Errors
/// Unreadable, non-JSON or mistyped settings, or a failed write.
pub fn install_at(path: &Path, agent: Agent, command: &str, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    if !is_riskgate_command(command) {
        bail!("the hook command must run `riskgate hook` (got `{command}`)");
    }
    let mut loaded = load(path)?;
    if let Some(existing) = installed(&loaded.doc, agent).with_context(|| format!("in {}", path.display()))? {
        writeln!(out, "riskgate: the {agent} hook is already installed in {} (command: {existing}); nothing changed", path.display())?;
        return Ok(ExitStatus::Success);
    }
    add(&mut loaded.doc, agent, command).with_context(|| format!("in {}", path.display()))?;
    let backup = save(path, &loaded)?;
    writeln!(out, "riskgate: installed the {agent} hook in {}", path.display())?;
    writeln!(out, "  hooks.{}: {}", event_key(agent), entry(agent, command))?;
    if let Some(b) = backup {
        writeln!(out, "  backup: {}", b.display())?;
    }
    Ok(ExitStatus::Success)
}

/// Uninstalls from one file.
///
/// # Errors
/// Unreadable, non-JSON or mistyped settings, or a failed write.
pub fn uninstall_at(path: &Path, agent: Agent, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let mut loaded = load(path)?;
    let removed = remove(&mut loaded.doc, agent).with_context(|| format!("in {}", path.display()))?;
    if removed == 0 {
        writeln!(out, "riskgate: no riskgate {agent} hook in {}; nothing changed", path.display())?;
        return Ok(ExitStatus::Success);
    }
    let backup = save(path, &loaded)?;
    writeln!(out, "riskgate: removed {removed} riskgate hook handler(s) from {}", path.display())?;
    if let Some(b) = backup {
        writeln!(out, "  backup: {}", b.display())?;
    }
    Ok(ExitStatus::Success)
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let path = resolve(args.agent, &args.target)?;
    let command = args.command.clone().unwrap_or_else(|| default_command(args.agent));
    install_at(&path, args.agent, &command, out)
}

pub(crate) fn run_uninstall(args: &UninstallArgs, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let path = resolve(args.agent, &args.target)?;
    uninstall_at(&path, args.agent, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!("riskgate-install-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
            fs::create_dir_all(&dir).expect("temp dir");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            fs::remove_dir_all(&self.0).ok();
        }
    }

    fn install(path: &Path, agent: Agent) -> String {
        let mut out = Vec::new();
        install_at(path, agent, &default_command(agent), &mut out).expect("install");
        String::from_utf8(out).expect("utf8")
    }

    fn uninstall(path: &Path, agent: Agent) -> String {
        let mut out = Vec::new();
        uninstall_at(path, agent, &mut out).expect("uninstall");
        String::from_utf8(out).expect("utf8")
    }

    const CLAUDE_SETTINGS: &str = r#"{
  "permissions": {"allow": ["Bash(npm test)"], "deny": []},
  "hooks": {
    "PreToolUse": [
      {"matcher": "Bash", "hooks": [{"type": "command", "command": "other-tool check"}]}
    ],
    "Stop": [{"hooks": [{"type": "command", "command": "notify"}]}]
  },
  "model": "opus"
}
"#;

    #[test]
    fn round_trip_keeps_other_settings() {
        for agent in Agent::ALL.iter().copied() {
            let dir = TempDir::new();
            let path = settings_path(agent, &dir.0);
            fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            let original = CLAUDE_SETTINGS.replace("PreToolUse", event_key(agent));
            fs::write(&path, &original).expect("write");

            let msg = install(&path, agent);
            assert!(msg.contains("installed"), "{msg}");
            assert_eq!(fs::read_to_string(backup_path(&path)).expect("backup"), original);
            let once = fs::read_to_string(&path).expect("read");
            let doc: Value = serde_json::from_str(&once).expect("json");
            assert_eq!(doc["model"], "opus");
            assert_eq!(doc["permissions"]["allow"][0], "Bash(npm test)");
            let list = doc["hooks"][event_key(agent)].as_array().expect("list");
            assert_eq!(list.len(), 2, "{agent}: {once}");
            assert_eq!(installed(&doc, agent).expect("ok"), Some(default_command(agent)));
            let keys: Vec<&String> = doc.as_object().expect("object").keys().collect();
            assert_eq!(&keys[..3], ["permissions", "hooks", "model"], "{agent}: order kept");

            let msg = install(&path, agent);
            assert!(msg.contains("already installed"), "{msg}");
            assert_eq!(fs::read_to_string(&path).expect("read"), once, "{agent}: second install changes nothing");

            let msg = uninstall(&path, agent);
            assert!(msg.contains("removed 1"), "{msg}");
            let after: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
            let mut want: Value = serde_json::from_str(&original).expect("json");
            if agent == Agent::Cursor {
                want.as_object_mut().expect("object").insert("version".into(), json!(1));
                assert_eq!(after.get("version"), Some(&json!(1)));
                let mut after = after.clone();
                after.as_object_mut().expect("object").shift_remove("version");
                want.as_object_mut().expect("object").shift_remove("version");
                assert_eq!(after, want, "{agent}");
            } else {
                assert_eq!(after, want, "{agent}");
            }
            assert!(uninstall(&path, agent).contains("nothing changed"));
        }
    }

    #[test]
    fn install_into_a_missing_file_creates_it_and_uninstall_empties_it() {
        let dir = TempDir::new();
        let path = settings_path(Agent::Claude, &dir.0);
        install(&path, Agent::Claude);
        assert!(!backup_path(&path).exists(), "no backup of a file that did not exist");
        let doc: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(doc["hooks"]["PreToolUse"][0]["hooks"][0]["command"], "riskgate hook --agent claude");
        uninstall(&path, Agent::Claude);
        assert_eq!(fs::read_to_string(&path).expect("read"), "{}\n");
    }

    #[test]
    fn cursor_entry_is_flat_with_version() {
        let mut doc = json!({});
        assert!(add(&mut doc, Agent::Cursor, "riskgate hook --agent cursor").expect("add"));
        assert_eq!(
            doc,
            json!({"version": 1, "hooks": {"beforeShellExecution": [{"command": "riskgate hook --agent cursor", "timeout": 30, "failClosed": true}]}})
        );
    }

    #[test]
    fn uninstall_keeps_other_handlers_in_a_shared_group() {
        let mut doc = json!({"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [
            {"type": "command", "command": "/usr/local/bin/riskgate hook --agent claude"},
            {"type": "command", "command": "audit-tool"}
        ]}]}});
        assert_eq!(remove(&mut doc, Agent::Claude).expect("remove"), 1);
        assert_eq!(doc, json!({"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [{"type": "command", "command": "audit-tool"}]}]}}));
    }

    #[test]
    fn refuses_bad_files_unchanged() {
        let dir = TempDir::new();
        let path = dir.0.join("settings.json");
        for bad in ["{ // comment\n}", "[1]", r#"{"hooks": []}"#, r#"{"hooks": {"PreToolUse": {}}}"#] {
            fs::write(&path, bad).expect("write");
            assert!(install_at(&path, Agent::Claude, "riskgate hook --agent claude", &mut Vec::new()).is_err(), "{bad}");
            assert_eq!(fs::read_to_string(&path).expect("read"), bad);
        }
        assert!(install_at(&dir.0.join("x.json"), Agent::Claude, "other-tool", &mut Vec::new()).is_err());
    }

    #[test]
    fn recognises_riskgate_commands() {
        let cases = [
            ("riskgate hook --agent claude", true),
            ("/opt/bin/riskgate hook", true),
            ("\"/opt/my tools/riskgate\" hook --agent codex", true),
            ("C:\\tools\\riskgate.exe hook --agent codex", true),
            ("riskgate check ls", false),
            ("other-riskgate-wrapper", false),
        ];
        for (cmd, want) in cases {
            assert_eq!(is_riskgate_command(cmd), want, "{cmd}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new();
        let real = dir.0.join("real.json");
        let link = dir.0.join("settings.json");
        fs::write(&real, "{\"a\": 1}\n").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).expect("chmod");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        install(&link, Agent::Codex);
        assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
        assert_eq!(fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o600);
        assert!(fs::read_to_string(&real).expect("read").contains("riskgate hook --agent codex"));
    }
}
