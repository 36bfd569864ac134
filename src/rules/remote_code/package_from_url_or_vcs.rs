//! A package installed from a URL, a git repository or a GitHub shorthand
//! instead of the standard registry: `pip install git+https://…`,
//! `npm install github:user/repo`, `yarn add https://…/x.tgz`, `uv add
//! git+…`, `cargo install --git`, `bundle add --git`.

use crate::rules::prelude::*;
use crate::rules::shared::downloads::off_registry;
use crate::rules::shared::transfer::opt_values;

pub(crate) static RULE: Rule = Rule {
    code: "RCE004",
    name: "package-from-url-or-vcs",
    category: Category::RemoteCode,
    decision: Decision::Ask,
    commands: &[
        "pip", "pip3", "pipx", "uv", "poetry", "pdm", "rye", "conda", "mamba", "npm", "pnpm", "yarn", "bun", "cargo", "gem", "bundle", "composer", "go", "deno",
    ],
    summary: "installs a package from a URL or git repository",
    why: "Code from outside the registry runs at install time and has none of the registry's checks.",
    check,
    fires: &[
        "pip install git+https://github.com/someone/pkg.git",
        "pip3 install https://example.com/pkg-1.0-py3-none-any.whl",
        "pip install \"pkg @ git+https://github.com/a/b@main\"",
        "uv pip install git+https://github.com/a/b",
        "uv add git+https://github.com/a/b",
        "poetry add git+https://github.com/a/b.git",
        "npm install github:user/repo",
        "npm i someuser/somerepo",
        "yarn add https://example.com/pkg.tgz",
        "pnpm add git+ssh://git@github.com/a/b.git",
        "sudo pip install git+https://github.com/a/b",
        "pipx install git+https://github.com/a/b",
        "bash -c 'npm install -g git+https://github.com/a/b.git'",
    ],
    passes: &[
        "pip install requests",
        "pip install -r requirements.txt",
        "pip install -e .",
        "npm ci",
        "npm install @types/node",
        "cargo add serde",
        "uv add httpx",
        "yarn add react@18",
        "pip install ./dist/pkg-1.0.whl",
        "go install golang.org/x/tools/gopls@latest",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let installs = cmd.argv.subcommands.iter().any(|s| matches!(s.as_str(), "install" | "i" | "add" | "inject" | "isntall" | "update" | "upgrade"))
        || cmd.name == "uv" && cmd.is_sub(&["pip", "install"]);
    if !installs {
        return None;
    }
    let npm = matches!(cmd.name.as_str(), "npm" | "pnpm" | "yarn" | "bun");
    if let Some(w) = cmd.operands().find(|w| off_registry(&w.text, npm)) {
        return Some(Hit::on(w).with_message(format!("`{}` installs `{}` from outside the registry", describe(cmd), w.text)));
    }
    if cmd.argv.has_effect(Effect::RemoteCode) {
        return None; // the spec already flags the option (RCE009)
    }
    let w = opt_values(cmd, &["--git", "--github", "--url", "--path-url"]).into_iter().next()?;
    Some(Hit::on(&w).with_message(format!("`{}` installs from `{}`", describe(cmd), w.text)))
}
