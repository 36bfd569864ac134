//! riskgate decides whether a coding agent's shell command may run
//! unattended: `allow`, `ask` (escalate to the person, with a reason) or
//! `deny`, following the default policy of POLICY.md.
//!
//! Data flows one way:
//! `parse` (tree-sitter) -> `ir` (normalized commands) -> `rules` (static
//! heuristics) -> `decide` (verdict with reasons). `pipeline::Classifier`
//! wires the stages; every front end calls it.

pub mod adapters;
pub mod config;
pub mod decide;
pub mod ir;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod policy;
pub mod report;
pub mod rules;
pub mod session;
pub mod tools;

pub use decide::{Reason, Verdict};
pub use pipeline::{Classifier, Request};
pub use policy::{Category, Decision};
pub mod cli;
pub mod dataset;
// Invariants of the fuzz targets (`fuzz/`, `tests/fuzz.rs`); not public API.
#[doc(hidden)]
pub mod fuzzing;
pub mod metrics;
/// Pathological inputs shared by the property tests and the bench; not public API.
#[doc(hidden)]
pub mod pathological;
#[cfg(feature = "train")]
pub mod train;
