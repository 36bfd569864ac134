//! `Classifier`: built once, `classify(&Request) -> Verdict`. The only place
//! the stages are wired; every front end (check, hook, score, eval, explain,
//! benches) calls it.

use serde::Serialize;

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

/// Settings the classifier is built with.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Home directory used when a request has a cwd (default: `$HOME`).
    pub home: Option<String>,
    /// Rule codes not to run.
    pub disabled: Vec<&'static str>,
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
    settings: Settings,
}

impl Classifier {
    /// Builds a classifier.
    #[must_use]
    pub fn new(settings: Settings) -> Classifier {
        Classifier { settings }
    }

    /// The environment a request is judged in.
    #[must_use]
    pub fn env_for(&self, req: &Request) -> Env {
        match &req.cwd {
            None => Env::default(),
            Some(cwd) => {
                let home = self.settings.home.clone().or_else(|| std::env::var("HOME").ok()).unwrap_or_else(|| Env::default().home);
                let workspace = if cwd.len() > 1 { cwd.trim_end_matches('/').to_string() } else { cwd.clone() };
                Env { workspace, home: home.trim_end_matches('/').to_string() }
            }
        }
    }

    /// Runs every stage and keeps the intermediates.
    #[must_use]
    pub fn analyse(&self, req: &Request) -> Analysis {
        let env = self.env_for(req);
        let script = crate::ir::analyse(&req.command, &env);
        let hits = rules::run(&script, &env, &self.settings.disabled);
        let verdict = decide(&script, &hits);
        Analysis { env, script, hits, verdict }
    }

    /// The verdict for one command.
    #[must_use]
    pub fn classify(&self, req: &Request) -> Verdict {
        self.analyse(req).verdict
    }
}
