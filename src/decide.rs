//! Rule hits + analysis gaps (+ later the model's score) -> a [`Verdict`].
//!
//! The decision is the most severe of its parts. Gaps in the analysis are
//! reasons of their own, with `RG` codes: a syntax error, an opaque string
//! run as code, a program name computed at run time, or a program riskgate
//! has no spec for each make the decision at least `ask`. Nothing here
//! lowers a rule's verdict.

use serde::Serialize;

use crate::ir::{IssueKind, Script, Span};
use crate::policy::{Category, Decision};
use crate::rules::RuleHit;

/// One reason behind a verdict: a rule hit or an analysis gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// Rule code (`DES001`) or engine code (`RG005`).
    pub rule: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Category, when the reason has one.
    pub category: Option<Category>,
    /// Severity of this reason.
    pub severity: Decision,
    /// What the command does, for the person reading the prompt.
    pub message: String,
    /// Byte range in the original command.
    pub span: Span,
}

/// The outcome for one command line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// allow, ask or deny.
    pub decision: Decision,
    /// Every category that earned ask or deny, sorted.
    pub categories: Vec<Category>,
    /// Reasons, most severe first.
    pub reasons: Vec<Reason>,
    /// The model's risk score, when the model ran.
    pub score: Option<f32>,
}

/// A reason the engine itself gives (not a rule).
#[derive(Debug)]
pub struct EngineCode {
    /// Code (`RG001`).
    pub code: &'static str,
    /// Kebab-case name.
    pub name: &'static str,
    /// Category, when one applies.
    pub category: Option<Category>,
    /// What it means.
    pub summary: &'static str,
}

/// The engine's own reasons, for `riskgate rules` and the docs.
pub static ENGINE_CODES: &[EngineCode] = &[
    EngineCode { code: "RG001", name: "syntax-error", category: None, summary: "the command does not parse completely; the unparsed part could do anything" },
    EngineCode { code: "RG002", name: "analysis-limit", category: None, summary: "the command nests or repeats beyond what riskgate analyses" },
    EngineCode { code: "RG003", name: "opaque-code", category: Some(Category::Obfuscation), summary: "a string that is only known at run time is executed as code" },
    EngineCode { code: "RG004", name: "dynamic-program", category: Some(Category::Obfuscation), summary: "the program to run is computed at run time" },
    EngineCode { code: "RG005", name: "unknown-program", category: None, summary: "a program riskgate has no knowledge of" },
    EngineCode { code: "RG006", name: "internal-error", category: None, summary: "riskgate could not finish its analysis" },
];

fn engine(code: &str) -> &'static EngineCode {
    ENGINE_CODES.iter().find(|c| c.code == code).unwrap_or(&ENGINE_CODES[5])
}

fn engine_reason(code: &str, message: String, span: Span) -> Reason {
    let e = engine(code);
    Reason { rule: e.code, name: e.name, category: e.category, severity: Decision::Ask, message, span }
}

/// Combines the rule hits and the script's gaps into a verdict.
#[must_use]
pub fn decide(script: &Script, hits: &[RuleHit]) -> Verdict {
    let mut reasons: Vec<Reason> = hits
        .iter()
        .map(|h| Reason { rule: h.rule, name: h.name, category: Some(h.category), severity: h.severity, message: h.message.clone(), span: h.span })
        .collect();
    let mut seen_issue = std::collections::HashSet::new();
    for issue in &script.issues {
        let code = match issue.kind {
            IssueKind::Syntax => "RG001",
            IssueKind::TooDeep | IssueKind::TooMany => "RG002",
            IssueKind::OpaqueCode => "RG003",
            IssueKind::DynamicProgram => "RG004",
        };
        if seen_issue.insert((code, issue.span)) {
            reasons.push(engine_reason(code, issue.detail.clone(), issue.span));
        }
    }
    let explained: std::collections::HashSet<usize> = hits.iter().map(|h| h.command).collect();
    for cmd in &script.commands {
        let unknown = !cmd.argv.known || cmd.argv.effect() == crate::ir::Effect::Unknown;
        if unknown && cmd.wraps.is_none() && !cmd.is_function && !cmd.program.dynamic && !cmd.program.glob && !explained.contains(&cmd.id) {
            let what = if cmd.argv.known {
                format!("`{} {}` is a subcommand riskgate does not know", cmd.name, cmd.argv.subcommands.join(" "))
            } else {
                format!("`{}` is a program riskgate does not know", cmd.name)
            };
            reasons.push(engine_reason("RG005", what, cmd.program.span));
        }
    }
    reasons.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.span.0.cmp(&b.span.0)));
    let decision = reasons.iter().map(|r| r.severity).max().unwrap_or(Decision::Allow);
    let mut categories: Vec<Category> = reasons.iter().filter_map(|r| r.category).collect();
    categories.sort_unstable();
    categories.dedup();
    Verdict { decision, categories, reasons, score: None }
}

impl Verdict {
    /// A fail-closed verdict for when the analysis itself failed.
    #[must_use]
    pub fn internal_error(message: impl Into<String>) -> Verdict {
        Verdict {
            decision: Decision::Ask,
            categories: Vec::new(),
            reasons: vec![engine_reason("RG006", message.into(), (0, 0))],
            score: None,
        }
    }

    /// The first (most severe) reason's message, for one-line displays.
    #[must_use]
    pub fn headline(&self) -> Option<&Reason> {
        self.reasons.first()
    }
}
