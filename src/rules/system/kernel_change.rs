//! Kernel modules, kernel parameters and boot configuration changed
//! (`modprobe`, `insmod`, `sysctl -w`, `update-grub`, `efibootmgr`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "SYS004",
    name: "kernel-change",
    category: Category::System,
    decision: Decision::Ask,
    commands: &[
        "modprobe",
        "insmod",
        "rmmod",
        "sysctl",
        "kextload",
        "kextunload",
        "kmutil",
        "dkms",
        "update-grub",
        "grub-install",
        "grub-mkconfig",
        "grub2-mkconfig",
        "update-initramfs",
        "mkinitcpio",
        "dracut",
        "efibootmgr",
        "kexec",
        "bootctl",
        "grubby",
    ],
    summary: "changes the running kernel or how the machine boots",
    why: "Kernel modules, parameters and boot entries affect the whole machine and can leave it unbootable.",
    check,
    fires: &[
        "sudo modprobe br_netfilter",
        "modprobe -r nouveau",
        "sudo insmod ./driver.ko",
        "rmmod pcspkr",
        "sudo sysctl -w net.ipv4.ip_forward=1",
        "sysctl net.ipv4.ip_forward=1",
        "sudo sysctl -p /etc/sysctl.d/99-x.conf",
        "sudo update-grub",
        "grub-mkconfig -o /boot/grub/grub.cfg",
        "sudo dkms install -m v4l2loopback -v 0.12",
        "efibootmgr -o 0001,0002",
        "sudo kextload /Library/Extensions/x.kext",
        "bash -c 'sudo update-initramfs -u'",
    ],
    passes: &[
        "lsmod",
        "modinfo ext4",
        "sysctl vm.max_map_count",
        "sysctl -a",
        "modprobe -n -v br_netfilter",
        "efibootmgr -v",
        "dkms status",
        "uname -r",
        "bootctl status",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let ops: Vec<&Word> = cmd.operands().collect();
    let changes = match cmd.name.as_str() {
        "modprobe" => {
            !cmd.has_any_flag(&["-n", "--dry-run", "-c", "--showconfig", "-D", "--show-depends", "-h", "--help", "-V", "--version"]) && !ops.is_empty()
        }
        "sysctl" => cmd.has_any_flag(&["-w", "--write", "-p", "--load", "--system"]) || ops.iter().any(|w| w.text.contains('=')),
        "dkms" => ops.first().is_some_and(|w| ["install", "uninstall", "remove", "build", "add", "autoinstall"].contains(&w.text.as_str())),
        "kmutil" => ops.first().is_some_and(|w| ["load", "unload", "install", "create"].contains(&w.text.as_str())),
        "efibootmgr" => cmd.argv.flags.iter().any(|f| !["-v", "--verbose", "-q", "--quiet"].contains(&f.name.as_str())),
        "bootctl" => ops.first().is_some_and(|w| ["install", "update", "remove", "set-default", "set-oneshot"].contains(&w.text.as_str())),
        "grubby" => cmd.args.iter().any(|a| {
            a.text.starts_with("--update-kernel") || a.text.starts_with("--set-default") || a.text.starts_with("--args") || a.text.starts_with("--remove")
        }),
        _ => !cmd.has_any_flag(&["-h", "--help", "-V", "--version"]),
    };
    changes.then(|| {
        let what = ops.first().map_or_else(String::new, |w| format!(" {}", w.text));
        Hit::command().with_message(format!("`{}{what}` changes the kernel or boot configuration", cmd.name))
    })
}
