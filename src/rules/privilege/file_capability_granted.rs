//! File capabilities granted with `setcap` (`cap_setuid+ep` on an interpreter
//! is root by another name).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "PRV005",
    name: "file-capability-granted",
    category: Category::Privilege,
    decision: Decision::Ask,
    commands: &["setcap"],
    summary: "grants Linux capabilities to a program file",
    why: "Capabilities such as cap_setuid or cap_sys_admin give a program root powers whoever runs it.",
    check,
    fires: &["sudo setcap cap_net_bind_service=+ep ./server", "setcap cap_setuid+ep /usr/bin/python3", "setcap 'cap_sys_admin,cap_dac_override+eip' bin/tool"],
    passes: &["getcap ./server", "setcap -v cap_net_bind_service=+ep ./server", "setcap -r ./server"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.has_any_flag(&["-v", "-r"]) {
        return None;
    }
    let caps = cmd.operands().next()?;
    Some(Hit::on(caps).with_message(format!("`setcap {}` grants capabilities to a program", caps.text)))
}
