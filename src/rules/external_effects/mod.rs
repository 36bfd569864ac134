//! `external_effects` rules: acts others can see or that cost money
//! (publishing, pushing images, deploying, infrastructure, forge actions,
//! messages, payments; POLICY.md). One file per rule; the registry line for a
//! rule sits next to its `mod` line.

mod common;

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
mod remote_api_change;
mod unknown_program_publishes;

use crate::rules::Rule;
use crate::rules::prelude::*;

/// The HTTP method an HTTP client call uses, upper-cased, when it names one:
/// `-X M`, `-XM`, `--request M`, `--method=M` (wget), or HTTPie's leading
/// method word.
pub(crate) fn http_method(cmd: &Command) -> Option<String> {
    if !common::HTTP_CLIENTS.contains(&cmd.name.as_str()) {
        return None;
    }
    let flag = cmd.flag_value(&["-X", "--request", "--method"]).map(|w| w.text.to_ascii_uppercase());
    let joined = || cmd.args.iter().find_map(|a| a.text.strip_prefix("-X").filter(|m| !m.is_empty()).map(str::to_ascii_uppercase));
    let httpie = || {
        matches!(cmd.name.as_str(), "http" | "https" | "xh")
            .then(|| cmd.operands().next().map(|w| w.text.to_ascii_uppercase()))
            .flatten()
            .filter(|m| m.bytes().all(|b| b.is_ascii_uppercase()))
    };
    flag.or_else(joined).or_else(httpie)
}

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
];
