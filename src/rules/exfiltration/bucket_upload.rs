//! Copying local files into cloud storage: `aws s3 cp|sync|mv LOCAL
//! s3://…`, `gsutil cp LOCAL gs://…`, `gcloud storage cp`, `az storage blob
//! upload`, `rclone copy LOCAL remote:`. Data leaves the machine for a
//! bucket others may read (`--acl public-read`).

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXF013",
    name: "local-data-uploaded-to-bucket",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["aws", "gsutil", "gcloud", "az", "rclone", "s3cmd", "mc"],
    summary: "uploads local files to cloud storage",
    why: "Files copied to a bucket leave the machine and can be read by whoever the bucket grants access to.",
    check,
    fires: &[
        "aws s3 cp report.csv s3://bucket/r.csv",
        "aws s3 sync ./data s3://bucket/data",
        "gsutil cp -r build gs://site",
        "rclone copy ./docs remote:docs",
        "az storage blob upload -f a.zip -c c -n a.zip",
    ],
    passes: &["aws s3 ls s3://bucket", "aws s3 cp s3://bucket/x.csv .", "gsutil ls gs://site", "rclone ls remote:"],
};

fn remote(t: &str) -> bool {
    ["s3://", "gs://", "az://", "r2://"].iter().any(|p| t.starts_with(p))
        || (t.contains(':') && !t.starts_with('/') && !t.starts_with('.') && !t.contains("://") && t.len() > 2)
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let words: Vec<&str> = cmd.args.iter().map(|w| w.text.as_str()).collect();
    let copying = words.iter().any(|w| matches!(*w, "cp" | "sync" | "mv" | "copy" | "copyto" | "move" | "put" | "mirror"));
    let az_upload = cmd.name == "az" && (words.contains(&"upload") || words.contains(&"upload-batch"));
    if az_upload {
        return Some(Hit::command().with_message("`az storage … upload` sends local files to Azure storage"));
    }
    if !copying {
        return None;
    }
    let operands: Vec<&Word> = cmd.args.iter().filter(|w| !w.text.starts_with('-')).collect();
    let dest = operands.last()?;
    let source = operands.iter().rev().nth(1)?;
    (remote(&dest.text) && !remote(&source.text)).then(|| Hit::on(dest).with_message(format!("`{}` uploads `{}` to `{}`", cmd.name, source.text, dest.text)))
}
