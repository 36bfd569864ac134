//! `riskgate check`: one command in, a verdict out (text or JSON). The exit
//! code is the decision: 0 allow, 10 ask, 20 deny.

use std::io::Write;

use crate::cli::ExitStatus;
use crate::{Decision, Request, report};

/// Arguments of `riskgate check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace and home.
    #[command(flatten)]
    pub place: crate::cli::WorkspaceArgs,
    /// Model selection.
    #[command(flatten)]
    pub model: crate::cli::ModelArgs,
    /// Print the verdict as JSON.
    #[arg(long)]
    pub json: bool,
    /// The command, as one argument (quote it) or several joined by spaces.
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true, trailing_var_arg = true)]
    pub command: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let command = args.command.join(" ");
    let (classifier, workspace) = args.place.classifier(&args.model)?;
    // JSON is read by tools that rank or threshold: give the score too.
    let classifier = if args.json { classifier.with_scores() } else { classifier };
    for w in &classifier.config().warnings {
        #[expect(clippy::print_stderr, reason = "configuration warnings go to stderr")]
        {
            eprintln!("riskgate: {w}");
        }
    }
    let verdict = classifier.classify(&Request { command: command.clone(), cwd: Some(workspace) });
    if args.json {
        serde_json::to_writer(&mut *out, &verdict)?;
        writeln!(out)?;
    } else {
        write!(out, "{}", report::verdict_text(&command, &verdict))?;
    }
    Ok(match verdict.decision {
        Decision::Allow => ExitStatus::Success,
        Decision::Ask => ExitStatus::Ask,
        Decision::Deny => ExitStatus::Deny,
    })
}
