//! `evasion` rules: Covering tracks and skipping safety checks (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod audit_disabled;
mod code_loaded_through_environment;
mod evasion_by_spec;
mod git_hooks_skipped;
mod history_cleared;
mod history_disabled;
mod shell_started_inside_program;
mod system_logs_erased;
mod timestamps_forged;
mod tracks_wiped_wholesale;

pub(crate) static RULES: &[&Rule] = &[
    &history_disabled::RULE,
    &history_cleared::RULE,
    &system_logs_erased::RULE,
    &audit_disabled::RULE,
    &git_hooks_skipped::RULE,
    &timestamps_forged::RULE,
    &tracks_wiped_wholesale::RULE,
    &evasion_by_spec::RULE,
    &code_loaded_through_environment::RULE,
    &shell_started_inside_program::RULE,
];
