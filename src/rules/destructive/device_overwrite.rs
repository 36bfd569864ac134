//! Writes that destroy a disk: raw writes to a block device (`dd of=/dev/sda`,
//! `> /dev/sda`, `cp img /dev/sdb`), formatting, wiping signatures or
//! partition tables, and `shred` of a device.
//!
//! Inspects every command, because any program's output can be redirected
//! onto a device.

use crate::ir::paths::classify;
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES007",
    name: "disk-device-overwrite",
    category: Category::Destructive,
    decision: Decision::Deny,
    commands: &[],
    summary: "overwrites, formats or wipes a disk device",
    why: "Everything on the disk is destroyed at once; never part of a software task.",
    check,
    fires: &[
        "dd if=/dev/zero of=/dev/sda bs=1M",
        "sudo dd if=image.iso of=/dev/disk2 bs=4m",
        "echo x > /dev/sda",
        "cat /dev/urandom > /dev/nvme0n1",
        "mkfs.ext4 /dev/sdb1",
        "sudo mkfs -t xfs /dev/vdb",
        "wipefs --all --force /dev/nvme0n1",
        "shred -n 3 /dev/sda",
        "sudo sfdisk /dev/sda < layout.txt",
        "bash -c 'cp disk.img /dev/mmcblk0'",
        "blkdiscard /dev/nvme0n1",
        "diskutil eraseDisk APFS X disk2",
        "head -c 1M /dev/zero | sudo tee /dev/sdb",
        "etcher-cli flash ubuntu.iso --drive /dev/sdc",
        "sudo flashtool firmware.bin /dev/mmcblk0",
    ],
    passes: &[
        "dd if=/dev/zero of=disk.img bs=1M count=10",
        "echo hi > /dev/null",
        "cat x > /dev/stderr",
        "fdisk -l /dev/sda",
        "mkfs.ext4 disk.img",
        "dd if=/dev/sda of=backup.img",
        "lsblk /dev/sda",
        "flashtool --list /dev/sdc",
        "qemu-img info disk.img",
    ],
};

const FORMATTERS: &[&str] =
    &["mkfs", "mke2fs", "mkswap", "mkntfs", "mkdosfs", "newfs", "wipefs", "blkdiscard", "shred", "wipe", "zerofree", "cryptsetup", "badblocks"];
const PARTITIONERS: &[&str] = &["fdisk", "sfdisk", "gdisk", "sgdisk", "cgdisk", "cfdisk", "parted", "gparted"];
const DISKUTIL_ERASE: &[&str] = &["eraseDisk", "eraseVolume", "zeroDisk", "randomDisk", "secureErase", "partitionDisk", "reformat", "eraseVolume"];

fn is_device(text: &str, cx: &Context<'_>) -> bool {
    text.starts_with("/dev/") && classify(text, cx.env) == PathClass::Device
}

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    if let Some(r) = cmd.redirects.iter().find(|r| r.op.writes() && is_device(&r.target.text, cx)) {
        return Some(Hit::on(&r.target).with_message(format!("`{}` output is written onto the device `{}`", cmd.name, r.target.text)));
    }
    let name = cmd.name.as_str();
    if matches!(name, "dd" | "dcfldd" | "dc3dd" | "ddrescue") {
        let of = cmd.args.iter().find(|a| a.text.strip_prefix("of=").is_some_and(|p| is_device(p, cx)));
        let rescue = (name == "ddrescue").then(|| cmd.operands().nth(1).filter(|w| is_device(&w.text, cx))).flatten();
        let target = of.or(rescue)?;
        return Some(Hit::on(target).with_message(format!("`{name} {}` writes raw data over a disk", target.text)));
    }
    if matches!(name, "cp" | "tee" | "install" | "pv" | "cat") {
        let dest = if name == "cp" || name == "install" { cmd.operands().last() } else { cmd.operands().find(|w| name == "tee" && is_device(&w.text, cx)) };
        let dest = dest.filter(|w| is_device(&w.text, cx))?;
        return Some(Hit::on(dest).with_message(format!("`{name}` writes over the device `{}`", dest.text)));
    }
    if name == "diskutil" {
        let verb = cmd.args.iter().find(|a| DISKUTIL_ERASE.contains(&a.text.as_str()))?;
        return Some(Hit::on(verb).with_message(format!("`diskutil {}` erases a disk", verb.text)));
    }
    let formatter = FORMATTERS.contains(&name)
        || name.starts_with("mkfs.")
        || name.starts_with("mke2fs")
        || name == "hdparm" && cmd.args.iter().any(|a| a.text.starts_with("--security-erase") || a.text == "--trim-sector-ranges");
    let partitioner = PARTITIONERS.contains(&name)
        && !cmd.args.iter().any(|a| matches!(a.text.as_str(), "-l" | "--list" | "-p" | "--print" | "print" | "-L" | "--version" | "-V"));
    if !(formatter || partitioner) {
        return image_to_device(cmd, cx);
    }
    let dev = cmd.args.iter().find(|a| is_device(&a.text, cx))?;
    let verb = if partitioner { "rewrites the partition table of" } else { "wipes" };
    Some(Hit::on(dev).with_message(format!("`{name} {}` {verb} a disk", dev.text)))
}

const IMAGE_EXTENSIONS: &[&str] = &[".img", ".iso", ".zip", ".xz", ".gz", ".bz2", ".zst", ".bin", ".raw", ".dmg", ".qcow2", ".vmdk", ".wic", ".hex"];

/// A program riskgate has no spec for (or one that writes), given an image
/// file and a disk device: it writes the image onto the disk (imagers and
/// flashers work this way).
fn image_to_device(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let writes = !cmd.argv.known || cmd.argv.effects.iter().any(|e| matches!(e, Effect::Write | Effect::Exec | Effect::Unknown | Effect::Destructive));
    if !writes || cmd.is_function {
        return None;
    }
    let words: Vec<&Word> = cmd.args.iter().collect();
    let image = words.iter().any(|w| {
        let t = w.text.to_ascii_lowercase();
        !t.starts_with("/dev/") && IMAGE_EXTENSIONS.iter().any(|e| t.ends_with(e))
    });
    let dev = words.into_iter().find(|w| is_device(&w.text, cx))?;
    image.then(|| Hit::on(dev).with_message(format!("`{}` writes an image onto the disk `{}`", cmd.name, dev.text)))
}
