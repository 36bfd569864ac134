//! Credential-dumping and remote-execution kits, keyed by name: they
//! extract password hashes, tickets and keys from machines and domains
//! (`secretsdump`, `mimikatz`, `lsassy`, `LaZagne`) or run commands on
//! other hosts with stolen credentials (`psexec.py`, `wmiexec.py`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "CRD013",
    name: "credential-dumping-tool",
    category: Category::Credentials,
    decision: Decision::Deny,
    commands: &[],
    summary: "runs a credential-dumping or lateral-movement tool",
    why: "These tools exist to steal credentials and reuse them on other hosts; their only plausible purpose here is harm.",
    check,
    fires: &[
        "mimikatz.exe 'sekurlsa::logonpasswords'",
        "impacket-secretsdump -just-dc corp.local/admin@10.0.0.2",
        "lsassy -u admin -p pw 10.0.0.0/24",
        "python3 wmiexec.py corp/admin@10.0.0.7",
    ],
    passes: &["grep -ri mimikatz docs/", "cat secretsdump-notes.md", "python3 tools/dump_schema.py"],
};

const DUMPERS: &[&str] = &[
    "secretsdump",
    "mimikatz",
    "pypykatz",
    "lsassy",
    "lazagne",
    "LaZagne",
    "hashdump",
    "gosecretsdump",
    "donpapi",
    "DonPAPI",
    "crackmapexec",
    "netexec",
    "nxc",
    "psexec",
    "wmiexec",
    "smbexec",
    "atexec",
    "dcomexec",
    "ntlmrelayx",
    "getuserspns",
    "GetUserSPNs",
    "getnpusers",
    "GetNPUsers",
    "ticketer",
    "rubeus",
    "Rubeus",
    "kekeo",
    "procdump",
    "nanodump",
    "dploot",
];

fn tool_name(word: &str) -> &str {
    let base = word.rsplit('/').next().unwrap_or(word);
    let base = base.strip_suffix(".py").or_else(|| base.strip_suffix(".exe")).unwrap_or(base);
    base.strip_prefix("impacket-").unwrap_or(base)
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let direct = tool_name(&cmd.name);
    // `python3 wmiexec.py …`: the tool is the script the interpreter runs.
    let script =
        (crate::ir::programs::language(&cmd.name) == Some(crate::ir::Language::Python)).then(|| cmd.operands().next()).flatten().map(|w| tool_name(&w.text));
    let name = [Some(direct), script].into_iter().flatten().find(|n| DUMPERS.contains(n))?;
    Some(Hit::command().with_message(format!("`{name}` dumps or reuses credentials")))
}
