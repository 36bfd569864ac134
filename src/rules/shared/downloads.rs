//! What the remote-code rules share: where a command's code comes from
//! (a download upstream), which files a script downloaded, and the curated
//! list of well-known developer tools that one-shot runners may fetch.

use crate::ir::{Command, Script, Word};
use crate::rules::shared::transfer::{DOWNLOADERS, data_sources, is_downloader, opt_values, url_host};

/// The first downloader among the commands whose output reaches `cmd`
/// through its stdin or through words `counts` accepts.
pub(crate) fn downloader_upstream<'a>(script: &'a Script, cmd: &Command, counts: impl Fn(&Word) -> bool) -> Option<&'a Command> {
    data_sources(script, cmd, counts).into_iter().filter_map(|i| script.commands.get(i)).find(|c| is_downloader(c) && !writes_to_file(c))
}

/// The first downloader whose output is substituted into words `counts`
/// accepts (not what arrives on stdin).
pub(crate) fn downloader_in_words<'a>(script: &'a Script, cmd: &Command, counts: impl Fn(&Word) -> bool) -> Option<&'a Command> {
    let mut ids: Vec<usize> = cmd.words().filter(|w| counts(w)).flat_map(|w| w.sources.iter().copied()).collect();
    let direct = ids.clone();
    for id in direct {
        ids.extend(script.upstream(id));
    }
    ids.into_iter().filter_map(|i| script.commands.get(i)).find(|c| is_downloader(c) && !writes_to_file(c))
}

/// True when a downloader saves to a file rather than printing (`curl -o f`, `wget URL`).
pub(crate) fn writes_to_file(cmd: &Command) -> bool {
    match cmd.name.as_str() {
        "curl" | "curlie" => {
            opt_values(cmd, &["-o", "--output"]).iter().any(|w| w.text != "-") || cmd.has_any_flag(&["-O", "--remote-name", "--remote-name-all"])
        }
        "wget" | "wget2" => !opt_values(cmd, &["-O", "--output-document"]).iter().any(|w| w.text == "-" || w.text == "/dev/stdout"),
        "aria2c" | "lwp-download" => true,
        _ => false,
    }
}

/// File names a downloader saves to, as written and as a basename.
pub(crate) fn downloaded_names(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    if !(DOWNLOADERS.contains(&cmd.name.as_str()) || cmd.name == "gh" && cmd.is_sub(&["release", "download"])) {
        return out;
    }
    for w in opt_values(cmd, &["-o", "--output", "-O", "--output-document", "--out"]) {
        if w.text != "-" && !w.text.is_empty() {
            out.push(w.text.clone());
        }
    }
    let dir = opt_values(cmd, &["-P", "--directory-prefix", "--output-dir", "-d", "--dir"]).first().map(|w| w.text.trim_end_matches('/').to_string());
    let names_from_url = match cmd.name.as_str() {
        "curl" | "curlie" => cmd.has_any_flag(&["-O", "--remote-name", "--remote-name-all"]),
        "wget" | "wget2" | "aria2c" | "lwp-download" => out.is_empty(),
        _ => false,
    };
    if names_from_url {
        for w in cmd.args.iter().filter(|w| w.is_url()) {
            let path = w.text.split(['?', '#']).next().unwrap_or_default();
            let after_host = path.find("://").map_or(path, |i| &path[i + 3..]);
            if let Some((_, p)) = after_host.split_once('/') {
                if let Some(name) = p.rsplit('/').next().filter(|n| !n.is_empty()) {
                    out.push(dir.as_ref().map_or_else(|| name.to_string(), |d| format!("{d}/{name}")));
                }
            }
        }
    }
    for r in cmd.redirects.iter().filter(|r| r.op.writes() && r.fd.is_none_or(|f| f == 1)) {
        out.push(r.target.text.clone());
    }
    out
}

/// The last path component, without a leading `./`.
pub(crate) fn base(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// A package spec without its version or extras: `@a/b@1` -> `@a/b`, `ruff==0.4` -> `ruff`.
pub(crate) fn package_name(spec: &str) -> String {
    let (scope, rest) = match spec.strip_prefix('@') {
        Some(r) => ("@", r),
        None => ("", spec),
    };
    let end = rest.find(['@', '=', '<', '>', '~', '!', '[', ';', ' ']).unwrap_or(rest.len());
    format!("{scope}{}", &rest[..end]).to_ascii_lowercase()
}

/// True when a package spec names a URL, a git repository or a local path
/// instead of a registry package.
pub(crate) fn off_registry(spec: &str, github_shorthand: bool) -> bool {
    let s = spec.to_ascii_lowercase();
    ["git+", "git:", "git://", "github:", "gitlab:", "bitbucket:", "gist:", "http://", "https://", "hg+", "svn+", "bzr+", "ssh://", "ftp://"]
        .iter()
        .any(|p| s.starts_with(p))
        || s.contains(" @ ") && (s.contains("://") || s.contains("git+"))
        || s.contains("@git+") || s.contains("@https://") || s.contains("@http://")
        // `user/repo` is GitHub shorthand for npm (scoped packages start with `@`).
        || github_shorthand && !s.starts_with(['@', '.', '/', '~']) && s.split('/').count() == 2 && !s.contains(':') && !s.ends_with(".tgz") && !s.ends_with(".whl") && !s.contains("==")
}

/// True when the URL's host is a default registry, which is no custom index.
pub(crate) fn default_registry(url: &str) -> bool {
    url_host(url).is_some_and(|h| {
        matches!(
            h.as_str(),
            "pypi.org"
                | "pypi.python.org"
                | "files.pythonhosted.org"
                | "registry.npmjs.org"
                | "registry.yarnpkg.com"
                | "rubygems.org"
                | "index.crates.io"
                | "crates.io"
                | "conda.anaconda.org"
                | "repo.anaconda.com"
        )
    })
}

/// Developer tools that one-shot runners (`npx`, `pnpm dlx`, `bunx`, `uvx`,
/// `pipx run`) commonly fetch; running them is routine.
pub(crate) const WELL_KNOWN_TOOLS: &[&str] = &[
    // JavaScript / TypeScript
    "prettier",
    "eslint",
    "tsc",
    "typescript",
    "ts-node",
    "tsx",
    "jest",
    "vitest",
    "mocha",
    "ava",
    "c8",
    "nyc",
    "playwright",
    "@playwright/test",
    "cypress",
    "webpack",
    "webpack-cli",
    "vite",
    "rollup",
    "esbuild",
    "parcel",
    "babel",
    "@babel/cli",
    "next",
    "nuxi",
    "nuxt",
    "create-react-app",
    "create-next-app",
    "create-vite",
    "create-svelte",
    "sv",
    "create-astro",
    "astro",
    "create-vue",
    "@vue/cli",
    "@angular/cli",
    "ng",
    "create-expo-app",
    "expo",
    "react-native",
    "@react-native-community/cli",
    "nx",
    "create-nx-workspace",
    "turbo",
    "create-turbo",
    "lerna",
    "husky",
    "lint-staged",
    "@commitlint/cli",
    "commitlint",
    "prisma",
    "@prisma/client",
    "drizzle-kit",
    "sequelize-cli",
    "typeorm",
    "knex",
    "storybook",
    "@storybook/cli",
    "serve",
    "http-server",
    "nodemon",
    "concurrently",
    "rimraf",
    "cross-env",
    "npm-check-updates",
    "ncu",
    "depcheck",
    "knip",
    "tailwindcss",
    "@tailwindcss/cli",
    "postcss",
    "postcss-cli",
    "stylelint",
    "svgo",
    "sass",
    "less",
    "wrangler",
    "vercel",
    "netlify-cli",
    "firebase-tools",
    "electron",
    "electron-builder",
    "@biomejs/biome",
    "biome",
    "oxlint",
    "tsup",
    "unbuild",
    "shadcn",
    "shadcn-ui",
    "semantic-release",
    "@changesets/cli",
    "changeset",
    "markdownlint-cli",
    "markdownlint-cli2",
    "openapi-typescript",
    "@openapitools/openapi-generator-cli",
    "json-server",
    "vue-tsc",
    "svelte-check",
    "typedoc",
    "size-limit",
    "publint",
    "@arethetypeswrong/cli",
    "attw",
    "only-allow",
    "npm",
    "pnpm",
    "yarn",
    "corepack",
    "node-gyp",
    "patch-package",
    "@nestjs/cli",
    "nest",
    "@redocly/cli",
    "redoc-cli",
    "@stoplight/spectral-cli",
    "license-checker",
    "madge",
    "ts-prune",
    "jscodeshift",
    "@next/codemod",
    "degit",
    "create-remix",
    "create-t3-app",
    "create-qwik",
    "create-solid",
    "create-docusaurus",
    "@docusaurus/init",
    "create-strapi-app",
    "create-payload-app",
    "gatsby-cli",
    "gatsby",
    "@sveltejs/kit",
    "svelte-kit",
    "@medusajs/medusa-cli",
    "eas-cli",
    "pod-install",
    "node",
    "vue-cli-service",
    "react-scripts",
    "jsdoc",
    "standard",
    "xo",
    "stylelint-config-standard",
    "html-validate",
    "pa11y",
    "lighthouse",
    "@lhci/cli",
    "wait-on",
    "kill-port",
    "dotenv-cli",
    "env-cmd",
    "tsc-watch",
    "ts-jest",
    "vite-node",
    "@vitest/ui",
    "msw",
    "graphql-codegen",
    "@graphql-codegen/cli",
    "supabase",
    "convex",
    "@angular-devkit/schematics-cli",
    "mint",
    "mintlify",
    "@mermaid-js/mermaid-cli",
    "mmdc",
    "@marp-team/marp-cli",
    "sort-package-json",
    "syncpack",
    "@manypkg/cli",
    "@vercel/ncc",
    "pkg",
    "verdaccio",
    "sequelize",
    "ts-node-dev",
    "cap",
    "@capacitor/cli",
    "hardhat",
    "truffle",
    "solhint",
    "eas",
    "webpack-dev-server",
    "docusaurus",
    "sb",
    "remix",
    "esno",
    "kysely",
    "mikro-orm",
    "@mikro-orm/cli",
    "cdk",
    "aws-cdk",
    "serverless",
    "sls",
    "vue",
    "create-expo",
    "create-react-native-app",
    "tsdx",
    "microbundle",
    "release-it",
    "np",
    "standard-version",
    "conventional-changelog-cli",
    "cz",
    "git-cz",
    "jest-cli",
    "puppeteer",
    "live-server",
    "browser-sync",
    "lite-server",
    // Python
    "ruff",
    "black",
    "isort",
    "flake8",
    "mypy",
    "pyright",
    "basedpyright",
    "ty",
    "pylint",
    "pytest",
    "tox",
    "nox",
    "pre-commit",
    "cookiecutter",
    "copier",
    "poetry",
    "hatch",
    "pdm",
    "build",
    "twine",
    "pip-tools",
    "pip-audit",
    "bandit",
    "safety",
    "httpie",
    "jupyter",
    "jupyterlab",
    "notebook",
    "ipython",
    "sqlfluff",
    "yamllint",
    "codespell",
    "mkdocs",
    "sphinx",
    "pyupgrade",
    "autoflake",
    "autopep8",
    "docformatter",
    "vulture",
    "radon",
    "coverage",
    "interrogate",
    "datasette",
    "commitizen",
    "pycln",
    "uv",
    "pipdeptree",
    "pip",
    "wheel",
    "setuptools",
    "cibuildwheel",
    "maturin",
    "django-admin",
    "django",
    "flask",
    "alembic",
    "pylsp",
    "python-lsp-server",
    "ansible-lint",
    "cfn-lint",
    "checkov",
    "semgrep",
    "deptry",
    "pydocstyle",
    "blacken-docs",
    "mdformat",
    "nbqa",
    "jupytext",
    "nbstripout",
    "pyinstaller",
    "grip",
    "rich-cli",
    "tomlkit",
    "yq",
    "jq",
];

/// True for a well-known tool, by package or command name.
pub(crate) fn well_known(spec: &str) -> bool {
    WELL_KNOWN_TOOLS.contains(&package_name(spec).as_str())
}
