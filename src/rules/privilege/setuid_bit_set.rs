//! The setuid or setgid bit set on a file (`chmod u+s`, `chmod 4755`, `install -m 4755`).

use super::common::{mode_word, sets_suid};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV003",
    name: "setuid-bit-set",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &["chmod", "install", "ginstall", "mkdir"],
    summary: "sets the setuid or setgid bit on a file",
    why: "A setuid program runs with its owner's rights (often root) for any user who starts it.",
    check,
    fires: &[
        "chmod u+s ./helper",
        "chmod 4755 bin/tool",
        "sudo chmod +s /usr/local/bin/tool",
        "chmod g+s shared/",
        "chmod -R 2775 /srv/data",
        "install -m 4755 tool /usr/local/bin/",
        "chmod u=rwxs,go=rx app",
        "bash -c 'chmod 6755 x'",
    ],
    passes: &["chmod +x script.sh", "chmod 755 bin/tool", "chmod u-s ./helper", "chmod 0644 README.md", "install -m 755 tool /tmp/tool", "chmod go-w file"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let mode = mode_word(cmd).filter(|m| sets_suid(&m.text))?;
    Some(Hit::on(mode).with_message(format!("`{} {}` sets the setuid/setgid bit", cmd.name, mode.text)))
}
