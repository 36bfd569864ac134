//! `riskgate train` and `riskgate gen-data` (feature `train`): rebuild
//! `models/` from `datasets/`, and `datasets/generated.jsonl` from the
//! generator. Both are deterministic for a given seed.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::ExitStatus;
use crate::train::{generate, model};

/// Arguments of `riskgate train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of labelled JSONL files.
    #[arg(long, default_value = "datasets")]
    pub data: PathBuf,
    /// Where to write model.onnx, tokenizer.json, MANIFEST.toml and README.md.
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Seed for the split, dropout and the fit.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Passes over the training data.
    #[arg(long, default_value_t = 6)]
    pub epochs: usize,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = 1e-4)]
    pub l2: f32,
    /// Share of samples trained without the rule-hit features, per mille.
    #[arg(long, default_value_t = 0)]
    pub hit_dropout: usize,
}

/// Arguments of `riskgate gen-data`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Output file.
    #[arg(long, default_value = "datasets/generated.jsonl")]
    pub out: PathBuf,
    /// Seed.
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    pub seed: u64,
    /// Number of examples.
    #[arg(long, default_value_t = generate::DEFAULT_COUNT)]
    pub count: usize,
}

pub(crate) fn run(args: &Args, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let mut opts = model::Options { seed: args.seed, ..model::Options::default() };
    opts.hyper.epochs = args.epochs;
    opts.hyper.seed = args.seed;
    opts.hyper.l2 = args.l2;
    opts.hit_dropout_per_mille = args.hit_dropout;
    let command = "cargo train".to_string();
    let mut lines = Vec::new();
    let card = model::train(&args.data, &args.out, &opts, &command, |msg| lines.push(msg.to_string()))?;
    for l in lines {
        writeln!(out, "{l}")?;
    }
    writeln!(out, "\n{card}")?;
    Ok(ExitStatus::Success)
}

pub(crate) fn gen_data(args: &GenArgs, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let examples = generate::generate(args.seed, args.count);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    generate::write_jsonl(&examples, &mut file)?;
    file.flush()?;
    writeln!(out, "wrote {} examples to {}", examples.len(), args.out.display())?;
    Ok(ExitStatus::Success)
}
