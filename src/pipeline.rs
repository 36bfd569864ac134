//! `Classifier`: built once, `classify(&Request) -> Verdict`. The only place
//! the stages are wired; every front end (check, hook, score, eval, explain,
//! benches) calls it.

use std::path::Path;

use serde::Serialize;

use crate::config::{Config, ConfigError};
use crate::decide::{Verdict, decide};
use crate::ir::{Env, Script};
use crate::rules::{self, RuleHit};

/// One command to judge.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The command text as the agent's shell tool receives it.
    pub command: String,
    /// The workspace (the agent's cwd); POLICY.md's default when absent.
    pub cwd: Option<String>,
}

impl Request {
    /// A request with no cwd.
    #[must_use]
    pub fn new(command: impl Into<String>) -> Request {
        Request { command: command.into(), cwd: None }
    }
}

/// Every intermediate result, for `explain`.
#[derive(Debug, Serialize)]
pub struct Analysis {
    /// Workspace and home used.
    pub env: Env,
    /// The lowered script.
    pub script: Script,
    /// Rule hits.
    pub hits: Vec<RuleHit>,
    /// The verdict.
    pub verdict: Verdict,
}

/// The classifier: `Send + Sync`, built once.
#[derive(Debug, Clone, Default)]
pub struct Classifier {
    config: Config,
    config_error: Option<ConfigError>,
    home: Option<String>,
}

impl Classifier {
    /// A classifier with a resolved configuration. A configuration error is
    /// kept: every verdict then asks, naming it (the defaults apply otherwise).
    #[must_use]
    pub fn new(config: Result<Config, ConfigError>) -> Classifier {
        match config {
            Ok(config) => Classifier { config, config_error: None, home: None },
            Err(e) => Classifier { config: Config::default(), config_error: Some(e), home: None },
        }
    }

    /// A classifier with the user's config file and, for a workspace, its
    /// project file (see `config`).
    #[must_use]
    pub fn for_workspace(workspace: Option<&Path>) -> Classifier {
        Classifier::new(Config::load(crate::config::user_path().as_deref(), workspace))
    }

    /// Uses this home directory for requests with a cwd (default: `$HOME`).
    #[must_use]
    pub fn with_home(mut self, home: impl Into<String>) -> Classifier {
        self.home = Some(home.into());
        self
    }

    /// The resolved configuration.
    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configuration error, if loading failed.
    #[must_use]
    pub fn config_error(&self) -> Option<&ConfigError> {
        self.config_error.as_ref()
    }

    /// The environment a request is judged in.
    #[must_use]
    pub fn env_for(&self, req: &Request) -> Env {
        let mut env = match &req.cwd {
            None => Env::default(),
            Some(cwd) => {
                let home = self.home.clone().or_else(|| std::env::var("HOME").ok()).unwrap_or_else(|| Env::default().home);
                let workspace = if cwd.len() > 1 { cwd.trim_end_matches('/').to_string() } else { cwd.clone() };
                let home = if home.len() > 1 { home.trim_end_matches('/').to_string() } else { home };
                Env::new(workspace, home)
            }
        };
        env.artefact_dirs.clone_from(&self.config.artefact_dirs);
        env
    }

    /// Runs every stage and keeps the intermediates.
    #[must_use]
    pub fn analyse(&self, req: &Request) -> Analysis {
        let env = self.env_for(req);
        let script = crate::ir::analyse(&req.command, &env);
        let hits = rules::run(&script, &env, &self.config.disabled);
        let mut verdict = decide(&script, hits.clone(), &self.config);
        if let Some(e) = &self.config_error {
            verdict.add_config_error(&e.to_string());
        }
        Analysis { env, script, hits, verdict }
    }

    /// The verdict for one command.
    #[must_use]
    pub fn classify(&self, req: &Request) -> Verdict {
        self.analyse(req).verdict
    }
}
