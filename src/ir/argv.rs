//! Flag normalisation: a program's argument words read through its spec.
//! `-rf` becomes `-r -f`, `--opt=v` and `-ofile` are split into flag and
//! value, options that take a value consume it, `--` ends options, and the
//! subcommand path is found. Without a spec, options are read GNU-style
//! with no values, which is the safe reading for rules (a missed value shows
//! up as an extra operand, not as a hidden one).

use serde::Serialize;

use super::spec::{Effect, Role, Spec};
use super::{Span, Word};

/// A command's arguments, read through its spec.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Argv {
    /// Subcommand path (`["stash", "drop"]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subcommands: Vec<String>,
    /// Options, one per flag, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
    /// Positional operands.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operands: Vec<Word>,
    /// Roles of the operands, parallel to `operands` (from the spec).
    #[serde(skip)]
    pub roles: Vec<Role>,
    /// Effects: the program's or subcommand's, then any raised by flags.
    pub effects: Vec<Effect>,
    /// What the subcommand does, from the spec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the program has a spec.
    pub known: bool,
}

/// One option.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// Normalized name with its dashes (`-r`, `--force`).
    pub name: String,
    /// Its value, for options that take one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Word>,
    /// Where the option stands.
    pub span: Span,
}

impl Argv {
    /// The first effect (the program's own), or `Unknown`.
    #[must_use]
    pub fn effect(&self) -> Effect {
        self.effects.first().copied().unwrap_or(Effect::Unknown)
    }

    /// The role of a flag's value per the spec chain.
    #[must_use]
    pub fn has_effect(&self, e: Effect) -> bool {
        self.effects.contains(&e)
    }
}

fn is_numeric_flag(s: &str) -> bool {
    s.len() > 1 && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Reads `args` through `spec` (or generically when `None`).
#[must_use]
pub fn normalize(args: &[Word], spec: Option<&'static Spec>) -> Argv {
    let mut chain: Vec<&'static Spec> = spec.into_iter().collect();
    let mut argv = Argv { known: spec.is_some(), ..Argv::default() };
    // Options after a subcommand are the subcommand's own when it lists any
    // (`git grep -c` is not `git -c`); otherwise the nearest parent's list.
    let takes_value = |chain: &[&Spec], f: &str| chain.iter().rev().find(|s| !s.takes_value.is_empty()).is_some_and(|s| s.takes_value(f));
    let single_dash = |chain: &[&Spec]| chain.iter().rev().find_map(|s| s.long_single_dash).unwrap_or(false);
    let abbreviated = |chain: &[&Spec]| chain.iter().rev().find_map(|s| s.abbreviated_subcommands).unwrap_or(false);
    let mut only_operands = false;
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        i += 1;
        let t = w.text.as_str();
        if only_operands || w.dynamic && !t.starts_with('-') || !t.starts_with('-') || t == "-" {
            if argv.operands.is_empty() {
                if let Some(cur) = chain.last() {
                    if let Some(sub) = cur.sub(t) {
                        argv.subcommands.push(t.to_string());
                        chain.push(sub);
                        continue;
                    }
                    if abbreviated(&chain) && !w.dynamic {
                        if let Some((name, sub)) = cur.sub_by_prefix(t) {
                            // Normalised to the full name: rules read `rollback`, not `ro`.
                            argv.subcommands.push(name.to_string());
                            chain.push(sub);
                            continue;
                        }
                    }
                    if cur.open_subcommands && !w.dynamic && argv.subcommands.len() < 4 {
                        argv.subcommands.push(t.to_string());
                        // An unknown subcommand: the program's effect no longer applies.
                        chain.push(unknown_sub());
                        continue;
                    }
                }
            }
            argv.operands.push(w.clone());
            continue;
        }
        if t == "--" {
            only_operands = true;
            continue;
        }
        if let Some(long) = t.strip_prefix("--") {
            if let Some((name, value)) = long.split_once('=') {
                let value_word = sub_word(w, name.len() + 3, value);
                argv.flags.push(Flag { name: format!("--{name}"), value: Some(value_word), span: w.span });
            } else if takes_value(&chain, t) && i < args.len() {
                argv.flags.push(Flag { name: t.to_string(), value: Some(args[i].clone()), span: (w.span.0, args[i].span.1) });
                i += 1;
            } else {
                argv.flags.push(Flag { name: t.to_string(), value: None, span: w.span });
            }
            continue;
        }
        // Single dash.
        if single_dash(&chain) || is_numeric_flag(t) || takes_value(&chain, t) || t.len() == 2 {
            if let Some((name, value)) = t.split_once('=').filter(|_| single_dash(&chain)) {
                argv.flags.push(Flag { name: name.to_string(), value: Some(sub_word(w, name.len() + 1, value)), span: w.span });
            } else if takes_value(&chain, t) && i < args.len() {
                argv.flags.push(Flag { name: t.to_string(), value: Some(args[i].clone()), span: (w.span.0, args[i].span.1) });
                i += 1;
            } else {
                argv.flags.push(Flag { name: t.to_string(), value: None, span: w.span });
            }
            continue;
        }
        // A cluster of one-letter flags; a value-taking one ends it.
        let body: Vec<char> = t[1..].chars().collect();
        let mut j = 0;
        while j < body.len() {
            let name = format!("-{}", body[j]);
            j += 1;
            if takes_value(&chain, &name) {
                let rest: String = body[j..].iter().collect();
                let value = if rest.is_empty() {
                    let v = args.get(i).cloned();
                    if v.is_some() {
                        i += 1;
                    }
                    v
                } else {
                    Some(sub_word(w, t.len() - rest.len(), &rest))
                };
                argv.flags.push(Flag { name, value, span: w.span });
                break;
            }
            argv.flags.push(Flag { name, value: None, span: w.span });
        }
    }
    resolve_effects(&mut argv, &chain);
    argv
}

fn unknown_sub() -> &'static Spec {
    static UNKNOWN: std::sync::OnceLock<Spec> = std::sync::OnceLock::new();
    UNKNOWN.get_or_init(|| Spec { effect: Some(Effect::Unknown), ..Spec::default() })
}

fn resolve_effects(argv: &mut Argv, chain: &[&'static Spec]) {
    let Some(last) = chain.last() else {
        argv.effects.push(Effect::Unknown);
        return;
    };
    let base = chain.iter().rev().find_map(|s| s.effect).unwrap_or(Effect::Unknown);
    argv.effects.push(base);
    argv.note = last.note.clone();
    for flag in &argv.flags {
        for spec in chain {
            if let Some(&e) = spec.flag_effects.get(&flag.name) {
                if !argv.effects.contains(&e) {
                    argv.effects.push(e);
                }
            }
        }
    }
    let roles = &last.operands;
    let parent_roles = chain.iter().rev().find(|s| !s.operands.is_empty()).map(|s| s.operands.as_slice()).unwrap_or(&[]);
    let roles = if roles.is_empty() { parent_roles } else { roles.as_slice() };
    argv.roles = (0..argv.operands.len()).map(|k| roles.get(k).or(roles.last()).copied().unwrap_or(Role::Path)).collect();
}

/// The value part of `--opt=value` or `-ovalue` as its own word.
fn sub_word(w: &Word, offset: usize, value: &str) -> Word {
    let mut v = w.clone();
    v.text = value.to_string();
    if let Some(rest) = w.raw.get(offset..).filter(|_| w.span.1 - w.span.0 == w.raw.len()) {
        v.span = (w.span.0 + offset, w.span.1);
        v.raw = rest.to_string();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::PathClass;

    fn words(args: &[&str]) -> Vec<Word> {
        args.iter().map(|a| Word::literal(a, (0, a.len()), PathClass::Workspace)).collect()
    }

    fn names(a: &Argv) -> Vec<String> {
        a.flags
            .iter()
            .map(|f| match &f.value {
                Some(v) => format!("{}={}", f.name, v.text),
                None => f.name.clone(),
            })
            .collect()
    }

    #[test]
    fn generic_clusters_split() {
        let a = normalize(&words(&["-rf", "--", "-x", "dir"]), None);
        assert_eq!(names(&a), ["-r", "-f"]);
        assert_eq!(a.operands.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(), ["-x", "dir"]);
        assert_eq!(a.effects, [Effect::Unknown]);
    }

    #[test]
    fn long_option_with_equals() {
        let a = normalize(&words(&["--output=out.txt", "x"]), None);
        assert_eq!(names(&a), ["--output=out.txt"]);
    }

    #[test]
    fn numeric_flags_stay_whole() {
        let a = normalize(&words(&["-9", "123"]), None);
        assert_eq!(names(&a), ["-9"]);
    }
}
