//! `remote_code` rules: Fetching and running code (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod custom_package_index;
mod download_piped_to_interpreter;
mod download_substituted_into_code;
mod downloaded_file_executed;
mod inline_code_fetches_and_runs;
mod package_from_url_or_vcs;
mod payload_planted_in_script;
mod remote_code_effect;
mod remote_module_run;
mod unknown_package_executed;

pub(crate) static RULES: &[&Rule] = &[
    &download_piped_to_interpreter::RULE,
    &download_substituted_into_code::RULE,
    &downloaded_file_executed::RULE,
    &package_from_url_or_vcs::RULE,
    &custom_package_index::RULE,
    &unknown_package_executed::RULE,
    &inline_code_fetches_and_runs::RULE,
    &remote_module_run::RULE,
    &remote_code_effect::RULE,
    &payload_planted_in_script::RULE,
];
