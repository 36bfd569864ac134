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
    /// The weights; `e` is empty when `embedding` holds it.
    weights: Weights,
    /// The embedded model's embedding matrix, read in place
    /// ([`Weights::from_onnx_borrowed`]).
    embedding: Option<&'static [u8]>,
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
        // The embedded file lives as long as the process: its embedding is
        // read in place. A layout the walk does not read is decoded whole.
        match Weights::from_onnx_borrowed(onnx) {
            Ok((weights, embedding)) => Model::assemble(Model::manifest(manifest)?, weights, Some(embedding), tok),
            Err(_) => Model::from_parts(manifest, onnx, tok, false),
        }
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
        let manifest = Model::manifest(manifest)?;
        if check_hashes {
            if sha256_hex(onnx) != manifest.model_sha256 {
                return Err(ModelError::Hash { file: "model.onnx" });
            }
            if sha256_hex(tokenizer_json.as_bytes()) != manifest.tokenizer_sha256 {
                return Err(ModelError::Hash { file: "tokenizer.json" });
            }
        }
        Model::assemble(manifest, Weights::from_onnx(onnx)?, None, tokenizer_json)
    }

    /// A manifest of this build's feature schema.
    fn manifest(text: &str) -> Result<Manifest, ModelError> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| ModelError::Manifest(e.to_string()))?;
        if manifest.schema_version != features::SCHEMA_VERSION {
            return Err(ModelError::Schema { expected: features::SCHEMA_VERSION, found: manifest.schema_version });
        }
        Ok(manifest)
    }

    fn assemble(manifest: Manifest, weights: Weights, embedding: Option<&'static [u8]>, tokenizer_json: &str) -> Result<Model, ModelError> {
        let tokenizer = tokenizer::Tok::from_json(tokenizer_json).map_err(ModelError::Tokenizer)?;
        if weights.features != features::NUM_FEATURES || weights.features != manifest.features {
            return Err(ModelError::Mismatch(format!("model has {} features, this build computes {}", weights.features, features::NUM_FEATURES)));
        }
        if weights.vocab != tokenizer.vocab_size() || weights.vocab != manifest.vocab {
            return Err(ModelError::Mismatch(format!("model vocabulary {} != tokenizer vocabulary {}", weights.vocab, tokenizer.vocab_size())));
        }
        Ok(Model { manifest, weights, embedding, tokenizer })
    }

    /// The weights (for tests and export), the embedding decoded when it
    /// is read in place.
    #[must_use]
    pub fn weights(&self) -> std::borrow::Cow<'_, Weights> {
        match self.embedding {
            None => std::borrow::Cow::Borrowed(&self.weights),
            Some(e) => {
                let mut w = self.weights.clone();
                w.e = weights::le_floats(e);
                std::borrow::Cow::Owned(w)
            }
        }
    }

    /// The forward pass for one command (see [`Weights::forward`]).
    #[must_use]
    pub fn forward(&self, bag: &[(u32, f32)], features: &[f32]) -> Output {
        match self.embedding {
            None => self.weights.forward(bag, features),
            Some(e) => self.weights.forward_embedded(e, bag, features),
        }
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
        let bag = self.tokenizer.bag(&features::text(script, true))?;
        let feats = features::vector(script, hits, true, true);
        Ok(self.forward(&bag, &feats))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message as _;
    use tract_onnx::pb;

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

    /// Weights of the trained shapes with varied values.
    fn sample(vocab: usize, embed: usize, features: usize, hidden: usize) -> Weights {
        let v = |n: usize, k: f32| (0..n).map(|i| (i as f32 * k).sin() * 0.5).collect::<Vec<f32>>();
        Weights {
            vocab,
            embed,
            features,
            hidden,
            e: v(vocab * embed, 0.37),
            w1: v((embed + features) * hidden, 0.11),
            b1: v(hidden, 0.7),
            w2d: v(hidden * 3, 0.23),
            b2d: v(3, 0.5),
            w2c: v(hidden * 12, 0.19),
            b2c: v(12, 0.3),
        }
    }

    #[test]
    fn the_embedding_read_in_place_is_the_decoded_one() {
        let w = sample(50, 4, 3, 5);
        let bytes = w.to_onnx();
        let (head, e) = Weights::from_onnx_borrowed(&bytes).expect("walks the file to_onnx writes");
        assert!(head.e.is_empty());
        let mut whole = head.clone();
        whole.e = weights::le_floats(e);
        assert_eq!(whole, w);
        assert_eq!(Weights::from_onnx(&bytes).expect("decodes"), w);
        for bag in [vec![], vec![(0, 1.0)], vec![(3, 0.25), (7, 0.5), (49, 0.25)], vec![(60, 1.0)]] {
            let f = [0.5, -1.0, 2.0];
            assert_eq!(head.forward_embedded(e, &bag, &f), w.forward(&bag, &f), "{bag:?}");
        }
    }

    #[test]
    fn a_file_the_walk_does_not_read_is_an_error_not_a_guess() {
        let bytes = sample(10, 2, 1, 2).to_onnx();
        for cut in [1, bytes.len() / 2, bytes.len() - 1] {
            assert!(Weights::from_onnx_borrowed(&bytes[..cut]).is_err(), "truncated at {cut}");
        }
        assert!(Weights::from_onnx_borrowed(b"not a model").is_err());
        // float_data instead of raw_data: decoded by prost, refused by the walk.
        let mut model = pb::ModelProto::decode(bytes.as_slice()).expect("decode");
        let t = &mut model.graph.as_mut().expect("graph").initializer[0];
        t.float_data = weights::le_floats(&t.raw_data);
        t.raw_data.clear();
        let floats = model.encode_to_vec();
        assert!(Weights::from_onnx_borrowed(&floats).is_err());
        assert_eq!(Weights::from_onnx(&floats).expect("decodes"), sample(10, 2, 1, 2));
        // A missing tensor.
        let mut model = pb::ModelProto::decode(bytes.as_slice()).expect("decode");
        model.graph.as_mut().expect("graph").initializer.retain(|t| t.name != "W2c");
        assert!(matches!(Weights::from_onnx_borrowed(&model.encode_to_vec()), Err(weights::FormatError::Tensor("W2c"))));
    }

    #[test]
    fn the_embedded_model_reads_its_embedding_in_place() {
        let m = Model::embedded().expect("embedded model");
        assert!(m.embedding.is_some() && m.weights.e.is_empty(), "the walk reads the file riskgate train writes");
        assert_eq!(m.weights().e.len(), m.weights.vocab * m.weights.embed);
    }

    #[test]
    fn garbage_is_a_format_error() {
        assert!(Weights::from_onnx(b"not a model").is_err());
        assert!(matches!(Model::from_parts("schema-version = 1", b"", "{}", false), Err(ModelError::Manifest(_))));
    }
}
