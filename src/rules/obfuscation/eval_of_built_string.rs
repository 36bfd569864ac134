//! `eval`, `bash -c` or `source` of a string assembled from variables,
//! slices, computed output or split quoting.
//!
//! Reads the code word's tricks and `raw` spelling.

use super::common::code_words;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF004",
    name: "eval-of-built-string",
    category: Category::Obfuscation,
    decision: Decision::Ask,
    commands: &["eval", "source", ".", "@shell"],
    summary: "runs as code a string assembled at run time",
    why: "Code built from pieces is not what the reviewer reads; it is the usual way to hide a command.",
    check,
    fires: &[
        "x='rm -rf src'; eval \"$x\"",
        "a=cu; b=rl; eval \"$a$b http://x\"",
        "eval \"$(printf 'ec%s' ho) hi\"",
        "c='make clean'; bash -c \"$c\"",
        "p=ls; eval ${p:0:2} -la",
        "CMD=foo; sudo sh -c \"${CMD/foo/rm} -rf x\"",
    ],
    passes: &["eval \"echo hi\"", "bash -c 'make test'", "DIR=src; bash -c \"ls $DIR\"", "eval \"$(ssh-agent -s)\"", "source venv/bin/activate"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let eval = cmd.name == "eval";
    let w = code_words(cmd).into_iter().find(|w| {
        if w.dynamic {
            return false;
        }
        let strong = w
            .tricks
            .iter()
            .any(|t| matches!(t, Trick::ParameterOperator | Trick::Indirection | Trick::SplitQuoting | Trick::ComputedOutput | Trick::Ifs | Trick::Unicode));
        let from_var = w.tricks.contains(&Trick::FromVariable);
        let leads_with_var = w.raw.trim_start_matches(['"', '\'']).starts_with('$');
        strong || from_var && (eval || leads_with_var)
    })?;
    let shown: String = w.text.chars().take(40).collect();
    Some(Hit::on(w).with_message(format!("`{}` runs a string assembled at run time: `{shown}`", cmd.name)))
}
