//! An HTTP client that sends data or a change to a remote service: a
//! request body, or a method other than `GET`/`HEAD`, to a host other than
//! this machine (POLICY.md: sending data out, webhooks). Uploads of local
//! files are `EXF002`'s; services the forge, payment and message rules know
//! get their own reasons.

use crate::rules::prelude::*;
use crate::rules::shared::api::HTTP_CLIENTS;
use crate::rules::shared::transfer::{is_local_host, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "EXT013",
    name: "remote-http-write",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: HTTP_CLIENTS,
    summary: "sends data, or a DELETE, PUT or PATCH, to a remote service",
    why: "The request hands data to a service others run, or changes data there; nothing on this machine can undo it.",
    check,
    fires: &[
        "curl -X DELETE https://api.example.com/v1/users/1",
        "curl --request PUT -d @user.json https://api.example.com/v1/users/1",
        "curl -XPATCH https://api.example.com/items/7 -d '{\"state\":\"closed\"}'",
        "http DELETE https://api.example.com/v1/users/1",
        "wget --method=DELETE https://api.example.com/v1/users/1",
        "curl -X POST -H 'Content-Type: application/json' -d '{\"text\":\"build ok\"}' https://hooks.example.com/services/T1",
        "curl -d 'name=demo' https://api.example.com/v1/projects",
        "wget --post-data 'a=1' https://api.example.com/form",
    ],
    passes: &[
        "curl -X DELETE http://localhost:8080/api/items/1",
        "curl -X PUT http://127.0.0.1:3000/todo/2 -d done=1",
        "curl https://api.example.com/v1/users/1",
        "curl -X GET https://api.example.com/v1/users",
        "http GET https://api.example.com/v1/users/1",
        "curl -X POST http://localhost:3000/api/login -d user=dev",
        "curl -I https://example.com",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let method = crate::rules::shared::api::http_method(cmd);
    let changes = method.as_deref().is_some_and(|m| matches!(m, "DELETE" | "PUT" | "PATCH" | "POST"));
    if !changes && !crate::rules::shared::api::http_writes(cmd) {
        return None;
    }
    let url = cmd.args.iter().find(|w| w.is_url() && url_host(&w.text).is_some_and(|h| !is_local_host(&h)))?;
    let what = method.filter(|m| m != "GET").unwrap_or_else(|| "POST".to_string());
    Some(Hit::on(url).with_message(format!("`{} {what}` sends data to `{}`", cmd.name, url_host(&url.text).unwrap_or_default())))
}
