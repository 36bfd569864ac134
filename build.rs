//! Embeds `grammars/programs/*.toml` and writes a sorted name index, so the
//! classifier parses only the specs of the programs a command names.
//!
//! Only `name` and `aliases` are read here, with a line scan; the full
//! format is parsed (and validated) by `ir::spec`, whose tests load every file.

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
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("specs.rs");
    fs::write(dest, out).unwrap_or_else(|e| panic!("writing specs.rs: {e}"));
}
