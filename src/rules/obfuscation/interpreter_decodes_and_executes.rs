//! Interpreter one-liners that decode a payload and execute it
//! (`python -c 'exec(base64.b64decode(…))'`, `perl -e 'eval pack("H*",…)'`,
//! `node -e 'eval(Buffer.from(…,"base64")…)'`), and PowerShell's
//! `-EncodedCommand`.
//!
//! Reads the interpreter's source text (see `common`).

use super::common::{DECODE_CALLS, EXEC_SINKS, escape_count, inline_code};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "OBF002",
    name: "interpreter-decodes-and-executes",
    category: Category::Obfuscation,
    decision: Decision::Deny,
    commands: &["@interpreter"],
    summary: "decodes an encoded payload inside an interpreter and executes it",
    why: "The executed code is hidden in an encoding; legitimate one-liners do not decode their own code.",
    check,
    fires: &[
        "bash -c \"python3 -c 'import base64; exec(base64.b64decode(\\\"cHJpbnQoMSk=\\\"))'\"",
        "python3 -c 'exec(__import__(\"base64\").b64decode(\"cHJpbnQoMSk=\"))'",
        "python -c \"import base64,os; os.system(base64.b64decode('ZWNobyBoaQ==').decode())\"",
        "python3 - <<'EOF'\nimport base64\nexec(base64.b64decode('cHJpbnQoMSk='))\nEOF",
        "perl -e 'eval pack(\"H*\", \"7072696e74\")'",
        "perl -MMIME::Base64 -e 'eval(decode_base64(\"cHJpbnQ=\"))'",
        "node -e \"eval(Buffer.from('Y29uc29sZS5sb2coMSk=','base64').toString())\"",
        "node -e \"require('child_process').execSync(Buffer.from('bHM=','base64').toString())\"",
        "ruby -e 'eval(Base64.decode64(\"cHV0cyAx\"))'",
        "php -r 'eval(base64_decode(\"ZWNobyAxOw==\"));'",
        "pwsh -enc ZQBjAGgAbwA=",
        "powershell.exe -NoP -EncodedCommand ZQBjAGgAbwA=",
        "sudo python3 -c 'import zlib,base64;exec(zlib.decompress(base64.b64decode(\"eJw=\")))'",
        "python3 -c 'exec(\"\\x70\\x72\\x69\\x6e\\x74\\x28\\x31\\x29\")'",
    ],
    passes: &[
        "python3 -c 'import base64; print(base64.b64decode(\"aGk=\"))'",
        "python3 -c 'import sys; print(sys.version)'",
        "node -e \"console.log(Buffer.from('aGk=','base64').toString())\"",
        "perl -e 'print pack(\"H*\", \"6869\")'",
        "python3 -c 'import os; os.system(\"ls\")'",
        "pwsh -File build.ps1",
        "python3 script.py --encoded x",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if matches!(cmd.name.as_str(), "pwsh" | "powershell" | "powershell.exe" | "pwsh.exe") {
        let flag = cmd.args.iter().find(|a| {
            let t = a.text.to_ascii_lowercase();
            let t = t.trim_start_matches(['-', '/']);
            a.text.starts_with(['-', '/']) && (t == "e" || t == "ec" || t.len() >= 2 && "encodedcommand".starts_with(t) && t.starts_with("en"))
        })?;
        return Some(Hit::on(flag).with_message(format!("`{} {}` runs a base64-encoded command", cmd.name, flag.text)));
    }
    let code = inline_code(cmd).join("\n");
    if code.is_empty() {
        return None;
    }
    let decode = DECODE_CALLS
        .iter()
        .find(|d| code.contains(*d))
        .map(|d| (*d).to_string())
        .or_else(|| (escape_count(&code) >= 4).then(|| "escape sequences".to_string()))?;
    let sink = EXEC_SINKS.iter().find(|s| code.contains(*s))?;
    Some(Hit::command().with_message(format!("`{}` code decodes with `{decode}` and runs the result with `{}`", cmd.name, sink.trim())))
}
