//! Deploys: hosting CLIs (`vercel --prod`, `netlify deploy`, `fly deploy`,
//! `firebase deploy`, `wrangler deploy`, `gcloud run deploy`, `az webapp up`),
//! deploy tools (`kamal`, `cap`, `ansible-playbook`) and pushes to deploy remotes.

use crate::rules::prelude::*;
use crate::rules::shared::api::{HTTP_CLIENTS, positionals, previews, url_matching};

pub(crate) static RULE: Rule = Rule {
    code: "EXT003",
    name: "deployment",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[
        "docker",
        "podman",
        "func",
        "curl",
        "wget",
        "http",
        "https",
        "xh",
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
        "docker -H ssh://deploy@prod.example.com compose up -d",
        "DOCKER_HOST=ssh://ops@10.0.0.5 docker run -d app:1.2",
        "func azure functionapp publish my-func",
        "curl -X POST https://api.vercel.com/v1/integrations/deploy/prj_1/abc",
        "curl -X POST -d {} https://api.netlify.com/build_hooks/5f1",
        "curl -X POST -H 'Accept: application/vnd.github+json' https://api.github.com/repos/o/r/dispatches -d '{\"event_type\":\"deploy\"}'",
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
        "docker -H ssh://deploy@prod.example.com ps",
        "docker -H tcp://localhost:2375 run app",
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
        "func" => first == "azure" && has("publish"),
        "docker" | "podman" => {
            remote_engine(cmd).is_some()
                && !["ps", "images", "logs", "inspect", "version", "info", "top", "stats", "port", "diff", "events", "history"].contains(&first)
        }
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

/// Deploy hooks and pipeline triggers called over HTTP.
const DEPLOY_HOOKS: &[(&str, &str)] = &[
    ("api.vercel.com", "/integrations/deploy"),
    ("api.netlify.com", "/build_hooks"),
    ("api.render.com", "/deploy"),
    ("api.github.com", "/dispatches"),
    ("gitlab.com", "/trigger/pipeline"),
    ("circleci.com", "/pipeline"),
    ("api.cloudflare.com", "/deploy_hooks"),
    ("api.heroku.com", "/builds"),
];

/// The remote engine a docker command talks to (`-H ssh://…`, `DOCKER_HOST=tcp://…`), if not local.
fn remote_engine(cmd: &Command) -> Option<&Word> {
    let remote = |w: &&Word| {
        let t = w.text.to_ascii_lowercase();
        let Some(rest) = t.strip_prefix("ssh://").or_else(|| t.strip_prefix("tcp://")) else { return false };
        let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        !["localhost", "127.0.0.1", "[::1]", "0.0.0.0", "host.docker.internal"].iter().any(|l| host.starts_with(l))
    };
    cmd.flag_values(&["-H", "--host"]).find(remote).or_else(|| cmd.env.iter().filter(|a| a.name == "DOCKER_HOST").map(|a| &a.value).find(remote))
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if HTTP_CLIENTS.contains(&cmd.name.as_str()) {
        let url = url_matching(cmd, DEPLOY_HOOKS)?;
        return Some(Hit::on(url).with_message(format!("`{}` calls a deploy hook or pipeline trigger", cmd.name)));
    }
    if previews(cmd) && cmd.name != "git" {
        return None;
    }
    let pos = positionals(cmd);
    let pos: Vec<&str> = if cmd.name == "git" { pos } else { pos.into_iter().filter(|p| !p.starts_with('-')).collect() };
    let what = deploys(cmd, &pos)?;
    Some(Hit::command().with_message(format!("`{what}` deploys to a live environment")))
}
