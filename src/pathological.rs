//! Pathological inputs: the shapes that make parsers and analyses slow or
//! deep (issue 7's list). One definition serves the property tests
//! (`tests/properties.rs`: each finishes, a cut-short analysis is never
//! `allow`) and the bench (`benches/pipeline.rs`, group `pathological`:
//! how long each takes). Not public API.

/// One pathological input and what its analysis must report.
#[derive(Debug, Clone)]
pub struct Pathological {
    /// A short name for reports.
    pub name: &'static str,
    /// The command text.
    pub command: String,
    /// The analysis must say it was cut short (syntax error, too deep, too
    /// many commands); otherwise it must simply not be `allow`.
    pub cut_short: bool,
}

const NESTING: usize = 10_000;

/// Every pathological input, in a fixed order. Each holds something risky
/// or is too big to analyse, so none may be allowed.
#[must_use]
pub fn inputs() -> Vec<Pathological> {
    let n = NESTING;
    let mut bash_c = "rm -rf /".to_string();
    // Quoting grows about threefold per level; eight levels make 10 KB.
    for _ in 0..8 {
        bash_c = format!("bash -c '{}'", bash_c.replace('\'', r"'\''"));
    }
    let cut = |name, command| Pathological { name, command, cut_short: true };
    let risky = |name, command| Pathological { name, command, cut_short: false };
    vec![
        cut("10k nested arithmetic parens", format!("{}true{}", "(".repeat(n), ")".repeat(n))),
        cut("10k nested subshells", format!("{}true{}", "( ".repeat(n), " )".repeat(n))),
        cut("10k nested command substitutions", format!("echo {}true{}", "$(echo ".repeat(n), ")".repeat(n))),
        cut("10k nested groups", format!("{}true{}", "{ ".repeat(n), "; }".repeat(n))),
        cut("100k-part pipeline", vec!["a"; 100_000].join("|")),
        cut("1 MB word then rm -rf /", format!("echo {}; rm -rf /", "a".repeat(1 << 20))),
        cut("1 MB of words", "echo hello world ".repeat((1 << 20) / 17 + 1)),
        cut("unterminated heredoc, 1 MB body", format!("sh <<EOF\n{}rm -rf /\n", "echo x\n".repeat((1 << 20) / 7))),
        cut("NUL bytes", format!("ls\0{}", "\0-la ".repeat(1000))),
        // Error recovery: 19 s of parsing before the parse deadline existed.
        cut("`)(` repeated 50,000 times", ")(".repeat(50_000)),
        cut("keywords out of place", "if then fi do done case esac ;; ".repeat(30_000)),
        risky("8 nested bash -c", bash_c),
        risky("3,000 stacked wrappers", format!("{}rm -rf /", "sudo env nice ".repeat(1_000))),
        risky("20,000 commands then rm -rf /", format!("{}rm -rf /", "true; ".repeat(20_000))),
        risky("50k replacement characters", format!("rm -rf /{}", "\u{fffd}".repeat(50_000))),
        risky("10k-line heredoc into sh", format!("sh <<'EOF'\n{}rm -rf ~\nEOF", "echo ok\n".repeat(10_000))),
        risky("1,000 variables", format!("{}$v999 -rf ~", (0..1000).map(|i| format!("v{i}=rm; ")).collect::<String>())),
    ]
}
