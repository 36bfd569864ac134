//! Predicates the sandbox-escape rules share: container starts and the host
//! paths a container mount exposes.

use crate::ir::Env;
use crate::ir::paths::classify;
use crate::rules::prelude::*;

/// Container engines whose `run`/`create` options can reach the host.
pub(super) const ENGINES: &[&str] = &["docker", "podman", "nerdctl"];

/// True for `docker run|create`, `docker container run|create` and `exec`.
pub(super) fn starts_container(cmd: &Command) -> bool {
    let subs: Vec<&str> = cmd.argv.subcommands.iter().map(String::as_str).collect();
    matches!(subs.as_slice(), ["run" | "create" | "exec", ..] | ["container", "run" | "create" | "exec", ..])
}

/// The host side of a `-v HOST:CTR[:opts]` or `--mount type=bind,source=HOST,...` value,
/// with whether it is read-only; `None` for named volumes.
pub(super) fn mount_source(flag: &str, value: &str) -> Option<(String, bool)> {
    if flag == "--mount" {
        let mut src = None;
        let mut ro = false;
        let mut bind = true;
        for part in value.split(',') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match k {
                "source" | "src" => src = Some(v.to_string()),
                "type" => bind = v == "bind",
                "readonly" | "ro" => ro = v.is_empty() || v == "true" || v == "1",
                _ => {}
            }
        }
        return src.filter(|s| bind && (s.starts_with('/') || s.starts_with('~') || s.starts_with('.'))).map(|s| (s, ro));
    }
    let mut parts = value.split(':');
    let host = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let ro = rest.len() >= 2 && rest[rest.len() - 1].split(',').any(|o| o == "ro");
    (host.starts_with('/') || host.starts_with('~') || host.starts_with('.') || host == "$HOME").then(|| (host.to_string(), ro))
}

/// Why mounting this host path into a container breaks containment, if it does.
pub(super) fn risky_mount(host: &str, read_only: bool, env: &Env) -> Option<&'static str> {
    let h = host.trim_end_matches('/');
    if h.ends_with("docker.sock") || h.ends_with("podman.sock") || h.ends_with("containerd.sock") || h.ends_with("/run/docker") {
        return Some("hands the container control of the host's container engine (root on the host)");
    }
    let class = classify(if host.is_empty() { "/" } else { host }, env);
    let why = match class {
        PathClass::Root => "exposes the host's whole filesystem",
        PathClass::Home => "exposes the user's whole home directory",
        PathClass::Secret => "exposes credentials",
        PathClass::Startup | PathClass::AgentConfig => "exposes files that run or configure programs on the host",
        PathClass::Kernel | PathClass::Device => "exposes the host kernel or devices",
        PathClass::SystemDir => "exposes a top-level system directory of the host",
        PathClass::System if !read_only => "lets the container write host system files",
        _ => return None,
    };
    Some(why)
}
