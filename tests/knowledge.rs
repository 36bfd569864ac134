//! The knowledge build step (`scripts/gen_knowledge.py`): deterministic, and
//! reading made-up pages (`tests/fixtures/knowledge/`) as its docstring says.

use std::path::Path;
use std::process::Command;

fn generate(pages: &Path, programs: &Path, out: &Path) {
    let status = Command::new("python3")
        .arg("scripts/gen_knowledge.py")
        .arg(pages)
        .arg("--programs")
        .arg(programs)
        .arg("--out")
        .arg(out)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "gen_knowledge.py failed");
}

/// Every file of a folder, sorted, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("output folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect();
    out.sort();
    out
}

#[test]
fn the_build_is_deterministic_and_reads_the_pages_as_documented() {
    let fixture = Path::new("tests/fixtures/knowledge");
    let (a, b) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    generate(&fixture.join("pages.jsonl"), &fixture.join("programs"), a.path());
    generate(&fixture.join("pages.jsonl"), &fixture.join("programs"), b.path());
    let (first, second) = (files(a.path()), files(b.path()));
    assert_eq!(first, second, "two runs differ");
    let names: Vec<&str> = first.iter().map(|(n, _)| n.as_str()).collect();
    // `handmade` has a hand-written spec; `qp` is an alias page; `quarkpkg-cache` is a subcommand page.
    assert_eq!(names, ["ferrysync.toml", "lumenview.toml", "quarkpkg.toml"]);
    let text = |name: &str| String::from_utf8(first.iter().find(|(n, _)| n == name).expect(name).1.clone()).expect("utf-8");
    let pkg: toml::Table = toml::from_str(&text("quarkpkg.toml")).expect("toml");
    assert_eq!(pkg["source"].as_str(), Some("tldr-pages/tldr@08e345f:pages/linux/quarkpkg.md"));
    assert_eq!(pkg["open-subcommands"].as_bool(), Some(true));
    let subs = pkg["subcommands"].as_table().expect("subcommands");
    assert_eq!(subs["install"]["effect"].as_str(), Some("system"), "{subs:?}");
    assert_eq!(subs["install"]["aliases"].as_array().map(Vec::len), Some(1));
    assert_eq!(subs["search"]["effect"].as_str(), Some("read"));
    assert_eq!(subs["remove"]["flag-effects"]["--purge"].as_str(), Some("system"));
    assert_eq!(subs["cache"]["source"].as_str(), Some("tldr-pages/tldr@08e345f:pages/linux/quarkpkg-cache.md"));
    let view: toml::Table = toml::from_str(&text("lumenview.toml")).expect("toml");
    assert_eq!(view["effect"].as_str(), Some("read"));
    assert_eq!(view["values"]["--output"].as_str(), Some("write-path"));
    assert!(view["takes-value"].as_array().expect("takes-value").iter().any(|v| v.as_str() == Some("-o")));
    let sync: toml::Table = toml::from_str(&text("ferrysync.toml")).expect("toml");
    assert_eq!(sync["effect"].as_str(), Some("exfiltration"));
    // The real specs parse as riskgate's spec format.
    for (name, bytes) in &first {
        let spec: Result<toml::Table, _> = toml::from_str(std::str::from_utf8(bytes).expect("utf-8"));
        assert!(spec.is_ok(), "{name}");
    }
}

/// The committed `grammars/generated/` is what the script makes from the
/// snapshot. The snapshot lives outside the repository (`../shared`); where
/// it is absent this test has nothing to compare and says so.
#[test]
fn the_committed_generated_specs_are_current() {
    let pages = Path::new("../shared/knowledge/tldr-pages.jsonl");
    let pages = if pages.exists() { pages.to_path_buf() } else { Path::new("/work/shared/knowledge/tldr-pages.jsonl").to_path_buf() };
    if !pages.exists() {
        eprintln!("no tldr snapshot at ../shared/knowledge: skipped");
        return;
    }
    let out = tempfile::tempdir().expect("tmp");
    generate(&pages, Path::new("grammars/programs"), out.path());
    let fresh = files(out.path());
    let committed = files(Path::new("grammars/generated"));
    let stale: Vec<&str> = fresh.iter().filter(|f| !committed.contains(f)).map(|(n, _)| n.as_str()).take(10).collect();
    assert!(fresh.len() == committed.len() && stale.is_empty(), "grammars/generated is stale (run scripts/gen_knowledge.py): {stale:?}");
}

/// `riskgate eval --fold K/N` judges only the records of fold K's documented
/// programs; `--withhold-knowledge` makes them undocumented, which the
/// no-spec count shows.
#[test]
fn eval_folds_select_programs_and_withhold_their_knowledge() {
    use riskgate::ir::spec::{fold_of, generated_names};
    let in_fold = |k: u32| generated_names().find(|n| fold_of(n, 5) == k && n.chars().all(|c| c.is_ascii_alphanumeric())).expect("a program");
    let (p0, p1) = (in_fold(0), in_fold(1));
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("folds.jsonl");
    let lines: Vec<String> = [(p0, Some(p0)), (p1, Some(p1)), ("ls", None)]
        .iter()
        .map(|(cmd, program)| serde_json::json!({"command": format!("{cmd} --help"), "label": "allow", "program": program}).to_string())
        .collect();
    std::fs::write(&data, lines.join("\n") + "\n").expect("write");
    let eval = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_riskgate")).arg("eval").arg(&data).args(["--json", "--fold", "0/5"]).args(extra).output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let documented = eval(&[]);
    assert_eq!(documented["n"], 1, "only {p0}'s record is in fold 0");
    assert_eq!(documented["without_spec"]["folds"], serde_json::json!([0, 1]));
    let withheld = eval(&["--withhold-knowledge"]);
    assert_eq!(withheld["n"], 1);
    assert_eq!(withheld["without_spec"]["folds"], serde_json::json!([1, 1]), "{p0} has no knowledge once withheld");
    let refused = Command::new(env!("CARGO_BIN_EXE_riskgate")).arg("eval").arg(&data).arg("--withhold-knowledge").output().expect("run");
    assert_eq!(refused.status.code(), Some(2), "--withhold-knowledge needs --fold");
}
