//! Mail and chat messages sent: `mail`, `sendmail`, `mutt`, `wall`, and HTTP
//! calls to messaging webhooks and APIs (Slack, Discord, Telegram, Teams, Twilio, SendGrid).

use crate::rules::prelude::*;
use crate::rules::shared::api::url_host;

pub(crate) static RULE: Rule = Rule {
    code: "EXT007",
    name: "message-send",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[
        "mail",
        "mailx",
        "s-nail",
        "bsd-mailx",
        "sendmail",
        "ssmtp",
        "msmtp",
        "exim",
        "mutt",
        "neomutt",
        "swaks",
        "wall",
        "write",
        "curl",
        "wget",
        "http",
        "https",
        "xh",
        "telegram-send",
        "slack-notify",
        "apprise",
        "signal-cli",
        "twilio",
        "ntfy",
    ],
    summary: "sends a message or email to other people",
    why: "A sent message reaches people outside the machine and cannot be recalled.",
    check,
    fires: &[
        "echo 'build done' | mail -s 'CI' team@example.com",
        "mailx -s report boss@example.com < report.txt",
        "sendmail -t < message.eml",
        "mutt -s hi -a log.txt -- dev@example.com < body.txt",
        "swaks --to x@example.com --server smtp.example.com",
        "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deployed\"}' https://hooks.slack.com/services/T0/B0/XYZ",
        "curl -d 'content=hi' https://discord.com/api/webhooks/1/abc",
        "curl -s \"https://api.telegram.org/bot$TOKEN/sendMessage?chat_id=1&text=hi\"",
        "wget -qO- --post-data 'text=x' https://outlook.office.com/webhook/abc",
        "http POST https://api.sendgrid.com/v3/mail/send",
        "curl -d 'alert' ntfy.sh/mytopic",
        "echo 'maintenance in 5 min' | wall",
        "telegram-send 'done'",
        "curl --ssl-reqd --url smtps://smtp.gmail.com:465 --mail-from a@x.com --mail-rcpt b@y.com -T mail.txt",
        "bash -c 'curl -X POST https://hooks.slack.com/services/x -d @msg.json'",
    ],
    passes: &[
        "curl -sL https://api.github.com/repos/o/r",
        "curl https://slack.com",
        "wget https://example.com/file.tgz",
        "mail --help",
        "mail",
        "mutt -f ~/Mail/inbox",
        "curl -s https://api.telegram.org/",
    ],
};

const MESSAGING: &[(&str, &str)] = &[
    ("hooks.slack.com", ""),
    ("slack.com", "/api/chat."),
    ("discord.com", "/api/webhooks"),
    ("discordapp.com", "/api/webhooks"),
    ("api.telegram.org", "/bot"),
    ("outlook.office.com", "/webhook"),
    ("webhook.office.com", ""),
    ("chat.googleapis.com", "/v1/spaces"),
    ("api.twilio.com", "/messages"),
    ("api.sendgrid.com", "/mail"),
    ("api.mailgun.net", "/messages"),
    ("api.postmarkapp.com", "/email"),
    ("api.pushover.net", "/messages"),
    ("ntfy.sh", "/"),
    ("hooks.zapier.com", ""),
    ("events.pagerduty.com", ""),
    ("maker.ifttt.com", "/trigger"),
    ("api.resend.com", "/emails"),
    ("api.mailjet.com", "/send"),
    ("graph.facebook.com", "/messages"),
    ("api.pushbullet.com", "/pushes"),
];

fn messaging_url(w: &Word) -> bool {
    let Some(host) = url_host(w).or_else(|| w.text.split('/').next().filter(|h| h.contains('.')).map(str::to_ascii_lowercase)) else { return false };
    let lower = w.text.to_ascii_lowercase();
    let path = lower.split_once(&host).map_or("", |(_, p)| p);
    MESSAGING.iter().any(|(h, p)| (host == *h || host.ends_with(&format!(".{h}"))) && (p.is_empty() || path.contains(&p.to_ascii_lowercase())))
        || host.ends_with(".webhook.office.com")
        || path.contains("/_matrix/client/") && path.contains("/send/")
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.has_any_flag(&["--help", "-h", "--version", "-V"]) {
        return None;
    }
    match cmd.name.as_str() {
        "curl" if cmd.has_flag("--mail-rcpt") || cmd.args.iter().any(|a| a.text.starts_with("smtp://") || a.text.starts_with("smtps://")) => {
            let to = cmd.flag_value(&["--mail-rcpt"]).map_or_else(String::new, |w| format!(" to `{}`", w.text));
            Some(Hit::command().with_message(format!("`curl` sends an email over SMTP{to}")))
        }
        "curl" | "wget" | "http" | "https" | "xh" => {
            let url = cmd.args.iter().find(|w| messaging_url(w))?;
            let host = url_host(url).unwrap_or_else(|| url.text.clone());
            Some(Hit::on(url).with_message(format!("`{}` posts a message through `{host}`", cmd.name)))
        }
        "wall" | "write" => Some(Hit::command().with_message(format!("`{}` writes a message to other users' terminals", cmd.name))),
        "signal-cli" | "twilio" | "ntfy"
            if !cmd.args.iter().any(|a| ["send", "publish", "pub", "trigger", "api:core:messages:create"].contains(&a.text.as_str())) =>
        {
            None
        }
        "mail" | "mailx" | "s-nail" | "bsd-mailx" | "mutt" | "neomutt" if cmd.operands().next().is_none() && !cmd.has_any_flag(&["-s", "-t"]) => None,
        _ => {
            let to = cmd.operands().find(|w| w.text.contains('@')).map_or_else(String::new, |w| format!(" to `{}`", w.text));
            Some(Hit::command().with_message(format!("`{}` sends a message{to}", cmd.name)))
        }
    }
}
