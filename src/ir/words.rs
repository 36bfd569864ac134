//! Pure text helpers for shell words: escapes, ANSI-C strings, globs,
//! brace expansion and confusable Unicode. No tree-sitter here; `lower.rs`
//! decides which helper applies to which node.

/// Marks a word boundary produced by unquoted expansion (word splitting) or
/// brace expansion inside a resolved word. A private-use character: it is
/// removed from input text before resolution, so it never comes from the user.
pub const FIELD_BREAK: char = '\u{E000}';

/// Removes backslash escapes from an unquoted word. Returns the text and
/// whether a backslash stood before a letter or digit (`r\m`), a spelling
/// trick: a plain word never needs one there.
#[must_use]
pub fn unescape_bare(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut tricky = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\n') | None => {}
                Some(n) => {
                    tricky |= n.is_ascii_alphanumeric();
                    out.push(n);
                }
            }
        } else {
            out.push(c);
        }
    }
    (out, tricky)
}

/// Removes the escapes that are special inside double quotes.
#[must_use]
pub fn unescape_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some('$' | '`' | '"' | '\\') => out.extend(chars.next()),
                Some('\n') => {
                    chars.next();
                }
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The script inside old-style backticks (without the backticks): a
/// backslash there escapes only `$`, `` ` `` and `\`, which is how a nested
/// substitution is written (`` `echo \`id\`` `` runs `` echo `id` ``).
#[must_use]
pub fn unescape_backticks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('$' | '`' | '\\')) {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes the body of an ANSI-C string `$'...'` (without `$'` and `'`).
/// Returns the text and whether numeric escapes (hex, octal, unicode,
/// control) were used, which spell characters that need no escaping.
#[must_use]
pub fn decode_ansi_c(body: &str) -> (String, bool) {
    let mut out = String::with_capacity(body.len());
    let mut coded = false;
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '\\' || i >= chars.len() {
            out.push(c);
            continue;
        }
        let e = chars[i];
        i += 1;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'e' | 'E' => out.push('\u{1b}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' | '\'' | '"' | '?' => out.push(e),
            'x' | 'u' | 'U' => {
                let max = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let start = i;
                while i < chars.len() && i - start < max && chars[i].is_ascii_hexdigit() {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                match u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32) {
                    Some(ch) => {
                        coded = true;
                        out.push(ch);
                    }
                    None => {
                        out.push('\\');
                        out.push(e);
                        out.push_str(&digits);
                    }
                }
            }
            '0'..='7' => {
                let start = i - 1;
                while i < chars.len() && i - start < 3 && ('0'..='7').contains(&chars[i]) {
                    i += 1;
                }
                let digits: String = chars[start..i].iter().collect();
                if let Some(ch) = u32::from_str_radix(&digits, 8).ok().and_then(char::from_u32) {
                    coded = true;
                    out.push(ch);
                }
            }
            'c' if i < chars.len() => {
                coded = true;
                let ctl = (chars[i] as u32) & 0x1f;
                i += 1;
                out.extend(char::from_u32(ctl));
            }
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    (out, coded)
}

/// True when an unquoted word holds glob characters.
#[must_use]
pub fn has_glob(s: &str) -> bool {
    s.contains(['*', '?']) || (s.contains('[') && s.contains(']'))
}

/// Matches `name` against a shell glob (`*`, `?`, `[...]`).
///
/// Runs in time proportional to the product of the two lengths (the pattern
/// is cut to 64 characters): every token but `*` takes one character, and a
/// mismatch backtracks only to the last `*`. A recursive matcher that tried
/// every split for every `*` took exponential time on a program name like
/// `********x` (fuzzing, `fuzz/regressions/check/glob-program-stars`).
#[must_use]
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().take(64).collect();
    let tokens = glob_tokens(&p);
    let n: Vec<char> = name.chars().collect();
    let (mut t, mut i) = (0, 0);
    // The last `*` seen, and the name position it currently stands for.
    let mut star: Option<(usize, usize)> = None;
    while i < n.len() {
        match tokens.get(t) {
            Some(GlobToken::Star) => {
                star = Some((t, i));
                t += 1;
            }
            Some(tok) if tok.matches(n[i]) => {
                t += 1;
                i += 1;
            }
            _ => match star {
                // Let the last `*` take one more character and retry after it.
                Some((st, si)) => {
                    star = Some((st, si + 1));
                    t = st + 1;
                    i = si + 1;
                }
                None => return false,
            },
        }
    }
    tokens[t..].iter().all(|tok| matches!(tok, GlobToken::Star))
}

/// One element of a glob pattern.
enum GlobToken {
    /// `*`: any run of characters.
    Star,
    /// `?`: any one character.
    Any,
    /// A literal character (also a `[` without a closing `]`).
    Lit(char),
    /// `[...]`: negated (`[!...]`, `[^...]`), and the set with its `a-z` ranges.
    Class(bool, Vec<char>),
}

impl GlobToken {
    /// True when this one-character token matches `c` (never for `*`).
    fn matches(&self, c: char) -> bool {
        match self {
            GlobToken::Star => false,
            GlobToken::Any => true,
            GlobToken::Lit(l) => *l == c,
            GlobToken::Class(neg, set) => {
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        hit |= set[i] <= c && c <= set[i + 2];
                        i += 3;
                    } else {
                        hit |= set[i] == c;
                        i += 1;
                    }
                }
                hit != *neg
            }
        }
    }
}

fn glob_tokens(p: &[char]) -> Vec<GlobToken> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => out.push(GlobToken::Star),
            '?' => out.push(GlobToken::Any),
            '[' => {
                if let Some(close) = p[i + 1..].iter().position(|&c| c == ']') {
                    let set = &p[i + 1..i + 1 + close];
                    let (neg, set) = match set.split_first() {
                        Some(('!' | '^', s)) => (true, s),
                        _ => (false, set),
                    };
                    out.push(GlobToken::Class(neg, set.to_vec()));
                    i += close + 2;
                    continue;
                }
                out.push(GlobToken::Lit('['));
            }
            c => out.push(GlobToken::Lit(c)),
        }
        i += 1;
    }
    out
}

/// True when a raw unquoted word holds a glob character not escaped by a backslash.
#[must_use]
pub fn has_unescaped_glob(raw: &str) -> bool {
    let mut escaped = false;
    let mut open = false;
    for c in raw.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '*' | '?' => return true,
            '[' => open = true,
            ']' if open => return true,
            _ => {}
        }
    }
    false
}

/// Expands one level of brace alternation (`pre{a,b}post`, `{rm,-rf,x}`).
/// Returns `None` when the word has no comma-separated brace group. Nested
/// groups expand recursively; the result is bounded to 64 words.
#[must_use]
pub fn expand_braces(s: &str) -> Option<Vec<String>> {
    let bytes = s.as_bytes();
    let open = s.find('{')?;
    let mut depth = 0usize;
    let mut close = None;
    let mut commas = Vec::new();
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            b',' if depth == 1 => commas.push(i),
            _ => {}
        }
    }
    let close = close?;
    if commas.is_empty() {
        return None;
    }
    let (pre, post) = (&s[..open], &s[close + 1..]);
    let mut parts = Vec::new();
    let mut start = open + 1;
    for &c in commas.iter().chain(std::iter::once(&close)) {
        parts.push(&s[start..c]);
        start = c + 1;
    }
    let mut out = Vec::new();
    for p in parts {
        let joined = format!("{pre}{p}{post}");
        match expand_braces(&joined) {
            Some(more) => out.extend(more),
            None => out.push(joined),
        }
        if out.len() >= 64 {
            out.truncate(64);
            break;
        }
    }
    Some(out)
}

/// [`expand_braces`] where the byte ranges `literal` of `s` (quoted text,
/// results of expansions) hold no brace syntax: bash expands only unquoted
/// braces, so `x"{a,b}"y` is one word and `{a,"b,c"}` two.
#[must_use]
pub fn expand_braces_except(s: &str, literal: &[(usize, usize)]) -> Option<Vec<String>> {
    const MASK: [(char, char); 3] = [('{', '\u{E001}'), (',', '\u{E002}'), ('}', '\u{E003}')];
    if literal.is_empty() || s.contains(['\u{E001}', '\u{E002}', '\u{E003}']) {
        return expand_braces(s);
    }
    let masked: String = s
        .char_indices()
        .map(|(i, c)| match MASK.iter().find(|m| m.0 == c) {
            Some(m) if literal.iter().any(|&(a, b)| a <= i && i < b) => m.1,
            _ => c,
        })
        .collect();
    let parts = expand_braces(&masked)?;
    Some(parts.into_iter().map(|p| p.chars().map(|c| MASK.iter().find(|m| m.1 == c).map_or(c, |m| m.0)).collect()).collect())
}

/// Maps confusable characters to the ASCII they imitate and drops invisible
/// ones (zero-width, direction overrides). Returns the text and whether
/// anything changed.
#[must_use]
pub fn fold_confusables(s: &str) -> (String, bool) {
    if s.is_ascii() {
        return (s.to_string(), false);
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for c in s.chars() {
        let mapped = match c {
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' => None,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
            'а' => Some('a'),
            'е' => Some('e'),
            'о' | 'ο' => Some('o'),
            'р' | 'ρ' => Some('p'),
            'с' | 'ϲ' => Some('c'),
            'х' | 'χ' => Some('x'),
            'у' => Some('y'),
            'і' | 'ι' => Some('i'),
            'ѕ' => Some('s'),
            'ј' => Some('j'),
            'ԁ' => Some('d'),
            'һ' => Some('h'),
            'ӏ' | 'ⅼ' => Some('l'),
            'м' => Some('m'),
            'т' => Some('t'),
            'к' | 'κ' => Some('k'),
            'п' => Some('n'),
            'ν' => Some('v'),
            'ԝ' => Some('w'),
            'г' => Some('r'),
            'А' | 'Α' => Some('A'),
            'В' | 'Β' => Some('B'),
            'Е' | 'Ε' => Some('E'),
            'К' | 'Κ' => Some('K'),
            'М' | 'Μ' => Some('M'),
            'Н' | 'Η' => Some('H'),
            'О' | 'Ο' => Some('O'),
            'Р' | 'Ρ' => Some('P'),
            'С' => Some('C'),
            'Т' | 'Τ' => Some('T'),
            'Х' | 'Χ' => Some('X'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
            '\u{2044}' | '\u{2215}' => Some('/'),
            _ => Some(c),
        };
        if mapped != Some(c) {
            changed = true;
        }
        out.extend(mapped);
    }
    (out, changed)
}

/// A word the shell reads back as `t`: bare when it has no special
/// characters, else single-quoted.
#[must_use]
pub fn shell_quote(t: &str) -> String {
    if t.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:@%+~,".contains(c)) && !t.is_empty() {
        t.to_string()
    } else {
        format!("'{}'", t.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_escapes() {
        assert_eq!(unescape_bare(r"r\m"), ("rm".into(), true));
        assert_eq!(unescape_bare(r"\;"), (";".into(), false));
        assert_eq!(unescape_bare(r"a\ b"), ("a b".into(), false));
    }

    #[test]
    fn double_quote_escapes() {
        assert_eq!(unescape_double(r#"a\"b\$c\n"#), r#"a"b$c\n"#);
    }

    #[test]
    fn backtick_escapes() {
        assert_eq!(unescape_backticks(r"echo \`id\`"), "echo `id`");
        assert_eq!(unescape_backticks(r"echo \$HOME \\ \n"), r"echo $HOME \ \n");
        assert_eq!(unescape_backticks(r"a \\\`b\\\`"), r"a \`b\`");
        assert_eq!(unescape_backticks("plain"), "plain");
    }

    #[test]
    fn ansi_c_strings() {
        assert_eq!(decode_ansi_c(r"\x72\x6d"), ("rm".into(), true));
        assert_eq!(decode_ansi_c(r"\162\155"), ("rm".into(), true));
        assert_eq!(decode_ansi_c(r"\u0072m"), ("rm".into(), true));
        assert_eq!(decode_ansi_c(r"a\tb"), ("a\tb".into(), false));
        assert_eq!(decode_ansi_c(r"it\'s"), ("it's".into(), false));
    }

    #[test]
    fn brace_expansion() {
        assert_eq!(expand_braces("{rm,-rf,/}"), Some(vec!["rm".into(), "-rf".into(), "/".into()]));
        assert_eq!(expand_braces("a{b,c}d"), Some(vec!["abd".into(), "acd".into()]));
        assert_eq!(expand_braces("{a}"), None);
        assert_eq!(expand_braces("x{a,{b,c}}"), Some(vec!["xa".into(), "xb".into(), "xc".into()]));
        assert_eq!(expand_braces("no braces"), None);
    }

    #[test]
    fn quoted_braces_are_not_expanded() {
        // `x"{a,b}"y`: the quoted part is bytes 1..6.
        assert_eq!(expand_braces_except("x{a,b}y", &[(1, 6)]), None);
        // `{a,"b,c"}`: only the quoted comma is literal.
        assert_eq!(expand_braces_except("{a,b,c}", &[(3, 6)]), Some(vec!["a".into(), "b,c".into()]));
        // `{a,b}"x"`: the braces are unquoted.
        assert_eq!(expand_braces_except("{a,b}x", &[(5, 6)]), Some(vec!["ax".into(), "bx".into()]));
        assert_eq!(expand_braces_except("{a,b}", &[]), Some(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn confusables_fold_to_ascii() {
        assert_eq!(fold_confusables("rм"), ("rm".into(), true));
        assert_eq!(fold_confusables("ｒｍ"), ("rm".into(), true));
        assert_eq!(fold_confusables("r\u{200B}m"), ("rm".into(), true));
        assert_eq!(fold_confusables("rm"), ("rm".into(), false));
    }

    #[test]
    fn glob_matching() {
        assert!(glob_match("r?", "rm"));
        assert!(glob_match("[r]m", "rm"));
        assert!(glob_match("*sh", "bash"));
        assert!(!glob_match("r?", "rmdir"));
        assert!(glob_match("c[a-z]t", "cat"));
        assert!(glob_match("[!a]*", "bash") && !glob_match("[^b]*", "bash"));
        assert!(glob_match("a[b", "a[b") && glob_match("*", "") && !glob_match("?", ""));
    }

    /// The recursive matcher `glob_match` replaced (exponential in the
    /// number of `*`), as the reference for its results.
    fn reference_glob_match(pattern: &str, name: &str) -> bool {
        fn go(p: &[char], n: &[char]) -> bool {
            match p.split_first() {
                None => n.is_empty(),
                Some(('*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
                Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
                Some(('[', rest)) => {
                    let Some(close) = rest.iter().position(|&c| c == ']') else { return !n.is_empty() && n[0] == '[' && go(rest, &n[1..]) };
                    let (set, after) = (&rest[..close], &rest[close + 1..]);
                    let Some((&c, tail)) = n.split_first() else { return false };
                    let (neg, set) = match set.split_first() {
                        Some(('!' | '^', s)) => (true, s),
                        _ => (false, set),
                    };
                    let mut hit = false;
                    let mut i = 0;
                    while i < set.len() {
                        if i + 2 < set.len() && set[i + 1] == '-' {
                            hit |= set[i] <= c && c <= set[i + 2];
                            i += 3;
                        } else {
                            hit |= set[i] == c;
                            i += 1;
                        }
                    }
                    hit != neg && go(after, tail)
                }
                Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
            }
        }
        let p: Vec<char> = pattern.chars().take(64).collect();
        let n: Vec<char> = name.chars().collect();
        go(&p, &n)
    }

    #[test]
    fn glob_matching_agrees_with_the_recursive_matcher() {
        // A fixed pseudo-random walk over short patterns and names of a small alphabet.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |max: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % max
        };
        let pattern_chars = ['a', 'b', '*', '?', '[', ']', '!', '-'];
        let name_chars = ['a', 'b', '[', '-', '!'];
        for _ in 0..20_000 {
            let p: String = (0..next(8)).map(|_| pattern_chars[next(8) as usize]).collect();
            let n: String = (0..next(6)).map(|_| name_chars[next(5) as usize]).collect();
            assert_eq!(glob_match(&p, &n), reference_glob_match(&p, &n), "{p:?} against {n:?}");
        }
    }

    #[test]
    fn many_stars_match_quickly() {
        // Exponential matching would not finish (the test hangs, no clock needed).
        assert!(!glob_match(&format!("{}x", "*".repeat(63)), &"a".repeat(10_000)));
        assert!(!glob_match(&"*a".repeat(32), &"a".repeat(31)));
    }

    #[test]
    fn globs() {
        assert!(has_glob("*.txt"));
        assert!(has_glob("/bin/r?"));
        assert!(!has_glob("plain"));
        assert!(has_unescaped_glob("*.txt"));
        assert!(!has_unescaped_glob(r"\*"));
        assert!(has_unescaped_glob("[abc].txt"));
    }
}
