//! Training (feature `train`): the seeded generator of
//! `datasets/generated.jsonl` and its template tables, the model fit, and
//! the `riskgate train` pipeline that rebuilds `models/`. Nothing here is
//! used at inference time.

pub mod fit;
pub mod generate;
pub mod model;
mod templates;

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::dataset;
    use crate::policy::Decision;

    use super::generate::{DEFAULT_COUNT, DEFAULT_SEED, generate, write_jsonl};

    fn datasets() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets")
    }

    #[test]
    fn handwritten_set_is_well_formed() {
        let path = datasets().join("handwritten.jsonl");
        let text = std::fs::read_to_string(&path).unwrap();
        let records = dataset::read(text.as_bytes(), "handwritten.jsonl", None);
        assert!(records.len() >= 400, "{} records", records.len());
        let mut seen = std::collections::HashSet::new();
        for r in records {
            let r = r.unwrap();
            assert_eq!(r.source, "handwritten", "{}", r.id);
            assert_eq!(r.label == Decision::Allow, r.categories.is_empty(), "{}: {}", r.id, r.command);
            assert!(seen.insert(r.command.clone()), "duplicate: {}", r.command);
        }
    }

    /// The committed file is what the generator produces; regenerate with
    /// `cargo test --features train -- --ignored write_generated`.
    #[test]
    fn generated_file_is_current() {
        let committed = std::fs::read(datasets().join("generated.jsonl")).unwrap();
        let mut fresh = Vec::new();
        write_jsonl(&generate(DEFAULT_SEED, DEFAULT_COUNT), &mut fresh).unwrap();
        assert!(committed == fresh, "datasets/generated.jsonl is stale; regenerate it (see datasets/README.md)");
    }
}
