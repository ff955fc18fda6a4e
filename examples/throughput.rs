//! Throughput: pith's MB/s and pages/s on pages held in memory, beside the
//! parse-only baseline (html5ever parsing the same pages into RcDom), one
//! thread and several. Best of several rounds, to damp a noisy machine;
//! the baseline and pith's one-thread run alternate round by round, so a
//! change in the machine's load falls on both.
//! Usage: cargo run --release --example throughput -- [FOLDER] [--rounds N] [--threads N]
//! (FOLDER defaults to ../shared/data/aeb/html, else the fixtures).
//! `--only parse|extract` runs one stage only, once per round (for
//! callgrind and perf).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use html5ever::tendril::TendrilSink;
use pith::{Options, extract, input};
use rayon::prelude::*;

#[path = "../benches/pages.rs"]
mod pages;

struct Args {
    folder: PathBuf,
    rounds: usize,
    threads: usize,
    only: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        folder: pages::default_folder(),
        rounds: 5,
        threads: 2,
        only: None,
    };
    let mut rest = std::env::args().skip(1);
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--rounds" => args.rounds = value()?.parse().map_err(|e| format!("{e}"))?,
            "--threads" => args.threads = value()?.parse().map_err(|e| format!("{e}"))?,
            "--only" => args.only = Some(value()?),
            folder => args.folder = PathBuf::from(folder),
        }
    }
    Ok(args)
}

fn parse_only(texts: &[String]) {
    for text in texts {
        let dom =
            html5ever::parse_document(markup5ever_rcdom::RcDom::default(), Default::default())
                .one(text.as_str());
        black_box(dom);
    }
}

fn extract_all(pages: &[Vec<u8>], options: &Options) {
    for page in pages {
        black_box(extract(page, options).ok());
    }
}

fn timed(run: &mut impl FnMut()) -> Duration {
    let started = Instant::now();
    run();
    started.elapsed()
}

fn best_of(rounds: usize, mut run: impl FnMut()) -> Duration {
    (0..rounds.max(1))
        .map(|_| timed(&mut run))
        .min()
        .unwrap_or_default()
}

/// The best time of each of two runs, taken in alternating rounds, and the
/// median of the rounds' ratios (second over first).
fn best_of_alternating(
    rounds: usize,
    mut first: impl FnMut(),
    mut second: impl FnMut(),
) -> (Duration, Duration, f64) {
    let pairs: Vec<(Duration, Duration)> = (0..rounds.max(1))
        .map(|_| (timed(&mut first), timed(&mut second)))
        .collect();
    let best = |pick: fn(&(Duration, Duration)) -> Duration| {
        pairs.iter().map(pick).min().unwrap_or_default()
    };
    let mut ratios: Vec<f64> = pairs
        .iter()
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or_default();
    (best(|p| p.0), best(|p| p.1), median)
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let pages = pages::load_from(&args.folder);
    let texts: Vec<String> = pages
        .iter()
        .map(|p| input::decode(p).into_owned())
        .collect();
    // As `pith extract` writes text files: no metadata.
    let options = Options {
        timeout: None,
        metadata: false,
        ..Options::default()
    };
    match args.only.as_deref() {
        Some("parse") => {
            (0..args.rounds).for_each(|_| parse_only(&texts));
            return Ok(());
        }
        Some("extract") => {
            (0..args.rounds).for_each(|_| extract_all(&pages, &options));
            return Ok(());
        }
        Some(other) => return Err(format!("--only parse|extract, not {other}")),
        None => {}
    }
    let bytes = pages.iter().map(Vec::len).sum::<usize>() as f64;
    let count = pages.len() as f64;
    let report = |name: &str, time: Duration| {
        let seconds = time.as_secs_f64();
        println!(
            "{name:<28} {:>8.1} MB/s {:>8.0} pages/s",
            bytes / 1e6 / seconds,
            count / seconds
        );
        seconds
    };
    println!(
        "{} pages, {:.1} MB, best of {} rounds",
        pages.len(),
        bytes / 1e6,
        args.rounds
    );
    let (parse, one, median_ratio) = best_of_alternating(
        args.rounds,
        || parse_only(&texts),
        || extract_all(&pages, &options),
    );
    let parse = report("parse only (html5ever→RcDom)", parse);
    let one = report("pith extract, 1 thread", one);
    let with_metadata = Options {
        metadata: true,
        ..options.clone()
    };
    report(
        "  + metadata, language id",
        best_of(args.rounds, || extract_all(&pages, &with_metadata)),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .map_err(|e| e.to_string())?;
    let many = best_of(args.rounds, || {
        pool.install(|| {
            pages.par_iter().for_each(|page| {
                black_box(extract(page, &options).ok());
            })
        })
    });
    let many = report(&format!("pith extract, {} threads", args.threads), many);
    println!("pith / parse-only, 1 thread: {:.2}×", parse / one);
    println!("  median of the rounds' ratios: {median_ratio:.2}×");
    println!(
        "{} threads / 1 thread:        {:.2}×",
        args.threads,
        one / many
    );
    Ok(())
}
