//! Places that run later: files whose text (or part of it) is shell code
//! that something runs without the command that wrote it (issue 16).
//!
//! A write into one of them is judged by the code it plants
//! (`Lowerer::track_written_code`): the payload is cut out of the written
//! text by the place's format and lowered as a script of its own, with
//! `Origin::Definition { name: "file:PATH" }` (`file:package.json#scripts.X`
//! for one package script). Rules judge what that code does, and
//! `src/decide/compose.rs` keeps a deny payload deny ("written into …,
//! which runs later").
//!
//! | place | payload |
//! | --- | --- |
//! | shell scripts (`.sh`, …), rc files, git hooks, `.husky/*` | the text |
//! | crontab files (`cron` in the path), a table fed to `crontab -` | each line's command field |
//! | `Makefile`, `*.mk`, `GNUmakefile` | every recipe line (tab-indented), `@`/`-` prefixes dropped |
//! | `justfile` | every recipe line |
//! | CI definitions (`.github/workflows/*.yml`, `.gitlab-ci.yml`, …) | `run:` values and `script:` list items |
//! | `package.json` | the values of `"scripts"` |
//! | code a tool runs by itself: `setup.py`, `conftest.py`, `noxfile.py`, `sitecustomize.py`, `usercustomize.py`, a `.pth` file; JavaScript tool configs (`jest.config.js`, `vite.config.mjs`, `.eslintrc.js`, `gulpfile.js`, …); `Gemfile`, `Rakefile`, `*.gemspec` | the text, read as the code it is (a `.pth` file: its `import` lines) |
//! | editor, dev-container and agent settings: `.vscode/tasks.json`, `devcontainer.json`, `.claude/settings*.json`, `.cursor/hooks.json`, `.gemini/settings.json` | every `command` value (with its `args`) and the dev container's lifecycle commands |
//!
//! [`Place::unattended`] says whether the place runs without anyone naming
//! it: a CI definition, a git hook, a crontab, an rc file, a package's
//! lifecycle script (`preinstall`, `postinstall`, `prepare`, …). Those are
//! `persistence` whatever their code (`PER010`). A Makefile target or a
//! named package script (`lint`, `build`) runs only when someone asks for
//! it by name, and that later command is reviewed then: writing one is
//! judged by its code only (POLICY.md's "a Makefile … added" is read with
//! its worked lines: `make`, `npm run build` are allow).

use super::spec::Language;

/// What kind of run-later place a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The whole text is shell code (a script, an rc file, a git hook).
    Shell,
    /// A cron table: each line's command field runs on schedule.
    Cron,
    /// A Makefile: recipe lines run.
    Makefile,
    /// A justfile: recipe lines run.
    Justfile,
    /// A CI definition: `run:` steps and `script:` items run on every push.
    Ci,
    /// `package.json`: its scripts run through the package manager.
    Manifest,
    /// Code in a language other than shell that a tool runs by itself
    /// (`setup.py`, `conftest.py`, `sitecustomize.py`, a `.pth` file,
    /// `jest.config.js`, `Gemfile`).
    Code(Language),
    /// Editor, dev-container and agent settings whose command fields run
    /// (`.vscode/tasks.json`, `devcontainer.json`, agent hooks).
    Settings,
}

/// Package scripts a package manager runs without being named.
pub const LIFECYCLE: &[&str] =
    &["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare", "prepublish", "prepublishOnly", "prepack", "postpack", "dependencies"];

impl Place {
    /// True when the place runs without anyone naming it later.
    pub fn unattended(self, path: &str) -> bool {
        match self {
            Place::Cron | Place::Ci => true,
            Place::Shell => {
                path.contains(".git/hooks/") || path.contains(".husky/") || path.rsplit('/').next().is_some_and(|b| b.starts_with('.') && b.ends_with("rc"))
            }
            Place::Makefile | Place::Justfile => false,
            // Python runs these at every start; the rest when a build or test is named.
            Place::Code(_) => {
                let base = path.rsplit('/').next().unwrap_or(path);
                matches!(base, "sitecustomize.py" | "usercustomize.py") || base.ends_with(".pth")
            }
            // A task runs when picked; hooks and dev-container commands by themselves.
            Place::Settings => !path.ends_with(".vscode/tasks.json"),
            Place::Manifest => path.split_once("#scripts.").is_some_and(|(_, s)| LIFECYCLE.contains(&s)),
        }
    }
}

/// The place a written path is, by its name (after normalisation).
pub fn place(path: &str) -> Option<Place> {
    let file = path.split('#').next().unwrap_or(path);
    let base = file.rsplit('/').next().unwrap_or(file);
    let lower = base.to_ascii_lowercase();
    if matches!(base, "Makefile" | "makefile" | "GNUmakefile") || lower.ends_with(".mk") {
        return Some(Place::Makefile);
    }
    if matches!(base, "justfile" | "Justfile" | ".justfile") {
        return Some(Place::Justfile);
    }
    if base == "package.json" {
        return Some(Place::Manifest);
    }
    let yaml = lower.ends_with(".yml") || lower.ends_with(".yaml");
    if yaml
        && (file.contains(".github/workflows/")
            || file.contains(".gitea/workflows/")
            || file.contains(".forgejo/workflows/")
            || base == ".gitlab-ci.yml"
            || file.contains(".circleci/")
            || base == "azure-pipelines.yml"
            || base == "bitbucket-pipelines.yml"
            || base == ".travis.yml"
            || file.contains(".buildkite/"))
    {
        return Some(Place::Ci);
    }
    // Installed tables only: a workspace file named `cron.txt` runs nothing.
    if file == "crontab" || file.starts_with("/etc/cron") || file.contains("/spool/cron") {
        return Some(Place::Cron);
    }
    if file.contains(".git/hooks/") || file.contains(".husky/") {
        return Some(Place::Shell);
    }
    if let Some(lang) = code_place(base) {
        return Some(Place::Code(lang));
    }
    let agent_settings = (file.contains("/.claude/") && base.starts_with("settings") && base.ends_with(".json"))
        || file.ends_with("/.cursor/hooks.json")
        || file.ends_with("/.gemini/settings.json");
    if agent_settings || file.ends_with(".vscode/tasks.json") || matches!(base, "devcontainer.json" | ".devcontainer.json") {
        return Some(Place::Settings);
    }
    None
}

/// The language of a file a tool runs by itself as code, by its name.
/// TypeScript configs are left out: the JavaScript reader does not read
/// type annotations, and a gap there would ask about every new config.
fn code_place(base: &str) -> Option<Language> {
    if matches!(base, "setup.py" | "conftest.py" | "noxfile.py" | "fabfile.py" | "sitecustomize.py" | "usercustomize.py") || base.ends_with(".pth") {
        return Some(Language::Python);
    }
    if matches!(base, "Gemfile" | "Rakefile") || base.ends_with(".gemspec") {
        return Some(Language::Ruby);
    }
    let (stem, ext) = base.rsplit_once('.')?;
    if !matches!(ext, "js" | "cjs" | "mjs") {
        return None;
    }
    const TOOLS: &[&str] = &[
        "jest",
        "vite",
        "vitest",
        "webpack",
        "rollup",
        "next",
        "nuxt",
        "svelte",
        "astro",
        "babel",
        "postcss",
        "tailwind",
        "playwright",
        "cypress",
        "karma",
        "eslint",
        "prettier",
        "stylelint",
        "commitlint",
        "lint-staged",
        "tsup",
        "esbuild",
    ];
    let config = stem.strip_suffix(".config").is_some_and(|t| TOOLS.contains(&t));
    let dotfile = [".eslintrc", ".prettierrc", ".mocharc", ".babelrc", ".stylelintrc", ".lintstagedrc"].contains(&stem);
    (config || dotfile || matches!(stem, "gulpfile" | "Gruntfile" | "Jakefile")).then_some(Language::Javascript)
}

/// The command lines of a settings file: every `command` value (a string,
/// followed by its sibling `args`), and a dev container's lifecycle
/// commands (a string, an argv array, or an object of either).
pub fn settings_commands(text: &str) -> Vec<String> {
    fn argv(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(a) => {
                let words: Vec<String> = a.iter().filter_map(|w| w.as_str().map(crate::ir::words::shell_quote)).collect();
                (!words.is_empty()).then(|| words.join(" "))
            }
            _ => None,
        }
    }
    fn walk(v: &serde_json::Value, out: &mut Vec<String>, depth: u32) {
        const LIFECYCLE: &[&str] =
            &["initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"];
        if depth > 32 || out.len() >= 256 {
            return;
        }
        match v {
            serde_json::Value::Object(m) => {
                if let Some(cmd) = m.get("command").and_then(serde_json::Value::as_str) {
                    // The sibling `args` array, quoted as the lifecycle argvs are.
                    match m.get("args").filter(|a| a.is_array()).and_then(argv) {
                        Some(args) => out.push(format!("{cmd} {args}")),
                        None => out.push(cmd.to_string()),
                    }
                }
                for (k, child) in m {
                    if LIFECYCLE.contains(&k.as_str()) {
                        match child {
                            serde_json::Value::Object(cmds) => out.extend(cmds.values().filter_map(argv)),
                            other => out.extend(argv(other)),
                        }
                    } else if k != "command" {
                        walk(child, out, depth + 1);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| walk(c, out, depth + 1)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        walk(&v, &mut out, 0);
    }
    out
}

/// The shell code a text written into `place` runs.
pub fn payload(place: Place, path: &str, text: &str) -> String {
    match place {
        Place::Shell => text.to_string(),
        Place::Cron => text.lines().filter_map(cron_command).collect::<Vec<_>>().join("\n"),
        Place::Makefile => recipe_lines(text).join("\n"),
        Place::Justfile => just_recipes(text).into_iter().flat_map(|(_, _, lines)| lines).collect::<Vec<_>>().join("\n"),
        Place::Ci => ci_steps(text).join("\n"),
        Place::Manifest => scripts(text).into_iter().map(|(_, v)| v).collect::<Vec<_>>().join("\n"),
        Place::Settings => settings_commands(text).join("\n"),
        // `site.py` runs the lines of a `.pth` file that start with `import`.
        Place::Code(_) if path.ends_with(".pth") => {
            text.lines().filter(|l| l.starts_with("import ") || l.starts_with("import\t")).collect::<Vec<_>>().join("\n")
        }
        Place::Code(_) => text.to_string(),
    }
}

/// The command field of one cron line: after five time fields or an
/// `@reboot`-style word; comments and `VAR=value` lines run nothing.
pub fn cron_command(line: &str) -> Option<String> {
    let l = line.trim();
    if l.is_empty() || l.starts_with('#') {
        return None;
    }
    let first = l.split_whitespace().next().unwrap_or_default();
    if !first.starts_with('@') && first.contains('=') {
        return None;
    }
    let skip = if first.starts_with('@') { 1 } else { 5 };
    let cmd = l.split_whitespace().skip(skip).collect::<Vec<_>>().join(" ");
    (!cmd.is_empty()).then_some(cmd)
}

/// Every recipe line of a Makefile text (any target may be asked for
/// later): lines that start with a tab, `@`, `-` and `+` prefixes dropped,
/// `$$` read as make's `$`.
pub fn recipe_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix('\t'))
        .map(|b| b.trim_start_matches(['@', '-', '+', ' ']).replace("$$", "$"))
        .filter(|b| !b.trim().is_empty())
        .collect()
}

/// What `make TARGET…` runs from a Makefile's text: for each goal (the
/// default goal when none), its prerequisites' recipes first (depth first,
/// each target once, at most [`MAX_MAKE_TARGETS`]), then its own recipe.
pub fn make_plan(text: &str, goals: &[String]) -> Vec<String> {
    let mut rules: Vec<(Vec<String>, Vec<String>, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(body) = line.strip_prefix('\t') {
            if let Some(last) = rules.last_mut() {
                last.2.push(body.trim_start_matches(['@', '-', '+', ' ']).replace("$$", "$"));
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some((names, rest)) = line.split_once(':').filter(|(n, rest)| !n.contains('=') && !rest.starts_with('=')) {
            let (prereqs, inline) = rest.split_once(';').map_or((rest, None), |(p, r)| (p, Some(r.trim().to_string())));
            let names = names.split_whitespace().map(str::to_string).collect();
            let prereqs = prereqs.split_whitespace().filter(|p| *p != "|").map(str::to_string).collect();
            rules.push((names, prereqs, inline.into_iter().filter(|r| !r.is_empty()).collect()));
        }
    }
    let goals: Vec<String> = if goals.is_empty() { default_target(text).into_iter().collect() } else { goals.to_vec() };
    let mut out = Vec::new();
    let mut done: Vec<String> = Vec::new();
    fn visit(t: &str, rules: &[(Vec<String>, Vec<String>, Vec<String>)], done: &mut Vec<String>, out: &mut Vec<String>, depth: u32) {
        if depth > 32 || done.len() >= MAX_MAKE_TARGETS || done.iter().any(|d| d == t) {
            return;
        }
        done.push(t.to_string());
        let mine: Vec<&(Vec<String>, Vec<String>, Vec<String>)> = rules.iter().filter(|r| r.0.iter().any(|n| n == t)).collect();
        for r in &mine {
            for p in &r.1 {
                visit(p, rules, done, out, depth + 1);
            }
        }
        for r in mine {
            out.extend(r.2.iter().cloned());
        }
    }
    for g in &goals {
        visit(g, &rules, &mut done, &mut out, 0);
    }
    out
}

/// Most targets one `make` run is followed through.
pub const MAX_MAKE_TARGETS: usize = 256;

/// The recipes of a justfile: `name args…: deps…` lines, then indented
/// lines. `(recipe, dependencies, lines)`; the first is `just`'s default.
pub fn just_recipes(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                let body = line.trim();
                if !body.is_empty() && !body.starts_with('#') {
                    last.2.push(body.trim_start_matches(['@', '-']).to_string());
                }
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("set ") || trimmed.contains(":=") {
            continue;
        }
        if let Some((head, deps)) = trimmed.split_once(':') {
            if let Some(name) = head.split_whitespace().next().map(|n| n.trim_start_matches('@')) {
                let deps = deps.split_whitespace().filter(|d| !d.contains('=') && !d.starts_with('(')).map(str::to_string).collect();
                out.push((name.to_string(), deps, Vec::new()));
            }
        }
    }
    out
}

/// What `just RECIPE` runs (the first recipe when `None`): its
/// dependencies' lines first, each recipe once.
pub fn just_plan(text: &str, recipe: Option<&str>) -> Vec<String> {
    let recipes = just_recipes(text);
    let Some(start) = recipe.map(str::to_string).or_else(|| recipes.first().map(|r| r.0.clone())) else { return Vec::new() };
    let mut out = Vec::new();
    let mut done: Vec<String> = Vec::new();
    let mut stack = vec![(start, false)];
    while let Some((name, expanded)) = stack.pop() {
        let Some(r) = recipes.iter().find(|r| r.0 == name) else { continue };
        if expanded {
            out.extend(r.2.iter().cloned());
            continue;
        }
        if done.contains(&name) || done.len() >= MAX_MAKE_TARGETS {
            continue;
        }
        done.push(name.clone());
        stack.push((name, true));
        stack.extend(r.1.iter().rev().map(|d| (d.clone(), false)));
    }
    out
}

/// The first target of a Makefile (make's default goal).
pub fn default_target(text: &str) -> Option<String> {
    text.lines().filter(|l| !l.starts_with('\t') && !l.trim_start().starts_with('#')).find_map(|l| {
        let (names, rest) = l.split_once(':')?;
        if names.contains('=') || rest.starts_with('=') {
            return None;
        }
        names.split_whitespace().find(|n| !n.starts_with('.')).map(str::to_string)
    })
}

/// The commands of a CI definition: `run:` values (inline or a `|` block)
/// and the items of `script:`-like lists.
pub fn ci_steps(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let item = line.trim_start().trim_start_matches("- ").trim_start();
        let key = item.split_once(':').map(|(k, v)| (k.trim(), v.trim()));
        i += 1;
        let Some((key, value)) = key else { continue };
        let is_run = key == "run" || key == "command";
        let is_list = matches!(key, "script" | "before_script" | "after_script" | "commands");
        if !is_run && !is_list {
            continue;
        }
        let block = value.starts_with('|') || value.starts_with('>');
        if is_run && !value.is_empty() && !block {
            out.push(unquote(value));
            continue;
        }
        if is_list && !value.is_empty() && !block {
            out.push(unquote(value.trim_start_matches('[').trim_end_matches(']')));
            continue;
        }
        let base = indent(line);
        while i < lines.len()
            && (lines[i].trim().is_empty() || indent(lines[i]) > base || is_list && lines[i].trim_start().starts_with("- ") && indent(lines[i]) >= base)
        {
            let l = lines[i].trim();
            if !l.is_empty() {
                out.push(if block { l.to_string() } else { unquote(l.trim_start_matches("- ").trim()) });
            }
            i += 1;
        }
    }
    out
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

/// The `"scripts"` of a `package.json` text, `(name, command)`; none when
/// the text is not JSON.
pub fn scripts(text: &str) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str::<serde_json::Value>(text) else { return Vec::new() };
    let Some(serde_json::Value::Object(s)) = top.get("scripts") else { return Vec::new() };
    s.iter().filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string()))).collect()
}

/// The scripts `npm run NAME` runs, in order: `preNAME`, `NAME`, `postNAME`.
pub fn run_order(scripts: &[(String, String)], name: &str) -> Vec<(String, String)> {
    [format!("pre{name}"), name.to_string(), format!("post{name}")].into_iter().filter_map(|n| scripts.iter().find(|(k, _)| *k == n).cloned()).collect()
}

/// Package scripts a jq filter sets (`.scripts.test = "…"`,
/// `.scripts["x"] |= "…"`): `(name, command)`.
pub fn jq_script_sets(filter: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = filter;
    while let Some(at) = rest.find(".scripts") {
        rest = &rest[at + ".scripts".len()..];
        let (name, after) = if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':')).unwrap_or(r.len());
            (r[..end].to_string(), &r[end..])
        } else if let Some(r) = rest.strip_prefix("[\"") {
            let Some((n, a)) = r.split_once("\"]") else { continue };
            (n.to_string(), a)
        } else {
            continue;
        };
        let after = after.trim_start();
        let Some(value) = after.strip_prefix("|=").or_else(|| after.strip_prefix('=')).map(str::trim_start) else { continue };
        let Some(body) = value.strip_prefix('"') else { continue };
        let mut text = String::new();
        let mut chars = body.chars();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => {
                    if let Some(n) = chars.next() {
                        text.push(if n == 'n' { '\n' } else { n });
                    }
                }
                '"' => break,
                _ => text.push(ch),
            }
        }
        if !name.is_empty() {
            out.push((name, text));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_by_name() {
        assert_eq!(place("/w/Makefile"), Some(Place::Makefile));
        assert_eq!(place("/w/build/rules.mk"), Some(Place::Makefile));
        assert_eq!(place("/w/package.json#scripts.lint"), Some(Place::Manifest));
        assert_eq!(place("/w/.github/workflows/ci.yml"), Some(Place::Ci));
        assert_eq!(place("/w/.gitlab-ci.yml"), Some(Place::Ci));
        assert_eq!(place("/etc/cron.d/job"), Some(Place::Cron));
        assert_eq!(place("crontab"), Some(Place::Cron), "a table fed to `crontab -`");
        assert_eq!(place("/w/.husky/pre-commit"), Some(Place::Shell));
        for p in ["/w/config.yml", "/w/notes.txt", "/w/docs/Makefile.md", "/w/package-lock.json", "/w/cron.txt"] {
            assert_eq!(place(p), None, "{p}");
        }
        assert!(Place::Manifest.unattended("/w/package.json#scripts.postinstall"));
        assert!(!Place::Manifest.unattended("/w/package.json#scripts.lint"));
        assert!(Place::Ci.unattended("/w/.gitlab-ci.yml"));
        assert!(!Place::Makefile.unattended("/w/Makefile"));
        assert!(Place::Shell.unattended("/w/.husky/pre-commit"));
        assert!(Place::Shell.unattended(".git/hooks/pre-push"));
        assert!(!Place::Shell.unattended("/w/scripts/deploy.sh"));
    }

    #[test]
    fn makefile_recipe_lines() {
        let mk = "CC = gcc\nall: build\n\t@echo all\nbuild:\n\tcargo build\n\t-rm -f x\nclean:\n\trm -rf target\n";
        assert_eq!(recipe_lines(mk), ["echo all", "cargo build", "rm -f x", "rm -rf target"], "every target may run later");
        assert_eq!(default_target(mk).as_deref(), Some("all"));
        assert_eq!(default_target(".PHONY: x\nx:\n\tls\n").as_deref(), Some("x"));
        assert_eq!(recipe_lines("\tls $$HOME\n"), ["ls $HOME"]);
    }

    #[test]
    fn make_plans_follow_prerequisites() {
        let mk = "all: build test\nbuild: gen\n\tcargo build\ngen:\n\t./gen.sh\ntest: build\n\tcargo test\nquick: ; echo q\n";
        assert_eq!(make_plan(mk, &[]), ["./gen.sh", "cargo build", "cargo test"], "the default goal, each target once");
        assert_eq!(make_plan(mk, &["test".to_string()]), ["./gen.sh", "cargo build", "cargo test"]);
        assert_eq!(make_plan(mk, &["quick".to_string()]), ["echo q"], "a recipe after `;`");
        assert!(make_plan(mk, &["missing".to_string()]).is_empty());
        // A loop of prerequisites ends.
        assert_eq!(make_plan("a: b\n\tls a\nb: a\n\tls b\n", &[]), ["ls b", "ls a"]);
    }

    #[test]
    fn just_recipes_by_name() {
        let j = "set shell := [\"bash\", \"-c\"]\ndefault: build\nbuild:\n    cargo build\ntest filter='':\n    @cargo test {{filter}}\n";
        let r = just_recipes(j);
        assert_eq!(r.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>(), ["default", "build", "test"]);
        assert_eq!(r[2].2, ["cargo test {{filter}}"]);
        assert_eq!(just_plan(j, None), ["cargo build"], "the default recipe runs its dependency");
        assert_eq!(just_plan(j, Some("test")), ["cargo test {{filter}}"]);
        assert!(just_plan(j, Some("nope")).is_empty());
    }

    #[test]
    fn ci_steps_inline_and_blocks() {
        let gh = "jobs:\n  b:\n    steps:\n      - run: npm ci\n      - name: t\n        run: |\n          npm test\n          npm run lint\n      - uses: actions/checkout@v4\n";
        assert_eq!(ci_steps(gh), ["npm ci", "npm test", "npm run lint"]);
        let gl = "test:\n  script:\n    - make test\n    - \"echo done\"\n  stage: test\n";
        assert_eq!(ci_steps(gl), ["make test", "echo done"]);
        assert_eq!(ci_steps("  - run: env | sort\n"), ["env | sort"], "a step appended");
        assert!(ci_steps("name: CI\non: push\n").is_empty());
    }

    #[test]
    fn cron_lines() {
        assert_eq!(cron_command("*/5 * * * * make -C /srv backup").as_deref(), Some("make -C /srv backup"));
        assert_eq!(cron_command("@reboot ./start.sh").as_deref(), Some("./start.sh"));
        assert_eq!(cron_command("# m h dom mon dow command"), None);
        assert_eq!(cron_command("MAILTO=dev@example.com"), None);
    }

    #[test]
    fn package_scripts_and_jq_sets() {
        let pj = r#"{"name":"x","scripts":{"pretest":"npm run lint","test":"jest","lint":"eslint ."}}"#;
        assert_eq!(scripts(pj).len(), 3);
        let order: Vec<String> = run_order(&scripts(pj), "test").into_iter().map(|(k, _)| k).collect();
        assert_eq!(order, ["pretest", "test"]);
        assert!(scripts("not json").is_empty());
        assert_eq!(jq_script_sets(r#".scripts.test = "jest --ci""#), [("test".to_string(), "jest --ci".to_string())]);
        assert_eq!(jq_script_sets(r#".scripts["post-x"] |= "echo \"hi\"""#), [("post-x".to_string(), "echo \"hi\"".to_string())]);
        assert!(jq_script_sets(".version = \"2.0.0\"").is_empty());
    }

    /// `(file, command text)` of every command lowered from written code.
    fn planted(cmd: &str) -> Vec<(String, String)> {
        let s = crate::ir::analyse(cmd, &crate::ir::Env::default());
        s.commands
            .iter()
            .filter_map(|c| match &c.origin {
                crate::ir::Origin::Definition { name } => {
                    let words: Vec<&str> = std::iter::once(c.name.as_str()).chain(c.args.iter().map(|w| w.text.as_str())).collect();
                    name.strip_prefix("file:").map(|f| (f.to_string(), words.join(" ")))
                }
                _ => None,
            })
            .collect()
    }

    fn one(file: &str, code: &str) -> Vec<(String, String)> {
        vec![(file.to_string(), code.to_string())]
    }

    #[test]
    fn a_writer_behind_a_wrapper_is_the_writer() {
        for cmd in [
            "command echo 'ls a' >> x.sh",
            "builtin printf 'ls a\\n' > x.sh",
            "nice -n 5 echo 'ls a' > x.sh",
            "env LC_ALL=C printf 'ls a' > x.sh",
            "sudo tee -a x.sh <<< 'ls a'",
            "echo 'ls a' | sudo tee x.sh > /dev/null",
            "command sed -i '1a ls a' x.sh",
            "sudo sed -i '$a ls a' x.sh",
        ] {
            assert_eq!(planted(cmd), one("x.sh", "ls a"), "{cmd:?}");
        }
    }

    #[test]
    fn in_place_edits_plant_their_text() {
        assert_eq!(planted("sed -i 's/^set -e$/ls a/' x.sh"), one("x.sh", "ls a"));
        assert_eq!(planted("sed -i -e '/^main/i ls a' x.sh"), one("x.sh", "ls a"));
        assert_eq!(planted("perl -pi -e 's/^/ls a\\n/ if $. == 1' x.sh"), one("x.sh", "ls a"));
        // A script by its `#!` line, written earlier in the command.
        assert_eq!(planted("printf '#!/bin/sh\\necho hi\\n' > tool; sed -i '1a ls a' tool"), one("tool", "ls a"));
        // Edits that insert no text, and edits of files that do not run.
        for cmd in ["sed -i '/debug/d' x.sh", "sed -i 's/foo//' x.sh", "sed -i '1a ls a' notes.txt", "perl -pi -e 's/a/b/' README.md"] {
            assert!(planted(cmd).is_empty(), "{cmd:?}");
        }
    }

    #[test]
    fn settings_commands_with_their_arguments() {
        let tasks =
            r#"{"tasks": [{"label": "b", "command": "cargo", "args": ["build", "--features", "a b"]}, {"label": "t", "command": "make test", "args": []}]}"#;
        assert_eq!(settings_commands(tasks), ["cargo build --features 'a b'", "make test"]);
        let container = r#"{"postCreateCommand": ["npm", "ci"], "postStartCommand": {"db": "make db", "web": ["npm", "start"]}, "initializeCommand": "ls"}"#;
        let mut got = settings_commands(container);
        got.sort();
        assert_eq!(got, ["ls", "make db", "npm ci", "npm start"]);
        let hooks = r#"{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "riskgate hook"}]}]}}"#;
        assert_eq!(settings_commands(hooks), ["riskgate hook"]);
        assert!(settings_commands("not json").is_empty());
        assert_eq!(place("/w/.vscode/tasks.json"), Some(Place::Settings));
        assert_eq!(place("/w/.devcontainer/devcontainer.json"), Some(Place::Settings));
        assert_eq!(place("/w/setup.py"), Some(Place::Code(Language::Python)));
        assert_eq!(place("/w/vite.config.mjs"), Some(Place::Code(Language::Javascript)));
        assert_eq!(place("/w/vite.config.ts"), None, "TypeScript configs are left out");
        assert_eq!(payload(Place::Code(Language::Python), "/v/site-packages/x.pth", "/w/src\nimport os; os.system('ls')\n"), "import os; os.system('ls')");
    }

    #[test]
    fn places_that_run_later_plant_their_payload() {
        assert_eq!(planted("npm pkg set scripts.lint='eslint .'"), one("package.json#scripts.lint", "eslint ."));
        assert_eq!(planted("jq '.scripts.test = \"jest\"' package.json > p.json"), one("package.json#scripts.test", "jest"));
        assert_eq!(planted("printf 'build:\\n\\tcargo build\\n' > Makefile"), one("Makefile", "cargo build"));
        assert_eq!(planted("echo '  - run: make ci' >> .github/workflows/ci.yml"), one(".github/workflows/ci.yml", "make ci"));
        assert_eq!(planted("echo '0 3 * * * make backup' | crontab -"), one("crontab", "make backup"));
        assert_eq!(
            planted("cat > package.json <<'EOF'\n{\"scripts\": {\"postinstall\": \"make x\"}}\nEOF"),
            one("package.json#scripts.postinstall", "make x"),
            "a manifest written whole names each script"
        );
        assert_eq!(planted("(crontab -l; echo '@reboot make up') | crontab -"), one("crontab", "make up"));
        assert_eq!(planted("echo '@daily make x' | sudo tee /etc/cron.d/x"), one("/etc/cron.d/x", "make x"));
        // Not installed, not a place: nothing runs.
        for cmd in [
            "echo '0 3 * * * make backup' > cron.txt",
            "echo 'name: CI' > .github/workflows/ci.yml",
            "npm pkg set version=2.0.0",
            "jq '.version = \"2\"' package.json",
        ] {
            assert!(planted(cmd).is_empty(), "{cmd:?}");
        }
    }
}
