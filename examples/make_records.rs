//! Writes a folder of HTML pages as records `{"id", "url", "html"}` (the
//! HTML decoded to text as pith decodes it), to measure record-to-record
//! throughput on known pages: JSON Lines (`.jsonl`, compressed by a `.gz`
//! or `.zst` extension) or Parquet (`.parquet`, zstd, one row group per
//! copy of the folder).
//! Usage: cargo run --release --example make_records -- PAGES_DIR OUT [--copies N]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use pith::input;
use pith::output::RecordWriter;

const USAGE: &str = "usage: make_records PAGES_DIR OUT [--copies N]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let pages = PathBuf::from(args.next().ok_or(USAGE)?);
    let out = PathBuf::from(args.next().ok_or(USAGE)?);
    let copies: usize = match (args.next().as_deref(), args.next()) {
        (Some("--copies"), Some(n)) => n.parse()?,
        _ => 1,
    };
    let (sources, _) = input::list_sources(&[pages]);
    let mut pages = Vec::new();
    for source in &sources {
        let raw = input::read_source(&source.path)?;
        let html = input::decompress(&raw, usize::MAX)?;
        let id = source.output.with_extension("");
        pages.push((
            id.to_string_lossy().into_owned(),
            input::decode(&html).into_owned(),
        ));
    }
    let parquet = out.extension().is_some_and(|e| e == "parquet");
    if parquet {
        write_parquet(&out, &pages, copies)?;
    } else {
        let mut writer = RecordWriter::open(Some(&out))?;
        for copy in 0..copies {
            for (id, html) in &pages {
                let record =
                    serde_json::json!({"id": format!("{id}-{copy}"), "url": url(id), "html": html});
                writeln!(writer, "{record}")?;
            }
        }
        writer.finish()?;
    }
    eprintln!(
        "{} records written to {}",
        pages.len() * copies,
        out.display()
    );
    Ok(())
}

fn url(id: &str) -> String {
    format!("https://example.com/{id}")
}

fn write_parquet(
    out: &Path,
    pages: &[(String, String)],
    copies: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("url", DataType::Utf8, false),
        Field::new("html", DataType::Utf8, false),
    ]));
    let properties = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
        .build();
    let file = std::fs::File::create(out)?;
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, schema.clone(), Some(properties))?;
    for copy in 0..copies {
        let ids: Vec<String> = pages.iter().map(|(id, _)| format!("{id}-{copy}")).collect();
        let urls: Vec<String> = pages.iter().map(|(id, _)| url(id)).collect();
        let html: Vec<&str> = pages.iter().map(|(_, html)| html.as_str()).collect();
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(StringArray::from(ids)),
                Arc::new(StringArray::from(urls)),
                Arc::new(StringArray::from(html)),
            ],
        )?;
        writer.write(&batch)?;
        writer.flush()?;
    }
    writer.close()?;
    Ok(())
}
