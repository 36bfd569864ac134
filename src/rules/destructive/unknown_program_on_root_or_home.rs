//! A program riskgate has no spec for, given the root directory or the
//! home directory itself as an argument (`zorb /`, `tool --dir ~`). What it
//! does there is unknown, and the whole machine or all the user's files is
//! the one place where a mistaken guess cannot be undone.

use crate::ir::paths::classify;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES029",
    name: "unknown-program-on-root-or-home",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is pointed at the root or home directory",
    why: "Without knowing the program, a person should confirm anything aimed at every file of the machine or of the user.",
    check,
    fires: &["zorbclean /", "quillsync ~ --mirror", "tessa --target=$HOME"],
    passes: &["zorbclean build/", "quillsync ~/Documents/notes.md", "du -sh ~", "ls /"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !without_spec(cmd) {
        return None;
    }
    // Option values of unknown programs are not classified by the IR (it cannot tell a path from a name).
    let class = |w: &Word| if w.dynamic { PathClass::Dynamic } else { classify(&w.text, cx.env) };
    let w = cmd
        .argv
        .operands
        .iter()
        .chain(cmd.argv.flags.iter().filter_map(|f| f.value.as_ref()))
        .find(|w| matches!(class(w), PathClass::Root | PathClass::Home))?;
    let whole = if class(w) == PathClass::Root { "machine" } else { "home directory" };
    Some(Hit::on(w).with_message(format!("`{}` is given `{}`, the whole {whole}", cmd.name, w.text)))
}
