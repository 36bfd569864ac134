#!/usr/bin/env python3
"""Whole-process timing of `riskgate hook`, as an agent runs it (one process
per tool call), with hyperfine (Debian package `hyperfine`).

    python3 scripts/hook_timing.py target/release/riskgate [OTHER_BINARY]
    EVENTS=code python3 scripts/hook_timing.py target/release/riskgate

With `EVENTS=code`, the events are code handed to interpreters instead: a
200-line Python heredoc, a 200-statement SQL heredoc fed to `psql`, and a
200-line AppleScript heredoc fed to `osascript` (all data work, no effect).

With `EVENTS=project`, the events run project files that the hook reads from
disk (`src/ir/disk.rs`): `npm test` with a 50-script `package.json`,
`python3 tool.py` with a 1,000-line `tool.py` (the code cache warm, and
with `code-cache = false`: the cost of a file's first call), `make` with a 40-target
`Makefile` and `bash scripts/ci.sh` with a 200-line script (all harmless,
generated here), each also in an empty workspace, where there is nothing to
read (the cost before reading).

With `EVENTS=ledger`, the hook runs with `--session-ledger` and a stored
ledger of 10,000 entries (format 2, `src/session.rs`) for the events'
session: `ls -la` (makes nothing), `mkdir -p scratch/new` (recorded) and
`rm -rf scratch_00042` (asks alone; allowed as the session's own), each
also without the flag. The ledger is written here, in a scratch state
directory.

Each event is a Claude Code PreToolUse payload written to a scratch directory
(commands are data: they are written to files, never run). Every run is
`sh -c 'BINARY hook --agent claude < EVENT'`, so the times include about
0.6 ms of `sh`; `BINARY --version` and `cat EVENT` are measured the same way
for comparison. With a second binary, each row is measured for both in the
same hyperfine call (an A/B on the same machine state). Prints a Markdown
table of means and medians.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

EVENTS = {
    "rule-decided allow (`ls -la src`)": {"tool_name": "Bash", "tool_input": {"command": "ls -la src"}},
    "build command (`cargo test --workspace`)": {"tool_name": "Bash", "tool_input": {"command": "cargo test --workspace"}},
    "model decides (unknown program)": {"tool_name": "Bash", "tool_input": {"command": "frobnicate --all ./src"}},
    "deny (`rm -rf ~`)": {"tool_name": "Bash", "tool_input": {"command": "rm -rf ~"}},
    "Write tool (`src/lib.rs`)": {"tool_name": "Write", "tool_input": {"file_path": "/home/dev/project/src/lib.rs", "content": "pub fn f() {}\n"}},
}


def heredoc(program, tag, lines):
    return {"tool_name": "Bash", "tool_input": {"command": f"{program} <<'{tag}'\n" + "\n".join(lines) + f"\n{tag}"}}


CODE_EVENTS = {
    "200-line Python heredoc": heredoc(
        "python3 -", "PY", ["import json, statistics", "rows = []"] + [f"rows.append({{'id': {i}, 'v': {i} * 3 % 7}})" for i in range(196)] + ["print(statistics.mean(r['v'] for r in rows))", "print(json.dumps(rows[:3]))"]
    ),
    "200-statement SQL heredoc (`psql`)": heredoc("psql -d app", "SQL", [f"INSERT INTO items (id, name) VALUES ({i}, 'item {i}');" for i in range(199)] + ["SELECT count(*) FROM items;"]),
    "200-line AppleScript heredoc (`osascript`)": heredoc(
        "osascript", "EOF", ["set total to 0"] + [f"set total to total + {i}" for i in range(198)] + ["display notification (total as text) with title \"sum\""]
    ),
}


def bash(command, cwd=None):
    body = {"tool_name": "Bash", "tool_input": {"command": command}}
    if cwd:
        body["cwd"] = cwd
    return body


def write_project(root):
    """A harmless project: the files the `EVENTS=project` commands run."""
    os.makedirs(os.path.join(root, "scripts"))
    scripts = {"test": "jest --coverage", "pretest": "npm run lint", "posttest": "node scripts/report.js"}
    for i in range(47):
        scripts[f"build:{i}"] = f"tsc -p tsconfig.{i}.json && node scripts/copy.js dist/{i}"
    with open(os.path.join(root, "package.json"), "w") as f:
        json.dump({"name": "app", "version": "1.0.0", "scripts": scripts}, f, indent=2)
    with open(os.path.join(root, "scripts/report.js"), "w") as f:
        f.write("const fs = require('fs');\nconst r = JSON.parse(fs.readFileSync('coverage/summary.json', 'utf8'));\nconsole.log(r.total);\n")
    lines = ["import json", "import sys", "", "DATA = []", ""]
    for i in range(199):
        lines += [f"def step_{i}(rows):", f"    total = sum(r.get('v{i}', 0) for r in rows)", f"    return {{'step': {i}, 'total': total}}", ""]
    lines += ["if __name__ == '__main__':", "    print(json.dumps([step_0(DATA)]))"]
    with open(os.path.join(root, "tool.py"), "w") as f:
        f.write("\n".join(lines[:1000]) + "\n")
    mk = ["all: " + " ".join(f"t{i}" for i in range(40)), ""]
    for i in range(40):
        mk += [f"t{i}: src/{i}.c", f"\t$(CC) -c src/{i}.c -o build/{i}.o", ""]
    with open(os.path.join(root, "Makefile"), "w") as f:
        f.write("\n".join(mk))
    ci = ["#!/bin/sh", "set -eu"] + [f"echo step {i} && cargo test -p crate{i % 7} --quiet" for i in range(198)]
    with open(os.path.join(root, "scripts/ci.sh"), "w") as f:
        f.write("\n".join(ci) + "\n")


def project_events(scratch):
    project, empty = os.path.join(scratch, "project"), os.path.join(scratch, "empty")
    write_project(project)
    os.makedirs(empty)
    events = {}
    for what, command in [("50-script package.json", "npm test"), ("1,000-line tool.py", "python3 tool.py"), ("40-target Makefile", "make"), ("200-line scripts/ci.sh", "bash scripts/ci.sh")]:
        events[f"`{command}`, {what} read"] = bash(command, project)
        if command == "python3 tool.py":
            # The same file, analysed on every call (the first call of a
            # file, or `code-cache = false`); the row above reads the
            # findings the warm-up runs kept (`src/ir/lang/cache.rs`).
            events[f"`{command}`, {what} read, {NO_CACHE}"] = bash(command, project)
        events[f"`{command}`, nothing to read"] = bash(command, empty)
    return events


NO_CACHE = "code cache off"
LEDGER = "--session-ledger"


def write_ledger(state, session, n=10_000):
    """A format-2 ledger of `n` created directories for `session`."""
    import hashlib
    import time
    import zlib

    sessions = os.path.join(state, "riskgate", "sessions")
    os.makedirs(sessions, mode=0o700)
    os.chmod(os.path.join(state, "riskgate"), 0o700)
    now = int(time.time())
    body = "".join(f"created\t{now - 10}\t-\t/home/dev/project/scratch_{i:05d}\n" for i in range(n))
    header = json.dumps({"version": 2, "session": session, "checksum": f"{zlib.crc32(body.encode()):08x}", "entries": n}, separators=(",", ":"))
    path = os.path.join(sessions, hashlib.sha256(session.encode()).hexdigest()[:32] + ".json")
    with open(path, "w") as f:
        f.write(header + "\n" + body)
    os.chmod(path, 0o600)


def ledger_events():
    events = {}
    for what, command in [("makes nothing", "ls -la"), ("recorded", "mkdir -p scratch/new"), ("asks alone, the session's own", "rm -rf scratch_00042")]:
        events[f"`{command}` ({what}), no ledger"] = bash(command)
        events[f"`{command}` ({what}), {LEDGER} with 10,000 entries"] = bash(command)
    return events


def event(body):
    base = {"session_id": "timing", "cwd": "/home/dev/project", "hook_event_name": "PreToolUse"}
    base.update(body)
    return json.dumps(base)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binaries = [os.path.abspath(b) for b in sys.argv[1:3]]
    if not shutil.which("hyperfine"):
        sys.exit("hyperfine is not installed (apt-get install hyperfine)")
    runs = os.environ.get("RUNS", "200")
    scratch = tempfile.mkdtemp(prefix="riskgate-timing-")
    env = dict(os.environ, RISKGATE_CONFIG="/nonexistent/riskgate/config.toml", HOME="/home/dev", XDG_CACHE_HOME=os.path.join(scratch, "cache"))
    no_cache = os.path.join(scratch, "no-cache.toml")
    with open(no_cache, "w") as f:
        f.write("code-cache = false\n")
    env.pop("RISKGATE_AUDIT_LOG", None)
    rows = []
    kind = os.environ.get("EVENTS")
    events = CODE_EVENTS if kind == "code" else project_events(scratch) if kind == "project" else ledger_events() if kind == "ledger" else EVENTS
    if kind == "ledger":
        env["XDG_STATE_HOME"] = os.path.join(scratch, "state")
        write_ledger(env["XDG_STATE_HOME"], "timing")
    jobs = [(name, os.path.join(scratch, f"event{i}.json"), body) for i, (name, body) in enumerate(events.items())]
    for _, path, body in jobs:
        with open(path, "w") as f:
            f.write(event(body))
    def hook(name, b, path):
        prefix = f"RISKGATE_CONFIG={no_cache} " if NO_CACHE in name else ""
        flag = f" {LEDGER}" if LEDGER in name else ""
        return f"{prefix}{b} hook --agent claude{flag} < {path}"

    cases = [(name, [hook(name, b, path) for b in binaries]) for name, path, _ in jobs]
    cases.append(("`riskgate --version`", [f"{b} --version" for b in binaries]))
    cases.append(("`cat` of the event", [f"cat {jobs[0][1]}"]))
    for name, commands in cases:
        out = os.path.join(scratch, "out.json")
        cmd = ["hyperfine", "--shell=sh", "--warmup", "20", "--runs", runs, "--export-json", out, "--style", "none"]
        subprocess.run(cmd + commands, check=True, env=env, stdout=subprocess.DEVNULL)
        with open(out) as f:
            results = json.load(f)["results"]
        rows.append((name, [(r["mean"] * 1e3, r["stddev"] * 1e3, r["median"] * 1e3) for r in results]))
    for i, b in enumerate(binaries):
        print(f"binary {i + 1}: {b}")
    print()
    head = " | ".join(f"binary {i + 1}: mean ± σ (median)" for i in range(len(binaries)))
    print(f"| event | {head} |")
    print("| --- |" + " --- |" * len(binaries))
    for name, res in rows:
        cells = [f"{m:.2f} ± {s:.2f} ms ({med:.2f})" for m, s, med in res]
        cells += [""] * (len(binaries) - len(cells))
        print(f"| {name} | " + " | ".join(cells) + " |")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
