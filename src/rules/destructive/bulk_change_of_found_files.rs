//! A modifying command run over every file a search finds: `find … -exec
//! rm/mv/sed -i/chmod …`, or `find … | xargs rm`. The set of files is
//! decided at run time and can be large; build artefacts (`*.pyc`,
//! `__pycache__`, `node_modules`, `*.o`) and scratch space are exempt.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES026",
    name: "bulk-change-of-found-files",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[],
    summary: "modifies or deletes every file a search matches",
    why: "A pattern can match far more than intended, and moved, rewritten or deleted files are hard to restore.",
    check,
    fires: &[
        "rg -l 'legacy_api' | xargs rm -f",
        "git ls-files '*.c' | xargs truncate -s 0",
        "find ~/work -name target -type d -exec rm -rf {} +",
        "find . -name '*.txt' -exec rm {} \\;",
        "find src -type f -exec sed -i 's/a/b/g' {} +",
        "find . -type f | xargs rm -f",
        "find /srv/data -name '*.csv' -exec mv {} /archive/ \\;",
        "find . -type d -exec chmod 700 {} +",
        "find data -type f -mtime +7 -exec compress {} \\;",
    ],
    passes: &[
        "rg -l 'OldClient' src | xargs sed -i 's/OldClient/NewClient/g'",
        "git ls-files | xargs wc -l",
        "find . -name '*.pyc' -exec rm {} +",
        "find . -name __pycache__ -type d -exec rm -rf {} +",
        "find . -name '*.rs' -exec grep -l unsafe {} +",
        "find . -type f | xargs wc -l",
        "find /tmp/build -type f -exec rm {} +",
    ],
};

const ARTEFACT_PATTERNS: &[&str] = &[
    "*.pyc",
    "*.pyo",
    "*.o",
    "*.obj",
    "*.class",
    "*.log",
    "*.tmp",
    "*.swp",
    "*~",
    "*.orig",
    "*.rej",
    ".DS_Store",
    "__pycache__",
    "node_modules",
    "target",
    "build",
    "dist",
    ".pytest_cache",
    ".mypy_cache",
    "*.egg-info",
    ".cache",
    "coverage",
    "*.d",
    "*.a",
];

fn modifies(cmd: &Command) -> bool {
    const WRITERS: &[&str] = &[
        "rm", "mv", "chmod", "chown", "chgrp", "shred", "truncate", "gzip", "bzip2", "xz", "zstd", "rename", "unlink", "cp", "install", "perl", "sed",
        "dos2unix", "unix2dos", "iconv", "compress", "pigz", "pbzip2", "lzip", "lzma", "chattr", "setfacl",
    ];
    let by_name = WRITERS.contains(&cmd.name.as_str())
        && (cmd.name != "sed" || cmd.args.iter().any(|a| a.text.starts_with("-i") || a.text == "--in-place"))
        && (cmd.name != "perl" || cmd.args.iter().any(|a| a.text.starts_with("-i") || a.text.starts_with("-pi")))
        && (cmd.name != "cp" || cmd.operands().last().is_some_and(|w| !w.path.is_routine_write()));
    by_name || cmd.argv.effects.iter().any(|e| matches!(e, Effect::Delete | Effect::Destructive))
}

/// Commands whose output is a list of files: `find`, `fd`, `ls`, `rg -l`,
/// `grep -l`, `git ls-files`.
fn lists_files(u: &Command) -> bool {
    match u.name.as_str() {
        "find" | "fd" | "fdfind" | "ls" => true,
        "rg" | "grep" | "egrep" | "ag" => u.has_any_flag(&["-l", "--files-with-matches", "-L", "--files-without-match", "--files"]),
        "git" => u.subcommand() == Some("ls-files") || u.subcommand() == Some("grep") && u.has_any_flag(&["-l", "--name-only"]),
        _ => false,
    }
}

fn finder_of<'a>(cmd: &Command, cx: &'a Context<'_>) -> Option<&'a Command> {
    let Origin::Wrapped { wrapper } = cmd.origin else { return None };
    let w = cx.script.commands.get(wrapper)?;
    match w.wraps.as_ref()?.kind {
        WrapperKind::FindExec => Some(w),
        WrapperKind::Xargs | WrapperKind::Parallel => upstream(cx.script, w).find(|u| lists_files(u)),
        _ => None,
    }
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if !modifies(cmd) {
        return None;
    }
    let find = finder_of(cmd, cx)?;
    // Files listed by a content search or git are the project's tracked
    // sources: editing them in place is ordinary work (a codemod git can
    // undo); deleting or truncating them is not.
    if !matches!(find.name.as_str(), "find" | "fd" | "fdfind" | "ls") && !matches!(cmd.name.as_str(), "rm" | "shred" | "truncate" | "unlink" | "srm") {
        return None;
    }
    let patterns: Vec<&str> = find.flag_values(&["-name", "-iname", "-path"]).map(|w| w.text.as_str()).collect();
    if super::common::find_stays_in_workspace(find)
        && patterns.iter().any(|p| ARTEFACT_PATTERNS.iter().any(|a| p.trim_matches('"') == *a || p.ends_with(&format!("/{a}"))))
    {
        return None;
    }
    let roots: Vec<&Word> = find.operands().filter(|w| !w.text.starts_with('-')).collect();
    if !roots.is_empty() && roots.iter().all(|w| matches!(w.path, PathClass::Artefact | PathClass::Tmp)) {
        return None;
    }
    Some(Hit::command().with_message(format!("`{}` runs `{}` on every file the search matches", find.name, cmd.name)))
}
