//! Predicates the external-effects rules share.

use crate::rules::prelude::*;

/// The words before the first option: the subcommand path of programs
/// whose spec leaves it in the operands (cloud CLIs, lanes, phases).
pub(crate) fn positionals(cmd: &Command) -> Vec<&str> {
    cmd.argv.subcommands.iter().map(String::as_str).chain(cmd.argv.operands.iter().map(|w| w.text.as_str())).collect()
}

/// The host of a URL word (`https://hooks.slack.com/x` -> `hooks.slack.com`).
pub(crate) fn url_host(w: &Word) -> Option<String> {
    let t = w.text.to_ascii_lowercase();
    let rest = t.split_once("://").map_or(t.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

/// HTTP clients whose URL operands and method flags the rules read.
pub(crate) const HTTP_CLIENTS: &[&str] = &["curl", "wget", "http", "https", "xh", "curlie"];

/// The HTTP method an HTTP client call uses, upper-cased, when it names one:
/// `-X M`, `-XM`, `--request M`, `--method=M` (wget), or HTTPie's leading
/// method word.
pub(crate) fn http_method(cmd: &Command) -> Option<String> {
    if !HTTP_CLIENTS.contains(&cmd.name.as_str()) {
        return None;
    }
    let flag = cmd.flag_value(&["-X", "--request", "--method"]).map(|w| w.text.to_ascii_uppercase());
    let joined = || cmd.args.iter().find_map(|a| a.text.strip_prefix("-X").filter(|m| !m.is_empty()).map(str::to_ascii_uppercase));
    let httpie = || {
        matches!(cmd.name.as_str(), "http" | "https" | "xh")
            .then(|| cmd.operands().next().map(|w| w.text.to_ascii_uppercase()))
            .flatten()
            .filter(|m| m.bytes().all(|b| b.is_ascii_uppercase()))
    };
    flag.or_else(joined).or_else(httpie)
}

/// True when an HTTP client call writes: a non-GET method, or a request body.
pub(crate) fn http_writes(cmd: &Command) -> bool {
    let method = cmd.flag_value(&["-X", "--request", "--method"]).map(|w| w.text.to_ascii_uppercase());
    let body = cmd.has_any_flag(&[
        "-d",
        "--data",
        "--data-raw",
        "--data-urlencode",
        "--data-binary",
        "--data-ascii",
        "-F",
        "--form",
        "--json",
        "--post-data",
        "--post-file",
        "-T",
        "--upload-file",
    ]);
    method.as_deref().map_or(body, |m| m != "GET" && m != "HEAD") || cmd.args.iter().any(|a| ["POST", "PUT", "PATCH", "DELETE"].contains(&a.text.as_str()))
}

/// The first URL word whose host and path match one of `(host, path prefix)`.
pub(crate) fn url_matching<'a>(cmd: &'a Command, table: &[(&str, &str)]) -> Option<&'a Word> {
    cmd.args.iter().find(|w| {
        let Some(host) = url_host(w) else { return false };
        let lower = w.text.to_ascii_lowercase();
        let path = lower.split_once(host.as_str()).map_or("", |(_, p)| p);
        table.iter().any(|(h, p)| (host == *h || host.ends_with(&format!(".{h}"))) && path.contains(p))
    })
}

/// True for a dry run or preview that changes nothing remote.
pub(crate) fn previews(cmd: &Command) -> bool {
    crate::rules::shared::changes::is_dry_run(cmd)
        || cmd.args.iter().any(|a| a.text == "--dry-run=client" || a.text == "--dry-run=server" || a.text == "-n" && cmd.name == "gem")
}

#[cfg(test)]
mod tests {
    use super::url_host;
    use crate::ir::{PathClass, Word};

    #[test]
    fn url_hosts() {
        let host = |t: &str| url_host(&Word::literal(t, (0, 0), PathClass::Workspace));
        assert_eq!(host("https://hooks.slack.com/services/x").as_deref(), Some("hooks.slack.com"));
        assert_eq!(host("https://user:pw@api.stripe.com:443/v1").as_deref(), Some("api.stripe.com"));
        assert_eq!(host("ntfy.sh/topic").as_deref(), Some("ntfy.sh"));
        assert_eq!(host("localhost"), None);
    }
}
