//! Criterion benches of each stage and of the whole classifier, over the
//! commands of `tests/corpus/*.tsv` (written by this project). Each stage is
//! timed on its own, with the previous stages done outside the timed loop.
//! Group `pathological` times the whole classifier on each input of
//! `riskgate::pathological` (issue 7's bound: at most 100 ms each).
//! Group `languages` times code handed to an interpreter (issue 19's bound:
//! a 200-line Python heredoc in at most 2 ms) next to a command with no
//! interpreter code, which never reaches a language front end.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use riskgate::ir::{Env, lower};
use riskgate::model::Model;
use riskgate::{Classifier, Request, parse, rules};

fn corpus() -> Vec<String> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("tests/corpus").expect("tests/corpus").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("corpus file");
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            if let Some(cmd) = line.splitn(3, '\t').nth(2) {
                out.push(cmd.replace("\\n", "\n"));
            }
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let commands = corpus();
    let env = Env::default();
    let n = commands.len() as u64;
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Elements(n));
    g.bench_function("parse", |b| b.iter(|| commands.iter().map(|c| parse::parse(black_box(c)).errors.len()).sum::<usize>()));
    let parsed: Vec<_> = commands.iter().map(|c| parse::parse(c)).collect();
    g.bench_function("lower", |b| b.iter(|| parsed.iter().map(|p| lower(black_box(p), &env).commands.len()).sum::<usize>()));
    let scripts: Vec<_> = parsed.iter().map(|p| lower(p, &env)).collect();
    g.bench_function("rules", |b| b.iter(|| scripts.iter().map(|s| rules::run(black_box(s), &env, &[]).len()).sum::<usize>()));
    let model = Model::embedded().expect("embedded model");
    let hits: Vec<_> = scripts.iter().map(|s| rules::run(s, &env, &[])).collect();
    g.bench_function("model", |b| {
        b.iter(|| scripts.iter().zip(&hits).map(|(s, h)| model.score(black_box(s), h).map(|o| o.risky()).unwrap_or(0.0)).sum::<f32>())
    });
    g.finish();

    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::Elements(n));
    let classifier = Classifier::default();
    g.bench_function("classify", |b| {
        b.iter(|| commands.iter().filter(|c| classifier.classify(&Request::new(black_box(c.as_str()))).decision.escalates()).count())
    });
    g.finish();

    let mut g = c.benchmark_group("startup");
    g.bench_function("model_load", |b| b.iter(|| Model::embedded().map(|m| m.manifest.vocab)));
    g.finish();
}

fn pathological(c: &mut Criterion) {
    let classifier = Classifier::default();
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    for p in riskgate::pathological::inputs() {
        g.bench_function(p.name, |b| b.iter(|| classifier.classify(&Request::new(black_box(p.command.as_str()))).decision));
    }
    g.finish();
}

/// A 200-line Python script of the kind agents feed to `python3 - <<EOF`:
/// imports, functions, loops, file reads and writes in the workspace, a
/// subprocess call.
fn python_heredoc() -> String {
    let mut code = String::from("import json, os, subprocess, csv\nfrom pathlib import Path\n\n");
    let mut i = 0;
    while code.lines().count() < 196 {
        code.push_str(&format!(
            "def step_{i}(rows, out='reports/step_{i}.json'):\n    total = sum(float(r.get('v', 0)) for r in rows)\n    data = {{'step': {i}, 'total': total, 'name': 'step' + str({i})}}\n    with open(os.path.join('reports', f'step_{i}.json'), 'w') as f:\n        json.dump(data, f)\n    return total\n\n"
        ));
        i += 1;
    }
    code.push_str("rows = list(csv.DictReader(open('data.csv')))\nsubprocess.run(['git', 'diff', '--name-only'])\nprint(step_0(rows))\n");
    format!("python3 - <<'EOF'\n{code}EOF")
}

fn languages(c: &mut Criterion) {
    let env = Env::default();
    let classifier = Classifier::default();
    let heredoc = python_heredoc();
    let mut g = c.benchmark_group("languages");
    let code = heredoc.split_once('\n').and_then(|(_, rest)| rest.strip_suffix("EOF")).unwrap_or_default();
    g.bench_function("front_end/python_200_lines", |b| {
        b.iter(|| riskgate::ir::lang::analyse(riskgate::ir::spec::Language::Python, black_box(code)).map(|f| f.lines.len()))
    });
    for (name, command) in [("python_heredoc_200_lines", heredoc.as_str()), ("no_interpreter_code", "ls -l src/ir && git diff --stat HEAD~1")] {
        let parsed = parse::parse(command);
        g.bench_function(format!("lower/{name}"), |b| b.iter(|| lower(black_box(&parsed), &env).commands.len()));
        g.bench_function(format!("classify/{name}"), |b| b.iter(|| classifier.classify(&Request::new(black_box(command))).decision));
    }
    g.finish();
}

criterion_group!(benches, stages, pathological, languages);
criterion_main!(benches);
