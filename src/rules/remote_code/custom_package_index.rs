//! A package manager pointed at a registry other than the default one:
//! index options not covered by the specs, `PIP_INDEX_URL=…` and similar
//! variables, `pip config set global.index-url`, `npm config set registry`,
//! `poetry source add`, `conda -c URL`.

use crate::rules::prelude::*;
use crate::rules::shared::downloads::default_registry;
use crate::rules::shared::transfer::{has_seq, opt_values};

pub(crate) static RULE: Rule = Rule {
    code: "RCE005",
    name: "custom-package-index",
    category: Category::RemoteCode,
    decision: Decision::Ask,
    commands: &["pip", "pip3", "uv", "pipx", "poetry", "pdm", "conda", "mamba", "micromamba", "npm", "pnpm", "yarn", "bun", "gem", "bundle", "cargo"],
    summary: "installs packages from a non-default registry",
    why: "A custom index can serve any code under a familiar package name.",
    check,
    fires: &[
        "PIP_INDEX_URL=https://pypi.example.com/simple pip install internal-lib",
        "PIP_EXTRA_INDEX_URL=https://x.example.com/simple pip install foo",
        "UV_INDEX_URL=https://x.example.com uv pip install foo",
        "npm_config_registry=https://npm.example.com npm install foo",
        "pip config set global.index-url https://x.example.com/simple",
        "npm config set registry https://npm.example.com",
        "yarn config set npmRegistryServer https://npm.example.com",
        "poetry source add private https://x.example.com/simple",
        "conda install -c https://conda.example.com/channel foo",
        "sudo env PIP_INDEX_URL=https://x.example.com pip install foo",
    ],
    passes: &[
        "pip install foo",
        "npm config set fund false",
        "pip config list",
        "conda install -c conda-forge numpy",
        "npm config set registry https://registry.npmjs.org/",
    ],
};

const INDEX_VARS: &[&str] = &[
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    "PIP_FIND_LINKS",
    "UV_INDEX_URL",
    "UV_EXTRA_INDEX_URL",
    "UV_INDEX",
    "UV_DEFAULT_INDEX",
    "UV_FIND_LINKS",
    "NPM_CONFIG_REGISTRY",
    "YARN_REGISTRY",
    "YARN_NPM_REGISTRY_SERVER",
    "POETRY_REPOSITORIES",
    "CARGO_REGISTRIES",
    "GEM_SOURCE",
    "BUNDLE_MIRROR",
    "PDM_PYPI_URL",
    "CONDA_CHANNELS",
];

fn custom(url: &str) -> bool {
    (url.contains("://") || url.contains('.')) && !default_registry(url)
}

fn check(cmd: &Command, _cx: &Context<'_>) -> Option<Hit> {
    if let Some(a) = cmd
        .env
        .iter()
        .find(|a| INDEX_VARS.iter().any(|v| a.name.eq_ignore_ascii_case(v) || a.name.to_ascii_uppercase().starts_with(v)) && custom(&a.value.text))
    {
        return Some(Hit::on(&a.value).with_message(format!("`{}` installs from the index `{}`", cmd.name, a.value.text)));
    }
    let setting = |keys: &[&str]| {
        cmd.operands()
            .collect::<Vec<_>>()
            .windows(2)
            .find(|p| keys.iter().any(|k| p[0].text.to_ascii_lowercase().ends_with(k)) && custom(&p[1].text))
            .map(|p| p[1].clone())
    };
    let w = match cmd.name.as_str() {
        "pip" | "pip3" if cmd.is_sub(&["config", "set"]) || has_seq(cmd, &["config", "set"]) => setting(&["index-url", "extra-index-url", "find-links"]),
        "npm" | "pnpm" | "yarn" | "bun" if has_seq(cmd, &["config", "set"]) || cmd.is_sub(&["config", "set"]) => setting(&["registry", "npmregistryserver"]),
        "poetry" if has_seq(cmd, &["source", "add"]) => cmd.operands().find(|w| custom(&w.text) && w.text.contains("://")).cloned(),
        "conda" | "mamba" | "micromamba" => opt_values(cmd, &["-c", "--channel"]).into_iter().find(|w| w.text.contains("://") && custom(&w.text)),
        "bundle" if has_seq(cmd, &["config", "set"]) || has_seq(cmd, &["config"]) => setting(&["mirror.https://rubygems.org", "mirror"]),
        _ => None,
    }?;
    Some(Hit::on(&w).with_message(format!("`{}` is pointed at the registry `{}`", describe(cmd), w.text)))
}
