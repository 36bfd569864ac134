//! Packages published to a public registry (`npm publish`, `cargo publish`,
//! `twine upload`, `gem push`, `mvn deploy`, `gradle publish`, `dotnet nuget push`).

use crate::rules::prelude::*;
use crate::rules::shared::api::{positionals, previews};

pub(crate) static RULE: Rule = Rule {
    code: "EXT001",
    name: "package-publish",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[
        "npm",
        "pnpm",
        "yarn",
        "bun",
        "cargo",
        "twine",
        "@python",
        "gem",
        "poetry",
        "uv",
        "flit",
        "hatch",
        "pdm",
        "mvn",
        "mvnw",
        "gradle",
        "gradlew",
        "dotnet",
        "nuget",
        "pod",
        "dart",
        "flutter",
        "mix",
        "rebar3",
        "lerna",
        "nx",
        "changeset",
        "jsr",
        "deno",
        "vsce",
        "ovsx",
        "anaconda",
        "sbt",
        "npx",
        "pnpx",
        "bunx",
        "swift",
        "goreleaser",
        "semantic-release",
        "release-it",
        "np",
        "helm",
    ],
    summary: "publishes a package to a public registry",
    why: "A published package is visible to everyone at once and usually cannot be taken back.",
    check,
    fires: &[
        "npm publish",
        "npm publish --tag beta --access restricted",
        "pnpm publish -r",
        "yarn npm publish",
        "yarn workspaces foreach -A npm publish",
        "npx nx release publish",
        "cargo publish",
        "cargo yank --version 1.0.1 mycrate",
        "twine upload dist/*",
        "python -m twine upload -r pypi dist/*.whl",
        "python setup.py sdist bdist_wheel upload",
        "cargo release minor --execute",
        "gem push mygem-1.0.gem",
        "poetry publish --build",
        "uv publish",
        "hatch publish",
        "mvn clean deploy -P release",
        "./gradlew publish",
        "dotnet nuget push bin/x.nupkg --api-key $KEY --source nuget.org",
        "pod trunk push X.podspec",
        "dart pub publish --force",
        "mix hex.publish",
        "npx lerna publish from-package",
        "npx changeset publish",
        "npx jsr publish",
        "deno publish",
        "vsce publish --pre-release",
        "goreleaser release --clean",
        "semantic-release",
        "release-it minor --ci",
        "bash -c 'cd pkg && npm publish'",
    ],
    passes: &[
        "npm publish --dry-run",
        "npm pack",
        "cargo publish --dry-run",
        "cargo package",
        "nx release version minor",
        "nx release --dry-run",
        "cargo release minor",
        "python setup.py sdist",
        "twine check dist/*",
        "poetry build",
        "mvn install",
        "./gradlew publishToMavenLocal",
        "dart pub publish --dry-run",
        "goreleaser release --snapshot --clean",
        "gem build x.gemspec",
        "npm run publish-docs",
    ],
};

/// `nx release` (version, changelog and publish) or `nx release publish`.
fn nx_release(pos: &[&str], cmd: &Command) -> Option<&'static str> {
    let i = pos.iter().position(|p| *p == "release")?;
    (pos.get(i + 1).is_none_or(|n| *n == "publish") && !cmd.has_any_flag(&["--dry-run", "-d"])).then_some("release publish")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if previews(cmd) {
        return None;
    }
    let pos = positionals(cmd);
    let first = pos.first().copied().unwrap_or_default();
    let second = pos.get(1).copied().unwrap_or_default();
    let what = match cmd.name.as_str() {
        "npm" | "pnpm" | "bun" => (first == "publish").then_some("publish"),
        "yarn" => (first == "publish" || pos.windows(2).any(|w| w == ["npm", "publish"])).then_some("publish"),
        "nx" => nx_release(&pos, cmd),
        "cargo" => ["publish", "yank"]
            .contains(&first)
            .then_some(first)
            .or_else(|| (first == "release" && cmd.has_any_flag(&["-x", "--execute"])).then_some("release --execute")),
        "twine" => ["upload", "register"].contains(&first).then_some(first),
        n if crate::ir::programs::language(n) == Some(crate::ir::Language::Python) => {
            let twine = cmd.flag_value(&["-m"]).is_some_and(|m| m.text == "twine") && ["upload", "register"].contains(&first);
            let setup = first.ends_with("setup.py") && pos.iter().any(|p| ["upload", "register"].contains(p));
            (twine || setup).then_some("upload")
        }
        "gem" => ["push", "yank"].contains(&first).then_some(first),
        "poetry" | "uv" | "flit" | "hatch" | "pdm" | "jsr" | "deno" | "vsce" | "ovsx" | "changeset" | "lerna" => (first == "publish").then_some("publish"),
        "mvn" | "mvnw" => {
            pos.iter().copied().find(|p| *p == "deploy" || p.starts_with("deploy:") || *p == "release:perform" || p.starts_with("nexus-staging:"))
        }
        "gradle" | "gradlew" => pos.iter().copied().find(|p| {
            let task = p.rsplit(':').next().unwrap_or(p);
            task.starts_with("publish") && !task.ends_with("ToMavenLocal") && task != "publishToMavenLocal"
                || task.starts_with("closeAndRelease")
                || task == "uploadArchives"
        }),
        "sbt" => pos.iter().copied().find(|p| ["publish", "publishSigned", "sonatypeRelease", "sonatypeBundleRelease", "release"].contains(p)),
        "dotnet" => (first == "nuget" && second == "push").then_some("nuget push"),
        "nuget" => (first == "push").then_some("push"),
        "pod" => (first == "trunk" && second == "push").then_some("trunk push"),
        "dart" | "flutter" => (first == "pub" && second == "publish").then_some("pub publish"),
        "mix" => (first == "hex.publish").then_some("hex.publish"),
        "rebar3" => (first == "hex" && second == "publish").then_some("hex publish"),
        "anaconda" => (first == "upload").then_some("upload"),
        "swift" => (first == "package-registry" && second == "publish").then_some("package-registry publish"),
        "goreleaser" => (first == "release" && !cmd.has_any_flag(&["--snapshot", "--skip-publish"]) && !cmd.args.iter().any(|a| a.text == "--skip=publish"))
            .then_some("release"),
        "helm" => (first == "push").then_some("push"),
        "semantic-release" | "release-it" | "np" => {
            (!cmd.has_any_flag(&["--help", "-h", "--version", "-v", "--no-ci"]) || cmd.name == "np").then_some("release")
        }
        "npx" | "pnpx" | "bunx" => (["lerna", "changeset", "jsr", "@changesets/cli", "vsce", "@vscode/vsce", "np", "release-it", "semantic-release", "ovsx"]
            .contains(&first)
            && (second == "publish" || ["np", "release-it", "semantic-release"].contains(&first)))
        .then_some("publish")
        .or_else(|| if first == "nx" { nx_release(&pos[1..], cmd) } else { None }),
        _ => None,
    }?;
    Some(Hit::command().with_message(format!("`{} {what}` publishes a package to a registry", cmd.name)))
}
