#!/usr/bin/env python3
"""Share of a data set's commands whose program riskgate has no spec for.

Usage: python3 scripts/unknown_share.py BINARY FILE.jsonl...

Runs `BINARY explain --json --no-model` on every record's command (passed as
one argv word, never through a shell) and counts, per file, the records with
at least one program run as itself (not a function, wrapper or computed
name, not a builtin) that has no hand-written spec, and of those the ones
with no generated spec either (`grammars/generated/NAME.toml`). Prints only
counts: no command text.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATED = {f[:-5] for f in os.listdir(os.path.join(HERE, "..", "grammars", "generated")) if f.endswith(".toml")}


def programs_without_spec(binary, record):
    args = [binary, "explain", "--json", "--no-model"]
    if record.get("cwd"):
        args += ["--cwd", record["cwd"]]
    out = subprocess.run(args + ["--", record["command"]], capture_output=True, text=True, timeout=60)
    try:
        analysis = json.loads(out.stdout)
    except json.JSONDecodeError:
        return None
    names = []
    for c in analysis["script"]["commands"]:
        if c["argv"]["known"] or c.get("is_function") or c.get("wraps") or c["program"]["dynamic"] or c["program"]["glob"]:
            continue
        names.append(c["name"])
    return names


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    total = {"records": 0, "no_hand": 0, "no_any": 0, "programs": 0, "programs_no_hand": 0, "programs_no_any": 0}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda r: programs_without_spec(binary, r), records))
        n = {"records": len(records), "no_hand": 0, "no_any": 0, "programs": 0, "programs_no_hand": 0, "programs_no_any": 0}
        for names in results:
            if names is None:
                continue
            n["no_hand"] += bool(names)
            n["no_any"] += any(x not in GENERATED for x in names)
            n["programs_no_hand"] += len(names)
            n["programs_no_any"] += sum(x not in GENERATED for x in names)
        for k in total:
            total[k] += n[k]
        print(f"{os.path.basename(path)}: {n['records']} records; with a program without a hand-written spec {n['no_hand']} "
              f"({100 * n['no_hand'] / max(1, n['records']):.1f}%); without any spec (hand-written or generated) {n['no_any']} "
              f"({100 * n['no_any'] / max(1, n['records']):.1f}%); program occurrences without hand-written spec {n['programs_no_hand']}, without any {n['programs_no_any']}")
    print(f"all: {total['records']} records; no hand-written spec {total['no_hand']} ({100 * total['no_hand'] / max(1, total['records']):.1f}%); "
          f"no spec at all {total['no_any']} ({100 * total['no_any'] / max(1, total['records']):.1f}%)")


if __name__ == "__main__":
    main()
