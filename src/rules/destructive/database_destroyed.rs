//! SQL `DROP`/`TRUNCATE`/unbounded `DELETE`/`UPDATE` sent through a database
//! client, `dropdb`, Redis `FLUSHALL`, MongoDB `dropDatabase`.
//!
//! Reads the statement text from the client's arguments, here-strings,
//! heredocs and `echo`/`printf` piped into it; this is SQL, not shell.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES017",
    name: "database-data-destroyed",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[
        "psql",
        "mysql",
        "mariadb",
        "sqlite3",
        "sqlite",
        "duckdb",
        "sqlcmd",
        "clickhouse-client",
        "clickhouse",
        "cockroach",
        "pgcli",
        "mycli",
        "usql",
        "cqlsh",
        "snowsql",
        "bq",
        "mongo",
        "mongosh",
        "redis-cli",
        "valkey-cli",
        "dropdb",
        "mysqladmin",
    ],
    summary: "drops or empties database tables through a database client",
    why: "Dropped or emptied tables are gone unless a backup exists, and the database may be shared or production.",
    check,
    fires: &[
        "bash -c \"psql -c 'DROP TABLE users'\"",
        "env PGPASSWORD=x psql -h db -c 'truncate events'",
        "psql -c \"DROP TABLE users\"",
        "psql -U postgres mydb -c 'delete from users'",
        "mysql -u root -e 'DROP DATABASE prod'",
        "sqlite3 app.db 'DELETE FROM sessions;'",
        "echo 'TRUNCATE TABLE orders;' | psql \"$DATABASE_URL\"",
        "psql mydb <<< 'drop schema public cascade'",
        "mysql shop -e 'UPDATE users SET password = NULL'",
        "dropdb prod",
        "redis-cli FLUSHALL",
        "redis-cli -h cache -n 2 flushdb",
        "echo FLUSHALL | redis-cli",
        "mongosh app --eval 'db.dropDatabase()'",
        "mysqladmin -u root drop shop",
        "sudo -u postgres psql -c 'ALTER TABLE users DROP COLUMN email'",
        "docker exec db psql -U app -c 'TRUNCATE events'",
    ],
    passes: &[
        "psql -c 'SELECT * FROM users'",
        "psql mydb -c \"DELETE FROM sessions WHERE expires < now()\"",
        "sqlite3 app.db '.tables'",
        "mysql -e 'UPDATE users SET active = 1 WHERE id = 3'",
        "redis-cli GET key",
        "psql -f migrations/001.sql",
        "dropdb --help",
    ],
};

fn check(cmd: &Command, cx: &Context<'_>) -> Option<Hit> {
    match cmd.name.as_str() {
        "dropdb" => {
            let db = cmd.operands().last()?;
            return Some(Hit::on(db).with_message(format!("`dropdb {}` deletes a database", db.text)));
        }
        "mysqladmin" => {
            let verb = cmd.args.iter().find(|a| a.text.eq_ignore_ascii_case("drop"))?;
            return Some(Hit::on(verb).with_message("`mysqladmin drop` deletes a database"));
        }
        "redis-cli" | "valkey-cli" => {
            let texts = statement_texts(cmd, cx);
            let verb = texts.iter().flat_map(|t| t.split_whitespace()).find(|w| w.eq_ignore_ascii_case("flushall") || w.eq_ignore_ascii_case("flushdb"))?;
            return Some(Hit::command().with_message(format!("`{} {verb}` deletes every key", cmd.name)));
        }
        _ => {}
    }
    let texts = statement_texts(cmd, cx);
    for text in &texts {
        if let Some(what) = mongo_drop(text).or_else(|| destructive_sql(text)) {
            return Some(Hit::command().with_message(format!("`{}` runs `{what}`", cmd.name)));
        }
    }
    None
}

/// Every text the client may run: arguments, here-strings, heredocs and
/// literal text piped in by `echo`/`printf`.
fn statement_texts(cmd: &Command, cx: &Context<'_>) -> Vec<String> {
    let mut out: Vec<String> = cmd.args.iter().map(|a| a.text.clone()).collect();
    match &cmd.stdin {
        Some(Input::HereString { word }) => out.push(word.text.clone()),
        Some(Input::Heredoc { body, .. }) => out.push(body.clone()),
        Some(Input::Pipe { .. }) => {
            for up in upstream(cx.script, cmd) {
                if matches!(up.name.as_str(), "echo" | "printf" | "cat") {
                    out.push(up.args.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" "));
                    if let Some(Input::Heredoc { body, .. }) = &up.stdin {
                        out.push(body.clone());
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// The first destructive statement in `text`, shortened for the message.
fn destructive_sql(text: &str) -> Option<String> {
    for stmt in text.split(';') {
        let upper = stmt.to_ascii_uppercase();
        let tokens: Vec<&str> = upper.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',').filter(|t| !t.is_empty()).collect();
        let Some(first) = tokens.first() else {
            continue;
        };
        let has = |t: &str| tokens.contains(&t);
        let hit = match *first {
            "DROP" => tokens.get(1).is_some_and(|o| {
                [
                    "TABLE",
                    "DATABASE",
                    "SCHEMA",
                    "VIEW",
                    "INDEX",
                    "USER",
                    "ROLE",
                    "KEYSPACE",
                    "COLLECTION",
                    "MATERIALIZED",
                    "TABLESPACE",
                    "OWNED",
                    "SEQUENCE",
                    "FUNCTION",
                    "TYPE",
                    "EXTENSION",
                    "TEMPORARY",
                ]
                .contains(o)
            }),
            "TRUNCATE" => true,
            "DELETE" => !has("WHERE") && tokens.len() >= 2,
            "UPDATE" => has("SET") && !has("WHERE"),
            "ALTER" => has("DROP"),
            _ => false,
        };
        if hit {
            let short: String = stmt.trim().chars().take(60).collect();
            return Some(short);
        }
    }
    None
}

fn mongo_drop(text: &str) -> Option<String> {
    let needles = ["dropDatabase(", ".drop(", "deleteMany({})", "remove({})", "dropCollection("];
    needles.iter().find(|n| text.contains(*n)).map(|_| text.trim().chars().take(60).collect())
}
