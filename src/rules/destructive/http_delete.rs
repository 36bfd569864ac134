//! An HTTP `DELETE` to a service on this machine: a search index, a
//! database's REST interface, a queue, the project's own API with its data.
//! Remote services are the external-effects rule's (`EXT013`).

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{is_local_host, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "DES028",
    name: "local-service-delete",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &["curl", "wget", "http", "https", "xh", "curlie"],
    summary: "sends an HTTP DELETE to a service on this machine",
    why: "Indexes, collections and records deleted through an API are gone; the service keeps no undo.",
    check,
    fires: &["curl -X DELETE http://localhost:9200/logs-2024", "curl -XDELETE 127.0.0.1:5984/mydb", "http DELETE localhost:8080/api/projects/3"],
    passes: &[
        "curl http://localhost:9200/_cat/indices",
        "curl -X POST localhost:8080/api/projects -d name=x",
        "curl -X DELETE https://api.example.com/v1/users/1",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if crate::rules::shared::api::http_method(cmd).as_deref() != Some("DELETE") {
        return None;
    }
    let url = cmd.operands().find(|w| !w.text.starts_with('-') && url_host(&w.text).is_some_and(|h| is_local_host(&h)) && w.text.contains([':', '/']))?;
    Some(Hit::on(url).with_message(format!("`{} DELETE {}` deletes data of a local service", cmd.name, url.text)))
}
