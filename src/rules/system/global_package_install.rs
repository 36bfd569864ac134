//! Language packages installed machine-wide rather than into the project:
//! `npm install -g`, `yarn global add`, `pip install --break-system-packages`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS002",
    name: "global-package-install",
    category: Category::System,
    decision: Decision::Ask,
    commands: &["pipx", "npm", "pnpm", "yarn", "bun", "cnpm", "pip", "pip3", "pip2", "uv", "gem", "@interpreter"],
    summary: "installs or removes packages machine-wide instead of in the project",
    why: "Global installs change tools every other project and user on the machine relies on.",
    check,
    fires: &[
        "pipx install poetry",
        "pipx uninstall black",
        "npm install -g typescript",
        "npm i --global @angular/cli",
        "sudo npm uninstall -g yarn",
        "npm install --location=global pnpm",
        "yarn global add serve",
        "pnpm add -g vercel",
        "bun add -g tsx",
        "pip install --break-system-packages requests",
        "python3 -m pip install --break-system-packages ansible",
        "uv pip install --system ruff",
        "gem update --system",
        "bash -c 'npm i -g npm@latest'",
    ],
    passes: &[
        "pipx run cowsay hi",
        "pipx list",
        "npm install",
        "npm install -D typescript",
        "yarn add react",
        "pnpm add zod",
        "pip install requests",
        "pip install --user black",
        "npm ls -g",
        "gem install rails",
    ],
};

const INSTALLS: &[&str] = &["install", "i", "add", "in", "isntall", "update", "up", "upgrade", "uninstall", "remove", "rm", "un", "r", "unlink", "link"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let words: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let flagged = |names: &[&str]| cmd.has_any_flag(names) || words.iter().any(|w| names.contains(w));
    let (global, how) = match cmd.name.as_str() {
        "npm" | "pnpm" | "bun" | "cnpm" => {
            let sub = cmd.subcommand().or_else(|| words.iter().copied().find(|w| !w.starts_with('-'))).unwrap_or_default();
            let g = flagged(&["-g", "--global"]) || words.contains(&"--location=global");
            (g && INSTALLS.contains(&sub), format!("{} {sub} -g", cmd.name))
        }
        "yarn" => (
            words.first() == Some(&"global") && words.get(1).is_some_and(|w| ["add", "remove", "upgrade"].contains(w)),
            format!("yarn global {}", words.get(1).unwrap_or(&"")),
        ),
        n if matches!(n, "pip" | "pip3" | "pip2" | "uv") || crate::ir::programs::language(n) == Some(crate::ir::Language::Python) => {
            let pip = cmd.name.starts_with("pip") || words.contains(&"pip");
            let sys = flagged(&["--break-system-packages"]) || (cmd.name == "uv" && flagged(&["--system"]));
            (pip && sys && words.iter().any(|w| ["install", "uninstall"].contains(w)), format!("{} install --break-system-packages", cmd.name))
        }
        "gem" => (cmd.is_sub(&["update"]) && flagged(&["--system"]), "gem update --system".to_string()),
        // pipx puts applications on the user's PATH for every project.
        "pipx" => {
            let sub = words.iter().copied().find(|w| !w.starts_with('-')).unwrap_or_default();
            let changes =
                matches!(sub, "install" | "uninstall" | "reinstall" | "upgrade" | "inject" | "uninject" | "upgrade-all" | "uninstall-all" | "reinstall-all");
            (changes, format!("pipx {sub}"))
        }
        _ => (false, String::new()),
    };
    global.then(|| Hit::command().with_message(format!("`{how}` changes packages for the whole machine")))
}
