//! `external_effects` rules: acts others can see or that cost money
//! (publishing, pushing images, deploying, infrastructure, forge actions,
//! messages, payments; POLICY.md). One file per rule; the registry line for a
//! rule sits next to its `mod` line.

mod cloud_resource_change;
mod deploy_script_run;
mod deployment;
mod external_effects_effect;
mod forge_action;
mod git_push_release;
mod image_push;
mod infrastructure_change;
mod message_send;
mod package_publish;
mod payment_action;
mod peer_to_peer_sharing;
mod remote_api_change;
mod unknown_program_publishes;

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &package_publish::RULE,
    &image_push::RULE,
    &deployment::RULE,
    &infrastructure_change::RULE,
    &cloud_resource_change::RULE,
    &forge_action::RULE,
    &message_send::RULE,
    &git_push_release::RULE,
    &payment_action::RULE,
    &deploy_script_run::RULE,
    &external_effects_effect::RULE,
    &unknown_program_publishes::RULE,
    &remote_api_change::RULE,
    &peer_to_peer_sharing::RULE,
];
