//! `riskgate explain`: the debug view. Prints the IR, the rule hits and the
//! verdict for one command; `--json` prints the whole analysis.

use std::io::Write;

use crate::cli::ExitStatus;
use crate::ir::{Command, Input};
use crate::{Classifier, Request, report};

/// Arguments of `riskgate explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace the command runs in.
    #[arg(long)]
    pub cwd: Option<String>,
    /// Print the analysis (IR, hits, verdict) as JSON.
    #[arg(long)]
    pub json: bool,
    /// The command to explain.
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true, trailing_var_arg = true)]
    pub command: Vec<String>,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let command = args.command.join(" ");
    let analysis = Classifier::default().analyse(&Request { command: command.clone(), cwd: args.cwd.clone() });
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &analysis)?;
        writeln!(out)?;
        return Ok(ExitStatus::Success);
    }
    writeln!(out, "workspace {}  home {}", analysis.env.workspace, analysis.env.home)?;
    for c in &analysis.script.commands {
        writeln!(out, "{}", command_line(c))?;
    }
    for i in &analysis.script.issues {
        writeln!(out, "issue {:?} at {:?}: {}", i.kind, i.span, i.detail)?;
    }
    write!(out, "{}", report::verdict_text(&command, &analysis.verdict))?;
    Ok(ExitStatus::Success)
}

/// One command of the IR as a line: id, indent by depth, argv with path
/// classes, and the facts that matter.
pub(crate) fn command_line(c: &Command) -> String {
    let indent = "  ".repeat(c.depth as usize);
    let mut s = format!("#{} {indent}{}", c.id, c.name);
    for sub in &c.argv.subcommands {
        s.push_str(&format!(" <{sub}>"));
    }
    for f in &c.argv.flags {
        match &f.value {
            Some(v) => s.push_str(&format!(" {}={:?}", f.name, v.text)),
            None => s.push_str(&format!(" {}", f.name)),
        }
    }
    for w in &c.argv.operands {
        s.push_str(&format!(" {:?}:{:?}", w.text, w.path));
        if w.dynamic {
            s.push_str("(dyn)");
        }
    }
    for r in &c.redirects {
        s.push_str(&format!(" {:?}{:?}:{:?}", r.op, r.target.text, r.target.path));
    }
    let mut facts = vec![format!("effects={:?}", c.argv.effects)];
    if c.privileged {
        facts.push("privileged".into());
    }
    if let Some(h) = &c.remote {
        facts.push(format!("remote={h}"));
    }
    match &c.stdin {
        Some(Input::Pipe { from }) => facts.push(format!("stdin=#{from}")),
        Some(Input::File { path }) => facts.push(format!("stdin<{}", path.text)),
        Some(Input::Heredoc { .. }) => facts.push("stdin=heredoc".into()),
        Some(Input::HereString { .. }) => facts.push("stdin=herestring".into()),
        None => {}
    }
    if c.executes_stdin {
        facts.push("executes-stdin".into());
    }
    if let Some(w) = &c.wraps {
        facts.push(format!("wraps={:?}{:?}", w.kind, w.inner));
    }
    if !matches!(c.origin, crate::ir::Origin::Direct) {
        facts.push(format!("origin={:?}", c.origin));
    }
    let tricks: Vec<_> = c.args.iter().chain(std::iter::once(&c.program)).flat_map(|w| w.tricks.iter()).collect();
    if !tricks.is_empty() {
        facts.push(format!("tricks={tricks:?}"));
    }
    format!("{s}    [{}]", facts.join(" "))
}
