//! `riskgate explain`: the debug view. Prints the IR, the rule hits and the
//! verdict for one command; `--json` prints the whole analysis.

use std::io::Write;

use crate::cli::ExitStatus;
use crate::{Request, report};

/// Arguments of `riskgate explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace and home.
    #[command(flatten)]
    pub place: crate::cli::WorkspaceArgs,
    /// Model selection.
    #[command(flatten)]
    pub model: crate::cli::ModelArgs,
    /// Print the analysis (IR, hits, verdict) as JSON.
    #[arg(long)]
    pub json: bool,
    /// The command to explain.
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true, trailing_var_arg = true)]
    pub command: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let command = args.command.join(" ");
    let (classifier, workspace) = args.place.classifier(&args.model)?;
    let analysis = classifier.analyse(&Request { command: command.clone(), cwd: Some(workspace) });
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &analysis)?;
        writeln!(out)?;
        return Ok(ExitStatus::Success);
    }
    writeln!(out, "workspace {}  home {}", analysis.env.workspace, analysis.env.home)?;
    write!(out, "{}", report::script_text(&analysis.script))?;
    write!(out, "{}", report::verdict_text(&command, &analysis.verdict))?;
    Ok(ExitStatus::Success)
}
