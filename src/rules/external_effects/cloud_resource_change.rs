//! Cloud resources created, changed or deleted through a provider CLI
//! (`aws ec2 run-instances`, `aws s3 sync … s3://`, `gcloud compute instances create`, `az group delete`).

use crate::rules::prelude::*;
use crate::rules::shared::api::{positionals, previews};

pub(crate) static RULE: Rule = Rule {
    code: "EXT005",
    name: "cloud-resource-change",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &["aws", "gcloud", "gsutil", "az", "doctl", "hcloud", "linode-cli", "vultr-cli", "scw", "oci", "ibmcloud", "exo", "awslocal"],
    summary: "creates, changes or deletes cloud resources",
    why: "Cloud changes act on shared resources, can cost money and are visible to everyone using the account.",
    check,
    fires: &[
        "aws s3 cp build/report.html s3://reports/ --acl public-read",
        "aws ec2 run-instances --image-id ami-1 --count 1",
        "aws s3 sync ./dist s3://my-site --delete",
        "aws s3 cp build.zip s3://bucket/releases/",
        "aws s3 rb s3://old-bucket --force",
        "aws lambda update-function-code --function-name f --zip-file fileb://f.zip",
        "aws cloudformation deploy --template-file t.yml --stack-name s",
        "aws iam attach-role-policy --role-name r --policy-arn arn:x",
        "aws sns publish --topic-arn arn:x --message hi",
        "gcloud compute instances create vm-1 --zone us-central1-a",
        "gcloud projects add-iam-policy-binding p --member user:x --role roles/owner",
        "gcloud sql instances delete db1",
        "gsutil rm -r gs://bucket/path",
        "az group delete -n rg-prod --yes",
        "az vm create -g rg -n vm1 --image Ubuntu2204",
        "doctl compute droplet create web --size s-1vcpu-1gb",
        "hcloud server delete web-1",
        "bash -c 'aws ecs update-service --cluster c --service s --force-new-deployment'",
    ],
    passes: &[
        "aws s3 ls s3://bucket",
        "aws sts get-caller-identity --profile dev",
        "aws ec2 describe-instances",
        "aws s3 cp s3://bucket/data.csv ./data.csv",
        "aws logs tail /aws/lambda/f",
        "gcloud compute instances list",
        "gcloud config set project my-proj",
        "gsutil ls gs://bucket",
        "az vm list -o table",
        "az account set --subscription x",
        "doctl compute droplet list",
        "aws ec2 run-instances --dry-run --image-id ami-1",
        "aws eks update-kubeconfig --name prod",
    ],
};

const MUTATING_PREFIXES: &[&str] = &[
    "create",
    "delete",
    "put-",
    "update",
    "modify-",
    "run-",
    "start",
    "stop",
    "terminate",
    "reboot",
    "attach-",
    "detach-",
    "associate-",
    "disassociate-",
    "add-",
    "remove-",
    "set-",
    "register-",
    "deregister-",
    "enable",
    "disable",
    "authorize-",
    "revoke-",
    "import-",
    "copy-",
    "restore-",
    "tag-",
    "untag-",
    "invoke",
    "publish",
    "send-",
    "execute-",
    "reset-",
    "cancel-",
    "replace-",
    "upload",
    "deploy",
    "apply",
    "allocate-",
    "release-",
    "accept-",
    "reject-",
    "purchase-",
    "request-",
    "batch-write",
    "batch-delete",
    "change-",
    "increase-",
    "decrease-",
    "rotate-",
    "schedule-",
    "submit",
    "purge",
    "resize",
    "rebuild",
    "power-",
    "patch",
    "undelete",
    "move",
    "rollback",
    "scale",
    "swap",
    "restart",
    "assign",
    "sync",
    "mb",
    "rb",
    "rm",
    "mv",
    "up",
    "destroy",
    "shutdown",
    "rename",
];

const LOCAL_GROUPS: &[&str] = &[
    "config",
    "configure",
    "auth",
    "login",
    "logout",
    "account",
    "extension",
    "init",
    "components",
    "help",
    "version",
    "info",
    "completion",
    "sso",
    "interactive",
];

/// Verbs that match a mutating prefix but only change local files.
const LOCAL_VERBS: &[&str] = &["update-kubeconfig", "get-login-password", "start-session"];

fn mutating(verb: &str) -> bool {
    if LOCAL_VERBS.contains(&verb) {
        return false;
    }
    MUTATING_PREFIXES
        .iter()
        .any(|p| verb == p.trim_end_matches('-') || verb.starts_with(p) && (p.ends_with('-') || verb.len() == p.len() || verb[p.len()..].starts_with('-')))
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if previews(cmd) {
        return None;
    }
    let pos: Vec<&str> = positionals(cmd).into_iter().filter(|p| !p.starts_with('-')).collect();
    if pos.first().is_none_or(|g| LOCAL_GROUPS.contains(g)) {
        return None;
    }
    let verb = match cmd.name.as_str() {
        "aws" | "awslocal" => {
            let op = *pos.get(1)?;
            if pos[0] == "s3" && op == "website" {
                Some(op)
            } else if pos[0] == "s3" && ["cp", "mv", "sync"].contains(&op) {
                // Only uploads change the cloud; downloads land in the workspace. The
                // destination follows the source (values of options the spec does not
                // know, `--acl public-read`, may trail).
                pos.get(3..).unwrap_or_default().iter().any(|d| d.starts_with("s3://")).then_some(op)
            } else {
                mutating(op).then_some(op)
            }
        }
        "gsutil" => {
            let op = pos[0];
            if ["cp", "mv", "rsync"].contains(&op) {
                pos.get(2..).unwrap_or_default().iter().any(|d| d.starts_with("gs://")).then_some(op)
            } else {
                ["rm", "mb", "rb", "acl", "iam", "setmeta", "lifecycle", "defacl", "web"].contains(&op).then_some(op)
            }
        }
        _ => pos.iter().skip(1).copied().find(|v| mutating(v)),
    }?;
    Some(Hit::command().with_message(format!("`{} {}` changes cloud resources ({verb})", cmd.name, pos.iter().take(3).copied().collect::<Vec<_>>().join(" "))))
}
