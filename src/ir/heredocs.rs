//! Heredocs as bash reads them, where the grammar reads them differently.
//!
//! tree-sitter-bash ends a heredoc body at the first line that *starts with*
//! the delimiter (`EOFX` ends `<<EOF`; bash needs the exact line), and an
//! unterminated heredoc is an error node, so the command that reads it loses
//! its input (bash takes the rest of the input as the body: "here-document
//! delimited by end-of-file"). Both hide commands: `sh <<EOF` + `rm -rf /`
//! without the closing line runs `rm -rf /` in bash (IRT-29), and a nested
//! same-delimiter heredoc loses its inner script (IRT-49).
//!
//! [`bash_heredocs`] rewrites the text so that the grammar reads the heredocs
//! as bash does, keeping every byte offset of the original: a delimiter whose
//! body has a line starting with it is renamed (same length, in the operator
//! and on its real closing line), and the closing lines of unterminated
//! heredocs are appended at the end. Pure text; `lower.rs` decides whether the
//! rewritten parse is used.

/// A rewrite of a command text (see the module doc).
#[derive(Debug, PartialEq, Eq)]
pub struct Rewrite {
    /// The rewritten text: the original with renamed delimiters and, possibly, closing lines appended.
    pub text: String,
    /// A delimiter was renamed (the grammar would have ended a body early).
    pub renamed: bool,
    /// Closing lines were appended (a heredoc ran to the end of the input).
    pub appended: bool,
}

/// One heredoc operator found on a command line, waiting for its body.
struct Pending {
    /// The delimiter after quote removal.
    delim: String,
    /// Byte range of the delimiter's characters in the text, when the word
    /// is simple enough to rename in place (`EOF`, `'EOF'`, `"EOF"`).
    name_at: Option<usize>,
    /// `<<-`: leading tabs are stripped from body lines and the closing line.
    strip_tabs: bool,
}

/// Most heredoc operators looked at in one text; past it nothing is rewritten.
const MAX_HEREDOCS: usize = 256;

/// Rewrites `text` so that tree-sitter-bash reads its heredocs as bash does;
/// `None` when the grammar already agrees with bash (or the text is beyond
/// this scanner: too many heredocs).
#[must_use]
pub fn bash_heredocs(text: &str) -> Option<Rewrite> {
    if !text.contains("<<") {
        return None;
    }
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut renamed = false;
    let mut appended = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut seen = 0usize;
    let (mut single, mut double, mut ansi) = (false, false, false);
    let mut arith = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if single {
            if c == b'\\' && ansi {
                i += 2;
                continue;
            }
            if c == b'\'' {
                single = false;
                ansi = false;
            }
            i += 1;
            continue;
        }
        if c == b'\\' {
            // An escaped character, or a line continuation (not a newline token).
            i += 2;
            continue;
        }
        if double {
            if c == b'"' {
                double = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'\'' => {
                single = true;
                ansi = i > 0 && b[i - 1] == b'$';
            }
            b'"' => double = true,
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'(' if arith > 0 => arith += 1,
            b')' if arith > 0 => arith -= 1,
            b'(' if b.get(i + 1) == Some(&b'(') => {
                arith = 2;
                i += 2;
                continue;
            }
            b'<' if arith == 0 && b.get(i + 1) == Some(&b'<') => {
                if b.get(i + 2) == Some(&b'<') {
                    i += 3;
                    continue;
                }
                seen += 1;
                if seen > MAX_HEREDOCS {
                    return None;
                }
                let (p, end) = operator(b, i);
                i = end;
                pending.extend(p);
                continue;
            }
            b'\n' if !pending.is_empty() => {
                i = bodies(text, i + 1, std::mem::take(&mut pending), &mut out, &mut renamed, &mut appended);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Operators on the last line: their bodies are empty, up to the end.
    if !pending.is_empty() {
        bodies(text, b.len(), pending, &mut out, &mut renamed, &mut appended);
    }
    if !renamed && appended.is_empty() {
        return None;
    }
    let mut text = String::from_utf8(out).ok()?;
    for d in &appended {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(d);
    }
    Some(Rewrite { text, renamed, appended: !appended.is_empty() })
}

/// Reads a heredoc operator at `at` (`<<` or `<<-`, then the delimiter word).
/// Returns the heredoc (none when there is no delimiter word) and where the word ends.
fn operator(b: &[u8], at: usize) -> (Option<Pending>, usize) {
    let mut i = at + 2;
    let strip_tabs = b.get(i) == Some(&b'-');
    if strip_tabs {
        i += 1;
    }
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    let start = i;
    let mut delim = Vec::new();
    let mut quotes = 0;
    while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')') {
        match b[i] {
            q @ (b'\'' | b'"') => {
                quotes += 1;
                i += 1;
                while i < b.len() && b[i] != q {
                    if q == b'"' && b[i] == b'\\' && i + 1 < b.len() {
                        i += 1;
                    }
                    delim.push(b[i]);
                    i += 1;
                }
                i += 1;
            }
            b'\\' if i + 1 < b.len() => {
                quotes += 2;
                delim.push(b[i + 1]);
                i += 2;
            }
            c => {
                delim.push(c);
                i += 1;
            }
        }
    }
    let end = i.min(b.len());
    let Ok(delim) = String::from_utf8(delim) else { return (None, end) };
    if delim.is_empty() || delim.contains('\n') {
        return (None, end);
    }
    // Renamed in place only when the word is the delimiter, bare or in one pair of quotes.
    let word = &b[start..end];
    let name_at = match quotes {
        0 => Some(start),
        1 if word.len() == delim.len() + 2 && word[0] == word[word.len() - 1] => Some(start + 1),
        _ => None,
    };
    (Some(Pending { delim, name_at, strip_tabs }), end)
}

/// Reads the bodies of `pending` heredocs, in order, from `from` (the start
/// of the line after their operators). Renames a delimiter the grammar would
/// match early and records the closing lines missing at the end. Returns
/// where the next command line starts.
fn bodies(text: &str, from: usize, pending: Vec<Pending>, out: &mut [u8], renamed: &mut bool, appended: &mut Vec<String>) -> usize {
    let mut pos = from;
    for p in pending {
        let mut early = false;
        let mut close = None;
        let mut lines = Vec::new();
        while pos < text.len() {
            let end = text[pos..].find('\n').map_or(text.len(), |n| pos + n);
            let line = &text[pos..end];
            let tabs = if p.strip_tabs { line.len() - line.trim_start_matches('\t').len() } else { 0 };
            let bare = &line[tabs..];
            let next = (end + 1).min(text.len());
            if bare == p.delim {
                close = Some(pos + tabs);
                pos = next;
                break;
            }
            early |= bare.starts_with(p.delim.as_str());
            lines.push(bare);
            pos = next;
            if end == text.len() {
                break;
            }
        }
        let mut name = p.delim.clone();
        if early {
            // A body line starts with the delimiter: rename it, if it can be
            // renamed in place, to a name no body line starts with.
            if let (Some(at), Some(new)) = (p.name_at, fresh_name(&p.delim, &lines)) {
                out[at..at + new.len()].copy_from_slice(new.as_bytes());
                if let Some(c) = close {
                    out[c..c + new.len()].copy_from_slice(new.as_bytes());
                }
                *renamed = true;
                name = new;
            }
        }
        if close.is_none() {
            appended.push(name);
        }
    }
    pos
}

/// An ASCII delimiter of the same length as `delim` that no line of `lines` starts with.
fn fresh_name(delim: &str, lines: &[&str]) -> Option<String> {
    let n = delim.len();
    (b'A'..=b'Z')
        .flat_map(|a| (b'A'..=b'Z').map(move |z| (a, z)))
        .map(|(a, z)| (0..n).map(|i| char::from(if i == 0 { a } else { z })).collect::<String>())
        .find(|cand| cand != delim && !lines.iter().any(|l| l.starts_with(cand.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(text: &str) -> Option<String> {
        bash_heredocs(text).map(|r| r.text)
    }

    #[test]
    fn agreeing_heredocs_are_left_alone() {
        assert_eq!(rewrite("cat <<EOF\nhello\nEOF"), None);
        assert_eq!(rewrite("cat <<'EOF' | sh\nid\nEOF\necho after"), None);
        assert_eq!(rewrite("cat <<-EOF\n\tx\n\tEOF"), None);
        assert_eq!(rewrite("ls"), None);
        assert_eq!(rewrite("bash <<< 'id'"), None);
        assert_eq!(rewrite("echo $((1<<2))\n2x"), None);
        assert_eq!(rewrite("echo '<<EOF'\nEOFX"), None);
        assert_eq!(rewrite("echo \"<<EOF\" \\<<EOF # <<EOF\nEOFX"), None);
    }

    #[test]
    fn unterminated_heredoc_gets_its_closing_line() {
        let r = bash_heredocs("sh <<EOF\nrm -rf /").unwrap();
        assert_eq!(r.text, "sh <<EOF\nrm -rf /\nEOF");
        assert!(r.appended && !r.renamed);
        assert_eq!(rewrite("cat <<'X'\n"), Some("cat <<'X'\nX".into()));
        assert_eq!(rewrite("cat <<A <<B\nx"), Some("cat <<A <<B\nx\nA\nB".into()));
        // The operator on the last line: an empty body.
        assert_eq!(rewrite("cat <<EOF"), Some("cat <<EOF\nEOF".into()));
    }

    #[test]
    fn delimiter_matched_as_a_prefix_is_renamed_in_place() {
        let text = "cat <<'EOF'\necho a\nEOFX\necho b\nEOF";
        let r = bash_heredocs(text).unwrap();
        assert!(r.renamed && !r.appended);
        assert_eq!(r.text.len(), text.len());
        assert_eq!(r.text, "cat <<'AAA'\necho a\nEOFX\necho b\nAAA");
        // Nested same-delimiter heredocs: the inner one's lines stay in the outer body.
        let nested = "sh <<'EOF'\neval 'sh <<'\\''EOF'\\''\nrm -rf /\nEOF'\nEOF";
        assert_eq!(rewrite(nested), Some("sh <<'AAA'\neval 'sh <<'\\''EOF'\\''\nrm -rf /\nEOF'\nAAA".into()));
        // `<<-`: the closing line may be indented with tabs.
        assert_eq!(rewrite("cat <<-E\n\tEx\n\tE\nls"), Some("cat <<-A\n\tEx\n\tA\nls".into()));
        // No body line may start with the new name.
        assert_eq!(rewrite("cat <<E\nEx\nA\nE"), Some("cat <<B\nEx\nA\nB".into()));
    }

    #[test]
    fn renamed_and_unterminated() {
        assert_eq!(rewrite("sh <<EOF\nEOFX\nrm -rf /"), Some("sh <<AAA\nEOFX\nrm -rf /\nAAA".into()));
    }

    #[test]
    fn bodies_are_not_scanned_for_operators() {
        // `<<X` inside a quoted heredoc body is text, not an operator.
        assert_eq!(rewrite("cat <<'E'\na <<X\nE\necho"), None);
    }
}
