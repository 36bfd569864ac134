//! Infrastructure and cluster changes: `terraform apply|destroy`, `pulumi up`,
//! `kubectl apply|delete|scale`, `helm install|upgrade|uninstall`, `docker stack deploy`.

use crate::rules::prelude::*;
use crate::rules::shared::api::{positionals, previews};

pub(crate) static RULE: Rule = Rule {
    code: "EXT004",
    name: "infrastructure-change",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &[
        "terraform",
        "tofu",
        "terragrunt",
        "opentofu",
        "pulumi",
        "kubectl",
        "oc",
        "helm",
        "docker",
        "podman",
        "nomad",
        "vault",
        "consul",
        "argocd",
        "flux",
        "skaffold",
        "crossplane",
        "cdktf",
    ],
    summary: "changes real infrastructure or a cluster",
    why: "Infrastructure changes act on shared, often production, resources and can cost money or take services down.",
    check,
    fires: &[
        "terraform apply",
        "terraform apply -auto-approve tfplan",
        "tofu destroy -target=aws_instance.web",
        "terragrunt run-all apply",
        "terraform import aws_s3_bucket.b my-bucket",
        "terraform state rm module.db",
        "pulumi up --yes",
        "pulumi destroy -s prod",
        "kubectl apply -f k8s/",
        "kubectl delete pod web-0",
        "kubectl scale deploy web --replicas=0",
        "kubectl rollout restart deployment/api",
        "kubectl -n prod set image deploy/web web=app:2",
        "helm upgrade --install web ./chart",
        "helm uninstall web",
        "docker stack deploy -c stack.yml app",
        "nomad job run api.nomad",
        "vault kv put secret/app key=value",
        "argocd app sync web",
        "bash -c 'terraform apply -auto-approve'",
    ],
    passes: &[
        "terraform plan",
        "terraform init",
        "terraform validate",
        "terraform fmt",
        "terraform output",
        "pulumi preview",
        "kubectl get pods -A",
        "kubectl describe deploy web",
        "kubectl apply --dry-run=client -f k8s/",
        "kubectl diff -f k8s/",
        "helm template ./chart",
        "helm list",
        "helm install web ./chart --dry-run",
        "kubectl rollout status deploy/web",
        "vault kv get secret/app",
    ],
};

fn change(cmd: &Command, pos: &[&str]) -> Option<&'static str> {
    let first = pos.first().copied().unwrap_or_default();
    let second = pos.get(1).copied().unwrap_or_default();
    let in_list = |w: &str, l: &[&'static str]| l.iter().copied().find(|x| *x == w);
    match cmd.name.as_str() {
        "terraform" | "tofu" | "opentofu" | "cdktf" => in_list(first, &["apply", "destroy", "import", "taint", "untaint", "force-unlock", "refresh", "deploy"])
            .or_else(|| (first == "state" && ["rm", "mv", "push", "replace-provider"].contains(&second)).then_some("state"))
            .or_else(|| (first == "workspace" && second == "delete").then_some("workspace delete")),
        "terragrunt" => pos.iter().find_map(|p| in_list(p, &["apply", "destroy", "import", "apply-all", "destroy-all"])),
        "pulumi" => in_list(first, &["up", "update", "destroy", "import", "refresh", "cancel", "watch"])
            .or_else(|| (first == "stack" && second == "rm").then_some("stack rm")),
        "kubectl" | "oc" => in_list(
            first,
            &[
                "apply",
                "create",
                "patch",
                "replace",
                "scale",
                "autoscale",
                "set",
                "edit",
                "label",
                "annotate",
                "expose",
                "run",
                "cordon",
                "uncordon",
                "drain",
                "taint",
                "delete",
                "certificate",
            ],
        )
        .or_else(|| (first == "rollout" && ["restart", "undo", "pause", "resume"].contains(&second)).then_some("rollout")),
        "helm" => in_list(first, &["install", "upgrade", "rollback", "uninstall", "delete", "del", "un"]),
        "docker" | "podman" => ((first == "stack" && ["deploy", "rm", "up"].contains(&second))
            || (first == "service" && ["create", "update", "scale", "rm", "rollback"].contains(&second)))
        .then_some("swarm"),
        "nomad" => ((first == "job" && ["run", "stop", "revert", "dispatch", "scale"].contains(&second)) || ["run", "stop"].contains(&first)).then_some("job"),
        "vault" => (in_list(first, &["write", "delete", "put"]).is_some()
            || (first == "kv" && ["put", "delete", "patch", "destroy", "undelete", "rollback", "metadata"].contains(&second))
            || (["secrets", "auth", "policy"].contains(&first) && ["enable", "disable", "write", "delete", "tune", "move"].contains(&second)))
        .then_some("write"),
        "consul" => (first == "kv" && ["put", "delete", "import"].contains(&second) || first == "services" && ["register", "deregister"].contains(&second))
            .then_some("kv"),
        "argocd" => (first == "app" && ["sync", "delete", "create", "set", "rollback", "patch", "terminate-op"].contains(&second)).then_some("app"),
        "flux" => in_list(first, &["reconcile", "suspend", "resume", "create", "delete", "bootstrap", "install", "uninstall"]),
        "skaffold" => in_list(first, &["run", "deploy", "delete", "apply"]),
        "crossplane" => in_list(first, &["install", "update"]),
        _ => None,
    }
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if previews(cmd) {
        return None;
    }
    let pos: Vec<&str> = positionals(cmd).into_iter().filter(|p| !p.starts_with('-')).collect();
    change(cmd, &pos)?;
    let what = pos.iter().take(3).copied().collect::<Vec<_>>().join(" ");
    Some(Hit::command().with_message(format!("`{} {what}` changes real infrastructure", cmd.name)))
}
