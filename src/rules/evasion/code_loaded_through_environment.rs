//! A variable that makes a program load code riskgate cannot read:
//! `LD_PRELOAD=/tmp/libx.so git status` injects a library into `git`,
//! `LD_LIBRARY_PATH=/tmp/l` makes it load libraries from there first,
//! `BASH_ENV=/tmp/x.sh`, `NODE_OPTIONS=--require /tmp/h.js` load a file of
//! code from outside the workspace before the program's own. What runs is
//! hidden behind a program whose job is something else.
//!
//! Which variables do this is data (`grammars/environment.toml`, read
//! through `ir::environment`). Variables whose value is a command line
//! (`PAGER`, `GIT_SSH_COMMAND`) are lowered as that command and judged by the
//! other rules; a file of code written earlier in the same command line is
//! lowered as the code it holds. This rule covers what stays unread: a
//! library (any value), a library directory outside the workspace and the
//! system's directories, and a code file outside the workspace.
//!
//! Inspects every command, because an assignment can prefix any command.

use crate::ir::environment::{self, Runs};
use crate::ir::paths::classify;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA009",
    name: "code-loaded-through-environment",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "sets a variable that makes the program load code from a library or file riskgate cannot read",
    why: "Code injected through the environment runs inside an innocent-looking program, out of the reviewer's sight.",
    check,
    fires: &[
        "LD_PRELOAD=/tmp/libx.so git status",
        "export LD_PRELOAD=./hook.so",
        "env DYLD_INSERT_LIBRARIES=/tmp/i.dylib ls",
        "LD_LIBRARY_PATH=/tmp/evil ls",
        "BASH_ENV=/tmp/x.sh bash -c make",
        "NODE_OPTIONS='--require /tmp/h.js' npm test",
        "sudo env LD_AUDIT=/home/dev/.cache/a.so id",
    ],
    passes: &[
        "LD_LIBRARY_PATH=./build/lib ./app",
        "LD_LIBRARY_PATH=/usr/local/cuda/lib64:$LD_LIBRARY_PATH python3 train.py",
        "NODE_OPTIONS=--max-old-space-size=4096 npm run build",
        "RUBYOPT=-rbundler/setup ruby app.rb",
        "ENV=production npm start",
        "LD_PRELOAD= ls",
        "PAGER=cat git log",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let assigned = cmd.env.iter().map(|a| (a.name.as_str(), &a.value, a.value.text.as_str()));
    let declared = matches!(cmd.name.as_str(), "export" | "declare" | "typeset" | "readonly" | "local" | "env" | "setenv")
        .then(|| cmd.args.iter().filter_map(|w| w.text.split_once('=').map(|(n, v)| (n, w, v))))
        .into_iter()
        .flatten();
    for (name, word, value) in assigned.chain(declared) {
        let Some(var) = environment::lookup(name) else { continue };
        let outside = |path: &str| {
            !path.is_empty()
                && !path.starts_with('$')
                && !matches!(
                    classify(path, cx.env),
                    PathClass::Workspace | PathClass::WorkspaceRoot | PathClass::Artefact | PathClass::System | PathClass::SystemDir | PathClass::Dynamic
                )
        };
        let found = match var.runs {
            Runs::Library => value.split([':', ' ']).find(|p| !p.is_empty()).map(str::to_string),
            Runs::LibraryPath => value.split(':').find(|p| outside(p) && !matches!(classify(p, cx.env), PathClass::Outside)).map(str::to_string),
            Runs::File => Some(value.to_string()).filter(|p| outside(p)),
            Runs::Options => var.code_files(value).into_iter().find(|p| p.contains('/') && outside(p)),
            Runs::Command | Runs::Prompt | Runs::GitConfig => None,
        };
        if let Some(what) = found {
            return Some(Hit::on(word).with_message(format!("`{name}` loads code from `{what}` into `{}`: {}", cmd.name, var.note)));
        }
    }
    None
}
