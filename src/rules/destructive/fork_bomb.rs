//! Fork bombs: a shell function that calls itself in a pipeline or in the
//! background (`b(){ b|b& };b`), or an interpreter looping on `fork()`.
//!
//! Inspects every command, because the function can have any name.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES020",
    name: "fork-bomb",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &[],
    summary: "starts processes that multiply until the machine hangs",
    why: "A fork bomb exhausts the process table and freezes the machine; unsaved work everywhere is lost.",
    check,
    fires: &[
        "sudo bash -c 'x(){ x|x& };x'",
        ":(){ : | : & }; :",
        "bomb() { bomb | bomb & }; bomb",
        "f(){ f & f; }; f",
        "bash -c 'b(){ b|b& };b'",
        "perl -e 'fork while fork'",
        "python3 -c 'import os\nwhile True: os.fork()'",
    ],
    passes: &["f() { echo hi; }; f", "retry() { make || retry; }; retry", "python3 -c 'import os; print(os.getpid())'", "sleep 1 &"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if let Origin::Definition { name } = &cmd.origin {
        let multiplies = cmd.background || cmd.pipes_to.is_some() || matches!(cmd.stdin, Some(Input::Pipe { .. }));
        if &cmd.name == name && multiplies {
            return Some(Hit::command().with_message(format!("function `{name}` calls itself in a pipe or in the background: a fork bomb")));
        }
        return None;
    }
    if crate::ir::programs::kind(&cmd.name) != Some(crate::ir::Kind::Interpreter) {
        return None;
    }
    let code = cmd.code_texts().join("\n");
    let forks = code.contains("fork");
    let loops = ["while", "for(;;)", "for (;;)", "loop", "until"].iter().any(|l| code.contains(l));
    (forks && loops).then(|| Hit::command().with_message(format!("`{} -e` forks in an endless loop: a fork bomb", cmd.name)))
}
