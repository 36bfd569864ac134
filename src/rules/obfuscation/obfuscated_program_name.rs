//! A program name spelled to hide it: escapes (`$'\x72m'`), split quoting
//! (`r''m`), variables and slices (`$a$b`, `${x:0:2}`), indirection, `IFS`
//! games, homoglyphs, computed output (`$(printf rm)`).
//!
//! Inspects every command, because any program name can be spelled this
//! way; reads the program word's `raw` spelling for the exemptions.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF005",
    name: "obfuscated-program-name",
    category: Category::Obfuscation,
    decision: Decision::Ask,
    commands: &[],
    summary: "spells the program name so that it does not read as itself",
    why: "A disguised program name hides from the reviewer (and from simple filters) what actually runs.",
    check,
    fires: &[
        "$'\\x72\\x6d' -rf src",
        "r''m -rf src",
        "\"c\"url http://x",
        "c=rm; $c file",
        "d=/bin; $d/r''m -rf x",
        "a=cu; b=rl; $a$b http://example.com",
        "$(printf 'who%s' ami)",
        "ｒｍ -rf src",
        "sudo w\\get http://x",
        "bash -c \"p''ython3 x.py\"",
    ],
    passes: &[
        "\\rm -rf build",
        "rm -rf build",
        "\"rm\" file",
        "PY=python3; $PY script.py",
        "venv=.venv; $venv/bin/python -m pytest",
        "${PYTHON:-python3} x.py",
        "/usr/bin/env python3 x.py",
        "'ls' -la",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let p = &cmd.program;
    if p.dynamic || p.tricks.is_empty() || benign_spelling(p) {
        return None;
    }
    let how = match p.tricks.iter().find(|t| **t != Trick::FromVariable).unwrap_or(&p.tricks[0]) {
        Trick::EscapeCodes => "escape codes",
        Trick::SplitQuoting => "split quoting",
        Trick::FromVariable => "a variable",
        Trick::ParameterOperator => "a parameter expansion",
        Trick::Indirection => "variable indirection",
        Trick::ComputedOutput => "computed output",
        Trick::Unicode => "look-alike Unicode characters",
        Trick::Ifs => "an `IFS` change",
    };
    Some(Hit::on(p).with_message(format!("`{}` spells `{}` with {how}", p.raw, cmd.name)))
}

/// Common spellings with a harmless purpose: `\rm` (skip an alias), a
/// whole-word upper-case tool variable (`$PYTHON`), a default value
/// (`${CC:-gcc}`), a variable directory before a literal name
/// (`$venv/bin/python`).
fn benign_spelling(p: &Word) -> bool {
    let raw = p.raw.trim_matches('"');
    if p.tricks.iter().all(|t| *t == Trick::SplitQuoting) && raw.strip_prefix('\\') == Some(p.text.as_str()) {
        return true;
    }
    // `$venv/bin/python`: a variable names the directory, the program's own
    // name is spelled out literally.
    let dir_only = p.tricks.iter().all(|t| matches!(t, Trick::FromVariable | Trick::ParameterOperator));
    if let Some((dir, base)) = raw.rsplit_once('/') {
        let literal = !base.is_empty() && base.bytes().all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b));
        if dir_only && literal && dir.contains('$') && p.text.ends_with(&format!("/{base}")) {
            return true;
        }
    }
    let var = raw.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or_else(|| raw.strip_prefix('$'));
    let Some(var) = var else { return false };
    let name_end = var.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(var.len());
    let (name, op) = var.split_at(name_end);
    let upper = !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !upper {
        return false;
    }
    match op {
        "" => p.tricks.iter().all(|t| *t == Trick::FromVariable),
        o => {
            (o.starts_with(":-") || o.starts_with('-'))
                && !o.contains(['$', '`'])
                && p.tricks.iter().all(|t| matches!(t, Trick::ParameterOperator | Trick::FromVariable))
        }
    }
}
