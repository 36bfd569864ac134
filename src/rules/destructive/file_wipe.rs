//! Overwrites that make a file's contents unrecoverable: `shred`/`srm`/`wipe`
//! of files, `truncate` outside the workspace, `mv … /dev/null`.

use super::common::is_outside;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES008",
    name: "file-contents-destroyed",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["shred", "srm", "wipe", "truncate", "mv", "cp"],
    summary: "destroys a file's contents beyond recovery",
    why: "Shredded, truncated or discarded files cannot be restored, even from the trash.",
    check,
    fires: &[
        "shred -uz secret.txt",
        "shred -u ~/.ssh/id_rsa",
        "sudo srm -r old/",
        "truncate -s 0 ~/notes.md",
        "truncate --size=0 /etc/app.conf",
        "mv src /dev/null",
        "bash -c 'mv ~/data.db /dev/null'",
        "cp /dev/null ~/important.db",
    ],
    passes: &[
        "truncate -s 0 out.log",
        "truncate -s 10M disk.img",
        "mv a.txt b.txt",
        "cp /dev/null build/empty",
        "shred /dev/sda",
        "truncate -s 0 /var/log/syslog",
        "shred -u ~/.bash_history",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    match cmd.name.as_str() {
        "shred" | "srm" | "wipe" => {
            // Devices are DES007's; history files and logs are judged as evasion.
            let target = cmd.operands().find(|w| w.path != PathClass::Device && w.path != PathClass::Special && !super::common::is_tracks(w))?;
            Some(Hit::on(target).with_message(format!("`{} {}` overwrites the file so it cannot be recovered", cmd.name, target.raw)))
        }
        "truncate" => {
            let target = cmd.operands().find(|w| is_outside(w, cx) && w.path != PathClass::Device && !super::common::is_tracks(w))?;
            Some(Hit::on(target).with_message(format!("`truncate {}` cuts a file outside the workspace", target.raw)))
        }
        "mv" => {
            let dest = cmd.operands().last().filter(|w| w.text == "/dev/null")?;
            let src = cmd.operands().next().filter(|w| w.text != "/dev/null")?;
            Some(Hit::on(dest).with_message(format!("`mv {} /dev/null` discards `{}`", src.raw, src.text)))
        }
        "cp" => {
            let mut ops = cmd.operands();
            let src = ops.next().filter(|w| matches!(w.text.as_str(), "/dev/null" | "/dev/zero"))?;
            let dest = ops.last().filter(|w| is_outside(w, cx) && w.path != PathClass::Device && !super::common::is_tracks(w))?;
            Some(Hit::on(dest).with_message(format!("`cp {} {}` empties a file outside the workspace", src.text, dest.raw)))
        }
        _ => None,
    }
}
