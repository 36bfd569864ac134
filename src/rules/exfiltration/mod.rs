//! `exfiltration` rules: Local data sent to an outside destination (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod bucket_upload;
mod capture_endpoint_contacted;
mod command_output_in_url;
mod data_in_hostname;
mod data_sent_over_socket;
mod exfiltration_effect;
mod file_copied_to_remote;
mod interpreter_upload;
mod local_data_uploaded;
mod mail_with_local_data;
mod paste_service_upload;
mod push_to_new_remote;
mod raw_cloud_secret_sent;
mod secret_sent_to_network;

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
    &raw_cloud_secret_sent::RULE,
    &bucket_upload::RULE,
    &command_output_in_url::RULE,
];
