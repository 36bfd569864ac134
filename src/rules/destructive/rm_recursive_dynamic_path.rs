//! `rm -r` of a path built from a variable or substitution whose value is unknown.

use super::common::is_recursive;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES003",
    name: "recursive-delete-of-unknown-path",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["rm", "grm"],
    summary: "deletes recursively a path that is only known at run time",
    why: "An empty or unexpected variable turns the target into `/`, the home directory or the wrong tree.",
    check,
    fires: &[
        "cd \"$BUILD_DIR\"; rm -rf out",
        "rm -rf \"$X/\"",
        "rm -rf $BUILD_DIR/*",
        "sudo rm -rf \"${PREFIX}/lib\"",
        "bash -c 'rm -rf \"$1\"'",
        "rm -rf $(cat dirs.txt)",
        "cat dirs.txt | xargs rm -rf",
        "find . -print0 | xargs -0 rm -rf",
    ],
    passes: &[
        "cd /tmp/build && rm -rf *",
        "rm -rf target",
        "rm -f \"$FILE\"",
        "rm -rf \"$TMPDIR/riskgate-test\"",
        "D=build; rm -rf \"$D\"",
        "git ls-files -d | xargs rm -f",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !is_recursive(cmd) {
        return None;
    }
    if cmd.argv.operands.is_empty() {
        let Origin::Wrapped { wrapper } = cmd.origin else {
            return None;
        };
        let w = cx.script.commands.get(wrapper)?;
        return matches!(w.wraps.as_ref()?.kind, WrapperKind::Xargs | WrapperKind::Parallel)
            .then(|| Hit::command().with_message(format!("`{} rm -r` deletes recursively whatever paths arrive on its input", w.name)));
    }
    // A relative path after a `cd` that may have failed is unknown too (no expansion in it).
    if let Some(w) = cmd.operands().find(|w| !w.dynamic && w.path == PathClass::Dynamic) {
        return Some(Hit::on(w).with_message(format!("`rm -r {}` runs in a directory known only at run time (a `cd` that may fail)", w.text)));
    }
    let target = cmd.operands().find(|w| w.dynamic && w.path == PathClass::Dynamic && !is_scratch_var(w))?;
    // `$X/`, `${X}/*`, `"$X"/`: the root when the variable is empty.
    let raw = target.raw.replace('"', "");
    let rest = raw
        .strip_prefix("${")
        .and_then(|r| r.split_once('}').map(|(_, t)| t))
        .or_else(|| raw.strip_prefix('$').map(|r| r.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_')));
    let emptied = rest.is_some_and(|t| matches!(t, "/" | "/*" | "/.*"));
    let message = if emptied {
        format!("`rm -r {}` deletes `/` when the variable is empty", target.raw)
    } else {
        format!("`rm -r {}` deletes a path only known at run time", target.raw)
    };
    Some(Hit::on(target).with_message(message))
}

/// `$TMPDIR/name`, `${RUNNER_TEMP}/name`: a named entry under scratch space.
fn is_scratch_var(w: &Word) -> bool {
    let raw = w.raw.trim_matches('"');
    ["$TMPDIR/", "${TMPDIR}/", "$RUNNER_TEMP/", "${RUNNER_TEMP}/", "$TMP/", "${TMP}/"]
        .iter()
        .any(|p| raw.strip_prefix(p).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('*') && !rest.contains('$')))
}
