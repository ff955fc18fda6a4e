//! Batch: the parallel driver. Pages stream through a rayon pool (each is
//! read, extracted and written inside its task, so the batch is never held
//! in memory), outputs are written atomically, and every page ends as an
//! output file or a reported error. Streams of records (JSON Lines, WARC)
//! run in rounds of a bounded number of pages, in input order or not, with
//! the HTML waiting for a worker bounded in bytes ([`queue`]).

mod queue;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::explain::Explanation;
use crate::input::{self, Entry, Page, Source};
use crate::output::Outcome;
use crate::{Article, Error, Options, explain, extract_page};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Where `<relative path>.txt` (or `.md`) files go.
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
    /// HTML bytes read, decompressed.
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
    let bytes = input::read_page(path, options.max_bytes)?;
    extract_isolated(bytes, None, None, options).map(|article| article.render(include_title))
}

/// Reads one page and explains it (every block's verdict, and the article
/// as `extract` gives it), with a panic turned into an error.
pub fn explain_page(path: &Path, options: &Options) -> Result<Explanation, Error> {
    let bytes = input::read_page(path, options.max_bytes)?;
    isolated(|| explain(&bytes, None, options))
}

/// Extracts every source in parallel into memory (for a batch small enough
/// to hold, such as a benchmark), results in input order.
pub fn extract_all(
    sources: &[Source],
    config: &BatchConfig,
) -> Result<Vec<Result<String, Error>>, rayon::ThreadPoolBuildError> {
    map_all(sources, config.threads, |source| {
        process_page(&source.path, config.include_title, &config.options)
    })
}

/// Runs `work` on every item (sources, pages) in parallel on `threads`
/// workers (0: one per core), results in input order.
pub fn map_all<S: Sync, T: Send>(
    items: &[S],
    threads: usize,
    work: impl Fn(&S) -> T + Sync + Send,
) -> Result<Vec<T>, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    Ok(pool.install(|| items.par_iter().map(work).collect()))
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
    if config.skip_existing {
        remove_stale_temporaries(&config.out_dir);
    }
    let extension = config.options.text_format.extension();
    let target_of = |source: &Source| config.out_dir.join(source.output.with_extension(extension));
    // Each output folder is made once, here, not for every page (making a
    // folder that exists still locks its parent: the threads would queue).
    let folders: BTreeSet<PathBuf> = sources
        .iter()
        .filter_map(|source| target_of(source).parent().map(Path::to_path_buf))
        .collect();
    let unmade: Vec<(PathBuf, std::io::Error)> = folders
        .into_iter()
        .filter_map(|folder| {
            std::fs::create_dir_all(&folder)
                .err()
                .map(|err| (folder, err))
        })
        .collect();
    pool.install(|| {
        sources.par_iter().for_each(|source| {
            let target = target_of(source);
            if config.skip_existing && target.exists() {
                skipped.fetch_add(1, Ordering::Relaxed);
                return;
            }
            let unmade = unmade
                .iter()
                .find(|(folder, _)| target.parent() == Some(folder));
            let outcome = match unmade {
                Some((folder, err)) => Err(Error::Io {
                    path: folder.clone(),
                    source: std::io::Error::new(err.kind(), err.to_string()),
                }),
                None => run_one(source, &target, config, &bytes),
            };
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
    let raw = input::read_page(&source.path, config.options.max_bytes)?;
    bytes.fetch_add(raw.len() as u64, Ordering::Relaxed);
    // Handed over by value, so the page's bytes are freed once parsed.
    let text = extract_isolated(raw, None, None, &config.options)?.render(config.include_title);
    write_in_folder(target, text.as_bytes())
}

/// Extracts with a panic turned into an error, so one bad page cannot end
/// a batch (its bytes given by value are freed once parsed: see
/// [`extract_page`]).
pub fn extract_isolated<'a>(
    raw: impl Into<Cow<'a, [u8]>>,
    charset: Option<&str>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    isolated(|| extract_page(raw, charset, url, options))
}

/// Runs one page's work with a panic turned into an error.
fn isolated<T>(work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|payload| Err(Error::Panic(panic_message(payload.as_ref()))))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Writes the whole output or none, so an interrupted run never leaves a
/// truncated output: an unnamed file linked into place on Linux, else a
/// temporary file beside the target renamed into place.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    write_in_folder(path, contents)
}

/// [`write_atomically`] into a folder that exists.
fn write_in_folder(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Where the file system, the kernel or /proc cannot, or the target
    // exists (renaming replaces it), the named temporary does.
    #[cfg(target_os = "linux")]
    if write_unnamed(path, contents).is_ok() {
        return Ok(());
    }
    let temporary = temporary_path(path);
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

/// Writes an unnamed file in `path`'s folder (`O_TMPFILE`) and links it
/// in at `path`: the output appears whole or not at all, a killed run
/// leaves no temporary behind, and it takes one change to the folder, not
/// two (a create and a rename); on ext4, with two threads writing into
/// one folder, that took `-j 2` from 1.71 to 1.84–1.93 times `-j 1`
/// (`benches/race.py`). Fails where the target exists.
#[cfg(target_os = "linux")]
fn write_unnamed(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o666)
        .open(folder)?;
    file.write_all(contents)?;
    let source = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let target = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that outlive the call.
    let linked = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            source.as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if linked == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// The temporary file an output is written to before being renamed into
/// place: `<path>.<process id>.tmp`, beside it (one file system, so the
/// rename is atomic).
pub fn temporary_path(path: &Path) -> PathBuf {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    PathBuf::from(temporary)
}

/// Removes the temporary files a killed run left under `dir`: files named
/// as [`temporary_path`] names them (`<name>.<process id>.tmp`) whose
/// process is not running. Other files, and the temporaries of a run still
/// going, are left alone; so is everything where running processes cannot
/// be listed (no `/proc`). Returns how many were removed.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let stale = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| temporary_owner(entry.path()).is_some_and(|pid| !process_running(pid)));
    // Best effort: a temporary that cannot be removed harms no output.
    stale
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// The process id in a name [`temporary_path`] made.
fn temporary_owner(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let (_, pid) = name.strip_suffix(".tmp")?.rsplit_once('.')?;
    let digits = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| pid.parse().ok()).flatten()
}

/// Whether a process runs with this id (this one does); without `/proc`
/// to tell, every process is taken to be running.
fn process_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    pid == std::process::id() || !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// How a stream of records is extracted.
#[derive(Debug, Clone)]
pub struct StreamConfig {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub options: Options,
    /// Keep only pages whose text is in one of these languages (ISO 639-1
    /// or 639-3 codes); empty keeps every page.
    pub languages: Vec<String>,
    /// Emit outcomes in input order (else as they finish).
    pub ordered: bool,
}

/// What a stream did.
#[derive(Debug, Clone, Default)]
pub struct StreamSummary {
    pub pages: usize,
    pub errors: usize,
    /// Pages left out for their language.
    pub other_language: usize,
    /// Records that hold no page (WARC requests, metadata, non-HTML).
    pub skipped_records: usize,
    /// Blank lines of JSON Lines inputs, skipped.
    pub blank_lines: usize,
    /// Inputs given up before their end, and why (a JSON Lines input none
    /// of whose first records has the HTML field).
    pub abandoned: Vec<String>,
    /// Whether `emit` stopped the stream before its end.
    pub stopped: bool,
    /// HTML bytes extracted from (decompressed, and content-decoded).
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Pages a worker thread takes per round of an ordered stream: enough to
/// keep every thread busy, few enough to bound memory.
const PAGES_PER_THREAD: usize = 32;

/// Pages of `--max-bytes` each worker thread may have waiting, both in the
/// queue from the reader and in an ordered round: what bounds the HTML
/// held besides the pages being extracted.
const WAITING_PAGES_PER_THREAD: u64 = 1;

/// Extracts a stream of entries in parallel, handing each page's outcome to
/// `emit` (in input order when `config.ordered`), holding only a bounded
/// number of pages in memory however long the stream: at most a round of
/// [`PAGES_PER_THREAD`] per thread, and at most
/// [`WAITING_PAGES_PER_THREAD`] × threads × `max_bytes` of HTML in the
/// queue and again in a round (a page's HTML is dropped once extracted).
/// When `emit` breaks (its output is gone), reading and extraction stop
/// within a round.
pub fn run_stream(
    entries: impl Iterator<Item = Entry> + Send,
    config: &StreamConfig,
    emit: impl FnMut(Outcome) -> ControlFlow<()> + Send,
) -> Result<StreamSummary, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()?;
    let started = Instant::now();
    let threads = pool.current_num_threads().max(1);
    let round = threads * PAGES_PER_THREAD;
    let waiting_bytes = (threads as u64)
        .saturating_mul(WAITING_PAGES_PER_THREAD)
        .saturating_mul(config.options.max_bytes as u64);
    let queued = queue::QueuedBytes::new(waiting_bytes);
    let extracted_bytes = AtomicU64::new(0);
    let passed_over = PassedOver::default();
    let mut summary = std::thread::scope(|scope| {
        // Reading (gunzip, WARC parsing) and writing (JSON, gzip) run on
        // their own threads, beside the extraction pool.
        let (entry_sender, entry_receiver) = std::sync::mpsc::sync_channel(round);
        let queued = &queued;
        scope.spawn(move || {
            for entry in entries {
                let admitted = queued.add(entry.html_len() as u64);
                if !admitted || entry_sender.send(entry).is_err() {
                    return;
                }
            }
        });
        let pages = entry_receiver.into_iter().filter(|entry| {
            queued.remove(entry.html_len() as u64);
            passed_over.is_page(entry)
        });
        let (outcome_sender, outcome_receiver) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(2);
        let writer = scope.spawn(move || tally(outcome_receiver.into_iter().flatten(), emit));
        let process = |entry| process_entry(entry, config, &extracted_bytes);
        pool.install(|| {
            if config.ordered {
                let mut pages = pages.peekable();
                while pages.peek().is_some() {
                    let batch = next_round(&mut pages, round, waiting_bytes);
                    let outcomes = batch.into_par_iter().map(process).collect();
                    if outcome_sender.send(outcomes).is_err() {
                        return;
                    }
                }
            } else {
                let sender = std::sync::Mutex::new(outcome_sender.clone());
                // A closed channel means the writer is gone: stop.
                let _stopped = pages.par_bridge().try_for_each(|entry| {
                    let outcome = process(entry);
                    let sender = sender
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    sender.send(vec![outcome]).map_err(drop)
                });
            }
        });
        drop(outcome_sender);
        // The reader may wait for room that will never come.
        queued.close();
        writer.join().unwrap_or_default()
    });
    summary.skipped_records = passed_over.skipped.into_inner();
    summary.blank_lines = passed_over.blank.into_inner();
    summary.abandoned = passed_over
        .abandoned
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    summary.bytes = extracted_bytes.into_inner();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The entries of a stream that are not pages, counted as they go by.
#[derive(Default)]
struct PassedOver {
    skipped: AtomicUsize,
    blank: AtomicUsize,
    abandoned: std::sync::Mutex<Vec<String>>,
}

impl PassedOver {
    /// Whether `entry` is a page (or a failed one) to process; the others
    /// are counted, and the reasons of abandoned inputs kept.
    fn is_page(&self, entry: &Entry) -> bool {
        match entry {
            Entry::Page(_) | Entry::Failed(..) => return true,
            Entry::Skipped => self.skipped.fetch_add(1, Ordering::Relaxed),
            Entry::Blank => self.blank.fetch_add(1, Ordering::Relaxed),
            Entry::Abandoned(reason) => {
                let mut abandoned = self
                    .abandoned
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                abandoned.push(reason.clone());
                0
            }
        };
        false
    }
}

/// Hands each outcome to `emit`, counting them, until `emit` breaks.
fn tally(
    outcomes: impl Iterator<Item = Outcome>,
    mut emit: impl FnMut(Outcome) -> ControlFlow<()>,
) -> StreamSummary {
    let mut summary = StreamSummary::default();
    for outcome in outcomes {
        summary.pages += 1;
        match &outcome {
            Outcome::Extracted(..) => {}
            Outcome::OtherLanguage(..) => summary.other_language += 1,
            Outcome::Failed(..) => summary.errors += 1,
        }
        if emit(outcome).is_break() {
            summary.stopped = true;
            break;
        }
    }
    summary
}

/// The next round of an ordered stream: `count` entries, or fewer when
/// their HTML reaches `bytes`.
fn next_round(entries: &mut impl Iterator<Item = Entry>, count: usize, bytes: u64) -> Vec<Entry> {
    let mut round = Vec::new();
    let mut held = 0u64;
    while round.len() < count && held < bytes {
        let Some(entry) = entries.next() else {
            break;
        };
        held = held.saturating_add(entry.html_len() as u64);
        round.push(entry);
    }
    round
}

/// Extracts one entry's page; the outcome keeps the page without its HTML
/// (counted into `extracted_bytes`), which is dropped here.
fn process_entry(entry: Entry, config: &StreamConfig, extracted_bytes: &AtomicU64) -> Outcome {
    let mut page = match entry {
        Entry::Page(page) => page,
        Entry::Failed(page, reason) => return Outcome::Failed(page, reason),
        Entry::Skipped | Entry::Blank | Entry::Abandoned(_) => {
            return Outcome::Failed(Page::default(), "no page".into());
        }
    };
    let html = std::mem::take(&mut page.html);
    let html_bytes = html.len() as u64;
    let (charset, url) = (page.charset.as_deref(), page.url.as_deref());
    let extracted = extract_isolated(html, charset, url, &config.options);
    if extracted.is_ok() {
        extracted_bytes.fetch_add(html_bytes, Ordering::Relaxed);
    }
    match extracted {
        Err(err) => Outcome::Failed(page, err.to_string()),
        Ok(article) if !is_wanted_language(&article, &config.languages) => {
            Outcome::OtherLanguage(page, article)
        }
        Ok(article) => Outcome::Extracted(page, article),
    }
}

fn is_wanted_language(article: &Article, languages: &[String]) -> bool {
    languages.is_empty()
        || article.metadata.language.as_deref().is_some_and(|found| {
            languages
                .iter()
                .any(|l| crate::metadata::same_language(l, found))
        })
}

/// HTML files as stream entries, for the record formats: each file is read
/// (gunzipped, at most `max_bytes`) as the stream is consumed; its id is
/// its output path without `.txt`.
pub fn file_entries(sources: Vec<Source>, max_bytes: usize) -> impl Iterator<Item = Entry> + Send {
    sources.into_iter().map(move |source| {
        let page = Page {
            id: source
                .output
                .with_extension("")
                .to_string_lossy()
                .into_owned(),
            ..Page::default()
        };
        match input::read_page(&source.path, max_bytes) {
            Ok(html) => Entry::Page(Page { html, ..page }),
            Err(err) => Entry::Failed(page, err.to_string()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("folder")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_output_is_written_whole_replaces_what_was_there_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub/a.txt");
        write_atomically(&path, "first text".as_bytes()).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "first text");
        write_atomically(&path, "second".as_bytes()).expect("rewritten");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "second");
        write_atomically(&dir.path().join("sub/b.txt"), b"").expect("empty written");
        assert_eq!(names_in(&dir.path().join("sub")), ["a.txt", "b.txt"]);
    }

    #[test]
    fn an_output_into_a_missing_folder_is_a_named_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing/a.txt");
        let Err(Error::Io { path: named, .. }) = write_in_folder(&path, b"text") else {
            panic!("writing into a missing folder succeeded");
        };
        assert_eq!(named, path);
        assert!(names_in(dir.path()).is_empty());
    }
}
