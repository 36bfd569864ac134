//! A runtime started on code named by URL or fetched module path: `deno run
//! https://…`, `uv run https://…/script.py`, `go run module@version` of a
//! module that is not a well-known tool, `nix run github:…`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "RCE008",
    name: "remote-module-run",
    category: Category::RemoteCode,
    decision: Decision::Ask,
    commands: &["deno", "uv", "go", "nix", "bun", "node", "pipx", "java", "jbang"],
    summary: "runs a program straight from a URL or remote module",
    why: "The code is fetched and run in one step, unread, with the user's rights.",
    check,
    fires: &[
        "deno run -A https://example.com/x.ts",
        "deno run --allow-all npm:some-pkg",
        "uv run https://example.com/script.py",
        "go run github.com/someone/tool@latest",
        "nix run github:someone/flake",
        "jbang https://example.com/App.java",
        "sudo deno run https://example.com/x.ts",
        "bun run https://example.com/x.ts",
    ],
    passes: &[
        "deno run main.ts",
        "uv run pytest",
        "go run ./cmd/server",
        "go run golang.org/x/tools/cmd/stringer@latest -type=Kind",
        "go run .",
        "nix run .#dev",
        "deno task dev",
    ],
};

/// Module prefixes of well-known Go developer tools.
const GO_TOOLS: &[&str] = &[
    "golang.org/x/",
    "github.com/golangci/",
    "honnef.co/go/tools",
    "mvdan.cc/",
    "github.com/golang/mock",
    "go.uber.org/mock",
    "google.golang.org/protobuf",
    "google.golang.org/grpc",
    "github.com/sqlc-dev/sqlc",
    "github.com/air-verse/air",
    "github.com/cosmtrek/air",
    "github.com/swaggo/swag",
    "entgo.io/ent",
    "github.com/99designs/gqlgen",
    "github.com/google/wire",
    "github.com/vektra/mockery",
    "github.com/go-delve/delve",
    "gotest.tools/gotestsum",
    "github.com/goreleaser/goreleaser",
    "github.com/a-h/templ",
    "github.com/bufbuild/buf",
    "github.com/pressly/goose",
    "github.com/golang-migrate/migrate",
    "github.com/oapi-codegen/oapi-codegen",
    "github.com/deepmap/oapi-codegen",
    "github.com/matryer/moq",
    "github.com/segmentio/golines",
    "github.com/fatih/gomodifytags",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let first = cmd.operands().next()?;
    let t = first.text.as_str();
    let hit = match cmd.name.as_str() {
        "deno" | "bun" if matches!(cmd.subcommand(), Some("run" | "install" | "x" | "eval")) || cmd.argv.subcommands.is_empty() => {
            first.is_url() || t.starts_with("npm:") && cmd.name == "deno"
        }
        "uv" if cmd.subcommand() == Some("run") => first.is_url(),
        "pipx" if cmd.subcommand() == Some("run") => first.is_url(),
        "go" if cmd.subcommand() == Some("run") => t.contains('@') && t.contains('.') && !t.starts_with('.') && !GO_TOOLS.iter().any(|p| t.starts_with(p)),
        "nix" if matches!(cmd.subcommand(), Some("run" | "shell" | "develop")) => {
            ["github:", "gitlab:", "git+", "https://", "tarball"].iter().any(|p| t.starts_with(p))
        }
        "jbang" | "java" | "node" => first.is_url(),
        _ => false,
    };
    hit.then(|| Hit::on(first).with_message(format!("`{}` runs `{}` fetched from the network", describe(cmd), t)))
}
