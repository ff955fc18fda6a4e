//! Parquet output: records written as the rows of a zstd-compressed
//! Parquet file, in input order, in row groups of [`ROW_GROUP_ROWS`]
//! records, to a temporary file renamed over the target when the run ends
//! whole. The columns are the first row group's fields in their order (a
//! Parquet input's columns, then pith's); pith's own columns are strings,
//! `metadata` a JSON string.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_json::reader::{Decoder, ReaderBuilder, infer_json_schema_from_iterator};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use super::Pending;

/// Records per row group: a row group of pages' texts (a few kilobytes
/// each) stays a few megabytes, as readers that load one at a time want.
pub const ROW_GROUP_ROWS: usize = 1024;

/// pith's columns, written as strings whatever the first rows hold (a
/// record's text key is one too).
const PITH_COLUMNS: [&str; 8] = [
    "id",
    "url",
    "date",
    "title",
    "metadata",
    "pith_metadata",
    "error",
    "skipped",
];
/// The columns holding metadata objects, written as JSON strings: their
/// keys differ from page to page (and merge with a record's own), which a
/// fixed struct column could not hold; Spark's `from_json`, DuckDB's JSON
/// functions and `json.loads` on a `datasets` column read them.
const JSON_COLUMNS: [&str; 2] = ["metadata", "pith_metadata"];

/// Writes records as Parquet rows.
pub struct ParquetWriter {
    /// The file, until the first row group fixes the schema.
    file: Option<File>,
    writer: Option<(ArrowWriter<File>, Decoder)>,
    rows: Vec<Value>,
    text_key: String,
    pending: Pending,
}

impl ParquetWriter {
    /// Opens a temporary file beside `path`; `text_key` names the text column.
    pub fn open(path: &Path, text_key: &str) -> std::io::Result<ParquetWriter> {
        let pending = Pending {
            temporary: crate::batch::temporary_path(path),
            target: path.to_path_buf(),
            renamed: false,
        };
        let file = File::create(&pending.temporary)?;
        Ok(ParquetWriter {
            file: Some(file),
            writer: None,
            rows: Vec::with_capacity(ROW_GROUP_ROWS),
            text_key: text_key.to_string(),
            pending,
        })
    }

    /// Adds one record (a JSON object, as [`super::json_record`] makes it).
    pub fn write(&mut self, mut record: Value) -> std::io::Result<()> {
        for column in JSON_COLUMNS {
            if let Some(value) = record
                .get_mut(column)
                .filter(|v| !v.is_string() && !v.is_null())
            {
                *value = Value::String(value.to_string());
            }
        }
        self.rows.push(record);
        if self.rows.len() >= ROW_GROUP_ROWS {
            self.write_row_group()?;
        }
        Ok(())
    }

    /// Writes the rows held as one row group.
    fn write_row_group(&mut self) -> std::io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        if self.writer.is_none() {
            let schema = schema_of(&self.rows, &self.text_key).map_err(std::io::Error::other)?;
            self.start(schema)?;
        }
        let Some((writer, decoder)) = self.writer.as_mut() else {
            return Ok(());
        };
        let rows = std::mem::take(&mut self.rows);
        decoder.serialize(&rows).map_err(|err| {
            std::io::Error::other(format!(
                "a record does not fit the columns of the first {ROW_GROUP_ROWS} records: {err}"
            ))
        })?;
        if let Some(batch) = decoder.flush().map_err(std::io::Error::other)? {
            writer.write(&batch).map_err(std::io::Error::other)?;
            writer.flush().map_err(std::io::Error::other)?;
        }
        self.rows = rows;
        self.rows.clear();
        Ok(())
    }

    fn start(&mut self, schema: SchemaRef) -> std::io::Result<()> {
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(properties))
            .map_err(std::io::Error::other)?;
        let decoder = ReaderBuilder::new(schema)
            .with_batch_size(ROW_GROUP_ROWS)
            .with_strict_mode(true)
            .build_decoder()
            .map_err(std::io::Error::other)?;
        self.writer = Some((writer, decoder));
        Ok(())
    }

    /// Writes the last row group and the footer, then renames the
    /// temporary file into place. A run without records writes a file
    /// with pith's columns and no rows.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.write_row_group()?;
        if self.writer.is_none() {
            let schema = Arc::new(Schema::new(pith_fields(&[], &self.text_key)));
            self.start(schema)?;
        }
        if let Some((writer, _)) = self.writer.take() {
            writer.close().map_err(std::io::Error::other)?;
        }
        std::fs::rename(&self.pending.temporary, &self.pending.target)?;
        self.pending.renamed = true;
        Ok(())
    }
}

/// The columns of `rows`: every field in the order it first appears, with
/// the type inferred from the rows (a field null throughout is a string),
/// pith's own columns as strings, and those of pith's columns that no row
/// has added at the end.
fn schema_of(rows: &[Value], text_key: &str) -> Result<SchemaRef, arrow_schema::ArrowError> {
    let inferred = infer_json_schema_from_iterator(rows.iter().map(Ok))?;
    let mut names: Vec<&str> = Vec::new();
    for row in rows {
        for name in row.as_object().into_iter().flat_map(|object| object.keys()) {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    let is_pith = |name: &str| name == text_key || PITH_COLUMNS.contains(&name);
    let mut fields: Vec<Field> = names
        .iter()
        .map(|&name| match inferred.field_with_name(name) {
            Ok(field) if !is_pith(name) && field.data_type() != &DataType::Null => {
                field.clone().with_nullable(true)
            }
            _ => Field::new(name, DataType::Utf8, true),
        })
        .collect();
    fields.extend(pith_fields(&names, text_key));
    Ok(Arc::new(Schema::new(fields)))
}

/// pith's string columns not among `present`.
fn pith_fields(present: &[&str], text_key: &str) -> Vec<Field> {
    std::iter::once(text_key)
        .chain(PITH_COLUMNS)
        .filter(|name| !present.contains(name))
        .map(|name| Field::new(name, DataType::Utf8, true))
        .collect()
}
