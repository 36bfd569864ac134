//! The static heuristics: a registry of rules, one file each, grouped in one
//! family per POLICY.md category.
//!
//! A rule reads only the IR (commands after unwrapping, normalized flags,
//! classified paths, data flow); it never sees raw text or tree-sitter nodes
//! (obfuscation rules may read a word's `raw`, and say so). Each rule
//! declares the programs it inspects; `&[]` means every command and its doc
//! says why. Every rule carries examples that must fire and must pass; the
//! registry tests run them through the whole pipeline, so unwrapping is
//! exercised for every rule.

pub mod helpers;
pub(crate) mod shared;

mod credentials;
mod destructive;
mod evasion;
mod exfiltration;
mod external_effects;
mod obfuscation;
mod persistence;
mod privilege;
mod remote_access;
mod remote_code;
mod sandbox_escape;
mod system;

use serde::Serialize;

use crate::ir::{Command, Env, Script, Span};
use crate::policy::{Category, Decision};

/// Everything a rule needs besides its command.
pub mod prelude {
    pub(crate) use super::helpers::*;
    pub(crate) use super::{Context, Hit, Rule};
    pub(crate) use crate::ir::{Command, Effect, Input, Origin, PathClass, RedirectOp, Trick, Word, WrapperKind};
    pub(crate) use crate::policy::{Category, Decision};
}

/// One heuristic: metadata (its doc is the user documentation) and a check.
pub struct Rule {
    /// Stable code: the category prefix and three digits (`DES001`).
    pub code: &'static str,
    /// Kebab-case name of the flagged pattern (`recursive-delete-of-root`).
    pub name: &'static str,
    /// The category it belongs to.
    pub category: Category,
    /// Severity when it fires: `Ask` or `Deny`.
    pub decision: Decision,
    /// Programs it inspects: normalized names, or a kind of program read
    /// from the specs ([`Selector`]: `@shell`, `@interpreter`, `@code`,
    /// `@python`…); empty means every command.
    pub commands: &'static [&'static str],
    /// What a flagged command does, concretely; the default reason.
    pub summary: &'static str,
    /// Why that is risky, in one sentence.
    pub why: &'static str,
    /// The check: `Some(hit)` when the command matches.
    pub check: fn(&Command, &Context<'_>) -> Option<Hit>,
    /// Commands that must fire this rule.
    pub fires: &'static [&'static str],
    /// Commands that must not fire it.
    pub passes: &'static [&'static str],
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).field("name", &self.name).finish_non_exhaustive()
    }
}

/// What a rule sees besides the command: the whole script (for data flow)
/// and the environment.
pub struct Context<'a> {
    /// The lowered script.
    pub script: &'a Script,
    /// Workspace and home.
    pub env: &'a Env,
}

/// A rule's finding on one command.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    /// The part of the command that decided (defaults to the command's span).
    pub span: Option<Span>,
    /// A message more specific than the rule's summary.
    pub message: Option<String>,
}

impl Hit {
    /// A hit on the whole command.
    #[must_use]
    pub fn command() -> Hit {
        Hit::default()
    }

    /// A hit on one word.
    #[must_use]
    pub fn on(word: &crate::ir::Word) -> Hit {
        Hit { span: Some(word.span), message: None }
    }

    /// Replaces the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Hit {
        self.message = Some(message.into());
        self
    }
}

/// A fired rule, located.
#[derive(Debug, Clone, Serialize)]
pub struct RuleHit {
    /// The rule's code.
    pub rule: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The rule's category.
    pub category: Category,
    /// The rule's severity.
    pub severity: Decision,
    /// What the command does (the hit's message or the rule's summary).
    pub message: String,
    /// Byte range in the original command.
    pub span: Span,
    /// Index of the command in the script.
    #[serde(skip)]
    pub command: usize,
}

/// Every family, in POLICY.md category order.
pub static FAMILIES: &[(Category, &[&Rule])] = &[
    (Category::Destructive, destructive::RULES),
    (Category::Exfiltration, exfiltration::RULES),
    (Category::RemoteCode, remote_code::RULES),
    (Category::Credentials, credentials::RULES),
    (Category::Privilege, privilege::RULES),
    (Category::Persistence, persistence::RULES),
    (Category::SandboxEscape, sandbox_escape::RULES),
    (Category::System, system::RULES),
    (Category::ExternalEffects, external_effects::RULES),
    (Category::RemoteAccess, remote_access::RULES),
    (Category::Obfuscation, obfuscation::RULES),
    (Category::Evasion, evasion::RULES),
];

/// Every rule.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|(_, rules)| rules.iter().copied())
}

/// The rule with a code, case-insensitively.
#[must_use]
pub fn by_code(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// `terraform destroy --help`: a program with a spec asked for its usage
/// text, which its parser prints before doing anything. Shells,
/// interpreters and wrappers pass `--help` on to what they run, and a
/// redirection still writes, so those are judged as usual; deny rules
/// apply regardless.
fn help_only(cmd: &Command, program: &std::cell::OnceCell<Program>) -> bool {
    cmd.argv.known
        && cmd.wraps.is_none()
        && !cmd.is_function
        && cmd.redirects.is_empty()
        && cmd.args.iter().take_while(|a| a.text != "--").any(|a| a.text == "--help")
        && !matches!(program.get_or_init(|| Program::of(&cmd.name)).kind, Some(crate::ir::Kind::Shell | crate::ir::Kind::Interpreter))
}

/// True when the command's output or reads carry a secret, as the
/// credentials family judges it: the exfiltration rules ask this through the
/// registry, so neither family imports the other.
pub(crate) fn secret_source(cmd: &Command, cx: &Context<'_>) -> bool {
    credentials::secret_source(cmd, cx)
}

/// A kind of program a rule's `commands` may name instead of listing
/// programs, answered by the program's spec ([`crate::ir::programs`]), so a
/// new interpreter or alias needs a spec line and no rule change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selector {
    /// `@shell`: shells (spec kind `shell`).
    Shell,
    /// `@interpreter`: script interpreters (spec kind `interpreter`).
    Interpreter,
    /// `@code`: programs that run code in a language other than shell
    /// (interpreters, `awk`, SQL shells: a spec `language`).
    Code,
    /// `@python`, `@javascript`, …: programs whose spec `language` is that one.
    Language(crate::ir::Language),
}

impl Selector {
    /// The selector a `commands` entry names, if it names one.
    #[must_use]
    pub fn parse(entry: &str) -> Option<Selector> {
        Some(match entry {
            "@shell" => Selector::Shell,
            "@interpreter" => Selector::Interpreter,
            "@code" => Selector::Code,
            _ => Selector::Language(crate::ir::Language::parse(entry.strip_prefix('@')?)?),
        })
    }

    /// True when the program is of this kind.
    #[must_use]
    pub fn matches(self, program: Program) -> bool {
        match self {
            Selector::Shell => program.kind == Some(crate::ir::Kind::Shell),
            Selector::Interpreter => program.kind == Some(crate::ir::Kind::Interpreter),
            Selector::Code => program.language.is_some_and(|l| l != crate::ir::Language::Shell),
            Selector::Language(l) => program.language == Some(l),
        }
    }
}

/// What the spec says a command's program is, looked up once per command.
#[derive(Debug, Clone, Copy, Default)]
pub struct Program {
    /// The spec's kind.
    pub kind: Option<crate::ir::Kind>,
    /// The language of the code it runs.
    pub language: Option<crate::ir::Language>,
}

impl Program {
    /// The program a name is.
    #[must_use]
    pub fn of(name: &str) -> Program {
        let spec = crate::ir::spec::lookup(name);
        let kind = spec.and_then(|s| s.kind);
        let language = spec.and_then(|s| s.language).or((kind == Some(crate::ir::Kind::Shell)).then_some(crate::ir::Language::Shell));
        Program { kind, language }
    }
}

/// True when a rule's `commands` cover the command.
pub(crate) fn applies(commands: &[&str], cmd: &Command) -> bool {
    applies_to(commands, cmd, &std::cell::OnceCell::new())
}

/// [`applies`], with the program looked up at most once (`program`).
fn applies_to(commands: &[&str], cmd: &Command, program: &std::cell::OnceCell<Program>) -> bool {
    commands.is_empty()
        || commands.iter().any(|c| {
            if c.starts_with('@') { Selector::parse(c).is_some_and(|s| s.matches(*program.get_or_init(|| Program::of(&cmd.name)))) } else { *c == cmd.name }
        })
}

/// The rules in registry order, indexed by the programs they name: a
/// command is looked at only by the rules naming its program and those that
/// look at every command or at a kind of program (a selector), in registry
/// order, so hits come out as a full scan would produce them.
struct Dispatch {
    rules: Vec<&'static Rule>,
    /// Rules with no `commands`, or with a selector among them.
    general: Vec<usize>,
    /// Rules that name programs only, by name.
    by_name: std::collections::HashMap<&'static str, Vec<usize>>,
}

fn dispatch() -> &'static Dispatch {
    static DISPATCH: std::sync::OnceLock<Dispatch> = std::sync::OnceLock::new();
    DISPATCH.get_or_init(|| {
        let rules: Vec<&'static Rule> = all().collect();
        let mut general = Vec::new();
        let mut by_name: std::collections::HashMap<&'static str, Vec<usize>> = std::collections::HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.commands.is_empty() || rule.commands.iter().any(|c| c.starts_with('@')) {
                general.push(i);
            } else {
                for name in rule.commands {
                    by_name.entry(name).or_default().push(i);
                }
            }
        }
        Dispatch { rules, general, by_name }
    })
}

/// Runs every enabled rule on every command of the script.
#[must_use]
pub fn run(script: &Script, env: &Env, disabled: &[&str]) -> Vec<RuleHit> {
    let cx = Context { script, env };
    let mut hits = Vec::new();
    let d = dispatch();
    let mut candidates: Vec<usize> = Vec::new();
    for cmd in &script.commands {
        let program = std::cell::OnceCell::new();
        let help = help_only(cmd, &program);
        candidates.clear();
        candidates.extend_from_slice(&d.general);
        if let Some(named) = d.by_name.get(cmd.name.as_str()) {
            candidates.extend_from_slice(named);
            candidates.sort_unstable();
            candidates.dedup();
        }
        for rule in candidates.iter().map(|&i| d.rules[i]) {
            // Deny rules still apply to a help request: a catastrophic
            // command is not waved through on one program's word.
            if disabled.contains(&rule.code) || help && rule.decision == Decision::Ask {
                continue;
            }
            if !applies_to(rule.commands, cmd, &program) {
                continue;
            }
            if let Some(hit) = (rule.check)(cmd, &cx) {
                hits.push(RuleHit {
                    rule: rule.code,
                    name: rule.name,
                    category: rule.category,
                    severity: rule.decision,
                    message: hit.message.unwrap_or_else(|| rule.summary.to_string()),
                    span: hit.span.unwrap_or(cmd.span),
                    command: cmd.id,
                });
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits_of(rule: &Rule, command: &str) -> Vec<RuleHit> {
        let env = Env::default();
        let script = crate::ir::analyse(command, &env);
        run(&script, &env, &[]).into_iter().filter(|h| h.rule == rule.code).collect()
    }

    #[test]
    fn help_requests_skip_ask_rules_but_not_deny_rules() {
        let env = Env::default();
        let codes = |c: &str| run(&crate::ir::analyse(c, &env), &env, &[]).into_iter().map(|h| h.rule).collect::<Vec<_>>();
        assert!(!codes("terraform destroy").is_empty());
        assert!(codes("terraform destroy --help").is_empty());
        assert!(codes("rm -rf / --help").contains(&"DES001"), "deny rules still apply");
        assert!(!codes("bash -c 'terraform destroy' --help").is_empty(), "a shell passes --help on");
        assert!(!codes("terraform destroy --help > ~/.bashrc").is_empty(), "a redirection still writes");
        assert!(!codes("terraform destroy -- --help").is_empty(), "after `--` it is an operand");
    }

    /// Every rule example run by `from` (`python3 -c …`) with the program
    /// renamed to `to`, and the rule it must fire.
    fn renamed_examples(from: &[&str], to: &str) -> Vec<(&'static Rule, String)> {
        let mut out = Vec::new();
        for rule in all() {
            for ex in rule.fires {
                let words: Vec<&str> = ex.split(' ').collect();
                if words.iter().any(|w| from.contains(w)) {
                    let renamed = words.iter().map(|w| if from.contains(w) { to } else { w }).collect::<Vec<_>>().join(" ");
                    out.push((rule, renamed));
                }
            }
        }
        out
    }

    /// A program known only through a spec fixture that says it runs
    /// Python (or JavaScript) has its code read by every rule that reads
    /// code in that language: no rule keeps a list of interpreters.
    #[test]
    fn an_interpreter_known_only_by_its_spec_has_its_code_read_by_every_rule() {
        for (fixture, from, to) in [
            (include_str!("../../tests/fixtures/specs/fakepy.toml"), &["python3", "python", "python2"][..], "fakepy"),
            (include_str!("../../tests/fixtures/specs/fakejs.toml"), &["node", "nodejs"][..], "fakejs"),
        ] {
            let examples = renamed_examples(from, to);
            assert!(examples.len() >= 10, "too few {to} examples to show anything: {}", examples.len());
            let unknown_misses = examples.iter().filter(|(rule, ex)| hits_of(rule, ex).is_empty()).count();
            assert!(unknown_misses > 0, "without its spec, `{to}` should be unknown to some rule");
            crate::ir::spec::fixtures::with(fixture, || {
                let misses: Vec<String> =
                    examples.iter().filter(|(rule, ex)| hits_of(rule, ex).is_empty()).map(|(rule, ex)| format!("{} on: {ex}", rule.code)).collect();
                assert!(misses.is_empty(), "rules that do not read `{to}` code:\n{}", misses.join("\n"));
            });
        }
    }

    /// A wrapper reads its option arity from its spec: an option added only
    /// in the spec is skipped with its value, so the command after it is the
    /// one judged.
    #[test]
    fn a_wrapper_option_known_only_by_its_spec_takes_its_value() {
        let cmd = "sudo --fixture-opt /mnt rm -rf /";
        let des001 = by_code("DES001").expect("DES001");
        assert!(hits_of(des001, cmd).is_empty(), "without the option in the spec, `/mnt` is read as the program");
        let spec = include_str!("../../grammars/programs/sudo.toml").replacen("takes-value = [", "takes-value = [\"--fixture-opt\", ", 1);
        crate::ir::spec::fixtures::with(&spec, || assert!(!hits_of(des001, cmd).is_empty(), "`sudo --fixture-opt VALUE rm -rf /` is `rm -rf /`"));
        // The option the issue found: sudo's own spec says `-R` takes a directory.
        assert!(!hits_of(des001, "sudo -R /mnt rm -rf /").is_empty());
    }

    /// The paths a source file names in the `crate::…` namespace:
    /// `crate::rules::x::y` gives `rules::x::y`.
    fn crate_paths(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (i, _) in src.match_indices("crate::") {
            let rest = &src[i + "crate::".len()..];
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
            out.push(rest[..end].trim_end_matches(':').to_string());
        }
        out
    }

    /// Rule families use the registry (`crate::rules::{Rule, …}`), the
    /// shared layer (`rules::shared`, `rules::helpers`, the prelude) and the
    /// IR; never another family, and the shared layer uses no family.
    #[test]
    fn families_do_not_import_each_other() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let families: Vec<String> = std::fs::read_dir(&root)
            .expect("src/rules")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "shared")
            .collect();
        assert!(families.len() >= 12, "{families:?}");
        let mut bad = Vec::new();
        for dir in families.iter().map(String::as_str).chain(["shared"]) {
            for entry in std::fs::read_dir(root.join(dir)).expect("family dir").filter_map(Result::ok) {
                let src = std::fs::read_to_string(entry.path()).expect("source");
                if src.contains("super::super") {
                    bad.push(format!("{}: super::super", entry.path().display()));
                }
                for path in crate_paths(&src) {
                    let Some(name) = path.strip_prefix("rules::").map(|p| p.split("::").next().unwrap_or_default()) else { continue };
                    if families.iter().any(|f| f == name && f != dir) {
                        bad.push(format!("{}: crate::{path}", entry.path().display()));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "imports across rule families:\n{}", bad.join("\n"));
    }

    /// The lowering does not reach into the unwrapper: `unwrap` extends the
    /// `Lowerer`, and what both need (program knowledge, static output) sits
    /// beside them in `ir::programs` and `ir::evaluate`.
    #[test]
    fn lower_does_not_import_unwrap() {
        let src = include_str!("../ir/lower.rs");
        assert!(!src.contains("unwrap::") && !src.contains("use super::unwrap"), "ir/lower.rs names ir::unwrap");
    }

    #[test]
    fn command_selectors_are_known() {
        for rule in all() {
            for c in rule.commands.iter().filter(|c| c.starts_with('@')) {
                assert!(Selector::parse(c).is_some(), "{}: unknown selector {c}", rule.code);
            }
        }
    }

    #[test]
    fn codes_are_unique_and_match_their_family() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for (category, rules) in FAMILIES {
            for rule in *rules {
                assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
                assert!(names.insert(rule.name), "duplicate name {}", rule.name);
                assert_eq!(rule.category, *category, "{} is in the wrong family", rule.code);
                assert!(rule.code.starts_with(category.code_prefix()), "{} has the wrong prefix", rule.code);
                assert_eq!(rule.code.len(), 6, "{}", rule.code);
                assert!(rule.code[3..].bytes().all(|b| b.is_ascii_digit()), "{}", rule.code);
                assert!(rule.name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{} is not kebab-case", rule.name);
                assert!(rule.decision > Decision::Allow, "{} must ask or deny", rule.code);
                assert!(!rule.fires.is_empty() && !rule.passes.is_empty(), "{} needs fires and passes examples", rule.code);
                assert!(!rule.summary.is_empty() && !rule.why.is_empty(), "{} needs summary and why", rule.code);
            }
        }
    }

    #[test]
    fn every_example_behaves() {
        let mut failures = Vec::new();
        for rule in all() {
            for ex in rule.fires {
                if hits_of(rule, ex).is_empty() {
                    failures.push(format!("{} should fire on: {ex}", rule.code));
                }
            }
            for ex in rule.passes {
                if !hits_of(rule, ex).is_empty() {
                    failures.push(format!("{} should pass: {ex}", rule.code));
                }
            }
        }
        assert!(failures.is_empty(), "{} example failures:\n{}", failures.len(), failures.join("\n"));
    }
}
