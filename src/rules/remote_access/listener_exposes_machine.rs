//! Listeners that expose the machine rather than a project: raw `nc -l` /
//! `socat …-LISTEN` listeners, file servers over the home directory or the
//! root, and Jupyter on all interfaces with authentication turned off.
//! A dev server for the workspace (`python -m http.server`) passes.

use crate::ir::Language;
use crate::ir::programs::language;
use crate::rules::prelude::*;
use crate::rules::shared::transfer::opt_values;

pub(crate) static RULE: Rule = Rule {
    code: "RAC008",
    name: "listener-exposes-machine",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "nc",
        "ncat",
        "netcat",
        "nc.openbsd",
        "nc.traditional",
        "socat",
        "@interpreter",
        "http-server",
        "serve",
        "jupyter",
        "jupyter-notebook",
        "jupyter-lab",
        "busybox",
        "httpd",
        "miniserve",
        "updog",
    ],
    summary: "opens a listener that exposes the machine",
    why: "Anyone who can reach the port can read the user's files or run code.",
    check,
    fires: &[
        "nc -lvnp 4444",
        "ncat -l 9000 > received.bin",
        "socat TCP-LISTEN:9000,fork -",
        "python3 -m http.server 8000 --directory ~",
        "python3 -m http.server -d /",
        "cd ~ && python3 -m http.server 8080",
        "http-server ~ -p 8080",
        "jupyter notebook --ip=0.0.0.0 --NotebookApp.token='' --no-browser",
        "jupyter lab --ip 0.0.0.0 --ServerApp.token= --allow-root",
        "sudo python3 -m http.server 80 --directory /etc",
    ],
    passes: &[
        "python3 -m http.server 8000",
        "python3 -m http.server --directory dist 8080",
        "jupyter lab",
        "nc -z 127.0.0.1 6379",
        "npx http-server dist",
        "php -S localhost:8000 -t public",
    ],
};

fn exposed(w: &Word) -> bool {
    matches!(w.path, PathClass::Root | PathClass::Home | PathClass::HomeOther | PathClass::Secret | PathClass::SystemDir | PathClass::System)
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let cd_out = || cx.script.commands.iter().rfind(|c| c.id < cmd.id && c.name == "cd").and_then(|c| c.args.first()).is_some_and(exposed);
    let hit = match cmd.name.as_str() {
        "nc" | "ncat" | "netcat" | "nc.openbsd" | "nc.traditional" => cmd.has_flag("-l") || cmd.has_flag("--listen"),
        "socat" => {
            cmd.args.iter().any(|a| a.text.to_ascii_lowercase().contains("-listen:"))
                && !cmd.args.iter().any(|a| {
                    let t = a.text.to_ascii_lowercase();
                    t.starts_with("tcp:") || t.starts_with("tcp4:") || t.starts_with("udp:") || t.starts_with("exec:") || t.starts_with("system:")
                })
        }
        n if language(n) == Some(Language::Python) => {
            let server = cmd.args.iter().any(|a| matches!(a.text.as_str(), "http.server" | "SimpleHTTPServer" | "-mhttp.server"));
            let dir = cmd.args.windows(2).find(|p| matches!(p[0].text.as_str(), "-d" | "--directory")).map(|p| &p[1]);
            server && dir.map_or_else(cd_out, exposed)
        }
        n if language(n) == Some(Language::Php) => cmd.has_flag("-S") && opt_values(cmd, &["-t"]).first().map_or_else(cd_out, exposed),
        "http-server" | "serve" | "miniserve" | "updog" => cmd.operands().next().map_or_else(cd_out, exposed),
        "jupyter" | "jupyter-notebook" | "jupyter-lab" => {
            let all = cmd.args.iter().any(|a| a.text.contains("0.0.0.0") || a.text.contains("--ip=*") || a.text == "*");
            let no_auth = cmd.args.iter().any(|a| {
                a.text.ends_with(".token=") || a.text.ends_with(".password=") || a.text.ends_with("token=''") || a.text.contains("disable_check_xsrf")
            });
            all && no_auth
        }
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` listens on the network and exposes this machine", describe(cmd))))
}
