//! Predicates the external-effects rules share.

use crate::rules::prelude::*;

/// The words before the first option: the subcommand path of programs
/// whose spec leaves it in the operands (cloud CLIs, lanes, phases).
pub(super) fn positionals(cmd: &Command) -> Vec<&str> {
    cmd.argv.subcommands.iter().map(String::as_str).chain(cmd.argv.operands.iter().map(|w| w.text.as_str())).collect()
}

/// The host of a URL word (`https://hooks.slack.com/x` -> `hooks.slack.com`).
pub(super) fn url_host(w: &Word) -> Option<String> {
    let t = w.text.to_ascii_lowercase();
    let rest = t.split_once("://").map_or(t.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// True for a dry run or preview that changes nothing remote.
pub(super) fn previews(cmd: &Command) -> bool {
    crate::rules::system::common::is_dry_run(cmd)
        || cmd.args.iter().any(|a| a.text == "--dry-run=client" || a.text == "--dry-run=server" || a.text == "-n" && cmd.name == "gem")
}
