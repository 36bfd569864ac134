//! `riskgate train` and `riskgate gen-data` (feature `train`): rebuild
//! `models/` from `datasets/`, and `datasets/generated.jsonl` from the
//! generator. Both are deterministic for a given seed.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::ExitStatus;
use anyhow::Context as _;

use crate::train::{generate, model, tldr};

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
    /// Tokenizer vocabulary size.
    #[arg(long, default_value_t = model::Options::default().vocab)]
    pub vocab: usize,
    /// Embedding width.
    #[arg(long, default_value_t = crate::train::fit::Hyper::default().embed)]
    pub embed: usize,
    /// Hidden layer width.
    #[arg(long, default_value_t = crate::train::fit::Hyper::default().hidden)]
    pub hidden: usize,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = 1e-4)]
    pub l2: f32,
    /// Share of samples trained without the rule-hit features, per mille.
    #[arg(long, default_value_t = 0)]
    pub hit_dropout: usize,
    /// Risky recall the `allow` threshold keeps on the generated validation
    /// commands only unknown programs made ask.
    #[arg(long, default_value_t = model::Options::default().unknown_recall)]
    pub unknown_recall: f64,
    /// Benign-allowed rate on documented commands seen as undocumented past
    /// which the `allow` threshold stops growing.
    #[arg(long, default_value_t = model::Options::default().unknown_benign)]
    pub unknown_benign: f64,
    /// Share of samples naming a documented program trained without what
    /// generated knowledge says of it, per mille (so the model also judges
    /// programs nobody documented).
    #[arg(long, default_value_t = model::Options::default().knowledge_dropout_per_mille)]
    pub knowledge_dropout: usize,
    /// Train as if the programs of fold K of N (`K/N`, split by
    /// `spec::fold_of`) had no tldr pages: their generated specs are
    /// withheld and their records (the `program` field) left out. For
    /// measuring programs nobody documented with `riskgate eval --fold K/N`.
    #[arg(long, value_name = "K/N", value_parser = crate::cli::parse_fold)]
    pub withhold_fold: Option<(u32, u32)>,
}

/// Arguments of `riskgate gen-tldr`.
#[derive(Debug, clap::Args)]
pub struct TldrArgs {
    /// The tldr pages snapshot (one page a line).
    #[arg(long, default_value = tldr::DEFAULT_PAGES)]
    pub pages: PathBuf,
    /// Output file.
    #[arg(long, default_value = "datasets/tldr.jsonl")]
    pub out: PathBuf,
    /// Seed of the placeholder values.
    #[arg(long, default_value_t = tldr::DEFAULT_SEED)]
    pub seed: u64,
    /// Leave out examples equal to a command of this file (JSONL records or
    /// one command a line); repeatable. Pass the evaluation bench here.
    #[arg(long)]
    pub exclude: Vec<PathBuf>,
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
    opts.vocab = args.vocab;
    opts.hyper.embed = args.embed;
    opts.hyper.hidden = args.hidden;
    opts.hit_dropout_per_mille = args.hit_dropout;
    opts.knowledge_dropout_per_mille = args.knowledge_dropout;
    opts.unknown_benign = args.unknown_benign;
    opts.unknown_recall = args.unknown_recall;
    opts.withhold_fold = args.withhold_fold;
    if let Some(fold) = args.withhold_fold {
        crate::ir::spec::withhold_generated(crate::cli::withheld(fold)).map_err(|e| anyhow::anyhow!(e))?;
    }
    // The shipped model is rebuilt by `cargo train`; anything else records its own command line.
    let given: Vec<String> = std::env::args().skip(1).collect();
    let command = if given == ["train"] { "cargo train".to_string() } else { format!("riskgate {}", given.join(" ")) };
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

pub(crate) fn gen_tldr(args: &TldrArgs, out: &mut impl Write) -> anyhow::Result<ExitStatus> {
    let pages = std::fs::read_to_string(&args.pages).with_context(|| format!("reading {}", args.pages.display()))?;
    let mut exclude = tldr::Exclusions::default();
    for f in &args.exclude {
        exclude.add(&std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?);
    }
    let (examples, r) = tldr::build(&pages, args.seed, &exclude)?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(&args.out).with_context(|| format!("creating {}", args.out.display()))?);
    tldr::write_jsonl(&examples, &mut file)?;
    file.flush()?;
    let count = |d: crate::Decision| examples.iter().filter(|e| e.label == d).count();
    let by_knowledge = examples.iter().filter(|e| e.labelled_by == "rules+knowledge").count();
    writeln!(
        out,
        "{} pages, {} examples: wrote {} to {} ({} allow, {} ask, {} deny; {} labelled with generated knowledge)",
        r.pages,
        r.examples,
        examples.len(),
        args.out.display(),
        count(crate::Decision::Allow),
        count(crate::Decision::Ask),
        count(crate::Decision::Deny),
        by_knowledge
    )?;
    writeln!(
        out,
        "left out: {} only unknown programs asked, {} only analysis gaps asked, {} duplicates, {} excluded",
        r.undetermined, r.gaps, r.duplicates, r.excluded
    )?;
    Ok(ExitStatus::Success)
}
