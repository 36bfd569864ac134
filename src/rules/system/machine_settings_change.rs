//! Machine-wide settings changed: clock, time zone, host name, locale,
//! default commands, library cache, swap, trusted CAs, macOS defaults.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS010",
    name: "machine-settings-change",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[
        "mkswap",
        "apt-key",
        "xcode-select",
        "timedatectl",
        "hostnamectl",
        "hostname",
        "localectl",
        "date",
        "hwclock",
        "update-alternatives",
        "alternatives",
        "ldconfig",
        "swapon",
        "swapoff",
        "defaults",
        "scutil",
        "systemsetup",
        "nvram",
        "pmset",
        "gsettings",
        "dconf",
        "locale-gen",
        "dpkg-reconfigure",
        "update-ca-certificates",
        "update-ca-trust",
        "trust",
        "security",
        "tzutil",
        "update-locale",
    ],
    summary: "changes a machine-wide setting",
    why: "Clock, host name, locale, default commands and trusted certificates affect every program on the machine.",
    check,
    fires: &[
        "sudo timedatectl set-timezone UTC",
        "timedatectl set-ntp false",
        "sudo hostnamectl set-hostname build01",
        "sudo hostname newbox",
        "sudo date -s '2024-01-01 00:00'",
        "sudo hwclock --systohc",
        "sudo update-alternatives --set java /usr/lib/jvm/java-17/bin/java",
        "sudo update-alternatives --install /usr/bin/python python /usr/bin/python3.11 1",
        "sudo ldconfig",
        "sudo swapoff -a",
        "sudo mkswap /swapfile && sudo swapon /swapfile",
        "defaults write com.apple.finder AppleShowAllFiles YES",
        "sudo scutil --set HostName box",
        "sudo update-ca-certificates",
        "curl -fsSL https://x.example/key.gpg | sudo apt-key add -",
        "sudo xcode-select --switch /Applications/Xcode.app",
        "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.crt",
        "gsettings set org.gnome.desktop.interface clock-format 24h",
        "sudo localectl set-locale LANG=en_US.UTF-8",
        "bash -c 'sudo dpkg-reconfigure tzdata'",
    ],
    passes: &[
        "timedatectl",
        "timedatectl status",
        "hostnamectl",
        "hostname",
        "hostname -I",
        "date +%s",
        "date -u",
        "ldconfig -p",
        "swapon --show",
        "defaults read com.apple.finder",
        "update-alternatives --display java",
        "gsettings get org.gnome.desktop.interface clock-format",
        "localectl status",
        "security find-certificate -a",
        "apt-key list",
        "xcode-select -p",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let words: Vec<&str> = cmd.args.iter().filter(|a| !a.text.starts_with('-')).map(|a| a.text.as_str()).collect();
    let first = words.first().copied().unwrap_or_default();
    let flag_prefix = |p: &str| cmd.args.iter().any(|a| a.text.starts_with(p));
    let changes = match cmd.name.as_str() {
        "timedatectl" | "hostnamectl" | "localectl" => first.starts_with("set-") || (cmd.name == "hostnamectl" && first == "hostname" && words.len() > 1),
        "hostname" => !first.is_empty() && cmd.args.iter().all(|a| !a.text.starts_with('-') || a.text == "-b" || a.text == "-F" || a.text == "--file"),
        "date" => cmd.has_any_flag(&["-s", "--set"]) || flag_prefix("--set=") || first.len() >= 8 && first.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
        "hwclock" => cmd.has_any_flag(&["-w", "--systohc", "-s", "--hctosys", "--set", "--adjust"]),
        "update-alternatives" | "alternatives" => {
            cmd.has_any_flag(&["--install", "--set", "--config", "--remove", "--remove-all", "--auto", "--all", "--set-selections"])
        }
        "ldconfig" => !cmd.has_any_flag(&["-p", "--print-cache", "-N", "--help", "-V", "--version"]),
        "swapon" | "swapoff" => {
            !cmd.has_any_flag(&["-s", "--show", "--summary", "--help", "-V", "--version"]) && !cmd.args.is_empty()
                || cmd.name == "swapoff" && cmd.args.is_empty()
        }
        "defaults" => ["write", "delete", "import", "rename"].contains(&first) && !words.get(1).is_some_and(|d| d.starts_with(".") || d.starts_with("./")),
        "scutil" => flag_prefix("--set"),
        "systemsetup" => flag_prefix("-set"),
        "nvram" => cmd.has_any_flag(&["-d", "-c", "-f"]) || words.iter().any(|w| w.contains('=')),
        "pmset" => !cmd.has_any_flag(&["-g"]) && !words.is_empty() && !["sleepnow", "displaysleepnow"].contains(&first),
        "gsettings" => ["set", "reset", "reset-recursively"].contains(&first),
        "dconf" => ["write", "reset", "load"].contains(&first),
        "locale-gen" | "dpkg-reconfigure" | "update-ca-certificates" | "update-ca-trust" | "update-locale" => !cmd.has_any_flag(&["--help", "-h"]),
        "trust" => first == "anchor",
        "security" => ["add-trusted-cert", "remove-trusted-cert", "add-certificates", "authorizationdb", "set-keychain-settings"].contains(&first),
        "tzutil" => cmd.args.iter().any(|a| a.text.eq_ignore_ascii_case("/s")),
        "apt-key" => ["add", "adv", "del", "net-update", "update"].contains(&first),
        "mkswap" => !cmd.has_any_flag(&["--help", "-h", "--version", "-V"]),
        "xcode-select" => cmd.has_any_flag(&["-s", "--switch", "-r", "--reset", "--install"]),
        _ => false,
    };
    changes.then(|| {
        let what = if words.is_empty() { String::new() } else { format!(" {}", words.iter().take(2).copied().collect::<Vec<_>>().join(" ")) };
        Hit::command().with_message(format!("`{}{what}` changes a machine-wide setting", cmd.name))
    })
}
