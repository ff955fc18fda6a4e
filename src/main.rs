//! The `pith` command line: a thin layer over the library's batch driver.

use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pith::batch::{self, BatchConfig, StreamConfig};
use pith::eval::why;
use pith::input::{Entry, InputFormat};
use pith::output::parquet::ParquetWriter;
use pith::output::{self, Outcome, RecordWriter, TextFormat};
use pith::{Favor, Options, eval, input};

mod cli;

/// mimalloc: a page allocates and frees a node, a string and a token at a
/// time, and glibc's allocator spent a tenth of pith's instructions on it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How long mimalloc holds memory a page freed before giving it back to
/// the system, in milliseconds: none. Its default (a second) outlasts a
/// page: what one stage freed (the parsed tree, the page's bytes) stayed
/// resident while the next allocated anew: a page of a million links
/// peaked at 270 MB of RSS, and at 208 MB with no delay, the build
/// otherwise the same. Pages of common size reuse what they free: AEB's
/// 905 files ran no slower (5 and 8 alternating runs).
const ALLOCATOR_PURGE_DELAY_MS: std::ffi::c_long = 0;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, which
/// libmimalloc-sys names no constant for).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

use cli::messages::say;
use cli::values::ByteSize;

/// pith: turns raw web pages into the clean plain text of their article.
#[derive(Parser)]
#[command(version, about, long_about = None, after_help = EXIT_STATUS_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the title and article text of pages.
    ///
    /// A file is one page (.html, .htm, .xhtml, .shtml, optionally .gz or
    /// .zst); a folder is walked recursively for pages; .jsonl/.ndjson files
    /// hold one page per line and .warc files WARC records (each optionally
    /// .gz or .zst); `-`
    /// reads stdin (one page or a WARC, or records with --input-format).
    ///
    /// --format text (default): one page without -o prints its text; with -o
    /// each page is written to OUT_DIR/<path relative to its input folder>.txt
    /// (records: OUT_DIR/<id>.txt). --format jsonl: one JSON record per page,
    /// in input order, to stdout or -o FILE (.gz or .zst compresses). --format json:
    /// one {id: {"articleBody", "url"}} object for the whole run.
    ///
    /// Examples: pith extract fixtures/pages -o /tmp/out;
    /// pith extract crawl.warc.gz --format jsonl -o pages.jsonl.gz;
    /// pith extract - --input-format jsonl --format jsonl
    #[command(after_help = EXIT_STATUS_HELP)]
    Extract(ExtractArgs),
    /// Score predictions against a gold standard, with bootstrap intervals.
    ///
    /// GOLD is the AEB format ({id: {"articleBody": text}}), trafilatura's
    /// segment format ({key: {"with": [...], "without": [...]}}) or WCXB's
    /// ({id: {"page_type", "main_content", "with", "without", ...}}), each
    /// scored with its benchmark's metric. Each PRED is an AEB-format JSON, a
    /// JSON Lines file of {"id", "text"} records, or a folder of <id>.txt.
    /// --html DIR also runs this build of pith on the pages in DIR (id: the
    /// file name without .html or .html.gz; no title line) and scores it
    /// beside them. --by type adds one row per page type (WCXB).
    ///
    /// Examples: pith eval --gold ../shared/data/aeb/ground-truth.json --html ../shared/data/aeb/html;
    /// pith eval --gold ../shared/data/wcxb/ground-truth.json --html ../shared/data/wcxb/html --by type
    Eval(EvalArgs),
    /// Show how pith sees one page: every block with its verdict (kept or
    /// dropped), the reason and the figures behind it, the container and
    /// where the title came from.
    ///
    /// --format json (the default without -o, or with -o FILE.json): a JSON
    /// document {"title", "title_source", "page_type", "model" (the
    /// thresholds the fitted model judged the page by), "container", "kept_blocks",
    /// "blocks": [{"index", "text", "kind", "element", "in_container",
    /// "kept", "reason", "detail", "score", ...}]}. --format html (the
    /// default with -o FILE.html): a self-contained report for a browser.
    ///
    /// Example: pith explain page.html.gz -o report.html
    Explain(ExplainArgs),
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The page: a file (optionally .gz) or `-` for stdin.
    page: PathBuf,
    /// Write the report here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// json or html (default: html when -o ends in .html or .htm, else json).
    #[arg(long, value_enum)]
    format: Option<ExplainFormat>,
    /// Trade-off between dropping doubtful blocks and keeping them.
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    favor: FavorArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Json,
    Html,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The gold standard (JSON).
    #[arg(long, value_name = "GOLD")]
    gold: PathBuf,
    /// Predictions to score, one row each.
    #[arg(value_name = "PRED")]
    predictions: Vec<PathBuf>,
    /// Also extract the pages in this folder with pith and score them.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// List the N worst pages of each system.
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10", default_value_t = 0)]
    per_page: usize,
    /// Output: a text table or JSON.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Bootstrap resamples for the 95% intervals (0: none).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    bootstrap: usize,
    /// Seed of the bootstrap resampling.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Also score the pages of each type (a gold with page types: WCXB).
    #[arg(long, value_enum, value_name = "GROUPS")]
    by: Option<By>,
    /// Trade-off used with --html.
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    favor: FavorArg,
    /// Worker threads for --html (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// With --html: for the N worst pages of pith's run, the dropped blocks
    /// holding gold text and the kept ones holding none, with their
    /// reasons; then the gold tokens each reason lost and the non-gold
    /// tokens it leaked over all pages (by type with --by type).
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10")]
    why: Option<usize>,
    /// Score metadata instead of text: any of title, author, published
    /// (comma separated), of `pith extract --format jsonl` records against
    /// a gold that has them (WCXB's), as wcxb_metadata_score.py does;
    /// --per-page N lists N misses per field.
    #[arg(long, value_name = "FIELDS", value_delimiter = ',', value_parser = metadata_field)]
    fields: Vec<eval::fields::Field>,
}

fn metadata_field(name: &str) -> Result<eval::fields::Field, String> {
    eval::fields::Field::named(name)
        .ok_or_else(|| format!("{name:?} is not a metadata field (title, author, published)"))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum By {
    /// The gold's page types, in the order wcxb_score.py --types lists them.
    Type,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Pages, folders of pages, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where output goes: with --format text a folder of `<name>.txt` files
    /// (required for several pages); with jsonl or json a file (`.gz` or
    /// `.zst` compresses), else stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Write the body alone, without the title line (as benchmarks score it).
    #[arg(long)]
    no_title: bool,
    /// Let html5ever tokenize everything: no raw-text bodies skipped, no
    /// plain markup read by byte searches (the output is the same: this
    /// checks that it is).
    #[arg(long, hide = true)]
    no_shortcuts: bool,
    /// Trade-off between dropping doubtful blocks and keeping them.
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    favor: FavorArg,
    /// Refuse pages larger than this (decompressed), in bytes or with a
    /// unit: 500K, 64M, 1G. Checked before a page is read.
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(Options::default().max_bytes))]
    max_bytes: ByteSize,
    /// Time allowed per page in milliseconds; a page over it becomes an
    /// error line and the batch goes on. 0 allows any time.
    #[arg(long, value_name = "MS", default_value_t = DEFAULT_TIMEOUT_MS)]
    timeout_ms: u64,
    /// Leave pages whose output file already exists (resumes a batch), and
    /// remove the temporary files a killed run left in the output folder.
    #[arg(long)]
    skip_existing: bool,
    /// How the inputs hold pages (default: by extension; stdin is a WARC
    /// when it starts like one, plain or gzipped, else html).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormatArg>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// How the text of JSON Lines and JSON records is written (--format
    /// markdown writes Markdown files).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TextFormatArg::Plain)]
    text_format: TextFormatArg,
    /// Markdown: links as [text](url), resolved against the page's URL
    /// (a record's url) or its <base>; without it, links are their text.
    #[arg(long)]
    links: bool,
    /// Markdown: images as ![alt](src); without it, images are left out.
    #[arg(long)]
    images: bool,
    /// JSON Lines input: the field holding the HTML. An input none of whose
    /// first 1,000 records has it is given up, naming the fields it has.
    #[arg(long, value_name = "FIELD", default_value = "html")]
    html_field: String,
    /// JSON Lines input: the field holding the page id.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id_field: String,
    /// JSON Lines input: the field holding the page URL.
    #[arg(long, value_name = "FIELD", default_value = "url")]
    url_field: String,
    /// JSON Lines output: the key the text goes under (`content` for
    /// RefinedWeb-style records).
    #[arg(long, value_name = "KEY", default_value = "text")]
    text_key: String,
    /// Write records as they finish rather than in input order.
    #[arg(long)]
    unordered: bool,
    /// Keep only pages whose text is in one of these languages (ISO 639-1
    /// or 639-3 codes, comma-separated); the others become records with
    /// "skipped": "language".
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = cli::values::language_code)]
    lang: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    Html,
    Jsonl,
    Warc,
    Parquet,
}

impl From<InputFormatArg> for InputFormat {
    fn from(arg: InputFormatArg) -> InputFormat {
        match arg {
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Jsonl => InputFormat::JsonLines,
            InputFormatArg::Warc => InputFormat::Warc,
            InputFormatArg::Parquet => InputFormat::Parquet,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TextFormatArg {
    /// Plain text: blocks separated by blank lines.
    Plain,
    /// CommonMark with pipe tables: headings, lists, tables, quotes, code.
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Plain text files (or stdout for one page).
    Text,
    /// Markdown files, `.md` (or stdout for one page).
    Markdown,
    /// One JSON record per line.
    Jsonl,
    /// One AEB-format JSON object.
    Json,
    /// Parquet rows (zstd), to -o FILE.parquet.
    Parquet,
}

/// Records written to stdout between two flushes.
const FLUSH_EVERY_RECORDS: usize = 64;

/// The library's default per-page budget, in milliseconds.
const DEFAULT_TIMEOUT_MS: u64 = pith::DEFAULT_TIMEOUT.as_millis() as u64;

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
    // SAFETY: sets one of mimalloc's options, by its documented number,
    // before any thread but this one runs.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ALLOCATOR_PURGE_DELAY_MS) };
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Eval(args) => evaluate(args).map(|()| Status::Success),
        Command::Explain(args) => explain(args).map(|()| Status::Success),
    };
    match result {
        Ok(status) => ExitCode::from(status as u8),
        // The reader of stdout has gone (`| head`): stop quietly, with the
        // status of a Unix filter ended by SIGPIPE.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_BROKEN_PIPE),
        Err(err) => {
            say(cli::messages::chain(&err));
            ExitCode::from(2)
        }
    }
}

/// How a run ended: its exit status (the table in `--help` and the
/// README). A run with several troubles ends with the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Every page became an output.
    Success = 0,
    /// Some pages failed, each reported (and a record in record outputs).
    PagesFailed = 1,
    /// A command-line input could not be read at all (a usage error, or
    /// an output that cannot be written, ends the run with 2 as well).
    InputsUnreadable = 2,
}

/// The exit-status table, shown by `--help`.
const EXIT_STATUS_HELP: &str = "Exit status: 0 every page became an output; 1 some pages failed \
(each reported on stderr, and as an error record in record outputs); 2 a usage error, an input \
that cannot be read at all (a missing path, an unreadable record file, an unsupported \
compression, no record with --html-field), or an output that cannot be written (a closed \
stdout; the run stops at the first write error); 141 stdout's reader went away (`| head`).";

/// The exit status when stdout's reader has gone: 128 + SIGPIPE, as a
/// shell reports a filter ended by a broken pipe.
const EXIT_BROKEN_PIPE: u8 = 141;

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Refuses an `-o` that is one of the inputs, or resolves to one through
/// links, `.` or `..` (or is the same file under another name): writing it
/// would destroy the input before it is read. Checked before anything is
/// opened for writing.
fn ensure_output_is_not_an_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Some(target) = resolved(output) else {
        return Ok(());
    };
    let target_id = file_id(output);
    for input in inputs.iter().filter(|path| path.as_os_str() != "-") {
        let same_path = resolved(input).is_some_and(|path| path == target);
        let same_file = target_id.is_some() && file_id(input) == target_id;
        if same_path || same_file {
            bail!(
                "{}: the output is also an input ({}); refusing to overwrite it",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// A path with its links, `.` and `..` resolved; for a path that does not
/// exist yet, its folder resolved and its name.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = path.canonicalize() {
        return Some(path);
    }
    let name = path.file_name()?;
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    Some(
        parent
            .unwrap_or(Path::new("."))
            .canonicalize()
            .ok()?
            .join(name),
    )
}

/// The device and inode of an existing file (hard links share them).
fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::metadata(path).ok()?;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Checks made before anything is read or written: the output is not an
/// input, a text output folder is not a file (one refusal, not one error
/// per page), and stdout, when it is the output, is open.
fn check_output(args: &ExtractArgs) -> Result<()> {
    let Some(output) = &args.output else {
        return cli::stdout::ensure_open();
    };
    ensure_output_is_not_an_input(output, &args.inputs)?;
    if args.format.writes_files() && output.exists() && !output.is_dir() {
        bail!(
            "{}: not a folder: --format text or markdown writes one file per page into the \
             folder -o names (give another -o, or --format jsonl for one file)",
            output.display()
        );
    }
    Ok(())
}

/// Runs `pith extract`; returns whether every page (text output) or every
/// input (record output) succeeded.
fn extract(args: ExtractArgs) -> Result<Status> {
    check_output(&args)?;
    let options = Options {
        favor: args.favor.into(),
        max_bytes: args.max_bytes.0,
        timeout: (args.timeout_ms > 0).then(|| Duration::from_millis(args.timeout_ms)),
        metadata: true,
        text_format: text_format(&args)?,
        links: args.links,
        images: args.images,
        shortcuts: if args.no_shortcuts {
            pith::dom::Shortcuts::Off
        } else {
            pith::dom::Shortcuts::On
        },
    };
    let only_pages = args
        .inputs
        .iter()
        .all(|path| input_format(&args, path) == InputFormat::Html);
    if args.format.writes_files() && only_pages && args.lang.is_empty() {
        // Text files carry no metadata: skip collecting it.
        let options = Options {
            metadata: false,
            ..options
        };
        extract_pages(args, options)
    } else {
        extract_stream(args, options)
    }
}

impl OutputFormat {
    /// Whether pages go to one file each (or stdout for one page).
    fn writes_files(self) -> bool {
        matches!(self, OutputFormat::Text | OutputFormat::Markdown)
    }
}

/// How the article text is written: Markdown for `--format markdown`, else
/// as `--text-format` says (which plain-text files cannot be).
fn text_format(args: &ExtractArgs) -> Result<TextFormat> {
    match (args.format, args.text_format) {
        (OutputFormat::Markdown, _) => Ok(TextFormat::Markdown),
        (OutputFormat::Text, TextFormatArg::Markdown) => {
            bail!("--text-format markdown is for records: give --format markdown for .md files")
        }
        (_, TextFormatArg::Plain) if args.links || args.images => {
            bail!(
                "--links and --images are for Markdown: give --format markdown or --text-format markdown"
            )
        }
        (_, TextFormatArg::Plain) => Ok(TextFormat::Plain),
        (_, TextFormatArg::Markdown) => Ok(TextFormat::Markdown),
    }
}

fn input_format(args: &ExtractArgs, path: &Path) -> InputFormat {
    match args.input_format {
        Some(format) => format.into(),
        None if path.as_os_str() == "-" => InputFormat::of_stdin(),
        None => InputFormat::of_path(path),
    }
}

/// Runs `pith explain` on one page.
fn explain(args: ExplainArgs) -> Result<()> {
    if args.output.is_none() {
        cli::stdout::ensure_open()?;
    }
    let options = Options {
        favor: args.favor.into(),
        metadata: false,
        ..Options::default()
    };
    let bytes = input::read_page(&args.page, options.max_bytes)?;
    let explanation = pith::explain(&bytes, None, &options)
        .with_context(|| format!("{}", args.page.display()))?;
    let html_by_name = args.output.as_deref().is_some_and(|path| {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    });
    let report = match args.format {
        Some(ExplainFormat::Html) => explanation.to_html(&args.page.display().to_string()),
        None if html_by_name => explanation.to_html(&args.page.display().to_string()),
        _ => explanation.to_json() + "\n",
    };
    match &args.output {
        Some(path) => batch::write_atomically(path, report.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout()
            .write_all(report.as_bytes())
            .context("writing the report")?,
    }
    Ok(())
}

/// HTML pages to text files or stdout.
fn extract_pages(args: ExtractArgs, options: Options) -> Result<Status> {
    let (sources, list_errors) = input::list_sources(&args.inputs);
    let listed = listing_status(&list_errors, &args.inputs);
    let Some(out_dir) = args.output else {
        let [source] = sources.as_slice() else {
            if sources.is_empty() {
                bail!("no pages found in the inputs");
            }
            bail!(
                "{} pages found: give -o OUT_DIR to write one file per page",
                sources.len()
            );
        };
        let text = match batch::process_page(&source.path, !args.no_title, &options) {
            Ok(text) => text,
            // Unreadable: exit status 2, with the message.
            Err(err @ pith::Error::Io { .. }) => return Err(err.into()),
            Err(err) => {
                say(format_args!("{}: {err}", source.path.display()));
                return Ok(listed.max(Status::PagesFailed));
            }
        };
        std::io::stdout()
            .write_all(text.as_bytes())
            .context("writing to stdout")?;
        return Ok(listed);
    };
    let config = BatchConfig {
        out_dir,
        threads: args.jobs.unwrap_or_default(),
        include_title: !args.no_title,
        skip_existing: args.skip_existing,
        options,
    };
    let progress = progress_bar(sources.len() as u64);
    let summary = batch::run(&sources, &config, |source, outcome| {
        if let Err(err) = outcome {
            progress.suspend(|| say(format_args!("{}: {err}", source.path.display())));
        }
        progress.inc(1);
    })
    .context("starting worker threads")?;
    progress.finish_and_clear();
    say(Tally {
        pages: summary.pages,
        skipped: summary.skipped,
        errors: summary.errors + list_errors.len(),
        bytes: summary.bytes,
        elapsed: summary.elapsed,
        ..Tally::default()
    });
    Ok(listed.max(pages_status(summary.errors)))
}

/// The closing line of `pith extract`, the same for every kind of input.
/// Bytes are HTML bytes decompressed (and a WARC response's content
/// decoding): the work done, whatever the inputs' compression.
#[derive(Default)]
struct Tally {
    pages: usize,
    /// Pages left alone because their output existed (`--skip-existing`).
    skipped: usize,
    /// Records that hold no page (WARC requests, metadata, non-HTML).
    without_page: usize,
    blank_lines: usize,
    other_language: usize,
    errors: usize,
    bytes: u64,
    elapsed: Duration,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let megabytes = self.bytes as f64 / 1e6;
        let seconds = self.elapsed.as_secs_f64();
        let blank_lines = match self.blank_lines {
            0 => String::new(),
            n => format!(" ({n} blank lines)"),
        };
        write!(
            f,
            "{} pages, {} skipped, {} records without a page{blank_lines}, {} in other languages, \
             {} errors, {megabytes:.1} MB of HTML (decompressed), {seconds:.2} s, {:.1} MB/s",
            self.pages,
            self.skipped,
            self.without_page,
            self.other_language,
            self.errors,
            megabytes / seconds.max(MIN_SECONDS),
        )
    }
}

/// The shortest time a rate is computed over, so an instant run shows a
/// finite one.
const MIN_SECONDS: f64 = 1e-9;

/// Reports the inputs that could not be listed: a command-line input
/// itself is unreadable (2), a file in a folder is a failed page (1).
fn listing_status(errors: &[input::ListError], inputs: &[PathBuf]) -> Status {
    let mut status = Status::Success;
    for err in errors {
        say(format_args!("{}: {}", err.path.display(), err.reason));
        let level = if inputs.contains(&err.path) {
            Status::InputsUnreadable
        } else {
            Status::PagesFailed
        };
        status = status.max(level);
    }
    status
}

fn pages_status(errors: usize) -> Status {
    if errors == 0 {
        Status::Success
    } else {
        Status::PagesFailed
    }
}

/// Runs `pith eval`: one report per system, printed as a table or JSON.
fn evaluate(args: EvalArgs) -> Result<()> {
    cli::stdout::ensure_open()?;
    if args.predictions.is_empty() && args.html.is_none() {
        bail!("nothing to score: give PRED files or folders, or --html DIR");
    }
    if !args.fields.is_empty() {
        return evaluate_fields(&args);
    }
    let gold = eval::load_gold(&args.gold)?;
    let by_type = args.by == Some(By::Type);
    if by_type && !gold.has_page_types() {
        bail!(
            "--by type needs a gold with page types (WCXB's page_type); {} has none",
            args.gold.display()
        );
    }
    if args.why.is_some() {
        if args.html.is_none() {
            bail!("--why needs --html DIR: it analyses pith's own run on those pages");
        }
        if !gold.has_text() {
            bail!(
                "--why needs a gold with whole texts (AEB or WCXB); {} has only segments",
                args.gold.display()
            );
        }
    }
    let bootstrap = eval::Bootstrap {
        samples: args.bootstrap,
        seed: args.seed,
    };
    let mut systems = Vec::new();
    for path in &args.predictions {
        let predictions = eval::load_predictions(path)?;
        let report = eval::evaluate(&gold, &predictions, bootstrap);
        check_ids_match(path, &predictions, &report)?;
        systems.push((path.display().to_string(), report));
    }
    let mut aligned = Vec::new();
    if let Some(html) = &args.html {
        let aligning = args.why.map(|_| &gold);
        let predictions;
        (predictions, aligned) = extract_for_eval(
            html,
            args.favor.into(),
            args.jobs.unwrap_or_default(),
            aligning,
        )?;
        let report = eval::evaluate(&gold, &predictions, bootstrap);
        systems.push((format!("pith {}", env!("CARGO_PKG_VERSION")), report));
    }
    // pith's row is the last when --why (which needs --html) is given.
    let why = args
        .why
        .zip(systems.last())
        .map(|(worst, (_, report))| why::analyse(report, &aligned, worst, by_type));
    let mut stdout = std::io::stdout();
    match args.format {
        ReportFormat::Text => {
            let mut table = eval::render_table(&systems, args.per_page, by_type);
            if let Some(why) = &why {
                table += &why::render(why);
            }
            write!(stdout, "{table}")
        }
        ReportFormat::Json => {
            let mut rows: Vec<serde_json::Value> = systems
                .iter()
                .map(|(name, report)| {
                    let mut row = serde_json::json!({
                        "system": name,
                        "metrics": report.metrics,
                        "intervals": report.intervals,
                        "pages": report.pages,
                        "missing": report.missing,
                        "worst": eval::worst_pages(report, args.per_page),
                    });
                    if by_type {
                        row["by_type"] = serde_json::json!(report.by_type);
                    }
                    row
                })
                .collect();
            if let (Some(why), Some(row)) = (&why, rows.last_mut()) {
                row["why"] = serde_json::json!(why);
            }
            writeln!(stdout, "{}", serde_json::Value::Array(rows))
        }
    }
    .context("writing to stdout")
}

/// Runs `pith eval --fields`: each PRED file's metadata scored against
/// the gold's, printed as the reference scorer prints it, or as JSON.
fn evaluate_fields(args: &EvalArgs) -> Result<()> {
    if args.html.is_some() || args.why.is_some() || args.by.is_some() {
        bail!(
            "--fields scores the records of `pith extract --format jsonl` given as PRED; \
             --html, --why and --by do not apply"
        );
    }
    let gold = eval::fields::load_gold(&args.gold)?;
    let mut out = String::new();
    let mut rows = Vec::new();
    for path in &args.predictions {
        let predictions = eval::fields::load_predictions(path)?;
        let predicted = predictions
            .keys()
            .filter(|id| gold.contains_key(*id))
            .count();
        if predicted == 0 && !predictions.is_empty() {
            bail!(
                "{}: none of its ids matches one of the gold's",
                path.display()
            );
        }
        let scores = eval::fields::score(&gold, &predictions, &args.fields);
        out += &format!("{}\n", path.display());
        out += &eval::fields::render(&scores, args.per_page, gold.len(), predicted);
        rows.push(serde_json::json!({
            "system": path.display().to_string(),
            "pages": gold.len(),
            "predicted": predicted,
            "fields": scores,
        }));
    }
    let mut stdout = std::io::stdout();
    match args.format {
        ReportFormat::Text => write!(stdout, "{out}"),
        ReportFormat::Json => writeln!(stdout, "{}", serde_json::Value::Array(rows)),
    }
    .context("writing to stdout")
}

/// Warns when prediction ids name no gold page, and fails when there are
/// some and none matches one: the zeros that would follow would say nothing.
fn check_ids_match(
    path: &Path,
    predictions: &eval::Predictions,
    report: &eval::Report,
) -> Result<()> {
    let unmatched = eval::unmatched_ids(report, predictions);
    let matched = predictions.len() - unmatched.len();
    let example = |ids: &[&str]| {
        ids.first()
            .map(|id| format!(" (e.g. {id:?})"))
            .unwrap_or_default()
    };
    // An empty prediction set is a prediction (nothing extracted), scored
    // as such; ids that all miss are a mistake.
    if matched == 0 && !predictions.is_empty() {
        let gold_ids: Vec<&str> = report.per_page.iter().map(|p| p.id.as_str()).collect();
        bail!(
            "{}: none of its {} ids{} matches one of the gold's {} ids{}",
            path.display(),
            predictions.len(),
            example(&unmatched),
            report.pages,
            example(&gold_ids)
        );
    }
    if !unmatched.is_empty() {
        say(format_args!(
            "warning: {}: {} of its {} ids match no gold id{}",
            path.display(),
            unmatched.len(),
            predictions.len(),
            example(&unmatched)
        ));
    }
    Ok(())
}

/// Extracts the pages of a folder in memory, without the title line, keyed
/// by file name without `.html` or `.html.gz` (the id the AEB and WCXB golds
/// use: `html/<id>.html.gz`). With `aligning` (the gold), each page is
/// explained instead, once, giving both its text and its blocks aligned
/// with its gold text.
fn extract_for_eval(
    folder: &Path,
    favor: Favor,
    threads: usize,
    aligning: Option<&eval::Gold>,
) -> Result<(eval::Predictions, Vec<why::PageWhy>)> {
    let (sources, list_errors) = input::list_sources(&[folder.to_path_buf()]);
    if let Some(err) = list_errors.first() {
        bail!("{}: {}", err.path.display(), err.reason);
    }
    let options = Options {
        favor,
        ..Options::default()
    };
    let page_id = |source: &input::Source| {
        let stem = source.output.file_stem().unwrap_or_default();
        stem.to_string_lossy().into_owned()
    };
    let run = |source: &input::Source| {
        let id = page_id(source);
        let Some(gold) = aligning else {
            return batch::process_page(&source.path, false, &options).map(|text| (text, None));
        };
        batch::explain_page(&source.path, &options).map(|explanation| {
            let page = gold
                .text(&id)
                .map(|truth| why::align(&id, truth, &explanation));
            (explanation.article.render(false), page)
        })
    };
    let results = batch::map_all(&sources, threads, run).context("starting worker threads")?;
    let (mut predictions, mut aligned) = (eval::Predictions::new(), Vec::new());
    for (source, result) in sources.iter().zip(results) {
        match result {
            Ok((text, page)) => {
                predictions.insert(page_id(source), text);
                aligned.extend(page);
            }
            Err(err) => say(format_args!("{}: {err}", source.path.display())),
        }
    }
    Ok((predictions, aligned))
}

/// Any inputs to records (or, for text output, one file per page), streamed.
fn extract_stream(args: ExtractArgs, options: Options) -> Result<Status> {
    let fields = input::Fields {
        html: args.html_field.clone(),
        id: args.id_field.clone(),
        url: args.url_field.clone(),
    };
    let mut inputs = Status::Success;
    let mut streams: Vec<Box<dyn Iterator<Item = Entry> + Send>> = Vec::new();
    for path in &args.inputs {
        match input_format(&args, path) {
            InputFormat::Html => {
                let (sources, list_errors) = input::list_sources(std::slice::from_ref(path));
                inputs = inputs.max(listing_status(&list_errors, &args.inputs));
                streams.push(Box::new(batch::file_entries(sources, options.max_bytes)));
            }
            format => match input::open_records(path, format, &fields, options.max_bytes) {
                Ok(records) => streams.push(records),
                Err(err) => {
                    say(&err);
                    inputs = Status::InputsUnreadable;
                }
            },
        }
    }
    let text_dir = match (args.format.writes_files(), &args.output) {
        (true, Some(dir)) => Some(dir.clone()),
        (true, None) => bail!("give -o OUT_DIR to write one file per page"),
        (false, _) => None,
    };
    let mut parquet = match (args.format, &args.output) {
        (OutputFormat::Parquet, Some(path)) => {
            Some(ParquetWriter::open(path, &args.text_key).context("opening the output")?)
        }
        (OutputFormat::Parquet, None) => bail!("give -o FILE.parquet for --format parquet"),
        _ => None,
    };
    let mut writer = match args.format {
        OutputFormat::Text | OutputFormat::Markdown | OutputFormat::Parquet => None,
        OutputFormat::Jsonl | OutputFormat::Json => {
            Some(RecordWriter::open(args.output.as_deref()).context("opening the output")?)
        }
    };
    let config = StreamConfig {
        threads: args.jobs.unwrap_or_default(),
        options,
        languages: args.lang.clone(),
        ordered: !args.unordered,
    };
    let mut benchmark = serde_json::Map::new();
    // Output names (and --format json keys) given out in this run.
    let mut names = output::UniqueNames::default();
    let mut write_error: Option<anyhow::Error> = None;
    let to_stdout = args.output.is_none();
    let mut written_records = 0usize;
    let summary = batch::run_stream(streams.into_iter().flatten(), &config, |outcome| {
        if let Outcome::Failed(page, reason) = &outcome {
            say(format_args!("{}: {reason}", page.id));
        }
        let written = match (args.format, writer.as_mut(), &text_dir) {
            (OutputFormat::Jsonl, Some(writer), _) => {
                written_records += 1;
                let line = writeln!(writer, "{}", output::json_record(&outcome, &args.text_key));
                // On stdout, a downstream reader gets records as rounds finish.
                let flush = to_stdout && written_records.is_multiple_of(FLUSH_EVERY_RECORDS);
                line.and_then(|()| if flush { writer.flush() } else { Ok(()) })
                    .map_err(anyhow::Error::from)
            }
            (OutputFormat::Parquet, ..) => match parquet.as_mut() {
                Some(parquet) => parquet
                    .write(output::json_record(&outcome, &args.text_key))
                    .map_err(anyhow::Error::from),
                None => Ok(()),
            },
            (OutputFormat::Json, ..) => {
                let id = names.claim_key(&outcome.page().id);
                benchmark.insert(id, output::benchmark_entry(&outcome));
                Ok(())
            }
            (_, _, Some(dir)) => write_text_file(dir, &outcome, !args.no_title, &mut names),
            _ => Ok(()),
        };
        match written {
            Ok(()) => ControlFlow::Continue(()),
            // The first write error ends the run: the output is gone.
            Err(err) => {
                write_error = Some(err);
                ControlFlow::Break(())
            }
        }
    })
    .context("starting worker threads")?;
    if let Some(err) = write_error {
        // The unfinished writer is dropped, its temporary file removed.
        return Err(err.context("writing the output"));
    }
    if let Some(mut writer) = writer {
        if args.format == OutputFormat::Json {
            let object = serde_json::Value::Object(benchmark);
            writeln!(writer, "{object}").context("writing the output")?;
        }
        writer.finish().context("writing the output")?;
    }
    if let Some(parquet) = parquet {
        parquet.finish().context("writing the output")?;
    }
    for reason in &summary.abandoned {
        say(reason);
        inputs = Status::InputsUnreadable;
    }
    say(Tally {
        pages: summary.pages,
        without_page: summary.skipped_records,
        blank_lines: summary.blank_lines,
        other_language: summary.other_language,
        errors: summary.errors,
        bytes: summary.bytes,
        elapsed: summary.elapsed,
        ..Tally::default()
    });
    Ok(inputs.max(pages_status(summary.errors)))
}

/// Writes an extracted page to OUT_DIR/<id>.txt (or `.md`: the id made
/// safe as a file name, and renamed by `names` if another page of the run
/// has it).
fn write_text_file(
    dir: &Path,
    outcome: &Outcome,
    include_title: bool,
    names: &mut output::UniqueNames,
) -> Result<()> {
    let Outcome::Extracted(page, article) = outcome else {
        return Ok(());
    };
    let extension = article.format.extension();
    let name = PathBuf::from(format!("{}.{extension}", output::file_stem_for(&page.id)));
    let path = dir.join(names.claim_path(&name));
    batch::write_atomically(&path, article.render(include_title).as_bytes())?;
    Ok(())
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
