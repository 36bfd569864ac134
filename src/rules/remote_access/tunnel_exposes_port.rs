//! Tunnels and port forwards: `ssh -R/-L/-D/-w`, `autossh`, `ngrok`,
//! `cloudflared tunnel`, `lt`/localtunnel, `bore`, `frpc`, `chisel`,
//! `tailscale funnel`, `zrok share`, socat relays, and `kubectl
//! port-forward --address 0.0.0.0`.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{has_seq, opt_values};

pub(crate) static RULE: Rule = Rule {
    code: "RAC006",
    name: "tunnel-exposes-port",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "ssh",
        "autossh",
        "ngrok",
        "cloudflared",
        "lt",
        "localtunnel",
        "bore",
        "frpc",
        "frps",
        "chisel",
        "tailscale",
        "zrok",
        "socat",
        "kubectl",
        "oc",
        "npx",
        "pnpx",
        "bunx",
        "inlets",
        "pagekite",
        "pagekite.py",
        "loclx",
        "tunnelto",
        "tmole",
        "devtunnel",
        "code",
        "sshuttle",
        "gost",
        "rathole",
        "pinggy",
    ],
    summary: "opens a tunnel or port forward between this machine and another network",
    why: "Tunnels expose local services to the internet or bridge into networks the user did not mean to open.",
    check,
    fires: &[
        "ssh -R 80:localhost:3000 serveo.net",
        "ssh -fN -L 5432:db.internal:5432 bastion",
        "ssh -D 1080 -N me@host",
        "autossh -M 0 -R 2222:localhost:22 me@host",
        "ngrok http 3000",
        "cloudflared tunnel --url http://localhost:8080",
        "lt --port 3000",
        "npx localtunnel --port 3000",
        "bore local 3000 --to bore.pub",
        "chisel client 10.0.0.1:8000 R:socks",
        "tailscale funnel 3000",
        "zrok share public localhost:3000",
        "socat TCP-LISTEN:8080,fork TCP:10.0.0.5:80",
        "kubectl port-forward --address 0.0.0.0 svc/web 8080:80",
        "sshuttle -r me@host 10.0.0.0/8",
        "code tunnel",
    ],
    passes: &[
        "ssh-keygen -t ed25519",
        "kubectl port-forward svc/web 8080:80",
        "tailscale status",
        "cloudflared --version",
        "npx prettier --check .",
        "code .",
        "ngrok version",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let first = cmd.argv.subcommands.first().map(String::as_str).or_else(|| cmd.operands().next().map(|w| w.text.as_str())).unwrap_or_default();
    let hit = match cmd.name.as_str() {
        "ssh" | "autossh" => cmd.has_any_flag(&["-R", "-L", "-D", "-w"]) || cmd.name == "autossh",
        "ngrok" => !matches!(first, "" | "version" | "help" | "update" | "config" | "diagnose" | "completion" | "credits"),
        "cloudflared" => matches!(first, "tunnel" | "access") && !has_seq(cmd, &["tunnel", "list"]),
        "lt" | "localtunnel" | "frpc" | "frps" | "inlets" | "pagekite" | "pagekite.py" | "loclx" | "tunnelto" | "tmole" | "gost" | "rathole" | "pinggy"
        | "sshuttle" => true,
        "bore" => first == "local" || first == "server",
        "chisel" => matches!(first, "client" | "server"),
        "tailscale" => matches!(first, "funnel" | "serve"),
        "zrok" => matches!(first, "share" | "reserve"),
        "devtunnel" => matches!(first, "host" | "create"),
        "code" => first == "tunnel",
        "socat" => {
            let listens = cmd.args.iter().any(|a| a.text.to_ascii_lowercase().contains("-listen:"));
            let forwards = cmd.args.iter().any(|a| {
                let t = a.text.to_ascii_lowercase();
                (t.starts_with("tcp:") || t.starts_with("tcp4:") || t.starts_with("tcp6:") || t.starts_with("udp:") || t.starts_with("openssl:"))
                    && !t.contains("-listen")
            });
            listens && forwards
        }
        "kubectl" | "oc" => {
            first == "port-forward" && opt_values(cmd, &["--address"]).iter().any(|w| w.text.split(',').any(|a| a != "localhost" && !a.starts_with("127.")))
        }
        "npx" | "pnpx" | "bunx" => matches!(first, "localtunnel" | "lt" | "ngrok" | "cloudflared" | "untun" | "localtunnel@latest"),
        _ => false,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` opens a tunnel or port forward", describe(cmd))))
}
