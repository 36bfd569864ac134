#!/usr/bin/env python3
"""Writes the fuzz seeds (fuzz/corpus/<target>/seed-*) and dictionaries.

Seeds for `parse` and `check`: every 25th command of tests/corpus/*.tsv plus
hand-written shell shapes (heredocs, substitutions, arithmetic, functions,
case, arrays, nested quoting). Seeds for `hook`: every JSON file under
tests/fixtures/hooks/ plus a few edge-case payloads. Seeds for `code`: the
code of every interpreter command of tests/corpus/languages*.tsv that hands
it over with `-c`/`-e`/`-r` (or as awk's program), after a first byte that
picks the language as `CODE_FRONT_ENDS` in src/fuzzing.rs does. Deterministic; run from
anywhere: `python3 fuzz/seed_corpus.py`. Existing seed-* files are replaced,
other corpus files are left alone.

`python3 fuzz/seed_corpus.py --trim` (after `cargo fuzz cmin`) also drops
corpus files that repeat a seed, then keeps the seeds plus the first other
files in name order (libFuzzer names them by SHA-1, so this is a fixed
pseudo-random sample) up to MAX_FILES files and MAX_BYTES bytes per target.
"""

import json
import pathlib
import shlex
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
TARGETS = ["parse", "check", "hook", "code"]

# Program -> (code option, index in CODE_FRONT_ENDS of src/fuzzing.rs).
CODE_PROGRAMS = {
    "python3": ("-c", 0), "node": ("-e", 1), "awk": ("", 2), "perl": ("-e", 3), "ruby": ("-e", 4),
    "php": ("-r", 5), "lua": ("-e", 6), "psql": ("-c", 7), "osascript": ("-e", 8),
}
MAX_FILES = 300
MAX_BYTES = 1 << 20

SHAPES = [
    "ls -la | grep foo > out.txt 2>&1",
    "cat <<EOF\nhello $USER\nEOF",
    "cat <<-'EOF'\n\tliteral $x\n\tEOF\necho done",
    "x=$(git rev-parse HEAD); echo \"${x:0:7}\"",
    "echo $(( (1 + 2) * 3 )) $((x++))",
    "f() { echo \"$@\"; }; f a b",
    "case \"$1\" in a|b) echo ab ;; *) echo other ;; esac",
    "for f in *.rs; do wc -l \"$f\"; done",
    "while read -r line; do echo \"$line\"; done < input.txt",
    "if [ -f Cargo.toml ]; then cargo build; elif [[ -d src ]]; then make; else true; fi",
    "arr=(one two 'three four'); echo \"${arr[@]}\" ${#arr[@]}",
    "diff <(sort a.txt) <(sort b.txt)",
    "echo $'tab\\tnew\\nline \\x41 \\u00e9'",
    "bash -c 'echo \"nested $(printf %s x)\"'",
    "sh -c \"cd src && ls\" && echo ok || echo fail",
    "env FOO=bar nice -n 5 timeout 10 make test",
    "sudo -u www-data bash -lc 'whoami'",
    "find . -name '*.tmp' -exec echo {} \\;",
    "xargs -0 -I{} echo {} < list",
    "echo ${HOME:-/tmp} ${var//a/b} ${!prefix*} ${#var}",
    "(cd build && cmake ..) & wait",
    "{ echo a; echo b; } | tee log.txt",
    "git log --oneline -n 5 -- src/",
    "python3 -c 'print(1+1)'",
    "echo \"unterminated",
    "echo 'a'\"b\"c\\ d",
    "coproc cat; echo hi >&${COPROC[1]}",
    "select x in a b; do break; done",
    "trap 'echo bye' EXIT; exit 0",
    "declare -A m=([k]=v); echo ${m[k]}",
]

HOOK_EXTRA = [
    # Claude without cwd, with a relative cwd, and an unknown event.
    {"hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_input": {"command": "ls"}},
    {"hook_event_name": "PreToolUse", "cwd": "project", "tool_name": "Bash", "tool_input": {"command": "ls"}},
    {"hook_event_name": "Stop", "cwd": "/home/dev/project"},
    # Codex with an argv array command.
    {
        "hook_event_name": "PreToolUse",
        "cwd": "/home/dev/project",
        "tool_name": "Bash",
        "tool_input": {"command": ["bash", "-lc", "cat <<EOF\nx\nEOF"]},
        "turn_id": "t",
        "model": "m",
    },
    # Gemini web fetch and read.
    {"hook_event_name": "BeforeTool", "cwd": "/p", "tool_name": "web_fetch", "tool_input": {"prompt": "see http://localhost:8080/x and https://a.org"}},
    {"hook_event_name": "BeforeTool", "cwd": "/p", "tool_name": "read_file", "tool_input": {"absolute_path": "/p/.env"}},
    # Cursor with only workspace roots.
    {"hook_event_name": "beforeShellExecution", "command": "echo $((1+", "workspace_roots": ["/r"], "conversation_id": "c"},
    # Claude file tools.
    {"hook_event_name": "PreToolUse", "cwd": "/w", "tool_name": "Write", "tool_input": {"file_path": "../x", "content": ""}},
    {"hook_event_name": "PreToolUse", "cwd": "/w", "tool_name": "WebFetch", "tool_input": {"url": "http://user:pw@[::1]/", "prompt": "p"}},
]

BASH_DICT = [
    "if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until", "case", "esac", ";;", ";&", ";;&",
    "function", "select", "coproc", "time", "!", "[[", "]]", "{", "}", "(", ")", "((", "))",
    "|", "|&", "||", "&&", ";", "&", "\n", ">", ">>", "<", "<>", ">&", "<&", "&>", "&>>", ">|", "2>&1", "<<", "<<-", "<<<",
    "$(", "`", "${", "$((", "$[", "<(", ">(", "$'", "$\"", "'", "\"", "\\", "${#", "${!", ":-", ":=", ":?", ":+", "//", "##", "%%",
    "$@", "$*", "$#", "$?", "$$", "$!", "$0", "$1", "$IFS", "$HOME", "~", "~/", "/", "..", "*", "?", "[a-z]", "{a,b}", "{1..3}",
    "EOF", "=", "+=", "=(", "[0]", "--", "-c", "-lc", "-e",
    "sudo ", "doas ", "su -c ", "env ", "nohup ", "timeout 5 ", "nice ", "xargs ", "exec ", "eval ", "command ", "builtin ",
    "bash -c ", "sh -c ", "zsh -c ", "busybox sh -c ", "python3 -c ", "perl -e ", "node -e ", "source ", ". ",
    "rm ", "-rf ", "cat ", "echo ", "curl ", "wget ", "git ", "git push ", "chmod ", "chown ", "dd ", "mv ", "cp ", "ssh ", "nc ",
    "base64 -d", "find ", "-exec ", "-delete", "tee ", "crontab ", "npm ", "cargo ", "docker ", "kubectl ",
    "/dev/null", "/etc/passwd", "~/.ssh/id_rsa", ".env", "/tmp/x", "https://example.com/x", "127.0.0.1",
]

HOOK_DICT = [
    "{", "}", "[", "]", ":", ",", "\"\"", "null", "true", "false", "0", "\\u0000", "\\\"", "\\n",
    "\"hook_event_name\"", "\"PreToolUse\"", "\"BeforeTool\"", "\"beforeShellExecution\"", "\"beforeReadFile\"",
    "\"tool_name\"", "\"tool_input\"", "\"command\"", "\"cwd\"", "\"workspace_roots\"", "\"conversation_id\"",
    "\"turn_id\"", "\"model\"", "\"session_id\"", "\"file_path\"", "\"absolute_path\"", "\"notebook_path\"", "\"edits\"",
    "\"url\"", "\"prompt\"", "\"directory\"", "\"dir_path\"", "\"content\"", "\"old_string\"", "\"new_string\"",
    "\"Bash\"", "\"Read\"", "\"Write\"", "\"Edit\"", "\"MultiEdit\"", "\"NotebookEdit\"", "\"WebFetch\"", "\"Glob\"",
    "\"apply_patch\"", "\"run_shell_command\"", "\"write_file\"", "\"replace\"", "\"read_file\"", "\"web_fetch\"",
    "\"/home/dev/project\"", "\"/\"", "\"relative\"", "\"http://localhost/\"", "\"https://example.com\"",
    "*** Begin Patch\\n", "*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: ", "*** End Patch\\n",
    "bash -c ", "$(", "<<EOF\\n", "sudo ",
]


def dict_entry(token):
    r"""A libFuzzer dictionary entry: only \\, \" and \xNN escapes exist."""
    out = ""
    for b in token.encode():
        c = chr(b)
        if c in '\\"':
            out += "\\" + c
        elif 0x20 <= b < 0x7F:
            out += c
        else:
            out += f"\\x{b:02X}"
    return '"' + out + '"'


def write_dict(path, tokens):
    lines = ["# libFuzzer dictionary written by seed_corpus.py"]
    lines += [dict_entry(t) for t in tokens]
    path.write_text("\n".join(lines) + "\n")


def reset(dir_):
    dir_.mkdir(parents=True, exist_ok=True)
    for f in dir_.glob("seed-*"):
        f.unlink()


def main():
    commands = []
    for tsv in sorted((ROOT / "tests/corpus").glob("*.tsv")):
        rows = [l.split("\t", 2)[2] for l in tsv.read_text().splitlines() if l and not l.startswith("#") and l.count("\t") >= 2]
        commands += rows[::25]
    commands += SHAPES
    for target in ["parse", "check"]:
        d = FUZZ / "corpus" / target
        reset(d)
        for i, c in enumerate(commands):
            (d / f"seed-{i:03}").write_text(c)
    d = FUZZ / "corpus" / "hook"
    reset(d)
    n = 0
    for f in sorted((ROOT / "tests/fixtures/hooks").rglob("*.json")):
        (d / f"seed-{f.parent.name}-{f.stem}").write_bytes(f.read_bytes())
        n += 1
    for i, p in enumerate(HOOK_EXTRA):
        (d / f"seed-extra-{i:02}").write_text(json.dumps(p))
    d = FUZZ / "corpus" / "code"
    reset(d)
    codes = code_seeds()
    for i, data in enumerate(codes):
        (d / f"seed-{i:03}").write_bytes(data)
    write_dict(FUZZ / "bash.dict", BASH_DICT)
    write_dict(FUZZ / "hook.dict", HOOK_DICT)
    print(f"{len(commands)} command seeds, {n + len(HOOK_EXTRA)} hook seeds, {len(codes)} code seeds")
    if "--trim" in sys.argv[1:]:
        for target in TARGETS:
            trim(FUZZ / "corpus" / target)


def code_seeds():
    """The code handed over by every second interpreter command of the language corpora."""
    out = []
    for tsv in sorted((ROOT / "tests/corpus").glob("languages*.tsv")):
        for line in tsv.read_text().splitlines():
            if not line or line.startswith("#") or line.count("\t") < 2:
                continue
            try:
                argv = shlex.split(line.split("\t", 2)[2].replace("\\n", "\n"))
            except ValueError:
                continue
            if not argv or argv[0] not in CODE_PROGRAMS:
                continue
            flag, index = CODE_PROGRAMS[argv[0]]
            if flag:
                code = next((argv[i + 1] for i in range(len(argv) - 1) if argv[i] == flag), None)
            else:
                code = next((a for a in argv[1:] if not a.startswith("-")), None)
            if code:
                out.append(bytes([index]) + code.encode())
    return out[::2]


def trim(dir_):
    seeds = sorted(dir_.glob("seed-*"))
    seen = {f.read_bytes() for f in seeds}
    files, size = len(seeds), sum(f.stat().st_size for f in seeds)
    kept = 0
    for f in sorted(p for p in dir_.iterdir() if not p.name.startswith("seed-")):
        data = f.read_bytes()
        if data in seen or files >= MAX_FILES or size + len(data) > MAX_BYTES:
            f.unlink()
            continue
        seen.add(data)
        files, size, kept = files + 1, size + len(data), kept + 1
    print(f"{dir_.name}: {len(seeds)} seeds + {kept} others, {files} files, {size} bytes")


if __name__ == "__main__":
    main()
