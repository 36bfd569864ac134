//! Acts on a code forge that others see: merging, closing, reviewing or
//! commenting on pull requests and issues, releases, workflow runs,
//! repository settings, write calls to the forge API (`gh`, `glab`, `hub`, `tea`).

use crate::rules::prelude::*;
use crate::rules::shared::api::{HTTP_CLIENTS, http_writes, positionals, url_matching};

pub(crate) static RULE: Rule = Rule {
    code: "EXT006",
    name: "forge-action",
    category: Category::ExternalEffects,
    decision: Decision::Ask,
    commands: &["gh", "glab", "hub", "tea", "curl", "wget", "http", "https", "xh"],
    summary: "acts on a pull request, issue, release or repository others see",
    why: "Merges, reviews, comments, releases and workflow runs are visible to collaborators and often trigger deployments.",
    check,
    fires: &[
        "gh pr merge 42 --squash",
        "gh pr merge --auto --delete-branch",
        "gh pr review 42 --approve",
        "gh pr comment 42 --body 'LGTM'",
        "gh pr close 17",
        "gh issue close 12 --reason completed",
        "gh issue comment 12 -b 'fixed in #13'",
        "gh issue create --title bug --body x",
        "gh release create v1.2.0 --generate-notes",
        "gh workflow run deploy.yml -f env=prod",
        "gh run rerun 123",
        "gh repo edit --visibility public",
        "gh api -X POST repos/o/r/issues -f title=x",
        "gh api repos/o/r/pulls/1/merge -X PUT",
        "gh api repos/o/r/labels -f name=bug",
        "gh api graphql -f query='mutation { addStar(input:{starrableId:\"x\"}) { clientMutationId } }'",
        "glab mr merge 5",
        "glab mr approve 5",
        "glab issue close 3",
        "hub release create -m v1 v1",
        "bash -c 'gh pr merge 42 --admin --squash'",
        "curl -X PUT -H \"Authorization: token $GH_TOKEN\" https://api.github.com/repos/o/r/pulls/7/merge",
        "curl -s -X POST https://gitlab.com/api/v4/projects/1/merge_requests/2/notes -d body=hi",
    ],
    passes: &[
        "gh pr create --fill",
        "gh pr list",
        "gh pr view 42 --comments",
        "gh pr checkout 42",
        "gh pr diff 42",
        "gh issue list --label bug",
        "gh release list",
        "gh run list",
        "gh run view 123 --log",
        "gh api repos/o/r/pulls",
        "gh api -X GET search/issues -f q=repo:o/r",
        "glab mr list",
        "glab mr create --fill",
        "gh api graphql -f query='query { viewer { login } }'",
        "curl -s https://api.github.com/repos/o/r/pulls",
    ],
};

const ACTIONS: &[(&str, &[&str])] = &[
    ("pr", &["merge", "close", "reopen", "review", "comment", "edit", "ready", "lock", "unlock", "update-branch"]),
    ("mr", &["merge", "close", "reopen", "approve", "revoke", "note", "update", "rebase", "delete"]),
    ("issue", &["create", "new", "close", "reopen", "comment", "note", "edit", "update", "transfer", "pin", "unpin", "lock", "unlock", "delete", "develop"]),
    ("release", &["create", "upload", "edit", "delete", "delete-asset"]),
    ("workflow", &["run", "enable", "disable"]),
    ("run", &["rerun", "cancel", "delete"]),
    ("ci", &["run", "retry", "cancel", "trigger", "delete"]),
    ("repo", &["create", "edit", "rename", "archive", "unarchive", "delete", "fork", "transfer"]),
    ("label", &["create", "edit", "delete", "clone"]),
    ("secret", &["set", "delete", "remove"]),
    ("variable", &["set", "delete", "update"]),
    ("project", &["create", "edit", "delete", "item-add", "item-edit", "item-delete", "close"]),
    ("ssh-key", &["add", "delete"]),
    ("gpg-key", &["add", "delete"]),
    ("cache", &["delete"]),
];

/// Forge APIs whose write calls act on pull requests, issues, releases and repositories.
const FORGE_APIS: &[(&str, &str)] =
    &[("api.github.com", "/repos/"), ("gitlab.com", "/api/v4/projects"), ("api.bitbucket.org", "/2.0/repositories"), ("dev.azure.com", "/_apis/git")];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if HTTP_CLIENTS.contains(&cmd.name.as_str()) {
        let url = url_matching(cmd, FORGE_APIS).filter(|_| http_writes(cmd))?;
        return Some(Hit::on(url).with_message(format!("`{}` sends a write request to the forge API", cmd.name)));
    }
    let pos: Vec<&str> = positionals(cmd).into_iter().filter(|p| !p.starts_with('-')).collect();
    let first = pos.first().copied().unwrap_or_default();
    let second = pos.get(1).copied().unwrap_or_default();
    if first == "api" {
        let method = cmd.flag_value(&["-X", "--method"]).map(|w| w.text.to_ascii_uppercase());
        let fields = cmd.has_any_flag(&["-f", "-F", "--field", "--raw-field", "--input"]);
        let writes = match method.as_deref() {
            Some("GET" | "HEAD") => false,
            Some(_) => true,
            None => fields,
        };
        let endpoint = cmd.operands().next().map_or("", |w| w.text.as_str());
        // GraphQL reads are POSTs too; only mutations change anything.
        let writes = writes && (endpoint != "graphql" || cmd.flag_values(&["-f", "-F", "--field", "--raw-field"]).any(|v| v.text.contains("mutation")));
        return writes.then(|| Hit::command().with_message(format!("`{} api {endpoint}` sends a write request to the forge API", cmd.name)));
    }
    if cmd.name == "hub" && ["merge", "close"].contains(&first) {
        return Some(Hit::command().with_message(format!("`hub {first}` acts on the remote repository")));
    }
    let (_, acts) = ACTIONS.iter().find(|(g, _)| *g == first)?;
    acts.contains(&second).then(|| {
        let target = pos.get(2).map_or_else(String::new, |t| format!(" {t}"));
        Hit::command().with_message(format!("`{} {first} {second}{target}` acts on the forge where others see it", cmd.name))
    })
}
