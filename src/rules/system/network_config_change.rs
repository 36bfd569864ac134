//! Network configuration changed: addresses, links, routes, DNS, hosts file,
//! connections (`ip route add`, `ifconfig eth0 down`, `nmcli con up`, `>> /etc/hosts`).

use crate::rules::prelude::*;
use crate::rules::shared::changes::{abs_path, written};

pub(crate) static RULE: Rule = Rule {
    code: "SYS005",
    name: "network-config-change",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "changes the machine's network configuration",
    why: "Addresses, routes, DNS and the hosts file decide where every program on the machine connects.",
    check,
    fires: &[
        "sudo ip addr add 10.0.0.2/24 dev eth0",
        "ip link set eth0 down",
        "sudo ip route add default via 10.0.0.1",
        "ip route del 10.1.0.0/16",
        "sudo ifconfig eth0 192.168.1.5 netmask 255.255.255.0 up",
        "ifconfig en0 down",
        "nmcli con up id office",
        "nmcli radio wifi off",
        "nmcli dev wifi connect guest password x",
        "sudo route add default gw 10.0.0.1",
        "echo '127.0.0.1 api.example.com' | sudo tee -a /etc/hosts",
        "sudo sh -c 'echo nameserver 1.1.1.1 > /etc/resolv.conf'",
        "sudo networksetup -setdnsservers Wi-Fi 8.8.8.8",
        "sudo resolvectl dns eth0 9.9.9.9",
        "sudo wg-quick up wg0",
        "sudo netplan apply",
        "sudo tc qdisc add dev eth0 root netem delay 100ms",
        "sudo ifdown eth0",
    ],
    passes: &[
        "ip addr",
        "ip a show eth0",
        "ip route",
        "ip -br link",
        "ifconfig",
        "ifconfig eth0",
        "nmcli dev status",
        "nmcli con show",
        "cat /etc/hosts",
        "networksetup -listallnetworkservices",
        "resolvectl status",
        "wg show",
        "route -n",
    ],
};

const NET_FILES: &[&str] = &[
    "/etc/hosts",
    "/private/etc/hosts",
    "/etc/resolv.conf",
    "/etc/network",
    "/etc/netplan",
    "/etc/NetworkManager",
    "/etc/systemd/network",
    "/etc/systemd/resolved.conf",
    "/etc/wpa_supplicant",
    "/etc/dhcp",
    "/etc/dhcpcd.conf",
    "/etc/sysconfig/network-scripts",
    "/etc/nsswitch.conf",
    "/etc/hostname",
    "/etc/wireguard",
    "/etc/resolver",
];

/// True for a file that configures the machine's networking.
pub(super) fn is_net_file(abs: &str) -> bool {
    NET_FILES.iter().any(|p| abs == *p || abs.starts_with(&format!("{p}/")))
}

const IP_CHANGES: &[&str] = &["add", "del", "delete", "change", "replace", "set", "flush", "append", "prepend", "restore", "attach", "detach"];

fn change(cmd: &Command) -> Option<String> {
    let words: Vec<&str> = cmd.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
    let first = words.first().copied().unwrap_or_default();
    let has = |xs: &[&str]| words.iter().any(|w| xs.contains(w));
    let ok = match cmd.name.as_str() {
        "ip" => words.len() >= 2 && IP_CHANGES.contains(&words[1]) || first == "netns" && has(&["add", "delete", "set", "attach"]),
        "ifconfig" => words.len() >= 2,
        "route" => has(&["add", "del", "delete", "change", "flush"]),
        "nmcli" => {
            let w: Vec<&str> = words
                .iter()
                .map(|w| match *w {
                    "c" | "co" | "con" | "conn" | "connection" => "con",
                    "d" | "de" | "dev" | "devi" | "device" => "dev",
                    other => other,
                })
                .collect();
            w.windows(2).any(|p| {
                matches!(
                    p,
                    ["con", "up" | "down" | "add" | "modify" | "delete" | "reload" | "import" | "mod" | "edit"]
                        | ["dev", "connect" | "disconnect" | "set" | "modify" | "delete" | "reapply" | "up" | "down"]
                        | ["wifi", "connect" | "hotspot"]
                        | ["radio" | "networking", _]
                        | ["general", "hostname"]
                )
            }) && !has(&["show", "status", "list"])
                && !(first == "radio" && words.len() == 1)
        }
        "ifup" | "ifdown" | "dhclient" | "dhcpcd" => true,
        "netplan" => has(&["apply", "try", "set", "generate"]),
        "networksetup" => cmd.args.iter().any(|a| ["-set", "-create", "-delete", "-remove", "-add", "-order", "-switch"].iter().any(|p| a.text.starts_with(p))),
        "resolvectl" | "systemd-resolve" => {
            has(&["dns", "domain", "default-route", "llmnr", "mdns", "dnssec", "dnsovertls", "revert"]) || cmd.args.iter().any(|a| a.text.starts_with("--set-"))
        }
        "wg-quick" => has(&["up", "down"]),
        "wg" => has(&["set", "setconf", "addconf", "syncconf"]),
        "tc" => has(&["add", "del", "delete", "change", "replace"]),
        "brctl" => has(&["addbr", "delbr", "addif", "delif"]),
        "iw" => has(&["set", "connect", "disconnect", "del", "add"]),
        "iwconfig" => words.len() >= 2,
        _ => false,
    };
    ok.then(|| format!("`{} {}`", cmd.name, words.iter().take(3).copied().collect::<Vec<_>>().join(" ")))
}

/// Every command: network files can be written by any writer.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if let Some(what) = change(cmd) {
        return Some(Hit::command().with_message(format!("{what} changes the machine's network configuration")));
    }
    let w = written(cmd, cx.env).into_iter().find(|w| is_net_file(&abs_path(w, cmd, cx)))?;
    Some(Hit::on(&w).with_message(format!("`{}` writes `{}`, the machine's network configuration", cmd.name, w.text)))
}
