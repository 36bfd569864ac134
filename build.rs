//! Embeds `grammars/programs/*.toml` and writes a sorted name index, so the
//! classifier parses only the specs of the programs a command names.
//!
//! Only `name` and `aliases` are read here, with a line scan; the full
//! format is parsed (and validated) by `ir::spec`, whose tests load every file.
//!
//! The generated specs (`grammars/generated/*.toml`, built from public
//! documentation by `scripts/gen_knowledge.py`) are embedded too, each
//! deflated on its own into one blob, with a sorted static table of
//! `(name, offset, length)`: a lookup is a binary search, and only the spec
//! of a program a command names is inflated and parsed.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn quoted_strings(line: &str) -> Vec<String> {
    line.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

fn main() {
    let dir = Path::new("grammars/programs");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    files.sort();
    let mut sources = String::from("pub(crate) static SPEC_SOURCES: &[(&str, &str)] = &[\n");
    let mut index: Vec<(String, usize)> = Vec::new();
    for (i, path) in files.iter().enumerate() {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let abs = fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let _ = writeln!(sources, "    ({stem:?}, include_str!({:?})),", abs.display().to_string());
        index.push((stem, i));
        for line in text.lines().map(str::trim) {
            if line.starts_with('[') {
                break;
            }
            if let Some(rest) = line.strip_prefix("aliases") {
                for alias in quoted_strings(rest) {
                    index.push((alias, i));
                }
            }
        }
    }
    sources.push_str("];\n");
    index.sort();
    index.dedup_by(|a, b| a.0 == b.0);
    let mut out = sources;
    out.push_str("pub(crate) static SPEC_INDEX: &[(&str, usize)] = &[\n");
    for (name, i) in &index {
        let _ = writeln!(out, "    ({name:?}, {i}),");
    }
    out.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    fs::write(Path::new(&out_dir).join("specs.rs"), out).unwrap_or_else(|e| panic!("writing specs.rs: {e}"));
    model_files(&out_dir);
    generated_specs(&out_dir);
}

/// Deflates every generated spec into `generated.bin` and writes the sorted
/// index `GENERATED_INDEX: &[(name, offset, len)]` over it. A generated spec
/// is indexed by its file stem only (it has no `aliases`).
fn generated_specs(out_dir: &str) {
    use std::io::Write as _;
    let dir = Path::new("grammars/generated");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect())
        .unwrap_or_default();
    // By name, not by path: `a-b.toml` sorts before `a.toml`, `a-b` after `a`.
    files.sort_by(|a, b| a.file_stem().cmp(&b.file_stem()));
    let mut blob = Vec::new();
    let mut index = String::from("pub(crate) static GENERATED_INDEX: &[(&str, u32, u32)] = &[\n");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let packed = enc.finish().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let _ = writeln!(index, "    ({stem:?}, {}, {}),", blob.len(), packed.len());
        blob.extend_from_slice(&packed);
    }
    index.push_str("];\n");
    let bin = Path::new(out_dir).join("generated.bin");
    fs::write(&bin, &blob).unwrap_or_else(|e| panic!("writing generated.bin: {e}"));
    let _ = writeln!(index, "pub(crate) static GENERATED_BLOB: &[u8] = include_bytes!({:?});", bin.display().to_string());
    fs::write(Path::new(out_dir).join("generated.rs"), index).unwrap_or_else(|e| panic!("writing generated.rs: {e}"));
}

/// Embeds `models/` when it holds a trained model; without one (before the
/// first `cargo train`) the constants are `None` and the classifier runs on
/// rules alone, asking where the model would have decided.
fn model_files(out_dir: &str) {
    let mut out = String::new();
    for (constant, file, kind) in [
        ("EMBEDDED_MODEL", "models/model.onnx", "bytes"),
        ("EMBEDDED_TOKENIZER", "models/tokenizer.json", "str"),
        ("EMBEDDED_MANIFEST", "models/MANIFEST.toml", "str"),
    ] {
        println!("cargo::rerun-if-changed={file}");
        let path = Path::new(file);
        let ty = if kind == "bytes" { "&[u8]" } else { "&str" };
        if path.exists() {
            let abs = fs::canonicalize(path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mac = if kind == "bytes" { "include_bytes" } else { "include_str" };
            let _ = writeln!(out, "pub(crate) const {constant}: Option<{ty}> = Some({mac}!({:?}));", abs.display().to_string());
        } else {
            let _ = writeln!(out, "pub(crate) const {constant}: Option<{ty}> = None;");
        }
    }
    println!("cargo::rerun-if-changed=models");
    fs::write(Path::new(out_dir).join("model_files.rs"), out).unwrap_or_else(|e| panic!("writing model_files.rs: {e}"));
}
