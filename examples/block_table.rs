//! Block table: the fitted model's training data. For every page of a
//! folder, the text of each block and the model's inputs as pith measures
//! them (the same rows `extract` scores), one JSON line per page:
//! `{"id", "texts": [...], "rows": [[...], ...]}`, after a header line
//! `{"features": [names]}`. `train/train.py` aligns the texts to the gold
//! standard to label them.
//! Usage: cargo run --release --example block_table -- HTML_DIR OUT.jsonl

use std::io::Write;
use std::path::{Path, PathBuf};

use pith::scoring::model::FEATURE_NAMES;
use pith::{Options, explain};
use rayon::prelude::*;
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [folder, out] = args.as_slice() else {
        return Err("usage: block_table HTML_DIR OUT.jsonl".into());
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    pages.sort();
    let lines: Vec<String> = pages
        .par_iter()
        .filter_map(|path| page_line(path))
        .collect();
    let mut writer = std::io::BufWriter::new(std::fs::File::create(out)?);
    writeln!(
        writer,
        "{}",
        json!({ "features": FEATURE_NAMES.as_slice() })
    )?;
    for line in &lines {
        writeln!(writer, "{line}")?;
    }
    writer.flush()?;
    eprintln!("{} of {} pages written to {out}", lines.len(), pages.len());
    Ok(())
}

/// One page's line, or `None` (with a message) when pith refuses the page.
fn page_line(path: &Path) -> Option<String> {
    let id = path.file_name()?.to_str()?.split('.').next()?.to_string();
    let bytes = std::fs::read(path).ok()?;
    match explain(&bytes, None, &Options::default()) {
        Ok(explanation) => {
            let texts: Vec<&str> = explanation.blocks.iter().map(|b| b.text.as_str()).collect();
            let rows: Vec<&[f64]> = explanation
                .blocks
                .iter()
                .map(|b| &b.model_row[..])
                .collect();
            Some(json!({ "id": id, "texts": texts, "rows": rows }).to_string())
        }
        Err(error) => {
            eprintln!("{}: {error}", path.display());
            None
        }
    }
}
