//! Shell code spelled with hex, octal or unicode escapes and run through
//! `bash -c`, `eval`, `source` or a here-string (`bash -c $'\x72\x6d …'`).
//!
//! Reads the code word's `raw` spelling: the escapes are the evidence.

use super::common::{code_words, escape_count};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF003",
    name: "escaped-script-executed",
    category: Category::Obfuscation,
    decision: Decision::Deny,
    commands: &["eval", "source", ".", "@shell"],
    summary: "runs shell code spelled with escape sequences",
    why: "Escape-encoded code hides the command from the reviewer; nothing legitimate needs to spell its script in hex.",
    check,
    fires: &[
        "bash -c $'\\x72\\x6d\\x20-rf\\x20/tmp/x'",
        "eval $'\\145\\143\\150\\157 hi'",
        "sh -c $'\\u0065\\u0063\\u0068\\u006f hi'",
        "bash <<< $'\\x65\\x63\\x68\\x6f\\x20hi'",
        "sudo bash -c $'\\x63\\x75\\x72\\x6c x'",
    ],
    passes: &["bash -c 'echo hi'", "eval $'echo a\\nb'", "bash -c $'printf \"%s\\\\n\" x'", "sh -c 'printf \"\\x41\\x42\\x43\"'"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let mut words = code_words(cmd);
    if crate::ir::is_shell(&cmd.name) {
        if let Some(Input::HereString { word }) = &cmd.stdin {
            words.push(word);
        }
    }
    let w = words.into_iter().find(|w| w.tricks.contains(&Trick::EscapeCodes) && escape_count(&w.raw) >= 3)?;
    let shown: String = w.text.chars().take(40).collect();
    Some(Hit::on(w).with_message(format!("`{}` runs escape-spelled code that decodes to `{shown}`", cmd.name)))
}
