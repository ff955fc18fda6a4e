//! Parquet input: a Parquet file as a record source like JSON Lines. Row
//! groups are read one batch of rows at a time (memory stays bounded by a
//! row group's column chunks and one batch), each batch written out as JSON
//! Lines and read by [`JsonLines`], so the HTML, id and URL columns are
//! named as for JSON Lines and every other column is passed through.

use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;

use arrow_array::RecordBatch;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};

use super::jsonl::{Fields, JsonLines};
use super::record::Entry;
use crate::Error;

/// Rows decoded at a time: few enough that a batch of large pages stays
/// small beside the row group it comes from.
const BATCH_ROWS: usize = 64;

/// The records of a Parquet file, read lazily.
pub fn parquet_records(
    path: &Path,
    fields: &Fields,
    max_bytes: usize,
) -> Result<Box<dyn Iterator<Item = Entry> + Send>, Error> {
    let bad_input = |reason: String| Error::BadInput {
        path: path.to_path_buf(),
        reason,
    };
    if path.as_os_str() == "-" {
        return Err(bad_input(
            "Parquet cannot be read from stdin (its index is at the end): give a file".into(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let batches = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|builder| builder.with_batch_size(BATCH_ROWS).build())
        .map_err(|err| bad_input(format!("not a readable Parquet file: {err}")))?;
    let lines = BatchLines {
        batches,
        buffer: VecDeque::new(),
    };
    let reader = std::io::BufReader::new(lines);
    let name = path.display().to_string();
    Ok(Box::new(
        JsonLines::new(reader, fields.clone(), name).with_max_bytes(max_bytes),
    ))
}

/// The rows of a Parquet file as a stream of JSON Lines, one batch of
/// rows converted at a time (a failure reading one ends the stream with
/// an error, which [`JsonLines`] turns into an error record).
struct BatchLines {
    batches: ParquetRecordBatchReader,
    buffer: VecDeque<u8>,
}

impl Read for BatchLines {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.buffer.is_empty() {
            let Some(batch) = self.batches.next() else {
                return Ok(0);
            };
            let batch = batch.map_err(std::io::Error::other)?;
            self.buffer
                .extend(json_lines(&batch).map_err(std::io::Error::other)?);
        }
        self.buffer.read(out)
    }
}

fn json_lines(batch: &RecordBatch) -> Result<Vec<u8>, arrow_schema::ArrowError> {
    let mut writer = arrow_json::LineDelimitedWriter::new(Vec::new());
    writer.write(batch)?;
    writer.finish()?;
    Ok(writer.into_inner())
}
