//! Attaching to a running process or reading its memory: `gdb -p 1234`,
//! `lldb --attach-pid 1234`, `strace -p 1234`, `gcore 1234`, `frida -n
//! sshd`, `cat /proc/1234/mem`. A process's memory holds whatever secrets it
//! has loaded (keys, tokens, passwords typed into it), and a debugger can
//! also change what it does. Debugging a program the command starts itself
//! (`gdb ./a.out`, `strace -f ./test`) and the task's own background job
//! (`strace -p $!`) pass.

use crate::rules::helpers::is_own_background_job as own_job;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD020",
    name: "process-memory-read",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &[],
    summary: "attaches to a running process or reads its memory",
    why: "A process's memory holds the secrets it has loaded (keys, tokens, typed passwords), and a debugger attached to it can change what it does.",
    check,
    fires: &[
        "gdb -p 1234",
        "gdb -batch -ex bt --pid=$(pgrep -n postgres)",
        "gdb /usr/sbin/sshd 812",
        "lldb --attach-name Safari",
        "strace -f -p 4312 -e trace=read",
        "ltrace -p 991",
        "gcore -o /tmp/core 1234",
        "frida -n sshd -l hook.js",
        "frida-trace -i 'recv*' firefox",
        "cat /proc/1234/mem",
        "dd if=/proc/812/mem of=dump bs=1 skip=4096 count=64",
    ],
    passes: &[
        "gdb ./target/debug/app",
        "gdb -batch -ex run -ex bt --args ./a.out -p 1",
        "lldb ./a.out",
        "strace -f -o trace.txt ./run-tests.sh",
        "strace -p $!",
        "frida -f ./build/app",
        "frida-ps -U",
        "cat /proc/self/maps",
        "gdb --version",
    ],
};

/// Options that name a process to attach to, per program.
fn attach_options(name: &str) -> &'static [&'static str] {
    match name {
        "gdb" | "gdb-multiarch" | "cgdb" => &["-p", "--pid"],
        "lldb" => &["-p", "--attach-pid", "-n", "--attach-name"],
        "strace" | "ltrace" => &["-p"],
        "frida" | "frida-trace" | "frida-discover" => &["-p", "--attach-pid", "-n", "--attach-name", "-N", "--attach-identifier", "-F", "--attach-frontmost"],
        _ => &[],
    }
}

/// `/proc/<pid>/mem` of another process (not `self`).
fn other_process_memory(path: &str) -> bool {
    path.strip_prefix("/proc/").and_then(|rest| rest.strip_suffix("/mem")).is_some_and(|pid| pid != "self" && pid != "thread-self" && !pid.contains('/'))
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let name = crate::rules::helpers::program_file(cmd);
    // An operand or redirection, or dd's `if=`.
    if let Some(w) =
        cmd.words().find(|w| other_process_memory(&w.text)).or_else(|| cmd.args.iter().find(|a| a.text.strip_prefix("if=").is_some_and(other_process_memory)))
    {
        return Some(Hit::on(w).with_message(format!("`{name}` reads the memory of another process (`{}`)", w.text)));
    }
    // Whole words: gdb's `-batch` is not a cluster holding `-h`.
    if cmd.args.iter().any(|a| matches!(a.text.as_str(), "--version" | "--help" | "-h")) {
        return None;
    }
    let options = attach_options(name);
    let args = &cmd.args;
    for (k, a) in args.iter().enumerate() {
        // What follows `--args`/`--` is the debugged program's own argv.
        if a.text == "--args" || a.text == "--" {
            break;
        }
        let (flag, value) = match a.text.split_once('=') {
            Some((f, _)) if f.starts_with("--") => (f, None),
            _ => (a.text.as_str(), args.get(k + 1)),
        };
        if options.contains(&flag) {
            if value.is_some_and(|v| own_job(v, cx.script)) || a.raw.ends_with("=$!") {
                return None;
            }
            return Some(
                Hit::on(a).with_message(format!("`{name} {flag}` attaches to a running process: it can read the secrets in its memory and change it")),
            );
        }
    }
    let operands: Vec<&Word> = cmd.operands().collect();
    let attached = match name {
        // `gdb PROGRAM PID` attaches to PID; `gcore PID…` dumps it.
        "gdb" | "gdb-multiarch" if !cmd.args.iter().any(|a| a.text == "--args") => {
            operands.get(1).filter(|w| !own_job(w, cx.script) && (w.dynamic || w.text.bytes().all(|b| b.is_ascii_digit()))).copied()
        }
        "gcore" => operands.iter().find(|w| !own_job(w, cx.script)).copied(),
        // frida-trace's operand is the process to attach to (`-f FILE` spawns its own).
        "frida-trace" | "frida" if !cmd.args.iter().any(|a| a.text == "-f" || a.text == "--file") => operands.last().copied(),
        _ => None,
    }?;
    Some(
        Hit::on(attached)
            .with_message(format!("`{name}` attaches to the running process `{}`: it can read the secrets in its memory and change it", attached.text)),
    )
}
