//! An HTTP client that changes or deletes something on a remote service:
//! `DELETE`, `PUT` or `PATCH` to a host other than this machine. A `POST`
//! is left to the rules that know the service (forges, payments, messages):
//! it is also how plain queries are sent.

use super::common::HTTP_CLIENTS;
use crate::rules::exfiltration::common::{is_local_host, url_host};
use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "EXT013",
    name: "remote-api-change",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: HTTP_CLIENTS,
    summary: "sends DELETE, PUT or PATCH to a remote service",
    why: "The request changes or deletes data on a service others use; nothing on this machine can undo it.",
    check,
    fires: &[
        "curl -X DELETE https://api.example.com/v1/users/1",
        "curl --request PUT -d @user.json https://api.example.com/v1/users/1",
        "curl -XPATCH https://api.example.com/items/7 -d '{\"state\":\"closed\"}'",
        "http DELETE https://api.example.com/v1/users/1",
        "wget --method=DELETE https://api.example.com/v1/users/1",
    ],
    passes: &[
        "curl -X DELETE http://localhost:8080/api/items/1",
        "curl -X PUT http://127.0.0.1:3000/todo/2 -d done=1",
        "curl https://api.example.com/v1/users/1",
        "curl -X GET https://api.example.com/v1/users",
        "http GET https://api.example.com/v1/users/1",
    ],
};

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let method = super::http_method(cmd)?;
    if !matches!(method.as_str(), "DELETE" | "PUT" | "PATCH") {
        return None;
    }
    let url = cmd.args.iter().find(|w| w.is_url() && url_host(&w.text).is_some_and(|h| !is_local_host(&h)))?;
    Some(Hit::on(url).with_message(format!("`{} {method}` changes data at `{}`", cmd.name, url.text)))
}
