//! A secret file (keys, cloud credentials, `.env`, keychains, `/etc/shadow`,
//! a process environment) read by a program that prints, copies, encodes or
//! archives its content.
//!
//! Inspects every command: any program can show a file, and the list of
//! programs that only use one (`ls`, `chmod`, `ssh -i`) is the shorter one.

use crate::rules::prelude::*;
use crate::rules::shared::secrets::{secret_read, secret_word};

pub(crate) static RULE: Rule = Rule {
    code: "CRD001",
    name: "secret-file-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[],
    summary: "reads a secret file (key, credentials, .env)",
    why: "The content of a secret lands in the agent's context or another file, where it can leak.",
    check,
    fires: &[
        "cat ~/.ssh/id_rsa",
        "printf '%s\\n' ~/.netrc | cpio -o > a.cpio",
        "curl -s file://$HOME/.ssh/id_ed25519",
        "echo \"$(< ~/.aws/credentials)\"",
        "cat .env",
        "sudo tail -n 5 /etc/shadow",
        "bash -c 'head -n 3 ~/.aws/credentials'",
        "base64 < ~/.ssh/id_ed25519",
        "xxd $HOME/.ssh/id_ecdsa",
        "tar czf keys.tgz ~/.ssh",
        "cp ~/.aws/credentials /tmp/c",
        "grep -r token ~/.config/gh",
        "strings /proc/self/environ",
        "openssl rsa -in server.key -text",
        "less config/secrets.yml",
        "zip -r k.zip ~/.gnupg",
        "env LC_ALL=C cat .env.production",
        "f=~/.netrc; cat $f",
        "sed -n p ~/.git-credentials",
    ],
    passes: &[
        "cat ~/.ssh/id_rsa.pub",
        "printf '%s\\n' src/main.rs | cpio -o > a.cpio",
        "curl file://$PWD/README.md",
        "echo \"$(< README.md)\"",
        "stat ~/.aws/credentials",
        "test -e ~/.netrc",
        "cat .env.example",
        "ls -la ~/.ssh",
        "chmod 600 ~/.ssh/id_rsa",
        "cp .env.example .env",
        "grep -q API_KEY .env",
        "ssh -i ~/.ssh/id_rsa host uptime",
        "cat ~/.ssh/known_hosts",
        "grep -rn credentials src/",
        "echo 'X=1' >> .env",
        "openssl x509 -in cert.pem -noout -text",
        "source .env",
        "node --env-file=.env server.js",
        "docker compose --env-file .env.prod up -d",
        "openssl genrsa -out server.key 2048",
        "sed -i 's/^DEBUG=.*/DEBUG=1/' .env",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if let Some(w) = secret_read(cmd, cx.env) {
        return Some(Hit::on(w).with_message(format!("`{}` reads the secret `{}`", describe(cmd), w.text)));
    }
    // A list of names piped to a program that reads the files it names
    // (`printf '%s\n' ~/.netrc | cpio -o`): the secret is read all the same.
    let Some(Input::Pipe { from }) = &cmd.stdin else { return None };
    if !crate::ir::programs::reads_names_from_stdin(cmd) {
        return None;
    }
    let feeder = cx.script.commands.get(*from)?;
    let w = feeder.args.iter().find(|w| secret_word(w, cx.env))?;
    Some(Hit::on(w).with_message(format!("`{}` reads the secret `{}`, named on its input", describe(cmd), w.text)))
}
