//! Predicates for the obfuscation rules: which commands decode data, which
//! run code, and where a command's code comes from.
//!
//! These rules read interpreter source text (a `-c`/`-e` value, a heredoc
//! fed to an interpreter) and a word's `raw` spelling; that is the evidence
//! obfuscation leaves, and the IR keeps it for them.

use crate::rules::prelude::*;

/// Builtins that run their operands (or a file) as shell code.
pub(super) const EVALUATORS: &[&str] = &["eval", "source", "."];

/// True for shells, interpreters and `eval`/`source`: programs that run
/// code (per their spec's kind).
pub(super) fn runs_code(name: &str) -> bool {
    crate::ir::is_interpreter(name) || EVALUATORS.contains(&name)
}

/// Count of hex, octal and unicode escapes (`\x72`, `\162`, `\u0072`) in text.
pub(super) fn escape_count(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            let rest = &b[i + 1..];
            let hex = |s: &[u8], k: usize| s.len() >= k && s[..k].iter().all(u8::is_ascii_hexdigit);
            let coded = match rest[0] {
                b'x' => hex(&rest[1..], 2),
                b'u' => hex(&rest[1..], 4),
                b'0'..=b'7' => rest.len() >= 3 && rest[..3].iter().all(|c| (b'0'..=b'7').contains(c)),
                _ => false,
            };
            if coded {
                n += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    n
}

/// Decode calls in interpreter code: base64, hex, rot13, compression, char codes.
pub(super) const DECODE_CALLS: &[&str] = &[
    "b64decode",
    "b32decode",
    "b16decode",
    "a85decode",
    "base64.decode",
    "decodebytes",
    "decodestring",
    "fromhex",
    "unhexlify",
    "a2b_base64",
    "a2b_hex",
    "codecs.decode",
    "rot13",
    "rot_13",
    "zlib.decompress",
    "gzip.decompress",
    "bz2.decompress",
    "lzma.decompress",
    "marshal.loads",
    "decode_base64",
    "decode64",
    "unpack(\"m",
    "unpack('m",
    "unpack1(\"m",
    "unpack1('m",
    "pack(\"H",
    "pack('H",
    "pack(\"h",
    "pack('h",
    "base64_decode",
    "hex2bin",
    "gzinflate",
    "gzuncompress",
    "str_rot13",
    ",'base64')",
    ", 'base64')",
    ",\"base64\")",
    ", \"base64\")",
    ",'hex')",
    ", 'hex')",
    ",\"hex\")",
    ", \"hex\")",
    "atob(",
    "frombase64string",
    "Base64.strict_decode64",
    "Base64.urlsafe_decode64",
    "MIME::Base64",
    "Zlib::Inflate",
    "inflateSync",
    "gunzipSync",
];

/// Calls that run a string as code or as a command.
pub(super) const EXEC_SINKS: &[&str] = &[
    "exec(",
    "exec (",
    "eval(",
    "eval (",
    "eval ",
    "compile(",
    "os.system",
    "os.popen",
    "subprocess",
    "pty.spawn",
    "child_process",
    "execSync",
    "spawnSync",
    "execFile",
    "new Function",
    "Function(",
    "system(",
    "system ",
    "qx(",
    "qx{",
    "popen",
    "passthru",
    "shell_exec",
    "proc_open",
    "Kernel.exec",
    "instance_eval",
    "IO.popen",
    "Invoke-Expression",
    "iex ",
    "iex(",
    "__import__('os')",
    "__import__(\"os\")",
    "vm.runIn",
    "runpy",
    "marshal.loads",
    "pickle.loads",
];

/// The code an interpreter or shell runs from its arguments or stdin, as
/// its spec reads them ([`Command::code`]: `-c`/`-e`/`-r` values, Perl's
/// `-M` modules, a heredoc or here-string when it reads code from stdin).
pub(super) fn inline_code(cmd: &Command) -> Vec<std::borrow::Cow<'_, str>> {
    cmd.code_texts()
}

/// True when the command turns encoded data back into text: `base64 -d`,
/// `xxd -r`, `openssl enc -d`, `rev`, `tr` rotations, `printf`/`echo -e`
/// spelling text with escapes, or interpreter code calling a decoder.
pub(super) fn is_decoder(cmd: &Command) -> bool {
    let args: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let has = |f: &[&str]| args.iter().any(|a| f.contains(a));
    match cmd.name.as_str() {
        "base64" | "gbase64" | "base32" | "basenc" => {
            has(&["-d", "--decode", "-D"]) || args.iter().any(|a| a.starts_with('-') && !a.starts_with("--") && a.contains('d'))
        }
        "xxd" => args.iter().any(|a| a.starts_with("-r") || a.starts_with('-') && !a.starts_with("--") && a.contains('r')),
        "openssl" => has(&["-d"]) && has(&["enc", "base64", "-base64", "-a", "-A"]) || args.first().is_some_and(|a| *a == "base64") && has(&["-d"]),
        "uudecode" | "rev" | "unbase64" => true,
        "tr" => {
            args.len() >= 2
                && !args[0].starts_with('-')
                && (args[0].contains("A-Z") || args[0].contains("a-z"))
                && args[0] != args[1]
                && args[1] != "[:upper:]"
                && args[1] != "[:lower:]"
        }
        "printf" => escape_count(&cmd.args.iter().map(|a| a.raw.as_str()).collect::<String>()) >= 3,
        "echo" => has(&["-e", "-ne", "-en"]) && escape_count(&cmd.args.iter().map(|a| a.raw.as_str()).collect::<String>()) >= 3,
        n if crate::ir::programs::kind(n) == Some(crate::ir::Kind::Interpreter) => inline_code(cmd).iter().any(|c| DECODE_CALLS.iter().any(|d| c.contains(d))),
        _ => false,
    }
}

/// The first decoder whose output reaches `ids` (the sources of a word, or
/// a command's stdin producer), searched transitively upstream.
pub(super) fn decoder_among<'a>(script: &'a crate::ir::Script, ids: &[usize]) -> Option<&'a Command> {
    for &id in ids {
        let Some(c) = script.commands.get(id) else {
            continue;
        };
        if is_decoder(c) {
            return Some(c);
        }
        if let Some(d) = script.upstream(id).into_iter().filter_map(|i| script.commands.get(i)).find(|c| is_decoder(c)) {
            return Some(d);
        }
    }
    None
}

/// A short description of a decoder for messages (`base64 -d`).
pub(super) fn show(cmd: &Command) -> String {
    let mut s = cmd.name.clone();
    for a in cmd.args.iter().take(2) {
        if a.text.len() > 20 {
            s.push_str(" …");
            break;
        }
        s.push(' ');
        s.push_str(&a.text);
    }
    s
}

/// The words a code runner reads its code from: the value after a
/// `-c`/`-e` flag or the script operand; for `eval`/`source`, every argument.
pub(super) fn code_words(cmd: &Command) -> Vec<&Word> {
    if EVALUATORS.contains(&cmd.name.as_str()) {
        return cmd.args.iter().collect();
    }
    let code: Vec<&Word> = cmd.code().into_iter().filter_map(|c| c.word).collect();
    if code.is_empty() { cmd.operands().take(1).collect() } else { code }
}
