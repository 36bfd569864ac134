//! `privilege` rules: Gaining or granting elevated privileges (POLICY.md). One file per rule; the
//! registry line for a rule sits next to its `mod` line.

use crate::rules::Rule;

pub(crate) static RULES: &[&Rule] = &[];
