//! The whole environment printed: `env`, `printenv`, `set`, `export -p`,
//! `declare -x` with no name or filter, `ps e`, or an interpreter printing its
//! environment. Tokens and keys usually live there.

use crate::rules::prelude::*;
use crate::rules::shared::secrets::secretish_pattern;
use crate::rules::shared::transfer::{code_strings, opt_values};

pub(crate) static RULE: Rule = Rule {
    code: "CRD002",
    name: "environment-dumped",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["env", "printenv", "set", "export", "declare", "typeset", "ps", "@interpreter"],
    summary: "prints every environment variable, tokens included",
    why: "API keys and tokens in the environment end up in the agent's context or in a file.",
    check,
    fires: &[
        "env",
        "printenv",
        "sudo env",
        "set",
        "export -p",
        "declare -x",
        "env | sort",
        "printenv | grep -i token",
        "env | grep -v PATH",
        "bash -c 'printenv > /tmp/env.txt'",
        "python3 -c 'import os; print(os.environ)'",
        "node -e 'console.log(process.env)'",
        "env -u PATH",
        "ps auxe",
        "ps eww -p 1234",
    ],
    passes: &[
        "printenv PATH",
        "env | grep -i path",
        "env FOO=1 make test",
        "export FOO=bar",
        "set -euo pipefail",
        "env | wc -l",
        "declare -a arr",
        "python3 -c 'import os; print(os.environ[\"HOME\"])'",
        "ruby -e 'puts ENV.fetch(\"RAILS_ENV\", \"development\")'",
        "env -i bash --noprofile",
        "ps aux",
        "ps -ef",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let dumps = match cmd.name.as_str() {
        "env" => {
            cmd.wraps.as_ref().is_none_or(|w| w.inner.is_empty())
                && !cmd.has_any_flag(&["-i", "--ignore-environment", "-S", "--split-string", "--help", "--version"])
        }
        "printenv" => cmd.operands().next().is_none(),
        "set" => cmd.args.is_empty(),
        "export" => cmd.args.iter().all(|a| a.text == "-p"),
        "declare" | "typeset" => cmd.args.iter().all(|a| matches!(a.text.as_str(), "-p" | "-x" | "-xp" | "-px")),
        // BSD-style `e` (`ps auxe`, `ps eww`) prints every process's environment.
        "ps" => cmd.args.iter().any(|a| !a.text.starts_with('-') && a.text.contains('e') && a.text.bytes().all(|b| b.is_ascii_alphabetic())),
        _ => code_strings(cmd).iter().any(|c| prints_environment(c)),
    };
    if !dumps || filtered(cmd, cx) {
        return None;
    }
    Some(Hit::command().with_message(format!("`{}` prints the whole environment, secrets included", describe(cmd))))
}

fn prints_environment(code: &str) -> bool {
    let dumps_py = code.match_indices("os.environ").any(|(i, m)| !code[i + m.len()..].starts_with(['[', '.']));
    let dumps_js = code.match_indices("process.env").any(|(i, m)| !code[i + m.len()..].starts_with(['.', '[']));
    // Ruby's `puts ENV` dumps it; `puts ENV.fetch("X")` and `puts ENV["X"]` print one variable.
    let dumps_rb = ["p ENV", "puts ENV", "pp ENV"].iter().any(|p| {
        code.match_indices(p).any(|(i, m)| {
            !code[i + m.len()..].starts_with(['.', '[', '_']) || code[i + m.len()..].starts_with(".to_h") || code[i + m.len()..].starts_with(".inspect")
        })
    });
    let dumps_other = ["ENV.to_h", "ENV.inspect", "%ENV", "getenv()", "$_ENV", "Deno.env.toObject"].iter().any(|p| code.contains(p));
    dumps_py || dumps_js || dumps_rb || dumps_other
}

/// True when the listing is piped into a filter that keeps no secret.
fn filtered(cmd: &Command, cx: &Context<'_>) -> bool {
    let Some(next) = cmd.pipes_to.and_then(|i| cx.script.commands.get(i)) else { return false };
    match next.name.as_str() {
        "wc" => true,
        "grep" | "egrep" | "fgrep" | "rg" | "ag" => {
            if next.has_any_flag(&["-v", "--invert-match"]) {
                return false;
            }
            let mut patterns: Vec<String> = opt_values(next, &["-e", "--regexp"]).into_iter().map(|w| w.text).collect();
            if patterns.is_empty() {
                patterns.extend(next.operands().next().map(|w| w.text.clone()));
            }
            !patterns.is_empty() && !patterns.iter().any(|p| secretish_pattern(p))
        }
        "cut" => opt_values(next, &["-f", "--fields"]).iter().any(|w| w.text == "1"),
        _ => false,
    }
}
