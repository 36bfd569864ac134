//! What the rule families share: predicates over the IR that more than one
//! family reads. Families depend on this layer and on the IR, never on each
//! other (a test over their `use` lines keeps it so), so a family can be read,
//! changed or disabled without following imports into another.
//!
//! One module per topic:
//! - `transfer`: network clients, URL hosts, local destinations, option values
//!   read with or without a spec, data-flow sources, interpreter code strings;
//! - `secrets`: secret files, secret variable names, commands that only name
//!   a secret file;
//! - `changes`: which files a command writes or removes, dry runs, text fed
//!   into a command;
//! - `traces`: shell history files, system logs, history variables;
//! - `api`: HTTP methods and remote API calls;
//! - `sessions`: raw network connectors and interactive shells;
//! - `downloads`: downloaders and the package runners that fetch code.

pub(crate) mod api;
pub(crate) mod changes;
pub(crate) mod downloads;
pub(crate) mod secrets;
pub(crate) mod sessions;
pub(crate) mod traces;
pub(crate) mod transfer;
