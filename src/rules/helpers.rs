//! Small IR predicates shared by rules. Kept boring and tested in place.

use crate::ir::paths::classify;
use crate::ir::{Command, Effect, Env, Input, PathClass, Script, Word};
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

/// True when any word the command names (operands and flag values) is in one of the classes.
pub(crate) fn any_operand_in<'a>(cmd: &'a Command, classes: &[PathClass]) -> Option<&'a Word> {
    cmd.operands().find(|w| classes.contains(&w.path))
}

/// Every file the command writes through redirections.
pub(crate) fn written_files(cmd: &Command) -> impl Iterator<Item = &Word> {
    cmd.redirects.iter().filter(|r| r.op.writes()).map(|r| &r.target)
}

/// Commands whose output reaches `cmd` (pipes, substitutions, heredocs).
pub(crate) fn upstream<'a>(script: &'a Script, cmd: &Command) -> impl Iterator<Item = &'a Command> {
    script.upstream(cmd.id).into_iter().filter_map(|i| script.commands.get(i))
}

/// True when the command reads a secret: a secret path among its operands,
/// flag values or input redirection.
pub(crate) fn reads_secret<'a>(cmd: &'a Command, env: &Env) -> Option<&'a Word> {
    cmd.args
        .iter()
        .find(|w| w.path == PathClass::Secret || w.text.starts_with('@') && w.text.len() > 1 && classify(&w.text[1..], env) == PathClass::Secret)
        .or_else(|| match &cmd.stdin {
            Some(Input::File { path }) if path.path == PathClass::Secret => Some(path),
            _ => None,
        })
}

/// True when the effect list has any of the effects.
pub(crate) fn has_any_effect(cmd: &Command, effects: &[Effect]) -> bool {
    effects.iter().any(|e| cmd.argv.has_effect(*e))
}
