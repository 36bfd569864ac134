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
