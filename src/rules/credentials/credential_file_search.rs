//! Hunting for credentials outside the project: `find`/`locate`/`fd` for
//! key and credential file names, or a recursive `grep` for passwords and
//! tokens, over the home directory, the root or system paths.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::opt_values;

pub(crate) static RULE: Rule = Rule {
    code: "CRD011",
    name: "credential-file-search",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["find", "fd", "fdfind", "locate", "mlocate", "plocate", "grep", "egrep", "rg", "ag", "ack"],
    summary: "searches outside the project for keys, passwords or tokens",
    why: "Sweeping the machine for credentials is reconnaissance, not a software task.",
    check,
    fires: &[
        "find / -name id_rsa 2>/dev/null",
        "find ~ -name '*.pem' -o -name '*.key'",
        "sudo find /home -iname '*credentials*'",
        "locate wallet.dat",
        "fd -H '.env' ~",
        "grep -rn password /etc",
        "grep -ri 'api_key' ~",
        "rg -i 'BEGIN RSA PRIVATE KEY' /",
        "bash -c 'find $HOME -name \".env*\"'",
    ],
    passes: &["find . -name '*.pem'", "grep -rn password src/", "rg TODO ~", "find ~ -name '*.py'", "locate libssl.so", "grep -r api_key tests/fixtures"],
};

const SECRET_PATTERNS: &[&str] = &[
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".pem",
    ".key",
    ".p12",
    ".pfx",
    ".kdbx",
    ".ppk",
    ".env",
    "credential",
    "secret",
    "password",
    "passwd",
    "token",
    "wallet",
    ".netrc",
    "git-credentials",
    ".npmrc",
    ".pypirc",
    "api_key",
    "apikey",
    "api-key",
    "private key",
    "private_key",
    "aws_access",
    "aws_secret",
    "akia",
    "shadow",
    "keystore",
    ".jks",
    "kubeconfig",
    ".tfstate",
];

fn secretish(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    SECRET_PATTERNS.iter().any(|p| t.contains(p))
}

fn wide(w: &Word) -> bool {
    matches!(
        w.path,
        PathClass::Root | PathClass::Home | PathClass::HomeOther | PathClass::SystemDir | PathClass::System | PathClass::Outside | PathClass::Secret
    )
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let (scope, pattern): (Option<&Word>, Option<String>) = match cmd.name.as_str() {
        "find" => {
            let root = cmd.args.iter().take_while(|a| !a.text.starts_with('-') && a.text != "(" && a.text != "!").find(|a| wide(a));
            let names = cmd
                .args
                .windows(2)
                .filter(|p| ["-name", "-iname", "-path", "-ipath", "-regex", "-iregex", "-wholename"].contains(&p[0].text.as_str()))
                .map(|p| p[1].text.clone())
                .find(|t| secretish(t));
            (root, names)
        }
        "locate" | "mlocate" | "plocate" => (cmd.operands().next(), cmd.operands().map(|w| w.text.clone()).find(|t| secretish(t))),
        "fd" | "fdfind" => (cmd.operands().skip(1).find(|a| wide(a)), cmd.operands().next().map(|w| w.text.clone()).filter(|t| secretish(t))),
        _ => {
            let recursive = matches!(cmd.name.as_str(), "rg" | "ag" | "ack") || cmd.has_any_flag(&["-r", "-R", "--recursive", "--dereference-recursive"]);
            if !recursive {
                return None;
            }
            let mut pats: Vec<String> = opt_values(cmd, &["-e", "--regexp"]).into_iter().map(|w| w.text).collect();
            let mut ops = cmd.operands();
            if pats.is_empty() {
                pats.extend(ops.next().map(|w| w.text.clone()));
            }
            (ops.find(|a| wide(a)), pats.into_iter().find(|t| secretish(t)))
        }
    };
    let pattern = pattern?;
    let scope = if matches!(cmd.name.as_str(), "locate" | "mlocate" | "plocate") { scope } else { Some(scope?) };
    let at = scope.map_or_else(|| "the whole disk".to_string(), |w| format!("`{}`", w.text));
    Some(Hit::command().with_message(format!("`{}` searches {at} for `{pattern}`", cmd.name)))
}
