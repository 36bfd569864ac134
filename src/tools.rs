//! Agent tool calls that are not shell commands: file tools (`Write`,
//! `Edit`, `Read`, `apply_patch` …) judged by the class of each path, and
//! web fetches judged by the URL's scheme and host. Their reasons carry the
//! `HK` engine codes of [`crate::decide::ENGINE_CODES`]. The hook, `score`
//! and `eval` reach these through [`crate::Classifier::judge_event`].

use std::net::IpAddr;

use crate::adapters::Access;
use crate::decide::{Reason, Verdict, engine, engine_reason};
use crate::ir::{Env, PathClass, paths};
use crate::policy::{Category, Decision};

fn verdict_of(mut reasons: Vec<Reason>) -> Verdict {
    reasons.sort_by_key(|r| std::cmp::Reverse(r.severity));
    let decision = reasons.iter().map(|r| r.severity).max().unwrap_or(Decision::Allow);
    let mut categories: Vec<Category> = reasons.iter().filter_map(|r| r.category).collect();
    categories.sort_unstable();
    categories.dedup();
    Verdict { decision, categories, reasons, score: None }
}

/// A file tool's verdict from the class of each path: writes that leave the
/// workspace or touch secrets, agent settings, start-up files, system paths
/// or git internals ask; reads ask only for secrets; the rest is allowed.
#[must_use]
pub fn judge_file(tool: &str, paths: &[String], access: Access, env: &Env) -> Verdict {
    let mut reasons = Vec::new();
    for path in paths {
        let windows = path.contains('\\') || path.as_bytes().get(1) == Some(&b':');
        let class = if windows || path.contains('\0') { PathClass::Dynamic } else { paths::classify(path, env) };
        let code = match (access, class) {
            (_, PathClass::Dynamic) => Some("HK008"),
            (Access::Read, PathClass::Secret) => Some("HK004"),
            (Access::Read, _) => None,
            (Access::Write, PathClass::AgentConfig) => Some("HK001"),
            (Access::Write, PathClass::Startup) => Some("HK002"),
            (Access::Write, PathClass::Secret) => Some("HK003"),
            (Access::Write, PathClass::Root | PathClass::SystemDir | PathClass::System | PathClass::Device | PathClass::Kernel | PathClass::NetSocket) => {
                Some("HK005")
            }
            (Access::Write, PathClass::GitDir) => Some("HK006"),
            (Access::Write, c) if c.is_routine_write() || c == PathClass::WorkspaceRoot => None,
            (Access::Write, _) => Some("HK007"),
        };
        if let Some(c) = code {
            let verb = if access == Access::Read { "reads" } else { "writes" };
            reasons.push(engine_reason(c, format!("`{tool}` {verb} `{path}`, {}", engine(c).summary), (0, 0)));
        }
    }
    verdict_of(reasons)
}

/// A web fetch's verdict: plain GETs of public http(s) URLs are allowed;
/// other schemes, local or private hosts and URLs with credentials ask.
#[must_use]
pub fn judge_fetch(tool: &str, urls: &[String]) -> Verdict {
    let reasons = urls
        .iter()
        .filter_map(|url| url_problem(url).map(|c| engine_reason(c, format!("`{tool}` fetches `{url}`, which {}", engine(c).summary), (0, 0))))
        .collect();
    verdict_of(reasons)
}

/// The `HK` code of what is wrong with a URL, if anything.
fn url_problem(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.trim().split_once("://") else { return Some("HK010") };
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return Some("HK010");
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    if authority.contains('@') {
        return Some("HK012");
    }
    let host =
        if let Some(v6) = authority.strip_prefix('[') { v6.split(']').next().unwrap_or_default() } else { authority.split(':').next().unwrap_or_default() };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Some("HK010");
    }
    is_local_host(&host).then_some("HK011")
}

/// True for hosts that reach this machine or its private network, and for
/// host spellings riskgate cannot place (numeric shorthands, escapes).
fn is_local_host(host: &str) -> bool {
    const LOCAL_SUFFIXES: &[&str] = &[".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain"];
    if host == "localhost" || LOCAL_SUFFIXES.iter().any(|s| host.ends_with(s)) || host.contains('%') {
        return true;
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return is_local_ip(ip);
    }
    let last = host.rsplit('.').next().unwrap_or_default();
    // One label is an intranet name or a decimal IP (`http://2130706433`);
    // a numeric last label is a shorthand IP (`127.1`, `0x7f.1`).
    !host.contains('.') || last.chars().all(|c| c.is_ascii_digit()) || last.starts_with("0x")
}

fn is_local_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6.to_ipv4_mapped().is_some_and(|v4| is_local_ip(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report;

    fn env() -> Env {
        Env::default()
    }

    fn file(path: &str, access: Access) -> (Decision, Option<&'static str>) {
        let v = judge_file("Tool", &[path.to_string()], access, &env());
        (v.decision, v.reasons.first().map(|r| r.rule))
    }

    #[test]
    fn file_writes() {
        let cases = [
            ("/home/dev/project/src/main.rs", (Decision::Allow, None)),
            ("src/main.rs", (Decision::Allow, None)),
            ("/home/dev/project/target/x", (Decision::Allow, None)),
            ("/tmp/scratch.txt", (Decision::Allow, None)),
            ("/home/dev/project/.claude/settings.json", (Decision::Ask, Some("HK001"))),
            ("/home/dev/.codex/hooks.json", (Decision::Ask, Some("HK001"))),
            ("/home/dev/.bashrc", (Decision::Ask, Some("HK002"))),
            ("/home/dev/project/.git/hooks/pre-commit", (Decision::Ask, Some("HK002"))),
            ("/home/dev/project/.env", (Decision::Ask, Some("HK003"))),
            ("/etc/hosts", (Decision::Ask, Some("HK005"))),
            ("/dev/sda", (Decision::Ask, Some("HK005"))),
            ("/proc/sys/kernel/x", (Decision::Ask, Some("HK005"))),
            ("/home/dev/project/.git/HEAD", (Decision::Ask, Some("HK006"))),
            ("/home/dev/other/x.rs", (Decision::Ask, Some("HK007"))),
            ("../other/x.rs", (Decision::Ask, Some("HK007"))),
            ("/data/x", (Decision::Ask, Some("HK007"))),
            ("", (Decision::Ask, Some("HK008"))),
            (r"C:\Users\dev\.ssh\id_rsa", (Decision::Ask, Some("HK008"))),
        ];
        for (path, want) in cases {
            assert_eq!(file(path, Access::Write), want, "{path}");
        }
    }

    #[test]
    fn file_reads() {
        let cases = [
            ("/home/dev/project/src/lib.rs", (Decision::Allow, None)),
            ("/etc/os-release", (Decision::Allow, None)),
            ("/home/dev/.bashrc", (Decision::Allow, None)),
            ("/home/dev/.ssh/id_ed25519", (Decision::Ask, Some("HK004"))),
            ("/home/dev/project/.env", (Decision::Ask, Some("HK004"))),
            ("/home/dev/.aws/credentials", (Decision::Ask, Some("HK004"))),
        ];
        for (path, want) in cases {
            assert_eq!(file(path, Access::Read), want, "{path}");
        }
    }

    #[test]
    fn a_patch_takes_its_worst_file() {
        let v = judge_file("apply_patch", &["src/a.rs".into(), ".env".into()], Access::Write, &env());
        assert_eq!(v.decision, Decision::Ask);
        assert_eq!(v.categories, vec![Category::Credentials]);
        assert!(report::one_line(&v).starts_with("riskgate HK003 secret-file-write: `apply_patch` writes `.env`"), "{}", report::one_line(&v));
    }

    #[test]
    fn urls() {
        let cases = [
            ("https://docs.rs/serde_json/latest/serde_json/", None),
            ("http://example.com/a?b=c", None),
            ("HTTPS://Example.COM", None),
            ("https://1.1.1.1/", None),
            ("file:///etc/passwd", Some("HK010")),
            ("ftp://example.com/x", Some("HK010")),
            ("example.com", Some("HK010")),
            ("https://", Some("HK010")),
            ("https://user:pw@example.com/", Some("HK012")),
            ("http://localhost:3000/", Some("HK011")),
            ("http://api.localhost/", Some("HK011")),
            ("http://127.0.0.1/", Some("HK011")),
            ("http://10.1.2.3/", Some("HK011")),
            ("http://192.168.0.1/", Some("HK011")),
            ("http://172.16.5.4/", Some("HK011")),
            ("http://169.254.169.254/latest/meta-data/", Some("HK011")),
            ("http://metadata.google.internal/", Some("HK011")),
            ("http://[::1]:8080/", Some("HK011")),
            ("http://[fd00::1]/", Some("HK011")),
            ("http://[::ffff:127.0.0.1]/", Some("HK011")),
            ("http://2130706433/", Some("HK011")),
            ("http://127.1/", Some("HK011")),
            ("http://0x7f.0.0.1/", Some("HK011")),
            ("http://intranet/", Some("HK011")),
            ("http://%6c%6fcalhost/", Some("HK011")),
        ];
        for (url, want) in cases {
            assert_eq!(url_problem(url), want, "{url}");
        }
        assert_eq!(judge_fetch("WebFetch", &["https://x.org".into()]).decision, Decision::Allow);
        assert_eq!(judge_fetch("WebFetch", &["https://x.org".into(), "http://localhost".into()]).decision, Decision::Ask);
    }
}
