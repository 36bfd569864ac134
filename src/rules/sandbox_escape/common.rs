//! Predicates the sandbox-escape rules share: container starts and the host
//! paths a container mount exposes.

use crate::ir::Env;
use crate::ir::paths::classify;
use crate::rules::prelude::*;

/// Container engines whose `run`/`create` options can reach the host.
pub(super) const ENGINES: &[&str] = &["docker", "podman", "nerdctl"];

/// True for `docker run|create|exec`, and the same under `docker container` and `docker compose`.
pub(super) fn starts_container(cmd: &Command) -> bool {
    let subs: Vec<&str> = cmd.argv.subcommands.iter().map(String::as_str).collect();
    matches!(subs.as_slice(), ["run" | "create" | "exec", ..] | ["container" | "compose", "run" | "create" | "exec", ..])
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
        PathClass::Startup | PathClass::AgentConfig if !read_only => "lets the container change files that run or configure programs on the host",
        PathClass::Kernel | PathClass::Device => "exposes the host kernel or devices",
        PathClass::SystemDir => "exposes a top-level system directory of the host",
        PathClass::System if !read_only => "lets the container write host system files",
        _ => return None,
    };
    Some(why)
}

#[cfg(test)]
mod tests {
    use super::{mount_source, risky_mount};
    use crate::ir::Env;

    #[test]
    fn mount_sources() {
        assert_eq!(mount_source("-v", "/:/host"), Some(("/".into(), false)));
        assert_eq!(mount_source("-v", "/etc:/etc:ro"), Some(("/etc".into(), true)));
        assert_eq!(mount_source("-v", "data:/data"), None);
        assert_eq!(mount_source("--mount", "type=bind,source=/var/run/docker.sock,target=/s,readonly"), Some(("/var/run/docker.sock".into(), true)));
        assert_eq!(mount_source("--mount", "type=volume,source=db,target=/data"), None);
    }

    #[test]
    fn risky_mounts() {
        let env = Env::default();
        assert!(risky_mount("/", true, &env).is_some());
        assert!(risky_mount("/var/run/docker.sock", true, &env).is_some());
        assert!(risky_mount("/home/dev", false, &env).is_some());
        assert!(risky_mount("/home/dev/project", false, &env).is_none());
        assert!(risky_mount("/etc/localtime", true, &env).is_none());
        assert!(risky_mount("/tmp/cache", false, &env).is_none());
    }
}
