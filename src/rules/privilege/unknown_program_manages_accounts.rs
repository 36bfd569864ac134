//! A program riskgate has no spec for, asked to add, change or remove user
//! accounts, groups or grants: its verb (the first operand, or an unknown
//! subcommand) says what it does, as in the known programs' specs. The risk
//! model judges the rest of such commands.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV015",
    name: "unknown-program-manages-accounts",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &[],
    summary: "an unfamiliar program is asked to add, change or remove users, groups or grants",
    why: "Accounts and grants decide who can do what on a machine or service; a person should confirm each change.",
    check,
    fires: &["zorbctl useradd alice", "quillmark grant admin bob", "tessa user-del carol", "vexd usermod -G wheel dave"],
    passes: &["zorbctl users", "quillmark list-grants", "tessa whoami"],
};

const VERBS: &[&str] = &["useradd", "adduser", "userdel", "deluser", "usermod", "groupadd", "groupdel", "groupmod", "grant", "revoke", "user"];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    // `user` alone is a noun; with a changing second part (`user-del`, `user:add`) it is a verb.
    let verb = unknown_verbs(cmd).into_iter().find(|verb| {
        let lower = verb.to_ascii_lowercase();
        let mut parts = lower.split(['-', ':', '_']);
        let head = parts.next().unwrap_or_default();
        match head {
            "user" | "group" => parts.next().is_some_and(|p| matches!(p, "add" | "del" | "delete" | "mod" | "create" | "remove")),
            h => VERBS.contains(&h),
        }
    })?;
    Some(Hit::command().with_message(format!("`{} {verb}` changes accounts or grants", cmd.name)))
}
