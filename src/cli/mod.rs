//! The command-line interface: clap derive types and dispatch. Each
//! subcommand lives in its own file with a `run(args, out)` that returns an
//! [`ExitStatus`], so tests can capture output without a process.

mod check;
mod eval;
mod eval_report;
mod explain;
pub(crate) mod hook;
mod install;
mod rules;
mod score;
mod score_report;
mod score_summary;
#[cfg(feature = "train")]
mod train;

use std::io::Write;
use std::process::ExitCode;

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
    }?;
    out.flush()?;
    Ok(status)
}
