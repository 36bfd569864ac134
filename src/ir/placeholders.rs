//! Documentation-style placeholders: `find <directory> -delete`,
//! `rsync -av <SRC> user@host:/srv`, `ssh <user>@<host>`.
//!
//! Commands copied from documentation, answers and man pages (and commands
//! agents write after reading them) carry `<name>` placeholders. The shell
//! reads `<directory>` as two redirections (stdin from `directory`, stdout to
//! the next word), so the literal reading of `find <directory> -delete` is a
//! harmless `find` writing a file called `-delete`, while the person who
//! wrote it, and the next person to fill in the blank, mean a delete of an
//! unknown directory.
//!
//! [`template_reading`] gives the second reading: each placeholder becomes a
//! variable of unknown value (`<directory>` → `$directory_`), which the IR
//! already treats as "could be anything". The pipeline judges both readings
//! and keeps the more severe one, so a placeholder can only ever raise a
//! decision, never lower it. The substitution keeps every byte offset
//! (`<name>` and `$name_` have the same length), so reasons point at the
//! original text.
//!
//! A placeholder is an unquoted `<` that starts a word (or follows `@`, `=`,
//! `:` or `/`), a letter, then up to 64 of `[A-Za-z0-9_.:/@-]`, then `>` not
//! followed by a word character, `<` or `>`. So `sort <in.txt >out.txt`
//! (a space inside), `cat <in>out`, heredocs (`<<EOF`), process substitution
//! (`<(cmd)`) and fd duplication (`<&3`) are left alone.

/// Longest placeholder name taken, in bytes.
const MAX_NAME: usize = 64;

/// The command with every `<name>` placeholder replaced by `$name_` (other
/// name characters mapped to `_`), or `None` when it has no placeholder.
#[must_use]
pub fn template_reading(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let (mut single, mut double) = (false, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if single {
            single = b != b'\'';
        } else if b == b'\\' {
            i += 2;
            continue;
        } else if double {
            double = b != b'"';
        } else if b == b'\'' {
            single = true;
        } else if b == b'"' {
            double = true;
        } else if b == b'<' {
            if let Some(end) = placeholder_end(bytes, i) {
                let buf = out.get_or_insert_with(|| bytes.to_vec());
                buf[i] = b'$';
                for (j, &c) in bytes.iter().enumerate().take(end).skip(i + 1) {
                    buf[j] = if c.is_ascii_alphanumeric() || c == b'_' { c } else { b'_' };
                }
                buf[end] = b'_';
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text stays UTF-8.
    out.map(|b| String::from_utf8(b).expect("ASCII replacements keep UTF-8"))
}

/// The index of the `>` closing a placeholder opened at `start`, if the `<`
/// there opens one.
fn placeholder_end(bytes: &[u8], start: usize) -> Option<usize> {
    let before_ok = start == 0 || matches!(bytes[start - 1], b' ' | b'\t' | b'\n' | b'@' | b'=' | b':' | b'/');
    if !before_ok || !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_len = bytes[start + 1..].iter().take(MAX_NAME + 1).take_while(|&&c| is_name_byte(c)).count();
    if name_len > MAX_NAME {
        return None;
    }
    let end = start + 1 + name_len;
    if bytes.get(end) != Some(&b'>') {
        return None;
    }
    match bytes.get(end + 1) {
        Some(&c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'<' | b'>' | b'&' | b'(') => None,
        _ => Some(end),
    }
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b':' | b'/' | b'@' | b'-')
}

#[cfg(test)]
mod tests {
    use super::template_reading;

    #[test]
    fn placeholders_become_unknown_variables_of_the_same_length() {
        for (text, want) in [
            ("find <directory> -type f -delete", "find $directory_ -type f -delete"),
            ("rsync -az --delete <SRC> u@10.0.0.2:/srv", "rsync -az --delete $SRC_ u@10.0.0.2:/srv"),
            ("ssh <user>@<host>", "ssh $user_@$host_"),
            ("rm -rf <path/to/dir>/", "rm -rf $path_to_dir_/"),
            ("curl --user=<name>:<password> x", "curl --user=$name_:$password_ x"),
            ("cp a <dest>", "cp a $dest_"),
            ("<cmd> --flag", "$cmd_ --flag"),
        ] {
            let got = template_reading(text);
            assert_eq!(got.as_deref(), Some(want), "{text}");
            assert_eq!(got.map(|g| g.len()), Some(text.len()), "{text}: offsets must not move");
        }
    }

    #[test]
    fn real_redirections_and_quoted_text_are_left_alone() {
        for text in [
            "sort <in.txt >out.txt",
            "cat <in>out",
            "cat <<EOF\nhi\nEOF",
            "diff <(ls a) <(ls b)",
            "read x <&3",
            "echo '<b>bold</b>'",
            "echo \"<directory>\"",
            "echo \\<directory>",
            "grep -c '<div>' index.html",
            "a<b> c",
            "cmd <9abc>",
            "cmd < file > out",
            "cmd <x>>log",
            "ls",
        ] {
            assert_eq!(template_reading(text), None, "{text}");
        }
    }

    #[test]
    fn long_names_are_not_placeholders() {
        let long = format!("cat <{}> x", "a".repeat(65));
        assert_eq!(template_reading(&long), None);
        let ok = format!("cat <{}> x", "a".repeat(64));
        assert!(template_reading(&ok).is_some());
    }

    #[test]
    fn non_ascii_text_around_placeholders_survives() {
        assert_eq!(template_reading("echo é <file> ü").as_deref(), Some("echo é $file_ ü"));
    }
}
