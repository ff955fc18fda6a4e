//! Writes a Common Crawl-shaped WARC (one gzip member per record: a request
//! and a response for each page) from a folder of HTML pages, to measure
//! WARC → JSON Lines throughput on known pages.
//! Usage: cargo run --release --example make_warc -- PAGES_DIR OUT.warc.gz [--copies N]

use std::io::Write;
use std::path::PathBuf;

use pith::input;

fn gzip_member(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn record(kind: &str, id: usize, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{id}>\r\n\
         WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let pages = PathBuf::from(
        args.next()
            .ok_or("usage: make_warc PAGES_DIR OUT [--copies N]")?,
    );
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: make_warc PAGES_DIR OUT [--copies N]")?,
    );
    let copies: usize = match (args.next().as_deref(), args.next()) {
        (Some("--copies"), Some(n)) => n.parse()?,
        _ => 1,
    };
    let (sources, _) = input::list_sources(&[pages]);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    let mut id = 0;
    for _ in 0..copies {
        for source in &sources {
            let raw = input::read_source(&source.path)?;
            let html = input::decompress(&raw, usize::MAX)?;
            id += 1;
            let uri = format!("https://example.com/{id}");
            let request = format!("GET /{id} HTTP/1.1\r\nHost: example.com\r\n\r\n");
            let mut response = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
            response.extend_from_slice(&html);
            let http = "application/http; msgtype=";
            file.write_all(&gzip_member(&record(
                "request",
                id,
                &uri,
                &format!("{http}request"),
                request.as_bytes(),
            ))?)?;
            file.write_all(&gzip_member(&record(
                "response",
                id,
                &uri,
                &format!("{http}response"),
                &response,
            ))?)?;
        }
    }
    file.flush()?;
    eprintln!("{id} pages written to {}", out.display());
    Ok(())
}
