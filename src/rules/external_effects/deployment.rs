//! Deploys: hosting CLIs (`vercel --prod`, `netlify deploy`, `fly deploy`,
//! `firebase deploy`, `wrangler deploy`, `gcloud run deploy`, `az webapp up`),
//! deploy tools (`kamal`, `cap`, `ansible-playbook`) and pushes to deploy remotes.

use super::common::{positionals, previews};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT003",
    name: "deployment",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[
        "vercel",
        "now",
        "netlify",
        "ntl",
        "fly",
        "flyctl",
        "heroku",
        "firebase",
        "wrangler",
        "serverless",
        "sls",
        "cdk",
        "sam",
        "eb",
        "gcloud",
        "az",
        "surge",
        "gh-pages",
        "railway",
        "kamal",
        "cap",
        "ansible-playbook",
        "fastlane",
        "eas",
        "expo",
        "amplify",
        "render",
        "dokku",
        "npx",
        "pnpx",
        "bunx",
        "git",
        "copilot",
        "zappa",
    ],
    summary: "deploys to a hosting or cloud environment",
    why: "A deploy changes what real users see and can take a live service down.",
    check,
    fires: &[
        "vercel --prod",
        "vercel deploy --prebuilt",
        "npx vercel --prod --yes",
        "netlify deploy --prod --dir=dist",
        "fly deploy",
        "flyctl deploy --remote-only",
        "firebase deploy --only hosting",
        "wrangler deploy",
        "npx wrangler pages deploy ./dist",
        "serverless deploy --stage prod",
        "cdk deploy --all --require-approval never",
        "sam deploy --guided",
        "eb deploy production",
        "gcloud run deploy api --source .",
        "gcloud app deploy app.yaml",
        "az webapp up --name myapp",
        "surge ./dist mysite.surge.sh",
        "npx gh-pages -d build",
        "railway up",
        "kamal deploy",
        "cap production deploy",
        "ansible-playbook -i inventory/prod site.yml",
        "git push heroku main",
        "git push production HEAD:main",
        "eas submit -p ios",
        "bash -c 'vercel --prod'",
    ],
    passes: &[
        "vercel dev",
        "vercel build",
        "netlify dev",
        "netlify status",
        "fly status",
        "firebase emulators:start",
        "wrangler dev",
        "serverless offline",
        "cdk synth",
        "cdk diff",
        "sam build",
        "gcloud run services list",
        "ansible-playbook site.yml --check",
        "ansible-playbook site.yml --syntax-check",
        "git push origin feature/x",
        "git push",
    ],
};

const DEPLOY_REMOTES: &[&str] = &["heroku", "dokku", "production", "prod", "live", "deploy", "azure", "flynn", "pythonanywhere"];

fn deploys(cmd: &Command, pos: &[&str]) -> Option<String> {
    let first = pos.first().copied().unwrap_or_default();
    let second = pos.get(1).copied().unwrap_or_default();
    let has = |w: &str| pos.contains(&w);
    let act = match cmd.name.as_str() {
        "vercel" | "now" => {
            let local = [
                "dev",
                "build",
                "pull",
                "link",
                "ls",
                "list",
                "inspect",
                "logs",
                "whoami",
                "login",
                "logout",
                "help",
                "env",
                "init",
                "project",
                "teams",
                "switch",
                "certs",
                "git",
                "open",
                "--version",
            ];
            !local.contains(&first) && !cmd.has_any_flag(&["-v", "--version", "-h", "--help"])
        }
        "netlify" | "ntl" => first == "deploy",
        "fly" | "flyctl" => ["deploy", "launch"].contains(&first),
        "firebase" => first == "deploy" || first.ends_with(":deploy"),
        "wrangler" => ["deploy", "publish"].contains(&first) || ["pages", "versions"].contains(&first) && ["deploy", "publish"].contains(&second),
        "serverless" | "sls" => ["deploy", "rollback"].contains(&first),
        "cdk" | "sam" | "eb" | "copilot" | "zappa" | "amplify" | "render" | "kamal" => {
            ["deploy", "sync", "publish", "update", "push", "setup", "redeploy"].contains(&first) || has("deploy")
        }
        "gcloud" => has("deploy") || (first == "builds" && second == "submit"),
        "az" => {
            has("deploy")
                || has("up") && ["webapp", "containerapp", "staticwebapp", "functionapp"].contains(&first)
                || (first == "webapp" && ["restart", "start", "stop"].contains(&second))
        }
        "surge" | "gh-pages" | "dokku" => !["list", "whoami", "login", "logout", "help"].contains(&first) && !cmd.has_any_flag(&["--help", "-h", "--version"]),
        "railway" => ["up", "deploy", "redeploy"].contains(&first),
        "cap" => has("deploy") || has("deploy:rollback"),
        "ansible-playbook" => !cmd.has_any_flag(&["--syntax-check", "--list-hosts", "--list-tasks", "--list-tags", "--check", "-C", "--help", "--version"]),
        "fastlane" => [
            "deliver",
            "pilot",
            "supply",
            "upload_to_app_store",
            "upload_to_testflight",
            "upload_to_play_store",
            "release",
            "beta",
            "deploy",
            "production",
            "appstore",
            "playstore",
        ]
        .contains(&first),
        "eas" => ["submit", "update"].contains(&first),
        "expo" => ["publish", "publish:rollback"].contains(&first),
        "npx" | "pnpx" | "bunx" => {
            return [
                "vercel",
                "netlify",
                "netlify-cli",
                "wrangler",
                "firebase",
                "firebase-tools",
                "gh-pages",
                "surge",
                "serverless",
                "cdk",
                "aws-cdk",
                "eas-cli",
            ]
            .contains(&first)
            .then(|| {
                let inner = pos[1..].to_vec();
                let fake = match first {
                    "netlify-cli" => "netlify",
                    "firebase-tools" => "firebase",
                    "aws-cdk" => "cdk",
                    "eas-cli" => "eas",
                    other => other,
                };
                (fake, inner)
            })
            .and_then(|(fake, inner)| {
                let mut c = cmd.clone();
                c.name = fake.to_string();
                c.argv.subcommands.clear();
                deploys(&c, &inner).map(|_| format!("{} {}", cmd.name, pos.join(" ")))
            });
        }
        "git" => {
            let remote = cmd.is_sub(&["push"]).then(|| cmd.operands().next()).flatten();
            remote.is_some_and(|r| DEPLOY_REMOTES.contains(&r.text.as_str()))
        }
        _ => false,
    };
    act.then(|| format!("{} {}", cmd.name, pos.iter().take(3).copied().collect::<Vec<_>>().join(" ")).trim_end().to_string())
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if previews(cmd) && cmd.name != "git" {
        return None;
    }
    let pos = positionals(cmd);
    let pos: Vec<&str> = if cmd.name == "git" { pos } else { pos.into_iter().filter(|p| !p.starts_with('-')).collect() };
    let what = deploys(cmd, &pos)?;
    Some(Hit::command().with_message(format!("`{what}` deploys to a live environment")))
}
