//! `remote_access` rules: Remote shells, tunnels, scans and commands on other hosts (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod interpreter_socket_shell;
mod listener_exposes_machine;
mod netcat_exec_shell;
mod offensive_tool;
mod port_scan;
mod remote_access_effect;
mod remote_command_session;
mod remote_database_session;
mod reverse_shell_dev_tcp;
mod shared_terminal_session;
mod shell_piped_through_network;
mod tunnel_exposes_port;
mod unknown_program_remote_target;

pub(crate) static RULES: &[&Rule] = &[
    &reverse_shell_dev_tcp::RULE,
    &netcat_exec_shell::RULE,
    &shell_piped_through_network::RULE,
    &interpreter_socket_shell::RULE,
    &remote_command_session::RULE,
    &tunnel_exposes_port::RULE,
    &port_scan::RULE,
    &listener_exposes_machine::RULE,
    &remote_access_effect::RULE,
    &shared_terminal_session::RULE,
    &offensive_tool::RULE,
    &remote_database_session::RULE,
    &unknown_program_remote_target::RULE,
];
