//! Secret predicates shared by the credentials rules and, through
//! `credentials::secret_source`, by the exfiltration rules: which words name
//! a secret file, which variable names hold secrets, which commands only use
//! a file without showing its content.

use crate::ir::paths::classify;
use crate::ir::{Command, Env, Input, PathClass, Word};
use crate::rules::shared::transfer::read_path_words;

/// Programs that act on a file without printing, copying or encoding its
/// content (listing, metadata, permissions, loading it for their own use,
/// editors the user drives, deletion judged by other families).
const NON_READERS: &[&str] = &[
    "ls",
    "exa",
    "eza",
    "lsd",
    "stat",
    "file",
    "du",
    "find",
    "fd",
    "locate",
    "tree",
    "chmod",
    "chown",
    "chgrp",
    "chattr",
    "lsattr",
    "touch",
    "mkdir",
    "rm",
    "rmdir",
    "shred",
    "unlink",
    "test",
    "[",
    "[[",
    "realpath",
    "readlink",
    "basename",
    "dirname",
    "wc",
    "md5sum",
    "sha1sum",
    "sha256sum",
    "sha512sum",
    "shasum",
    "cksum",
    "b2sum",
    "ssh",
    "ssh-keygen",
    "ssh-copy-id",
    "ssh-keyscan",
    "mosh",
    "autossh",
    "git",
    "echo",
    "printf",
    "mv",
    "ln",
    "cd",
    "pushd",
    "source",
    ".",
    "export",
    "docker",
    "docker-compose",
    "podman",
    "kubectl",
    "helm",
    "terraform",
    "gcloud",
    "aws",
    "az",
    "direnv",
    "dotenv",
    "npm",
    "yarn",
    "pnpm",
    "vim",
    "vi",
    "nvim",
    "nano",
    "emacs",
    "code",
    "subl",
    "open",
    "tee",
    "truncate",
    "mkfifo",
    "install",
    "setfacl",
    "getfacl",
    "xattr",
    "which",
    "type",
    "command",
    "sops",
    "ansible-vault",
    "gpg",
    "age",
    "env",
    "chflags",
    "xdg-open",
];

/// True for paths that look secret by place but are public: public keys,
/// `known_hosts`, the ssh client config, certificates.
fn public_name(text: &str) -> bool {
    let name = text.trim_end_matches('/').rsplit('/').next().unwrap_or(text).to_ascii_lowercase();
    name.ends_with(".pub")
        || name.starts_with("known_hosts")
        || (name == "config" && text.contains(".ssh/"))
        || name.ends_with(".crt")
        || name.ends_with(".cer")
        || (name.ends_with(".pem")
            && (name.contains("cert")
                || name.contains("chain")
                || name.starts_with("ca")
                || name.contains("bundle")
                || name.contains("public")
                || name.contains("pub")))
}

/// True for a path text that names a secret file (or the environment of a process).
pub(crate) fn secret_text(text: &str, env: &Env) -> bool {
    let t = text.trim_start_matches(['@', '<']);
    // `file:///home/dev/.ssh/id_rsa`, `file://localhost/…`: a URL that names a local file.
    let t = file_url_path(t).unwrap_or(t);
    if t.is_empty() || t == "-" || public_name(t) {
        return false;
    }
    if t.starts_with("/proc/") && t.ends_with("/environ") {
        return true;
    }
    classify(t, env) == PathClass::Secret
}

/// The local path a `file://` URL names (`file:///etc/shadow`,
/// `file://localhost/…`); `None` for any other text.
pub(crate) fn file_url_path(text: &str) -> Option<&str> {
    let scheme = text.get(..7).filter(|s| s.eq_ignore_ascii_case("file://"))?;
    let rest = &text[scheme.len()..];
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    rest.starts_with('/').then_some(rest)
}

/// True when a word names a secret file, also behind `@`, `<`, `name=@` or `key=`.
pub(crate) fn secret_word(w: &Word, env: &Env) -> bool {
    if w.path == PathClass::Secret && !public_name(&w.text) && !w.text.starts_with('-') {
        return true;
    }
    if secret_text(&w.text, env) {
        return true;
    }
    match w.text.split_once('=') {
        Some((k, v)) if !k.is_empty() && !k.contains('/') => secret_text(v, env),
        _ => false,
    }
}

/// The secret file a command reads and shows, copies or encodes, if any.
pub(crate) fn secret_read<'a>(cmd: &'a Command, env: &Env) -> Option<&'a Word> {
    if let Some(Input::File { path }) = &cmd.stdin {
        if secret_word(path, env) && cmd.name != "gpg" {
            return Some(path);
        }
    }
    if NON_READERS.contains(&cmd.name.as_str()) || cmd.wraps.is_some() {
        return None;
    }
    match cmd.name.as_str() {
        // Only asks whether something matches, or counts.
        "grep" | "egrep" | "fgrep" | "zgrep" | "rg" | "ag"
            if cmd.has_any_flag(&["-q", "--quiet", "--silent", "-c", "--count", "-l", "--files-with-matches", "-L", "--files-without-match"]) =>
        {
            return None;
        }
        // Editing in place shows nothing; `sed -n p` prints.
        "sed" | "gsed" if cmd.args.iter().any(|a| a.text.starts_with("-i") || a.text.starts_with("--in-place")) => return None,
        "openssl"
            if matches!(
                cmd.subcommand().or_else(|| cmd.operands().next().map(|w| w.text.as_str())),
                Some("x509" | "verify" | "crl" | "req" | "s_client" | "version")
            ) =>
        {
            return None;
        }
        _ => {}
    }
    // `--env-file .env` loads variables for the program; nothing is shown.
    let loaded: Vec<(usize, usize)> = cmd
        .argv
        .flags
        .iter()
        .filter(|f| f.name.contains("env-file") || f.name.contains("envfile") || f.name.contains("dotenv"))
        .filter_map(|f| f.value.as_ref().map(|v| v.span))
        .collect();
    let mut words: Vec<&Word> = read_path_words(cmd).into_iter().filter(|w| !loaded.contains(&w.span)).collect();
    // Upload forms name the file inside the value: `-d @f`, `-F x=@f`,
    // `--data-binary=@f`; a `file://` URL names the file it fetches (`curl
    // file://…`, `wget`, any program given a URL).
    for w in &cmd.args {
        let file_url = file_url_path(&w.text).is_some();
        if (file_url || w.text.starts_with('@') || w.text.contains("=@") || w.text.contains("=<")) && !words.iter().any(|x| x.span == w.span) {
            words.push(w);
        }
    }
    let sources: Vec<&Word> =
        if matches!(cmd.name.as_str(), "cp" | "gcp" | "ditto" | "dd") && !cmd.has_any_flag(&["-t", "--target-directory"]) && words.len() > 1 {
            // The last operand is where the copy goes.
            words[..words.len() - 1].to_vec()
        } else {
            words
        };
    sources.into_iter().find(|w| secret_word(w, env)).or_else(|| cmd.args.iter().find(|w| w.text.starts_with("if=") && secret_text(&w.text[3..], env)))
}

/// Words in a variable name that say it holds a secret.
const SECRET_VAR_PARTS: &[&str] = &[
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "PASSPHRASE",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
    "AUTH",
    "SESSION_KEY",
    "DATABASE_URL",
    "DB_URL",
    "CONN_STR",
    "CONNECTION_STRING",
    "_PAT",
    "_PWD",
    "SIGNING_KEY",
    "MASTER_KEY",
    "ENCRYPTION_KEY",
    "WEBHOOK",
];

/// True for a variable name that holds a secret (`GITHUB_TOKEN`, `OPENAI_API_KEY`).
pub(crate) fn secret_var_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    if n == "PWD"
        || n == "OLDPWD"
        || n.ends_with("_ID")
        || n.ends_with("_PATH")
        || n.ends_with("_FILE")
        || n.ends_with("_DIR")
        || n.ends_with("_URL") && !n.contains("DATABASE") && !n.contains("DB_") && !n.contains("WEBHOOK")
    {
        return false;
    }
    SECRET_VAR_PARTS.iter().any(|p| n.contains(p)) || n.ends_with("_KEY") || n == "KEY" || n.ends_with("_PASS")
}

/// Names of the variables expanded in a word's unresolved text (`$X`, `${X}`, `${X:-d}`), not `${#X}`.
pub(crate) fn expanded_vars(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' {
            let start = if b.get(i + 1) == Some(&b'{') { i + 2 } else { i + 1 };
            if b.get(start) == Some(&b'#') || b.get(start) == Some(&b'!') {
                i = start;
                continue;
            }
            let mut end = start;
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                end += 1;
            }
            if end > start && !b[start].is_ascii_digit() {
                out.push(&text[start..end]);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Words in a filter pattern that select secrets from an environment listing.
pub(crate) fn secretish_pattern(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "key",
        "token",
        "secret",
        "pass",
        "auth",
        "cred",
        "private",
        "session",
        "cookie",
        "aws",
        "azure",
        "gcp",
        "google",
        "github",
        "gitlab",
        "gh_",
        "openai",
        "anthropic",
        "stripe",
        "jwt",
        "bearer",
        "vault",
        "database",
        "db_",
        "api",
    ]
    .iter()
    .any(|k| t.contains(k))
}
