//! `persistence` rules: making something run later (crontab, shell rc files,
//! systemd/launchd units, autostart, `authorized_keys`, git hooks; POLICY.md).
//! One file per rule; the registry line for a rule sits next to its `mod` line.

mod common;

mod authorized_keys_write;
mod container_restart_always;
mod crontab_install;
mod git_hook_config;
mod persistence_effect;
mod scheduled_job;
mod service_autostart;
mod startup_file_write;
mod unattended_place_write;
mod unknown_key_authorized;

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &startup_file_write::RULE,
    &authorized_keys_write::RULE,
    &unknown_key_authorized::RULE,
    &crontab_install::RULE,
    &service_autostart::RULE,
    &scheduled_job::RULE,
    &git_hook_config::RULE,
    &container_restart_always::RULE,
    &persistence_effect::RULE,
    &unattended_place_write::RULE,
];
