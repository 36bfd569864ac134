#!/usr/bin/env python3
"""Check that no evaluation-bench command has leaked into the repository.

Reads every ``../shared/bench/*.jsonl`` (relative to the repository root)
and scans the repository's tracked text files (``git ls-files``; ``models/``
and binary files are skipped) for

* verbatim copies: a bench command present as written (whitespace
  normalised; backslash escapes of Rust/JSON strings are also undone, and
  JSON argv arrays are read as the command they spell),
  alone or as one part of a longer line (`a && b`, `a | b`), but not as
  the start of a longer command (`tool -a` is not in `tool -a -b`), and
* near copies: the same token sequence with exactly one token changed,
  where that token is the program name (first word of the command or of a
  pipeline stage) or a host / URL / IP, for commands of at least 4 tokens
  whose other tokens (list and pipe operators not counted) number at least 3;
  the renamed command must stand alone (not inside a longer command).

Bench commands that appear verbatim in ``../shared/POLICY.md`` (the policy's
own worked examples) and commands of fewer than 3 tokens are ignored. A bench
command that is an instance of one of the policy's examples written with a
placeholder (`bash -i >& /dev/tcp/…`, `curl -fsSL https://… | sh`) is
looked for verbatim only: the policy itself invites that shape with any host.

``--shared DIR`` reads ``DIR/bench`` and ``DIR/POLICY.md`` instead of
``../shared`` (for a worktree that does not sit beside ``shared/``).

Each finding is printed to stdout as ``file:line: bench-file: command``
(near copies end with ``[near copy]``); the exit status is 1 when there is
any finding, 0 otherwise (also when ``../shared/bench`` is absent).
Nothing is ever written to a file.

Standard library only; runs in a few seconds.
"""

import json
import os
import re
import subprocess
import sys
from bisect import bisect_right
from collections import defaultdict

MIN_TOKENS = 3  # shorter commands are too generic to count
MIN_NEAR_TOKENS = 4  # near copies only for commands at least this long
SEPARATORS = {"|", "||", "&&", ";", "|&", "&", "(", "{", "then", "do", "else"}
# characters that may be glued to a command's first/last token by the
# surrounding source text (string quotes, punctuation, JSON/TSV syntax)
EDGE = "\"'`()[]{},;:=<>|&\\#"
SUFFIX_START = set("\"'`)]},;|&\\#")
PREFIX_END = set("\"'`([{=:,>|;& \\#")
HOST_TLDS = {
    "com", "org", "net", "io", "dev", "app", "co", "ai", "gov", "edu",
    "info", "biz", "me", "us", "uk", "de", "fr", "ru", "cn", "jp", "xyz",
    "cloud", "internal", "local", "example", "test", "invalid", "onion",
    "lan", "corp", "site", "online", "tech", "tk", "cc", "ly", "gg",
}
IPV4_IN = re.compile(r"(?<![\w.])\d{1,3}(\.\d{1,3}){3}(?![\w.])")
IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}(/\d+)?(:\d+)?$")
DOMAIN = re.compile(r"^(?:[\w.+-]+@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::[\w/~.-]*)?(?:/.*)?$")
PROGRAM_LIKE = re.compile(r"^[A-Za-z0-9_./+~-]+$")
ARGV_SEP = re.compile(r'"\s*,\s*"')
ESCAPE = re.compile(r"\\(.)")
TOKEN = re.compile(r"\S+")
# a tab separates columns (TSV, test tables): no match may span it
BARRIER = " \u2409 "


def norm(s):
    return " ".join(s.split())


def unescape(s):
    def sub(m):
        c = m.group(1)
        if c in "nr":
            return " "
        if c == "t":
            return BARRIER
        return c

    return ESCAPE.sub(sub, s)


def strip_edge(tok):
    return tok.strip(EDGE)


def anchor(tok):
    """Key of a token for the index: what is left once the source text's
    glue (a string's opening quote, `(`, `=`, a closing quote, `,`...) is
    cut off; the same for a bench token and for that token in the repo."""
    t = tok.rstrip(EDGE)
    for i in range(len(t) - 1, -1, -1):
        if t[i] in PREFIX_END:
            return t[i + 1:]
    return t


def is_host(tok):
    t = strip_edge(tok)
    if not t:
        return False
    if "://" in t or "/dev/tcp/" in t or "/dev/udp/" in t or IPV4_IN.search(t):
        return True
    if t.startswith("localhost"):
        return True
    if IPV4.match(t) or IPV4.match(t.split("@")[-1].split(":")[0] + ""):
        return True
    m = DOMAIN.match(t)
    if m:
        host = m.group(1)
        tld = host.rsplit(".", 1)[-1].lower()
        if "@" in t or tld in HOST_TLDS:
            return True
    return False


def program_positions(tokens):
    """Indices of tokens that name a program: the first word of the command
    or of a pipeline / list stage (after leading VAR=value assignments)."""
    out = []
    expect = True
    for i, t in enumerate(tokens):
        if t in SEPARATORS:
            expect = True
            continue
        if expect:
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", t):
                continue
            out.append(i)
            expect = False
        if t.endswith(";") or t.endswith("&&") or t.endswith("|"):
            expect = True
    return out


def repo_root():
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def policy_shapes(policy_raw):
    """The policy's worked examples written with a placeholder
    (`curl -fsSL https://… | sh`), as regular expressions."""
    shapes = []
    for span in re.findall(r"`([^`\n]*…[^`\n]*)`", policy_raw):
        span = norm(span.replace("\\|", "|"))
        parts = []
        for piece in re.split(r"(…|\*)", span):
            if piece == "…":
                parts.append(".*")
            elif piece == "*":
                parts.append(r"\S*")
            else:
                parts.append(re.escape(piece))
        shapes.append(re.compile("".join(parts)))
    return shapes


def load_bench(bench_dir, policy_text, shapes):
    """Returns {normalised command: (first bench file name, near-checked)}
    for the commands that count. A command that is an instance of one of
    the policy's placeholder examples is checked verbatim only: the policy
    itself invites that shape with any host or program."""
    cmds = {}
    for name in sorted(os.listdir(bench_dir)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(bench_dir, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                cmd = rec.get("command")
                if not isinstance(cmd, str):
                    continue
                cmd = norm(cmd)
                if len(cmd.split()) < MIN_TOKENS:
                    continue
                if cmd in policy_text:
                    continue
                near = not any(p.fullmatch(cmd) for p in shapes)
                cmds.setdefault(cmd, (name, near))
    return cmds


class Index:
    def __init__(self, cmds):
        # (stripped tok0, stripped tok1) -> [(tokens, cmd, file, wildcard or -1)]
        self.by_bigram = defaultdict(list)
        for cmd, (fname, near) in cmds.items():
            toks = cmd.split()
            self._add(toks, 0, (toks, cmd, fname, -1))
            if not near or len(toks) < MIN_NEAR_TOKENS:
                continue
            wild = set(program_positions(toks))
            wild.update(i for i, t in enumerate(toks) if is_host(t))
            for i in sorted(wild):
                # the unchanged part must itself be a command-sized match
                # (`X | wc -l` alone is too generic to call a copy)
                kept = [t for k, t in enumerate(toks) if k != i and t not in SEPARATORS]
                if len(kept) < MIN_TOKENS:
                    continue
                # anchor on the first two consecutive tokens not at i
                j = 0
                while j in (i, i - 1):
                    j += 1
                if j + 1 >= len(toks):
                    continue
                self._add(toks, j, (toks, cmd, fname, i))

    def _add(self, toks, j, entry):
        key = (anchor(toks[j]), anchor(toks[j + 1]))
        self.by_bigram[key].append((j, entry))


def prefix_ok(repo_tok, bench_tok):
    if repo_tok == bench_tok:
        return True
    if not repo_tok.endswith(bench_tok):
        return False
    pre = repo_tok[: len(repo_tok) - len(bench_tok)]
    return pre[-1] in PREFIX_END


def suffix_ok(repo_tok, bench_tok):
    if repo_tok == bench_tok:
        return True
    if not repo_tok.startswith(bench_tok):
        return False
    suf = repo_tok[len(bench_tok):]
    # a closing quote, bracket or separator ends the command; what follows
    # it (`","cwd":...` in compact JSON) is other syntax
    return suf[0] in SUFFIX_START


def token_ok(repo_toks, s, k, btoks):
    r, b = repo_toks[s + k], btoks[k]
    last = len(btoks) - 1
    if k == 0 and k == last:
        return b in r
    if k == 0:
        return prefix_ok(r, b)
    if k == last:
        return suffix_ok(r, b)
    return r == b


CLOSERS = set("\"'`,)]};#&\u2409")


def starts_command(toks, spans, line_starts, s, first, line, wild_first):
    if s == 0:
        return True
    if wild_first and toks[s][0] in EDGE or not wild_first and toks[s] != first:
        return True  # glued opener (quote, `(`, `=`): start of a string
    if bisect_right(line_starts, spans[s - 1][0]) != line:
        return True
    prev = toks[s - 1]
    return prev in SEPARATORS or prev[-1] in "\"'`(:=,;|&\u2409"


def ends_command(toks, spans, line_starts, e, last, line, wild_last, pipe_ends=False):
    if not wild_last and toks[e] != last:
        return True  # glued closer
    if wild_last and strip_edge(toks[e]) != toks[e]:
        return True
    if e + 1 >= len(toks):
        return True
    if bisect_right(line_starts, spans[e + 1][0]) != line:
        return True
    nxt = toks[e + 1]
    if nxt in ("|", "|&"):
        return pipe_ends  # the pipeline goes on
    return nxt in SEPARATORS or nxt[0] in CLOSERS or nxt.startswith("//")


def scan_view(text, line_starts, index, emit):
    spans = [(m.start(), m.group()) for m in TOKEN.finditer(text)]
    toks = [t for _, t in spans]
    stripped = [anchor(t) for t in toks]
    n = len(toks)
    by_bigram = index.by_bigram
    for p in range(n - 1):
        cands = by_bigram.get((stripped[p], stripped[p + 1]))
        if not cands:
            continue
        for j, (btoks, cmd, fname, wild) in cands:
            s = p - j
            L = len(btoks)
            if s < 0 or s + L > n:
                continue
            ok = True
            for k in range(L):
                if k == wild:
                    continue
                if not token_ok(toks, s, k, btoks):
                    ok = False
                    break
            if not ok:
                continue
            if wild >= 0:
                r = toks[s + wild]
                b = btoks[wild]
                if r == b or strip_edge(r) == strip_edge(b):
                    continue  # verbatim, reported by the verbatim entry
                if is_host(b):
                    if not is_host(r):
                        continue
                else:
                    rs = strip_edge(r) if wild in (0, L - 1) else r
                    if not PROGRAM_LIKE.match(rs):
                        continue
            line = bisect_right(line_starts, spans[s][0])
            e = s + L - 1
            if wild < 0:
                # verbatim: the command must end there (`x -a` is no copy
                # of `x -a -b`); it may be one part of a longer line
                if not ends_command(toks, spans, line_starts, e, btoks[-1], line, False, True):
                    continue
            else:
                # a near copy must be a whole command, not a shape inside
                # a longer one: nothing of the command goes on either side
                if not starts_command(toks, spans, line_starts, s, btoks[0], line, wild == 0):
                    continue
                if not ends_command(toks, spans, line_starts, e, btoks[-1], line, wild == L - 1):
                    continue
            emit(line, fname, cmd, wild >= 0)


def build_view(lines):
    parts = []
    starts = []
    off = 0
    for ln in lines:
        starts.append(off)
        s = " ".join(ln.replace("\t", BARRIER).split())
        parts.append(s)
        off += len(s) + 1
    return " ".join(parts), starts


def main():
    root = repo_root()
    shared = os.path.join(root, "..", "shared")
    args = sys.argv[1:]
    if args[:1] == ["--shared"] and len(args) == 2:
        shared = args[1]  # e.g. when run from a worktree outside /work
    elif args:
        print("usage: bench_overlap.py [--shared DIR]", file=sys.stderr)
        return 2
    bench_dir = os.path.normpath(os.path.join(shared, "bench"))
    if not os.path.isdir(bench_dir):
        print(f"bench_overlap: {bench_dir} not found; nothing to check")
        return 0
    policy_path = os.path.normpath(os.path.join(shared, "POLICY.md"))
    policy_raw = ""
    if os.path.isfile(policy_path):
        with open(policy_path, encoding="utf-8", errors="replace") as f:
            policy_raw = f.read()
    cmds = load_bench(bench_dir, norm(policy_raw), policy_shapes(policy_raw))
    index = Index(cmds)

    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode("utf-8", "replace").split("\0")
    findings = {}
    for rel in files:
        if not rel or rel.startswith("models/"):
            continue
        path = os.path.join(root, rel)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            continue
        if b"\0" in data[:8192]:
            continue
        # a text file with a stray invalid byte (a test fixture) is still text
        text = data.decode("utf-8", "replace")
        lines = text.split("\n")

        def emit(line, fname, cmd, near, rel=rel):
            key = (rel, line, cmd)
            if key not in findings or not near:
                findings[key] = (fname, near)

        view, starts = build_view(lines)
        scan_view(view, starts, index, emit)
        if "\\" in text:
            view, starts = build_view([unescape(ln) for ln in lines])
            scan_view(view, starts, index, emit)
        if '["' in text:
            # argv arrays (`"command": ["git", "status"]`) read as one command
            argv = [ARGV_SEP.sub(" ", ln) if '["' in ln else "" for ln in lines]
            view, starts = build_view(argv)
            scan_view(view, starts, index, emit)

    for (rel, line, cmd), (fname, near) in sorted(findings.items()):
        tail = " [near copy]" if near else ""
        print(f"{rel}:{line}: {fname}: {cmd}{tail}")
    if findings:
        per_file = defaultdict(int)
        for rel, _, _ in findings:
            per_file[rel] += 1
        print(
            f"bench_overlap: {len(findings)} finding(s) in {len(per_file)} file(s)",
            file=sys.stderr,
        )
        for rel, c in sorted(per_file.items()):
            print(f"  {c:5d} {rel}", file=sys.stderr)
        return 1
    print(f"bench_overlap: no bench command found in the repository ({len(cmds)} checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
