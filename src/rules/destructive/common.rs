//! Predicates the destructive rules share: recursion, `find -exec` context,
//! artefact patterns, dry runs and positional words of programs without a spec.

use crate::ir::paths::ARTEFACT_DIRS;
use crate::rules::prelude::*;

/// `rm`-style recursion flags.
pub(super) fn is_recursive(cmd: &Command) -> bool {
    cmd.has_any_flag(&["-r", "-R", "--recursive"])
}

/// `/tmp` and `/var/tmp` themselves: scratch roots, not system data.
pub(super) fn is_scratch_root(w: &Word) -> bool {
    matches!(w.text.trim_end_matches('/'), "/tmp" | "/var/tmp" | "/private/tmp" | "/dev/shm")
}

/// A word holding `find`'s `{}` placeholder: a file found under the search
/// root, not the root itself.
pub(super) fn is_found_file(w: &Word) -> bool {
    w.text.contains("{}")
}

/// The `find` that runs this command through `-exec`, if any.
pub(super) fn finder<'a>(cmd: &Command, cx: &Context<'a>) -> Option<&'a Command> {
    let Origin::Wrapped { wrapper } = cmd.origin else {
        return None;
    };
    cx.script.commands.get(wrapper).filter(|w| w.name == "find" || w.name == "gfind")
}

const ARTEFACT_FILES: &[&str] = &[
    "*.pyc",
    "*.pyo",
    "*.o",
    "*.obj",
    "*.a",
    "*.class",
    "*.tmp",
    "*.temp",
    "*.bak",
    "*.orig",
    "*.rej",
    "*.swp",
    "*.swo",
    "*~",
    ".DS_Store",
    "Thumbs.db",
    "*.log",
    "*.gcda",
    "*.gcno",
    "*.d",
    "*.egg-info",
    "*.tsbuildinfo",
    "*.lcov",
    "*.prof",
    "*.pdb",
    "*.ilk",
    ".coverage",
    "*.cache",
    "core",
    "core.*",
    "*.dSYM",
    "*.lo",
    "*.la",
    "*.exe.stackdump",
    "*.test",
    "*.out",
];

/// True when a `find` name pattern matches only build output or caches.
pub(super) fn is_artefact_pattern(pattern: &str) -> bool {
    let p = pattern.trim_start_matches("./").trim_start_matches("*/").trim_end_matches("/*");
    ARTEFACT_FILES.contains(&p) || ARTEFACT_DIRS.contains(&p)
}

const NARROWING: &[&str] = &[
    "-name",
    "-iname",
    "-path",
    "-ipath",
    "-regex",
    "-iregex",
    "-wholename",
    "-iwholename",
    "-newer",
    "-anewer",
    "-cnewer",
    "-newermt",
    "-newerct",
    "-newerat",
    "-newermm",
    "-mtime",
    "-mmin",
    "-atime",
    "-amin",
    "-ctime",
    "-cmin",
    "-size",
    "-user",
    "-uid",
    "-group",
    "-gid",
    "-empty",
    "-perm",
    "-inum",
    "-samefile",
    "-links",
    "-lname",
    "-ilname",
    "-used",
];

/// True when a `find` selects files by name, age, size or owner rather than
/// taking everything under its roots.
pub(super) fn find_narrows(find: &Command) -> bool {
    find.has_any_flag(NARROWING)
}

/// True when a `find` only selects build artefacts or empty entries: every
/// name pattern is an artefact pattern, or it selects `-empty` entries.
///
/// Only inside the workspace (or scratch space): `*.log` under `/` or
/// `node_modules` under `~/code` are other projects' and the system's files.
pub(super) fn find_selects_artefacts(find: &Command) -> bool {
    if !find_stays_in_workspace(find) {
        return false;
    }
    if find.has_flag("-empty") {
        return true;
    }
    let mut names = find.flag_values(&["-name", "-iname", "-path", "-ipath", "-wholename"]).peekable();
    names.peek().is_some() && names.all(|w| is_artefact_pattern(&w.text))
}

/// True when every search root of a `find` is the workspace, an artefact
/// directory or scratch space (no root: the current directory).
pub(super) fn find_stays_in_workspace(find: &Command) -> bool {
    find_roots(find).iter().all(|w| matches!(w.path, PathClass::Workspace | PathClass::WorkspaceRoot | PathClass::Artefact | PathClass::Tmp))
}

/// The search roots of a `find`: the operands before its first expression
/// word (what follows `-exec` is the command it runs, not a root).
pub(super) fn find_roots(find: &Command) -> Vec<&Word> {
    let first_flag = find.argv.flags.iter().map(|f| f.span.0).min().unwrap_or(usize::MAX);
    find.operands().filter(|w| w.span.0 < first_flag).collect()
}

/// True when an `rsync` call deletes at its destination what the source
/// lacks (`--delete*`), for real (not `-n`/`--dry-run`).
pub(super) fn rsync_deletes(cmd: &Command) -> bool {
    cmd.args.iter().any(|a| a.text.starts_with("--del")) && !rsync_dry_run(cmd)
}

/// True for an `rsync` dry run (`-n`, `--dry-run`).
pub(super) fn rsync_dry_run(cmd: &Command) -> bool {
    is_dry_run(cmd) || cmd.has_flag("-n")
}

/// True for a dry run that changes nothing.
pub(super) fn is_dry_run(cmd: &Command) -> bool {
    cmd.has_any_flag(&["--dry-run", "--dryrun", "--what-if"])
        || (cmd.name == "git" && cmd.is_sub(&["clean"]) && cmd.has_any_flag(&["-n"]))
        || cmd.args.iter().any(|a| a.text.starts_with("--dry-run=") && !a.text.ends_with("=none"))
}

/// The subcommand words of a command: the spec's subcommand path and the
/// operands when the program has a spec, else the words that are not options (values of
/// unknown options included, which only makes matching more eager).
pub(super) fn verbs(cmd: &Command) -> Vec<&str> {
    if !cmd.argv.subcommands.is_empty() {
        return cmd.argv.subcommands.iter().map(String::as_str).chain(cmd.operands().map(|w| w.text.as_str())).collect();
    }
    cmd.args.iter().map(|a| a.text.as_str()).filter(|t| !t.starts_with('-')).collect()
}

/// True when one of `words` appears among the first `within` verbs.
pub(super) fn has_verb(cmd: &Command, words: &[&str], within: usize) -> Option<String> {
    verbs(cmd).into_iter().take(within).find(|v| words.contains(v)).map(str::to_string)
}

/// True when the raw arguments hold the exact word.
pub(super) fn has_arg(cmd: &Command, word: &str) -> bool {
    cmd.args.iter().any(|a| a.text == word)
}

/// Path classes outside the workspace (and its scratch) whose loss matters.
pub(super) const OUTSIDE: &[PathClass] = &[
    PathClass::Root,
    PathClass::Home,
    PathClass::HomeOther,
    PathClass::Secret,
    PathClass::Startup,
    PathClass::AgentConfig,
    PathClass::SystemDir,
    PathClass::System,
    PathClass::Outside,
    PathClass::Device,
    PathClass::Kernel,
];

/// True when the word names a path outside the workspace (and its scratch)
/// whose loss matters. Secrets, hooks and agent settings inside the
/// workspace are left to their own categories.
pub(super) fn is_outside(w: &Word, cx: &Context<'_>) -> bool {
    if !OUTSIDE.contains(&w.path) {
        return false;
    }
    if matches!(w.path, PathClass::Secret | PathClass::Startup | PathClass::AgentConfig) && !w.dynamic {
        let abs = crate::ir::paths::normalize(&w.text, cx.env);
        let ws = cx.env.workspace.trim_end_matches('/');
        return !(abs == ws || abs.starts_with(&format!("{ws}/")));
    }
    true
}

/// True for history files and system logs, which the evasion rules judge.
pub(super) fn is_tracks(w: &Word) -> bool {
    crate::rules::shared::traces::is_history_file(&w.text) || crate::rules::shared::traces::is_system_log(&w.text)
}

/// True when a `find` deletes what it matches: `-delete`, or `-exec`/`-ok`
/// running a delete command on each match.
pub(super) fn find_deletes(find: &Command, cx: &Context<'_>) -> bool {
    if find.has_flag("-delete") {
        return true;
    }
    let Some(w) = &find.wraps else { return false };
    w.inner.iter().filter_map(|&i| cx.script.commands.get(i)).any(|c| matches!(c.name.as_str(), "rm" | "grm" | "unlink" | "shred" | "srm"))
}

/// Recursive-delete calls of interpreter standard libraries.
const TREE_DELETES: &[&str] =
    &["shutil.rmtree(", "rmtree(", "rmSync(", "rmdirSync(", "fs.rm(", "rimraf(", "rm_rf(", "rm_r(", "remove_dir_all(", "remove_tree(", "Deno.remove("];

/// The recursive-delete call in an interpreter's `-c`/`-e` code, with its
/// first literal path argument (`~` and `expanduser("~")` read as home)
/// and that path's class.
pub(super) fn interpreter_delete_target(cmd: &Command, cx: &Context<'_>) -> Option<(&'static str, String, PathClass)> {
    let mut code = cmd.flag_values(&["-c", "-e", "-E", "-r", "--eval"]).map(|w| w.text.as_str()).collect::<Vec<_>>().join("\n");
    if cmd.executes_stdin {
        match &cmd.stdin {
            Some(Input::Heredoc { body, .. }) => code.push_str(body),
            Some(Input::HereString { word }) => code.push_str(&word.text),
            _ => {}
        }
    }
    let (call, at) = TREE_DELETES.iter().find_map(|c| code.find(c).map(|i| (*c, i + c.len())))?;
    let recursive_needed = matches!(call, "rmSync(" | "fs.rm(" | "Deno.remove(");
    if recursive_needed && !code.contains("recursive") {
        return None;
    }
    let rest = &code[at..];
    let path = if rest.contains("expanduser") && rest.split(')').next().is_some_and(|a| a.contains("~"))
        || rest.starts_with("os.homedir()")
        || rest.starts_with("Path.home()")
        || rest.starts_with("ENV[\"HOME\"]")
        || rest.starts_with("os.environ['HOME']")
        || rest.starts_with("os.environ[\"HOME\"]")
    {
        "~".to_string()
    } else {
        let q = rest.find(['\'', '"'])?;
        // The literal must be the call's first argument.
        if rest[..q].contains([',', ')']) {
            return None;
        }
        let quote = rest.as_bytes()[q] as char;
        let body = &rest[q + 1..];
        body[..body.find(quote)?].to_string()
    };
    let class = crate::ir::paths::classify(&path, cx.env);
    Some((call.trim_end_matches('('), path, class))
}
