//! Output: renders the selected blocks as plain text (the title line, then
//! one block per paragraph separated by blank lines, list items as `- `)
//! or as Markdown ([`markdown`]), and pages of a stream as JSON records
//! (JSON Lines, JSON, or with the `parquet` feature Parquet rows).

pub mod markdown;
#[cfg(feature = "parquet")]
pub mod parquet;

/// Stands in for the Parquet writer in a build without the `parquet`
/// feature: opening it says so.
#[cfg(not(feature = "parquet"))]
pub mod parquet {
    use std::path::Path;

    /// Never made: [`ParquetWriter::open`] fails.
    pub enum ParquetWriter {}

    impl ParquetWriter {
        pub fn open(_path: &Path, _text_key: &str) -> std::io::Result<ParquetWriter> {
            Err(std::io::Error::other(
                "this pith was built without the `parquet` feature",
            ))
        }

        pub fn write(&mut self, _record: serde_json::Value) -> std::io::Result<()> {
            match *self {}
        }

        pub fn finish(self) -> std::io::Result<()> {
            match self {}
        }
    }
}

use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::Article;
use crate::blocks::{Block, BlockKind};
use crate::input::Page;

/// How an article's text is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextFormat {
    /// Plain text: blocks separated by blank lines.
    #[default]
    Plain,
    /// CommonMark with pipe tables (see [`markdown`]).
    Markdown,
}

impl TextFormat {
    /// The extension of a file holding one article's text.
    pub fn extension(self) -> &'static str {
        match self {
            TextFormat::Plain => "txt",
            TextFormat::Markdown => "md",
        }
    }
}

/// What became of one page of a stream.
#[derive(Debug, Clone)]
pub enum Outcome {
    Extracted(Page, Article),
    /// The page's text is in none of the wanted languages.
    OtherLanguage(Page, Article),
    Failed(Page, String),
}

impl Outcome {
    pub fn page(&self) -> &Page {
        match self {
            Outcome::Extracted(page, _) | Outcome::OtherLanguage(page, _) => page,
            Outcome::Failed(page, _) => page,
        }
    }

    /// The article text a record carries: empty unless extracted.
    pub fn text(&self) -> &str {
        match self {
            Outcome::Extracted(_, article) => &article.text,
            _ => "",
        }
    }
}

/// One JSON Lines record: the input record's other fields, then `id`,
/// `url`, `date` (when known), `title`, the text under `text_key`, and
/// `metadata` (merged with the record's own: see [`merge_metadata`]); a
/// page that failed carries `error`, one left out for its language
/// carries `"skipped": "language"`, both with an empty text.
pub fn json_record(outcome: &Outcome, text_key: &str) -> Value {
    let page = outcome.page();
    let mut record: Map<String, Value> = page.extra.clone();
    record.insert("id".into(), json!(page.id));
    record.insert("url".into(), json!(page.url));
    if let Some(date) = &page.date {
        record.insert("date".into(), json!(date));
    }
    let extracted = match outcome {
        Outcome::Extracted(_, article) | Outcome::OtherLanguage(_, article) => Ok(article),
        Outcome::Failed(_, reason) => Err(reason.as_str()),
    };
    let skipped = matches!(outcome, Outcome::OtherLanguage(..));
    for (key, value) in extraction_fields(extracted, false) {
        match key.as_str() {
            METADATA => merge_metadata(&mut record, value),
            // A page skipped for its language keeps its title and metadata, not its text.
            TEXT if skipped => {
                record.insert(text_key.into(), json!(""));
            }
            TEXT => {
                record.insert(text_key.into(), value);
            }
            _ => {
                record.insert(key, value);
            }
        }
    }
    if skipped {
        record.insert("skipped".into(), json!("language"));
    }
    Value::Object(record)
}

/// The key of a record's metadata object.
const METADATA: &str = "metadata";
/// The key of a record's text (the CLI's `--text-key` renames it).
const TEXT: &str = "text";

/// What a record says of one page's extraction, in this order: for an
/// article, `title` (null when unknown), `text` and `metadata`; for a
/// failure, an empty `text` and `error` with the reason. With
/// `include_title`, a known title opens the text, followed by a blank line.
/// The CLI's JSON Lines records and the Python binding's dicts are both
/// made of these fields.
pub fn extraction_fields(
    extracted: Result<&Article, &str>,
    include_title: bool,
) -> Map<String, Value> {
    let mut fields = Map::new();
    match extracted {
        Ok(article) => {
            fields.insert("title".into(), json!(article.title));
            fields.insert(TEXT.into(), json!(titled_text(article, include_title)));
            fields.insert(METADATA.into(), json!(article.metadata));
        }
        Err(reason) => {
            fields.insert(TEXT.into(), json!(""));
            fields.insert("error".into(), json!(reason));
        }
    }
    fields
}

/// An article's text, opened by its title and a blank line when asked
/// for and the title is known.
fn titled_text(article: &Article, include_title: bool) -> std::borrow::Cow<'_, str> {
    match article
        .title
        .as_deref()
        .filter(|t| include_title && !t.is_empty())
    {
        Some(title) if article.text.is_empty() => title.into(),
        Some(title) => format!("{title}\n\n{}", article.text).into(),
        None => article.text.as_str().into(),
    }
}
/// What a key of pith's takes before it where the record has one of that name.
const CLASH_PREFIX: &str = "pith_";

/// Merges pith's metadata into the record's own `metadata` object (as
/// datatrove and dolma documents carry one): the record's keys stay as
/// they are; pith's go under their own names, or `pith_<name>` where the
/// record already has that name (a record's `language` stays, pith's is
/// `pith_language`). A record whose `metadata` is not an object keeps it,
/// and pith's object goes beside it as `pith_metadata`. Nothing of the
/// record's is ever overwritten.
fn merge_metadata(record: &mut Map<String, Value>, ours: Value) {
    let Value::Object(ours) = ours else {
        return;
    };
    match record.get_mut(METADATA) {
        None => {
            record.insert(METADATA.into(), Value::Object(ours));
        }
        Some(Value::Object(own)) => {
            for (key, value) in ours {
                let key = if own.contains_key(&key) {
                    format!("{CLASH_PREFIX}{key}")
                } else {
                    key
                };
                own.entry(key).or_insert(value);
            }
        }
        Some(_) => {
            record
                .entry(format!("{CLASH_PREFIX}{METADATA}"))
                .or_insert(Value::Object(ours));
        }
    }
}

/// Joins the kept blocks into the article body.
pub fn render_body(blocks: &[Block], kept: impl IntoIterator<Item = usize>) -> String {
    let mut body = String::new();
    for index in kept {
        let block = &blocks[index];
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        if block.kind == BlockKind::ListItem {
            body.push_str("- ");
        }
        body.push_str(&block.text);
    }
    body
}

/// The full text of an article: the title (a `#` heading in Markdown) and
/// a blank line (when asked for and known), then the body, ending in a
/// newline when not empty.
pub fn render_article(
    title: Option<&str>,
    body: &str,
    include_title: bool,
    format: TextFormat,
) -> String {
    let mut text = String::new();
    if let Some(title) = title.filter(|t| include_title && !t.is_empty()) {
        match format {
            TextFormat::Plain => text.push_str(title),
            TextFormat::Markdown => text.push_str(&markdown::title_line(title)),
        }
        text.push_str("\n\n");
    }
    text.push_str(body);
    if !text.is_empty() {
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        text.push('\n');
    }
    text
}

/// Where records go: a file, gzip-compressed when its name ends in
/// `.gz`, zstd-compressed when it ends in `.zst`, or stdout. A file is written to a temporary file beside it
/// (see [`crate::batch::temporary_path`]) and renamed into place by
/// [`RecordWriter::finish`], so an interrupted run leaves the previous
/// file whole; a writer dropped unfinished removes its temporary file.
pub struct RecordWriter {
    sink: Sink,
    file: Option<Pending>,
}

enum Sink {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(flate2::write::GzEncoder<BufWriter<Box<dyn Write + Send>>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<Box<dyn Write + Send>>>),
}

/// zstd's level for written records: the library's default (3), the
/// level the `zstd` tool uses, a balance of speed and size.
const ZSTD_LEVEL: i32 = zstd::DEFAULT_COMPRESSION_LEVEL;

/// A temporary file to rename over its target once complete.
struct Pending {
    temporary: PathBuf,
    target: PathBuf,
    renamed: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.renamed {
            // Best effort: the run has failed already and says why.
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

impl RecordWriter {
    /// Opens a temporary file beside `path`, or stdout.
    pub fn open(path: Option<&Path>) -> std::io::Result<RecordWriter> {
        const BUFFER: usize = 256 * 1024;
        let Some(path) = path else {
            let stdout: Box<dyn Write + Send> = Box::new(std::io::stdout());
            let sink = Sink::Plain(BufWriter::with_capacity(BUFFER, stdout));
            return Ok(RecordWriter { sink, file: None });
        };
        let pending = Pending {
            temporary: crate::batch::temporary_path(path),
            target: path.to_path_buf(),
            renamed: false,
        };
        let file: Box<dyn Write + Send> = Box::new(std::fs::File::create(&pending.temporary)?);
        let file = BufWriter::with_capacity(BUFFER, file);
        let extension = path.extension().unwrap_or_default();
        let sink = if extension.eq_ignore_ascii_case("gz") {
            let level = flate2::Compression::default();
            Sink::Gzip(flate2::write::GzEncoder::new(file, level))
        } else if extension.eq_ignore_ascii_case("zst") {
            Sink::Zstd(zstd::stream::write::Encoder::new(file, ZSTD_LEVEL)?)
        } else {
            Sink::Plain(file)
        };
        Ok(RecordWriter {
            sink,
            file: Some(pending),
        })
    }

    /// Flushes everything (and ends the gzip or zstd stream), then renames the
    /// temporary file into place.
    pub fn finish(self) -> std::io::Result<()> {
        let mut inner = match self.sink {
            Sink::Plain(writer) => writer,
            Sink::Gzip(encoder) => encoder.finish()?,
            Sink::Zstd(encoder) => encoder.finish()?,
        };
        inner.flush()?;
        // Closed before the rename.
        drop(inner);
        if let Some(mut pending) = self.file {
            std::fs::rename(&pending.temporary, &pending.target)?;
            pending.renamed = true;
        }
        Ok(())
    }
}

impl Write for RecordWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Plain(writer) => writer.write(bytes),
            Sink::Gzip(encoder) => encoder.write(bytes),
            Sink::Zstd(encoder) => encoder.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Plain(writer) => writer.flush(),
            Sink::Gzip(encoder) => encoder.flush(),
            Sink::Zstd(encoder) => encoder.flush(),
        }
    }
}

/// Output names given out in one run, so that no output overwrites
/// another written in the same run. The first page to claim a name keeps
/// it; each later one gets `~2`, `~3`, … (the first number free) before
/// its extension: `x.txt`, `x~2.txt`. Names are compared ignoring case,
/// as some file systems do. Deterministic for a given order of pages.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashSet<String>,
}

impl UniqueNames {
    /// A name for `path` (relative to the output folder) not given out before.
    pub fn claim_path(&mut self, path: &Path) -> PathBuf {
        let (Some(stem), Some(parent)) = (path.file_stem(), path.parent()) else {
            return path.to_path_buf();
        };
        let extension = path.extension();
        let mut number = 1;
        loop {
            let mut name = stem.to_owned();
            if number > 1 {
                name.push(format!("~{number}"));
            }
            if let Some(extension) = extension {
                name.push(".");
                name.push(extension);
            }
            let candidate = parent.join(name);
            if self.take(&candidate.to_string_lossy()) {
                return candidate;
            }
            number += 1;
        }
    }

    /// A key (a record id in `--format json`) not given out before.
    pub fn claim_key(&mut self, key: &str) -> String {
        if self.take(key) {
            return key.to_string();
        }
        (2..)
            .map(|number| format!("{key}~{number}"))
            .find(|candidate| self.take(candidate))
            .unwrap_or_default()
    }

    fn take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_lowercase())
    }
}

/// A record id made safe as a file name: characters other than letters,
/// digits, `.`, `-` and `_` become `_`, and long ids are cut.
pub fn file_stem_for(id: &str) -> String {
    const MAX_CHARS: usize = 200;
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(MAX_CHARS)
        .collect();
    match stem.trim_start_matches('.') {
        "" => "_".to_string(),
        safe => safe.to_string(),
    }
}

/// The AEB-format object of a whole run: `{id: {"articleBody", "url"}}`.
pub fn benchmark_entry(outcome: &Outcome) -> Value {
    json!({"articleBody": outcome.text(), "url": outcome.page().url})
}
