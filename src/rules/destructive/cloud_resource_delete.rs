//! Deleting cloud or cluster resources: `kubectl delete`, `helm uninstall`,
//! `terraform destroy`, `aws s3 rm --recursive`, `aws … delete-*`,
//! `gcloud … delete`, `az … delete`, `pulumi destroy`, `gsutil rm -r`.

use super::common::{has_arg, has_verb, is_dry_run, verbs};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES018",
    name: "cloud-resource-delete",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[
        "kubectl",
        "oc",
        "k",
        "helm",
        "terraform",
        "tofu",
        "terragrunt",
        "pulumi",
        "aws",
        "gcloud",
        "gsutil",
        "az",
        "doctl",
        "eksctl",
        "heroku",
        "flyctl",
        "fly",
        "hcloud",
        "vercel",
        "netlify",
        "firebase",
        "cdk",
        "sam",
        "serverless",
        "sls",
        "gh",
        "glab",
    ],
    summary: "deletes cloud or cluster resources",
    why: "Deleted buckets, databases, namespaces and stacks take their data with them and may serve other people.",
    check,
    fires: &[
        "bash -c \"kubectl delete ns preview-17\"",
        "env AWS_PROFILE=prod aws s3 rm --recursive s3://b/logs",
        "kubectl delete ns prod",
        "kubectl -n prod delete pod api-7d9",
        "kubectl delete -f k8s/",
        "helm uninstall myrel -n prod",
        "terraform -chdir=envs/dev destroy -auto-approve",
        "terraform apply -destroy",
        "terragrunt run-all destroy",
        "pulumi destroy --yes",
        "aws s3 rm --recursive s3://example-artifacts/builds/",
        "aws s3 rb s3://bucket --force",
        "aws ec2 terminate-instances --instance-ids i-123",
        "aws rds delete-db-instance --db-instance-identifier prod",
        "gcloud compute instances delete vm-1 --quiet",
        "gsutil -m rm -r gs://bucket/data",
        "az group delete -n rg-prod --yes",
        "heroku apps:destroy --app myapp --confirm myapp",
        "cdk destroy --force",
        "sudo -E kubectl delete deployment api",
    ],
    passes: &[
        "kubectl get pods",
        "kubectl apply -f k8s/",
        "kubectl delete pod x --dry-run=client",
        "terraform plan",
        "aws s3 ls s3://bucket",
        "aws s3 rm s3://bucket/file.txt",
        "helm list",
        "gcloud compute instances list",
        "terraform plan -destroy",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if is_dry_run(cmd) {
        return None;
    }
    let name = cmd.name.as_str();
    let verb = match name {
        "kubectl" | "oc" | "k" => has_verb(cmd, &["delete", "drain"], 3),
        "helm" => has_verb(cmd, &["uninstall", "delete", "del", "un"], 2),
        "terraform" | "tofu" | "terragrunt" => has_verb(cmd, &["destroy"], 3).or_else(|| {
            (has_verb(cmd, &["apply"], 3).is_some() && cmd.args.iter().any(|a| a.text == "-destroy" || a.text == "--destroy"))
                .then(|| "apply -destroy".to_string())
        }),
        "pulumi" | "cdk" | "sam" | "serverless" | "sls" => has_verb(cmd, &["destroy", "remove", "delete"], 2),
        "aws" => aws_verb(cmd),
        "gsutil" => has_verb(cmd, &["rb"], 2).or_else(|| {
            (has_verb(cmd, &["rm"], 2).is_some() && cmd.args.iter().any(|a| a.text == "-r" || a.text == "-R" || a.text == "-a")).then(|| "rm -r".to_string())
        }),
        "gcloud" | "az" | "doctl" | "eksctl" | "hcloud" | "flyctl" | "fly" => {
            verbs(cmd).into_iter().take(5).find(|v| matches!(*v, "delete" | "destroy" | "purge") || v.starts_with("delete-")).map(str::to_string)
        }
        "heroku" | "netlify" | "firebase" | "vercel" => verbs(cmd)
            .into_iter()
            .take(2)
            .find(|v| v.ends_with(":destroy") || v.ends_with(":delete") || matches!(*v, "rm" | "remove") && name == "vercel" || *v == "pg:reset")
            .map(str::to_string),
        "gh" | "glab" => {
            // Release and repo deletion are judged by the program spec; a
            // raw API DELETE call is not.
            (has_arg(cmd, "api") && cmd.args.windows(2).any(|w| matches!(w[0].text.as_str(), "-X" | "--method") && w[1].text.eq_ignore_ascii_case("DELETE")))
                .then(|| "api -X DELETE".to_string())
        }
        _ => None,
    }?;
    Some(Hit::command().with_message(format!("`{name} {verb}` deletes cloud or cluster resources")))
}

fn aws_verb(cmd: &Command) -> Option<String> {
    let v = verbs(cmd);
    let service = v.first().copied()?;
    let op = v.get(1).copied()?;
    if service == "s3" {
        return match op {
            "rm" if cmd.args.iter().any(|a| a.text == "--recursive") => Some("s3 rm --recursive".into()),
            "rb" => Some("s3 rb".into()),
            "sync" if cmd.args.iter().any(|a| a.text == "--delete") => Some("s3 sync --delete".into()),
            _ => None,
        };
    }
    ["delete-", "terminate-", "deregister-", "purge-", "remove-"].iter().any(|p| op.starts_with(p)).then(|| format!("{service} {op}"))
}
