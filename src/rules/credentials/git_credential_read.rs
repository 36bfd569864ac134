//! Git's credential helpers queried for a stored password or token
//! (`git credential fill`, `git credential-store get`), or git config keys
//! holding one.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::positional;

pub(crate) static RULE: Rule = Rule {
    code: "CRD009",
    name: "git-credential-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["git", "git-credential-manager", "git-credential-osxkeychain", "git-credential-store", "git-credential-libsecret"],
    summary: "reads a stored git password or token",
    why: "The helper returns the user's forge token in clear text.",
    check,
    fires: &[
        "git credential fill",
        "printf 'protocol=https\\nhost=github.com\\n' | git credential fill",
        "git credential-store get",
        "git credential-osxkeychain get",
        "git-credential-manager get",
        "git config --get github.token",
        "git config --global --get-regexp 'credential.*password'",
        "git config user.password",
    ],
    passes: &["git config --get user.email", "git config credential.helper store", "git credential reject", "git status", "git config --list --show-origin"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let pos = positional(cmd);
    let first = pos.first().copied().unwrap_or_default();
    let hit = if cmd.name == "git" {
        first == "credential" && pos.get(1) == Some(&"fill")
            || first.starts_with("credential-") && pos.get(1) == Some(&"get")
            || first == "config" && {
                let setting = cmd.has_any_flag(&["--get", "--get-all", "--get-regexp"]) || pos.len() == 2;
                setting
                    && pos.iter().skip(1).take(1).any(|k| {
                        let k = k.to_ascii_lowercase();
                        k.contains("token") || k.contains("password") || k.contains("secret")
                    })
            }
    } else {
        first == "get" || first == "fill"
    };
    hit.then(|| Hit::command().with_message(format!("`{} {}` prints a stored credential", cmd.name, pos.join(" "))))
}
