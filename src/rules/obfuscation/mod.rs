//! `obfuscation` rules: Hiding intent (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

mod common;

mod decoded_payload_executed;
mod escaped_script_executed;
mod eval_of_built_string;
mod hidden_unicode_in_argument;
mod interpreter_decodes_and_executes;
mod interpreter_execs_built_string;
mod obfuscated_program_name;

pub(crate) static RULES: &[&Rule] = &[
    &decoded_payload_executed::RULE,
    &interpreter_decodes_and_executes::RULE,
    &escaped_script_executed::RULE,
    &eval_of_built_string::RULE,
    &obfuscated_program_name::RULE,
    &interpreter_execs_built_string::RULE,
    &hidden_unicode_in_argument::RULE,
];
