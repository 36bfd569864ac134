//! Commands or sessions run on other machines by remote-execution tools
//! without an SSH spec effect: `gcloud compute ssh`, `aws ssm
//! start-session|send-command`, `az ssh vm`, `az vm run-command`, `ansible
//! HOST -m shell`, `pssh`, `pdsh`, `telnet`, `rsh`, `sshpass … ssh`.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{has_seq, opt_values};

pub(crate) static RULE: Rule = Rule {
    code: "RAC005",
    name: "remote-command-session",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "ssh",
        "autossh",
        "mosh",
        "dbclient",
        "tsh",
        "sshpass",
        "gcloud",
        "aws",
        "az",
        "ansible",
        "pssh",
        "parallel-ssh",
        "pdsh",
        "clush",
        "telnet",
        "rsh",
        "rlogin",
        "rexec",
        "evil-winrm",
        "psexec",
        "psexec.py",
        "wmiexec.py",
        "winrs",
        "xfreerdp",
        "rdesktop",
    ],
    summary: "runs a command or opens a session on another machine",
    why: "Commands on other hosts act outside the workspace, often on shared or production systems.",
    check,
    fires: &[
        "gcloud compute ssh vm-1 --command 'sudo systemctl restart app'",
        "aws ssm start-session --target i-0123",
        "aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript --parameters commands=uptime",
        "az ssh vm -n vm1 -g rg",
        "az vm run-command invoke -g rg -n vm1 --command-id RunShellScript --scripts 'id'",
        "pssh -h hosts.txt -i uptime",
        "pdsh -w node[1-4] uptime",
        "sshpass -p pw ssh me@host uptime",
        "evil-winrm -i 10.0.0.5 -u admin -p pw",
    ],
    passes: &["gcloud compute instances list", "aws ssm get-parameter --name x", "ansible-playbook site.yml --check", "az vm list", "ansible all -m ping"],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.argv.has_effect(Effect::RemoteAccess) {
        return None; // the spec already says so (RAC009)
    }
    let seq = |s: &[&str]| has_seq(cmd, s);
    let hit = match cmd.name.as_str() {
        "gcloud" => seq(&["compute", "ssh"]) || seq(&["cloud-shell", "ssh"]) || seq(&["compute", "connect-to-serial-port"]),
        "aws" => seq(&["ssm", "start-session"]) || seq(&["ssm", "send-command"]) || seq(&["ecs", "execute-command"]) || seq(&["ec2-instance-connect", "ssh"]),
        "az" => seq(&["ssh", "vm"]) || seq(&["run-command", "invoke"]) || seq(&["run-command", "create"]) || seq(&["container", "exec"]),
        "ansible" => {
            opt_values(cmd, &["-m", "--module-name"]).iter().any(|m| {
                matches!(m.text.as_str(), "shell" | "command" | "raw" | "script" | "ansible.builtin.shell" | "ansible.builtin.command" | "ansible.builtin.raw")
            }) || !cmd.has_any_flag(&["-m", "--module-name"]) && cmd.has_any_flag(&["-a", "--args"])
        }
        _ => true,
    };
    hit.then(|| Hit::command().with_message(format!("`{}` runs commands on another machine", describe(cmd))))
}
