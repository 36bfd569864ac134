#!/usr/bin/env python3
"""Builds `grammars/generated/*.toml` from the tldr pages snapshot.

Usage: python3 scripts/gen_knowledge.py [PAGES.jsonl] [--out DIR] [--programs DIR]

PAGES.jsonl defaults to ../shared/knowledge/tldr-pages.jsonl (one tldr page a
line: name, platform, description, examples, source). One spec is written per
program that has a page of its own and no hand-written spec (its name or an
alias in grammars/programs/). What each spec says comes from the examples:

- `summary`: the page's first description line.
- subcommands: when at least two examples run `prog WORD ...` with a literal
  WORD (not an option, not a placeholder), every such WORD is a subcommand
  (`{{[in|install]}}` gives a name and an alias), and `open-subcommands` is
  set so that an undocumented first word is an unknown subcommand, never the
  program's own reading. Pages of a subcommand (`prog-sub`, whose examples
  run `prog sub ...`) add to their program's spec with their own `source`.
- `takes-value`: an option directly followed by a `{{placeholder}}`
  (`{{[-o|--output]}} {{path}}` gives both spellings); `values` and
  `operands`: roles from the placeholder text (path, url, host, package,
  command, text).
- effects: each example's description is read for what it does (its verb and
  the object of the verb): install/remove/delete/kill/format/upload/send/
  publish/deploy/mount/reboot... give the matching effect, list/show/print/
  check/search/convert... give `read`, build/test/compile/generate... give
  `build`; the shape adds to it (an output path written, a host contacted,
  a command run). A subcommand's effect is the most severe of its examples';
  the program's own effect is given only when all its own examples agree or
  all are read-like, else `unknown` (its examples without options, when it
  has some: those with options are read by their options). Every option an example uses is listed
  in `flag-effects` with that example's effect, so the run time knows which
  options the documentation shows (and what they do).

The output is deterministic: programs, keys and lists are sorted, and the
same input gives the same bytes (a test checks it).
"""

import argparse
import json
import os
import re
import sys
import tomllib

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")

# Effects from least to most severe: where examples disagree, the later wins.
SEVERITY = [
    "none",
    "read",
    "build",
    "write",
    "network",
    "listen",
    "install",
    "delete",
    "exec",
    "unknown",
    "credentials",
    "external-effects",
    "system",
    "persistence",
    "privilege",
    "evasion",
    "sandbox-escape",
    "remote-access",
    "remote-code",
    "exfiltration",
    "destructive",
]
RANK = {e: i for i, e in enumerate(SEVERITY)}
READ_LIKE = {"none", "read", "build"}
# Descriptions that only qualify how the program's main action runs.
NEUTRAL = "neutral"

ADVERBS = {
    "only",
    "interactively",
    "recursively",
    "automatically",
    "forcefully",
    "forcibly",
    "quietly",
    "silently",
    "also",
    "just",
    "directly",
    "manually",
    "temporarily",
    "permanently",
    "safely",
    "securely",
    "simply",
    "then",
    "and",
    "or",
    "[",
    "verbosely",
    "asynchronously",
    "immediately",
    "locally",
    "remotely",
    "completely",
    "quickly",
}

READ_VERBS = {
    "list", "show", "display", "print", "view", "get", "check", "search", "find", "query", "inspect",
    "describe", "read", "count", "compare", "diff", "calculate", "validate", "verify", "analyze",
    "analyse", "monitor", "watch", "preview", "browse", "explain", "lookup", "look", "locate", "report",
    "filter", "sort", "grep", "match", "parse", "measure", "convert", "output", "decode", "encode",
    "render", "dump", "trace", "identify", "detect", "determine", "estimate", "summarize", "tail",
    "follow", "highlight", "evaluate", "resolve", "guess", "extract", "decompress", "uncompress",
    "unpack", "compress", "split", "join", "concatenate", "merge", "translate", "transform",
    "prettify", "beautify", "hash", "checksum", "hexdump", "examine", "retrieve", "fetch", "obtain",
    "test", "lint", "benchmark", "profile", "draw", "plot", "visualize", "visualise", "play",
    "convert", "calculate", "sum", "wrap", "truncate", "pretty-print", "echo", "explore", "page",
    "open", "diagnose", "audit", "review", "examine", "list-all",
}
NEUTRAL_VERBS = {
    "specify", "use", "with", "ignore", "include", "exclude", "skip", "limit", "do", "don't",
    "disallow", "allow", "prefer", "pass", "provide", "override", "force", "enable_", "toggle",
    "select", "choose", "configure", "customize", "customise", "turn", "keep", "preserve", "bypass",
    "assume", "treat", "respect", "set_", "supply", "define", "give", "apply_",
}

# Objects of a verb that make it a system, remote or destructive act.
DEVICE = r"\b(disk|disks|drive|partition|partitions|device|volume|filesystem|file system|sd card|usb|block device|/dev/)"
REMOTE_RES = (
    r"\b(vm|vms|virtual machine|instance|instances|cluster|clusters|bucket|buckets|droplet|server|servers|"
    r"database|databases|table|tables|repository|repositories|repo|container|containers|pod|pods|namespace|"
    r"deployment|deployments|stack|stacks|resource|resources|project|projects|app|application|applications|"
    r"function|functions|service|services|secret|secrets|domain|domains|zone|record|records|topic|queue|"
    r"snapshot|snapshots|image|images|account|volume|volumes|node|nodes|release|site|environment)\b"
)
SECRET_OBJ = r"\b(password|passwords|passphrase|secret|secrets|token|tokens|private key|api key|credential|credentials|keychain|keyring)\b"
USER_OBJ = r"\b(user|users|group|groups|account|accounts|sudoers|permission|permissions|owner|ownership)\b"
SERVICE_OBJ = r"\b(service|services|daemon|daemons|unit|units|system|kernel|module|modules|driver|drivers|firmware|bootloader|grub|network|interface|interfaces|wi-?fi|bluetooth|firewall|process|processes)\b"
PACKAGE_OBJ = r"\b(package|packages|system|distribution|the os|operating system|kernel)\b"
FILE_OBJ = r"\b(file|files|directory|directories|folder|folders|archive|archives)\b"
PERSIST_OBJ = r"\b(cron|crontab|autostart|startup|login item|login items|scheduled|schedule|at boot|on boot|launch agent|launchd)\b"
SECURITY_OBJ = r"\b(firewall|selinux|apparmor|sandbox|security|sip|gatekeeper)\b"
HISTORY_OBJ = r"\b(history|logs|log files|audit)\b"
REMOTE_DEST = r"\b(remote|server|host|hosts|cloud|registry|channel|chat|webhook|email|e-mail|slack|recipient|peer|pastebin|bucket)\b"


def clean_description(text):
    """The description without tldr's `[l]ist` letter marks and code spans."""
    text = re.sub(r"\[(\w+)\]", r"\1", text)
    return text.replace("`", "").strip()


def verb_of(text):
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text.lower())
    for w in words:
        if w not in ADVERBS:
            return w
    return ""


def effect_of(description, shape):
    """The effect of one example: its description's main clause, raised by a
    later clause with a known, more severe verb (`Convert a package and
    install it`)."""
    effect = clause_effect(description, shape)
    clauses = re.split(r",? and then |,? and |, then |; ", clean_description(description))
    for clause in clauses[1:]:
        e = clause_effect(clause, shape)
        if e not in ("unknown", NEUTRAL) and (effect == NEUTRAL or RANK[e] > RANK[effect]):
            effect = e
    return effect


def clause_effect(description, shape):
    """The effect of one clause of a description."""
    d = clean_description(description).lower()
    verb = verb_of(d)
    has = lambda pattern: re.search(pattern, d) is not None  # noqa: E731
    if verb in ("view", "display") and "documentation" in d:
        return "none"
    # Words that decide whatever the verb.
    if has(r"\b(reverse shell|bind shell|port scan|open ports)\b"):
        return "remote-access"
    if verb in ("format", "wipe", "erase", "shred", "partition", "flash", "burn") and has(DEVICE):
        return "destructive"
    if verb in ("wipe", "erase", "shred", "destroy", "purge", "nuke"):
        return "destructive"
    if verb in ("delete", "remove", "drop", "prune", "uninstall", "clear", "clean", "truncate"):
        if verb == "uninstall" or (verb == "remove" and has(PACKAGE_OBJ)):
            return "system"
        if has(HISTORY_OBJ):
            return "evasion"
        if has(USER_OBJ) and not has(FILE_OBJ):
            return "privilege"
        if has(REMOTE_RES) and not has(FILE_OBJ):
            return "destructive"
        if verb in ("clear", "clean") and has(r"\b(cache|caches|build|artifacts|artefacts|screen|terminal)\b"):
            return "build"
        return "delete"
    if verb in ("install", "reinstall", "upgrade") or (verb == "update" and has(PACKAGE_OBJ)):
        if has(r"\b(from (a |an )?(url|git|remote|source|github))\b") or shape["url"]:
            return "remote-code"
        if has(r"\b(globally|system|system-wide|kernel|the os|operating system)\b"):
            return "system"
        return "install"
    if verb in ("reboot", "shutdown", "poweroff", "halt", "suspend", "hibernate", "kill", "terminate"):
        return "system"
    if verb in ("mount", "unmount", "umount", "chroot"):
        return "sandbox-escape" if verb != "umount" and verb != "unmount" else "system"
    if verb in ("disable", "stop", "turn") and has(SECURITY_OBJ):
        return "sandbox-escape"
    if verb in ("start", "stop", "restart", "reload", "enable", "disable") and has(SERVICE_OBJ):
        return "system"
    if has(PERSIST_OBJ) and verb in ("add", "create", "install", "enable", "schedule", "register", "set", "edit", "write"):
        return "persistence"
    if verb in ("add", "create", "delete", "modify", "change", "lock", "unlock", "set") and has(USER_OBJ) and not has(FILE_OBJ):
        return "privilege"
    if verb in ("upload", "send", "post", "share", "submit", "transfer", "email", "mail", "message", "notify", "tweet", "paste"):
        if shape["files"] and not has(r"\b(message|notification|email|e-mail|text|sms)\b"):
            return "exfiltration"
        return "external-effects"
    if verb in ("publish", "deploy", "release", "push", "promote", "rollout", "broadcast"):
        return "external-effects"
    if verb in ("create", "provision", "launch", "scale", "resize", "attach", "detach") and has(REMOTE_RES) and has(r"\b(cloud|vm|instance|cluster|bucket|droplet|server|stack|deployment|node|pod|container)\b"):
        return "external-effects"
    if verb in ("connect", "ssh", "login", "log", "tunnel", "forward", "expose") and has(REMOTE_DEST) or has(r"\b(tunnel|port forward|port-forward)\b"):
        return "remote-access"
    if verb == "scan" and has(r"\b(port|ports|network|host|hosts|ip|subnet)\b"):
        return "remote-access"
    if has(SECRET_OBJ) and verb in READ_VERBS | {"export", "copy", "save", "decrypt", "reveal", "unlock"}:
        return "credentials"
    if verb in ("run", "execute", "exec", "launch", "spawn", "invoke", "call", "eval", "source"):
        if has(r"\b(test|tests|lint|linter|benchmark|benchmarks|build|type ?check)\b"):
            return "build"
        return "exec"
    if shape["command"]:
        return "exec"
    if verb in ("download", "fetch", "pull", "clone", "retrieve", "ping", "request", "query") and (shape["url"] or shape["host"]):
        return "network"
    if verb in ("serve", "listen", "host") or (verb == "start" and has(r"\b(server|web server|http server|dev server|development server)\b")):
        return "listen"
    if verb in ("start", "stop", "restart", "reload", "enable", "disable", "set", "toggle", "turn", "change", "switch"):
        return "unknown"
    if verb in NEUTRAL_VERBS:
        return NEUTRAL
    if verb in READ_VERBS:
        if shape["url"] or shape["host"]:
            return "network"
        if shape["writes"]:
            return "build"
        return "read"
    if verb in ("build", "compile", "generate", "bundle", "transpile", "minify", "typecheck", "format", "reformat", "lint",
                "initialize", "initialise", "init", "scaffold", "optimize", "optimise", "rebuild", "recompile", "preprocess"):
        if shape["url"] or shape["host"]:
            return "network"
        return "build"
    if verb in ("create", "make", "save", "write", "export", "archive", "copy", "move", "rename", "append", "edit",
                "replace", "modify", "add", "insert", "resize", "crop", "rotate", "annotate", "record", "capture", "take"):
        return "write"
    return "unknown"


def split_words(command):
    """Shell-like words of a tldr command, keeping `{{...}}` whole; stops at
    a pipe, `;`, `&&` or a redirection."""
    words, cur, i, quote = [], "", 0, None
    while i < len(command):
        if command.startswith("{{", i):
            end = command.find("}}", i + 2)
            end = len(command) if end < 0 else end + 2
            cur += command[i:end]
            i = end
            continue
        c = command[i]
        if quote:
            if c == quote:
                quote = None
            else:
                cur += c
        elif c in "'\"":
            quote = c
        elif c.isspace():
            if cur:
                words.append(cur)
            cur = ""
        elif c in "|;&<>" and not cur.startswith("-"):
            break
        else:
            cur += c
        i += 1
    if cur and not quote:
        words.append(cur)
    return words


def alternatives(word):
    """`{{[-r|--recursive]}}` -> ["-r", "--recursive"]; a plain word -> [word]."""
    m = re.fullmatch(r"\{\{\[(.*)\]\}\}", word)
    if m and "{{" not in m.group(1):
        return [a for a in m.group(1).split("|") if a]
    return [word]


def is_placeholder(word):
    return "{{" in word


def is_option(word):
    alts = alternatives(word)
    return all(a.startswith("-") and len(a) > 1 and not is_placeholder(a) for a in alts)


def is_plain_word(word):
    alts = alternatives(word)
    return all(re.fullmatch(r"[a-z][a-z0-9_:-]*", a) for a in alts) and (not is_placeholder(word) or alts != [word])


def role_of(text):
    t = text.lower()
    if re.search(r"\b(command|cmd)\b", t) and "subcommand" not in t:
        return "command"
    if re.search(r"https?://|\burl\b|\buri\b|^[a-z]+://", t):
        return "url"
    if re.search(r"(path/to|^file|^dir|^directory|^folder|\.(txt|json|ya?ml|toml|csv|tar|gz|zip|png|jpe?g|pdf|md)\b|^~?/)", t):
        if re.search(r"\b(output|out|target|destination|dest)\b", t) or "output" in t:
            return "write-path"
        return "path"
    if re.search(r"(^|[_ ])(host|hostname|server|ip|ip_address|address|domain)([_ ]|$)|@|example\.(com|org)", t):
        return "host"
    if re.search(r"\b(package|pkg|package_name|formula|crate|gem|module)\b", t):
        return "package"
    if re.search(r"\b(script)\b", t):
        return "script"
    return "text"


def shape_of(words):
    shape = {"url": False, "host": False, "files": False, "writes": False, "command": False}
    for w in words:
        for m in PLACEHOLDER.findall(w):
            r = role_of(m)
            if r == "url":
                shape["url"] = True
            elif r == "host":
                shape["host"] = True
            elif r in ("path", "write-path"):
                shape["files"] = True
                shape["writes"] |= r == "write-path"
            elif r in ("command", "script"):
                shape["command"] = True
        if not is_placeholder(w) and re.match(r"[a-z]+://", w):
            shape["url"] = True
    return shape


def most_severe(effects):
    return max(effects, key=lambda e: RANK[e]) if effects else None


class Level:
    """One spec level (the program or a subcommand) being gathered."""

    def __init__(self):
        self.examples = []  # (effect, description, flags)
        self.takes_value = set()
        self.values = {}
        self.operands = []
        self.flag_effects = {}
        self.aliases = set()
        self.subs = {}
        self.source = None

    def sub(self, name):
        return self.subs.setdefault(name, Level())


# Long options that name a mode, not a value: a placeholder after one is an operand.
BOOLEAN_OPTIONS = {
    "all", "append", "debug", "dry-run", "force", "help", "interactive", "list", "long", "no-confirm",
    "noconfirm", "quiet", "recursive", "silent", "verbose", "version", "yes", "assume-yes", "update",
    "upgrade", "sync", "refresh", "remove", "delete", "install", "global", "user", "system", "json",
    "human-readable", "follow", "watch", "verify", "check", "ignore-case", "invert-match", "numeric",
}


def boolean(spellings):
    return any(s.startswith("--") and s[2:] in BOOLEAN_OPTIONS for s in spellings)


def read_args(level, args):
    """Options, values and operand roles of the words after the subcommands."""
    flags, operands, i = [], [], 0
    while i < len(args):
        w = args[i]
        i += 1
        if w == "--":
            continue
        if is_option(w):
            spellings = [a.split("=")[0] for a in alternatives(w)]
            flags.extend(spellings)
            if "=" in w and all("=" in a for a in alternatives(w)):
                continue
            if boolean(spellings):
                continue
            if i < len(args) and is_placeholder(args[i]) and not is_option(args[i]) and alternatives(args[i]) == [args[i]]:
                inner = PLACEHOLDER.findall(args[i])[0]
                role = role_of(inner)
                # `-d {{path/to/binary}}` at the end is as likely an operand after
                # a switch: a value only when more follows or the names agree.
                last = i == len(args) - 1
                names = {re.sub(r"^-+", "", a).lower() for a in spellings}
                words = set(re.findall(r"[a-z]+", inner.lower()))
                if last and not (names & words or any(len(n) > 1 and n in inner.lower() for n in names)):
                    continue
                for s in spellings:
                    level.takes_value.add(s)
                    if role != "text":
                        level.values[s] = role
                i += 1
            continue
        if is_placeholder(w) and alternatives(w) == [w]:
            inner = PLACEHOLDER.findall(w)
            operands.append(role_of(inner[0]) if inner else "text")
        elif not w.startswith("-"):
            operands.append(role_of(w) if ("/" in w or "://" in w or "@" in w) else "text")
    # Consecutive repeats collapse: the last role repeats anyway.
    roles = []
    for r in operands:
        if not roles or roles[-1] != r:
            roles.append(r)
    if len(roles) > len(level.operands):
        level.operands = roles
    return flags


def program_words(command, name):
    words = split_words(command)
    while words and words[0] in ("sudo", "doas"):
        words = words[1:]
    if not words or words[0] != name:
        return None
    return words[1:]


def gather(program, pages):
    """The spec tree of `program` from its own page and its subcommand pages."""
    root = Level()
    examples = []  # (page source, description, words after the program name)
    for page in pages:
        for ex in page["examples"]:
            words = program_words(ex["command"], program)
            if words is not None:
                examples.append((page["source"], ex["description"], words))
    if not examples:
        return None
    plain_first = [w for _, _, w in examples if w and is_plain_word(w[0])]
    use_subs = len(plain_first) >= 2
    for source, description, words in examples:
        level, path = root, []
        while use_subs and words and is_plain_word(words[0]) and len(path) < 2:
            names = alternatives(words[0])
            if path:
                # A second word is a subcommand only when several examples of the
                # first share the shape `prog sub WORD`.
                siblings = [w for _, _, w in examples if len(w) > 1 and alternatives(w[0]) == alternatives(path[-1]) and is_plain_word(w[1])]
                if len(siblings) < 2:
                    break
            name = max(names, key=len)
            level = level.sub(name)
            level.aliases.update(n for n in names if n != name)
            path.append(words[0])
            words = words[1:]
            if level.source is None:
                level.source = source
        flags = read_args(level, words)
        effect = effect_of(description, shape_of(words))
        level.examples.append((effect, clean_description(description), flags))
    return root


def finish(level, top):
    """The spec table of a gathered level."""
    out = {}
    effects = [e for e, _, _ in level.examples if e != NEUTRAL]
    # The program's own effect is that of its shape without options when the
    # pages show one: the examples with options are read by their options
    # (`flag-effects`), and the run time reads a command by its options when
    # all of them are documented.
    plain = [e for e, _, flags in level.examples if e != NEUTRAL and not flags]
    if top and plain:
        effects = plain
    if top:
        if effects and (all(e in READ_LIKE for e in effects) or len(set(effects)) == 1):
            base = most_severe(effects)
        elif effects:
            base = "unknown"
        else:
            base = None
    else:
        base = most_severe(effects) if effects else None
    subs = {name: finish(sub, False) for name, sub in level.subs.items()}
    if subs and base is None:
        base = "unknown"
    if base is None and top:
        base = "unknown"
    if base is not None:
        out["effect"] = base
    if not top and level.examples:
        worst = max(level.examples, key=lambda x: RANK.get(x[0], RANK["unknown"]))
        out["note"] = worst[1][:100]
    if level.aliases:
        out["aliases"] = sorted(level.aliases)
    if level.takes_value:
        out["takes-value"] = sorted(level.takes_value)
    if level.operands:
        out["operands"] = level.operands
    if level.values:
        out["values"] = dict(sorted(level.values.items()))
    flag_effects = {}
    for effect, _, flags in level.examples:
        # An option shown in an example that only qualifies the main action
        # takes the level's effect (or `unknown` when there is none).
        e = effect if effect != NEUTRAL else (base or "unknown")
        for f in flags:
            if f not in flag_effects or RANK[e] > RANK[flag_effects[f]]:
                flag_effects[f] = e
    if flag_effects:
        out["flag-effects"] = dict(sorted(flag_effects.items()))
    if subs:
        out["open-subcommands"] = True
        out["subcommands"] = dict(sorted(subs.items()))
    return out


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_str(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


KEY_ORDER = ["name", "summary", "source", "aliases", "effect", "note", "open-subcommands", "takes-value", "operands", "values", "flag-effects"]


def emit(table, path, lines):
    scalars = [(k, table[k]) for k in KEY_ORDER if k in table]
    if path:
        lines.append("")
        lines.append("[" + ".".join(toml_str(p) if not re.fullmatch(r"[A-Za-z0-9_-]+", p) else p for p in path) + "]")
    for k, v in scalars:
        lines.append(f"{k} = {toml_value(v)}")
    for name, sub in table.get("subcommands", {}).items():
        emit(sub, path + ["subcommands", name], lines)


def summary_of(page):
    first = clean_description(page["description"][0]) if page["description"] else page["name"]
    return first.rstrip(".")


def hand_written(programs_dir):
    names = set()
    for f in sorted(os.listdir(programs_dir)):
        if f.endswith(".toml"):
            with open(os.path.join(programs_dir, f), "rb") as fh:
                spec = tomllib.load(fh)
            names.add(f[:-5])
            names.add(spec.get("name", ""))
            names.update(spec.get("aliases", []))
    return names


PLATFORMS = ["common", "linux", "osx", "freebsd", "openbsd", "netbsd", "sunos", "android"]


def build(pages, known):
    """{program name: TOML text} for every program with a page and no hand-written spec."""
    by_name = {}
    for page in pages:
        by_name.setdefault(page["name"], []).append(page)
    for name in by_name:
        by_name[name].sort(key=lambda p: (PLATFORMS.index(p["platform"]) if p["platform"] in PLATFORMS else 99, p["source"]))
    out = {}
    for name in sorted(by_name):
        if name in known or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]*", name):
            continue
        main = by_name[name][0]
        if any("alias of" in d for d in main["description"]):
            continue
        # Subcommand pages: `name-sub` whose examples run `name sub ...`.
        extra = [p for n, ps in by_name.items() if n.startswith(name + "-") for p in ps[:1]]
        root = gather(name, [main] + sorted(extra, key=lambda p: p["source"]))
        if root is None:
            continue
        table = {"name": name, "summary": summary_of(main), "source": main["source"]}
        table.update(finish(root, True))
        for sub_name, sub in table.get("subcommands", {}).items():
            src = root.subs[sub_name].source
            if src and src != main["source"]:
                sub["source"] = src
        lines = []
        emit(table, [], lines)
        out[name] = "\n".join(lines) + "\n"
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="?", default=os.path.join(repo, "..", "shared", "knowledge", "tldr-pages.jsonl"))
    ap.add_argument("--out", default=os.path.join(repo, "grammars", "generated"))
    ap.add_argument("--programs", default=os.path.join(repo, "grammars", "programs"))
    args = ap.parse_args()
    with open(args.pages, encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh if line.strip()]
    specs = build(pages, hand_written(args.programs))
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".toml") and f[:-5] not in specs:
            os.remove(os.path.join(args.out, f))
    total = 0
    for name, text in specs.items():
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(args.out, name + ".toml"), "wb") as fh:
            fh.write(data)
    print(f"{len(specs)} specs, {total} bytes in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
