//! The risk model: features and tokens of a lowered command -> probabilities
//! of allow/ask/deny and of each category.
//!
//! `models/` ships `model.onnx`, `tokenizer.json` and `MANIFEST.toml`; the
//! build embeds them (see `build.rs`), so a fresh clone and the hook need no
//! files, and `--model DIR` loads another set. The manifest's feature-schema
//! version must equal [`features::SCHEMA_VERSION`] and, for a directory, its
//! hashes must match the files; otherwise the model refuses to load and the
//! classifier falls back to rules plus `ask` (never `allow`).
//!
//! This module knows nothing of JSON front ends or decisions: `decide.rs`
//! fuses the score with the rules.

pub mod features;
pub mod onnx;
pub mod tokenizer;
pub mod weights;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ir::Script;
use crate::rules::RuleHit;
pub use weights::{Output, Weights};

include!(concat!(env!("OUT_DIR"), "/model_files.rs"));

/// `models/MANIFEST.toml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    /// Feature definition version the model was trained with.
    pub schema_version: u32,
    /// SHA-256 of `model.onnx`, hex.
    pub model_sha256: String,
    /// SHA-256 of `tokenizer.json`, hex.
    pub tokenizer_sha256: String,
    /// Tokenizer vocabulary size.
    pub vocab: usize,
    /// Number of IR features.
    pub features: usize,
    /// Risk probability at or above which the model escalates a command the rules allowed.
    pub escalate_threshold: f32,
    /// Risk probability below which the model allows a command only its unknown programs made ask.
    pub allow_threshold: f32,
    /// The command that produced these files.
    pub command: String,
    /// Training seed.
    pub seed: u64,
}

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// No model was built into this binary and none was given.
    #[error("no model is embedded in this build (run `cargo train`) and none was given with --model")]
    Missing,
    /// The model was switched off (`--no-model`).
    #[error("the model is switched off (--no-model)")]
    Disabled,
    /// A file could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The manifest is invalid.
    #[error("MANIFEST.toml: {0}")]
    Manifest(String),
    /// Trained on another feature definition.
    #[error("model was trained with feature schema {found}, this riskgate computes schema {expected}")]
    Schema {
        /// Version this build computes.
        expected: u32,
        /// Version in the manifest.
        found: u32,
    },
    /// A file does not match its recorded hash.
    #[error("{file} does not match the SHA-256 in MANIFEST.toml")]
    Hash {
        /// Which file.
        file: &'static str,
    },
    /// The ONNX file is not the expected graph.
    #[error("model.onnx: {0}")]
    Format(#[from] weights::FormatError),
    /// The tokenizer could not be parsed.
    #[error("tokenizer.json: {0}")]
    Tokenizer(String),
    /// The files disagree with each other.
    #[error("model and manifest disagree: {0}")]
    Mismatch(String),
}

/// A loaded model.
#[derive(Debug)]
pub struct Model {
    /// The manifest.
    pub manifest: Manifest,
    weights: Weights,
    tokenizer: tokenizer::Tok,
}

/// SHA-256 of bytes, lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Model {
    /// The model built into this binary. Hashes were checked when it was
    /// built into the test suite (`tests/model.rs`), so only the schema is
    /// checked here: hashing costs time in every hook process.
    ///
    /// # Errors
    /// When no model is embedded or it does not load.
    pub fn embedded() -> Result<Model, ModelError> {
        Self::embedded_inner()
    }

    /// True when this binary was built with a model (its files are checked
    /// against `MANIFEST.toml` by the tests, so they are the trained ones).
    #[must_use]
    pub fn has_embedded() -> bool {
        EMBEDDED_MANIFEST.is_some() && EMBEDDED_MODEL.is_some() && EMBEDDED_TOKENIZER.is_some()
    }

    fn embedded_inner() -> Result<Model, ModelError> {
        let (Some(manifest), Some(onnx), Some(tok)) = (EMBEDDED_MANIFEST, EMBEDDED_MODEL, EMBEDDED_TOKENIZER) else {
            return Err(ModelError::Missing);
        };
        Model::from_parts(manifest, onnx, tok, false)
    }

    /// Loads `model.onnx`, `tokenizer.json` and `MANIFEST.toml` from a directory.
    ///
    /// # Errors
    /// When a file is missing, does not match its hash, or does not load.
    pub fn load_dir(dir: &Path) -> Result<Model, ModelError> {
        let read = |name: &str| std::fs::read(dir.join(name)).map_err(|source| ModelError::Read { path: dir.join(name), source });
        let manifest = String::from_utf8(read("MANIFEST.toml")?).map_err(|e| ModelError::Manifest(e.to_string()))?;
        let onnx = read("model.onnx")?;
        let tok = String::from_utf8(read("tokenizer.json")?).map_err(|e| ModelError::Tokenizer(e.to_string()))?;
        Model::from_parts(&manifest, &onnx, &tok, true)
    }

    /// Builds a model from the three files' contents.
    ///
    /// # Errors
    /// As [`Model::load_dir`].
    pub fn from_parts(manifest: &str, onnx: &[u8], tokenizer_json: &str, check_hashes: bool) -> Result<Model, ModelError> {
        let manifest: Manifest = toml::from_str(manifest).map_err(|e| ModelError::Manifest(e.to_string()))?;
        if manifest.schema_version != features::SCHEMA_VERSION {
            return Err(ModelError::Schema { expected: features::SCHEMA_VERSION, found: manifest.schema_version });
        }
        if check_hashes {
            if sha256_hex(onnx) != manifest.model_sha256 {
                return Err(ModelError::Hash { file: "model.onnx" });
            }
            if sha256_hex(tokenizer_json.as_bytes()) != manifest.tokenizer_sha256 {
                return Err(ModelError::Hash { file: "tokenizer.json" });
            }
        }
        let weights = Weights::from_onnx(onnx)?;
        let tokenizer = tokenizer::Tok::from_json(tokenizer_json).map_err(ModelError::Tokenizer)?;
        if weights.features != features::NUM_FEATURES || weights.features != manifest.features {
            return Err(ModelError::Mismatch(format!("model has {} features, this build computes {}", weights.features, features::NUM_FEATURES)));
        }
        if weights.vocab != tokenizer.vocab_size() || weights.vocab != manifest.vocab {
            return Err(ModelError::Mismatch(format!("model vocabulary {} != tokenizer vocabulary {}", weights.vocab, tokenizer.vocab_size())));
        }
        Ok(Model { manifest, weights, tokenizer })
    }

    /// The weights (for tests and export).
    #[must_use]
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The tokenizer.
    #[must_use]
    pub fn tokenizer(&self) -> &tokenizer::Tok {
        &self.tokenizer
    }

    /// Scores a lowered command.
    ///
    /// # Errors
    /// When the tokenizer fails on the text.
    pub fn score(&self, script: &Script, hits: &[RuleHit]) -> Result<Output, String> {
        let bag = self.tokenizer.bag(&features::text(script))?;
        let feats = features::vector(script, hits, true);
        Ok(self.weights.forward(&bag, &feats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bag_shares_sum_to_one() {
        let b = tokenizer::bag_of(&[3, 1, 3, 2]);
        assert_eq!(b, vec![(1, 0.25), (2, 0.25), (3, 0.5)]);
    }

    #[test]
    fn onnx_round_trip() {
        let w = Weights {
            vocab: 3,
            embed: 2,
            features: 1,
            hidden: 2,
            e: vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            w1: vec![1.0, -1.0, 0.5, 0.5, 0.2, 0.1],
            b1: vec![0.0, 0.1],
            w2d: vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            b2d: vec![0.0; 3],
            w2c: (0..24).map(|i| i as f32 / 24.0).collect(),
            b2c: vec![0.0; 12],
        };
        let back = Weights::from_onnx(&w.to_onnx()).unwrap();
        assert_eq!(back, w);
    }

    #[test]
    fn garbage_is_a_format_error() {
        assert!(Weights::from_onnx(b"not a model").is_err());
        assert!(matches!(Model::from_parts("schema-version = 1", b"", "{}", false), Err(ModelError::Manifest(_))));
    }
}
