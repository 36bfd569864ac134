//! `credentials` rules: Reading or exposing secrets (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.
//!
//! `secret_source` tells the exfiltration rules (through the registry,
//! `crate::rules::secret_source`) which commands produce a secret: the rules
//! here that show one, run on that command.

use crate::ir::{Command, Effect};
use crate::rules::{Context, Rule};

mod clipboard_read;
mod cloud_metadata_read;
mod cloud_token_printed;
mod credential_dumping_tool;
mod credential_file_search;
mod credentials_effect;
mod encrypted_secret_decrypted;
mod environment_dumped;
mod git_credential_read;
mod infrastructure_secret_output;
mod kubernetes_secret_revealed;
mod network_traffic_captured;
mod password_on_command_line;
mod password_store_read;
mod private_key_exported;
mod process_memory_read;
mod secret_file_read;
mod secret_file_staged;
mod secret_variable_printed;
mod unknown_program_handles_credentials;

pub(crate) static RULES: &[&Rule] = &[
    &secret_file_read::RULE,
    &environment_dumped::RULE,
    &secret_variable_printed::RULE,
    &cloud_token_printed::RULE,
    &kubernetes_secret_revealed::RULE,
    &password_store_read::RULE,
    &encrypted_secret_decrypted::RULE,
    &private_key_exported::RULE,
    &git_credential_read::RULE,
    &password_on_command_line::RULE,
    &credential_file_search::RULE,
    &credentials_effect::RULE,
    &credential_dumping_tool::RULE,
    &cloud_metadata_read::RULE,
    &secret_file_staged::RULE,
    &infrastructure_secret_output::RULE,
    &unknown_program_handles_credentials::RULE,
    &clipboard_read::RULE,
    &network_traffic_captured::RULE,
    &process_memory_read::RULE,
];

/// Rules that flag a use of a secret or a search, not a secret's content.
const NOT_SOURCES: &[&str] = &["CRD010", "CRD011"];

/// True when the command's output or reads carry a secret: a credentials
/// rule that shows one fires on it, or it prints a secret variable
/// wherever its output goes.
pub(crate) fn secret_source(cmd: &Command, cx: &Context<'_>) -> bool {
    cmd.argv.has_effect(Effect::Credentials)
        || secret_variable_printed::shows_secret_variable(cmd).is_some()
        || RULES.iter().filter(|r| !NOT_SOURCES.contains(&r.code)).any(|r| crate::rules::applies(r.commands, cmd) && (r.check)(cmd, cx).is_some())
}
