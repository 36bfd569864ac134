//! Encrypted secrets decrypted to the terminal or a file: `sops -d`,
//! `ansible-vault view|decrypt`, `gpg -d`, `age -d`, `openssl enc -d`.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::positional;

pub(crate) static RULE: Rule = Rule {
    code: "CRD007",
    name: "encrypted-secret-decrypted",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["sops", "ansible-vault", "gpg", "gpg2", "age", "rage", "openssl", "git-crypt", "transcrypt", "blackbox_cat", "kubeseal", "ejson"],
    summary: "decrypts an encrypted secrets file",
    why: "The plaintext of secrets the project keeps encrypted lands in the transcript or on disk.",
    check,
    fires: &[
        "sops -d secrets.enc.yaml",
        "sops --decrypt --output plain.json secrets.json",
        "sops decrypt prod.env",
        "ansible-vault view group_vars/all/vault.yml",
        "ansible-vault decrypt vault.yml",
        "gpg -d creds.txt.gpg",
        "gpg --decrypt backup.tar.gpg > backup.tar",
        "age -d -i key.txt secrets.age",
        "openssl enc -d -aes-256-cbc -in secrets.enc",
        "bash -c 'sops -d .env.enc > .env'",
        "ejson decrypt secrets.ejson",
    ],
    passes: &[
        "sops -e secrets.yaml",
        "gpg --verify release.tar.gz.asc",
        "gpg --list-keys",
        "ansible-vault encrypt vault.yml",
        "age -r age1xyz -o out.age in.txt",
        "openssl enc -aes-256-cbc -in plain -out enc",
        "openssl rand -hex 32",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let pos = positional(cmd);
    let first = pos.first().copied().unwrap_or_default();
    let hit = match cmd.name.as_str() {
        "sops" => cmd.has_any_flag(&["-d", "--decrypt"]) || matches!(first, "decrypt" | "exec-env" | "exec-file"),
        "ansible-vault" => matches!(first, "view" | "decrypt"),
        "gpg" | "gpg2" => cmd.has_any_flag(&["-d", "--decrypt", "--decrypt-files"]),
        "age" | "rage" => cmd.has_any_flag(&["-d", "--decrypt"]),
        "openssl" => matches!(first, "enc" | "smime" | "cms" | "pkeyutl" | "rsautl") && cmd.has_any_flag(&["-d", "-decrypt"]),
        "git-crypt" => first == "export-key",
        "transcrypt" => cmd.has_any_flag(&["-d", "--display"]),
        "blackbox_cat" => true,
        "kubeseal" => cmd.has_flag("--recovery-unseal"),
        "ejson" => first == "decrypt",
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` decrypts secrets to plaintext", cmd.name)))
}
