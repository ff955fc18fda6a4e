//! Output: renders the selected blocks as plain text (the title line, then
//! one block per paragraph separated by blank lines, list items as `- `),
//! and pages of a stream as JSON records.

use std::io::{BufWriter, Write};

use serde_json::{Map, Value, json};

use crate::Article;
use crate::blocks::{Block, BlockKind};
use crate::input::Page;

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
/// `metadata`; a page that failed carries `error`, one left out for its
/// language carries `"skipped": "language"`, both with an empty text.
pub fn json_record(outcome: &Outcome, text_key: &str) -> Value {
    let page = outcome.page();
    let mut record: Map<String, Value> = page.extra.clone();
    record.insert("id".into(), json!(page.id));
    record.insert("url".into(), json!(page.url));
    if let Some(date) = &page.date {
        record.insert("date".into(), json!(date));
    }
    match outcome {
        Outcome::Extracted(_, article) | Outcome::OtherLanguage(_, article) => {
            record.insert("title".into(), json!(article.title));
            record.insert(text_key.into(), json!(outcome.text()));
            record.insert("metadata".into(), json!(article.metadata));
        }
        Outcome::Failed(_, reason) => {
            record.insert(text_key.into(), json!(""));
            record.insert("error".into(), json!(reason));
        }
    }
    if let Outcome::OtherLanguage(..) = outcome {
        record.insert("skipped".into(), json!("language"));
    }
    Value::Object(record)
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

/// The full text of an article: the title and a blank line (when asked
/// for and known), then the body, ending in a newline when not empty.
pub fn render_article(title: Option<&str>, body: &str, include_title: bool) -> String {
    let mut text = String::new();
    if let Some(title) = title.filter(|t| include_title && !t.is_empty()) {
        text.push_str(title);
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
/// `.gz`, or stdout. [`RecordWriter::finish`] must be called to complete it.
pub enum RecordWriter {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(flate2::write::GzEncoder<BufWriter<Box<dyn Write + Send>>>),
}

impl RecordWriter {
    /// Opens the file at `path`, or stdout.
    pub fn open(path: Option<&std::path::Path>) -> std::io::Result<RecordWriter> {
        const BUFFER: usize = 256 * 1024;
        let Some(path) = path else {
            let stdout: Box<dyn Write + Send> = Box::new(std::io::stdout());
            return Ok(RecordWriter::Plain(BufWriter::with_capacity(
                BUFFER, stdout,
            )));
        };
        let file: Box<dyn Write + Send> = Box::new(std::fs::File::create(path)?);
        let file = BufWriter::with_capacity(BUFFER, file);
        if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("gz"))
        {
            let level = flate2::Compression::default();
            return Ok(RecordWriter::Gzip(flate2::write::GzEncoder::new(
                file, level,
            )));
        }
        Ok(RecordWriter::Plain(file))
    }

    /// Flushes everything (and ends the gzip stream).
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            RecordWriter::Plain(mut writer) => writer.flush(),
            RecordWriter::Gzip(encoder) => encoder.finish()?.flush(),
        }
    }
}

impl Write for RecordWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            RecordWriter::Plain(writer) => writer.write(bytes),
            RecordWriter::Gzip(encoder) => encoder.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            RecordWriter::Plain(writer) => writer.flush(),
            RecordWriter::Gzip(encoder) => encoder.flush(),
        }
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
