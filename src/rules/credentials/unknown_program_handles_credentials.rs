//! A program riskgate has no spec for, asked to log in, log out or reveal secrets: its verb (the first
//! operand, or an unknown subcommand) says what it does, as in the known
//! programs' specs. The risk model judges the rest of such commands.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD017",
    name: "unknown-program-handles-credentials",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is asked to log in, log out or reveal secrets",
    why: "Verbs like these change state beyond the workspace; without knowing the program, a person should confirm.",
    check,
    fires: &[
        "zorbctl login",
        "quillmark token --show",
        "tessa unseal key1",
        "zorbctl wallet signmessage addr hello",
        "quillmark --cookie \"sessionid=abc\"",
        "tessa encrypt --password hunter2",
    ],
    passes: &["zorbctl list", "quillmark render docs", "tessa info", "zorbctl search password", "quillmark --passes 3 in.txt"],
};

const VERBS: &[&str] = &[
    "login",
    "logout",
    "auth",
    "token",
    "secret",
    "secrets",
    "password",
    "passwd",
    "credentials",
    "seal",
    "unseal",
    "unlock",
    "decrypt",
    "keychain",
    "sign",
    "signmessage",
    "passphrase",
    "vault",
    "totp",
    "otp",
];

/// Options that carry or unlock a secret (`--password`, `--cookie`,
/// `-hashes`); a secret on a command line is also visible to every local
/// user through the process list.
const OPTIONS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "token",
    "secret",
    "cookie",
    "cookies",
    "hashes",
    "credentials",
    "creds",
    "apikey",
    "api-key",
    "api-token",
    "access-token",
    "auth-token",
    "client-secret",
    "private-key",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    unknown_verb_hit(cmd, VERBS, OPTIONS, "log in, log out or reveal secrets")
}
