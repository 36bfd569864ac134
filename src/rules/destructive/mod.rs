//! `destructive` rules: Irreversible loss of data or work (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod common;

mod bulk_change_of_found_files;
mod cloud_resource_delete;
mod container_data_pruned;
mod database_destroyed;
mod delete_outside_workspace;
mod destructive_by_spec;
mod device_overwrite;
mod file_wipe;
mod find_delete_beyond_artefacts;
mod find_delete_root;
mod fork_bomb;
mod framework_database_reset;
mod git_clean;
mod git_discard_changes;
mod git_history_rewrite;
mod git_push_force;
mod git_recovery_data_deleted;
mod http_delete;
mod interpreter_delete_outside_artefacts;
mod interpreter_recursive_delete;
mod kill_all_processes;
mod mirror_delete;
mod overwrite_outside_workspace;
mod recursive_permission_change_of_root;
mod rm_recursive_dynamic_path;
mod rm_recursive_outside_artefacts;
mod rm_recursive_root;
mod unknown_program_deletes;
mod unknown_program_on_root_or_home;

pub(crate) static RULES: &[&Rule] = &[
    &rm_recursive_root::RULE,
    &rm_recursive_outside_artefacts::RULE,
    &rm_recursive_dynamic_path::RULE,
    &delete_outside_workspace::RULE,
    &find_delete_root::RULE,
    &find_delete_beyond_artefacts::RULE,
    &device_overwrite::RULE,
    &file_wipe::RULE,
    &overwrite_outside_workspace::RULE,
    &mirror_delete::RULE,
    &git_discard_changes::RULE,
    &git_clean::RULE,
    &git_push_force::RULE,
    &git_history_rewrite::RULE,
    &git_recovery_data_deleted::RULE,
    &recursive_permission_change_of_root::RULE,
    &database_destroyed::RULE,
    &cloud_resource_delete::RULE,
    &container_data_pruned::RULE,
    &fork_bomb::RULE,
    &kill_all_processes::RULE,
    &interpreter_recursive_delete::RULE,
    &interpreter_delete_outside_artefacts::RULE,
    &framework_database_reset::RULE,
    &destructive_by_spec::RULE,
    &bulk_change_of_found_files::RULE,
    &unknown_program_deletes::RULE,
    &unknown_program_on_root_or_home::RULE,
    &http_delete::RULE,
];
