//! Shell text to a tree-sitter-bash syntax tree.
//!
//! `parse` never fails and never panics: a command tree-sitter cannot make
//! sense of still yields a tree, with its error and missing nodes listed in
//! [`Parsed::errors`]. This module knows nothing of risk; it is the caller's
//! job (the IR, then `decide`) to treat a syntax error as a reason to ask.

pub mod kinds;

use std::cell::RefCell;

use tree_sitter::{Node, Parser, Tree};

/// Longest command text parsed. Longer input is cut at a character boundary
/// and the cut is reported as an error, which the decision treats as `ask`.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

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
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(new_parser);
        parser.reset();
        parser.parse(&source, None)
    });
    match &tree {
        Some(t) if t.root_node().has_error() => collect_errors(t.root_node(), &mut errors),
        Some(_) => {}
        None => errors.push(SyntaxError { span: (0, source.len()), what: "parser gave up" }),
    }
    Parsed { source, tree, errors }
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
