//! The command-line interface: clap derive types and dispatch. Each
//! subcommand lives in its own file with a `run(args, out)` that returns an
//! [`ExitStatus`], so tests can capture output without a process.

mod check;
mod eval;
mod eval_report;
mod explain;
pub(crate) mod hook;
pub(crate) mod install;
mod rules;
mod score;
mod score_report;
mod score_summary;
#[cfg(feature = "train")]
mod train;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// Decides whether a coding agent's shell command may run unattended.
#[derive(Debug, Parser)]
#[command(name = "riskgate", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge one command: prints allow, ask or deny with reasons.
    Check(check::Args),
    /// Show every stage of the analysis of one command (IR, hits, verdict).
    Explain(explain::Args),
    /// List the rules, or explain one by its code.
    Rules(rules::Args),
    /// Answer one agent hook event (JSON on stdin) with allow, ask or deny; fails closed.
    Hook(hook::Args),
    /// Add riskgate's hook to an agent's settings (backup first; idempotent).
    Install(install::Args),
    /// Remove the hook entry `riskgate install` added.
    Uninstall(install::UninstallArgs),
    /// Measure decisions against labelled data sets (metrics, JSON, HTML report).
    Eval(eval::Args),
    /// Judge every command in logs (text, JSONL, Claude Code, Codex, OTLP, CSV; gzip, zstd): one record per command.
    Score(score::Args),
    /// Rebuild models/ from datasets/ (needs `--features train`; see `cargo train`).
    #[cfg(feature = "train")]
    Train(train::Args),
    /// Regenerate datasets/generated.jsonl from the seeded generator (needs `--features train`).
    #[cfg(feature = "train")]
    GenData(train::GenArgs),
    /// Regenerate datasets/tldr.jsonl from the tldr pages snapshot, labelled by the rules and generated knowledge (needs `--features train`).
    #[cfg(feature = "train")]
    GenTldr(train::TldrArgs),
}

/// Where a single command is judged (`check`, `explain`): the directory you
/// are in and your real HOME, unless told otherwise. (`eval` and `score`
/// judge records, which carry their own `cwd`, else POLICY.md's setting.)
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WorkspaceArgs {
    /// The workspace the command runs in (the agent's cwd; relative paths are
    /// resolved against the current directory). Default: the current directory.
    /// Its `.riskgate.toml` is read.
    #[arg(long, value_name = "DIR")]
    pub cwd: Option<std::path::PathBuf>,
    /// The home directory to judge paths against. Default: $HOME.
    #[arg(long, value_name = "DIR")]
    pub home: Option<std::path::PathBuf>,
}

impl WorkspaceArgs {
    /// The workspace as an absolute path.
    ///
    /// # Errors
    /// When the current directory cannot be read, or a path is not UTF-8.
    pub fn workspace(&self) -> anyhow::Result<String> {
        let here = std::env::current_dir().context("finding the current directory (give --cwd)")?;
        let dir = match &self.cwd {
            Some(c) if c.is_absolute() => c.clone(),
            Some(c) => here.join(c),
            None => here,
        };
        let mut parts: Vec<&str> = Vec::new();
        for c in dir.to_str().with_context(|| format!("{} is not UTF-8", dir.display()))?.split('/') {
            match c {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                c => parts.push(c),
            }
        }
        Ok(format!("/{}", parts.join("/")))
    }

    /// A classifier for this workspace (its `.riskgate.toml` read) and home.
    ///
    /// # Errors
    /// As [`WorkspaceArgs::workspace`].
    pub fn classifier(&self, model: &ModelArgs) -> anyhow::Result<(crate::Classifier, String)> {
        let workspace = self.workspace()?;
        let mut classifier = crate::Classifier::for_workspace(Some(std::path::Path::new(&workspace)))
            .with_model(model.source())
            .with_workspace_files(true)
            .with_code_cache(crate::ir::lang::cache::default_dir());
        if let Some(home) = &self.home {
            let home = home.to_str().with_context(|| format!("{} is not UTF-8", home.display()))?;
            if !home.starts_with('/') {
                anyhow::bail!("--home must be an absolute path (got `{home}`)");
            }
            classifier = classifier.with_home(home);
        }
        Ok((classifier, workspace))
    }
}

/// Where the model comes from (shared by the front ends).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ModelArgs {
    /// Load the model from this directory (model.onnx, tokenizer.json, MANIFEST.toml)
    /// instead of the one built in.
    #[arg(long, value_name = "DIR", conflicts_with = "no_model")]
    pub model: Option<std::path::PathBuf>,
    /// Run without the model: rules only, and ask where the model would decide.
    #[arg(long)]
    pub no_model: bool,
}

impl ModelArgs {
    /// The model source these flags select.
    #[must_use]
    pub fn source(&self) -> crate::pipeline::ModelSource {
        match (&self.model, self.no_model) {
            (_, true) => crate::pipeline::ModelSource::Off,
            (Some(dir), false) => crate::pipeline::ModelSource::Dir(dir.clone()),
            (None, false) => crate::pipeline::ModelSource::Embedded,
        }
    }
}

/// How a run ended; maps to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Done; for `check`, the command is allowed.
    Success,
    /// `check`: the command needs a person (ask).
    Ask,
    /// `check`: the command is blocked (deny).
    Deny,
    /// Something went wrong (bad input, unreadable file); the output says what.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Error => 2,
            ExitStatus::Ask => 10,
            ExitStatus::Deny => 20,
        })
    }
}

/// Runs the parsed command line, writing to stdout.
///
/// # Errors
/// When output cannot be written or an input cannot be read.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let status = match cli.command {
        Command::Check(args) => check::run(&args, &mut out),
        Command::Explain(args) => explain::run(&args, &mut out),
        Command::Rules(args) => rules::run(&args, &mut out),
        Command::Hook(args) => hook::run(&args, &mut std::io::stdin().lock(), &mut out, &mut std::io::stderr().lock()),
        Command::Install(args) => install::run(&args, &mut out),
        Command::Uninstall(args) => install::run_uninstall(&args, &mut out),
        Command::Eval(args) => eval::run(&args, &mut out),
        Command::Score(args) => score::run(&args, &mut out),
        #[cfg(feature = "train")]
        Command::Train(args) => train::run(&args, &mut out),
        #[cfg(feature = "train")]
        Command::GenData(args) => train::gen_data(&args, &mut out),
        #[cfg(feature = "train")]
        Command::GenTldr(args) => train::gen_tldr(&args, &mut out),
    }?;
    out.flush()?;
    Ok(status)
}

/// Parses `K/N` with `K < N`.
pub(crate) fn parse_fold(s: &str) -> Result<(u32, u32), String> {
    let (k, n) = s.split_once('/').ok_or_else(|| format!("`{s}`: expected K/N, e.g. 0/5"))?;
    let (k, n): (u32, u32) = (k.trim().parse().map_err(|e| format!("`{k}`: {e}"))?, n.trim().parse().map_err(|e| format!("`{n}`: {e}"))?);
    if n < 2 || k >= n {
        return Err(format!("`{s}`: need N >= 2 and K < N"));
    }
    Ok((k, n))
}

/// The generated-spec programs of fold `(k, n)`.
pub(crate) fn withheld((k, n): (u32, u32)) -> std::collections::BTreeSet<String> {
    crate::ir::spec::generated_names().filter(|p| crate::ir::spec::fold_of(p, n) == k).map(str::to_string).collect()
}
