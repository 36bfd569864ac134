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
        _ => format!("`{what}`"),
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

/// Commands whose output reaches `cmd` (pipes, substitutions, heredocs).
pub(crate) fn upstream<'a>(script: &'a Script, cmd: &Command) -> impl Iterator<Item = &'a Command> {
    script.upstream(cmd.id).into_iter().filter_map(|i| script.commands.get(i))
}

/// For a program riskgate has no spec for (or a subcommand its spec does not
/// know), the verb that names what it does: the unknown subcommand, or the
/// first operand. `None` for known programs.
pub(crate) fn unknown_verb(cmd: &Command) -> Option<&str> {
    if cmd.is_function || cmd.wraps.is_some() || cmd.program.dynamic {
        return None;
    }
    if !cmd.argv.known {
        return cmd.argv.operands.first().filter(|w| !w.dynamic).map(|w| w.text.as_str());
    }
    if cmd.argv.effect() == Effect::Unknown {
        return cmd.argv.subcommands.last().map(String::as_str);
    }
    None
}

/// A hit when an unknown program's verb is one of `verbs` (also as the
/// first part of `verb-noun` or `verb:noun`).
pub(crate) fn unknown_verb_hit(cmd: &Command, verbs: &[&str], what: &str) -> Option<Hit> {
    let verb = unknown_verb(cmd)?;
    let head = verb.split(['-', ':', '_']).next().unwrap_or(verb).to_ascii_lowercase();
    verbs.contains(&head.as_str()).then(|| Hit::command().with_message(format!("`{} {verb}` {what}", cmd.name)))
}
