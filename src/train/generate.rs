//! Deterministic generator of labelled training commands
//! (`datasets/generated.jsonl`).
//!
//! A base example comes from one pattern of one template family (`templates.rs`) with its holes
//! filled; its label is the family's, set by construction from POLICY.md.
//! The base may then be varied by one transform whose effect on the label is
//! fixed here, never guessed from the output text:
//!
//! | transform | label |
//! | --- | --- |
//! | wrappers (`timeout`, `nice`, `env`, `bash -c`, `cd sub &&`, `2>&1 \| tail`), interpreters running the command (`python -c "os.system(…)"`, `awk 'BEGIN{system(…)}'`), program paths (`/usr/bin/rm`, `/bin/../bin/rm`, `\rm`) | unchanged |
//! | chaining with an `allow` example (`&&`, `;`, `\|\|`, subshell) | unchanged (the worst part) |
//! | `sudo` / `doas` | at least `ask`, plus `privilege` |
//! | `ssh host '…'` (only on `allow` commands) | `ask`, `remote_access` |
//! | spelling the program name (quote splitting, `$'\x..'`, variables, `${s:i:n}` slices, `$(echo …)`, `${IFS}`) | at least `ask`, plus `obfuscation` |
//! | encoding the whole command and executing the decoded text (base64, hex, rot13, reversed) | `deny`, plus `obfuscation` |
//!
//! Risky examples are only ever chained with `allow` ones, so a chain never
//! pairs (say) a secret read with an unrelated upload, which POLICY.md would
//! judge differently from either part. The output is deduplicated by command
//! text; the first occurrence wins, and a later duplicate with a different
//! label is counted as a conflict (a test keeps that count at zero).
//!
//! Randomness is a self-contained SplitMix64, so a seed gives the same file on
//! every platform and toolchain.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

use base64::Engine as _;
use serde::Serialize;

use super::templates::{Family, families, pool};
use crate::policy::{Category, Decision};

/// Seed of the committed `datasets/generated.jsonl`.
pub const DEFAULT_SEED: u64 = 0x5EED_0005_2026_1127;
/// Number of examples in the committed `datasets/generated.jsonl`.
pub const DEFAULT_COUNT: usize = 58_000;

/// One labelled command, serialised as a line of the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The command line.
    pub command: String,
    /// Gold decision.
    pub label: Decision,
    /// Gold categories, sorted, no duplicates; empty for most `allow`.
    pub categories: Vec<Category>,
    /// `generator:<family>#<pattern>` plus `+<transform>` for each variation.
    pub source: String,
}

/// SplitMix64: small, fast, and good enough to pick templates.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // Modulo bias is irrelevant at these table sizes.
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Fills every `{slot}` hole of `pat` whose name [`pool`] knows; other
/// braces are kept as written.
fn fill(pat: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(pat.len() + 32);
    let mut rest = pat;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hole = after.find('}').and_then(|close| pool(&after[..close]).map(|values| (close, values)));
        if let Some((close, values)) = hole {
            let value = values[rng.below(values.len())];
            // A value may hold holes of its own (`--config=.{proj}rc`).
            if value.contains('{') {
                out.push_str(&fill(value, rng));
            } else {
                out.push_str(value);
            }
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

struct Sampler {
    fams: &'static [Family],
    all: Vec<(u32, usize)>,
    allow: Vec<(u32, usize)>,
}

impl Sampler {
    fn new() -> Self {
        let fams = families();
        let cumulative = |keep: &dyn Fn(&Family) -> bool| {
            let mut total = 0;
            fams.iter()
                .enumerate()
                .filter(|(_, f)| keep(f))
                .map(|(i, f)| {
                    total += f.weight;
                    (total, i)
                })
                .collect::<Vec<_>>()
        };
        let all = cumulative(&|_| true);
        let allow = cumulative(&|f| f.label == Decision::Allow);
        Sampler { fams, all, allow }
    }

    fn base(&self, rng: &mut Rng, only_allow: bool) -> Example {
        let table = if only_allow { &self.allow } else { &self.all };
        let total = table.last().map_or(1, |t| t.0);
        let r = u32::try_from(rng.next_u64() % u64::from(total)).unwrap_or(0);
        let idx = table.iter().find(|(cum, _)| r < *cum).map_or(0, |t| t.1);
        let fam = &self.fams[idx];
        let p = rng.below(fam.pats.len());
        Example { command: fill(fam.pats[p], rng), label: fam.label, categories: normalised(fam.cats.to_vec()), source: format!("generator:{}#{p}", fam.name) }
    }
}

fn normalised(mut cats: Vec<Category>) -> Vec<Category> {
    cats.sort();
    cats.dedup();
    cats
}

fn escalate(ex: &mut Example, floor: Decision, cat: Category, tag: &str) {
    ex.label = ex.label.max(floor);
    ex.categories.push(cat);
    ex.categories = normalised(std::mem::take(&mut ex.categories));
    ex.source.push('+');
    ex.source.push_str(tag);
}

/// Shell builtins and keywords: wrapping or respelling them changes meaning.
const BUILTINS: &[&str] = &[
    "cd", "export", "source", ".", "set", "unset", "history", "declare", "eval", "exec", "alias", "type", "command", "test", "[", "time", "read", "wait",
    "ulimit", "umask", "newgrp", "for", "while", "if", "sudo", "su", "doas",
];

/// `(program, rest)` when the command is one simple command whose program
/// is a plain word; `rest` keeps its leading space.
fn simple(cmd: &str) -> Option<(&str, &str)> {
    if cmd.contains(['|', '&', ';', '<', '>', '(', ')', '\n', '`']) {
        return None;
    }
    let end = cmd.find(' ').unwrap_or(cmd.len());
    let prog = &cmd[..end];
    let plain = prog.len() >= 2
        && prog.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.+".contains(&b))
        && prog.as_bytes()[0].is_ascii_lowercase();
    (plain && !BUILTINS.contains(&prog)).then_some((prog, &cmd[end..]))
}

fn single_quotable(cmd: &str) -> bool {
    !cmd.contains(['\'', '\n'])
}

fn double_quotable(cmd: &str) -> bool {
    !cmd.contains(['"', '$', '`', '\\', '\n', '!'])
}

fn chainable(cmd: &str) -> bool {
    !cmd.contains('\n') && !cmd.trim_end().ends_with('&')
}

/// Wrappers that run the command unchanged.
fn wrap(ex: &mut Example, rng: &mut Rng) -> bool {
    let cmd = ex.command.clone();
    let sub = rng.pick(pool("sub").unwrap_or(&["app"]));
    let out = match rng.below(14) {
        0..=3 if simple(&cmd).is_some() => {
            let w = rng.pick(&[
                "timeout 60 ",
                "timeout 300 ",
                "timeout -k 5 120 ",
                "nice -n 10 ",
                "nice ",
                "env FOO=1 ",
                "env -u DEBUG ",
                "time ",
                "nohup ",
                "stdbuf -oL ",
                "ionice -c3 ",
                "env CI=true ",
            ]);
            format!("{w}{cmd}")
        }
        4 | 5 if double_quotable(&cmd) => format!("{} \"{cmd}\"", rng.pick(&["bash -c", "sh -c", "bash -lc", "zsh -c"])),
        6 | 7 if single_quotable(&cmd) => format!("{} '{cmd}'", rng.pick(&["bash -c", "sh -c", "bash -euo pipefail -c", "dash -c"])),
        8 | 9 => format!("cd {sub} && {cmd}"),
        10 if chainable(&cmd) => format!("{cmd} 2>&1 | tail -n {}", rng.pick(&["20", "50", "100"])),
        11 if chainable(&cmd) => {
            format!("{cmd}{}", rng.pick(&[" > /tmp/out.log 2>&1", " 2>/dev/null", " && echo ok", "; echo exit=$?", " | tee /tmp/run.log"]))
        }
        12 if single_quotable(&cmd) && !cmd.contains(['"', '\\']) => interp(&cmd, rng),
        _ => return false,
    };
    ex.command = out;
    ex.source.push_str("+wrap");
    true
}

/// The command run by an interpreter's system call; the caller checked that
/// `cmd` holds neither kind of quote.
fn interp(cmd: &str, rng: &mut Rng) -> String {
    let safe_dq = double_quotable(cmd);
    let safe_perl = !cmd.contains(['$', '@', '\\']);
    match rng.below(6) {
        0 if safe_dq => format!("python3 -c \"import os; os.system('{cmd}')\""),
        1 => format!("python -c 'import subprocess; subprocess.run(\"{cmd}\", shell=True)'"),
        2 if safe_perl => format!("perl -e 'system(\"{cmd}\")'"),
        3 => format!("awk 'BEGIN{{system(\"{cmd}\")}}'"),
        4 if safe_dq => format!("node -e \"require('child_process').execSync('{cmd}', {{stdio: 'inherit'}})\""),
        _ => format!("ruby -e 'system(\"{cmd}\")'"),
    }
}

/// Another way to name the same program, with the label unchanged.
fn program_path(ex: &mut Example, rng: &mut Rng) -> bool {
    let Some((prog, rest)) = simple(&ex.command) else { return false };
    if prog.contains('.') {
        return false;
    }
    let spelled = match rng.below(6) {
        0 => format!("/usr/bin/{prog}"),
        1 => format!("/bin/{prog}"),
        2 => format!("/bin/../bin/{prog}"),
        3 => format!("/usr/bin/env {prog}"),
        4 => format!("\\{prog}"),
        _ => format!("/usr//bin/./{prog}"),
    };
    ex.command = format!("{spelled}{rest}");
    ex.source.push_str("+path");
    true
}

fn sudo(ex: &mut Example, rng: &mut Rng) -> bool {
    if simple(&ex.command).is_none() {
        return false;
    }
    let w = rng.pick(&["sudo ", "sudo -n ", "sudo -E ", "doas ", "sudo -u root ", "sudo -H ", "sudo --preserve-env "]);
    ex.command = format!("{w}{}", ex.command);
    escalate(ex, Decision::Ask, Category::Privilege, "sudo");
    true
}

fn ssh(ex: &mut Example, rng: &mut Rng) -> bool {
    if ex.label != Decision::Allow || ex.command.contains('\n') {
        return false;
    }
    let host = rng.pick(pool("ssh_host").unwrap_or(&["host"]));
    ex.command = if single_quotable(&ex.command) {
        format!("ssh {host} '{}'", ex.command)
    } else if double_quotable(&ex.command) {
        format!("ssh {host} \"{}\"", ex.command)
    } else {
        return false;
    };
    ex.label = Decision::Ask;
    ex.categories = vec![Category::RemoteAccess];
    ex.source.push_str("+ssh");
    true
}

const PAD: &[&str] = &["x", "ab", "qz", "kk", "abc", "zz_", "m0", "p"];

/// Respells the program name so it no longer appears as written.
fn obfuscate(ex: &mut Example, rng: &mut Rng) -> bool {
    let Some((prog, rest)) = simple(&ex.command) else { return false };
    let cut = 1 + rng.below(prog.len() - 1);
    let (head, tail) = prog.split_at(cut);
    let hex: String = prog.bytes().map(|b| format!("\\x{b:02x}")).collect();
    let spelled = match rng.below(11) {
        0 => format!("{head}''{tail}"),
        1 => format!("{head}\"\"{tail}"),
        2 => format!("'{head}'{tail}"),
        3 => format!("$'{hex}'"),
        4 => format!("$'{}'", prog.bytes().map(|b| format!("\\{b:03o}")).collect::<String>()),
        5 => format!("a={head};b={tail};$a$b"),
        6 => format!("c={prog}; ${{c}}"),
        7 => {
            let (l, r) = (rng.pick(PAD), rng.pick(PAD));
            format!("s={l}{prog}{r}; ${{s:{}:{}}}", l.len(), prog.len())
        }
        8 => format!("$(echo {prog})"),
        9 => format!("$(printf '{hex}')"),
        _ if !rest.is_empty() && !rest.contains(['\'', '"', '$', '\\', '*']) => {
            ex.command = format!("{prog}{}", rest.replace(' ', "${IFS}"));
            escalate(ex, Decision::Ask, Category::Obfuscation, "obf");
            return true;
        }
        _ => format!("{head}\\{tail}"),
    };
    ex.command = format!("{spelled}{rest}");
    escalate(ex, Decision::Ask, Category::Obfuscation, "obf");
    true
}

fn rot13(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' => char::from(b'a' + (c as u8 - b'a' + 13) % 26),
            'A'..='Z' => char::from(b'A' + (c as u8 - b'A' + 13) % 26),
            _ => c,
        })
        .collect()
}

/// Hides the whole command in an encoding and executes the decoded text.
fn payload(ex: &mut Example, rng: &mut Rng) -> bool {
    let cmd = ex.command.as_str();
    let b64 = base64::engine::general_purpose::STANDARD.encode(cmd);
    let hex: String = cmd.bytes().map(|b| format!("{b:02x}")).collect();
    let sh = *rng.pick(&["sh", "bash", "/bin/sh", "bash -s", "zsh"]);
    let out = match rng.below(13) {
        0 => format!("echo {b64} | base64 -d | {sh}"),
        1 => format!("echo '{b64}' | base64 --decode | {sh}"),
        2 => format!("bash -c \"$(echo {b64} | base64 -d)\""),
        3 => format!("eval \"$(echo {b64} | base64 --decode)\""),
        4 => format!("{sh} <<< \"$(base64 -d <<< {b64})\""),
        5 => format!("echo {hex} | xxd -r -p | {sh}"),
        6 => format!("eval \"$(echo {hex} | xxd -r -p)\""),
        7 => format!("printf '{}' | {sh}", cmd.bytes().map(|b| format!("\\x{b:02x}")).collect::<String>()),
        8 => format!("python3 -c \"import os,base64;os.system(base64.b64decode('{b64}').decode())\""),
        9 => format!("node -e \"require('child_process').execSync(Buffer.from('{b64}','base64').toString(),{{stdio:'inherit'}})\""),
        10 => format!("perl -e 'system(pack(\"H*\",\"{hex}\"))'"),
        11 if single_quotable(cmd) => format!("echo '{}' | tr 'A-Za-z' 'N-ZA-Mn-za-m' | {sh}", rot13(cmd)),
        _ if single_quotable(cmd) => format!("rev <<< '{}' | {sh}", cmd.chars().rev().collect::<String>()),
        _ => format!("echo {b64} | base64 -d > /tmp/.p && {sh} /tmp/.p"),
    };
    ex.command = out;
    escalate(ex, Decision::Deny, Category::Obfuscation, "payload");
    true
}

fn chain(ex: &mut Example, other: &Example, rng: &mut Rng) -> bool {
    if !chainable(&ex.command) || !chainable(&other.command) {
        return false;
    }
    let (a, b) = if rng.chance(500) { (&ex.command, &other.command) } else { (&other.command, &ex.command) };
    ex.command = match rng.below(6) {
        0 | 1 => format!("{a} && {b}"),
        2 => format!("{a}; {b}"),
        3 => format!("{a} || {b}"),
        4 => format!("({a}) && {b}"),
        _ => format!("{a} && ({b})"),
    };
    let other_tag = other.source.strip_prefix("generator:").unwrap_or(&other.source);
    ex.source = format!("{}&{other_tag}", ex.source);
    true
}

fn example(s: &Sampler, rng: &mut Rng) -> Example {
    let mut ex = s.base(rng, false);
    let risky = ex.label != Decision::Allow;
    // Per-mille probabilities of each variation; at most one applies.
    let table: [(u64, u8); 7] =
        if risky { [(120, 0), (110, 1), (40, 2), (0, 3), (45, 4), (18, 5), (50, 6)] } else { [(110, 0), (110, 1), (6, 2), (6, 3), (7, 4), (4, 5), (12, 6)] };
    let mut r = rng.next_u64() % 1000;
    for (p, kind) in table {
        if r >= p {
            r -= p;
            continue;
        }
        match kind {
            0 => {
                let other = s.base(rng, true);
                chain(&mut ex, &other, rng);
            }
            1 => {
                wrap(&mut ex, rng);
            }
            2 => {
                sudo(&mut ex, rng);
            }
            3 => {
                ssh(&mut ex, rng);
            }
            4 => {
                obfuscate(&mut ex, rng);
            }
            5 => {
                payload(&mut ex, rng);
            }
            _ => {
                program_path(&mut ex, rng);
            }
        }
        break;
    }
    ex
}

/// What [`generate_with_report`] saw besides the examples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Candidates drawn, duplicates included.
    pub drawn: usize,
    /// Duplicates whose label or categories differed from the first occurrence.
    pub conflicts: Vec<String>,
}

/// `n` distinct examples (fewer only if the templates run out of variety),
/// identical for identical `seed` and `n`.
#[must_use]
pub fn generate(seed: u64, n: usize) -> Vec<Example> {
    generate_with_report(seed, n).0
}

/// [`generate`], plus how many candidates were drawn and which duplicates
/// disagreed on their label.
#[must_use]
pub fn generate_with_report(seed: u64, n: usize) -> (Vec<Example>, Report) {
    let sampler = Sampler::new();
    let mut rng = Rng::new(seed);
    let mut seen: HashMap<String, (Decision, Vec<Category>)> = HashMap::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    let mut report = Report::default();
    while out.len() < n && report.drawn < n.saturating_mul(40) {
        report.drawn += 1;
        let ex = example(&sampler, &mut rng);
        match seen.get(&ex.command) {
            Some((label, cats)) => {
                if *label != ex.label || *cats != ex.categories {
                    report.conflicts.push(ex.command.clone());
                }
            }
            None => {
                seen.insert(ex.command.clone(), (ex.label, ex.categories.clone()));
                out.push(ex);
            }
        }
    }
    (out, report)
}

/// Writes examples as JSON Lines.
///
/// # Errors
/// Any write error.
pub fn write_jsonl(examples: &[Example], mut w: impl Write) -> io::Result<()> {
    for ex in examples {
        serde_json::to_writer(&mut w, ex)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

/// Generates [`DEFAULT_COUNT`] examples with [`DEFAULT_SEED`] into `path`
/// and returns them.
///
/// # Errors
/// Creating or writing the file.
pub fn write_default(path: &Path) -> io::Result<Vec<Example>> {
    let examples = generate(DEFAULT_SEED, DEFAULT_COUNT);
    let file = std::fs::File::create(path)?;
    write_jsonl(&examples, io::BufWriter::new(file))?;
    Ok(examples)
}

/// Examples per label and per category (an example counts once for each
/// of its categories).
#[must_use]
pub fn counts(examples: &[Example]) -> (BTreeMap<Decision, usize>, BTreeMap<Category, usize>) {
    let mut labels = BTreeMap::new();
    let mut cats = BTreeMap::new();
    for ex in examples {
        *labels.entry(ex.label).or_insert(0) += 1;
        for c in &ex.categories {
            *cats.entry(*c).or_insert(0) += 1;
        }
    }
    (labels, cats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_output() {
        let a = generate(7, 3000);
        let b = generate(7, 3000);
        assert_eq!(a, b);
        let mut buf_a = Vec::new();
        let mut buf_b = Vec::new();
        write_jsonl(&a, &mut buf_a).unwrap();
        write_jsonl(&b, &mut buf_b).unwrap();
        assert_eq!(buf_a, buf_b);
        assert_ne!(a, generate(8, 3000));
    }

    #[test]
    fn every_label_and_category_appears() {
        let (examples, report) = generate_with_report(DEFAULT_SEED, DEFAULT_COUNT);
        assert_eq!(examples.len(), DEFAULT_COUNT);
        assert!(report.conflicts.is_empty(), "conflicting labels: {:?}", &report.conflicts[..report.conflicts.len().min(10)]);
        let (labels, cats) = counts(&examples);
        for d in [Decision::Allow, Decision::Ask, Decision::Deny] {
            assert!(labels.get(&d).copied().unwrap_or(0) > 100, "{d}: {labels:?}");
        }
        for c in Category::ALL {
            assert!(cats.get(c).copied().unwrap_or(0) > 30, "{}: {cats:?}", c.as_str());
        }
        let allow = labels[&Decision::Allow] as f64 / examples.len() as f64;
        assert!((0.6..0.75).contains(&allow), "allow share {allow}");
    }

    #[test]
    fn labels_are_consistent() {
        for ex in generate(3, 5000) {
            assert_eq!(ex.label == Decision::Allow, ex.categories.is_empty(), "{ex:?}");
            assert!(!ex.command.contains("{ws_") && !ex.command.contains("{secret"), "unfilled slot: {ex:?}");
        }
    }

    #[test]
    fn fill_keeps_shell_braces() {
        let mut rng = Rng::new(1);
        assert_eq!(fill("find . -exec rm {} + ; awk '{print $1}' ${HOME}", &mut rng), "find . -exec rm {} + ; awk '{print $1}' ${HOME}");
        assert!(!fill("cat {secret}", &mut rng).contains('{'));
    }

    #[test]
    fn obfuscations_keep_the_program_recoverable() {
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let mut ex = Example { command: "rm -rf target".into(), label: Decision::Allow, categories: vec![], source: "t".into() };
            assert!(obfuscate(&mut ex, &mut rng));
            assert_eq!((ex.label, ex.categories.as_slice()), (Decision::Ask, &[Category::Obfuscation][..]));
            assert_ne!(ex.command, "rm -rf target");
        }
    }

    #[test]
    fn unknown_tools_have_no_spec() {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammars/programs");
        let names = super::super::templates::unknown_tools();
        assert!(names.len() > 600, "{}", names.len());
        for name in names {
            assert!(!specs.join(format!("{name}.toml")).exists(), "{name} has a spec");
            assert!(simple(name).is_some(), "{name} is not a plain program name");
        }
    }

    #[test]
    fn unknown_family_share_and_balance() {
        let examples = generate(DEFAULT_SEED, DEFAULT_COUNT);
        let unknown: Vec<_> = examples.iter().filter(|e| e.source.starts_with("generator:unknown-")).collect();
        let allow = unknown.iter().filter(|e| e.label == Decision::Allow).count() as f64 / unknown.len() as f64;
        assert!((5000..8000).contains(&unknown.len()), "{} unknown-program examples", unknown.len());
        assert!((0.53..0.62).contains(&allow), "unknown allow share {allow}");
        let chains = examples.iter().filter(|e| e.source.contains('&')).count() as f64 / examples.len() as f64;
        assert!(chains < 0.32, "chain share {chains}");
    }

    /// Rewrites `datasets/generated.jsonl` and prints the counts:
    /// `cargo test --release --features train -- --ignored write_generated --nocapture`.
    #[test]
    #[ignore = "writes datasets/generated.jsonl"]
    #[allow(clippy::print_stdout, reason = "the counts are the point of running it")]
    fn write_generated() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/generated.jsonl");
        let examples = write_default(&path).unwrap();
        let (labels, cats) = counts(&examples);
        println!("{} examples", examples.len());
        for (l, n) in labels {
            println!("{l}\t{n}");
        }
        for (c, n) in cats {
            println!("{}\t{n}", c.as_str());
        }
    }
}
