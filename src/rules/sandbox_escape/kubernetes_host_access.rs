//! Kubernetes workloads given the node: privileged pods, host namespaces,
//! `hostPath` volumes, `kubectl debug node/...`.

use crate::rules::prelude::*;
use crate::rules::shared::changes::fed_text;

pub(crate) static RULE: Rule = Rule {
    code: "ESC010",
    name: "kubernetes-host-access",
    category: Category::SandboxEscape,
    decision: Decision::Ask,
    commands: &["kubectl", "oc"],
    summary: "starts a Kubernetes workload with access to its node",
    why: "Privileged pods, host namespaces and hostPath mounts give a workload root on the node it runs on.",
    check,
    fires: &[
        "kubectl debug node/worker-1 -it --image=busybox",
        "kubectl run x --image=alpine --privileged",
        "kubectl run x --image=alpine --overrides='{\"spec\":{\"hostPID\":true}}'",
        "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - securityContext:\n      privileged: true\nEOF",
        "kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"hostNetwork\":true}}}}'",
        "echo 'volumes: [{hostPath: {path: /}}]' | kubectl create -f -",
    ],
    passes: &[
        "kubectl get pods",
        "kubectl run x --image=alpine",
        "kubectl debug pod/web -it --image=busybox",
        "kubectl apply -f k8s/",
        "kubectl describe node worker-1",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    let sub = cmd.subcommand()?;
    if sub == "debug" {
        let node = cmd.operands().find(|w| w.text.starts_with("node/") || w.text.starts_with("nodes/"))?;
        return Some(Hit::on(node).with_message(format!("`kubectl debug {}` runs a pod in the node's host namespaces", node.text)));
    }
    if !["run", "create", "apply", "patch", "replace"].contains(&sub) {
        return None;
    }
    if cmd.has_flag("--privileged") {
        return Some(Hit::command().with_message(format!("`kubectl {sub} --privileged` starts a privileged pod")));
    }
    let text = fed_text(cmd, cx).replace([' ', '"', '\''], "");
    let found = ["privileged:true", "hostPID:true", "hostNetwork:true", "hostIPC:true", "hostPath:", "allowPrivilegeEscalation:true", "SYS_ADMIN"]
        .into_iter()
        .find(|k| text.contains(k))?;
    Some(Hit::command().with_message(format!("`kubectl {sub}` sets `{}` on a workload", found.trim_end_matches(':'))))
}
