//! Interpreter one-liners that execute a string built from character codes,
//! reversed text or concatenated fragments (`exec(''.join(map(chr,[…])))`,
//! `eval(String.fromCharCode(…))`).
//!
//! Reads the interpreter's source text (see `common`).

use super::common::{EXEC_SINKS, escape_count, inline_code};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF006",
    name: "interpreter-execs-built-string",
    category: Category::Obfuscation,
    decision: Decision::Ask,
    commands: &["@interpreter"],
    summary: "executes code assembled from character codes or fragments inside an interpreter",
    why: "Code assembled at run time is not what the reviewer reads; it is the usual way to hide a payload.",
    check,
    fires: &[
        "sudo python3 -c 'exec(\"\".join(map(chr,[112,114,105,110,116,40,49,41])))'",
        "bash -c \"node -e 'eval(String.fromCharCode(49))'\"",
        "python3 -c 'exec(\"\".join(map(chr,[112,114,105,110,116,40,49,41])))'",
        "python3 -c \"import os; os.system('sl'[::-1])\"",
        "node -e 'eval(String.fromCharCode(99,111,110,115,111,108,101))'",
        "python -c \"getattr(__import__('o'+'s'),'sys'+'tem')('id')\"",
        "perl -e 'eval join \"\", map { chr } (112,114,105,110,116)'",
        "ruby -e 'eval [112, 117, 116, 115].pack(\"c*\")'",
    ],
    passes: &[
        "python3 -c 'print(chr(65))'",
        "node -e 'console.log([1,2].reverse())'",
        "python3 -c 'import os; os.system(\"ls\")'",
        "python3 -c 'print(\"abc\"[::-1])'",
    ],
};

const BUILDERS: &[&str] = &[
    "map(chr",
    "chr(",
    "fromCharCode",
    "[::-1]",
    ".reverse()",
    "getattr(__builtins__",
    "globals()[",
    "'+'",
    "\"+\"",
    ".pack(\"c",
    ".pack('c",
    "pack(\"C",
    "pack('C",
    "map { chr",
    "map{chr",
    "join(\"\"",
    "join('')",
    "\"\".join",
    "''.join",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let code = inline_code(cmd).join("\n");
    if code.is_empty() {
        return None;
    }
    // A dynamic import runs whatever module name the fragments spell.
    let sink = EXEC_SINKS.iter().chain(&["__import__("]).find(|s| code.contains(*s))?;
    let chr_calls = code.matches("chr(").count();
    let builder = BUILDERS
        .iter()
        .find(|b| code.contains(*b) && (**b != "chr(" || chr_calls >= 3))
        .map(|b| (*b).to_string())
        .or_else(|| (escape_count(&code) >= 2).then(|| "escapes".to_string()))?;
    let builder = if builder == "map { chr" || builder == "map{chr" { "map chr".to_string() } else { builder };
    Some(Hit::command().with_message(format!("`{}` code assembles a string with `{builder}` and runs it with `{}`", cmd.name, sink.trim())))
}
