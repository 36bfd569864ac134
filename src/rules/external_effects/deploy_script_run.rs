//! Project scripts, make targets and shell scripts named for deploying or
//! publishing (`npm run deploy`, `make publish`, `./scripts/deploy.sh`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT011",
    name: "deploy-script-run",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[],
    summary: "runs a project script named for deploying or publishing",
    why: "A script called deploy or publish exists to act outside the machine: on servers, registries or users.",
    check,
    fires: &[
        "npm run deploy",
        "npm run deploy:prod",
        "pnpm run publish-packages",
        "yarn deploy",
        "bun run ship",
        "make deploy",
        "make -C infra deploy-staging",
        "just publish",
        "./deploy.sh",
        "./scripts/deploy-prod.sh production",
        "bash scripts/publish.sh",
        "sh ./bin/upload_release.sh",
        "bash -c 'npm run deploy'",
    ],
    passes: &[
        "npm run build",
        "npm run dev",
        "make test",
        "./build.sh",
        "npm run deploy-docs:preview -- --dry-run",
        "make -n deploy",
        "make deployment-check",
        "cat deploy.sh",
        "vim scripts/deploy.sh",
        "npm publish",
        "yarn publish",
    ],
};

/// Package managers and task runners whose first word names a project script or target.
const RUNNERS: &[&str] =
    &["npm", "pnpm", "yarn", "bun", "make", "gmake", "just", "task", "rake", "invoke", "mage", "npx", "composer", "poe", "mise", "nx", "turbo"];

fn names_deploy(name: &str) -> bool {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.strip_suffix(".sh").or_else(|| stem.strip_suffix(".bash")).or_else(|| stem.strip_suffix(".zsh")).unwrap_or(stem);
    stem.split(['-', '_', ':', '.']).any(|t| ["deploy", "publish", "ship", "upload"].contains(&t.to_ascii_lowercase().as_str()))
}

/// Every command: the script can be run by a package manager, a task runner, a shell or by path.
fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let make_dry = matches!(cmd.name.as_str(), "make" | "gmake") && cmd.has_any_flag(&["-n", "--just-print", "--recon"]);
    if make_dry || crate::rules::shared::changes::is_dry_run(cmd) || cmd.args.iter().any(|a| a.text == "--dry-run" || a.text == "--dry") {
        return None;
    }
    let name = cmd.name.as_str();
    let target: Option<&str> = if RUNNERS.contains(&name) {
        let words: Vec<&str> = cmd.argv.subcommands.iter().map(String::as_str).chain(cmd.argv.operands.iter().map(|w| w.text.as_str())).collect();
        let run = matches!(words.first(), Some(&("run" | "run-script")));
        // Without `run`, npm and pnpm words are built-in commands (`npm publish` is EXT001's).
        if !run
            && (matches!(name, "npm" | "pnpm" | "cnpm" | "npx")
                || matches!(name, "yarn" | "bun") && words.first().is_some_and(|w| ["publish", "npm"].contains(w)))
        {
            return None;
        }
        let words: Vec<&str> = if run { words[1..].to_vec() } else { words };
        match name {
            "make" | "gmake" | "just" | "task" | "rake" | "invoke" | "mage" => words.into_iter().find(|w| !w.contains('=') && names_deploy(w)),
            _ => words.first().copied().filter(|w| names_deploy(w)),
        }
    } else if crate::ir::is_shell(name) {
        cmd.operands().next().map(|w| w.text.as_str()).filter(|w| names_deploy(w) && (w.ends_with(".sh") || w.contains('/')))
    } else {
        (cmd.program.text.contains('/') && names_deploy(name)).then_some(name)
    };
    let t = target?;
    Some(Hit::command().with_message(format!("`{}` runs `{t}`, a script for deploying or publishing", cmd.name)))
}
