//! BitTorrent and other peer-to-peer clients (`transmission-cli`,
//! `deluge`, `qbittorrent-nox`, `aria2c magnet:…`, `webtorrent`): they
//! download from and upload to strangers, announce the machine to trackers
//! and keep sharing what they fetched.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT014",
    name: "peer-to-peer-sharing",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[],
    summary: "runs a peer-to-peer file-sharing client",
    why: "Peers on the internet download from the machine and see its address; what is shared and fetched is outside the task's control.",
    check,
    fires: &[
        "transmission-cli ubuntu.torrent",
        "deluge-console add https://example.org/x.torrent",
        "aria2c 'magnet:?xt=urn:btih:abc'",
        "qbittorrent-nox",
        "webtorrent download magnet:?xt=urn:btih:abc",
    ],
    passes: &["aria2c https://example.org/file.tar.gz", "transmission-cli --help", "curl -O https://example.org/x.torrent"],
};

/// Peer-to-peer clients (by file name).
const CLIENTS: &[&str] = &[
    "transmission-cli",
    "transmission-daemon",
    "transmission-remote",
    "transmission-gtk",
    "transmission-qt",
    "deluge",
    "deluged",
    "deluge-console",
    "deluge-web",
    "qbittorrent",
    "qbittorrent-nox",
    "rtorrent",
    "ktorrent",
    "webtorrent",
    "btfs",
    "ctorrent",
    "tribler",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let file = program_file(cmd);
    if cmd.args.iter().any(|a| a.text == "--help" || a.text == "--version") {
        return None;
    }
    if CLIENTS.contains(&file) {
        return Some(Hit::command().with_message(format!("`{}` shares files with peers on the internet", cmd.name)));
    }
    let torrent = |t: &str| t.starts_with("magnet:") || (t.ends_with(".torrent") && matches!(file, "aria2c" | "wget2"));
    let w = cmd.args.iter().find(|a| torrent(&a.text))?;
    Some(Hit::on(w).with_message(format!("`{}` joins a BitTorrent swarm for `{}`", cmd.name, w.text)))
}
