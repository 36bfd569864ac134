//! Interpreter one-liners that delete a tree (`shutil.rmtree`, `fs.rmSync(…,
//! {recursive: true})`, `FileUtils.rm_rf`, `File::Path::rmtree`) aimed at
//! `/`, the home directory or a top-level system directory.
//!
//! Reads the interpreter's source text for the call and its literal path.

use super::common::interpreter_delete_target;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES023",
    name: "interpreter-deletes-root-or-home",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &["@interpreter"],
    summary: "deletes the filesystem root or the home directory from an interpreter one-liner",
    why: "The same irreversible loss as `rm -rf /` or `rm -rf ~`, spelled in another language.",
    check,
    fires: &[
        "bash -c \"node -e \\\"require('fs').rmSync('/', {recursive: true})\\\"\"",
        "python3 -c \"import shutil; shutil.rmtree('/home/dev')\"",
        "python -c 'import shutil,os; shutil.rmtree(os.path.expanduser(\"~\"))'",
        "node -e \"require('fs').rmSync('/', {recursive: true, force: true})\"",
        "ruby -e 'require \"fileutils\"; FileUtils.rm_rf(\"/usr\")'",
        "sudo python3 -c \"__import__('shutil').rmtree('/etc')\"",
        "python3 - <<'EOF'\nimport shutil\nshutil.rmtree('/')\nEOF",
    ],
    passes: &[
        "python3 -c \"import shutil; shutil.rmtree('build')\"",
        "node -e \"require('fs').rmSync('dist', {recursive: true})\"",
        "python3 -c 'print(1)'",
        "python3 -c \"import shutil; shutil.rmtree('src')\"",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let (call, path, class) = interpreter_delete_target(cmd, cx)?;
    matches!(class, PathClass::Root | PathClass::Home | PathClass::SystemDir)
        .then(|| Hit::command().with_message(format!("`{}` code calls `{call}` on `{path}`", cmd.name)))
}
