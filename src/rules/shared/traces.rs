//! Predicates for the evasion rules (shared with the destructive family so a
//! wiped history file or log is judged once, as evasion): history files,
//! system logs, and history-related shell variables.

/// File names that hold a shell's or REPL's command history.
const HISTORY_NAMES: &[&str] = &[
    ".bash_history",
    ".zsh_history",
    ".zhistory",
    ".history",
    ".sh_history",
    ".ksh_history",
    ".python_history",
    ".node_repl_history",
    ".psql_history",
    ".mysql_history",
    ".sqlite_history",
    ".irb_history",
    ".pry_history",
    ".lesshst",
    ".viminfo",
    ".rediscli_history",
    ".dbshell",
    ".mongosh_history",
    "fish_history",
    ".wget-hsts",
    ".local/share/fish/fish_history",
];

/// True when the path names a shell or REPL history file, in any directory.
pub(crate) fn is_history_file(path: &str) -> bool {
    let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    HISTORY_NAMES.contains(&name) || name.ends_with("_history") && name.starts_with('.')
}

/// Directories that hold the system's logs and login records.
const LOG_DIRS: &[&str] = &["/var/log", "/var/adm", "/private/var/log", "/Library/Logs", "/var/audit", "/var/run/utmp"];

/// True when the path is a system log or under a system log directory.
pub(crate) fn is_system_log(path: &str) -> bool {
    let p = path.trim_end_matches('/');
    LOG_DIRS.iter().any(|d| p == *d || p.strip_prefix(d).is_some_and(|r| r.starts_with('/')))
}

/// Shell variables that control whether history is recorded.
pub(crate) const HISTORY_VARS: &[&str] = &["HISTFILE", "HISTSIZE", "HISTFILESIZE", "SAVEHIST", "HISTCONTROL", "HISTIGNORE", "HISTORY_IGNORE", "PROMPT_COMMAND"];

/// True when assigning `value` to `name` stops or hides history recording.
pub(crate) fn disables_history(name: &str, value: &str) -> bool {
    let v = value.trim();
    match name {
        "HISTFILE" => v.is_empty() || v == "/dev/null",
        "HISTSIZE" | "HISTFILESIZE" | "SAVEHIST" => v == "0" || v.is_empty(),
        "HISTCONTROL" => v.contains("ignorespace") || v.contains("ignoreboth"),
        "HISTIGNORE" | "HISTORY_IGNORE" => v == "*" || v == "*:*" || v.starts_with("*:") || v == "(*)",
        _ => false,
    }
}
