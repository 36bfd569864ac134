//! `riskgate rules [CODE] [--markdown]`: the rule registry, from the CLI.
//! Never loads the model.

use std::io::Write;

use anyhow::bail;

use crate::cli::ExitStatus;
use crate::decide::ENGINE_CODES;
use crate::{report, rules};

/// Arguments of `riskgate rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Explain this rule (e.g. DES001) with its examples, or an engine code (RG005, HK007).
    pub code: Option<String>,
    /// Print the registry as Markdown (docs/rules.md).
    #[arg(long, conflicts_with = "code")]
    pub markdown: bool,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    if args.markdown {
        write!(out, "{}", report::rules_markdown())?;
        return Ok(ExitStatus::Success);
    }
    match &args.code {
        None => write!(out, "{}", report::rules_table())?,
        Some(code) => match (rules::by_code(code), ENGINE_CODES.iter().find(|e| e.code.eq_ignore_ascii_case(code))) {
            (Some(rule), _) => write!(out, "{}", report::rule_text(rule))?,
            (None, Some(e)) => write!(out, "{}", report::engine_code_text(e))?,
            (None, None) => bail!("no rule or engine code `{code}` (see `riskgate rules`)"),
        },
    }
    Ok(ExitStatus::Success)
}
