//! Cryptocurrency miners: known miner programs (`xmrig`, `cpuminer`,
//! `ethminer`, ...) by the file name they run under, and any command given a
//! mining-pool URL (`stratum+tcp://`). POLICY.md denies miners: they are
//! almost never part of a software task and burn the user's machine and
//! money for someone else.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS015",
    name: "crypto-miner-run",
    category: Category::System,
    decision: Decision::Deny,
    commands: &[],
    summary: "runs a cryptocurrency miner",
    why: "Mining turns the user's machine, power and cloud bill into someone else's income; no software task needs it.",
    check,
    fires: &[
        "/tmp/xmrig-6.21/xmrig -o pool.example.net:3333 -u 4Awallet --background",
        "nohup ./cpuminer -a sha256d -o stratum+tcp://pool.example.net:3333 -u w -p x &",
        "docker run -d --rm alpine sh -c 'minerd --url stratum+ssl://p.example:443'",
        "ethminer -P stratum1+tcp://wallet@eu1.example.org:4444",
    ],
    passes: &["python miner.py --help", "cargo run --bin block-miner-sim", "grep -r stratum docs/"],
};

/// Miner programs, by file name (without version or extension suffixes).
const MINERS: &[&str] = &[
    "xmrig",
    "xmrig-cuda",
    "xmrig-nvidia",
    "xmr-stak",
    "xmr-stak-rx",
    "cpuminer",
    "cpuminer-opt",
    "minerd",
    "cgminer",
    "bfgminer",
    "ethminer",
    "t-rex",
    "nbminer",
    "lolminer",
    "phoenixminer",
    "gminer",
    "teamredminer",
    "nanominer",
    "srbminer",
    "srbminer-multi",
    "ccminer",
    "claymore",
    "nheqminer",
    "xmrminer",
];

fn is_pool_url(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    lower.starts_with("stratum") && lower.contains("://")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let file = program_file(cmd).to_ascii_lowercase();
    if MINERS.contains(&file.as_str()) {
        return Some(Hit::command().with_message(format!("`{}` is a cryptocurrency miner", cmd.name)));
    }
    let url = cmd.args.iter().find(|w| is_pool_url(&w.text) || w.text.split_once('=').is_some_and(|(_, v)| is_pool_url(v)))?;
    Some(Hit::on(url).with_message(format!("`{}` is given a mining-pool address", cmd.name)))
}
