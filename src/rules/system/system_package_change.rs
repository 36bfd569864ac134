//! System package managers installing, removing or upgrading packages
//! (`apt-get install`, `dnf remove`, `pacman -Syu`, `brew install`, `dpkg -i`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS001",
    name: "system-package-change",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[
        "apt",
        "apt-get",
        "aptitude",
        "nala",
        "dnf",
        "yum",
        "microdnf",
        "tdnf",
        "dnf5",
        "pacman",
        "yay",
        "paru",
        "apk",
        "zypper",
        "emerge",
        "brew",
        "snap",
        "flatpak",
        "port",
        "dpkg",
        "rpm",
        "nix-env",
        "nix",
        "pkg",
        "pkg_add",
        "softwareupdate",
        "mas",
        "choco",
        "winget",
        "scoop",
        "xbps-install",
        "xbps-remove",
        "eopkg",
        "pkgin",
        "slackpkg",
        "opkg",
        "swupd",
        "urpmi",
        "apt-add-repository",
        "add-apt-repository",
    ],
    summary: "changes the machine's installed system packages",
    why: "System packages are shared by everything on the machine; installing, removing or upgrading them is hard to undo.",
    check,
    fires: &[
        "sudo apt-get install -y build-essential",
        "apt install jq",
        "apt-get update",
        "sudo apt remove --purge nginx",
        "sudo dnf install -y gcc",
        "yum update",
        "sudo pacman -Syu",
        "pacman -S --noconfirm git",
        "apk add --no-cache curl",
        "brew install ripgrep",
        "brew upgrade",
        "sudo snap install code --classic",
        "sudo dpkg -i pkg.deb",
        "rpm -ivh tool.rpm",
        "nix-env -iA nixpkgs.jq",
        "sudo add-apt-repository ppa:deadsnakes/ppa",
        "DEBIAN_FRONTEND=noninteractive apt-get -y upgrade",
        "bash -c 'sudo apt-get -qq install -y libssl-dev'",
        "winget install Git.Git",
    ],
    passes: &[
        "apt list --installed",
        "apt-cache search jq",
        "apt show curl",
        "dnf search gcc",
        "pacman -Ss git",
        "pacman -Qi git",
        "brew list",
        "brew info node",
        "dpkg -l",
        "rpm -qa",
        "snap list",
        "apk info",
        "pip install requests",
    ],
};

const CHANGES: &[&str] = &[
    "install",
    "reinstall",
    "remove",
    "purge",
    "erase",
    "autoremove",
    "autopurge",
    "upgrade",
    "full-upgrade",
    "dist-upgrade",
    "update",
    "add",
    "del",
    "uninstall",
    "rm",
    "refresh",
    "downgrade",
    "swap",
    "distro-sync",
    "tap",
    "untap",
    "link",
    "unlink",
    "cleanup",
    "build-dep",
    "in",
    "up",
    "dup",
    "ref",
    "bundle",
    "localinstall",
    "groupinstall",
    "groupremove",
    "fix",
    "sync",
    "selfupdate",
    "revert",
    "enable",
    "disable",
    "mark",
    "satisfy",
    "-i",
    "--install",
    "-iA",
    "-e",
    "-u",
    "--upgrade",
];

fn action(cmd: &Command) -> Option<String> {
    let words: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    match cmd.name.as_str() {
        "pacman" | "yay" | "paru" => {
            let sync = cmd.argv.flags.iter().any(|f| f.name == "-S" || f.name == "--sync");
            let query_only = cmd.has_any_flag(&["-s", "--search", "-i", "--info", "-l", "--list", "-g", "--groups", "-p", "--print"]);
            let changes = (sync && !query_only) || cmd.has_any_flag(&["-R", "--remove", "-U", "--upgrade"]);
            changes.then(|| words.first().map_or_else(|| "-S".to_string(), |w| (*w).to_string()))
        }
        "dpkg" => cmd
            .argv
            .flags
            .iter()
            .find(|f| {
                ["-i", "--install", "-r", "--remove", "-P", "--purge", "--unpack", "--configure", "--set-selections", "--add-architecture"]
                    .contains(&f.name.as_str())
            })
            .map(|f| f.name.clone()),
        "rpm" => cmd
            .argv
            .flags
            .iter()
            .find(|f| ["-i", "--install", "-U", "--upgrade", "-F", "--freshen", "-e", "--erase"].contains(&f.name.as_str()))
            .map(|f| f.name.clone()),
        "nix-env" => cmd
            .argv
            .flags
            .iter()
            .find(|f| ["-i", "--install", "-e", "--uninstall", "-u", "--upgrade", "-iA"].contains(&f.name.as_str()))
            .map(|f| f.name.clone()),
        "nix" => (words.first() == Some(&"profile") && words.get(1).is_some_and(|w| ["install", "remove", "upgrade", "add"].contains(w)))
            .then(|| format!("profile {}", words[1])),
        "add-apt-repository" | "apt-add-repository" => (!cmd.has_any_flag(&["-L", "--list"])).then(|| "add repository".to_string()),
        "softwareupdate" => {
            cmd.argv.flags.iter().find(|f| ["-i", "--install", "-a", "--all", "--install-rosetta"].contains(&f.name.as_str())).map(|f| f.name.clone())
        }
        "xbps-install" | "xbps-remove" | "urpmi" => Some(String::new()),
        "emerge" => (!cmd.has_any_flag(&["-p", "--pretend", "-s", "--search", "-S", "--searchdesc", "--info", "-h", "--help"]) && !cmd.args.is_empty())
            .then(|| "emerge".to_string()),
        _ => {
            let first = cmd.args.iter().find(|a| !a.text.starts_with('-') || a.text == "-i" || a.text == "-e" || a.text == "-iA")?;
            CHANGES.contains(&first.text.as_str()).then(|| first.text.clone())
        }
    }
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let apt_like = matches!(cmd.name.as_str(), "apt" | "apt-get" | "aptitude" | "nala");
    if cmd.has_any_flag(&["--dry-run", "--simulate", "--just-print", "--assume-no", "--assumeno"]) || (apt_like && cmd.has_flag("-s")) {
        return None;
    }
    let act = action(cmd)?;
    let pkgs: Vec<&str> = cmd.operands().map(|w| w.text.as_str()).filter(|t| *t != act).take(3).collect();
    let what = if pkgs.is_empty() { String::new() } else { format!(" ({})", pkgs.join(" ")) };
    Some(Hit::command().with_message(format!("`{} {act}` changes the machine's system packages{what}", cmd.name).replace("  ", " ")))
}
