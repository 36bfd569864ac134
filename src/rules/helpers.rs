//! Small IR predicates shared by rules. Kept boring and tested in place.

use crate::ir::{Command, Effect, Script, Word};
use crate::rules::Hit;

/// A hit when the command's spec (or a flag) gives it `effect`, with the
/// spec's note as the message when there is one.
pub(crate) fn effect_hit(cmd: &Command, effect: Effect) -> Option<Hit> {
    if !cmd.argv.has_effect(effect) {
        return None;
    }
    let what = describe(cmd);
    Some(Hit::command().with_message(match &cmd.argv.note {
        Some(note) if cmd.argv.effect() == effect => format!("`{what}` {note}"),
        _ => {
            // The effect came from a flag (`flatpak-spawn --host`): name it.
            let chain = crate::ir::spec::chain(&cmd.name, &cmd.argv.subcommands);
            match cmd.argv.flags.iter().find(|f| chain.iter().any(|s| s.flag_effects.get(&f.name) == Some(&effect))) {
                Some(flag) => format!("`{what} {}`", flag.name),
                None => format!("`{what}`"),
            }
        }
    }))
}

/// The program and subcommand path, for messages (`git stash drop`).
pub(crate) fn describe(cmd: &Command) -> String {
    let mut s = cmd.name.clone();
    for sub in &cmd.argv.subcommands {
        s.push(' ');
        s.push_str(sub);
    }
    s
}

/// Every file the command writes through redirections.
pub(crate) fn written_files(cmd: &Command) -> impl Iterator<Item = &Word> {
    cmd.redirects.iter().filter(|r| r.op.writes()).map(|r| &r.target)
}

/// True for `$!`, the pid of the task's own last background job, which the
/// task may signal or attach to, and for a variable the script set to it
/// earlier (`server & PID=$!; …; kill $PID`).
pub(crate) fn is_own_background_job(w: &Word, script: &Script) -> bool {
    let bang = |raw: &str| raw == "$!" || raw == "\"$!\"" || raw == "${!}";
    if w.text == "$!" || bang(&w.raw) {
        return true;
    }
    let name = w.raw.trim_matches('"').strip_prefix('$').map(|n| n.trim_start_matches('{').trim_end_matches('}'));
    let Some(name) = name.filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')) else { return false };
    let mut own = false;
    // The last assignment before the word decides.
    for c in script.commands.iter().filter(|c| c.span.1 <= w.span.0) {
        for value in c.env.iter().filter(|a| a.name == name).map(|a| a.value.raw.as_str()).chain(
            c.args
                .iter()
                .filter(|_| matches!(c.name.as_str(), "export" | "local" | "declare" | "typeset" | "readonly"))
                .filter_map(|a| a.text.strip_prefix(name).and_then(|r| r.strip_prefix('='))),
        ) {
            own = bang(value);
        }
    }
    own
}

/// The file name a command runs under, without its directory
/// (`/tmp/x/xmrig` -> `xmrig`), for rules that know programs by name
/// wherever they were put.
pub(crate) fn program_file(cmd: &Command) -> &str {
    cmd.name.rsplit('/').next().unwrap_or(&cmd.name)
}

/// Commands whose output reaches `cmd` (pipes, substitutions, heredocs).
pub(crate) fn upstream<'a>(script: &'a Script, cmd: &Command) -> impl Iterator<Item = &'a Command> {
    script.upstream(cmd.id).into_iter().filter_map(|i| script.commands.get(i))
}

/// Verbs that name reading, showing or local work. When an unknown
/// program's first word is one of them, it is the verb and the words after
/// it are its objects (`tool search password` searches; it is not about
/// passwords).
const LOCAL_VERBS: &[&str] = &[
    "list", "ls", "show", "get", "info", "status", "version", "help", "search", "find", "query", "view", "describe", "inspect", "print", "cat", "check",
    "lint", "validate", "verify", "test", "diff", "stats", "count", "parse", "render", "preview", "convert", "generate", "build", "compile", "format", "fmt",
    "explain", "doctor", "tree", "graph", "summary", "top", "history", "whoami", "logs", "tail", "watch", "new", "init", "create", "add", "run",
];

/// A plain word such as a verb or noun: letters first, then letters,
/// digits, `-` or `_` (not a path, number, URL or value).
fn is_plain_word(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic()) && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The head of a verb: its first part before `-`, `:` or `_`, lowercased
/// (`delete-disk` -> `delete`, `user:add` -> `user`).
pub(crate) fn verb_head(verb: &str) -> String {
    verb.split(['-', ':', '_']).next().unwrap_or(verb).to_ascii_lowercase()
}

/// For a program riskgate has no spec for (or a subcommand its spec does not
/// know), the words that name what it does: the unknown subcommand or the
/// first operand, and when that word is a noun (`tool pipeline run`, `tool
/// models update`: many CLIs put a noun before the verb) the plain word
/// after it. Empty for known programs. A `--help` changes nothing here: an
/// unknown program's parser is not known to honour it.
pub(crate) fn unknown_verbs(cmd: &Command) -> Vec<&str> {
    if cmd.is_function || cmd.wraps.is_some() || cmd.program.dynamic {
        return Vec::new();
    }
    let mut operands = cmd.argv.operands.iter().filter(|w| !w.dynamic).map(|w| w.text.as_str());
    let first = if !cmd.argv.known {
        operands.next()
    } else if cmd.argv.effect() == Effect::Unknown {
        cmd.argv.subcommands.last().map(String::as_str)
    } else {
        None
    };
    let Some(first) = first else { return Vec::new() };
    let mut verbs = vec![first];
    let noun = is_plain_word(first) && first.starts_with(|c: char| c.is_ascii_lowercase());
    if noun && !LOCAL_VERBS.contains(&verb_head(first).as_str()) {
        if let Some(second) = operands.next().filter(|t| is_plain_word(t)) {
            verbs.push(second);
        }
    }
    verbs
}

/// A program riskgate has no spec for, run as itself (not a function, a
/// wrapper or a computed name): what the `unknown-program-*` rules read.
pub(crate) fn without_spec(cmd: &Command) -> bool {
    !cmd.argv.known && !cmd.is_function && cmd.wraps.is_none() && !cmd.program.dynamic
}

/// For a program riskgate has no spec for, the names of its long options
/// without dashes or value (`--delete-disk=yes` -> `delete-disk`; Go-style
/// `-upload` too). Empty for known programs, whose specs say what their
/// options do.
pub(crate) fn unknown_option_names(cmd: &Command) -> impl Iterator<Item = &str> {
    let unknown = without_spec(cmd);
    cmd.args.iter().filter(move |_| unknown).filter_map(|w| {
        let name = w.text.strip_prefix('-')?;
        let name = name.strip_prefix('-').unwrap_or(name);
        let name = name.split('=').next().unwrap_or(name);
        (name.len() > 2 && is_plain_word(name)).then_some(name)
    })
}

/// Parts of an option name that make a verb a setting of when or how much
/// (`--delete-after 3`, `--update-interval 60`) rather than an action.
const QUALIFIERS: &[&str] =
    &["after", "before", "older", "newer", "delay", "timeout", "interval", "limit", "max", "min", "on", "when", "if", "age", "mode", "level"];

/// A hit when an unknown program's verb is one of `verbs` (also as the
/// first part of `verb-noun` or `verb:noun`), or one of its long options
/// is one of `options` (by its first part, or whole).
pub(crate) fn unknown_verb_hit(cmd: &Command, verbs: &[&str], options: &[&str], what: &str) -> Option<Hit> {
    if let Some(verb) = unknown_verbs(cmd).into_iter().find(|v| verbs.contains(&verb_head(v).as_str())) {
        return Some(Hit::command().with_message(format!("`{} {verb}` {what}", cmd.name)));
    }
    let option = unknown_option_names(cmd).find(|o| {
        let lower = o.to_ascii_lowercase();
        let qualified = lower.split(['-', '_']).skip(1).any(|part| QUALIFIERS.contains(&part));
        options.contains(&lower.as_str()) || !qualified && options.contains(&verb_head(o).as_str())
    })?;
    Some(Hit::command().with_message(format!("`{} --{option}` {what}", cmd.name)))
}
