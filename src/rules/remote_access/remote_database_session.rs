//! A database client connected to another machine: `psql -h db.example.com`,
//! `mysql -h 10.0.3.7`, `redis-cli -h cache.prod`, `mongosh
//! mongodb://db.example.com`. Whatever it runs, it runs on that host's data
//! (POLICY.md: commands on other hosts). Local servers are the project's own.

use crate::rules::prelude::*;
use crate::rules::shared::transfer::{is_local_host, url_host};

pub(crate) static RULE: Rule = Rule {
    code: "RAC012",
    name: "remote-database-session",
    category: Category::RemoteAccess,
    decision: Decision::Ask,
    commands: &[
        "psql",
        "pg_dump",
        "pg_dumpall",
        "mysql",
        "mariadb",
        "mysqldump",
        "redis-cli",
        "valkey-cli",
        "keydb-cli",
        "mongosh",
        "mongo",
        "mongodump",
        "clickhouse-client",
        "cqlsh",
        "sqlcmd",
        "influx",
    ],
    summary: "opens a database session on another machine",
    why: "Queries and commands act on a shared or production server's data, which the task's workspace does not hold.",
    check,
    fires: &[
        "psql -h db.example.com -U app -d orders",
        "mysql -h 10.20.0.5 -u root -p shop",
        "redis-cli -h cache.example.net -p 6380",
        "mongosh mongodb://db.example.com:27017/app",
        "psql postgresql://app@db.example.com/orders -c 'select 1'",
        "pg_dumpall --host db.example.com > all.sql",
        "cqlsh cassandra.example.com 9042",
    ],
    passes: &[
        "psql -h localhost -U postgres -c 'select 1'",
        "mysql -u root -e 'show databases'",
        "redis-cli ping",
        "mongosh mongodb://127.0.0.1:27017/test",
        "psql \"$DATABASE_URL\" -c 'select 1'",
        "redis-cli -h redis -p 6379 ping",
    ],
};

/// Flags that name the server.
const HOST_FLAGS: &[&str] = &["-h", "--host", "--hostname", "-H", "-S", "--server"];

/// A literal host that is not this machine. Single-label names (`db`,
/// `redis`) are compose or cluster service names of the project's own stack.
fn remote(host: &str) -> bool {
    let h = host.trim_matches(['[', ']']).to_ascii_lowercase();
    !h.is_empty() && !h.starts_with('$') && !is_local_host(&h) && (h.contains('.') || h.contains(':'))
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    for (i, a) in cmd.args.iter().enumerate() {
        if a.dynamic {
            continue;
        }
        let t = a.text.as_str();
        let host = if HOST_FLAGS.contains(&t) {
            cmd.args.get(i + 1).filter(|v| !v.dynamic).map(|v| (v, v.text.clone()))
        } else if let Some(v) = HOST_FLAGS.iter().find_map(|f| t.strip_prefix(&format!("{f}="))) {
            Some((a, v.to_string()))
        } else if t.contains("://") {
            url_host(t).map(|h| (a, h))
        } else if cmd.name == "cqlsh" && i == 0 && !t.starts_with('-') {
            Some((a, t.to_string()))
        } else {
            None
        };
        if let Some((w, h)) = host.filter(|(_, h)| remote(h)) {
            return Some(Hit::on(w).with_message(format!("`{}` connects to the database server `{h}`", cmd.name)));
        }
    }
    None
}
