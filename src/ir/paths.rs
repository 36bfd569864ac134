//! `PathClass`: what a path means for risk, judged against the workspace and
//! the home directory. `..` is resolved lexically (no filesystem access: the
//! classifier must not depend on the machine it runs on).

use serde::Serialize;

use super::Env;

/// The risk-relevant class of a path. The most specific class wins: a `.env`
/// file in the workspace is [`PathClass::Secret`], not `Workspace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathClass {
    /// The filesystem root `/`.
    Root,
    /// The home directory itself.
    Home,
    /// Under home but outside the workspace.
    HomeOther,
    /// SSH/GPG keys, cloud and registry credentials, `.env`, keychains, `/etc/shadow`.
    Secret,
    /// Files that make something run later: shell rc files, `authorized_keys`,
    /// cron, systemd and launchd units, autostart, git hooks.
    Startup,
    /// The agent's own permission or hook settings, and riskgate's config.
    AgentConfig,
    /// A top-level system directory (`/etc`, `/usr`, `/var`, `/tmp` itself).
    SystemDir,
    /// Under a system directory.
    System,
    /// A block or character device (`/dev/sda`), not a harmless one.
    Device,
    /// `/dev/null`, `/dev/stdout`, `/dev/urandom`, `/dev/fd/N`, a tty.
    Special,
    /// `/proc` and `/sys`.
    Kernel,
    /// Bash's `/dev/tcp/HOST/PORT` and `/dev/udp/...` network pseudo-files.
    NetSocket,
    /// Scratch space under `/tmp` or `/var/tmp`.
    Tmp,
    /// Build output and caches inside the workspace (`target`, `node_modules`, ...).
    Artefact,
    /// Git's own data (`.git/` other than hooks).
    GitDir,
    /// The workspace directory itself.
    WorkspaceRoot,
    /// A path inside the workspace.
    Workspace,
    /// Another absolute path outside the workspace and home.
    Outside,
    /// Unknown: the path starts with an unresolved expansion.
    Dynamic,
}

impl PathClass {
    /// True for classes inside the workspace that may be edited freely.
    #[must_use]
    pub fn is_workspace(self) -> bool {
        matches!(self, PathClass::Workspace | PathClass::Artefact | PathClass::WorkspaceRoot)
    }

    /// True for places where writing is routine: the workspace and scratch.
    #[must_use]
    pub fn is_routine_write(self) -> bool {
        matches!(self, PathClass::Workspace | PathClass::Artefact | PathClass::Tmp | PathClass::Special)
    }
}

/// Directory names inside a workspace that hold rebuildable output or caches.
pub const ARTEFACT_DIRS: &[&str] = &[
    "target",
    "build",
    "dist",
    "out",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "coverage",
    "htmlcov",
    ".coverage",
    ".nyc_output",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".angular",
    ".parcel-cache",
    ".turbo",
    ".cache",
    ".gradle",
    ".eggs",
    "bower_components",
    ".hypothesis",
    ".benchmarks",
    "cmake-build-debug",
    "cmake-build-release",
    "_build",
    ".dart_tool",
    ".expo",
    ".vercel",
    ".serverless",
    ".terraform",
    "obj",
    "bin-debug",
    "storybook-static",
    "packs",
    "packs-test",
    "tmp",
    ".tmp",
    "logs",
];

const SECRET_HOME_DIRS: &[&str] = &[
    ".ssh",
    ".aws",
    ".gnupg",
    ".azure",
    ".kube",
    ".docker",
    ".password-store",
    ".config/gcloud",
    ".config/gh",
    ".config/hub",
    ".local/share/keyrings",
    "Library/Keychains",
    ".mozilla",
    ".config/google-chrome",
    ".config/chromium",
    "Library/Application Support/Google/Chrome",
    ".vault-token",
    ".terraform.d",
    ".config/op",
    ".minikube",
    ".oci",
    ".gsutil",
    ".boto",
    ".s3cfg",
    ".cargo/credentials",
    ".cargo/credentials.toml",
    ".config/rclone",
    ".bash_history",
    ".zsh_history",
    ".python_history",
    ".psql_history",
    ".mysql_history",
    ".node_repl_history",
    ".lesshst",
    ".git-credentials",
    ".netrc",
    ".pgpass",
    ".my.cnf",
    ".npmrc",
    ".pypirc",
    ".gem/credentials",
    ".config/pip/pip.conf",
    ".m2/settings.xml",
    ".gradle/gradle.properties",
    ".config/solana",
    ".ethereum",
    ".bitcoin",
    ".electrum",
];

const SECRET_NAMES: &[&str] = &[
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    ".netrc",
    ".pgpass",
    ".git-credentials",
    ".npmrc",
    ".pypirc",
    ".htpasswd",
    "credentials",
    "credentials.json",
    "credentials.toml",
    "service-account.json",
    "serviceaccount.json",
    "secrets.json",
    "secrets.yaml",
    "secrets.yml",
    "secrets.toml",
    ".secrets",
    "master.key",
    "shadow",
    "gshadow",
    "private.pem",
    "private.key",
    "keystore.jks",
    ".dockercfg",
    "kubeconfig",
    "terraform.tfstate",
    "auth.json",
    "token.json",
    ".vault-token",
    "wallet.dat",
    "login.keychain-db",
    "Cookies",
    "Login Data",
];

const SECRET_SUFFIXES: &[&str] = &[".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", ".gpg", ".asc", ".ppk", ".tfstate"];

const ENV_TEMPLATES: &[&str] = &[".example", ".sample", ".template", ".dist", ".defaults", ".test.example"];

const STARTUP_HOME: &[&str] = &[
    ".bashrc",
    ".bash_profile",
    ".bash_login",
    ".bash_logout",
    ".profile",
    ".zshrc",
    ".zprofile",
    ".zshenv",
    ".zlogin",
    ".zlogout",
    ".kshrc",
    ".cshrc",
    ".tcshrc",
    ".config/fish",
    ".ssh/authorized_keys",
    ".ssh/authorized_keys2",
    ".ssh/rc",
    ".config/autostart",
    ".config/systemd/user",
    "Library/LaunchAgents",
    ".xinitrc",
    ".xprofile",
    ".xsession",
    ".inputrc",
    ".gitconfig",
    ".config/git/config",
    ".local/share/systemd/user",
    ".config/environment.d",
    ".pam_environment",
    ".vimrc",
    ".config/nvim/init.vim",
    ".config/nvim/init.lua",
    ".tmux.conf",
    ".screenrc",
    ".curlrc",
    ".wgetrc",
];

const STARTUP_SYSTEM: &[&str] = &[
    "/etc/cron",
    "/etc/crontab",
    "/etc/anacrontab",
    "/var/spool/cron",
    "/etc/systemd",
    "/lib/systemd/system",
    "/usr/lib/systemd/system",
    "/etc/init.d",
    "/etc/rc.local",
    "/etc/profile",
    "/etc/bash.bashrc",
    "/etc/bashrc",
    "/etc/zsh",
    "/etc/environment",
    "/etc/ld.so.preload",
    "/Library/LaunchAgents",
    "/Library/LaunchDaemons",
    "/etc/xdg/autostart",
    "/etc/update-motd.d",
    "/etc/pam.d",
    "/etc/udev/rules.d",
];

const AGENT_DIRS: &[&str] = &[
    ".claude",
    ".codex",
    ".gemini",
    ".cursor",
    ".riskgate.toml",
    ".config/riskgate",
    ".cache/riskgate",
    ".local/state/riskgate",
    ".claude.json",
    ".windsurf",
    ".continue",
    ".aider.conf.yml",
    ".vscode/settings.json",
];

const SYSTEM_TOP: &[&str] = &[
    "etc",
    "usr",
    "bin",
    "sbin",
    "lib",
    "lib32",
    "lib64",
    "libx32",
    "boot",
    "var",
    "opt",
    "root",
    "srv",
    "snap",
    "System",
    "Library",
    "Applications",
    "private",
    "nix",
    "run",
    "tmp",
    "home",
    "Users",
    "mnt",
    "media",
    "efi",
    "cdrom",
    "Volumes",
];

/// The riskier of two classes, for a path whose directory is one of two.
#[must_use]
pub fn worse(a: PathClass, b: PathClass) -> PathClass {
    use PathClass::*;
    const ORDER: &[PathClass] = &[
        Root,
        Home,
        Device,
        Secret,
        Startup,
        AgentConfig,
        Kernel,
        SystemDir,
        System,
        NetSocket,
        GitDir,
        WorkspaceRoot,
        HomeOther,
        Outside,
        Dynamic,
        Workspace,
        Tmp,
        Artefact,
        Special,
    ];
    let rank = |c: PathClass| ORDER.iter().position(|x| *x == c).unwrap_or(ORDER.len());
    if rank(a) <= rank(b) { a } else { b }
}

/// Normalizes a path lexically: absolute, `.` and `..` resolved, no trailing slash.
#[must_use]
pub fn normalize(path: &str, env: &Env) -> String {
    let expanded;
    let p = if path == "~" {
        env.home.as_str()
    } else if let Some(rest) = path.strip_prefix("~/") {
        expanded = format!("{}/{rest}", env.home);
        expanded.as_str()
    } else {
        path
    };
    let joined;
    let abs = if p.starts_with('/') {
        p
    } else {
        joined = format!("{}/{p}", env.workspace);
        joined.as_str()
    };
    let mut parts: Vec<&str> = Vec::new();
    for comp in abs.split('/') {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::with_capacity(abs.len());
    for c in &parts {
        out.push('/');
        out.push_str(c);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

fn under<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    if dir == "/" {
        return path.strip_prefix('/');
    }
    let rest = path.strip_prefix(dir)?;
    if rest.is_empty() { Some("") } else { rest.strip_prefix('/') }
}

fn starts_with_any(rel: &str, list: &[&str]) -> bool {
    list.iter().any(|d| rel == *d || rel.strip_prefix(d).is_some_and(|r| r.starts_with('/')))
}

fn is_secret_name(name: &str) -> bool {
    if SECRET_NAMES.contains(&name) || SECRET_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return !name.ends_with(".pub");
    }
    if name.starts_with("id_") && !name.ends_with(".pub") && ["rsa", "dsa", "ecdsa", "ed25519"].iter().any(|k| name.contains(k)) {
        return true;
    }
    if name == ".env" || name == ".envrc" {
        return true;
    }
    if let Some(rest) = name.strip_prefix(".env.") {
        return !ENV_TEMPLATES.iter().any(|t| t.trim_start_matches('.') == rest || rest.ends_with(t.trim_start_matches('.')));
    }
    false
}

/// Classifies a literal path (after `~` expansion) against the environment.
#[must_use]
pub fn classify(path: &str, env: &Env) -> PathClass {
    if path.is_empty() {
        return PathClass::Dynamic;
    }
    let abs = normalize(path, env);
    classify_abs(&abs, env)
}

fn classify_abs(abs: &str, env: &Env) -> PathClass {
    if abs == "/" {
        return PathClass::Root;
    }
    if let Some(dev) = under(abs, "/dev") {
        if dev.starts_with("tcp/") || dev.starts_with("udp/") {
            return PathClass::NetSocket;
        }
        let harmless = ["null", "zero", "random", "urandom", "stdin", "stdout", "stderr", "tty", "full"];
        if harmless.contains(&dev) || dev.starts_with("fd/") || dev.starts_with("pts/") || dev.starts_with("shm") {
            return PathClass::Special;
        }
        return if dev.is_empty() { PathClass::SystemDir } else { PathClass::Device };
    }
    if under(abs, "/proc").is_some() || under(abs, "/sys").is_some() {
        return PathClass::Kernel;
    }
    let name = abs.rsplit('/').next().unwrap_or_default();
    let home_rel = under(abs, &env.home);
    let ws_rel = under(abs, &env.workspace);
    if env.own_dirs.iter().any(|d| under(abs, d).is_some()) {
        return PathClass::AgentConfig;
    }

    if let Some(rel) = home_rel {
        if starts_with_any(rel, AGENT_DIRS) {
            return PathClass::AgentConfig;
        }
        if starts_with_any(rel, STARTUP_HOME) {
            return PathClass::Startup;
        }
        if starts_with_any(rel, SECRET_HOME_DIRS) && !name.ends_with(".pub") && name != "known_hosts" {
            return PathClass::Secret;
        }
    }
    if let Some(rel) = ws_rel {
        if rel.split('/').any(|c| AGENT_DIRS.contains(&c)) {
            return PathClass::AgentConfig;
        }
        if rel.contains(".git/hooks") || rel == ".git/config" || rel.starts_with(".husky/") {
            return PathClass::Startup;
        }
    }
    if STARTUP_SYSTEM.iter().any(|d| abs.strip_prefix(d).is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || d.ends_with("cron"))) {
        return PathClass::Startup;
    }
    if is_secret_name(name)
        || abs == "/etc/shadow"
        || abs == "/etc/gshadow"
        || abs.starts_with("/etc/ssl/private")
        || abs.starts_with("/etc/ssh/ssh_host_") && !abs.ends_with(".pub")
    {
        return PathClass::Secret;
    }
    if let Some(rel) = ws_rel {
        if rel.is_empty() {
            return PathClass::WorkspaceRoot;
        }
        let comps: Vec<&str> = rel.split('/').collect();
        if comps.first() == Some(&".git") {
            return PathClass::GitDir;
        }
        if comps.iter().any(|c| ARTEFACT_DIRS.contains(c) || c.ends_with(".egg-info") || env.artefact_dirs.iter().any(|a| a == c)) {
            return PathClass::Artefact;
        }
        return PathClass::Workspace;
    }
    if let Some(rel) = home_rel {
        return if rel.is_empty() { PathClass::Home } else { PathClass::HomeOther };
    }
    for t in ["/tmp", "/var/tmp", "/private/tmp", "/dev/shm"] {
        if let Some(rel) = under(abs, t) {
            return if rel.is_empty() { PathClass::SystemDir } else { PathClass::Tmp };
        }
    }
    let mut comps = abs.trim_start_matches('/').split('/');
    let top = comps.next().unwrap_or_default();
    let second = comps.next();
    if SYSTEM_TOP.contains(&top) {
        return match (top, second) {
            (_, None) => PathClass::SystemDir,
            ("home" | "Users" | "mnt" | "media" | "Volumes", Some(_)) => PathClass::Outside,
            _ => PathClass::System,
        };
    }
    PathClass::Outside
}

/// Classifies a path that is a pattern or holds an unknown part: `literal` is
/// the known text before the first unknown part. A pattern whose last
/// component is a bare wildcard (`/*`, `~/.*`) stands for the directory it
/// lists; otherwise the class is that of a file inside the known directory.
/// Nothing known at all is [`PathClass::Dynamic`].
#[must_use]
pub fn classify_prefix(literal: &str, env: &Env) -> PathClass {
    if literal.is_empty() {
        return PathClass::Dynamic;
    }
    if literal == "~" || literal.ends_with('/') || literal == "." {
        // `~$x`, `dir/$x`, `/*`: at worst the directory itself.
        let dir = literal.trim_end_matches('/');
        return classify(if dir.is_empty() { "/" } else { dir }, env);
    }
    let probe = format!("{literal}x");
    classify(&probe, env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(p: &str) -> PathClass {
        classify(p, &Env::default())
    }

    #[test]
    fn riskgate_own_directories_moved_by_the_environment_are_its_config() {
        let mut env = Env::new("/home/dev/project", "/home/dev");
        env.own_dirs = Box::leak(Box::new(["/srv/cache/riskgate".to_string(), "/home/dev/project/.state/riskgate".to_string()]));
        for p in ["/srv/cache/riskgate", "/srv/cache/riskgate/code/0a.json", ".state/riskgate/sessions/s.json"] {
            assert_eq!(classify(p, &env), PathClass::AgentConfig, "{p}");
        }
        assert_ne!(classify("/srv/cache/riskgateway", &env), PathClass::AgentConfig);
        assert_eq!(classify(".state/other", &env), PathClass::Workspace);
    }

    #[test]
    fn classes() {
        let cases = [
            ("/", PathClass::Root),
            ("/bin/..", PathClass::Root),
            ("~", PathClass::Home),
            ("/home/dev", PathClass::Home),
            ("~/Downloads/x", PathClass::HomeOther),
            ("~/.ssh/id_rsa", PathClass::Secret),
            ("~/.ssh/authorized_keys", PathClass::Startup),
            ("~/.ssh/id_rsa.pub", PathClass::HomeOther),
            ("~/.aws/credentials", PathClass::Secret),
            (".env", PathClass::Secret),
            (".env.example", PathClass::Workspace),
            (".env.local", PathClass::Secret),
            ("~/.bashrc", PathClass::Startup),
            (".git/hooks/pre-commit", PathClass::Startup),
            (".claude/settings.json", PathClass::AgentConfig),
            ("~/.claude/settings.json", PathClass::AgentConfig),
            (".riskgate.toml", PathClass::AgentConfig),
            // riskgate's own cache and session ledger: what they say is believed.
            ("~/.cache/riskgate/code/0a.json", PathClass::AgentConfig),
            ("~/.local/state/riskgate/sessions/s.json", PathClass::AgentConfig),
            ("~/.cache/pip", PathClass::HomeOther),
            ("/etc", PathClass::SystemDir),
            ("/etc/hosts", PathClass::System),
            ("/etc/shadow", PathClass::Secret),
            ("/etc/crontab", PathClass::Startup),
            ("/dev/sda", PathClass::Device),
            ("/dev/null", PathClass::Special),
            ("/dev/tcp/10.0.0.1/4444", PathClass::NetSocket),
            ("/proc/sys/kernel/x", PathClass::Kernel),
            ("/tmp/scratch", PathClass::Tmp),
            ("/tmp", PathClass::SystemDir),
            ("target", PathClass::Artefact),
            ("./node_modules/.cache", PathClass::Artefact),
            ("packages/a/dist", PathClass::Artefact),
            ("src", PathClass::Workspace),
            (".", PathClass::WorkspaceRoot),
            ("..", PathClass::Home),
            ("../other", PathClass::HomeOther),
            ("../../..", PathClass::Root),
            (".git", PathClass::GitDir),
            ("/opt/tool", PathClass::System),
            ("/home/alice", PathClass::Outside),
            ("/data/x", PathClass::Outside),
        ];
        for (path, want) in cases {
            assert_eq!(c(path), want, "{path}");
        }
    }

    #[test]
    fn prefixes() {
        let env = Env::default();
        assert_eq!(classify_prefix("/", &env), PathClass::Root);
        assert_eq!(classify_prefix("~/", &env), PathClass::Home);
        assert_eq!(classify_prefix("/tmp/", &env), PathClass::SystemDir);
        assert_eq!(classify_prefix("/tmp/build-", &env), PathClass::Tmp);
        assert_eq!(classify_prefix("", &env), PathClass::Dynamic);
        assert_eq!(classify_prefix("build/", &env), PathClass::Artefact);
    }
}
