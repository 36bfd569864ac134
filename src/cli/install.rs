//! `riskgate install AGENT` / `riskgate uninstall AGENT`: add or remove the
//! riskgate entry in an agent's hook settings (`docs/agents.md`, last table).
//!
//! Install proves itself; uninstall undoes exactly what install did:
//! - the hook command names the riskgate binary by absolute path (the
//!   running binary by default; a `--command` is parsed as a shell command,
//!   must run `riskgate hook` for the same agent, and its program is resolved
//!   on PATH and checked executable), so an agent whose PATH lacks riskgate
//!   does not run its tools unguarded;
//! - after writing, the installed command is run once with a harmless event in
//!   the agent's own format, and its answer must be that agent's allow; if it
//!   is not, the settings file is put back as it was and install fails;
//! - every other setting is kept, in its order (`serde_json`
//!   `preserve_order`), with the file's own indentation; files with comments
//!   or other non-JSON content are refused unchanged;
//! - before an existing file is changed its bytes are copied to
//!   `<file>.riskgate.bak` (or `.riskgate.bak.N` when an earlier backup exists:
//!   a backup is never overwritten), with the file's own permissions; a file
//!   install creates is user-only (0600), as are its records;
//! - install records what it did (file, agent, command, whether it created
//!   the file, hashes of the bytes before and after) under riskgate's state
//!   directory. Uninstall removes the handlers whose command is the recorded
//!   one (or, without a record, commands that run `riskgate hook`; never a
//!   handler that only mentions riskgate); when the file is still what install
//!   wrote, it gets back its original bytes, or is removed if install created
//!   it.

use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};
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
    /// The hook command to register; it must run `riskgate hook` for this
    /// agent (default: this binary's absolute path, `hook --agent AGENT`).
    /// A bare program name is resolved on PATH and written as an absolute path.
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
    /// Change the project's settings, at the root of the git repository the
    /// current directory is in (else the current directory).
    #[arg(long, conflicts_with = "user")]
    pub project: bool,
    /// With --project, Claude Code's personal, uncommitted
    /// `.claude/settings.local.json`.
    #[arg(long, requires = "project")]
    pub local: bool,
    /// Change the user's settings under $HOME (the default; Codex: $CODEX_HOME).
    #[arg(long)]
    pub user: bool,
    /// Change this file instead.
    #[arg(long, value_name = "PATH")]
    pub settings: Option<PathBuf>,
}

/// The settings file for an agent under a base directory (`docs/agents.md`).
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

/// A word quoted for a POSIX shell when it needs it.
fn shell_quote(word: &str) -> String {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The program and arguments of a hook command, read as the shell reads it;
/// `None` unless it is one plain command with literal words.
fn hook_words(command: &str) -> Option<(String, Vec<String>)> {
    let script = crate::ir::analyse(command, &crate::ir::Env::default());
    let [cmd] = script.commands.as_slice() else { return None };
    if !script.issues.is_empty() || cmd.program.dynamic || cmd.args.iter().any(|a| a.dynamic) || !cmd.redirects.is_empty() || !cmd.env.is_empty() {
        return None;
    }
    Some((cmd.program.text.clone(), cmd.args.iter().map(|a| a.text.clone()).collect()))
}

/// True when a hook command runs `riskgate hook`: its program is a
/// `riskgate` binary (any path) and its first argument is `hook`. A command
/// that only mentions riskgate (`wrapper --then riskgate hook`) is not.
#[must_use]
pub fn is_riskgate_command(command: &str) -> bool {
    hook_words(command).is_some_and(|(program, args)| {
        let base = program.rsplit(['/', '\\']).next().unwrap_or_default();
        (base == "riskgate" || base.eq_ignore_ascii_case("riskgate.exe")) && args.first().is_some_and(|a| a == "hook")
    })
}

/// The value of `--agent` in a hook command's arguments.
fn agent_arg(args: &[String]) -> Option<&str> {
    args.iter().enumerate().find_map(|(i, a)| if a == "--agent" { args.get(i + 1).map(String::as_str) } else { a.strip_prefix("--agent=") })
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// A program name looked up on `path` (a PATH value).
fn on_path(name: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?).map(|dir| dir.join(name)).find(|p| p.is_absolute() && is_executable(p))
}

/// The hook command this binary would register: its absolute path, `hook
/// --agent AGENT`.
///
/// # Errors
/// When the running binary's path cannot be found.
pub fn default_command(agent: Agent) -> anyhow::Result<String> {
    let exe = std::env::current_exe().and_then(fs::canonicalize).context("finding the path of the running riskgate binary")?;
    Ok(format!("{} hook --agent {agent}", shell_quote(&exe.to_string_lossy())))
}

/// Checks a `--command` and returns it with its program as an absolute path.
///
/// # Errors
/// A command that is not one `riskgate hook` command, names another agent,
/// or whose program is relative, missing or not executable.
pub fn resolve_command(command: &str, agent: Agent, path_var: Option<&std::ffi::OsStr>) -> anyhow::Result<String> {
    let Some((program, args)) = hook_words(command) else {
        bail!("the hook command must be one plain command running `riskgate hook` (got `{command}`)");
    };
    if !is_riskgate_command(command) {
        bail!("the hook command must run `riskgate hook` (got `{command}`)");
    }
    match agent_arg(&args) {
        Some(named) if named != agent.as_str() => bail!("the hook command is for `--agent {named}`, not {agent}: each agent needs its own protocol"),
        _ => {}
    }
    let resolved = if program.contains('/') {
        let p = PathBuf::from(&program);
        if !p.is_absolute() {
            bail!("the hook command's program `{program}` is a relative path; agents run hooks from varying directories, give an absolute path");
        }
        p
    } else {
        on_path(&program, path_var).with_context(|| format!("`{program}` is not on PATH; give the absolute path of the riskgate binary"))?
    };
    if !is_executable(&resolved) {
        bail!("`{}` is not an executable file", resolved.display());
    }
    let mut words = vec![shell_quote(&resolved.to_string_lossy())];
    words.extend(args.iter().map(|a| shell_quote(a)));
    if agent_arg(&args).is_none() {
        words.push(format!("--agent {agent}"));
    }
    Ok(words.join(" "))
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

/// Removes the handlers `ours` picks, then the groups, event list and
/// `hooks` object that this left empty; returns how many were removed.
///
/// # Errors
/// When the document, `hooks` or the event list has the wrong type.
pub fn remove(doc: &mut Value, agent: Agent, ours: impl Fn(&str) -> bool) -> anyhow::Result<usize> {
    let key = event_key(agent);
    let root = object(doc, "the settings file")?;
    let Some(hooks) = root.get_mut("hooks") else { return Ok(0) };
    let hooks = object(hooks, "`hooks`")?;
    let Some(list) = hooks.get_mut(key) else { return Ok(0) };
    let list = list.as_array_mut().with_context(|| format!("`hooks.{key}` is not a JSON array"))?;
    let is_ours = |h: &Value| handler_command(h).is_some_and(&ours);
    let mut removed = 0;
    match agent {
        Agent::Cursor => list.retain(|h| {
            let mine = is_ours(h);
            removed += usize::from(mine);
            !mine
        }),
        _ => list.retain_mut(|group| {
            let Some(group_handlers) = group.get_mut("hooks").and_then(Value::as_array_mut) else { return true };
            let before = group_handlers.len();
            group_handlers.retain(|h| !is_ours(h));
            let mine = before - group_handlers.len();
            removed += mine;
            mine == 0 || !group_handlers.is_empty()
        }),
    }
    if removed > 0 {
        if list.is_empty() {
            hooks.shift_remove(key);
        }
        if hooks.is_empty() {
            root.shift_remove("hooks");
        }
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

/// The indentation a JSON text uses: the leading blanks of its first
/// indented line (two spaces when it has none).
fn indentation(text: &str) -> String {
    text.lines().skip(1).map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()]).find(|ws| !ws.is_empty()).unwrap_or("  ").to_string()
}

/// The document as text in the original's indentation, ending in a newline.
fn render(doc: &Value, original: Option<&str>) -> anyhow::Result<String> {
    let indent = indentation(original.unwrap_or_default());
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes()));
    doc.serialize(&mut ser)?;
    let mut text = String::from_utf8(buf)?;
    text.push('\n');
    Ok(text)
}

/// The first backup path of a settings file (`<file>.riskgate.bak`).
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".riskgate.bak");
    PathBuf::from(name)
}

/// The first backup path not taken: `.riskgate.bak`, then `.riskgate.bak.2`, …
fn free_backup_path(path: &Path) -> PathBuf {
    let first = backup_path(path);
    if !first.exists() {
        return first;
    }
    (2..).map(|n| PathBuf::from(format!("{}.{n}", first.display()))).find(|p| !p.exists()).unwrap_or(first)
}

/// Writes `bytes` to a new file `path` with `mode` (user-only unless the
/// file it copies says otherwise), refusing to follow or replace anything.
fn write_new(path: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(unix)]
fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> u32 {
    0o600
}

/// Replaces the file at `target` (a resolved path) with `text` by rename,
/// keeping its permissions, or creates it user-only.
fn replace(target: &Path, text: &str) -> anyhow::Result<()> {
    let mode = if target.exists() { mode_of(target) } else { 0o600 };
    let tmp = PathBuf::from(format!("{}.riskgate.tmp", target.display()));
    fs::remove_file(&tmp).ok();
    write_new(&tmp, text.as_bytes(), mode)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(mode))?;
    }
    fs::rename(&tmp, target).with_context(|| format!("replacing {}", target.display()))
}

/// What install did to one settings file, so that uninstall can undo it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// The settings file, resolved.
    pub settings: PathBuf,
    /// The agent.
    pub agent: String,
    /// The hook command written.
    pub command: String,
    /// Whether install created the file, and the directories it created for it.
    pub created: Vec<PathBuf>,
    /// SHA-256 of the bytes before install (absent when install created the file).
    pub before: Option<String>,
    /// SHA-256 of the bytes install wrote.
    pub after: String,
    /// Where the bytes before install were copied.
    pub backup: Option<PathBuf>,
}

/// Where install keeps its records, and how it checks what it installed.
pub struct Setup {
    /// riskgate's state directory (`$XDG_STATE_HOME/riskgate`, else
    /// `~/.local/state/riskgate`).
    pub state_dir: PathBuf,
    /// Runs an installed command once with a harmless event of the agent
    /// (`cwd` is its workspace) and fails unless it answers allow.
    pub check: fn(Agent, &str, &Path) -> anyhow::Result<()>,
    /// PATH, for resolving a bare `--command` program.
    pub path_var: Option<std::ffi::OsString>,
}

/// riskgate's state directory from the environment.
#[must_use]
pub fn state_dir() -> Option<PathBuf> {
    let from = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_absolute());
    from("XDG_STATE_HOME").map(|d| d.join("riskgate")).or_else(|| from("HOME").map(|h| h.join(".local/state/riskgate")))
}

impl Setup {
    /// The records file.
    fn records_path(&self) -> PathBuf {
        self.state_dir.join("installs.json")
    }

    fn records(&self) -> Vec<Record> {
        fs::read_to_string(self.records_path()).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }

    fn save_records(&self, records: &[Record]) -> anyhow::Result<()> {
        if !self.state_dir.exists() {
            fs::create_dir_all(&self.state_dir).with_context(|| format!("creating {}", self.state_dir.display()))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                fs::set_permissions(&self.state_dir, fs::Permissions::from_mode(0o700)).ok();
            }
        }
        let mut text = serde_json::to_string_pretty(records)?;
        text.push('\n');
        let path = self.records_path();
        let tmp = PathBuf::from(format!("{}.tmp", path.display()));
        fs::remove_file(&tmp).ok();
        write_new(&tmp, text.as_bytes(), 0o600)?;
        fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
    }
}

fn sha256(bytes: &[u8]) -> String {
    crate::model::sha256_hex(bytes)
}

/// The file behind `path` (symlinks followed) where it exists.
fn resolved(path: &Path) -> anyhow::Result<PathBuf> {
    if path.exists() { fs::canonicalize(path).with_context(|| format!("resolving {}", path.display())) } else { Ok(path.to_path_buf()) }
}

/// Puts a file back as it was before a write: the original bytes, or no
/// file (and none of the directories created for it).
fn put_back(target: &Path, original: Option<&str>, created_dirs: &[PathBuf]) -> anyhow::Result<()> {
    match original {
        Some(text) => replace(target, text),
        None => {
            fs::remove_file(target).with_context(|| format!("removing {}", target.display()))?;
            for dir in created_dirs.iter().rev() {
                fs::remove_dir(dir).ok();
            }
            Ok(())
        }
    }
}

/// What to tell the user after installing for an agent.
fn next_steps(agent: Agent) -> &'static str {
    match agent {
        Agent::Claude => {
            "Next: restart Claude Code (hooks are read at start) and check with `/hooks`. If riskgate fails to run, Claude Code runs the tool anyway \
             (it has no fail-closed setting): keep this path valid."
        }
        Agent::Gemini => {
            "Next: restart Gemini CLI. Project hooks run only in trusted folders, and Gemini may ask you to trust this hook. If riskgate fails to run, \
             the tool runs with a warning (no fail-closed setting)."
        }
        Agent::Cursor => "Next: restart Cursor. The entry sets `failClosed: true`: if riskgate cannot run, shell commands are blocked, not run.",
        Agent::Codex => {
            "Next: restart Codex and trust the hook in `/hooks` (untrusted or changed hooks are skipped). Codex cannot ask: riskgate's asks become denies. \
             If riskgate fails to run, the tool runs (no fail-closed setting)."
        }
    }
}

/// Installs into one file, checks the installed command, and records it.
///
/// # Errors
/// Unreadable, non-JSON or mistyped settings, a failed write, or an
/// installed command that does not answer allow to a harmless event (the
/// file is then put back as it was).
pub fn install_at(path: &Path, agent: Agent, command: &str, setup: &Setup, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    if !is_riskgate_command(command) {
        bail!("the hook command must run `riskgate hook` (got `{command}`)");
    }
    let mut loaded = load(path)?;
    if let Some(existing) = installed(&loaded.doc, agent).with_context(|| format!("in {}", path.display()))? {
        writeln!(out, "riskgate: the {agent} hook is already installed in {} (command: {existing}); nothing changed", path.display())?;
        if existing != command {
            writeln!(out, "  (to change its command: `riskgate uninstall {agent}`, then install again)")?;
        }
        return Ok(ExitStatus::Success);
    }
    add(&mut loaded.doc, agent, command).with_context(|| format!("in {}", path.display()))?;
    let text = render(&loaded.doc, loaded.original.as_deref())?;
    let target = resolved(path)?;
    let mut created = Vec::new();
    if loaded.original.is_none() {
        let mut missing: Vec<PathBuf> = target.ancestors().skip(1).take_while(|d| !d.as_os_str().is_empty() && !d.exists()).map(Path::to_path_buf).collect();
        missing.reverse();
        if let Some(dir) = missing.last() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        created = missing;
    }
    let backup = match &loaded.original {
        Some(original) => {
            let backup = free_backup_path(&target);
            write_new(&backup, original.as_bytes(), mode_of(&target)).with_context(|| format!("writing the backup {}", backup.display()))?;
            Some(backup)
        }
        None => None,
    };
    replace(&target, &text)?;
    let workspace = target.parent().and_then(Path::parent).unwrap_or(Path::new("/")).to_path_buf();
    if let Err(e) = (setup.check)(agent, command, &workspace) {
        put_back(&target, loaded.original.as_deref(), &created)?;
        if let Some(b) = &backup {
            fs::remove_file(b).ok();
        }
        return Err(e.context(format!("the installed hook command did not answer as a {agent} hook; {} is unchanged", path.display())));
    }
    let mut records = setup.records();
    records.retain(|r| !(r.settings == target && r.agent == agent.as_str()));
    let mut created_all = created.clone();
    if loaded.original.is_none() {
        created_all.push(target.clone());
    }
    records.push(Record {
        settings: target.clone(),
        agent: agent.as_str().to_string(),
        command: command.to_string(),
        created: created_all,
        before: loaded.original.as_deref().map(|o| sha256(o.as_bytes())),
        after: sha256(text.as_bytes()),
        backup: backup.clone(),
    });
    setup.save_records(&records)?;
    writeln!(out, "riskgate: installed the {agent} hook in {}", path.display())?;
    writeln!(out, "  hooks.{}: {}", event_key(agent), entry(agent, command))?;
    writeln!(out, "  checked: the command answers a harmless {agent} event with allow")?;
    if let Some(b) = backup {
        writeln!(out, "  backup: {}", b.display())?;
    }
    writeln!(out, "{}", next_steps(agent))?;
    Ok(ExitStatus::Success)
}

/// Uninstalls from one file: exactly what install added, and the file's
/// original bytes back when nothing else changed it since.
///
/// # Errors
/// Unreadable, non-JSON or mistyped settings, or a failed write.
pub fn uninstall_at(path: &Path, agent: Agent, setup: &Setup, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let target = resolved(path)?;
    let mut records = setup.records();
    let record = records.iter().position(|r| r.settings == target && r.agent == agent.as_str()).map(|i| records.remove(i));
    let loaded = load(path)?;
    let current = loaded.original.as_deref().map(|t| sha256(t.as_bytes()));
    if let Some(rec) = record.as_ref().filter(|r| current.as_deref() == Some(r.after.as_str())) {
        // Untouched since install: the bytes from before, or no file.
        let original = match (&rec.before, &rec.backup) {
            (Some(before), Some(backup)) => {
                let bytes = fs::read_to_string(backup).ok().filter(|b| sha256(b.as_bytes()) == *before);
                Some(bytes.with_context(|| format!("the backup {} is missing or changed; nothing changed", backup.display()))?)
            }
            _ => None,
        };
        let dirs: Vec<PathBuf> = rec.created.iter().filter(|p| **p != target).cloned().collect();
        put_back(&target, original.as_deref(), &dirs)?;
        setup.save_records(&records)?;
        match original {
            Some(_) => writeln!(out, "riskgate: removed the riskgate {agent} hook from {}: the file is as it was before install", path.display())?,
            None => writeln!(out, "riskgate: removed {}, which install had created", path.display())?,
        }
        return Ok(ExitStatus::Success);
    }
    let mut loaded = loaded;
    let removed = match &record {
        Some(rec) => remove(&mut loaded.doc, agent, |c| c == rec.command).with_context(|| format!("in {}", path.display()))?,
        None => remove(&mut loaded.doc, agent, is_riskgate_command).with_context(|| format!("in {}", path.display()))?,
    };
    if removed == 0 {
        writeln!(out, "riskgate: no riskgate {agent} hook in {}; nothing changed", path.display())?;
        if record.is_some() {
            setup.save_records(&records)?;
        }
        return Ok(ExitStatus::Success);
    }
    let created_file = record.as_ref().is_some_and(|r| r.created.contains(&target));
    if created_file && loaded.doc.as_object().is_some_and(|o| o.is_empty() || o.len() == 1 && o.get("version") == Some(&json!(1))) {
        fs::remove_file(&target).with_context(|| format!("removing {}", target.display()))?;
        writeln!(out, "riskgate: removed {}, which install had created and which holds nothing else", path.display())?;
    } else {
        let backup = free_backup_path(&target);
        if let Some(original) = &loaded.original {
            write_new(&backup, original.as_bytes(), mode_of(&target))?;
        }
        let text = render(&loaded.doc, loaded.original.as_deref())?;
        replace(&target, &text)?;
        writeln!(out, "riskgate: removed {removed} riskgate hook handler(s) from {} (other changes since install are kept)", path.display())?;
        writeln!(out, "  backup: {}", backup.display())?;
    }
    if record.is_some() {
        setup.save_records(&records)?;
    }
    Ok(ExitStatus::Success)
}

/// The root of the git repository `dir` is in, else `dir`.
fn project_root(dir: &Path) -> PathBuf {
    dir.ancestors().find(|d| d.join(".git").exists()).unwrap_or(dir).to_path_buf()
}

fn resolve(agent: Agent, target: &Target) -> anyhow::Result<PathBuf> {
    if let Some(path) = &target.settings {
        return Ok(path.clone());
    }
    if target.local && agent != Agent::Claude {
        bail!("--local is Claude Code's settings.local.json; {agent} has no such file");
    }
    if target.project {
        let root = project_root(&std::env::current_dir().context("finding the current directory")?);
        return Ok(if target.local { root.join(".claude/settings.local.json") } else { settings_path(agent, &root) });
    }
    if agent == Agent::Codex {
        if let Some(home) = std::env::var_os("CODEX_HOME").filter(|h| !h.is_empty()) {
            return Ok(PathBuf::from(home).join("hooks.json"));
        }
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|h| !h.is_empty()).context("$HOME is not set; pass --settings")?);
    Ok(settings_path(agent, &home))
}

/// A harmless event (`ls` in `cwd`) in the agent's own format.
#[must_use]
pub fn sample_event(agent: Agent, cwd: &Path) -> Value {
    let cwd = cwd.to_string_lossy();
    let session = "riskgate-install-check";
    match agent {
        Agent::Claude => {
            json!({"session_id": session, "cwd": cwd, "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"command": "ls"}})
        }
        Agent::Codex => json!({"session_id": session, "cwd": cwd, "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"command": "ls"}}),
        Agent::Gemini => {
            json!({"session_id": session, "cwd": cwd, "hook_event_name": "BeforeTool", "tool_name": "run_shell_command", "tool_input": {"command": "ls"}})
        }
        Agent::Cursor => json!({"conversation_id": session, "cwd": cwd, "hook_event_name": "beforeShellExecution", "command": "ls"}),
    }
}

/// True when a hook's stdout is the agent's allow (`docs/agents.md`).
#[must_use]
pub fn answers_allow(agent: Agent, stdout: &str) -> bool {
    let value = || serde_json::from_str::<Value>(stdout.trim()).ok();
    match agent {
        // Codex: allow is printing nothing.
        Agent::Codex => stdout.trim().is_empty(),
        Agent::Claude => value().is_some_and(|v| v["hookSpecificOutput"]["permissionDecision"] == "allow"),
        Agent::Gemini => value().is_some_and(|v| v["decision"] == "allow"),
        Agent::Cursor => value().is_some_and(|v| v["permission"] == "allow"),
    }
}

/// Runs a hook command the way the agents do (`sh -c`), with a harmless
/// event on stdin, and fails unless it answers allow within 30 seconds.
///
/// # Errors
/// When it cannot start, fails, times out or answers anything but allow.
pub fn run_check(agent: Agent, command: &str, cwd: &Path) -> anyhow::Result<()> {
    let event = sample_event(agent, cwd).to_string();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(if cwd.is_dir() { cwd } else { Path::new("/") })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting `sh -c` with the hook command")?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(event.as_bytes()).ok();
    }
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().ok();
            child.wait().ok();
            bail!("the hook command did not answer within 30 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let (mut stdout, mut stderr) = (String::new(), String::new());
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut stdout).ok();
    }
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr).ok();
    }
    if !status.success() {
        bail!("the hook command exited with {status}: {}", crate::adapters::single_line(stderr.trim()));
    }
    if !answers_allow(agent, &stdout) {
        bail!("the hook command answered `{}` to `ls`, not the {agent} allow", crate::adapters::single_line(stdout.trim()));
    }
    Ok(())
}

fn setup() -> anyhow::Result<Setup> {
    Ok(Setup {
        state_dir: state_dir().context("neither $XDG_STATE_HOME nor $HOME is set: riskgate has nowhere to record the install")?,
        check: run_check,
        path_var: std::env::var_os("PATH"),
    })
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let setup = setup()?;
    let path = resolve(args.agent, &args.target)?;
    let command = match &args.command {
        Some(c) => resolve_command(c, args.agent, setup.path_var.as_deref())?,
        None => default_command(args.agent)?,
    };
    install_at(&path, args.agent, &command, &setup, out)
}

pub(crate) fn run_uninstall(args: &UninstallArgs, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let setup = setup()?;
    let path = resolve(args.agent, &args.target)?;
    uninstall_at(&path, args.agent, &setup, out)
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

    fn setup(dir: &Path) -> Setup {
        Setup { state_dir: dir.join("state"), check: |_, _, _| Ok(()), path_var: None }
    }

    const COMMAND: &str = "/opt/riskgate/bin/riskgate hook --agent";

    fn command(agent: Agent) -> String {
        format!("{COMMAND} {agent}")
    }

    fn install(path: &Path, agent: Agent, setup: &Setup) -> String {
        let mut out = Vec::new();
        install_at(path, agent, &command(agent), setup, &mut out).expect("install");
        String::from_utf8(out).expect("utf8")
    }

    fn uninstall(path: &Path, agent: Agent, setup: &Setup) -> String {
        let mut out = Vec::new();
        uninstall_at(path, agent, setup, &mut out).expect("uninstall");
        String::from_utf8(out).expect("utf8")
    }

    /// Four-space indentation, another tool's hook, numbers spelt their own way.
    const SETTINGS: &str = "{\n    \"permissions\": {\"allow\": [\"Bash(npm test)\"], \"deny\": []},\n    \"hooks\": {\n        \"PreToolUse\": [\n            {\"matcher\": \"Bash\", \"hooks\": [{\"type\": \"command\", \"command\": \"other-tool check --then riskgate hook\"}]}\n        ],\n        \"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify\", \"timeout\": 1.50}]}]\n    },\n    \"model\": \"opus\"\n}\n";

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn round_trip_gives_back_the_original_bytes_and_mode() {
        use std::os::unix::fs::PermissionsExt;
        for agent in Agent::ALL.iter().copied() {
            let dir = TempDir::new();
            let setup = setup(&dir.0);
            let path = settings_path(agent, &dir.0);
            fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            let original = SETTINGS.replace("PreToolUse", event_key(agent));
            fs::write(&path, &original).expect("write");
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("chmod");

            let msg = install(&path, agent, &setup);
            assert!(msg.contains("installed") && msg.contains("Next:"), "{msg}");
            assert_eq!(fs::read_to_string(backup_path(&path)).expect("backup"), original);
            assert_eq!(mode(&backup_path(&path)), 0o600, "the backup keeps the file's mode");
            assert_eq!(mode(&path), 0o600);
            let once = fs::read_to_string(&path).expect("read");
            assert!(once.contains("\n    \"permissions\""), "{agent}: indentation kept: {once}");
            let doc: Value = serde_json::from_str(&once).expect("json");
            assert_eq!(doc["model"], "opus");
            assert_eq!(installed(&doc, agent).expect("ok"), Some(command(agent)));
            let keys: Vec<&String> = doc.as_object().expect("object").keys().collect();
            assert!(keys.starts_with(&[&"permissions".to_string(), &"hooks".to_string()]), "{agent}: order kept");

            assert!(install(&path, agent, &setup).contains("already installed"));
            assert_eq!(fs::read_to_string(&path).expect("read"), once, "{agent}: a second install changes nothing");

            let msg = uninstall(&path, agent, &setup);
            assert!(msg.contains("as it was before install"), "{msg}");
            assert_eq!(fs::read_to_string(&path).expect("read"), original, "{agent}: the bytes before install");
            assert_eq!(mode(&path), 0o600);
            assert!(uninstall(&path, agent, &setup).contains("nothing changed"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_install_created_is_removed_with_its_directories() {
        let dir = TempDir::new();
        let setup = setup(&dir.0);
        let path = settings_path(Agent::Claude, &dir.0.join("home"));
        install(&path, Agent::Claude, &setup);
        assert!(!backup_path(&path).exists(), "no backup of a file that did not exist");
        assert_eq!(mode(&path), 0o600, "settings files hold keys: a new one is user-only");
        assert_eq!(mode(&setup.records_path()), 0o600);
        uninstall(&path, Agent::Claude, &setup);
        assert!(!path.exists() && !dir.0.join("home").exists(), "the file and the directories install made are gone");
    }

    #[test]
    fn uninstall_after_other_edits_removes_only_the_recorded_handler() {
        let dir = TempDir::new();
        let setup = setup(&dir.0);
        let path = dir.0.join("settings.json");
        fs::write(&path, SETTINGS).expect("write");
        install(&path, Agent::Claude, &setup);
        // The user (or another tool) edits the file after install.
        let mut doc: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
        doc["model"] = json!("sonnet");
        fs::write(&path, render(&doc, Some(SETTINGS)).expect("render")).expect("write");
        let msg = uninstall(&path, Agent::Claude, &setup);
        assert!(msg.contains("removed 1"), "{msg}");
        let after: Value = serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("json");
        assert_eq!(after["model"], "sonnet", "the later edit is kept");
        assert_eq!(after["hooks"]["PreToolUse"][0]["hooks"][0]["command"], "other-tool check --then riskgate hook", "another tool's hook is kept");
        assert!(installed(&after, Agent::Claude).expect("ok").is_none());
        assert_eq!(fs::read_to_string(backup_path(&path)).expect("first backup"), SETTINGS, "the first backup is never overwritten");
        assert!(PathBuf::from(format!("{}.2", backup_path(&path).display())).exists());
    }

    #[test]
    fn a_failed_check_puts_the_file_back() {
        let dir = TempDir::new();
        let mut setup = setup(&dir.0);
        setup.check = |_, _, _| bail!("answered nothing");
        let path = dir.0.join("settings.json");
        fs::write(&path, SETTINGS).expect("write");
        let err = install_at(&path, Agent::Gemini, &command(Agent::Gemini), &setup, &mut Vec::new()).expect_err("refused");
        assert!(format!("{err:#}").contains("answered nothing"), "{err:#}");
        assert_eq!(fs::read_to_string(&path).expect("read"), SETTINGS);
        assert!(!backup_path(&path).exists());
        let missing = dir.0.join("new/settings.json");
        assert!(install_at(&missing, Agent::Gemini, &command(Agent::Gemini), &setup, &mut Vec::new()).is_err());
        assert!(!dir.0.join("new").exists(), "nothing is left of a refused install");
        assert!(setup.records().is_empty());
    }

    #[test]
    fn without_a_record_only_riskgate_hook_commands_are_removed() {
        let mut doc = json!({"hooks": {"PreToolUse": [
            {"matcher": "*", "hooks": [
                {"type": "command", "command": "/usr/local/bin/riskgate hook --agent claude"},
                {"type": "command", "command": "audit-tool"}
            ]},
            {"matcher": "Bash", "hooks": [{"type": "command", "command": "wrapper --log riskgate hook"}]}
        ]}});
        assert_eq!(remove(&mut doc, Agent::Claude, is_riskgate_command).expect("remove"), 1);
        assert_eq!(
            doc,
            json!({"hooks": {"PreToolUse": [
                {"matcher": "*", "hooks": [{"type": "command", "command": "audit-tool"}]},
                {"matcher": "Bash", "hooks": [{"type": "command", "command": "wrapper --log riskgate hook"}]}
            ]}})
        );
    }

    #[test]
    fn cursor_entry_is_flat_with_version_and_fails_closed() {
        let mut doc = json!({});
        assert!(add(&mut doc, Agent::Cursor, "/x/riskgate hook --agent cursor").expect("add"));
        assert_eq!(
            doc,
            json!({"version": 1, "hooks": {"beforeShellExecution": [{"command": "/x/riskgate hook --agent cursor", "timeout": 30, "failClosed": true}]}})
        );
    }

    #[test]
    fn refuses_bad_files_unchanged() {
        let dir = TempDir::new();
        let setup = setup(&dir.0);
        let path = dir.0.join("settings.json");
        for bad in ["{ // comment\n}", "[1]", r#"{"hooks": []}"#, r#"{"hooks": {"PreToolUse": {}}}"#] {
            fs::write(&path, bad).expect("write");
            assert!(install_at(&path, Agent::Claude, &command(Agent::Claude), &setup, &mut Vec::new()).is_err(), "{bad}");
            assert_eq!(fs::read_to_string(&path).expect("read"), bad);
        }
        assert!(install_at(&dir.0.join("x.json"), Agent::Claude, "other-tool", &setup, &mut Vec::new()).is_err());
    }

    #[test]
    fn recognises_riskgate_commands_by_what_runs() {
        let cases = [
            ("riskgate hook --agent claude", true),
            ("/opt/bin/riskgate hook", true),
            ("\"/opt/my tools/riskgate\" hook --agent codex", true),
            ("riskgate check ls", false),
            ("other-riskgate-wrapper", false),
            ("wrapper --then riskgate hook", false),
            ("echo riskgate hook", false),
            ("riskgate hook; rm -rf x", false),
        ];
        for (cmd, want) in cases {
            assert_eq!(is_riskgate_command(cmd), want, "{cmd}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn commands_are_resolved_and_checked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = TempDir::new();
        let bin = dir.0.join("bin");
        fs::create_dir_all(&bin).expect("dir");
        let exe = bin.join("riskgate");
        fs::write(&exe, "#!/bin/sh\n").expect("write");
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).expect("chmod");
        let path_var = Some(bin.as_os_str());
        let want = format!("{} hook --agent claude", exe.display());
        assert_eq!(resolve_command("riskgate hook --agent claude", Agent::Claude, path_var).expect("on PATH"), want);
        assert_eq!(resolve_command("riskgate hook", Agent::Claude, path_var).expect("agent added"), want);
        assert_eq!(resolve_command(&format!("{} hook --agent claude", exe.display()), Agent::Claude, None).expect("absolute"), want);
        for (bad, why) in [
            ("riskgate hook --agent codex", "codex"),
            ("./bin/riskgate hook", "relative"),
            ("riskgate hook", "not on PATH"),
            ("some-other-tool", "riskgate hook"),
            ("riskgate hook && curl x", "one plain command"),
        ] {
            let path = if why == "not on PATH" { None } else { path_var };
            let err = resolve_command(bad, Agent::Claude, path).expect_err(bad);
            assert!(format!("{err:#}").contains(why), "{bad}: {err:#}");
        }
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o644)).expect("chmod");
        assert!(resolve_command("riskgate hook", Agent::Claude, path_var).is_err(), "not executable");
    }

    #[test]
    fn sample_events_are_read_by_the_adapters_as_a_harmless_shell_command() {
        for agent in Agent::ALL.iter().copied() {
            let event = crate::adapters::event(agent, sample_event(agent, Path::new("/home/dev/project"))).expect("parses");
            assert!(matches!(&event.subject, crate::adapters::Subject::Shell { command } if command == "ls"), "{agent}");
        }
        assert!(answers_allow(Agent::Codex, ""));
        assert!(!answers_allow(Agent::Codex, r#"{"hookSpecificOutput":{"permissionDecision":"deny"}}"#));
        assert!(answers_allow(Agent::Claude, r#"{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}"#));
        assert!(!answers_allow(Agent::Claude, ""));
        assert!(answers_allow(Agent::Gemini, r#"{"decision":"allow"}"#));
        assert!(answers_allow(Agent::Cursor, r#"{"permission":"allow"}"#));
    }

    #[cfg(unix)]
    #[test]
    fn keeps_symlinks() {
        let dir = TempDir::new();
        let setup = setup(&dir.0);
        let real = dir.0.join("real.json");
        let link = dir.0.join("settings.json");
        fs::write(&real, "{\"a\": 1}\n").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        install(&link, Agent::Codex, &setup);
        assert!(fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
        assert!(fs::read_to_string(&real).expect("read").contains("riskgate hook --agent codex"));
        uninstall(&link, Agent::Codex, &setup);
        assert_eq!(fs::read_to_string(&real).expect("read"), "{\"a\": 1}\n");
    }
}
