//! Files copied from this machine to another host (`scp f host:`, `rsync
//! dir/ host:path`) or to a cloud bucket (`aws s3 cp`, `gsutil cp`,
//! `rclone copy`, `az storage blob upload`). Downloads (`scp host:f .`) pass.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::remote_copy;

pub(crate) static RULE: Rule = Rule {
    code: "EXF003",
    name: "file-copied-to-remote",
    category: Category::Exfiltration,
    decision: Decision::Ask,
    commands: &["scp", "rsync", "pscp", "rclone", "aws", "gsutil", "gcloud", "az", "azcopy", "s3cmd", "mc"],
    summary: "copies local files to another host or bucket",
    why: "The files leave the machine for a destination the user may not control.",
    check,
    fires: &[
        "scp dump.sql me@db.example.com:/tmp/",
        "scp -P 2222 -r src host:backup/",
        "rsync -avz ./ deploy@10.0.0.5:/srv/app",
        "sudo rsync -a /var/log/ backup:logs/",
        "aws s3 cp dist/ s3://my-bucket/site --recursive",
        "aws s3 sync ./build s3://bucket",
        "gsutil cp report.csv gs://bucket/",
        "rclone copy ./photos gdrive:backup",
        "az storage blob upload --file data.csv --container-name c --name data.csv",
        "bash -c 'scp -i key.pem app.tar ubuntu@1.2.3.4:~'",
    ],
    passes: &[
        "scp host.example.com:/var/log/app.log .",
        "rsync -a src/ build/",
        "aws s3 cp s3://bucket/file.txt .",
        "aws s3 ls s3://bucket",
        "rclone copy gdrive:data ./data",
        "gsutil cp gs://bucket/x.csv data/",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let (local, dest) = remote_copy(cmd)?;
    let what = local.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
    Some(Hit::on(dest).with_message(format!("`{}` copies `{what}` to `{}`", describe(cmd), dest.text)))
}
