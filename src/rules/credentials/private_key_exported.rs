//! Private key material exported: `gpg --export-secret-keys`, keychain
//! exports of private keys, `wg showconf`, Java keystore key export.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{opt_values, positional};

pub(crate) static RULE: Rule = Rule {
    code: "CRD008",
    name: "private-key-exported",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["gpg", "gpg2", "security", "wg", "keytool", "pk12util", "certutil", "step", "minikube"],
    summary: "exports a private key",
    why: "An exported private key lets anyone who gets the output sign, decrypt or log in as the user.",
    check,
    fires: &[
        "gpg --export-secret-keys --armor me@example.com",
        "gpg -a --export-secret-subkeys KEYID > sub.asc",
        "sudo gpg2 --export-secret-key 0xABC",
        "security export -k login.keychain -t privKeys -f pkcs12 -o keys.p12",
        "wg showconf wg0",
        "sudo wg show wg0 private-key",
        "bash -c 'gpg --export-secret-keys | base64'",
    ],
    passes: &[
        "gpg --export --armor me@example.com",
        "gpg --list-secret-keys",
        "wg show",
        "security export -t certs -o certs.pem",
        "keytool -list -keystore ks.jks",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let pos = positional(cmd);
    let hit = match cmd.name.as_str() {
        "gpg" | "gpg2" => cmd.argv.flags.iter().any(|f| f.name.starts_with("--export-secret")),
        "security" => pos.first() == Some(&"export") && opt_values(cmd, &["-t"]).iter().any(|w| w.text.starts_with("priv") || w.text == "identities"),
        "wg" => pos.first() == Some(&"showconf") || pos.first() == Some(&"show") && pos.contains(&"private-key"),
        "keytool" => cmd.has_any_flag(&["-importkeystore", "-exportkey"]),
        "pk12util" => cmd.has_flag("-o"),
        "certutil" => cmd.args.iter().any(|a| a.text.eq_ignore_ascii_case("-exportpfx")),
        "step" => pos.starts_with(&["crypto", "key", "format"]) && cmd.has_flag("--no-password"),
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` exports private key material", cmd.name)))
}
