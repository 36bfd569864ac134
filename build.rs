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
    // A position-dependent executable: the code is position-independent as
    // usual, but the linker resolves its 65,000 internal pointers (string
    // tables, vtables, grammar tables) at link time instead of the dynamic
    // loader at every start, which wrote all 256 pages of a 1 MB RELRO
    // region in every hook process (issue 21; README "Speed"). The cost is
    // ASLR of the executable's own image (libraries, heap and stack stay
    // randomised): `RISKGATE_PIE=1 cargo build --release` keeps the default
    // PIE for a distribution that requires it. Binaries only: the library,
    // tests and benches link as before.
    println!("cargo::rerun-if-env-changed=RISKGATE_PIE");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && env::var("RISKGATE_PIE").as_deref() != Ok("1") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
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
    vocabulary_table(&out_dir);
    generated_specs(&out_dir);
}

/// Writes `vocab.rs`: the embedded `tokenizer.json` as a static table the
/// hook reads without building maps (`src/model/tokenizer.rs`,
/// `StaticTable`), when the file has the shape that table reproduces: a
/// WordPiece model, `BertPreTokenizer`, no normalizer, post-processor,
/// decoder, truncation or padding, and added tokens that are words of the
/// model, matched verbatim. Any other file gives `None`, and the tokenizer
/// is built by `tokenizers` at run time.
///
/// The words are one string, sorted, with the end offset and id of each:
/// no pointer per word, so nothing to relocate at start-up.
fn vocabulary_table(out_dir: &str) {
    let path = Path::new("models/tokenizer.json");
    let table = fs::read_to_string(path).ok().and_then(|text| static_table(&text));
    let out = match table {
        Some(t) => format!("pub(crate) static STATIC_TABLE: Option<StaticTable> = Some({t});\n"),
        None => "pub(crate) static STATIC_TABLE: Option<StaticTable> = None;\n".to_string(),
    };
    fs::write(Path::new(out_dir).join("vocab.rs"), out).unwrap_or_else(|e| panic!("writing vocab.rs: {e}"));
}

fn static_table(text: &str) -> Option<String> {
    use serde_json::Value;
    let v: Value = serde_json::from_str(text).ok()?;
    let obj = v.as_object()?;
    let known = ["version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"];
    if obj.keys().any(|k| !known.contains(&k.as_str())) || v["version"] != "1.0" {
        return None;
    }
    if ["truncation", "padding", "normalizer", "post_processor", "decoder"].iter().any(|k| !v[*k].is_null()) {
        return None;
    }
    if v["pre_tokenizer"] != serde_json::json!({"type": "BertPreTokenizer"}) {
        return None;
    }
    let model = v["model"].as_object()?;
    let model_keys = ["type", "unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab"];
    if model.keys().any(|k| !model_keys.contains(&k.as_str())) || model.get("type")? != "WordPiece" {
        return None;
    }
    let unk = model.get("unk_token")?.as_str()?;
    let prefix = model.get("continuing_subword_prefix")?.as_str()?;
    let max_chars = model.get("max_input_chars_per_word")?.as_u64()?;
    let mut words: Vec<(&str, u32)> =
        model.get("vocab")?.as_object()?.iter().map(|(w, id)| Some((w.as_str(), u32::try_from(id.as_u64()?).ok()?))).collect::<Option<_>>()?;
    words.sort_unstable();
    let find = |w: &str| words.binary_search_by(|(x, _)| x.cmp(&w)).ok().map(|i| words[i].1);
    let unk_id = find(unk)?;
    let mut added = Vec::new();
    for t in v["added_tokens"].as_array()? {
        let content = t["content"].as_str()?;
        let plain = ["single_word", "lstrip", "rstrip", "normalized"].iter().all(|k| t[*k] == false) && t["special"].is_boolean();
        if !plain || find(content)? != u32::try_from(t["id"].as_u64()?).ok()? || content.is_empty() {
            return None;
        }
        added.push(format!("({content:?}, {})", find(content)?));
    }
    let mut ids: Vec<u32> = words.iter().map(|w| w.1).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != words.len() || ids.last().is_some_and(|&last| last as usize + 1 != words.len()) {
        return None; // ids are not 0..n, each once
    }
    let blob: String = words.iter().map(|w| w.0).collect();
    let mut ends = Vec::with_capacity(words.len());
    let mut at = 0;
    for (w, _) in &words {
        at += w.len();
        ends.push(at.to_string());
    }
    let ids: Vec<String> = words.iter().map(|w| w.1.to_string()).collect();
    Some(format!(
        "StaticTable {{ words: {blob:?}, ends: &[{}], ids: &[{}], unk: {unk_id}, prefix: {prefix:?}, max_chars: {max_chars}, added: &[{}] }}",
        ends.join(", "),
        ids.join(", "),
        added.join(", ")
    ))
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
