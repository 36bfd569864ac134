//! Framework commands that drop or wipe the application's database:
//! `manage.py flush`, `prisma migrate reset`, `rake db:drop`,
//! `artisan migrate:fresh`, `mix ecto.reset`, `sequelize db:drop`.

use crate::rules::prelude::*;

pub(crate) static RULE: Rule = Rule {
    code: "DES025",
    name: "framework-database-reset",
    category: Category::Destructive,
    decision: Decision::Ask,
    commands: &[
        "@python",
        "npx",
        "pnpm",
        "yarn",
        "bunx",
        "prisma",
        "rake",
        "bundle",
        "rails",
        "php",
        "artisan",
        "mix",
        "sequelize",
        "sequelize-cli",
        "knex",
        "uv",
        "poetry",
    ],
    summary: "drops or wipes the application's database through its framework",
    why: "Every row in the database is deleted; if it points at a shared or production database, the data is gone.",
    check,
    fires: &[
        "sudo -u app python3 manage.py flush --no-input",
        "bash -c 'npx prisma migrate reset -f --skip-seed'",
        "python manage.py flush --no-input",
        "python3 manage.py reset_db",
        "npx prisma migrate reset -f --skip-generate",
        "npx prisma db push --force-reset",
        "bundle exec rake db:drop",
        "php artisan migrate:fresh --force",
        "php artisan db:wipe",
        "mix ecto.reset",
        "npx sequelize-cli db:drop",
        "uv run python manage.py flush",
        "rails db:reset",
    ],
    passes: &[
        "python manage.py migrate",
        "npx prisma migrate dev",
        "php artisan migrate --pretend",
        "mix ecto.migrate",
        "bundle exec rake db:migrate",
        "python manage.py test",
    ],
};

const RESETS: &[&str] = &[
    "flush",
    "reset_db",
    "sqlflush",
    "db:drop",
    "db:reset",
    "db:purge",
    "db:schema:load",
    "migrate:fresh",
    "migrate:reset",
    "db:wipe",
    "ecto.drop",
    "ecto.reset",
    "migrate:rollback",
];

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    let words: Vec<&str> = cmd.args.iter().map(|a| a.text.as_str()).collect();
    let prisma = words.windows(3).any(|w| w[0] == "prisma" && w[1] == "migrate" && w[2] == "reset")
        || cmd.name == "prisma" && words.starts_with(&["migrate", "reset"])
        || words.contains(&"--force-reset") && (words.contains(&"prisma") || cmd.name == "prisma");
    if prisma {
        return Some(Hit::command().with_message("`prisma` resets the database, deleting every row"));
    }
    let django = words.iter().any(|w| w.ends_with("manage.py"));
    let verb = words.iter().find(|w| {
        RESETS.contains(w) && (**w != "flush" && **w != "reset_db" && **w != "sqlflush" || django) && (**w != "migrate:rollback" || words.contains(&"--all"))
    })?;
    Some(Hit::command().with_message(format!("`{verb}` drops or wipes the application's database")))
}
