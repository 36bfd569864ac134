//! Shell text to a tree-sitter-bash syntax tree.
//!
//! `parse` never fails and never panics: a command tree-sitter cannot make
//! sense of still yields a tree, with its error and missing nodes listed in
//! [`Parsed::errors`]. This module knows nothing of risk; it is the caller's
//! job (the IR, then `decide`) to treat a syntax error as a reason to ask.

pub mod kinds;

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use tree_sitter::{Node, ParseOptions, Parser, Tree};

/// Longest command text parsed. Longer input is cut at a character boundary
/// and the cut is reported as an error, which the decision treats as `ask`.
pub const MAX_INPUT_BYTES: usize = 256 << 10;

/// Most progress checks tree-sitter may make while parsing one text (it
/// checks every few hundred parse operations): a count, not a clock, so the
/// cut is the same on every machine. Input that needs more is reported as a
/// syntax error, which the decision treats as `ask`. 1,500 checks take
/// about 50 ms on the README's machine for the slowest shape found (a long
/// pipeline: about 35 µs a check); a 150 KB script of ordinary commands
/// needs about 1,500, the 1,382 corpus commands at once about 700.
pub const MAX_PARSE_CHECKS: u32 = 1_500;

/// The clock's backstop to [`MAX_PARSE_CHECKS`]: error recovery can spend
/// milliseconds between two checks (`)(` repeated 50,000 times took 19 s
/// within the check budget), so a parse still running after this long is
/// cut the same way. Which bound cuts may differ between machines; both
/// make the verdict `ask`.
pub const PARSE_DEADLINE: Duration = Duration::from_millis(40);

/// A parsed command: the tree, the text it was parsed from, and its errors.
pub struct Parsed {
    /// The parsed text (possibly cut to [`MAX_INPUT_BYTES`]).
    pub source: String,
    /// The syntax tree; `None` only if tree-sitter itself gave up.
    pub tree: Option<Tree>,
    /// Byte ranges of error or missing nodes, and of a cut.
    pub errors: Vec<SyntaxError>,
}

/// One place the grammar did not accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte range in the parsed text.
    pub span: (usize, usize),
    /// What went wrong, in a few words.
    pub what: &'static str,
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses shell text. Reuses one tree-sitter parser per thread.
#[must_use]
pub fn parse(text: &str) -> Parsed {
    let mut errors = Vec::new();
    let source = if text.len() > MAX_INPUT_BYTES {
        let mut end = MAX_INPUT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        errors.push(SyntaxError { span: (end, end), what: "input cut: too long" });
        text[..end].to_string()
    } else {
        text.to_string()
    };
    if let Some(pos) = source.find('\0') {
        // No NUL byte reaches a shell (argv and scripts are C strings).
        errors.push(SyntaxError { span: (pos, pos + 1), what: "NUL byte in command" });
    }
    let mut checks = 0u32;
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(new_parser);
        parser.reset();
        // NUL is already an error; error recovery around many of them is slow
        // (45 ms for a thousand), so the grammar sees blanks in their place.
        // Characters the grammar's scanner cannot take after `{` are shown
        // as ASCII letters ([`scanner_view`]). Both keep every byte offset.
        let view = scanner_view(&source);
        let bytes = view.as_deref().unwrap_or(&source).as_bytes();
        let mut read = |at: usize, _| bytes.get(at..).unwrap_or_default();
        let started = Instant::now();
        let mut budget = |_: &tree_sitter::ParseState| {
            checks += 1;
            if checks > MAX_PARSE_CHECKS || started.elapsed() > PARSE_DEADLINE {
                checks = checks.max(MAX_PARSE_CHECKS + 1);
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        parser.parse_with_options(&mut read, None, Some(ParseOptions::new().progress_callback(&mut budget)))
    });
    match &tree {
        Some(t) if t.root_node().has_error() => collect_errors(t.root_node(), &mut errors),
        Some(_) => {}
        None if checks > MAX_PARSE_CHECKS => errors.push(SyntaxError { span: (0, source.len()), what: "parse cut: too complex" }),
        None => errors.push(SyntaxError { span: (0, source.len()), what: "parser gave up" }),
    }
    Parsed { source, tree, errors }
}

/// The text the grammar reads, when it must differ from the command: NUL
/// bytes become blanks, and a character above U+00FF that tree-sitter-bash's
/// scanner would pass to C's `isdigit` becomes ASCII `x`s of the same byte
/// length. The scanner calls `isdigit` on the character after `{` and
/// digits, and after `{N..` and digits (brace ranges); for a code point
/// outside `unsigned char` that is undefined behaviour and read out of
/// glibc's table: a SIGSEGV (`{` then U+E015A), which would end the hook
/// before it answers. Byte offsets are kept, so every span and the text the
/// analysis reads (`Parsed::source`) are the command's own; such a character
/// is a word character either way.
fn scanner_view(source: &str) -> Option<String> {
    let nul = source.contains('\0');
    let wide = source.contains('{') && !source.is_ascii();
    if !nul && !wide {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    // Where the scanner is in `{N..M`: after `{` and digits (1), after
    // `{N.` (2), after `{N..` and digits (3).
    let mut state = 0u8;
    for c in source.chars() {
        let checked = matches!(state, 1 | 3) && !c.is_ascii_digit();
        if c == '\0' {
            out.push(' ');
        } else if checked && u32::from(c) > 0xFF {
            out.extend(std::iter::repeat_n('x', c.len_utf8()));
        } else {
            out.push(c);
        }
        state = match (state, c) {
            (_, '{') => 1,
            (1 | 3, d) if d.is_ascii_digit() => state,
            (1, '.') => 2,
            (2, '.') => 3,
            _ => 0,
        };
    }
    Some(out)
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    // The grammar is compiled into this binary with a matching ABI; a
    // mismatch is a build defect caught by every test, not a runtime state.
    #[expect(clippy::expect_used, reason = "grammar ABI is fixed at build time")]
    parser.set_language(&tree_sitter_bash::LANGUAGE.into()).expect("tree-sitter-bash ABI matches tree-sitter");
    parser
}

/// Walks the tree iteratively (deeply nested input must not overflow the stack).
fn collect_errors(root: Node<'_>, out: &mut Vec<SyntaxError>) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let descend = if node.is_error() {
            out.push(SyntaxError { span: (node.start_byte(), node.end_byte()), what: "syntax error" });
            false
        } else if node.is_missing() {
            out.push(SyntaxError { span: (node.start_byte(), node.end_byte()), what: "missing token" });
            false
        } else if node.has_error() && !node.children(&mut node.walk()).any(|c| c.has_error()) {
            // The error is in a hidden node the cursor does not visit: a
            // MISSING hidden token, such as the number in `$[]` (fuzzing,
            // `fuzz/regressions/parse/hidden-missing-token`). Report the
            // smallest visible node holding it.
            out.push(SyntaxError { span: (node.start_byte(), node.end_byte()), what: "missing token" });
            false
        } else {
            node.has_error()
        };
        if descend && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_the_scanner_cannot_take_after_a_brace_do_not_crash() {
        // Found by tests/properties.rs (arbitrary_text_never_panics): a
        // SIGSEGV inside tree-sitter-bash's scanner, not a panic.
        for text in ["echo {\u{E015A}D", "echo {12\u{1F0C4}", "echo {1..\u{10FFFF}}", "L{\u{E015A}D:[|w$\"=O"] {
            let p = parse(text);
            assert_eq!(p.source, text, "the analysis reads the command itself");
            assert!(p.tree.is_some(), "{text:?}");
        }
        let view = scanner_view("a {\u{E015A}} {1..\u{4E2D}} é{é} \u{4E2D}{x}").expect("changed");
        assert_eq!(view, "a {xxxx} {1..xxx} é{é} \u{4E2D}{x}", "only what the scanner checks after `{{`");
        assert_eq!(view.len(), "a {\u{E015A}} {1..\u{4E2D}} é{é} \u{4E2D}{x}".len());
        assert_eq!(scanner_view("ls {a,b}"), None);
        assert_eq!(scanner_view("a\0b").as_deref(), Some("a b"));
    }

    #[test]
    fn well_formed_command_has_no_errors() {
        let p = parse("ls -la | grep foo");
        assert!(p.tree.is_some());
        assert!(p.errors.is_empty());
    }

    #[test]
    fn unterminated_quote_is_an_error() {
        let p = parse("echo \"unterminated");
        assert!(!p.errors.is_empty());
    }

    #[test]
    fn overlong_input_is_cut_and_reported() {
        let long = "é".repeat(MAX_INPUT_BYTES);
        let p = parse(&long);
        assert!(p.source.len() <= MAX_INPUT_BYTES);
        assert!(p.errors.iter().any(|e| e.what.starts_with("input cut")));
    }
}
