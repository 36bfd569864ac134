//! `exfiltration` rules: Local data sent to an outside destination (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

pub(crate) mod common;

use crate::rules::Rule;

mod secret_sent_to_network;
mod local_data_uploaded;
mod file_copied_to_remote;
mod data_sent_over_socket;
mod push_to_new_remote;
mod paste_service_upload;
mod capture_endpoint_contacted;
mod data_in_hostname;
mod mail_with_local_data;
mod interpreter_upload;
mod exfiltration_effect;

pub(crate) static RULES: &[&Rule] = &[
    &secret_sent_to_network::RULE,
    &local_data_uploaded::RULE,
    &file_copied_to_remote::RULE,
    &data_sent_over_socket::RULE,
    &push_to_new_remote::RULE,
    &paste_service_upload::RULE,
    &capture_endpoint_contacted::RULE,
    &data_in_hostname::RULE,
    &mail_with_local_data::RULE,
    &interpreter_upload::RULE,
    &exfiltration_effect::RULE,
];
