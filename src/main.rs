//! The `pith` command line: a thin layer over the library's batch driver.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pith::batch::{self, BatchConfig};
use pith::{Favor, Options, input};

/// pith: turns raw web pages into the clean plain text of their article.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the title and article text of pages.
    ///
    /// A file is one page (.html, .htm, .xhtml, .shtml, optionally .gz); a
    /// folder is walked recursively for pages; `-` reads one page from stdin.
    /// One page without -o prints its text; with -o each page is written to
    /// OUT_DIR/<path relative to its input folder>.txt.
    ///
    /// Example: pith extract fixtures/pages -o /tmp/out
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Pages, folders of pages, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Folder to write `<name>.txt` files into (required for several pages).
    #[arg(short, long, value_name = "OUT_DIR")]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Write the body alone, without the title line (as benchmarks score it).
    #[arg(long)]
    no_title: bool,
    /// Trade-off between dropping doubtful blocks and keeping them.
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    favor: FavorArg,
    /// Refuse pages larger than this many bytes (after gunzip).
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_bytes)]
    max_bytes: usize,
    /// Time allowed per page in milliseconds; a page over it becomes an
    /// error line and the batch goes on. 0 allows any time.
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_TIMEOUT_MS)]
    timeout_ms: u64,
    /// Leave pages whose output file already exists (resumes a batch).
    #[arg(long)]
    skip_existing: bool,
}

/// The library's default per-page budget, in milliseconds.
const DEFAULT_TIMEOUT_MS: u64 = 10_000;

#[derive(Clone, Copy, ValueEnum)]
enum FavorArg {
    /// Drop short edge blocks and every boilerplate phrase.
    Precision,
    /// The default balance.
    Balanced,
    /// Keep doubtful short blocks around the article.
    Recall,
}

impl From<FavorArg> for Favor {
    fn from(arg: FavorArg) -> Favor {
        match arg {
            FavorArg::Precision => Favor::Precision,
            FavorArg::Balanced => Favor::Balanced,
            FavorArg::Recall => Favor::Recall,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("pith: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs `pith extract`; returns whether every page succeeded.
fn extract(args: ExtractArgs) -> Result<bool> {
    let options = Options {
        favor: args.favor.into(),
        max_bytes: args.max_bytes,
        timeout: (args.timeout_ms > 0).then(|| Duration::from_millis(args.timeout_ms)),
    };
    let (sources, list_errors) = input::list_sources(&args.inputs);
    for err in &list_errors {
        eprintln!("pith: {}: {}", err.path.display(), err.reason);
    }
    let Some(out_dir) = args.output else {
        let [source] = sources.as_slice() else {
            if sources.is_empty() {
                bail!("no pages found in the inputs");
            }
            bail!(
                "{} pages found: give -o OUT_DIR to write one .txt per page",
                sources.len()
            );
        };
        let text = batch::process_page(&source.path, !args.no_title, &options)
            .with_context(|| format!("{}", source.path.display()))?;
        std::io::stdout()
            .write_all(text.as_bytes())
            .context("writing to stdout")?;
        return Ok(list_errors.is_empty());
    };
    let config = BatchConfig {
        out_dir,
        threads: args.jobs,
        include_title: !args.no_title,
        skip_existing: args.skip_existing,
        options,
    };
    let progress = progress_bar(sources.len() as u64);
    let summary = batch::run(&sources, &config, |source, outcome| {
        if let Err(err) = outcome {
            progress.suspend(|| eprintln!("pith: {}: {err}", source.path.display()));
        }
        progress.inc(1);
    })
    .context("starting worker threads")?;
    progress.finish_and_clear();
    eprintln!(
        "pith: {} pages, {} skipped, {:.1} MB, {} errors, {:.2} s, {:.1} MB/s",
        summary.pages,
        summary.skipped,
        summary.bytes as f64 / 1e6,
        summary.errors + list_errors.len(),
        summary.elapsed.as_secs_f64(),
        summary.megabytes_per_second()
    );
    Ok(summary.errors == 0 && list_errors.is_empty())
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
