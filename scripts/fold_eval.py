#!/usr/bin/env python3
"""Program-disjoint folds: how riskgate judges programs nobody documented.

Usage: python3 scripts/fold_eval.py [--binary PATH] [--folds N] [--only K]
                                    [--data DIR] [--work DIR] [--json]

The tldr-derived training set (`datasets/tldr.jsonl`) names, per example, the
program it exercises (`program`). The programs with generated knowledge
(`grammars/generated/`) are split into N folds by a fixed hash of the name
(`spec::fold_of`). For each fold K this script

1. trains a model without fold K: `riskgate train --withhold-fold K/N`
   leaves out the fold's records and withholds its programs' generated
   specs, so neither the knowledge nor the model has seen their pages;
2. judges the fold's examples with that model and the fold's knowledge
   withheld (`riskgate eval --fold K/N --withhold-knowledge --model DIR`):
   the figure a user with an undocumented program sees;
3. judges the same examples with the shipped model and all pages
   (`riskgate eval --fold K/N`): the figure with documentation (in-sample:
   the shipped model trained on these examples).

It prints both per fold and pooled over the folds (counts summed), with the
labels of `datasets/tldr.jsonl` (rules and generated knowledge; see
`datasets/README.md`). The binary must be built with the `train` feature:
`cargo build --release --features train`. Nothing in the repository is
written; models go to a temporary directory (or `--work`). One fold takes
about 20 seconds on the 2-core reference machine.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"fold_eval: {' '.join(cmd)} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return out.stdout


def confusion(binary, data, fold, n, extra):
    cmd = [binary, "eval", os.path.join(data, "tldr.jsonl"), "--fold", f"{fold}/{n}", "--json", "--show-misses", "0"] + extra
    return json.loads(run(cmd))["confusion"]


def figures(c):
    """risky escalated, benign allowed, deny allowed, deny denied, n."""
    risky = sum(c[1]) + sum(c[2])
    benign = sum(c[0])
    deny = sum(c[2])
    pct = lambda a, b: 100.0 * a / b if b else float("nan")
    return {
        "n": risky + benign,
        "risky_escalated": pct(c[1][1] + c[1][2] + c[2][1] + c[2][2], risky),
        "benign_allowed": pct(c[0][0], benign),
        "deny_as_allow": c[2][0],
        "deny_denied": pct(c[2][2], deny),
    }


def add(a, b):
    return [[a[i][j] + b[i][j] for j in range(3)] for i in range(3)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default="target/release/riskgate")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--only", type=int, help="run fold K only")
    ap.add_argument("--data", default="datasets")
    ap.add_argument("--work", help="keep the fold models here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("train_args", nargs="*", help="extra `riskgate train` options (after --)")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="riskgate-folds-")
    folds = [args.only] if args.only is not None else list(range(args.folds))
    zero = [[0] * 3 for _ in range(3)]
    pooled = {"withheld": zero, "all pages": zero}
    rows = []
    for k in folds:
        model = os.path.join(work, f"fold{k}")
        run([args.binary, "train", "--data", args.data, "--out", model, "--withhold-fold", f"{k}/{args.folds}"] + args.train_args)
        held = confusion(args.binary, args.data, k, args.folds, ["--withhold-knowledge", "--model", model])
        full = confusion(args.binary, args.data, k, args.folds, [])
        pooled["withheld"] = add(pooled["withheld"], held)
        pooled["all pages"] = add(pooled["all pages"], full)
        rows.append((f"fold {k}/{args.folds}", figures(held), figures(full)))
    rows.append(("pooled", figures(pooled["withheld"]), figures(pooled["all pages"])))
    if args.json:
        print(json.dumps([{"fold": r[0], "withheld": r[1], "all_pages": r[2]} for r in rows], indent=2))
        return
    print("| fold | examples | pages withheld: risky escalated / benign allowed / deny allowed / deny denied | all pages: risky / benign / deny allowed / deny denied |")
    print("| --- | ---: | --- | --- |")
    for name, h, f in rows:
        cell = lambda x: f"{x['risky_escalated']:.1f}% / {x['benign_allowed']:.1f}% / {x['deny_as_allow']} / {x['deny_denied']:.1f}%"
        print(f"| {name} | {h['n']} | {cell(h)} | {cell(f)} |")


if __name__ == "__main__":
    main()
