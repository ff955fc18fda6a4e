//! Criterion benchmarks of each stage (decode, parse with pruning, segment,
//! score, render) and of the whole of `pith::extract` (without, then with
//! metadata and language identification) over the AEB pages
//! held in memory (one thread), beside the parse-only baseline (html5ever
//! into RcDom) on the same text. Falls back to the fixtures when ../shared
//! is absent.
//! Run: cargo bench --bench extract

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use html5ever::tendril::TendrilSink;
use pith::budget::Budget;
use pith::{Favor, Options, blocks, dom, input, metadata, output, scoring};

#[path = "pages.rs"]
mod pages;

fn bench(c: &mut Criterion) {
    let pages = pages::load();
    let texts: Vec<String> = pages
        .iter()
        .map(|p| input::decode(p).into_owned())
        .collect();
    let bytes: u64 = pages.iter().map(|p| p.len() as u64).sum();
    // As `pith extract` writes text: no metadata (measured on its own below).
    let options = Options {
        metadata: false,
        ..Options::default()
    };
    let with_metadata = Options::default();
    let mut group = c.benchmark_group("aeb");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("parse_only_rcdom", |b| {
        b.iter(|| {
            for text in &texts {
                let parsed = html5ever::parse_document(
                    markup5ever_rcdom::RcDom::default(),
                    Default::default(),
                )
                .one(text.as_str());
                black_box(parsed);
            }
        })
    });
    group.bench_function("decode", |b| {
        b.iter(|| pages.iter().map(|p| input::decode(p).len()).sum::<usize>())
    });
    group.bench_function("parse_prune", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| dom::parse(t, &Budget::unlimited()).map_or(0, |d| d.nodes.len()))
                .sum::<usize>()
        })
    });
    let doms: Vec<dom::Dom> = texts
        .iter()
        .filter_map(|t| dom::parse(t, &Budget::unlimited()).ok())
        .collect();
    group.bench_function("segment", |b| {
        b.iter(|| doms.iter().map(|d| blocks::segment(d).len()).sum::<usize>())
    });
    let segmented: Vec<Vec<blocks::Block>> = doms.iter().map(blocks::segment).collect();
    let types: Vec<Vec<String>> = doms
        .iter()
        .map(|d| {
            metadata::LinkedData::parse(&d.meta.declarations.json_ld)
                .types()
                .to_vec()
        })
        .collect();
    group.bench_function("score", |b| {
        b.iter(|| {
            doms.iter()
                .zip(&segmented)
                .zip(&types)
                .map(|((d, bl), ty)| {
                    scoring::select(d, bl, ty, Favor::Balanced, scoring::Detail::Verdicts)
                        .kept()
                        .count()
                })
                .sum::<usize>()
        })
    });
    let selections: Vec<scoring::Selection> = doms
        .iter()
        .zip(&segmented)
        .zip(&types)
        .map(|((d, bl), ty)| scoring::select(d, bl, ty, Favor::Balanced, scoring::Detail::Verdicts))
        .collect();
    group.bench_function("render", |b| {
        b.iter(|| {
            segmented
                .iter()
                .zip(&selections)
                .map(|(bl, s)| output::render_body(bl, s.kept()).len())
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for page in &pages {
                let _ = black_box(pith::extract(page, &options));
            }
        })
    });
    group.bench_function("extract_metadata", |b| {
        b.iter(|| {
            for page in &pages {
                let _ = black_box(pith::extract(page, &with_metadata));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
