//! `system` rules: machine state outside the workspace (system packages,
//! services, kernel, network, processes, power, system paths, machine-wide
//! settings; POLICY.md). One file per rule; the registry line for a rule sits
//! next to its `mod` line. `common` holds the predicates the privilege,
//! persistence, sandbox-escape, system and external-effects families share.

mod crypto_miner_run;
mod global_package_install;
mod kernel_change;
mod kill_by_name;
mod kill_every_process;
mod machine_settings_change;
mod network_config_change;
mod process_killed;
mod service_control;
mod shutdown_or_reboot;
mod system_daemon_started;
mod system_effect;
mod system_package_change;
mod system_path_write;
mod unknown_program_changes_system;
mod write_outside_workspace;

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &system_package_change::RULE,
    &global_package_install::RULE,
    &service_control::RULE,
    &kernel_change::RULE,
    &network_config_change::RULE,
    &kill_by_name::RULE,
    &kill_every_process::RULE,
    &shutdown_or_reboot::RULE,
    &system_path_write::RULE,
    &machine_settings_change::RULE,
    &system_effect::RULE,
    &process_killed::RULE,
    &unknown_program_changes_system::RULE,
    &write_outside_workspace::RULE,
    &crypto_miner_run::RULE,
    &system_daemon_started::RULE,
];
