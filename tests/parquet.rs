//! Parquet in and out, end to end: a Parquet file written by the test
//! (several row groups, other columns of several types, a row without
//! HTML) goes through `pith extract --format parquet`, and the file pith
//! writes is read back with the `parquet` crate.
#![cfg(feature = "parquet")]

mod common;

use std::path::Path;
use std::sync::Arc;

use arrow_array::{Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use common::{PROSE_A, path_str, pith};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::properties::WriterProperties;

/// Rows in the test's input: more than one of pith's row groups.
const ROWS: usize = 2500;
/// Rows per row group of the test's input.
const INPUT_GROUP_ROWS: usize = 700;
/// The row without HTML.
const NO_HTML: usize = 1234;

fn html(row: usize) -> String {
    format!("<article><h1>Story {row}</h1><p>{PROSE_A} Number {row}.</p></article>")
}

/// Writes the input: `doc` (the id), `link`, `raw` (the HTML, null on one
/// row), `score` (integers) and `crawl` (strings), in row groups of
/// [`INPUT_GROUP_ROWS`].
fn write_input(path: &Path) {
    let schema = Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("link", DataType::Utf8, false),
        Field::new("raw", DataType::Utf8, true),
        Field::new("score", DataType::Int64, false),
        Field::new("crawl", DataType::Utf8, false),
    ]));
    let properties = WriterProperties::builder()
        .set_max_row_group_row_count(Some(INPUT_GROUP_ROWS))
        .build();
    let file = std::fs::File::create(path).expect("create input");
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties)).expect("writer");
    let rows = 0..ROWS;
    let batch = RecordBatch::try_new(
        schema,
        vec![
            Arc::new(StringArray::from_iter_values(
                rows.clone().map(|i| format!("d{i}")),
            )),
            Arc::new(StringArray::from_iter_values(
                rows.clone().map(|i| format!("https://ex.com/{i}")),
            )),
            Arc::new(StringArray::from_iter(
                rows.clone().map(|i| (i != NO_HTML).then(|| html(i))),
            )),
            Arc::new(Int64Array::from_iter_values(
                rows.clone().map(|i| i as i64 * 7),
            )),
            Arc::new(StringArray::from_iter_values(rows.map(|_| "2024-18"))),
        ],
    )
    .expect("batch");
    writer.write(&batch).expect("write");
    writer.close().expect("close");
}

fn strings<'a>(batch: &'a RecordBatch, name: &str) -> &'a StringArray {
    batch
        .column_by_name(name)
        .and_then(|column| column.as_any().downcast_ref::<StringArray>())
        .unwrap_or_else(|| panic!("a string column {name}"))
}

/// Runs pith on the test's input (written into `dir`) with `extra`
/// arguments after the fields that name its HTML, id and URL.
fn extract_input(dir: &Path, extra: &[&str]) -> std::process::Output {
    let input = dir.join("in.parquet");
    write_input(&input);
    let mut args = vec!["extract", path_str(&input)];
    args.extend("--html-field raw --id-field doc --url-field link".split(' '));
    args.extend(extra);
    pith(&args)
}

#[test]
fn parquet_to_parquet_keeps_every_row_in_order_with_its_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.parquet");
    let run = extract_input(
        dir.path(),
        &["--format", "parquet", "-o", path_str(&out), "-j", "2"],
    );
    // One row had no HTML: an error record, exit status 1.
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&out).expect("out"))
        .expect("a Parquet file");
    let metadata = builder.metadata().clone();
    assert_eq!(metadata.num_row_groups(), ROWS.div_ceil(1024));
    let compression = metadata.row_group(0).column(0).compression();
    assert!(
        matches!(compression, parquet::basic::Compression::ZSTD(_)),
        "{compression:?}"
    );
    let columns: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|field| field.name().clone())
        .collect();
    assert_eq!(
        columns[..7],
        ["doc", "link", "score", "crawl", "id", "url", "title"],
        "{columns:?}"
    );
    assert_eq!(
        builder
            .schema()
            .field_with_name("score")
            .map(|f| f.data_type().clone())
            .ok(),
        Some(DataType::Int64)
    );
    let batches: Vec<RecordBatch> = builder
        .build()
        .expect("reader")
        .collect::<Result<_, _>>()
        .expect("batches");
    let mut row = 0;
    for batch in &batches {
        let scores = batch
            .column_by_name("score")
            .and_then(|c| c.as_any().downcast_ref::<Int64Array>())
            .expect("score");
        let (ids, texts, errors) = (
            strings(batch, "id"),
            strings(batch, "text"),
            strings(batch, "error"),
        );
        let (titles, metadata) = (strings(batch, "title"), strings(batch, "metadata"));
        for i in 0..batch.num_rows() {
            assert_eq!(ids.value(i), format!("d{row}"), "input order kept");
            assert_eq!(strings(batch, "crawl").value(i), "2024-18");
            assert_eq!(scores.value(i), row as i64 * 7);
            if row == NO_HTML {
                assert!(errors.value(i).contains("no \"raw\" text field"));
                assert_eq!(texts.value(i), "");
            } else {
                assert!(errors.is_null(i));
                assert_eq!(titles.value(i), format!("Story {row}"));
                assert_eq!(texts.value(i), format!("{PROSE_A} Number {row}."));
                let parsed: serde_json::Value =
                    serde_json::from_str(metadata.value(i)).expect("metadata is a JSON string");
                assert_eq!(parsed["language"], "en");
            }
            row += 1;
        }
    }
    assert_eq!(row, ROWS, "every row written");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "the temporary file was renamed");
}

#[test]
fn parquet_input_gives_json_lines_and_markdown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = extract_input(
        dir.path(),
        &["--format", "jsonl", "--text-format", "markdown"],
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    assert_eq!(records.len(), ROWS);
    assert_eq!(records[3]["id"], "d3");
    assert_eq!(records[3]["score"], 21);
    assert_eq!(records[3]["text"], format!("{PROSE_A} Number 3."));
}

#[test]
fn a_file_that_is_not_parquet_is_a_named_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("broken.parquet");
    std::fs::write(&input, b"PAR1 this is not a parquet file").expect("write");
    let run = pith(&["extract", path_str(&input), "--format", "jsonl"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("broken.parquet: not a readable Parquet file"),
        "{stderr}"
    );
    let run = pith(&["extract", path_str(&input), "--format", "parquet"]);
    assert_eq!(run.status.code(), Some(2), "-o is required");
}
