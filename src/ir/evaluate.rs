//! Static evaluation of the text-only commands that obfuscated payloads are
//! built from: `echo`, `printf`, `cat`, and decoders over known input. The
//! result lets the lowering see through `$(echo cm0= | base64 -d)` and
//! `printf '\x72\x6d'` to the command they spell. Anything else is `None`
//! (unknown), never a guess.

use base64::Engine as _;

use crate::ir::Command;

/// Longest output computed; beyond it the value is unknown.
const MAX_OUTPUT: usize = 64 * 1024;

/// The output of `c` when computable, given a way to get its stdin.
pub(crate) fn evaluate(c: &Command, input: impl FnOnce() -> Option<String>) -> Option<String> {
    let args: Vec<&str> = c.args.iter().map(|a| a.text.as_str()).collect();
    let out = match c.name.as_str() {
        "echo" => Some(echo(&args)),
        "printf" => printf(&args),
        "cat" if args.iter().all(|a| *a == "-") => input(),
        "base64" | "base32" | "basenc" if args.iter().any(|a| matches!(*a, "-d" | "--decode" | "-D")) => {
            let text = input()?;
            let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = if c.name == "base32" {
                return None;
            } else {
                base64::engine::general_purpose::STANDARD
                    .decode(cleaned.as_bytes())
                    .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(cleaned.trim_end_matches('=').as_bytes()))
                    .ok()?
            };
            String::from_utf8(bytes).ok()
        }
        "xxd" if args.contains(&"-r") && args.iter().any(|a| *a == "-p" || *a == "-ps" || *a == "-plain") => {
            let text = input()?;
            let hex: String = text.chars().filter(char::is_ascii_hexdigit).collect();
            String::from_utf8(decode_hex(&hex)?).ok()
        }
        "rev" if args.is_empty() => {
            let text = input()?;
            Some(text.lines().map(|l| l.chars().rev().collect::<String>()).collect::<Vec<_>>().join("\n") + "\n")
        }
        "tr" if args.len() == 2 && !args[0].starts_with('-') => {
            let from = expand_set(args[0])?;
            let to = expand_set(args[1])?;
            let text = input()?;
            Some(text.chars().map(|ch| from.iter().position(|&f| f == ch).map_or(ch, |i| *to.get(i).or(to.last()).unwrap_or(&ch))).collect())
        }
        _ => None,
    }?;
    (out.len() <= MAX_OUTPUT).then_some(out)
}

fn echo(args: &[&str]) -> String {
    let mut newline = true;
    let mut escapes = false;
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        if first.len() > 1 && first.starts_with('-') && first[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
            newline &= !first.contains('n');
            escapes |= first.contains('e');
            rest = tail;
        } else {
            break;
        }
    }
    let mut s = rest.join(" ");
    if escapes {
        // echo -e writes octal as `\0nnn` (the leading 0 is not a digit of the value).
        let mut conv = String::with_capacity(s.len());
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '\\' && chars.get(i + 1) == Some(&'0') {
                let start = i + 2;
                let mut end = start;
                while end < chars.len() && end - start < 3 && ('0'..='7').contains(&chars[end]) {
                    end += 1;
                }
                let digits: String = chars[start..end].iter().collect();
                conv.push_str(&format!("\\x{:02x}", u32::from_str_radix(if digits.is_empty() { "0" } else { &digits }, 8).unwrap_or(0)));
                i = end;
            } else {
                conv.push(chars[i]);
                i += 1;
            }
        }
        s = crate::ir::words::decode_ansi_c(&conv).0;
    }
    if newline {
        s.push('\n');
    }
    s
}

fn printf(args: &[&str]) -> Option<String> {
    let (fmt, mut rest) = args.split_first()?;
    let fmt = if *fmt == "--" {
        let (f, r) = rest.split_first()?;
        rest = r;
        f
    } else {
        fmt
    };
    let mut out = String::new();
    let mut first = true;
    while first || !rest.is_empty() {
        first = false;
        let mut chars = fmt.chars().peekable();
        let mut consumed = false;
        while let Some(ch) = chars.next() {
            match ch {
                '%' => {
                    let mut spec = String::new();
                    let mut modifiers = String::new();
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if n.is_ascii_alphabetic() || n == '%' {
                            spec.push(n);
                            break;
                        }
                        modifiers.push(n);
                    }
                    let precision: Option<usize> = modifiers.split_once('.').and_then(|(_, p)| p.parse().ok());
                    match spec.as_str() {
                        "%" => out.push('%'),
                        "s" | "d" | "i" | "u" => {
                            let (a, r) = rest.split_first().map_or(("", &[][..]), |(a, r)| (*a, r));
                            rest = r;
                            consumed = true;
                            match precision.filter(|_| spec == "s") {
                                Some(p) => out.extend(a.chars().take(p)),
                                None => out.push_str(a),
                            }
                        }
                        "b" => {
                            let (a, r) = rest.split_first().map_or(("", &[][..]), |(a, r)| (*a, r));
                            rest = r;
                            consumed = true;
                            out.push_str(&crate::ir::words::decode_ansi_c(a).0);
                        }
                        "c" => {
                            let (a, r) = rest.split_first().map_or(("", &[][..]), |(a, r)| (*a, r));
                            rest = r;
                            consumed = true;
                            out.extend(a.chars().next());
                        }
                        "x" | "X" | "o" => {
                            let (a, r) = rest.split_first().map_or(("", &[][..]), |(a, r)| (*a, r));
                            rest = r;
                            consumed = true;
                            let n: u64 = a.parse().ok()?;
                            out.push_str(&match spec.as_str() {
                                "x" => format!("{n:x}"),
                                "X" => format!("{n:X}"),
                                _ => format!("{n:o}"),
                            });
                        }
                        _ => return None,
                    }
                }
                '\\' => {
                    let mut esc = String::from("\\");
                    if let Some(n) = chars.next() {
                        esc.push(n);
                        let more = match n {
                            'x' => 2,
                            '0'..='7' => 2,
                            'u' => 4,
                            _ => 0,
                        };
                        for _ in 0..more {
                            match chars.peek() {
                                Some(&d) if d.is_ascii_hexdigit() => {
                                    esc.push(d);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                    }
                    out.push_str(&crate::ir::words::decode_ansi_c(&esc).0);
                }
                c => out.push(c),
            }
            if out.len() > MAX_OUTPUT {
                return None;
            }
        }
        if !consumed {
            break;
        }
    }
    Some(out)
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

fn expand_set(set: &str) -> Option<Vec<char>> {
    let named = match set {
        "[:lower:]" => Some(('a'..='z').collect()),
        "[:upper:]" => Some(('A'..='Z').collect()),
        "[:digit:]" => Some(('0'..='9').collect()),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let chars: Vec<char> = crate::ir::words::decode_ansi_c(set).0.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let (a, b) = (chars[i] as u32, chars[i + 2] as u32);
            if a > b || b - a > 1024 {
                return None;
            }
            out.extend((a..=b).filter_map(char::from_u32));
            i += 3;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    Some(out)
}
