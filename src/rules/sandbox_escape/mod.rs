//! `sandbox_escape` rules: breaking containment (privileged containers, host
//! mounts, namespaces, mounts, /proc and /sys writes, the agent's own settings,
//! security controls; POLICY.md). One file per rule; the registry line for a
//! rule sits next to its `mod` line.

mod common;

mod agent_config_edit;
mod agent_permission_bypass;
mod filesystem_mount;
mod host_namespace_container;
mod host_path_mount;
mod kernel_interface_write;
mod kubernetes_host_access;
mod namespace_escape;
mod privileged_container;
mod sandbox_escape_effect;
mod security_control_disabled;

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[
    &privileged_container::RULE,
    &host_namespace_container::RULE,
    &host_path_mount::RULE,
    &namespace_escape::RULE,
    &filesystem_mount::RULE,
    &kernel_interface_write::RULE,
    &agent_config_edit::RULE,
    &agent_permission_bypass::RULE,
    &security_control_disabled::RULE,
    &kubernetes_host_access::RULE,
    &sandbox_escape_effect::RULE,
];
