//! `Classifier`: built once, `classify(&Request) -> Verdict`. The only place
//! the stages are wired; every front end (check, hook, score, eval, explain,
//! benches) calls it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::config::{Config, ConfigError};
use crate::decide::{Thresholds, Verdict, decide};
use crate::ir::{Env, Script};
use crate::model::{Model, ModelError};
use crate::rules::{self, RuleHit};
use crate::session::Ledger;

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

/// Why an agent event could not be judged.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// The event names no working directory.
    #[error("the event has no cwd; cannot tell the workspace")]
    NoCwd,
    /// The event's working directory is not an absolute POSIX path.
    #[error("the event's cwd `{0}` is not an absolute POSIX path; cannot tell the workspace")]
    RelativeCwd(String),
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

/// Where the classifier's model comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ModelSource {
    /// The model built into the binary.
    #[default]
    Embedded,
    /// A directory with `model.onnx`, `tokenizer.json`, `MANIFEST.toml`.
    Dir(PathBuf),
    /// No model: rules and analysis only; where the model would decide, ask.
    Off,
}

/// riskgate's cache and state directories, where the code cache and the
/// session ledger put them (also when `$XDG_CACHE_HOME`/`$XDG_STATE_HOME`
/// move them; resolved once a process by the same functions).
fn own_dirs() -> &'static [String] {
    static DIRS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    DIRS.get_or_init(|| {
        let cache = crate::ir::lang::cache::default_dir().and_then(|d| d.parent().map(Path::to_path_buf));
        [cache, crate::cli::install::state_dir()].into_iter().flatten().filter_map(|d| d.to_str().map(str::to_string)).collect()
    })
}

/// The classifier: `Send + Sync`, built once. The model is loaded on first
/// use, only when the rules leave a decision open.
#[derive(Debug, Clone, Default)]
pub struct Classifier {
    config: Config,
    config_error: Option<ConfigError>,
    home: Option<String>,
    source: ModelSource,
    model: Arc<OnceLock<Result<Model, ModelError>>>,
    always_score: bool,
    read_files: bool,
    code_cache: Option<PathBuf>,
}

impl Classifier {
    /// A classifier with a resolved configuration. A configuration error is
    /// kept: every verdict then asks, naming it (the defaults apply otherwise).
    #[must_use]
    pub fn new(config: Result<Config, ConfigError>) -> Classifier {
        match config {
            Ok(config) => Classifier { config, ..Classifier::default() },
            Err(e) => Classifier { config_error: Some(e), ..Classifier::default() },
        }
    }

    /// A classifier with the user's config file and, for a workspace, its
    /// project file (see `config`).
    #[must_use]
    pub fn for_workspace(workspace: Option<&Path>) -> Classifier {
        Classifier::new(Config::load(crate::config::user_path().as_deref(), workspace))
    }

    /// Judges one agent tool call; `None` is "no opinion" (a tool riskgate
    /// does not judge). Shell commands go through [`Classifier::classify`],
    /// file tools and web fetches through [`crate::tools`]. A configuration
    /// error makes every verdict ask (`RG007`), as `classify` does.
    ///
    /// # Errors
    /// A judged tool in an event without an absolute `cwd`: the workspace,
    /// and so every path class, is unknown.
    pub fn judge_event(&self, event: &crate::adapters::Event) -> Result<Option<Verdict>, EventError> {
        self.judge_event_in(event, None)
    }

    /// [`Classifier::judge_event`] with the session's ledger
    /// ([`crate::session`]): undoing what the session made is routine.
    ///
    /// # Errors
    /// As [`Classifier::judge_event`].
    pub fn judge_event_in(&self, event: &crate::adapters::Event, ledger: Option<&Ledger>) -> Result<Option<Verdict>, EventError> {
        use crate::adapters::Subject;
        let workspace = || match event.cwd.as_deref() {
            Some(cwd) if cwd.starts_with('/') => Ok(cwd.to_string()),
            Some(cwd) => Err(EventError::RelativeCwd(cwd.to_string())),
            None => Err(EventError::NoCwd),
        };
        let mut verdict = match &event.subject {
            Subject::Other => return Ok(None),
            Subject::Shell { command } => return Ok(Some(self.classify_in(&Request { command: command.clone(), cwd: Some(workspace()?) }, ledger))),
            Subject::File { paths, access } => {
                let env = self.env_for(&Request { command: String::new(), cwd: Some(workspace()?) });
                crate::tools::judge_file(&event.tool, paths, *access, &env)
            }
            Subject::Fetch { urls } => crate::tools::judge_fetch(&event.tool, urls),
        };
        if let Some(e) = self.config_error() {
            verdict.add_config_error(&e.to_string());
        }
        Ok(Some(verdict))
    }

    /// Gives every verdict a risk score, also where the rules decide alone
    /// (batch scoring and evaluation rank and threshold every record; the
    /// hook skips the model where it cannot change the decision).
    #[must_use]
    pub fn with_scores(mut self) -> Classifier {
        self.always_score = true;
        self
    }

    /// Uses this model source.
    #[must_use]
    pub fn with_model(mut self, source: ModelSource) -> Classifier {
        self.source = source;
        self.model = Arc::new(OnceLock::new());
        self
    }

    /// The model, loading it on first use.
    ///
    /// # Errors
    /// When it cannot be loaded (or is switched off).
    pub fn model(&self) -> Result<&Model, &ModelError> {
        self.model
            .get_or_init(|| match &self.source {
                ModelSource::Embedded => Model::embedded(),
                ModelSource::Dir(dir) => Model::load_dir(dir),
                ModelSource::Off => Err(ModelError::Disabled),
            })
            .as_ref()
    }

    /// Reads the project files a command runs from its workspace
    /// (`ir::disk`), for requests with a cwd, unless the user's
    /// configuration says `read-workspace-files = false`. Off by default:
    /// batch scoring and evaluation judge commands whose files are gone.
    #[must_use]
    pub fn with_workspace_files(mut self, read: bool) -> Classifier {
        self.read_files = read;
        self
    }

    /// Keeps the findings of long code in other languages in `dir` between
    /// processes (`ir::lang::cache`), where project files are read
    /// ([`Classifier::with_workspace_files`]) and the user's configuration
    /// does not say `code-cache = false`. Without a directory (the
    /// default), code is analysed every time.
    #[must_use]
    pub fn with_code_cache(mut self, dir: Option<PathBuf>) -> Classifier {
        self.code_cache = dir;
        self
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
        env.own_dirs = own_dirs();
        env.read_files = self.read_files && !self.config.skip_workspace_files && req.cwd.is_some();
        if env.read_files && !self.config.skip_code_cache {
            env.code_cache.clone_from(&self.code_cache);
        }
        env
    }

    /// Runs every stage and keeps the intermediates.
    ///
    /// A command with `<name>` placeholders is judged twice: as the shell
    /// reads it and with each placeholder as an unknown value
    /// (`ir::placeholders`); the more severe reading wins, so a placeholder
    /// never lowers the decision of a line the shell can run. (When only the
    /// template parses, the literal line is a syntax error the shell would
    /// refuse, and the template is judged alone.)
    #[must_use]
    pub fn analyse(&self, req: &Request) -> Analysis {
        self.analyse_in(req, None)
    }

    /// [`Classifier::analyse`] with the session's ledger, when there is one.
    #[must_use]
    pub fn analyse_in(&self, req: &Request, ledger: Option<&Ledger>) -> Analysis {
        let env = self.env_for(req);
        let literal = self.analyse_text(&req.command, env.clone(), ledger);
        match crate::ir::placeholders::template_reading(&req.command) {
            Some(template) => {
                let mut filled = self.analyse_text(&template, env, ledger);
                // A placeholder at the end of a word list (`kubectl logs <pod>`)
                // leaves the shell a redirection without a target: a syntax
                // error, so the literal line would not run at all. When the
                // template reads completely, it is the only reading that can run,
                // unless lines before the error (which the shell does run) were
                // judged worse as written: `cat <a> ~/.bashrc` truncates a
                // startup file, while its template only reads.
                let literal_worst = literal.verdict.reasons.iter().filter(|r| r.rule != "RG001").map(|r| r.severity).max();
                let only_template_parses =
                    literal.script.is_cut_short() && !filled.script.is_cut_short() && literal_worst.is_none_or(|worst| worst <= filled.verdict.decision);
                if only_template_parses || filled.verdict.decision > literal.verdict.decision {
                    filled.verdict.add_template_note();
                    filled
                } else {
                    literal
                }
            }
            None => literal,
        }
    }

    fn analyse_text(&self, text: &str, env: Env, ledger: Option<&Ledger>) -> Analysis {
        let script = crate::ir::analyse(text, &env);
        let mut hits = rules::run(&script, &env, &self.config.disabled);
        let notes = ledger.map(|l| l.excuse(&script, &env, &mut hits)).unwrap_or_default();
        let mut verdict = decide(&script, hits.clone(), &self.config);
        verdict.reasons.extend(notes);
        // The model can change an allow only where part of the command is
        // beyond the analysis (`Verdict::fuse`); elsewhere the hook does not
        // load the model built into the binary at all. A model from disk is
        // always loaded, so a missing or corrupt one still makes every verdict
        // ask; a caller that wants scores runs it as before.
        let explained_allow = verdict.decision == crate::Decision::Allow && !script.has_unexplained_parts();
        let skip = explained_allow && self.source == ModelSource::Embedded && Model::has_embedded() && !self.always_score;
        if verdict.needs_model() && !skip {
            match self.model() {
                Ok(model) => match model.score(&script, &hits) {
                    Ok(out) => {
                        let m = &model.manifest;
                        let t = Thresholds { escalate: m.escalate_threshold, allow: m.allow_threshold };
                        verdict.fuse(&out, t, script.has_unexplained_parts(), script.runs_unknown_as_code());
                    }
                    Err(e) => verdict.model_unavailable(&format!("the risk model failed on this command: {e}")),
                },
                Err(e) => verdict.model_unavailable(&format!("the risk model is unavailable: {e}")),
            }
        } else if self.always_score {
            // The rules decided; the score is for ranking and thresholds only.
            if let Some(out) = self.model().ok().and_then(|m| m.score(&script, &hits).ok()) {
                verdict.score = Some(out.risky());
            }
        }
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

    /// The verdict for one command of a session with this ledger.
    #[must_use]
    pub fn classify_in(&self, req: &Request, ledger: Option<&Ledger>) -> Verdict {
        self.analyse_in(req, ledger).verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the rules decide alone, the hook skips the model; a caller
    /// that ranks records asks for a score, which never changes the decision.
    #[test]
    fn scores_on_request_leave_the_decision_alone() {
        let plain = Classifier::default();
        let scored = Classifier::default().with_scores();
        for cmd in ["rm -rf /", "git push --force upstream topic/parser", "ls -la", "frobnicate --all"] {
            let (a, b) = (plain.classify(&Request::new(cmd)), scored.classify(&Request::new(cmd)));
            assert_eq!((a.decision, &a.categories), (b.decision, &b.categories), "{cmd}");
            assert!(b.score.is_some(), "{cmd}: every verdict carries a score when asked");
        }
        assert!(plain.classify(&Request::new("rm -rf /")).score.is_none(), "a deny rule decides without the model");
    }
}
