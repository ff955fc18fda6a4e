//! Batch: the parallel driver. Pages stream through a rayon pool (each is
//! read, extracted and written inside its task, so the batch is never held
//! in memory), outputs are written atomically, and every page ends as an
//! output file or a reported error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::input::{self, Source};
use crate::{Error, Options, extract};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Where `<relative path>.txt` files go.
    pub out_dir: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Whether each text starts with the title line.
    pub include_title: bool,
    /// Leave pages whose output already exists (to resume a batch).
    pub skip_existing: bool,
    pub options: Options,
}

/// What a batch did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Pages listed, skipped ones included.
    pub pages: usize,
    /// Pages left alone because their output existed.
    pub skipped: usize,
    pub bytes: u64,
    pub errors: usize,
    pub elapsed: Duration,
}

impl Summary {
    /// Input megabytes (10^6 bytes) per second of wall time.
    pub fn megabytes_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.bytes as f64 / 1e6 / seconds
        } else {
            0.0
        }
    }
}

/// Reads one page and extracts its text, rendered for output.
pub fn process_page(path: &Path, include_title: bool, options: &Options) -> Result<String, Error> {
    let bytes = input::read_source(path)?;
    extract_isolated(&bytes, options).map(|article| article.render(include_title))
}

/// Extracts every source in parallel into memory (for a batch small enough
/// to hold, such as a benchmark), results in input order.
pub fn extract_all(
    sources: &[Source],
    config: &BatchConfig,
) -> Result<Vec<Result<String, Error>>, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()?;
    Ok(pool.install(|| {
        sources
            .par_iter()
            .map(|source| process_page(&source.path, config.include_title, &config.options))
            .collect()
    }))
}

/// Runs every source through extraction in parallel, writing each text
/// under `config.out_dir`. `on_page` is called once per page (from worker
/// threads) with its source and outcome.
pub fn run(
    sources: &[Source],
    config: &BatchConfig,
    on_page: impl Fn(&Source, &Result<(), Error>) + Sync,
) -> Result<Summary, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()?;
    let started = Instant::now();
    let bytes = AtomicU64::new(0);
    let errors = AtomicUsize::new(0);
    let skipped = AtomicUsize::new(0);
    pool.install(|| {
        sources.par_iter().for_each(|source| {
            let target = config.out_dir.join(&source.output);
            if config.skip_existing && target.exists() {
                skipped.fetch_add(1, Ordering::Relaxed);
                return;
            }
            let outcome = run_one(source, &target, config, &bytes);
            if outcome.is_err() {
                errors.fetch_add(1, Ordering::Relaxed);
            }
            on_page(source, &outcome);
        })
    });
    Ok(Summary {
        pages: sources.len(),
        skipped: skipped.into_inner(),
        bytes: bytes.into_inner(),
        errors: errors.into_inner(),
        elapsed: started.elapsed(),
    })
}

fn run_one(
    source: &Source,
    target: &Path,
    config: &BatchConfig,
    bytes: &AtomicU64,
) -> Result<(), Error> {
    let raw = input::read_source(&source.path)?;
    bytes.fetch_add(raw.len() as u64, Ordering::Relaxed);
    let text = extract_isolated(&raw, &config.options)?.render(config.include_title);
    write_atomically(target, text.as_bytes())
}

/// Extracts with a panic turned into an error, so one bad page cannot end a batch.
fn extract_isolated(raw: &[u8], options: &Options) -> Result<crate::Article, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(raw, options))).unwrap_or_else(
        |payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Error::Panic(message))
        },
    )
}

/// Writes to a temporary file beside the target, then renames it into
/// place, so an interrupted run never leaves a truncated output.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = PathBuf::from(temporary);
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents)?;
        std::fs::rename(&temporary, path)
    };
    write().map_err(|err| {
        let _ = std::fs::remove_file(&temporary);
        io_error(err)
    })
}
