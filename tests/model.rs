//! The shipped model: the manifest matches the files, both runtimes (the
//! direct pass the hook uses and tract) reproduce the outputs recorded at
//! training time, and a damaged model refuses to load.

use std::fs;

use riskgate::ir::{Env, analyse};
use riskgate::model::onnx::TractModel;
use riskgate::model::{Model, ModelError, features, sha256_hex, tokenizer::bag_of};
use riskgate::rules;

fn models_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models")
}

#[test]
fn manifest_matches_the_files() {
    let dir = models_dir();
    let manifest: toml::Table = fs::read_to_string(dir.join("MANIFEST.toml")).expect("MANIFEST.toml").parse().expect("toml");
    let onnx = fs::read(dir.join("model.onnx")).expect("model.onnx");
    let tok = fs::read(dir.join("tokenizer.json")).expect("tokenizer.json");
    assert_eq!(manifest["model-sha256"].as_str(), Some(sha256_hex(&onnx).as_str()));
    assert_eq!(manifest["tokenizer-sha256"].as_str(), Some(sha256_hex(&tok).as_str()));
    assert_eq!(manifest["schema-version"].as_integer(), Some(i64::from(features::SCHEMA_VERSION)));
}

#[test]
fn embedded_model_is_the_directory_model() {
    let embedded = Model::embedded().expect("embedded model");
    let dir = Model::load_dir(&models_dir()).expect("models/ loads");
    assert_eq!(*embedded.weights(), *dir.weights());
    assert_eq!(embedded.manifest, dir.manifest);
}

#[derive(serde::Deserialize)]
struct Golden {
    command: String,
    decision: [f32; 3],
    categories: [f32; 12],
}

fn close(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn both_runtimes_reproduce_the_training_outputs() {
    let model = Model::embedded().expect("embedded model");
    let golden: Vec<Golden> = serde_json::from_str(&fs::read_to_string(models_dir().join("golden.json")).expect("golden.json")).expect("json");
    assert!(golden.len() >= 10);
    let w = model.weights();
    let onnx = fs::read(models_dir().join("model.onnx")).expect("model.onnx");
    let tract = TractModel::load(&onnx, w.vocab, w.features).expect("tract loads the model");
    let env = Env::default();
    let mut bags = Vec::new();
    let mut feats = Vec::new();
    for g in &golden {
        let script = analyse(&g.command, &env);
        let hits = rules::run(&script, &env, &[]);
        let ids = model.tokenizer().ids(&features::text(&script, true)).expect("tokenizes");
        let bag = bag_of(&ids);
        let f = features::vector(&script, &hits, true, true);
        // The hook's pass (the embedding read in place) and the decoded weights' pass.
        for direct in [model.forward(&bag, &f), w.forward(&bag, &f)] {
            assert!(close(&direct.decision, &g.decision, 1e-5), "direct pass drifted for `{}`: {:?} vs {:?}", g.command, direct.decision, g.decision);
            assert!(close(&direct.categories, &g.categories, 1e-5), "categories drifted for `{}`", g.command);
        }
        let mut dense = vec![0.0f32; w.vocab];
        for (id, share) in bag {
            dense[id as usize] = share;
        }
        bags.extend(dense);
        feats.extend(f);
    }
    let rows = tract.run(&bags, &feats, golden.len()).expect("tract runs");
    for (g, (d, c)) in golden.iter().zip(rows) {
        assert!(close(&d, &g.decision, 1e-5), "tract differs for `{}`: {d:?} vs {:?}", g.command, g.decision);
        assert!(close(&c, &g.categories, 1e-5), "tract categories differ for `{}`", g.command);
    }
}

fn damaged(edit: impl Fn(&mut String, &mut Vec<u8>, &mut String)) -> Result<Model, ModelError> {
    let dir = models_dir();
    let mut manifest = fs::read_to_string(dir.join("MANIFEST.toml")).expect("manifest");
    let mut onnx = fs::read(dir.join("model.onnx")).expect("onnx");
    let mut tok = fs::read_to_string(dir.join("tokenizer.json")).expect("tokenizer");
    edit(&mut manifest, &mut onnx, &mut tok);
    Model::from_parts(&manifest, &onnx, &tok, true)
}

#[test]
fn damaged_models_refuse_to_load() {
    assert!(matches!(damaged(|_, o, _| o.truncate(o.len() / 2)), Err(ModelError::Hash { .. })));
    assert!(matches!(damaged(|_, _, t| t.push(' ')), Err(ModelError::Hash { .. })));
    let schema = damaged(|m, _, _| *m = m.replace(&format!("schema-version = {}", features::SCHEMA_VERSION), "schema-version = 999"));
    assert!(matches!(schema, Err(ModelError::Schema { found: 999, .. })), "{schema:?}");
    assert!(matches!(damaged(|m, _, _| m.push_str("\nsurprise = 1\n")), Err(ModelError::Manifest(_))));
}
