//! Kubernetes secrets or client credentials printed: `kubectl get secret
//! -o yaml|json|jsonpath`, `kubectl config view --raw`, `kubectl create token`.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{has_seq, opt_values, positional};

pub(crate) static RULE: Rule = Rule {
    code: "CRD005",
    name: "kubernetes-secret-revealed",
    category: Category::Credentials,
    decision: Decision::Ask,
    commands: &["kubectl", "oc", "k", "microk8s.kubectl", "kubecolor"],
    summary: "prints Kubernetes secret data or cluster credentials",
    why: "Secret values and client keys give access to the cluster and its services.",
    check,
    fires: &[
        "kubectl get secret db-creds -o yaml",
        "kubectl -n prod get secrets -o json",
        "kubectl get secret/api -o jsonpath='{.data.token}'",
        "kubectl get secret api --output=go-template='{{.data.key}}'",
        "kubectl config view --flatten --minify",
        "kubectl create token default",
        "oc get secret x -o yaml",
        "kubectl get secrets,configmaps -o yaml",
    ],
    passes: &[
        "kubectl get secrets",
        "kubectl get pods -o yaml",
        "kubectl describe secret db-creds",
        "kubectl config view",
        "kubectl config get-contexts",
        "kubectl get configmap app -o yaml",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if cmd.argv.has_effect(Effect::Credentials) {
        return None; // the spec already says so (CRD012)
    }
    let pos = positional(cmd);
    let is_secret = |p: &&str| p.split(',').any(|r| matches!(r.split('/').next(), Some("secret" | "secrets")));
    let shows_data = opt_values(cmd, &["-o", "--output"]).iter().any(|w| !matches!(w.text.as_str(), "name" | "wide"));
    let hit = pos.first() == Some(&"get") && pos.iter().skip(1).any(is_secret) && shows_data
        || has_seq(cmd, &["config", "view"]) && cmd.has_any_flag(&["--raw", "--flatten"])
        || has_seq(cmd, &["create", "token"]);
    hit.then(|| Hit::command().with_message(format!("`{} {}` prints secret data", cmd.name, pos.join(" "))))
}
