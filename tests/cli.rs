//! Process-level tests of the binary: the hook for every agent (fixtures in
//! `tests/fixtures/hooks/`), its fail-closed answers, the audit log, the
//! exit codes of `check` and `rules`, and an install/uninstall round trip.
//!
//! Decisions are asserted on clear cases only; the rules are still growing.
//! Every process runs with `HOME=/home/dev`, the fixtures' home.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_riskgate");

fn riskgate(args: &[&str], stdin: &[u8]) -> Output {
    riskgate_with(args, stdin, &[])
}

/// Runs the binary with `HOME=/home/dev`, no user config file (unless `envs`
/// names one) and no audit log from the environment.
fn riskgate_with(args: &[&str], stdin: &[u8], envs: &[(&str, &Path)]) -> Output {
    // A fresh state directory: hook events with a session id keep a ledger there.
    let state = tempfile::tempdir().expect("state dir");
    // And a fresh cache directory: long code's findings are kept there.
    let cache = tempfile::tempdir().expect("cache dir");
    let mut child = Command::new(BIN)
        .args(args)
        .env("HOME", "/home/dev")
        .env("XDG_STATE_HOME", state.path())
        .env("XDG_CACHE_HOME", cache.path())
        .env("RISKGATE_CONFIG", "/nonexistent/riskgate/config.toml")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("RISKGATE_AUDIT_LOG")
        .envs(envs.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("riskgate runs");
    child.stdin.take().expect("stdin").write_all(stdin).expect("write stdin");
    child.wait_with_output().expect("riskgate exits")
}

fn fixture(agent: &str, name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hooks").join(agent).join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs the hook on a fixture; returns (stdout, stderr) after checking exit 0.
fn hook(agent: &str, name: &str) -> (String, String) {
    let out = riskgate(&["hook", "--agent", agent], &fixture(agent, name));
    let stdout = String::from_utf8(out.stdout).expect("utf8");
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert_eq!(out.status.code(), Some(0), "{agent}/{name}: {stdout} {stderr}");
    (stdout, stderr)
}

fn json(stdout: &str) -> Value {
    assert_eq!(stdout.lines().count(), 1, "one JSON line: {stdout:?}");
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout:?}"))
}

/// The decision field of an agent's reply; `None` for an empty stdout.
fn decision(agent: &str, stdout: &str) -> Option<String> {
    if stdout.is_empty() {
        return None;
    }
    let v = json(stdout);
    let field = match agent {
        "claude" | "codex" => v.pointer("/hookSpecificOutput/permissionDecision"),
        "gemini" => v.get("decision"),
        "cursor" => v.get("permission"),
        _ => unreachable!(),
    };
    field.and_then(Value::as_str).map(str::to_string)
}

fn claude(name: &str) -> Option<String> {
    decision("claude", &hook("claude", name).0)
}

#[test]
fn claude_fixtures() {
    assert_eq!(claude("bash_allow_ls.json").as_deref(), Some("allow"));
    assert_eq!(claude("read_source_file.json").as_deref(), Some("allow"));
    assert_eq!(claude("multiedit_src_legacy.json").as_deref(), Some("allow"));
    assert_eq!(claude("notebook_edit.json").as_deref(), Some("allow"));
    assert_eq!(claude("webfetch.json").as_deref(), Some("allow"));
    assert_eq!(claude("edit_claude_settings.json").as_deref(), Some("ask"));
    assert_eq!(claude("write_env_file.json").as_deref(), Some("ask"));
    assert_eq!(claude("read_ssh_key.json").as_deref(), Some("ask"));
    assert_eq!(claude("bash_rm_rf_home.json").as_deref(), Some("deny"));
    // Remote-code rules are still being written: only check the answer's shape.
    assert!(claude("bash_curl_pipe_sh.json").is_some());
    assert_eq!(claude("other_tool_glob.json"), None, "no opinion is an empty stdout");
    assert_eq!(claude("mcp_tool.json"), None);
}

#[test]
fn claude_reasons_carry_rule_codes() {
    let v = json(&hook("claude", "edit_claude_settings.json").0);
    assert_eq!(v["hookSpecificOutput"]["hookEventName"], "PreToolUse");
    let reason = v["hookSpecificOutput"]["permissionDecisionReason"].as_str().expect("reason");
    assert!(reason.starts_with("riskgate HK001 agent-config-write:"), "{reason}");
    assert!(!reason.contains('\n'));
}

#[test]
fn gemini_fixtures() {
    let gemini = |name| decision("gemini", &hook("gemini", name).0);
    assert_eq!(gemini("shell_allow_ls.json").as_deref(), Some("allow"));
    assert_eq!(gemini("write_file_env.json").as_deref(), Some("ask"));
    assert_eq!(gemini("shell_rm_rf_home.json").as_deref(), Some("deny"));
    assert_eq!(gemini("shell_git_push_force_dir_path.json").as_deref(), Some("ask"));
    assert!(gemini("shell_legacy_directory_param.json").is_some());
    let other = br#"{"hook_event_name":"BeforeTool","cwd":"/home/dev/project","tool_name":"glob","tool_input":{"pattern":"*"}}"#;
    let out = riskgate(&["hook", "--agent", "gemini"], other);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "{}", "no opinion is {{}}");
}

#[test]
fn gemini_ask_has_reason_and_system_message() {
    let v = json(&hook("gemini", "write_file_env.json").0);
    assert!(v["reason"].as_str().is_some_and(|r| r.contains("HK003")), "{v}");
    assert!(v["systemMessage"].as_str().is_some_and(|r| r.contains("HK003")), "{v}");
}

#[test]
fn cursor_fixtures() {
    let cursor = |name| decision("cursor", &hook("cursor", name).0);
    assert_eq!(cursor("before_shell_allow_ls.json").as_deref(), Some("allow"));
    assert_eq!(cursor("before_shell_rm_rf_home.json").as_deref(), Some("deny"));
    assert_eq!(cursor("before_shell_minimal_v1_7.json").as_deref(), Some("ask"), "git push --force");
    for name in ["before_shell_sandboxed_npm_test.json", "before_shell_curl_pipe_sh.json"] {
        assert!(cursor(name).is_some(), "{name}: a decision");
    }
}

#[test]
fn codex_fixtures() {
    let codex = |name| hook("codex", name).0;
    assert_eq!(codex("bash_allow_ls.json"), "", "allow is an empty stdout");
    assert_eq!(codex("mcp_tool.json"), "", "no opinion is an empty stdout");
    assert_eq!(decision("codex", &codex("bash_rm_rf_home.json")).as_deref(), Some("deny"));
}

#[test]
fn codex_ask_becomes_deny_with_a_hand_over_reason() {
    let v = json(&hook("codex", "apply_patch_env_file.json").0);
    assert_eq!(v["hookSpecificOutput"]["permissionDecision"], "deny");
    let reason = v["hookSpecificOutput"]["permissionDecisionReason"].as_str().expect("reason");
    assert!(reason.contains("HK003") && reason.contains("run it themselves"), "{reason}");
    assert!(v["systemMessage"].as_str().is_some(), "{v}");
    let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["hookSpecificOutput", "systemMessage"], "Codex rejects unknown fields");
}

#[test]
fn agent_is_detected_from_the_payload() {
    let cases = [
        ("claude", "bash_allow_ls.json"),
        ("claude", "edit_claude_settings.json"),
        ("gemini", "write_file_env.json"),
        ("cursor", "before_shell_minimal_v1_7.json"),
        ("codex", "apply_patch_env_file.json"),
        ("codex", "bash_rm_rf_home.json"),
    ];
    for (agent, name) in cases {
        let detected = riskgate(&["hook"], &fixture(agent, name));
        assert_eq!(detected.status.code(), Some(0), "{agent}/{name}");
        assert_eq!(String::from_utf8_lossy(&detected.stdout), hook(agent, name).0, "{agent}/{name}");
    }
}

#[test]
fn malformed_json_asks_with_the_cause_on_stderr() {
    let out = riskgate(&["hook", "--agent", "claude"], b"{\"hook_event_name\": \"PreToolUse\", ");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(decision("claude", &stdout).as_deref(), Some("ask"), "{stdout}");
    assert!(stdout.contains("RG016"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"), "{:?}", out.stderr);
}

#[test]
fn empty_stdin_asks_in_every_protocol() {
    for (agent, want) in [("claude", "ask"), ("gemini", "ask"), ("cursor", "ask"), ("codex", "deny")] {
        let out = riskgate(&["hook", "--agent", agent], b"");
        assert_eq!(out.status.code(), Some(0), "{agent}");
        assert_eq!(decision(agent, &String::from_utf8_lossy(&out.stdout)).as_deref(), Some(want), "{agent}");
        assert!(!out.stderr.is_empty(), "{agent}: cause on stderr");
    }
}

#[test]
fn unknown_event_asks() {
    let post = br#"{"hook_event_name":"PostToolUse","cwd":"/home/dev/project","tool_name":"Bash","tool_input":{"command":"ls"}}"#;
    let out = riskgate(&["hook", "--agent", "claude"], post);
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("ask"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PostToolUse"));
}

#[test]
fn unknown_agent_blocks_with_exit_2() {
    for input in [&b""[..], b"not json", br#"{"command":"ls"}"#] {
        let out = riskgate(&["hook"], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        let v = json(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(v["decision"], "block");
        assert!(!out.stderr.is_empty());
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("riskgate-cli-{tag}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn audit_log_gets_one_line_per_event() {
    let dir = TempDir::new("audit");
    let log = dir.0.join("audit.jsonl");
    let log_arg = log.to_str().expect("utf8 path");
    riskgate(&["hook", "--agent", "claude", "--audit-log", log_arg], &fixture("claude", "bash_allow_ls.json"));
    riskgate(&["hook", "--agent", "claude", "--audit-log", log_arg], &fixture("claude", "edit_claude_settings.json"));
    riskgate_with(&["hook", "--agent", "codex"], b"{oops", &[("RISKGATE_AUDIT_LOG", &log)]);

    let text = fs::read_to_string(&log).expect("log written");
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!((lines[0]["agent"].as_str(), lines[0]["command"].as_str(), lines[0]["decision"].as_str()), (Some("claude"), Some("ls -la"), Some("allow")));
    assert_eq!(lines[0]["cwd"], "/home/dev/project");
    assert!(lines[0]["ts"].as_u64().is_some_and(|t| t > 1_600_000_000));
    assert_eq!((lines[1]["tool"].as_str(), lines[1]["decision"].as_str()), (Some("Edit"), Some("ask")));
    assert_eq!(lines[1]["rules"], serde_json::json!(["HK001"]));
    assert_eq!((lines[2]["agent"].as_str(), lines[2]["decision"].as_str()), (Some("codex"), Some("ask")));
    assert!(lines[2]["error"].as_str().is_some_and(|e| e.contains("JSON")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&log).expect("meta").permissions().mode() & 0o777, 0o600, "the log holds full commands: user-only");
    }
}

#[test]
fn audit_log_from_the_user_config() {
    let dir = TempDir::new("config-log");
    let log = dir.0.join("from-config.jsonl");
    let config = dir.0.join("config.toml");
    fs::write(&config, format!("audit-log = {:?}\n", log.to_str().expect("utf8 path"))).expect("write config");
    let out = riskgate_with(&["hook", "--agent", "gemini"], &fixture("gemini", "shell_allow_ls.json"), &[("RISKGATE_CONFIG", &config)]);
    assert_eq!(decision("gemini", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("allow"));
    let line: Value = serde_json::from_str(fs::read_to_string(&log).expect("log written").trim()).expect("json");
    assert_eq!((line["agent"].as_str(), line["decision"].as_str()), (Some("gemini"), Some("allow")));
}

#[test]
fn a_broken_config_makes_file_tools_ask_too() {
    let dir = TempDir::new("bad-config");
    let config = dir.0.join("config.toml");
    fs::write(&config, "no-such-setting = 1\n").expect("write config");
    let out = riskgate_with(&["hook", "--agent", "claude"], &fixture("claude", "read_source_file.json"), &[("RISKGATE_CONFIG", &config)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(decision("claude", &stdout).as_deref(), Some("ask"), "{stdout}");
    assert!(stdout.contains("RG007"), "{stdout}");
}

#[test]
fn unwritable_audit_log_warns_and_keeps_the_answer() {
    let out = riskgate(&["hook", "--agent", "claude", "--audit-log", "/nonexistent/dir/audit.jsonl"], &fixture("claude", "bash_allow_ls.json"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("allow"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: audit log"));
}

#[test]
fn check_exit_codes() {
    assert_eq!(riskgate(&["check", "ls -la"], b"").status.code(), Some(0));
    // Without the model, a program riskgate has no spec for is at least `ask` (RG005).
    assert_eq!(riskgate(&["check", "--no-model", "frobnicate-the-widgets --now"], b"").status.code(), Some(10));
    // A model directory that does not load fails closed: what the model would decide asks.
    assert_eq!(riskgate(&["check", "--model", "/nonexistent", "ls -la"], b"").status.code(), Some(10));
    assert_eq!(riskgate(&["check", "rm -rf /"], b"").status.code(), Some(20));
    assert_eq!(riskgate(&["check", "--json", "ls"], b"").status.code(), Some(0));
}

#[test]
fn rules_lookup_of_an_unknown_code_exits_2() {
    let out = riskgate(&["rules", "XYZ999"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("XYZ999"));
    assert_eq!(riskgate(&["rules"], b"").status.code(), Some(0));
}

#[test]
fn check_judges_in_the_current_directory_with_its_project_config() {
    let dir = TempDir::new("place");
    let project = dir.0.join("proj");
    fs::create_dir_all(project.join("sub")).expect("dir");
    fs::write(project.join(".riskgate.toml"), "deny = [\"make deploy\"]\n").expect("config");
    let run = |cwd: &Path, args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(cwd)
            .env("HOME", dir.0.join("home"))
            .env("RISKGATE_CONFIG", "/nonexistent/riskgate/config.toml")
            .output()
            .expect("riskgate runs")
    };
    // The current directory is the workspace, and its .riskgate.toml applies.
    assert_eq!(run(&project, &["check", "make deploy"]).status.code(), Some(20));
    let out = run(&project, &["explain", "ls"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("workspace {}", project.display())) && text.contains(&format!("home {}", dir.0.join("home").display())), "{text}");
    // A relative --cwd is resolved against the current directory.
    let out = run(&project.join("sub"), &["explain", "--cwd", "..", "ls"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("workspace {} ", project.display())));
    // Deleting a directory of the project is routine there, and not outside it.
    assert_eq!(run(&project, &["check", "rm", "-rf", "build"]).status.code(), Some(0));
    assert_eq!(run(&project, &["check", "--home", "/home/dev", "rm", "-rf", "/home/dev"]).status.code(), Some(20));
}

#[test]
fn rules_explains_every_code_a_user_can_see() {
    for (code, name) in [("DES001", "recursive-delete-of-root-or-home"), ("RG005", "unknown-program"), ("hk007", "write-outside-workspace")] {
        let out = riskgate(&["rules", code], b"");
        assert_eq!(out.status.code(), Some(0), "{code}");
        assert!(String::from_utf8_lossy(&out.stdout).contains(name), "{code}");
    }
}

/// Runs the binary in `dir` with `HOME` and riskgate's state under `dir`,
/// and more variables from `envs`.
fn riskgate_in(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("HOME", dir.join("home"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("RISKGATE_CONFIG", "/nonexistent/riskgate/config.toml")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("CODEX_HOME")
        .env_remove("RISKGATE_AUDIT_LOG")
        .envs(envs.iter().copied())
        .output()
        .expect("riskgate runs")
}

/// The hook command installed for `agent` in a settings document.
fn installed_command(doc: &Value, agent: &str) -> String {
    let list = match agent {
        "cursor" => &doc["hooks"]["beforeShellExecution"],
        "gemini" => &doc["hooks"]["BeforeTool"],
        _ => &doc["hooks"]["PreToolUse"],
    };
    let item = list.as_array().and_then(|l| l.last()).expect("an entry");
    let handler = if agent == "cursor" { item } else { &item["hooks"][0] };
    handler["command"].as_str().expect("a command").to_string()
}

/// Runs an installed hook command as the agent would, with that agent's
/// fixture event, and returns its stdout.
fn run_installed(command: &str, fixture: &str) -> String {
    let mut child = Command::new("sh")
        .args(["-c", command])
        .env("RISKGATE_CONFIG", "/nonexistent/riskgate/config.toml")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sh runs");
    child.stdin.take().expect("stdin").write_all(&fs::read(fixture).expect("fixture")).expect("write");
    let out = child.wait_with_output().expect("hook runs");
    assert_eq!(out.status.code(), Some(0), "{command}");
    String::from_utf8(out.stdout).expect("utf8")
}

#[cfg(unix)]
#[test]
fn install_proves_itself_and_uninstall_gives_back_the_bytes() {
    use std::os::unix::fs::PermissionsExt;
    let bin = fs::canonicalize(BIN).expect("binary path");
    for (agent, fixture, allow) in [
        ("claude", "tests/fixtures/hooks/claude/bash_allow_ls.json", r#""permissionDecision":"allow""#),
        ("gemini", "tests/fixtures/hooks/gemini/shell_allow_ls.json", r#""decision":"allow""#),
        ("cursor", "tests/fixtures/hooks/cursor/before_shell_allow_ls.json", r#""permission":"allow""#),
        ("codex", "tests/fixtures/hooks/codex/bash_allow_ls.json", ""),
    ] {
        let dir = TempDir::new("install");
        let settings = dir.0.join("settings.json");
        let event = if agent == "gemini" {
            "BeforeTool"
        } else if agent == "cursor" {
            "beforeShellExecution"
        } else {
            "PreToolUse"
        };
        // Four-space indentation, another tool's hook, a user-only file.
        let original = format!(
            "{{\n    \"model\": \"opus\",\n    \"hooks\": {{\n        \"{event}\": [{{\"hooks\": [{{\"type\": \"command\", \"command\": \"notify --then riskgate hook\"}}]}}]\n    }}\n}}\n"
        );
        fs::write(&settings, &original).expect("write");
        fs::set_permissions(&settings, fs::Permissions::from_mode(0o600)).expect("chmod");
        let path = settings.to_str().expect("utf8 path");

        let out = riskgate_in(&dir.0, &["install", agent, "--settings", path], &[]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{agent}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("checked") && stdout.contains("Next:"), "{stdout}");
        let doc: Value = serde_json::from_str(&fs::read_to_string(&settings).expect("read")).expect("json");
        let command = installed_command(&doc, agent);
        assert_eq!(command, format!("{} hook --agent {agent}", bin.display()), "the absolute path of the binary");
        // The installed command, run as the agent runs it, gives that agent's allow.
        let answer = run_installed(&command, fixture);
        if allow.is_empty() {
            assert!(answer.trim().is_empty(), "{agent}: {answer}");
        } else {
            assert!(answer.replace(' ', "").contains(allow), "{agent}: {answer}");
        }
        assert_eq!(fs::metadata(&settings).expect("meta").permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(dir.0.join("settings.json.riskgate.bak")).expect("backup").permissions().mode() & 0o777, 0o600);

        let out = riskgate_in(&dir.0, &["uninstall", agent, "--settings", path], &[]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(fs::read_to_string(&settings).expect("read"), original, "{agent}: the same bytes as before install");
    }
}

#[test]
fn install_refuses_commands_that_would_not_guard() {
    let dir = TempDir::new("refuse");
    let settings = dir.0.join("settings.json");
    let path = settings.to_str().expect("utf8 path");
    for (command, env_path, why) in [
        ("some-other-tool", "/usr/bin:/bin", "riskgate hook"),
        ("riskgate hook --agent codex", "/usr/bin:/bin", "not claude"),
        ("./riskgate hook", "/usr/bin:/bin", "relative"),
        ("riskgate hook", "/nonexistent", "not on PATH"),
    ] {
        let out = riskgate_in(&dir.0, &["install", "claude", "--settings", path, "--command", command], &[("PATH", env_path)]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(why), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!settings.exists(), "{command}: nothing written");
    }
}

#[cfg(unix)]
#[test]
fn install_of_a_command_that_does_not_answer_is_undone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("silent");
    // A program called riskgate that answers nothing: Claude would run every tool unguarded.
    let fake = dir.0.join("bin/riskgate");
    fs::create_dir_all(fake.parent().expect("dir")).expect("dir");
    fs::write(&fake, "#!/bin/sh\ncat > /dev/null\n").expect("write");
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).expect("chmod");
    let settings = dir.0.join("home/.claude/settings.json");
    let out = riskgate_in(&dir.0, &["install", "claude", "--command", &format!("{} hook --agent claude", fake.display())], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not answer"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!settings.exists() && !dir.0.join("home/.claude").exists(), "a refused install leaves nothing");
}

#[test]
fn install_scopes_pick_the_documented_files() {
    let dir = TempDir::new("scopes");
    fs::create_dir_all(dir.0.join(".git")).expect("repo");
    let sub = dir.0.join("src/deep");
    fs::create_dir_all(&sub).expect("dir");
    let run_in = |cwd: &Path, args: &[&str], envs: &[(&str, &str)]| {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(cwd)
            .env("HOME", dir.0.join("home"))
            .env("XDG_STATE_HOME", dir.0.join("state"))
            .env("RISKGATE_CONFIG", "/nonexistent/riskgate/config.toml")
            .env_remove("CODEX_HOME")
            .envs(envs.iter().copied())
            .output()
            .expect("riskgate runs");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run_in(&sub, &["install", "gemini", "--project"], &[]);
    run_in(&sub, &["install", "claude", "--project", "--local"], &[]);
    run_in(&dir.0, &["install", "codex", "--user"], &[]);
    let codex_home = dir.0.join("codex-home");
    run_in(&dir.0, &["install", "codex"], &[("CODEX_HOME", codex_home.to_str().expect("utf8"))]);
    run_in(&dir.0, &["install", "claude"], &[]);
    let gemini: Value = serde_json::from_str(&fs::read_to_string(dir.0.join(".gemini/settings.json")).expect("at the repository root")).expect("json");
    assert_eq!(gemini["hooks"]["BeforeTool"][0]["hooks"][0]["timeout"], 30000, "Gemini timeouts are in ms");
    assert!(dir.0.join(".claude/settings.local.json").exists());
    assert!(dir.0.join("home/.codex/hooks.json").exists());
    assert!(codex_home.join("hooks.json").exists(), "CODEX_HOME is honoured");
    assert!(dir.0.join("home/.claude/settings.json").exists(), "--user is the default");
    run_in(&sub, &["uninstall", "gemini", "--project"], &[]);
    assert!(!dir.0.join(".gemini").exists(), "a file install created is removed with its directory");
}

#[test]
fn eval_reports_metrics_and_malformed_lines() {
    let out = riskgate(&["eval", "--json", "tests/fixtures/eval/small.jsonl"], b"");
    // A malformed record is reported and makes the exit code say so.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("small.jsonl:4"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("eval --json prints JSON");
    for field in [
        "n",
        "confusion",
        "risky_recall",
        "deny_recall",
        "deny_as_allow",
        "benign_allow_rate",
        "prompts_per_100",
        "per_category",
        "per_source",
        "latency_us",
        "misclassified",
        "datasets",
        "malformed",
    ] {
        assert!(v.get(field).is_some(), "missing field {field}");
    }
    assert_eq!(v["n"], 4);
    assert_eq!(v["deny_as_allow"], 0);
    assert_eq!(v["confusion"][2][2], 1, "rm -rf / is denied");
    assert_eq!(v["malformed"].as_array().map(Vec::len), Some(1));
}

#[test]
fn eval_baselines_and_report() {
    let dir = std::env::temp_dir().join(format!("riskgate-eval-report-{}", std::process::id()));
    let out = riskgate(&["eval", "--mode", "ask-all", "--expect", "escalate", "--report", dir.to_str().unwrap(), "tests/fixtures/eval/small.jsonl"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.join("report.html")).expect("report written");
    assert!(html.contains("<svg") && html.contains("Confusion matrix"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("100.0%"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The charts a person reads carry axis values and say which records they cover.
#[test]
fn eval_report_charts_have_axes() {
    let dir = TempDir::new("report");
    let out = riskgate(&["eval", "--report", dir.0.to_str().expect("utf8"), "tests/fixtures/eval/small.jsonl"], b"");
    assert!(out.status.code().is_some());
    let html = fs::read_to_string(dir.0.join("report.html")).expect("report written");
    for tick in [">0.00<", ">0.50<", ">1.00<", ">precision<", ">recall<", ">records<", ">1ms<", "records have a risk score", "All "] {
        assert!(html.contains(tick), "missing {tick:?}");
    }
}

/// Issue 17: the second call of a session (`rm -rf scratch_dir`) is allowed
/// only because the first call of the same session created the directory;
/// another session asks, and the ledger file is the user's only.
#[test]
fn hook_session_ledger_allows_undoing_own_work() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("ws");
    fs::create_dir(&ws).expect("ws");
    let state = tmp.path().join("state");
    let home = tmp.path().join("home");
    fs::create_dir(&home).expect("home");
    let call = |session: &str, command: &str| {
        let event =
            serde_json::json!({"hook_event_name": "PreToolUse", "session_id": session, "cwd": ws, "tool_name": "Bash", "tool_input": {"command": command}});
        let out =
            riskgate_with(&["hook", "--agent", "claude", "--session-ledger"], event.to_string().as_bytes(), &[("XDG_STATE_HOME", &state), ("HOME", &home)]);
        let stdout = String::from_utf8(out.stdout).expect("utf8");
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        decision("claude", &stdout)
    };
    assert_eq!(call("other-session", "rm -rf scratch_dir").as_deref(), Some("ask"));
    assert_eq!(call("session-1", "mkdir scratch_dir").as_deref(), Some("allow"));
    fs::create_dir(ws.join("scratch_dir")).expect("the agent runs it");
    assert_eq!(call("session-1", "rm -rf scratch_dir").as_deref(), Some("allow"));
    assert_eq!(call("other-session", "rm -rf scratch_dir").as_deref(), Some("ask"));
    // A call that makes nothing, or is denied, leaves the stored ledger as it was.
    let ledger_file = || {
        fs::read_dir(state.join("riskgate/sessions"))
            .expect("ledgers")
            .filter_map(Result::ok)
            .find(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| e.path())
    };
    let path = ledger_file().expect("session-1's ledger");
    let before = (fs::read(&path).expect("read"), fs::metadata(&path).and_then(|m| m.modified()).expect("mtime"));
    assert_eq!(call("session-1", "ls -la").as_deref(), Some("allow"));
    assert_eq!(call("session-1", &["rm", "-rf", "/"].join(" ")).as_deref(), Some("deny"));
    assert_eq!((fs::read(&path).expect("read"), fs::metadata(&path).and_then(|m| m.modified()).expect("mtime")), before);
    // What a call undoes is forgotten even when recording it into an empty
    // ledger adds nothing: a popped stash no longer lets `git stash drop` through.
    assert_eq!(call("session-2", "git stash").as_deref(), Some("allow"));
    assert_eq!(call("session-2", "git stash drop").as_deref(), Some("allow"), "the session's own stash");
    assert_eq!(call("session-2", "git stash").as_deref(), Some("allow"));
    assert_eq!(call("session-2", "git stash pop stash@{0}").as_deref(), Some("allow"));
    assert_eq!(call("session-2", "git stash drop").as_deref(), Some("ask"), "the session's stash was popped");
    // The ledger is opt-in: without --session-ledger the hook neither reads nor keeps one.
    let event = serde_json::json!({"hook_event_name": "PreToolUse", "session_id": "session-1", "cwd": ws, "tool_name": "Bash", "tool_input": {"command": "rm -rf scratch_dir"}});
    let out = riskgate_with(&["hook", "--agent", "claude"], event.to_string().as_bytes(), &[("XDG_STATE_HOME", &state), ("HOME", &home)]);
    assert_eq!(decision("claude", &String::from_utf8(out.stdout).expect("utf8")).as_deref(), Some("ask"));
    let dir = state.join("riskgate/sessions");
    assert_eq!(fs::metadata(&dir).expect("ledger dir").permissions().mode() & 0o777, 0o700);
    for f in fs::read_dir(&dir).expect("ledgers") {
        assert_eq!(f.expect("entry").metadata().expect("meta").permissions().mode() & 0o777, 0o600);
    }
}

/// A workspace whose `npm test` and `make` run a project file that wipes the
/// home directory (written by the test, never run).
fn project_with_risky_scripts() -> TempDir {
    let dir = TempDir::new("project-files");
    let wipe = ["rm", "-rf", "~"].join(" ");
    fs::write(dir.0.join("package.json"), format!(r#"{{"scripts":{{"test":"node t.js","posttest":"{wipe}","lint":"eslint ."}}}}"#)).expect("write");
    fs::write(dir.0.join("Makefile"), "build:\n\tcargo build\n").expect("write");
    dir
}

#[test]
fn check_reads_the_project_files_a_command_runs() {
    let dir = project_with_risky_scripts();
    let cwd = dir.0.to_str().expect("utf8");
    let out = riskgate(&["check", "--json", "--cwd", cwd, "npm test"], b"");
    let v = json(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(v["decision"], "deny", "{v}");
    assert!(v["reasons"][0]["message"].as_str().is_some_and(|m| m.contains("package.json")), "the reason names the file: {v}");
    // A script's reason names its line.
    fs::write(dir.0.join("wipe.sh"), format!("#!/bin/sh\necho start\n{}\n", ["rm", "-rf", "~"].join(" "))).expect("write");
    let out = riskgate(&["check", "--json", "--cwd", cwd, "bash wipe.sh"], b"");
    let v = json(&String::from_utf8_lossy(&out.stdout));
    assert!(v["reasons"][0]["message"].as_str().is_some_and(|m| m.contains("(in `wipe.sh` line 3, which this command runs)")), "{v}");
    // What runs from the same files without harm stays allowed.
    for cmd in ["npm run lint", "make build"] {
        let out = riskgate(&["check", "--json", "--cwd", cwd, cmd], b"");
        assert_eq!(json(&String::from_utf8_lossy(&out.stdout))["decision"], "allow", "{cmd}");
    }
}

#[test]
fn the_hook_reads_project_files_and_the_user_can_turn_it_off() {
    let dir = project_with_risky_scripts();
    let event = serde_json::json!({
        "session_id": "", "hook_event_name": "PreToolUse", "tool_name": "Bash",
        "tool_input": {"command": "npm test"}, "cwd": dir.0.to_str().expect("utf8"),
    })
    .to_string();
    let out = riskgate(&["hook", "--agent", "claude"], event.as_bytes());
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("deny"));
    let config = dir.0.join("user.toml");
    fs::write(&config, "read-workspace-files = false\n").expect("write config");
    let out = riskgate_with(&["hook", "--agent", "claude"], event.as_bytes(), &[("RISKGATE_CONFIG", &config)]);
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("allow"), "not read: the project's own code");
    // A project's own `.riskgate.toml` cannot turn reading off.
    fs::write(dir.0.join(".riskgate.toml"), "read-workspace-files = false\n").expect("write project config");
    let out = riskgate(&["hook", "--agent", "claude"], event.as_bytes());
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("deny"));
}

#[test]
fn the_hook_keeps_what_long_project_code_does_and_the_user_can_turn_it_off() {
    // A 1,000-line tool whose last line wipes the home directory (written
    // here, never run).
    let dir = TempDir::new("code-cache");
    let mut code = String::from("import os, shutil\n");
    for i in 0..330 {
        code.push_str(&format!("def step_{i}(rows):\n    return sum(r.get('v{i}', 0) for r in rows)\n\n"));
    }
    code.push_str(&["shutil", ".rmtree(os.path.expanduser('~'))\n"].concat());
    fs::write(dir.0.join("tool.py"), &code).expect("write");
    let event = serde_json::json!({
        "session_id": "", "hook_event_name": "PreToolUse", "tool_name": "Bash",
        "tool_input": {"command": "python3 tool.py"}, "cwd": dir.0.to_str().expect("utf8"),
    })
    .to_string();
    let cache = dir.0.join("cache");
    let entries = || fs::read_dir(cache.join("riskgate/code")).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect::<Vec<_>>()).unwrap_or_default();
    for round in ["analysed", "read back"] {
        let out = riskgate_with(&["hook", "--agent", "claude"], event.as_bytes(), &[("XDG_CACHE_HOME", &cache)]);
        assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("deny"), "{round}");
        assert_eq!(entries().len(), 1, "{round}: one entry for the file");
    }
    // An edit is another entry, judged anew.
    fs::write(dir.0.join("tool.py"), code.replace("shutil.rmtree", "print")).expect("write");
    let out = riskgate_with(&["hook", "--agent", "claude"], event.as_bytes(), &[("XDG_CACHE_HOME", &cache)]);
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("allow"));
    assert_eq!(entries().len(), 2);
    // `code-cache = false`: nothing is kept, and the code is judged the same.
    fs::remove_dir_all(&cache).expect("clear");
    fs::write(dir.0.join("tool.py"), &code).expect("write");
    let config = dir.0.join("user.toml");
    fs::write(&config, "code-cache = false\n").expect("write config");
    let out = riskgate_with(&["hook", "--agent", "claude"], event.as_bytes(), &[("XDG_CACHE_HOME", &cache), ("RISKGATE_CONFIG", &config)]);
    assert_eq!(decision("claude", &String::from_utf8_lossy(&out.stdout)).as_deref(), Some("deny"));
    assert!(entries().is_empty());
    // Writing into the cache is editing riskgate's own state: it asks, also
    // where `$XDG_CACHE_HOME` moved it (here, into the workspace).
    let moved = format!("cp x.json {}/riskgate/code/0a.json", cache.display());
    for cmd in [["cp x.json ~/.cache/riskgate/code/", "0a.json"].concat(), moved] {
        let out = riskgate_with(&["check", "--json", "--cwd", dir.0.to_str().expect("utf8"), &cmd], b"", &[("XDG_CACHE_HOME", &cache)]);
        let v = json(&String::from_utf8_lossy(&out.stdout));
        assert_ne!(v["decision"], "allow", "{cmd}: {v}");
        assert!(v["categories"].as_array().is_some_and(|c| c.contains(&"sandbox_escape".into())), "{cmd}: {v}");
    }
}

#[test]
fn score_does_not_read_project_files() {
    let dir = project_with_risky_scripts();
    let line = serde_json::json!({"command": "npm test", "cwd": dir.0.to_str().expect("utf8")}).to_string() + "\n";
    let out = riskgate(&["score", "-"], line.as_bytes());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"allow\""), "batch scoring judges the command line alone: {stdout}");
}

/// The binary links position-dependent (`build.rs`): its loader applies no
/// relocations at start (issue 21), unless built with `RISKGATE_PIE=1`.
#[cfg(target_os = "linux")]
#[test]
fn the_binary_is_position_dependent_unless_asked_for_pie() {
    let bytes = fs::read(BIN).expect("read the binary");
    assert_eq!(&bytes[..4], b"\x7fELF");
    // e_type: 2 = EXEC (position-dependent), 3 = DYN (PIE).
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    let expected = if option_env!("RISKGATE_PIE") == Some("1") { 3 } else { 2 };
    assert_eq!(e_type, expected);
}
