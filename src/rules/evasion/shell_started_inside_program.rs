//! A shell or command started from inside a program whose job is something
//! else, so that what runs next is out of sight of review (POLICY: "Shells
//! and commands started from inside programs"): an interactive shell that an
//! interpreter, `find -exec` or a pager setting starts (`awk
//! 'BEGIN{system("/bin/sh")}'`, `find . -exec /bin/sh \;`, `python3 -c
//! 'import pty; pty.spawn("/bin/bash")'`, `timeout 7d /bin/sh`, `env /bin/sh`), and anything an editor, pager or
//! database client runs through its shell escape (`vim -c ':!make'`,
//! `sqlite3 db '.shell …'`, `psql -c '\! …'`).
//!
//! Which programs have a shell escape is data (the spec key
//! `shell-escape`, read through `ir::programs`). What the escaped command
//! itself does is judged by the other rules, so the decision is the worse
//! of this `ask` and theirs. An interactive shell reads what it runs from
//! its input, out of sight, whatever starts it (GTFOBins lists dozens of
//! such programs: `nice`, `stdbuf`, `flock`, `strace`, `tar`, `zip`…). A shell
//! on another host or in a container (`ssh host`, `docker exec -it c sh`) is
//! judged by the remote-access and containment rules, and `xargs sh` gets
//! its script operands from its input.

use crate::ir::programs;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EVA010",
    name: "shell-started-inside-program",
    category: Category::Evasion,
    decision: Decision::Ask,
    commands: &[],
    summary: "starts a shell, or runs a command through a shell escape, from inside a program whose job is something else",
    why: "A shell opened from inside an editor, pager, database client or interpreter runs whatever comes next out of the reviewer's sight.",
    check,
    fires: &[
        "awk 'BEGIN{system(\"/bin/sh\")}'",
        "find . -exec /bin/sh \\;",
        "vim -c ':!sh'",
        "vim -c ':!make test' notes.txt",
        "python3 -c 'import pty; pty.spawn(\"/bin/bash\")'",
        "perl -e 'exec \"/bin/sh\"'",
        "sqlite3 app.db '.shell ls'",
        "psql -c '\\! id'",
        "mysql -e 'system whoami'",
        "sqlite3 app.db <<'SQL'\n.system date\nSQL",
        "timeout 7d /bin/sh",
        "env /bin/sh",
        "less +'!sh' notes.txt",
        "man -P 'sh -c sh' ls",
        "make -s --eval=$'x:\n\t-/bin/sh'",
    ],
    passes: &[
        "bash -c 'make test'",
        "find . -name '*.sh' -exec sh {} \\;",
        "find . -exec sh -c 'wc -l \"$1\"' _ {} \\;",
        "ssh host",
        "docker exec -it web sh",
        "python3 -c 'import subprocess; subprocess.run([\"make\", \"test\"])'",
        "sqlite3 app.db '.tables'",
        "psql -c 'select 1'",
        "vim notes.txt",
        "git -c core.editor=true commit --amend --no-edit",
        "timeout 60 sh ./run-tests.sh",
        "env FOO=1 bash -c 'make'",
        "less README.md",
        "man ls",
        "screen bash --rcfile dev.rc",
        "xterm -e bash",
        "uv run bash",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    // What a wrapper runs, or what a runner runs from a file or project
    // file (`make --eval`, a recipe, a script written earlier).
    let wrapper = match cmd.origin {
        Origin::Wrapped { wrapper } => wrapper,
        Origin::Written { runner, .. } | Origin::Project { runner, .. } => runner,
        _ => return None,
    };
    let host = cx.script.commands.get(wrapper)?;
    let kind = host.wraps.as_ref()?.kind;
    let shell = programs::is_shell(&cmd.name);
    if programs::has_shell_escape(&host.name) && (kind == WrapperKind::Shell || shell) {
        let what = if shell { format!("a shell (`{}`)", cmd.name) } else { format!("`{}`", cmd.name) };
        return Some(Hit::command().with_message(format!("`{}` runs {what} through its shell escape", host.name)));
    }
    // A shell on another host or in a container is the remote-access and
    // containment rules' business; `xargs sh` gets its operands from input.
    let elsewhere = matches!(kind, WrapperKind::Remote | WrapperKind::Container | WrapperKind::Xargs | WrapperKind::Parallel);
    let interactive = shell && !cmd.executes_stdin && cmd.wraps.is_none() && cmd.operands().next().is_none() && programs::code_options(cmd).is_empty();
    (interactive && !elsewhere && !programs::hosts_sessions(&host.name))
        .then(|| Hit::command().with_message(format!("`{}` starts an interactive shell (`{}`)", host.name, cmd.name)))
}
