//! Configuration in two stages: [`Options`] mirrors a TOML file (every field
//! optional), [`Config`] is what the classifier reads (validated: rule codes
//! checked against the registry, patterns parsed).
//!
//! Files, lowest precedence first: built-in defaults; the user file
//! (`$RISKGATE_CONFIG`, else `$XDG_CONFIG_HOME/riskgate/config.toml`, else
//! `~/.config/riskgate/config.toml`); the project file `.riskgate.toml` in
//! the workspace. The project file sits where the agent can write, so it may
//! only tighten: its `ask` and `deny` patterns are added, while `allow`,
//! `disable`, `trusted-hosts` and `artefact-dirs` there are ignored with a
//! warning. A file that cannot be read or parsed is an error naming the
//! file, line and field; the classifier then uses the defaults and asks.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::ir::Command;

/// One configuration file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Commands to auto-approve even when a rule asks (never when one denies).
    /// Patterns are words matched against the start of the normalized argv
    /// (`git push origin`, `make deploy-*`); `*` matches any one word or,
    /// inside a word, any text.
    pub allow: Option<Vec<String>>,
    /// Commands that always ask.
    pub ask: Option<Vec<String>>,
    /// Commands that are always denied.
    pub deny: Option<Vec<String>>,
    /// Hosts data may be sent to without asking (`api.example.com`, `*.corp.example`).
    pub trusted_hosts: Option<Vec<String>>,
    /// Extra workspace directory names holding rebuildable output.
    pub artefact_dirs: Option<Vec<String>>,
    /// Rule codes not to run.
    pub disable: Option<Vec<String>>,
    /// File the hook appends one JSON line per decision to.
    pub audit_log: Option<PathBuf>,
    /// Read the project files a command runs (`bash scripts/ci.sh`, `npm
    /// test`, `make`) from the workspace in the hook, `check` and `explain`
    /// (default true; `src/ir/disk.rs`).
    pub read_workspace_files: Option<bool>,
    /// Keep what was found in long code in other languages between hook
    /// calls, in `~/.cache/riskgate/code` (default true; `src/ir/lang/cache.rs`).
    pub code_cache: Option<bool>,
}

/// A configuration error, naming the file and where in it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong (includes the field name).
    pub message: String,
}

/// An argv pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as written.
    pub text: String,
    words: Vec<String>,
}

impl Pattern {
    /// Parses a pattern; `None` when it has no words.
    #[must_use]
    pub fn new(text: &str) -> Option<Pattern> {
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        (!words.is_empty()).then(|| Pattern { text: text.to_string(), words })
    }

    /// True when the command's normalized name and arguments start with the pattern's words.
    #[must_use]
    pub fn matches(&self, cmd: &Command) -> bool {
        let argv: Vec<&str> = std::iter::once(cmd.name.as_str()).chain(cmd.args.iter().map(|w| w.text.as_str())).collect();
        self.words.len() <= argv.len() && self.words.iter().zip(&argv).all(|(p, a)| crate::ir::words::glob_match(p, a))
    }
}

/// The resolved configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Auto-approve patterns (user file only).
    pub allow: Vec<Pattern>,
    /// Always-ask patterns.
    pub ask: Vec<Pattern>,
    /// Always-deny patterns.
    pub deny: Vec<Pattern>,
    /// Trusted outbound hosts (user file only).
    pub trusted_hosts: Vec<String>,
    /// Extra artefact directory names (user file only).
    pub artefact_dirs: Vec<String>,
    /// Disabled rule codes (user file only).
    pub disabled: Vec<&'static str>,
    /// Audit log path (user file only).
    pub audit_log: Option<PathBuf>,
    /// `read-workspace-files = false` (user file only): project files on disk are not read.
    pub skip_workspace_files: bool,
    /// `code-cache = false` (user file only): long code is analysed on every call.
    pub skip_code_cache: bool,
    /// Files that were read.
    pub sources: Vec<PathBuf>,
    /// Settings ignored (and why), for the user to see.
    pub warnings: Vec<String>,
}

fn read_options(path: &Path) -> Result<Option<Options>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ConfigError { path: path.to_path_buf(), line: None, message: format!("cannot read: {e}") }),
    };
    toml::from_str(&text).map(Some).map_err(|e| {
        let start = e.span().map_or(0, |s| s.start.min(text.len()));
        let line = e.span().map(|_| text[..start].matches('\n').count() + 1);
        let line_text = text[..start].rsplit('\n').next().unwrap_or_default().to_string() + text[start..].split('\n').next().unwrap_or_default();
        let field = line_text.split_once('=').map(|(k, _)| k.trim().to_string()).filter(|k| !k.is_empty() && !k.starts_with('['));
        let message = match field {
            Some(f) if !e.message().contains(&f) => format!("`{f}`: {}", e.message()),
            _ => e.message().to_string(),
        };
        ConfigError { path: path.to_path_buf(), line, message }
    })
}

/// The user-level config file path.
#[must_use]
pub fn user_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("RISKGATE_CONFIG") {
        return Some(PathBuf::from(p));
    }
    if let Ok(x) = std::env::var("XDG_CONFIG_HOME") {
        if !x.is_empty() {
            return Some(Path::new(&x).join("riskgate/config.toml"));
        }
    }
    std::env::var("HOME").ok().map(|h| Path::new(&h).join(".config/riskgate/config.toml"))
}

/// The project-level config file in a workspace.
#[must_use]
pub fn project_path(workspace: &Path) -> PathBuf {
    workspace.join(".riskgate.toml")
}

fn patterns(list: Option<&Vec<String>>) -> Vec<Pattern> {
    list.map(|l| l.iter().filter_map(|p| Pattern::new(p)).collect()).unwrap_or_default()
}

impl Config {
    /// Loads the user file and, when given, the project file of a workspace.
    ///
    /// # Errors
    /// When a file exists but cannot be read or parsed, or names an unknown rule code.
    pub fn load(user: Option<&Path>, workspace: Option<&Path>) -> Result<Config, ConfigError> {
        let mut cfg = Config::default();
        if let Some(path) = user {
            if let Some(opts) = read_options(path)? {
                cfg.sources.push(path.to_path_buf());
                cfg.allow = patterns(opts.allow.as_ref());
                cfg.ask = patterns(opts.ask.as_ref());
                cfg.deny = patterns(opts.deny.as_ref());
                cfg.trusted_hosts = opts.trusted_hosts.unwrap_or_default();
                cfg.artefact_dirs = opts.artefact_dirs.unwrap_or_default();
                cfg.audit_log = opts.audit_log;
                cfg.skip_workspace_files = opts.read_workspace_files == Some(false);
                cfg.skip_code_cache = opts.code_cache == Some(false);
                for code in opts.disable.unwrap_or_default() {
                    let rule = crate::rules::by_code(&code).ok_or_else(|| ConfigError {
                        path: path.to_path_buf(),
                        line: None,
                        message: format!("disable: no rule with code `{code}` (see `riskgate rules`)"),
                    })?;
                    cfg.disabled.push(rule.code);
                }
            }
        }
        if let Some(ws) = workspace {
            let path = project_path(ws);
            if let Some(opts) = read_options(&path)? {
                cfg.sources.push(path.clone());
                cfg.ask.extend(patterns(opts.ask.as_ref()));
                cfg.deny.extend(patterns(opts.deny.as_ref()));
                let ignored = [
                    ("allow", opts.allow.is_some()),
                    ("disable", opts.disable.is_some()),
                    ("trusted-hosts", opts.trusted_hosts.is_some()),
                    ("artefact-dirs", opts.artefact_dirs.is_some()),
                    ("audit-log", opts.audit_log.is_some()),
                    ("read-workspace-files", opts.read_workspace_files.is_some()),
                    ("code-cache", opts.code_cache.is_some()),
                ];
                for (field, set) in ignored {
                    if set {
                        cfg.warnings.push(format!("{}: `{field}` ignored: a project file may only add ask and deny patterns", path.display()));
                    }
                }
            }
        }
        Ok(cfg)
    }

    /// True when `host` is trusted (exact, or `*.suffix`).
    #[must_use]
    pub fn is_trusted_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.trusted_hosts.iter().any(|t| {
            let t = t.to_ascii_lowercase();
            match t.strip_prefix("*.") {
                Some(suffix) => host.ends_with(&format!(".{suffix}")) || host == suffix,
                None => host == t,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("riskgate-config-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(".riskgate.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn project_file_only_tightens() {
        let path = tmp("tighten", "allow = [\"rm -rf src\"]\ndeny = [\"terraform apply\"]\ndisable = [\"X\"]\n");
        let cfg = Config::load(None, path.parent()).unwrap();
        assert!(cfg.allow.is_empty());
        assert_eq!(cfg.deny.len(), 1);
        assert_eq!(cfg.warnings.len(), 2);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let path = tmp("bad", "ask = [\"x\"]\nallow = 3\n");
        let err = Config::load(Some(&path), None).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains(".riskgate.toml:2"), "{err}");
        assert!(err.message.contains("`allow`"), "{err}");
        let path = tmp("unknown", "colour = 1\n");
        assert!(Config::load(Some(&path), None).unwrap_err().message.contains("colour"));
    }

    #[test]
    fn unknown_rule_code_is_an_error() {
        let path = tmp("code", "disable = [\"NOPE999\"]\n");
        assert!(Config::load(Some(&path), None).unwrap_err().message.contains("NOPE999"));
    }

    #[test]
    fn missing_files_are_fine() {
        let cfg = Config::load(Some(Path::new("/nonexistent/riskgate.toml")), Some(Path::new("/nonexistent"))).unwrap();
        assert!(cfg.sources.is_empty());
    }

    #[test]
    fn trusted_hosts_match_suffixes() {
        let cfg = Config { trusted_hosts: vec!["*.corp.example".into(), "api.example.com".into()], ..Config::default() };
        assert!(cfg.is_trusted_host("git.corp.example"));
        assert!(cfg.is_trusted_host("API.example.com"));
        assert!(!cfg.is_trusted_host("evilcorp.example"));
    }
}
