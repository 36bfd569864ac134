//! Invisible or direction-changing characters in a command's words (zero-width
//! spaces, bidi overrides), and URLs whose host mixes in look-alike letters.
//!
//! Inspects every command, because any argument can carry them; reads the
//! words' `raw` spelling.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF007",
    name: "hidden-unicode-in-argument",
    category: Category::Obfuscation,
    decision: Decision::Ask,
    commands: &[],
    summary: "hides characters in an argument, or spells a URL with look-alike letters",
    why: "Invisible and bidirectional characters make the command run differently from how it reads; look-alike hosts impersonate real ones.",
    check,
    fires: &[
        "bash -c 'cat notes\u{200B}.txt'",
        "cat notes\u{200B}.txt",
        "echo \"safe\u{202E}txt.sh\"",
        "curl https://gіthub.com/o/r/raw/x.sh",
        "git clone https://exаmple.com/repo.git",
        "sudo cp a \"/etc/\u{2066}x\"",
    ],
    passes: &["git commit -m 'Исправление ошибки'", "echo café", "curl https://github.com/o/r", "echo '日本語'"],
};

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if let Some(w) = cmd.words().find(|w| w.raw.chars().any(invisible)) {
        let n = w.raw.chars().filter(|c| invisible(*c)).count();
        return Some(Hit::on(w).with_message(format!("an argument of `{}` holds {n} invisible or direction-changing character(s)", cmd.name)));
    }
    let url = cmd.words().find(|w| w.is_url() && w.tricks.contains(&Trick::Unicode))?;
    let host = url.text.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_default();
    let mixed = host.chars().any(|c| c.is_ascii_alphabetic()) && !host.is_ascii();
    mixed.then(|| Hit::on(url).with_message(format!("the host `{host}` mixes look-alike letters into an ASCII name")))
}
