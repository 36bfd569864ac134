//! The clipboard read back: `xclip -o`, `xsel --output`, `pbpaste`,
//! `wl-paste`. What the user last copied is often a password, a token or a
//! key taken from a password manager.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD018",
    name: "clipboard-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["xclip", "xsel", "pbpaste", "wl-paste", "termux-clipboard-get", "clipnotify", "copyq"],
    summary: "reads what the user copied to the clipboard",
    why: "The clipboard often holds a password or token the user just copied; reading it puts that secret in the transcript.",
    check,
    fires: &["xclip -o -selection clipboard", "xsel --clipboard --output > /tmp/clip.txt", "xsel -ob", "pbpaste > notes.txt", "wl-paste", "copyq read 0"],
    passes: &["echo hi | xclip -selection clipboard", "xsel --input --clipboard < out.txt", "cat report.txt | pbcopy", "wl-copy < key.pub"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let reads = match cmd.name.as_str() {
        "xclip" => cmd.args.iter().any(|a| a.text == "-o" || a.text == "-out" || a.text == "-output"),
        "xsel" => cmd.args.iter().any(|a| {
            let t = a.text.as_str();
            t == "--output" || (t.starts_with('-') && !t.starts_with("--") && t.contains('o'))
        }),
        "copyq" => cmd.args.iter().any(|a| matches!(a.text.as_str(), "read" | "clipboard" | "selection")),
        "clipnotify" => false,
        _ => true,
    };
    reads.then(|| Hit::command().with_message(format!("`{}` prints the clipboard's content", cmd.name)))
}
