//! WARC input: every `response` record whose HTTP payload is HTML is one
//! page (id = WARC-Record-ID, url = WARC-Target-URI, date = WARC-Date), with
//! the charset of its HTTP `Content-Type`; chunked transfer encoding and
//! gzip or deflate content encoding are undone. Gzipped WARCs are read one
//! gzip member at a time, as Common Crawl writes them (one record each), so
//! a corrupt record costs only itself. Records are parsed by the `warc`
//! crate, HTTP headers by `httparse`.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufRead, Read};

use warc::{RawRecordHeader, WarcHeader, WarcReader};

use super::record::{Entry, Page};

/// Room for a record's WARC and HTTP headers beside its page: a record
/// (or a gzip member) larger than `--max-bytes` and this is skipped
/// without being held.
const HEADERS_ALLOWANCE: u64 = 1024 * 1024;

/// The bytes that open a gzip member: the magic number and deflate, the
/// only compression method gzip defines.
const GZIP_MEMBER_HEADER: [u8; 3] = [0x1f, 0x8b, 0x08];

enum Source<R: BufRead> {
    /// A gzipped WARC, read member by member.
    Members(Rewound<R>),
    /// An uncompressed WARC, read record by record.
    Plain(Rewound<R>),
}

/// The entries of one WARC stream, read lazily.
pub struct WarcRecords<R: BufRead> {
    source: Source<R>,
    pending: VecDeque<Entry>,
    name: String,
    members: usize,
    done: bool,
    /// The largest page kept; see [`WarcRecords::with_max_bytes`].
    max_bytes: usize,
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads `reader` as a WARC, gzipped when `gzipped`; `name` stands for
    /// the stream in the ids of records that fail before their own id is known.
    pub fn new(mut reader: R, gzipped: bool, name: String) -> Self {
        let plain_warc = gzipped || starts_like_warc(reader.fill_buf().unwrap_or_default());
        let reader = Rewound {
            front: Vec::new(),
            at: 0,
            inner: Counted {
                inner: reader,
                offset: 0,
            },
        };
        let source = if gzipped {
            Source::Members(reader)
        } else {
            Source::Plain(reader)
        };
        let mut records = WarcRecords {
            source,
            pending: VecDeque::new(),
            name,
            members: 0,
            done: false,
            max_bytes: crate::Options::default().max_bytes,
        };
        if !plain_warc {
            records.fail_stream("not a WARC file (no WARC/ version line)".into());
        }
        records
    }

    /// Pages over `max_bytes` (after content decoding, which stops one
    /// byte past it) become error entries without their HTML, and a
    /// record over that and [`HEADERS_ALLOWANCE`] is skipped unread.
    pub fn with_max_bytes(self, max_bytes: usize) -> Self {
        WarcRecords { max_bytes, ..self }
    }

    /// The largest record (or gzip member) held.
    fn record_limit(&self) -> u64 {
        (self.max_bytes as u64).saturating_add(HEADERS_ALLOWANCE)
    }

    fn fail_stream(&mut self, reason: String) {
        self.done = true;
        let page = Page {
            id: format!("{}#{}", self.name, self.members),
            ..Page::default()
        };
        self.pending.push_back(Entry::Failed(page, reason));
    }

    /// Reads the next gzip member and queues its records. A corrupt member
    /// becomes one error record naming its byte offset, and reading goes
    /// on at the next gzip member header: each member is independent.
    fn read_member(&mut self) {
        let limit = self.record_limit();
        let Source::Members(reader) = &mut self.source else {
            return;
        };
        match reader.fill_buf() {
            Ok([]) => {
                self.done = true;
                return;
            }
            Ok(_) => {}
            Err(err) => return self.fail_stream(err.to_string()),
        }
        self.members += 1;
        let start = reader.offset();
        let mut member = Vec::new();
        let mut decoder = flate2::bufread::GzDecoder::new(&mut *reader);
        let read = (&mut decoder)
            .take(limit.saturating_add(1))
            .read_to_end(&mut member);
        let damage = match read {
            Err(err) => Some(format!("corrupt gzip member at byte {start}: {err}")),
            Ok(len) if len as u64 > limit => {
                drop(member);
                let reason = skip_oversized_member(&mut decoder, start, len as u64, limit);
                let page = Page {
                    id: format!("{}#{}", self.name, self.members),
                    ..Page::default()
                };
                self.pending.push_back(Entry::Failed(page, reason));
                return;
            }
            Ok(_) => None,
        };
        let name = format!("{}#{}", self.name, self.members);
        if let Some(reason) = damage {
            let skipped = skip_to_gzip_member(reader);
            let page = Page {
                id: name,
                ..Page::default()
            };
            self.pending.push_back(Entry::Failed(page, reason));
            if let Err(err) = skipped {
                self.fail_stream(err.to_string());
            }
            return;
        }
        if !starts_like_warc(&member) {
            let page = Page {
                id: name,
                ..Page::default()
            };
            let reason = "gzip member is not a WARC record".to_string();
            self.pending.push_back(Entry::Failed(page, reason));
            return;
        }
        for record in WarcReader::new(member.as_slice()).iter_raw_records() {
            self.pending.push_back(entry(record, &name, self.max_bytes));
        }
    }
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads the next record of an uncompressed WARC and queues its entry.
    /// A damaged record (its block not followed by the end of a record: a
    /// wrong `Content-Length`) becomes one error record naming its byte
    /// offset, and reading resumes at the next `WARC/1.` line, looked for
    /// first in what was read as its block.
    fn read_plain(&mut self) {
        let limit = self.record_limit();
        let Source::Plain(reader) = &mut self.source else {
            return;
        };
        self.members += 1;
        let name = format!("{}#{}", self.name, self.members);
        match read_plain_record(reader, limit) {
            Ok(None) => self.done = true,
            Ok(Some(record)) => {
                for record in WarcReader::new(record.as_slice()).iter_raw_records() {
                    self.pending.push_back(entry(record, &name, self.max_bytes));
                }
            }
            Err(PlainError::Io(err)) => self.fail_stream(err.to_string()),
            Err(PlainError::Damaged(damage)) => {
                let page = Page {
                    id: damage.id.unwrap_or(name),
                    ..Page::default()
                };
                self.pending.push_back(Entry::Failed(page, damage.reason));
                if let Err(err) = resynchronise(reader, &damage.read) {
                    self.fail_stream(err.to_string());
                }
            }
        }
    }
}

/// The longest header line read; a longer one is cut there.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// What ends a WARC record after its block.
const RECORD_END: &[u8] = b"\r\n\r\n";

/// A record of an uncompressed WARC that could not be framed, or was too
/// large to hold.
struct Damage {
    id: Option<String>,
    /// Why, with the record's byte offset.
    reason: String,
    /// What was read after its version line, where the next record may be.
    read: Vec<u8>,
}

enum PlainError {
    Io(std::io::Error),
    Damaged(Damage),
}

impl From<std::io::Error> for PlainError {
    fn from(err: std::io::Error) -> Self {
        PlainError::Io(err)
    }
}

/// One header line (or a piece of at most [`MAX_HEADER_LINE`] bytes).
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    line.clear();
    reader.take(MAX_HEADER_LINE).read_until(b'\n', line)
}

/// The bytes of the next record (version line, headers, block, end), or
/// `None` at the end of the stream. A block over `limit` bytes is not read
/// (the caller resynchronises past it).
fn read_plain_record<R: BufRead>(
    reader: &mut Rewound<R>,
    limit: u64,
) -> Result<Option<Vec<u8>>, PlainError> {
    let mut line = Vec::new();
    let offset = loop {
        let offset = reader.offset();
        if read_line(reader, &mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break offset;
        }
    };
    let damaged = |id: Option<String>, reason: &str, read: &[u8]| {
        PlainError::Damaged(Damage {
            id,
            reason: format!("damaged WARC record at byte {offset}: {reason}"),
            read: read.to_vec(),
        })
    };
    if !line.starts_with(b"WARC/") {
        return Err(damaged(None, "no WARC/ version line", &[]));
    }
    let mut record = line.clone();
    let version_len = record.len();
    let (mut length, mut id) = (None, None);
    loop {
        if read_line(reader, &mut line)? == 0 {
            return Err(damaged(id, "truncated headers", &record[version_len..]));
        }
        record.extend_from_slice(&line);
        if line.trim_ascii().is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<u64>().ok();
            } else if name.trim().eq_ignore_ascii_case("warc-record-id") {
                id = Some(value.trim().to_string());
            }
        }
    }
    let Some(length) = length else {
        return Err(damaged(id, "no Content-Length", &record[version_len..]));
    };
    if length > limit {
        // Read through and dropped; reading resumes at the next version line.
        std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink())?;
        return Err(PlainError::Damaged(Damage {
            id,
            reason: format!(
                "WARC record at byte {offset}: a block of {length} bytes, over the limit of \
                 {limit} bytes (--max-bytes and room for headers): skipped unread"
            ),
            read: Vec::new(),
        }));
    }
    let headers_len = record.len();
    reader.take(length).read_to_end(&mut record)?;
    let mut end = Vec::new();
    reader.take(RECORD_END.len() as u64).read_to_end(&mut end)?;
    let block_whole = (record.len() - headers_len) as u64 == length;
    // The last record of a file may lack its end, or end in bare newlines.
    let at_stream_end =
        end.len() < RECORD_END.len() && end.iter().all(|b| matches!(b, b'\r' | b'\n'));
    if block_whole && (end == RECORD_END || at_stream_end) {
        record.extend_from_slice(RECORD_END);
        return Ok(Some(record));
    }
    record.extend_from_slice(&end);
    let reason = "its block does not end where its Content-Length says";
    Err(damaged(id, reason, &record[version_len..]))
}

/// Moves the reader to the next `WARC/1.` line: in `read` (what the
/// damaged record took as its own), else further on in the stream.
fn resynchronise<R: BufRead>(reader: &mut Rewound<R>, read: &[u8]) -> std::io::Result<()> {
    const NEXT_RECORD: &[u8] = b"WARC/1.";
    // A line start followed by the version line, or by its beginning
    // where `read` ends (the rest is still in the stream).
    let next = (0..read.len()).find(|&at| {
        let rest = &read[at + 1..];
        read[at] == b'\n' && (rest.starts_with(NEXT_RECORD) || NEXT_RECORD.starts_with(rest))
    });
    if let Some(at) = next {
        reader.put_back(&read[at + 1..]);
        return Ok(());
    }
    // Line by line: a version line split across the reader's buffer is
    // read whole, and put back.
    let mut line = Vec::new();
    loop {
        if read_line(reader, &mut line)? == 0 {
            return Ok(());
        }
        if line.starts_with(NEXT_RECORD) {
            reader.put_back(&line);
            return Ok(());
        }
    }
}

/// A reader with bytes put back in front of it.
struct Rewound<R> {
    front: Vec<u8>,
    at: usize,
    inner: Counted<R>,
}

impl<R: BufRead> Rewound<R> {
    /// Puts `bytes` back before what is left to read.
    fn put_back(&mut self, bytes: &[u8]) {
        let mut front = bytes.to_vec();
        front.extend_from_slice(&self.front[self.at..]);
        (self.front, self.at) = (front, 0);
    }

    /// The byte offset in the stream of the next byte to read.
    fn offset(&self) -> u64 {
        self.inner.offset - (self.front.len() - self.at) as u64
    }
}

impl<R: BufRead> Read for Rewound<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let len = available.len().min(buf.len());
        buf[..len].copy_from_slice(&available[..len]);
        self.consume(len);
        Ok(len)
    }
}

impl<R: BufRead> BufRead for Rewound<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.at < self.front.len() {
            return Ok(&self.front[self.at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.at < self.front.len() {
            self.at = (self.at + amount).min(self.front.len());
        } else {
            self.inner.consume(amount);
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(entry) = self.pending.pop_front() {
                return Some(entry);
            }
            if self.done {
                return None;
            }
            match &mut self.source {
                Source::Members(_) => self.read_member(),
                Source::Plain(_) => self.read_plain(),
            }
        }
    }
}

/// A reader that counts the bytes consumed, for the offsets of errors.
struct Counted<R> {
    inner: R,
    offset: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.offset += read as u64;
        Ok(read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.offset += amount as u64;
        self.inner.consume(amount);
    }
}

/// Decodes the rest of a member over `limit` (`read` bytes decoded so
/// far) to nothing, so that the reader stops where the next member starts:
/// time spent, no memory held. Returns why the member was skipped.
fn skip_oversized_member(decoder: &mut impl Read, start: u64, read: u64, limit: u64) -> String {
    let rest = std::io::copy(decoder, &mut std::io::sink());
    let size = rest.map_or(String::new(), |rest| format!(" of {} bytes", read + rest));
    format!(
        "gzip member at byte {start}: a record{size}, over the limit of {limit} bytes \
         (--max-bytes and room for headers): skipped"
    )
}

/// Skips to the next gzip member header (or the end), past a damaged
/// member. The last bytes of each buffer are carried over, so that a
/// header split across two buffers is found, and put back.
fn skip_to_gzip_member<R: BufRead>(reader: &mut Rewound<R>) -> std::io::Result<()> {
    let header = GZIP_MEMBER_HEADER.as_slice();
    let mut carried: Vec<u8> = Vec::new();
    loop {
        let buffered = reader.fill_buf()?;
        if buffered.is_empty() {
            return Ok(());
        }
        // A header begun in the carried bytes and ended in these.
        let head = &buffered[..buffered.len().min(header.len() - 1)];
        let joined = [carried.as_slice(), head].concat();
        let split = (0..carried.len()).find(|&at| joined[at..].starts_with(header));
        if let Some(at) = split {
            let opening = carried[at..].to_vec();
            reader.put_back(&opening);
            return Ok(());
        }
        if let Some(at) = buffered.windows(header.len()).position(|w| w == header) {
            reader.consume(at);
            return Ok(());
        }
        let keep = buffered.len().min(header.len() - 1);
        carried = buffered[buffered.len() - keep..].to_vec();
        let all = buffered.len();
        reader.consume(all);
    }
}

/// Whether bytes open with a WARC version line (blank lines aside).
fn starts_like_warc(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(b"WARC/") || bytes.is_empty()
}

type RawRecord = Result<(RawRecordHeader, Vec<u8>), warc::Error>;

fn header(headers: &RawRecordHeader, name: WarcHeader) -> Option<String> {
    headers
        .as_ref()
        .get(&name)
        .map(|value| String::from_utf8_lossy(value).trim().to_string())
}

/// The entry a WARC record makes: a page for an HTML response, of at
/// most `max_bytes` (else an error entry without it).
fn entry(record: RawRecord, name: &str, max_bytes: usize) -> Entry {
    let (headers, body) = match record {
        Ok(record) => record,
        Err(err) => {
            let page = Page {
                id: name.to_string(),
                ..Page::default()
            };
            return Entry::Failed(page, format!("malformed WARC record: {err}"));
        }
    };
    let kind = header(&headers, WarcHeader::WarcType);
    if !matches!(kind.as_deref(), Some("response" | "resource")) {
        return Entry::Skipped;
    }
    let page = Page {
        id: header(&headers, WarcHeader::RecordID).unwrap_or_else(|| name.to_string()),
        url: header(&headers, WarcHeader::TargetURI),
        date: header(&headers, WarcHeader::Date),
        ..Page::default()
    };
    if kind.as_deref() == Some("resource") {
        return resource_entry(page, &headers, body, max_bytes);
    }
    let identified = header(&headers, WarcHeader::IdentifiedPayloadType);
    match http_payload(&body, identified.as_deref(), max_bytes) {
        Ok(Some((html, charset))) => Page {
            html,
            charset,
            ..page
        }
        .within(max_bytes),
        Ok(None) => Entry::Skipped,
        Err(reason) => Entry::Failed(page, reason),
    }
}

/// A `resource` record (a page saved without its HTTP exchange, as
/// wget's `--warc-file` and browsers' archivers write local files): the
/// block is the document, its WARC `Content-Type` says whether it is HTML.
fn resource_entry(page: Page, headers: &RawRecordHeader, body: Vec<u8>, max_bytes: usize) -> Entry {
    let content_type = header(headers, WarcHeader::ContentType).map(|t| t.to_ascii_lowercase());
    let html = match content_type.as_deref() {
        Some(t) => t.contains("html"),
        None => looks_like_html(&body),
    };
    if !html {
        return Entry::Skipped;
    }
    Page {
        html: body,
        charset: content_type.as_deref().and_then(charset_parameter),
        ..page
    }
    .within(max_bytes)
}

/// httparse reads HTTP/1.x only; crawlers record HTTP/2 and HTTP/3
/// responses with an `HTTP/2 200` (or `HTTP/2.0 200`) status line over the
/// same header syntax, read here as HTTP/1.1.
fn as_http1(response: &[u8]) -> Cow<'_, [u8]> {
    const LATER_VERSIONS: [&[u8]; 4] = [b"HTTP/2 ", b"HTTP/2.0 ", b"HTTP/3 ", b"HTTP/3.0 "];
    for version in LATER_VERSIONS {
        if let Some(rest) = response.strip_prefix(version) {
            return Cow::Owned([b"HTTP/1.1 ".as_slice(), rest].concat());
        }
    }
    Cow::Borrowed(response)
}

/// An HTML payload and the charset its headers declare.
type HtmlPayload = (Vec<u8>, Option<String>);

/// The HTML payload of an HTTP response, content decoding stopped one byte
/// past `max_bytes`; `None` when the response is not HTML.
fn http_payload(
    response: &[u8],
    identified_type: Option<&str>,
    max_bytes: usize,
) -> Result<Option<HtmlPayload>, String> {
    let response = as_http1(response);
    let response = response.as_ref();
    let mut storage = [httparse::EMPTY_HEADER; 256];
    let mut parsed = httparse::Response::new(&mut storage);
    let header_len = match parsed.parse(response) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP headers".into()),
        Err(err) => return Err(format!("malformed HTTP headers: {err}")),
    };
    let value = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = value("content-type");
    let body = &response[header_len..];
    let is_html = |t: &str| t.contains("html");
    let html = match (content_type.as_deref(), identified_type) {
        (Some(t), _) => is_html(t),
        (None, Some(t)) => is_html(t),
        (None, None) => looks_like_html(body),
    };
    if !html {
        return Ok(None);
    }
    let charset = content_type.as_deref().and_then(charset_parameter);
    let chunked = value("transfer-encoding").is_some_and(|t| t.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let decoded = decode_content(body, value("content-encoding").as_deref(), max_bytes)?;
    Ok(Some((decoded, charset)))
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_parameter(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (name, value) = part.split_once('=')?;
        (name.trim() == "charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Undoes chunked transfer encoding; a body that does not parse as chunks
/// is kept as it is (crawlers often store it already dechunked).
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        rest = &rest[line_end + 2..];
        if size == 0 {
            return out;
        }
        let Some(chunk) = rest.get(..size) else {
            // A last chunk cut short: keep what arrived.
            out.extend_from_slice(rest);
            return out;
        };
        out.extend_from_slice(chunk);
        rest = rest.get(size..).unwrap_or_default();
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
    if out.is_empty() { body.to_vec() } else { out }
}

/// Undoes a gzip or deflate content encoding, decoding no further than one
/// byte past `max_bytes` (a gzip bomb costs that much, once, and fails).
fn decode_content(
    body: Vec<u8>,
    encoding: Option<&str>,
    max_bytes: usize,
) -> Result<Vec<u8>, String> {
    let decoded = match encoding.map(str::trim) {
        None | Some("" | "identity" | "none") => return Ok(body),
        Some("gzip" | "x-gzip") => decode_at_most(
            flate2::read::MultiGzDecoder::new(body.as_slice()),
            max_bytes,
        ),
        // Servers send zlib-wrapped or raw deflate under this name.
        Some("deflate") => {
            match decode_at_most(flate2::read::ZlibDecoder::new(body.as_slice()), max_bytes) {
                Err(Decoding::Corrupt(_)) => decode_at_most(
                    flate2::read::DeflateDecoder::new(body.as_slice()),
                    max_bytes,
                ),
                zlib => zlib,
            }
        }
        Some(other) => return Err(format!("unsupported content encoding {other}")),
    };
    decoded.map_err(|failure| match failure {
        Decoding::Corrupt(err) => format!("corrupt content encoding: {err}"),
        Decoding::TooLarge => {
            let too_large = crate::Error::TooLarge {
                size: None,
                limit: max_bytes,
            };
            format!("decoded body: {too_large}")
        }
    })
}

/// Why a body could not be decoded.
enum Decoding {
    Corrupt(std::io::Error),
    TooLarge,
}

/// What `decoder` gives, if it is at most `max_bytes` (read one byte
/// further to tell).
fn decode_at_most(decoder: impl Read, max_bytes: usize) -> Result<Vec<u8>, Decoding> {
    let mut out = Vec::new();
    decoder
        .take(super::read_limit(max_bytes))
        .read_to_end(&mut out)
        .map_err(Decoding::Corrupt)?;
    if out.len() > max_bytes {
        return Err(Decoding::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_joined_and_plain_bodies_kept() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n"),
            b"Wikipedia"
        );
        assert_eq!(
            dechunk(b"<html>not chunked</html>"),
            b"<html>not chunked</html>"
        );
    }

    #[test]
    fn charset_comes_from_the_content_type() {
        assert_eq!(
            charset_parameter("text/html; charset=\"windows-1251\"").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(charset_parameter("text/html"), None);
    }

    fn warc_record(kind: &str, content_type: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:{kind}>\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn warc(records: &[(&str, &str, &str)]) -> Vec<Entry> {
        let text: String = records
            .iter()
            .map(|(kind, content_type, block)| warc_record(kind, content_type, block))
            .collect();
        WarcRecords::new(text.as_bytes(), false, "t".into()).collect()
    }

    fn gzip(text: &str) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let written = encoder.write_all(text.as_bytes());
        assert!(written.is_ok());
        encoder.finish().unwrap_or_default()
    }

    #[test]
    fn a_corrupt_gzip_member_is_one_error_and_reading_goes_on() {
        let html = |word: &str| format!("<html><p>{word}</p></html>");
        let member = |word: &str| gzip(&warc_record("resource", "text/html", &html(word)));
        let mut bytes = member("first");
        let damaged_at = bytes.len();
        let mut damaged = member("second");
        // The CRC of the trailer no longer matches.
        let crc = damaged.len() - 8;
        damaged[crc] ^= 0xff;
        bytes.extend_from_slice(&damaged);
        bytes.extend_from_slice(b"junk between members");
        bytes.extend_from_slice(&member("third"));
        let got: Vec<Entry> = WarcRecords::new(bytes.as_slice(), true, "t".into()).collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(matches!(&got[0], Entry::Page(p) if p.html == html("first").as_bytes()));
        let offset = format!("at byte {damaged_at}");
        assert!(
            matches!(&got[1], Entry::Failed(p, reason) if p.id == "t#2" && reason.contains(&offset)),
            "{:?}",
            got[1]
        );
        assert!(matches!(&got[2], Entry::Page(p) if p.html == html("third").as_bytes()));
    }

    #[test]
    fn a_gzip_member_header_split_across_buffers_is_found() {
        let html = |word: &str| format!("<html><p>{word}</p></html>");
        let member = |word: &str| gzip(&warc_record("resource", "text/html", &html(word)));
        let mut damaged = member("first");
        let crc = damaged.len() - 8;
        damaged[crc] ^= 0xff;
        let mut bytes = damaged;
        bytes.extend_from_slice(b"junk between members, long enough to span buffers");
        bytes.extend_from_slice(&member("second"));
        assert_found_at_every_buffer_size(&bytes, true, &html("second"));
    }

    /// Reading `bytes` through buffers of 8 to 63 bytes, a page holding
    /// `html` is found whatever the buffer splits.
    fn assert_found_at_every_buffer_size(bytes: &[u8], gzipped: bool, html: &str) {
        for capacity in 8..64 {
            let reader = std::io::BufReader::with_capacity(capacity, bytes);
            let got: Vec<Entry> = WarcRecords::new(reader, gzipped, "t".into()).collect();
            let found = got
                .iter()
                .any(|e| matches!(e, Entry::Page(p) if p.html == html.as_bytes()));
            assert!(found, "buffer of {capacity}: {got:?}");
        }
    }

    #[test]
    fn a_wrong_content_length_is_one_error_and_reading_goes_on() {
        let html = |word: &str| format!("<html><p>{word}</p></html>");
        for wrong in [5_i64, -5, 40] {
            let second = warc_record("resource", "text/html", &html("second"));
            let right = format!("Content-Length: {}", html("second").len());
            let length = html("second").len() as i64 + wrong;
            let second = second.replace(&right, &format!("Content-Length: {length}"));
            let text = [
                warc_record("resource", "text/html", &html("first")),
                second,
                warc_record("resource", "text/html", &html("third")),
            ]
            .concat();
            let got: Vec<Entry> = WarcRecords::new(text.as_bytes(), false, "t".into()).collect();
            assert_eq!(got.len(), 3, "{wrong}: {got:?}");
            assert!(matches!(&got[0], Entry::Page(p) if p.html == html("first").as_bytes()));
            assert!(
                matches!(&got[1], Entry::Failed(_, reason) if reason.contains("Content-Length")),
                "{wrong}: {:?}",
                got[1]
            );
            assert!(
                matches!(&got[2], Entry::Page(p) if p.html == html("third").as_bytes()),
                "{wrong}: {:?}",
                got[2]
            );
        }
    }

    #[test]
    fn resynchronising_finds_a_version_line_split_across_buffers() {
        let html = |word: &str| format!("<html><p>{word}</p></html>");
        let damaged = warc_record("resource", "text/html", &html("second"))
            .replace("Content-Length: 25", "Content-Length: 9");
        let text = [
            warc_record("resource", "text/html", &html("first")),
            damaged,
            "junk line after the damage\r\n".repeat(3),
            warc_record("resource", "text/html", &html("third")),
        ]
        .concat();
        assert_found_at_every_buffer_size(text.as_bytes(), false, &html("third"));
    }

    #[test]
    fn http2_responses_and_html_resources_are_pages() {
        let html = "<html><p>Hello</p></html>";
        let got = warc(&[
            (
                "response",
                "application/http; msgtype=response",
                &format!("HTTP/2 200\r\ncontent-type: text/html\r\n\r\n{html}"),
            ),
            (
                "response",
                "application/http; msgtype=response",
                &format!("HTTP/2.0 200 OK\r\nContent-Type: text/html\r\n\r\n{html}"),
            ),
            ("resource", "text/html; charset=utf-8", html),
            ("resource", "image/png", "PNG"),
        ]);
        assert_eq!(got.len(), 4, "{got:?}");
        for entry in &got[..3] {
            assert!(
                matches!(entry, Entry::Page(page) if page.html == html.as_bytes()),
                "{entry:?}"
            );
        }
        assert_eq!(got[3], Entry::Skipped);
    }

    #[test]
    fn content_decoding_stops_past_the_limit_whatever_the_encoding() {
        use std::io::Write;
        let page = vec![b' '; 10_000];
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        assert!(zlib.write_all(&page).is_ok() && raw.write_all(&page).is_ok());
        let (zlib, raw) = (
            zlib.finish().unwrap_or_default(),
            raw.finish().unwrap_or_default(),
        );
        let over = |body: Vec<u8>, encoding| match decode_content(body, Some(encoding), 100) {
            Err(reason) => reason.contains("over the limit of 100 bytes"),
            Ok(_) => false,
        };
        assert!(over(gzip(&String::from_utf8_lossy(&page)), "gzip"));
        assert!(over(zlib.clone(), "deflate"));
        assert!(over(raw.clone(), "deflate"));
        assert_eq!(decode_content(raw, Some("deflate"), 10_000), Ok(page));
    }

    #[test]
    fn non_html_responses_are_skipped() {
        let response = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_payload(response, None, usize::MAX), Ok(None));
    }
}
