//! Code written into a place that runs it without anyone naming it: a CI
//! step, a package's lifecycle script (`postinstall`, `prepare`, …), a git
//! hook, a crontab. The IR cuts the code out of the written text by the
//! place's format and lowers it (`Origin::Definition { name: "file:…" }`,
//! `src/ir/later.rs`); this rule makes the write `persistence` whatever the
//! code does, and the code's own rules judge it too (POLICY.md: "a
//! Makefile/`package.json` script/CI step/git hook added (`persistence` at
//! least; the worse of that and the code's own decision)"). A named
//! package script or a Makefile target runs only when asked for by name;
//! it is judged by its code alone (`src/ir/later.rs` says why).

use crate::ir::later;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PER010",
    name: "unattended-place-write",
    category: Category::Persistence,
    decision: Decision::Ask,
    commands: &[],
    summary: "writes code into a CI step, a lifecycle script, a git hook, a crontab, Python's start-up files or an agent's or dev container's commands",
    why: "Code planted where CI, the package manager, git or cron runs it keeps running after the task, unattended and for everyone who uses the project.",
    check,
    fires: &[
        "npm pkg set scripts.postinstall='node setup.js'",
        "echo '      - run: make deploy' >> .github/workflows/ci.yml",
        "printf 'test:\\n  script:\\n    - ./ci/run.sh\\n' > .gitlab-ci.yml",
        "jq '.scripts.prepare = \"node build.js\"' package.json > p.json",
        "echo 'make lint' > .husky/pre-commit",
        "echo '0 3 * * * ./scripts/nightly.sh' | crontab -",
        "echo 'import os; os.system(\"make sync\")' > .venv/lib/python3.12/site-packages/sync.pth",
        "printf '{\"postCreateCommand\": \"make setup\"}' > .devcontainer/devcontainer.json",
    ],
    passes: &[
        "npm pkg set scripts.lint='eslint .'",
        "printf 'build:\\n\\tcargo build\\n' > Makefile",
        "echo 'name: CI' > .github/workflows/ci.yml",
        "echo '0 3 * * * ./scripts/nightly.sh' > cron.txt",
        "cat .github/workflows/ci.yml",
        "f() { make lint; }; f",
        "echo '/home/dev/project/src' > .venv/lib/python3.12/site-packages/src.pth",
        "printf '{\"tasks\": [{\"label\": \"b\", \"command\": \"make\"}]}' > .vscode/tasks.json",
        "printf 'from setuptools import setup\\nsetup()\\n' > setup.py",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let Origin::Definition { name } = &cmd.origin else { return None };
    let file = name.strip_prefix("file:")?;
    let place = later::place(file)?;
    if !place.unattended(file) {
        return None;
    }
    let when = match place {
        later::Place::Ci => "CI runs it on every push",
        later::Place::Manifest => "the package manager runs it on install",
        later::Place::Cron => "cron runs it on schedule",
        later::Place::Code(_) => "Python runs it at every start",
        later::Place::Settings => "the editor or agent runs it by itself",
        _ => "git runs it on every commit or checkout",
    };
    let shown = if file == "crontab" { "the user's crontab" } else { file };
    Some(Hit::command().with_message(format!("`{}` is written into `{shown}`: {when}", cmd.name)))
}
