//! Interpreter one-liners that delete a tree that is not a build artefact
//! (`shutil.rmtree('src')`, `fs.rmSync('../x', {recursive: true})`).
//!
//! Reads the interpreter's source text for the call and its literal path.

use super::common::interpreter_delete_target;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES024",
    name: "interpreter-recursive-delete-outside-artefacts",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["@interpreter"],
    summary: "deletes a directory tree that is not a build artefact from an interpreter one-liner",
    why: "Source, data or another project deleted recursively cannot be recovered, whatever language does it.",
    check,
    fires: &[
        "sudo python3 -c \"import shutil; shutil.rmtree('/opt/app')\"",
        "bash -c \"python3 -c 'import shutil; shutil.rmtree(\\\"docs\\\")'\"",
        "python3 -c \"import shutil; shutil.rmtree('src')\"",
        "node -e \"require('fs').rmSync('../other', {recursive: true, force: true})\"",
        "python3 -c \"import shutil; shutil.rmtree('/opt/app')\"",
        "perl -MFile::Path -e 'rmtree(\"docs\")'",
    ],
    passes: &[
        "python3 -c \"import shutil; shutil.rmtree('build')\"",
        "node -e \"require('fs').rmSync('dist', {recursive: true})\"",
        "python3 -c \"import shutil; shutil.rmtree('/tmp/x')\"",
        "python3 -c \"import shutil; shutil.rmtree('/')\"",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let (call, path, class) = interpreter_delete_target(cmd, cx)?;
    let fires = !matches!(
        class,
        PathClass::Root | PathClass::Home | PathClass::SystemDir | PathClass::Artefact | PathClass::Tmp | PathClass::Special | PathClass::Dynamic
    );
    fires.then(|| Hit::command().with_message(format!("`{}` code calls `{call}` on `{path}`", cmd.name)))
}
