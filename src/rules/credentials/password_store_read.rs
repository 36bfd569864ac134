//! A password manager or secret store asked for a secret: macOS keychain,
//! `pass`, 1Password, Vault, Bitwarden, LastPass, KeePassXC, libsecret,
//! Doppler, Infisical.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{has_seq, positional};

pub(crate) static RULE: Rule = Rule {
    code: "CRD006",
    name: "password-store-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[
        "security",
        "pass",
        "gopass",
        "passage",
        "rbw",
        "op",
        "vault",
        "bw",
        "lpass",
        "keepassxc-cli",
        "secret-tool",
        "kwallet-query",
        "doppler",
        "infisical",
        "chamber",
        "aws-vault",
        "keyring",
    ],
    summary: "reads a secret from a password manager or keychain",
    why: "Passwords and tokens from the user's vault land in the transcript.",
    check,
    fires: &[
        "rbw get --clipboard github",
        "passage show work/email",
        "security find-generic-password -s github -w",
        "security find-internet-password -s example.com -g",
        "security dump-keychain -d",
        "pass show work/aws",
        "pass email/gmail",
        "gopass show -o db",
        "op read op://vault/item/password",
        "op item get Login --fields password",
        "vault kv get secret/app",
        "vault read database/creds/ro",
        "bw get password github",
        "lpass show --password mysite",
        "secret-tool lookup service github",
        "doppler secrets download --no-file",
        "sudo security find-generic-password -a me -w",
        "keyring get system user",
    ],
    passes: &["pass ls", "pass", "vault status", "op whoami", "security list-keychains", "bw sync", "vault kv list secret/", "doppler run -- npm start"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let pos = positional(cmd);
    let first = pos.first().copied().unwrap_or_default();
    let seq = |s: &[&str]| has_seq(cmd, s);
    let hit = match cmd.name.as_str() {
        "security" => {
            matches!(first, "find-generic-password" | "find-internet-password" | "dump-keychain" | "export")
                || first.starts_with("find-") && first.ends_with("password")
        }
        "pass" | "gopass" | "passage" => match first {
            "" | "ls" | "list" | "find" | "search" | "init" | "git" | "insert" | "generate" | "edit" | "rm" | "mv" | "cp" | "help" | "version" | "sync" => {
                false
            }
            "show" | "cat" => true,
            _ => !first.starts_with('-'),
        },
        "op" => seq(&["read"]) || seq(&["item", "get"]) || seq(&["document", "get"]) || seq(&["inject"]) || seq(&["signin"]) && cmd.has_flag("--raw"),
        "vault" => seq(&["kv", "get"]) || first == "read" || seq(&["print", "token"]) || seq(&["token", "create"]) || seq(&["token", "lookup"]),
        "bw" => matches!(first, "get" | "export") || seq(&["list", "items"]),
        "rbw" => matches!(first, "get" | "code" | "search"),
        "lpass" => matches!(first, "show" | "export"),
        "keepassxc-cli" => matches!(first, "show" | "export" | "clip"),
        "secret-tool" => matches!(first, "lookup" | "search"),
        "kwallet-query" => cmd.has_any_flag(&["-r", "--read-password"]),
        "doppler" => seq(&["secrets"]) && !seq(&["secrets", "set"]) && !seq(&["secrets", "delete"]),
        "infisical" => matches!(first, "export" | "secrets") && !seq(&["secrets", "set"]),
        "chamber" => matches!(first, "read" | "export" | "env"),
        "aws-vault" => matches!(first, "export" | "login"),
        "keyring" => first == "get",
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{} {}` reads a stored secret", cmd.name, pos.iter().take(3).copied().collect::<Vec<_>>().join(" "))))
}
