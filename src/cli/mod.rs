//! The command-line interface: clap derive types and dispatch. Each
//! subcommand lives in its own file with a `run(args, out)` that returns an
//! [`ExitStatus`], so tests can capture output without a process.

mod check;
mod eval;
mod eval_report;
mod explain;
mod hook;
mod install;
mod rules;

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
    }?;
    out.flush()?;
    Ok(status)
}
