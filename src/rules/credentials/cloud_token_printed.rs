//! Cloud and hosting CLIs asked to print an access token, a key or a
//! stored secret value (`aws sts get-session-token`, `gcloud auth
//! print-access-token`, `az account get-access-token`, `gh auth token`).

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{has_seq, positional};

pub(crate) static RULE: Rule = Rule {
    code: "CRD004",
    name: "cloud-token-printed",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["aws", "gcloud", "az", "gh", "glab", "heroku", "fly", "flyctl", "npm", "doctl", "firebase", "netlify", "railway", "hcloud"],
    summary: "prints a cloud access token, key or secret value",
    why: "A live credential printed in the transcript can be copied, logged or sent on.",
    check,
    fires: &[
        "aws sts get-session-token",
        "aws --profile prod sts assume-role --role-arn arn:aws:iam::1:role/x --role-session-name s",
        "aws configure get aws_secret_access_key",
        "aws secretsmanager get-secret-value --secret-id prod/db",
        "aws ssm get-parameter --name /app/key --with-decryption",
        "aws ecr get-login-password --region us-east-1",
        "gcloud auth print-access-token",
        "gcloud auth application-default print-access-token",
        "gcloud secrets versions access latest --secret=db",
        "az account get-access-token",
        "az keyvault secret show --vault-name v --name db",
        "az storage account keys list -n acct",
        "heroku auth:token",
        "sudo aws configure export-credentials",
    ],
    passes: &[
        "aws s3 ls",
        "aws configure get region",
        "aws sts get-caller-identity --query Arn --output text",
        "gcloud config list",
        "az account show",
        "gh auth status -h github.example.com",
        "aws ssm get-parameter --name /app/version",
        "heroku logs --tail",
        "npm test",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.argv.has_effect(Effect::Credentials) {
        return None; // the spec already says so (CRD012)
    }
    let pos = positional(cmd);
    let seq = |s: &[&str]| has_seq(cmd, s);
    let hit = match cmd.name.as_str() {
        "aws" => {
            seq(&["configure", "export-credentials"])
                || seq(&["configure", "get"]) && pos.iter().any(|p| p.contains("secret") || p.contains("token") || p.contains("access_key"))
                || [
                    "get-session-token",
                    "assume-role",
                    "assume-role-with-web-identity",
                    "assume-role-with-saml",
                    "get-federation-token",
                    "get-login-password",
                    "get-authorization-token",
                    "get-secret-value",
                    "batch-get-secret-value",
                    "create-access-key",
                    "get-role-credentials",
                ]
                .iter()
                .any(|s| pos.contains(s))
                || pos.iter().any(|p| p.starts_with("get-parameter")) && cmd.has_flag("--with-decryption")
        }
        "gcloud" => {
            pos.iter().any(|p| matches!(*p, "print-access-token" | "print-identity-token" | "config-helper"))
                || seq(&["secrets", "versions", "access"])
                || seq(&["keys", "create"]) && pos.contains(&"service-accounts")
        }
        "az" => {
            seq(&["get-access-token"])
                || seq(&["keyvault", "secret", "show"])
                || seq(&["keyvault", "secret", "download"])
                || seq(&["keys", "list"])
                || seq(&["show-connection-string"])
                || seq(&["acr", "credential", "show"])
                || seq(&["acr", "login"]) && cmd.has_flag("--expose-token")
                || seq(&["create-for-rbac"])
                || seq(&["credential", "reset"])
                || seq(&["list-publishing-profiles"])
        }
        "gh" => seq(&["auth", "token"]) || seq(&["auth", "status"]) && cmd.has_any_flag(&["-t", "--show-token"]),
        "glab" => seq(&["auth", "status"]) && cmd.has_any_flag(&["-t", "--show-token"]) || seq(&["config", "get", "token"]),
        "heroku" => pos.first().is_some_and(|p| matches!(*p, "auth:token" | "config" | "config:get" | "authorizations:create")),
        "fly" | "flyctl" => seq(&["auth", "token"]) || seq(&["tokens", "create"]),
        "npm" => seq(&["token", "create"]) || seq(&["token", "list"]) || seq(&["token", "ls"]),
        "doctl" => seq(&["auth", "token"]) || seq(&["registry", "docker-config"]),
        "firebase" => pos.contains(&"login:ci"),
        "railway" => seq(&["variables"]),
        "netlify" => seq(&["env:list"]) && cmd.has_flag("--plain"),
        "hcloud" => seq(&["context", "export"]),
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` prints a live credential", pos.iter().take(4).fold(cmd.name.clone(), |s, p| s + " " + p))))
}
