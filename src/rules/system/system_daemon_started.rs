//! System daemons started by hand (`dnsmasq`, `sshd`, `auditd`, `hostapd`,
//! `dockerd`, `startx`): they serve the whole machine or network, bind
//! privileged ports and outlive the task. A project's own servers (`npm run
//! dev`, `uvicorn`) are not daemons of the machine and pass.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS016",
    name: "system-daemon-started",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[],
    summary: "starts a system daemon directly",
    why: "Machine-wide services change how the machine or its network behaves for every user, and keep running after the task.",
    check,
    fires: &["dnsmasq --log-queries", "sudo /usr/sbin/sshd -D -p 2222", "auditd", "hostapd /etc/hostapd.conf", "dockerd --debug", "startx -- -dpi 96"],
    passes: &["dnsmasq --version", "sshd -t", "uvicorn app:app", "npm run dev", "docker ps"],
};

/// Daemons of the machine (by file name).
const DAEMONS: &[&str] = &[
    "dnsmasq",
    "sshd",
    "auditd",
    "hostapd",
    "dhcpd",
    "dhclient",
    "named",
    "unbound",
    "ntpd",
    "chronyd",
    "rsyslogd",
    "syslog-ng",
    "crond",
    "atd",
    "smbd",
    "nmbd",
    "winbindd",
    "avahi-daemon",
    "bluetoothd",
    "wpa_supplicant",
    "NetworkManager",
    "dockerd",
    "containerd",
    "kubelet",
    "k3s",
    "slurmctld",
    "slurmd",
    "cupsd",
    "cfprefsd",
    "Xorg",
    "X",
    "startx",
    "xinit",
    "vsftpd",
    "proftpd",
    "pure-ftpd",
    "xinetd",
    "inetd",
    "postfix",
    "sendmail",
    "exim",
    "dovecot",
    "squid",
    "openvpn",
    "wg-quick",
    "tailscaled",
    "zerotier-one",
    "snmpd",
    "nfsd",
    "rpcbind",
    "iscsid",
    "multipathd",
    "udevd",
    "systemd-udevd",
    "polkitd",
    "dbus-daemon",
    "transmission-daemon",
    "deluged",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let file = program_file(cmd);
    if !DAEMONS.contains(&file) || cmd.wraps.is_some() {
        return None;
    }
    // Version, help and configuration tests do not start anything.
    let check_only = cmd.args.iter().any(|a| matches!(a.text.as_str(), "--version" | "-v" | "-V" | "--help" | "-h" | "-t" | "--test" | "-T" | "--test-config"));
    (!check_only).then(|| Hit::command().with_message(format!("`{}` starts a system daemon", cmd.name)))
}
