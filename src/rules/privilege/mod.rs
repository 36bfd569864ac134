//! `privilege` rules: `sudo`, `su`, setuid bits, `chmod`/`chown` of system
//! paths, user and group changes, sudoers (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

mod common;

mod account_database_write;
mod admin_group_granted;
mod file_capability_granted;
mod passwordless_root_granted;
mod privilege_effect;
mod privileged_command;
mod recursive_permissions_of_root;
mod recursive_permissions_outside_workspace;
mod root_shell;
mod setuid_bit_set;
mod setuid_shell;
mod sudoers_write;
mod system_path_permissions;
mod unknown_program_manages_accounts;
mod user_account_change;

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &privileged_command::RULE,
    &root_shell::RULE,
    &setuid_bit_set::RULE,
    &setuid_shell::RULE,
    &file_capability_granted::RULE,
    &system_path_permissions::RULE,
    &recursive_permissions_outside_workspace::RULE,
    &recursive_permissions_of_root::RULE,
    &user_account_change::RULE,
    &admin_group_granted::RULE,
    &sudoers_write::RULE,
    &passwordless_root_granted::RULE,
    &account_database_write::RULE,
    &privilege_effect::RULE,
    &unknown_program_manages_accounts::RULE,
];
