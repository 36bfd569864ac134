//! Mounting and unmounting filesystems (`mount --bind`, `mount /dev/sdb1 /mnt`, `umount`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "ESC005",
    name: "filesystem-mount",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &["mount", "umount", "losetup", "mount.cifs", "mount.nfs", "sshfs", "fusermount", "fusermount3", "hdiutil", "diskutil"],
    summary: "mounts or unmounts a filesystem",
    why: "Mounts change what every process sees on the machine and can expose host disks or hide files.",
    check,
    fires: &[
        "sudo mount /dev/sdb1 /mnt",
        "mount --bind / /tmp/root",
        "mount -t proc proc /host/proc",
        "mount -o remount,rw /",
        "sudo umount /mnt/data",
        "umount -l /proc",
        "losetup -fP disk.img",
        "sshfs dev@host:/ /mnt/remote",
        "hdiutil attach image.dmg",
        "bash -c 'mount -t tmpfs none /etc'",
    ],
    passes: &["mount", "mount -l", "mount | grep /home", "findmnt /", "losetup -a", "diskutil list", "df -h"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let listing = match cmd.name.as_str() {
        "mount" => {
            cmd.args.iter().all(|a| ["-l", "--show-labels", "-v", "--verbose"].contains(&a.text.as_str()))
                || cmd.has_any_flag(&["-h", "--help", "-V", "--version"])
        }
        "losetup" => cmd.args.is_empty() || cmd.has_any_flag(&["-a", "--all", "-l", "--list", "-j", "--associated"]),
        "hdiutil" => !cmd.args.first().is_some_and(|a| ["attach", "mount", "detach", "eject"].contains(&a.text.as_str())),
        "diskutil" => {
            !cmd.args.first().is_some_and(|a| a.text.contains("ount") || a.text == "eject" || a.text.starts_with("erase") || a.text == "partitionDisk")
        }
        "fusermount" | "fusermount3" => !cmd.has_flag("-u"),
        _ => cmd.args.is_empty() || cmd.has_any_flag(&["-h", "--help", "-V", "--version"]),
    };
    if listing {
        return None;
    }
    let what = if cmd.name.starts_with('u') || cmd.has_flag("-u") { "unmounts" } else { "mounts" };
    let target = cmd.argv.operands.last().map_or_else(String::new, |w| format!(" `{}`", w.text));
    Some(Hit::command().with_message(format!("`{}` {what} a filesystem{target}", cmd.name)))
}
