//! A cache of what the language front ends found in long code, for the
//! hook: one process per command, so nothing survives in memory.
//!
//! Reading a project file costs what parsing it costs: tree-sitter-python
//! parses a 1,000-line file (21 KB) in about 4 ms here, and the evaluator
//! takes 2 ms more, while the same file is run again and again in a session
//! (`pytest` reads the same `conftest.py` on every run). [`analyse`] keeps
//! the [`Findings`] of code of at least [`MIN_BYTES`] in a directory, one
//! JSON file per entry, named by the SHA-256 of the riskgate binary's
//! identity, the language and the code: the findings are a function of those
//! three alone (`lang::analyse` reads nothing else), so an entry is exact
//! until either changes, and a rebuilt or upgraded binary never reads
//! another's entries.
//!
//! What an entry says is believed, so the directory is riskgate's own
//! state: `~/.cache/riskgate` is classed with riskgate's config
//! (`PathClass::AgentConfig`, `paths.rs`), and a command that writes there
//! asks like one editing the agent's settings (POLICY.md, `sandbox_escape`).
//! An entry that does not read back (truncated, not JSON, another shape) is
//! a miss and is written anew; a cache that cannot be written is no cache.
//! Neither ever changes a decision: the code is analysed as it would be
//! without one.
//!
//! Bounds: [`MAX_ENTRIES`] files; a write past them removes the oldest
//! quarter. The user's config turns the cache off (`code-cache = false`);
//! `score` and `eval` never use it (they read no files).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::Findings;
use crate::ir::spec::Language;

/// Shortest code whose findings are kept: below it, analysing costs less
/// than reading an entry back.
pub const MIN_BYTES: usize = 4 * 1024;

/// Most entries kept.
pub const MAX_ENTRIES: usize = 1024;

/// The default directory: `$XDG_CACHE_HOME/riskgate/code`, else
/// `~/.cache/riskgate/code`; `None` without either variable.
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("XDG_CACHE_HOME").filter(|p| p.is_absolute()).map(|d| d.join("riskgate/code")).or_else(|| var("HOME").map(|h| h.join(".cache/riskgate/code")))
}

/// What identifies the analysis this binary does: its version, and the size
/// and modification time of its executable (a rebuild changes them).
/// `None` when the executable cannot be found: then nothing is cached.
fn build_identity() -> Option<&'static str> {
    static ID: OnceLock<Option<String>> = OnceLock::new();
    ID.get_or_init(|| {
        let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(format!("{} {} {}.{:09}", env!("CARGO_PKG_VERSION"), meta.len(), mtime.as_secs(), mtime.subsec_nanos()))
    })
    .as_deref()
}

/// The entry file of `code` in `lang` under `dir`.
fn entry(dir: &Path, identity: &str, lang: Language, code: &str) -> PathBuf {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    for part in [identity, &format!("{lang:?}"), code] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hex}.json"))
}

/// [`super::analyse`], through the cache in `dir` when there is one and the
/// code is long enough to be worth it.
#[must_use]
pub fn analyse(lang: Language, code: &str, dir: Option<&Path>) -> Option<Findings> {
    let (Some(dir), Some(identity)) = (dir.filter(|_| code.len() >= MIN_BYTES), build_identity()) else {
        return super::analyse(lang, code);
    };
    analyse_in(dir, identity, lang, code)
}

fn analyse_in(dir: &Path, identity: &str, lang: Language, code: &str) -> Option<Findings> {
    let path = entry(dir, identity, lang, code);
    if let Some(found) = std::fs::read(&path).ok().and_then(|bytes| serde_json::from_slice::<Findings>(&bytes).ok()) {
        return Some(found);
    }
    let found = super::analyse(lang, code)?;
    // Best effort: a full disk or a read-only home leaves the answer as it is.
    let _ = store(dir, &path, &found);
    Some(found)
}

/// Writes an entry whole (a temporary file renamed into place, so a reader
/// never sees half of one), then keeps the directory within its bound.
fn store(dir: &Path, path: &Path, found: &Findings) -> std::io::Result<()> {
    if !dir.is_dir() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec(found).map_err(std::io::Error::other)?)?;
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    prune(dir, MAX_ENTRIES)
}

/// Past `max` entries, removes the oldest quarter (by modification time).
fn prune(dir: &Path, max: usize) -> std::io::Result<()> {
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if entries.len() <= max {
        return Ok(());
    }
    entries.sort();
    for (_, old) in entries.iter().take(entries.len() - max * 3 / 4) {
        let _ = std::fs::remove_file(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python long enough to be cached, whose findings are not empty.
    fn long_python() -> String {
        let mut code = String::from("import shutil, os\n");
        for i in 0..200 {
            code.push_str(&format!("def step_{i}(rows):\n    return sum(r.get('v{i}', 0) for r in rows)\n"));
        }
        code.push_str("shutil.rmtree(os.path.expanduser('~'))\n");
        code
    }

    fn entries(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir).map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default()
    }

    #[test]
    fn an_entry_gives_back_what_the_analysis_found() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("code");
        let code = long_python();
        let direct = super::super::analyse(Language::Python, &code).expect("front end");
        assert!(direct.lines.iter().any(|l| l.starts_with("rm -rf")), "{:?}", direct.lines);
        let first = analyse_in(&dir, "id", Language::Python, &code).expect("front end");
        let stored = entries(&dir);
        assert_eq!(stored.len(), 1, "one entry written: {stored:?}");
        let second = analyse_in(&dir, "id", Language::Python, &code).expect("front end");
        for f in [&first, &second] {
            assert_eq!((&f.lines, &f.gaps, f.syntax_error, &f.spans), (&direct.lines, &direct.gaps, direct.syntax_error, &direct.spans));
        }
        // The second answer came from the entry: what the entry says is what
        // is returned (which is why the directory is protected, see paths.rs).
        let planted = Findings { lines: vec!["echo from-the-entry".into()], ..Findings::default() };
        std::fs::write(&stored[0], serde_json::to_vec(&planted).expect("json")).expect("write");
        assert_eq!(analyse_in(&dir, "id", Language::Python, &code).expect("front end").lines, ["echo from-the-entry"]);
        // Another binary, language or code is another entry.
        let _ = analyse_in(&dir, "other build", Language::Python, &code);
        let _ = analyse_in(&dir, "id", Language::Python, &format!("{code}\n"));
        assert_eq!(entries(&dir).len(), 3);
    }

    #[test]
    fn an_entry_that_does_not_read_back_is_analysed_again_and_rewritten() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let code = long_python();
        let direct = super::super::analyse(Language::Python, &code).expect("front end");
        let _ = analyse_in(tmp.path(), "id", Language::Python, &code);
        let path = entries(tmp.path()).pop().expect("an entry");
        for junk in [&b""[..], b"{\"lines\": [", b"\x00\xff", b"[1, 2]"] {
            std::fs::write(&path, junk).expect("write");
            assert_eq!(analyse_in(tmp.path(), "id", Language::Python, &code).expect("front end").lines, direct.lines);
            let back: Findings = serde_json::from_slice(&std::fs::read(&path).expect("rewritten")).expect("valid entry");
            assert_eq!(back.lines, direct.lines);
        }
    }

    #[test]
    fn short_code_and_an_unwritable_directory_are_analysed_directly() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let short = "import os\nos.system('rm -rf ~')\n";
        let found = analyse(Language::Python, short, Some(tmp.path())).expect("front end");
        assert!(found.lines.iter().any(|l| l.starts_with("rm -rf")));
        assert!(entries(tmp.path()).is_empty(), "short code is not cached");
        // A file where the directory should be: the answer is the analysis's.
        let blocker = tmp.path().join("file");
        std::fs::write(&blocker, "x").expect("write");
        let code = long_python();
        let found = analyse_in(&blocker.join("code"), "id", Language::Python, &code).expect("front end");
        assert!(found.lines.iter().any(|l| l.starts_with("rm -rf")));
    }

    #[test]
    fn the_directory_keeps_within_its_bound() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        for i in 0..10 {
            let p = tmp.path().join(format!("{i:064x}.json"));
            std::fs::write(&p, "{}").expect("write");
            let f = std::fs::File::options().write(true).open(&p).expect("open");
            f.set_modified(old + std::time::Duration::from_secs(i)).expect("mtime");
        }
        std::fs::write(tmp.path().join("other.txt"), "kept").expect("write");
        prune(tmp.path(), 8).expect("prune");
        let mut left: Vec<String> = entries(tmp.path()).iter().filter_map(|p| p.file_name()?.to_str().map(str::to_string)).collect();
        left.sort();
        // 10 > 8: down to 6, the oldest four gone; other files untouched.
        assert_eq!(left.len(), 7, "{left:?}");
        assert!(left.contains(&"other.txt".to_string()));
        assert!(!left.contains(&format!("{:064x}.json", 3)) && left.contains(&format!("{:064x}.json", 4)), "{left:?}");
        prune(tmp.path(), 8).expect("prune");
        assert_eq!(entries(tmp.path()).len(), 7, "within the bound: nothing removed");
    }
}
