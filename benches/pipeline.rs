//! Criterion benches of each stage and of the whole classifier, over the
//! commands of `tests/corpus/*.tsv` (written by this project). Each stage is
//! timed on its own, with the previous stages done outside the timed loop.
//! Group `pathological` times the whole classifier on each input of
//! `riskgate::pathological` (issue 7's bound: at most 100 ms each).

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

criterion_group!(benches, stages, pathological);
criterion_main!(benches);
