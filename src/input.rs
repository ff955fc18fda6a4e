//! Input: finding pages on disk, reading their raw bytes (undoing gzip and
//! zstd, told by their magic numbers), and decoding them to text the way browsers do (BOM, then a `<meta>`
//! charset prescan, then a statistical detector); records from JSON Lines,
//! WARC and (with the `parquet` feature) Parquet inputs.

mod jsonl;
#[cfg(feature = "parquet")]
mod parquet;
mod record;
mod web_archive;

pub use jsonl::{Fields, JsonLines};
pub use record::{Entry, Page};
pub use web_archive::WarcRecords;

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::Error;

/// Extensions (after an optional compression's) that mark a file as a page.
const PAGE_EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "shtml"];
/// Extensions of compressed files: gzip and zstd, read; the others listed,
/// to be refused by name ([`unsupported_compression`]) rather than passed over.
const COMPRESSED_EXTENSIONS: [&str; 4] = ["gz", "zst", "bz2", "xz"];
/// How far into the page the `<meta charset>` prescan looks.
const PRESCAN_BYTES: usize = 4096;
/// A UTF-8 declaration over bytes with invalid sequences still holds while
/// valid multi-byte characters are this many times as many: a UTF-8 page
/// with a stray byte has hundreds, a legacy page under a UTF-8 template
/// next to none (such a sequence hardly ever happens by chance).
const UTF8_VALID_PER_INVALID: usize = 2;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// A zstd frame's magic number (0xFD2FB528, little-endian).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// The last three bytes of a zstd skippable frame's magic number
/// (0x184D2A5?, little-endian), which a zstd WARC opens with to carry its
/// dictionary; the decoder passes over such frames.
const ZSTD_SKIPPABLE_MAGIC_TAIL: [u8; 3] = [0x2a, 0x4d, 0x18];
/// Magic numbers of compressions pith does not read, with their names.
const UNSUPPORTED_COMPRESSIONS: [(&[u8], &str); 3] = [
    (b"BZh", "bzip2"),
    (&[0xfd, b'7', b'z', b'X', b'Z', 0x00], "xz"),
    (&[0x04, 0x22, 0x4d, 0x18], "lz4"),
];

/// One page to process: where it comes from and where its text goes,
/// relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file to read; `-` is standard input.
    pub path: PathBuf,
    /// The output path relative to the output folder (`a/b.txt`).
    pub output: PathBuf,
}

/// An input that could not be listed (a missing path, a symlink loop).
#[derive(Debug)]
pub struct ListError {
    pub path: PathBuf,
    pub reason: String,
}

/// True when the file name ends in a page extension, optionally gzipped.
pub fn is_page_path(path: &Path) -> bool {
    page_stem(path).is_some()
}

/// The file name without its page extension (`a.html.gz` → `a`), kept as
/// the file system's bytes (names need not be UTF-8).
fn page_stem(path: &Path) -> Option<&OsStr> {
    let mut name = Path::new(path.file_name()?);
    if name.extension().is_some_and(is_compressed_extension) {
        name = Path::new(name.file_stem()?);
    }
    let ext = name.extension()?;
    let known = PAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e));
    known.then(|| name.file_stem()).flatten()
}

fn is_compressed_extension(extension: &OsStr) -> bool {
    COMPRESSED_EXTENSIONS
        .iter()
        .any(|known| extension.eq_ignore_ascii_case(known))
}

/// The `.txt` name a page's text is written under.
fn output_name(path: &Path) -> PathBuf {
    let mut name = match page_stem(path) {
        Some(stem) => path.with_file_name(stem).into_os_string(),
        None => path.as_os_str().to_owned(),
    };
    name.push(".txt");
    PathBuf::from(name)
}

/// Expands command-line inputs into pages: a file is one page, a folder is
/// walked recursively (in sorted order) for page files, `-` is stdin. No
/// two pages get one output name: when two inputs map to one (the same
/// relative path under two folders, `x.html` beside `x.htm`), the later
/// in this order is renamed by [`crate::output::UniqueNames`].
pub fn list_sources(inputs: &[PathBuf]) -> (Vec<Source>, Vec<ListError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source {
                path: input.clone(),
                output: PathBuf::from("stdin.txt"),
            });
        } else if input.is_dir() {
            walk_folder(input, &mut sources, &mut errors);
        } else if input.is_file() {
            let name = input
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| input.clone());
            sources.push(Source {
                path: input.clone(),
                output: output_name(&name),
            });
        } else {
            let reason = if input.exists() {
                "not a regular file or folder"
            } else {
                "no such file or folder"
            };
            errors.push(ListError {
                path: input.clone(),
                reason: reason.into(),
            });
        }
    }
    let mut names = crate::output::UniqueNames::default();
    for source in &mut sources {
        source.output = names.claim_path(&source.output);
    }
    (sources, errors)
}

fn walk_folder(root: &Path, sources: &mut Vec<Source>, errors: &mut Vec<ListError>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_page_path(entry.path()) => {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                sources.push(Source {
                    path: entry.path().to_path_buf(),
                    output: output_name(relative),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                errors.push(ListError {
                    path,
                    reason: err.to_string(),
                });
            }
        }
    }
}

/// How an input holds its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One page per file (or a folder of them).
    Html,
    /// One page per JSON line.
    JsonLines,
    /// Web ARChive records.
    Warc,
    /// One page per row of a Parquet file.
    Parquet,
}

impl InputFormat {
    /// The format a path's extension names: `.parquet`; `.warc`, `.jsonl`
    /// or `.ndjson`, each optionally compressed ([`COMPRESSED_EXTENSIONS`]);
    /// else HTML.
    pub fn of_path(path: &Path) -> InputFormat {
        let mut name = Path::new(path.file_name().unwrap_or_default());
        if name.extension().is_some_and(is_compressed_extension) {
            name = Path::new(name.file_stem().unwrap_or_default());
        }
        let name = name.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".parquet") {
            InputFormat::Parquet
        } else if name.ends_with(".warc") {
            InputFormat::Warc
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            InputFormat::JsonLines
        } else {
            InputFormat::Html
        }
    }
}

impl InputFormat {
    /// What stdin holds, seen without consuming it: a WARC when it starts
    /// with a `WARC/` version line, plain or gzip-wrapped; else one page.
    pub fn of_stdin() -> InputFormat {
        let mut stdin = std::io::stdin().lock();
        let Ok(head) = stdin.fill_buf() else {
            return InputFormat::Html;
        };
        if plain_start(head).trim_ascii_start().starts_with(b"WARC/") {
            InputFormat::Warc
        } else {
            InputFormat::Html
        }
    }
}

/// The first bytes of a stream, decompressed when they are gzip or zstd
/// (as far as the bytes at hand go).
fn plain_start(head: &[u8]) -> Cow<'_, [u8]> {
    const SNIFFED: u64 = 16;
    let compression = Compression::of(head);
    if compression == Compression::None {
        return Cow::Borrowed(head);
    }
    let mut start = Vec::new();
    // A stream cut short by the end of `head` is an error after the bytes
    // it gave, which are what is wanted.
    if let Ok(decoder) = compression.decoder(head) {
        let _ = decoder.take(SNIFFED).read_to_end(&mut start);
    }
    Cow::Owned(start)
}

/// A compression pith reads, told by its magic number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The compression `head` (a stream's first bytes) opens with.
    pub fn of(head: &[u8]) -> Compression {
        let skippable_zstd =
            head.len() >= 4 && head[0] & 0xf0 == 0x50 && head[1..4] == ZSTD_SKIPPABLE_MAGIC_TAIL;
        if head.starts_with(&GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(&ZSTD_MAGIC) || skippable_zstd {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// A reader of `compressed` that undoes this compression (every gzip
    /// member, every zstd frame); `None` passes the bytes through.
    pub fn decoder<'r>(
        self,
        compressed: impl BufRead + Send + 'r,
    ) -> std::io::Result<Box<dyn Read + Send + 'r>> {
        Ok(match self {
            Compression::None => Box::new(compressed),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(compressed)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(compressed)?),
        })
    }

    /// The error for data this compression could not undo.
    fn corrupt(self, source: std::io::Error) -> Error {
        match self {
            Compression::Zstd => Error::Zstd(source),
            _ => Error::Gzip(source),
        }
    }
}

/// The entries of a JSON Lines or WARC input (`-` is stdin), read lazily,
/// no page over `max_bytes` held; gzip and zstd are recognised by their
/// magic numbers.
pub fn open_records(
    path: &Path,
    format: InputFormat,
    fields: &Fields,
    max_bytes: usize,
) -> Result<Box<dyn Iterator<Item = Entry> + Send>, Error> {
    const BUFFER: usize = 256 * 1024;
    if format == InputFormat::Parquet {
        return open_parquet(path, fields, max_bytes);
    }
    let name = path.display().to_string();
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = open_stream(path).map_err(io_error)?;
    let head = reader.fill_buf().map_err(io_error)?;
    if let Some(compression) = unsupported_compression(head) {
        return Err(Error::BadInput {
            path: path.to_path_buf(),
            reason: Error::UnsupportedCompression(compression).to_string(),
        });
    }
    let compression = Compression::of(head);
    Ok(match (format, compression) {
        // Gzipped WARCs are read member by member (see [`WarcRecords`]).
        (InputFormat::Warc, Compression::Gzip) => {
            Box::new(WarcRecords::new(reader, true, name).with_max_bytes(max_bytes))
        }
        (InputFormat::Warc, _) => {
            let plain = compression.decoder(reader).map_err(io_error)?;
            let plain = std::io::BufReader::with_capacity(BUFFER, plain);
            Box::new(WarcRecords::new(plain, false, name).with_max_bytes(max_bytes))
        }
        _ => {
            let plain = compression.decoder(reader).map_err(io_error)?;
            let plain = std::io::BufReader::with_capacity(BUFFER, plain);
            Box::new(JsonLines::new(plain, fields.clone(), name).with_max_bytes(max_bytes))
        }
    })
}

#[cfg(feature = "parquet")]
fn open_parquet(
    path: &Path,
    fields: &Fields,
    max_bytes: usize,
) -> Result<Box<dyn Iterator<Item = Entry> + Send>, Error> {
    parquet::parquet_records(path, fields, max_bytes)
}

#[cfg(not(feature = "parquet"))]
fn open_parquet(
    path: &Path,
    _fields: &Fields,
    _max_bytes: usize,
) -> Result<Box<dyn Iterator<Item = Entry> + Send>, Error> {
    Err(Error::BadInput {
        path: path.to_path_buf(),
        reason: "this pith was built without the `parquet` feature".into(),
    })
}

fn open_stream(path: &Path) -> std::io::Result<Box<dyn BufRead + Send>> {
    const BUFFER: usize = 256 * 1024;
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufReader::with_capacity(
            BUFFER,
            std::io::stdin(),
        )));
    }
    let file = std::fs::File::open(path)?;
    Ok(Box::new(std::io::BufReader::with_capacity(BUFFER, file)))
}

/// How much of a stream to read when it may hold at most `limit` bytes:
/// one byte more, to tell a longer one from one of exactly the limit.
pub(crate) fn read_limit(limit: usize) -> u64 {
    (limit as u64).saturating_add(1)
}

/// The compression pith does not read that `bytes` start with, if any.
pub fn unsupported_compression(bytes: &[u8]) -> Option<&'static str> {
    UNSUPPORTED_COMPRESSIONS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, name)| name)
}

/// Reads a page from a file or (for `-`) stdin, decompressed when it
/// starts with gzip's or zstd's magic number, holding at most `limit`
/// bytes: a file longer than the limit is refused by its length before it
/// is read, and a stream (stdin, a compressed body) is read no further
/// than one byte past it.
pub fn read_page(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = open_stream(path).map_err(io_error)?;
    let compression = Compression::of(reader.fill_buf().map_err(io_error)?);
    let length = (path.as_os_str() != "-")
        .then(|| std::fs::metadata(path).ok())
        .flatten()
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len());
    let compressed = compression != Compression::None;
    if let Some(size) = length.filter(|&len| !compressed && len > limit as u64) {
        return Err(Error::TooLarge {
            size: Some(size),
            limit,
        });
    }
    // Sized once for a plain file, which is then read without regrowing.
    let expected = length.filter(|_| !compressed).unwrap_or(0) as usize;
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    let read_error = |err| match compression {
        Compression::None => io_error(err),
        _ => compression.corrupt(err),
    };
    compression
        .decoder(reader)
        .and_then(|decoder| decoder.take(read_limit(limit)).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() > limit {
        return Err(Error::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Reads a page's raw bytes, from a file or (for `-`) stdin, whole.
pub fn read_source(path: &Path) -> Result<Vec<u8>, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(io_error)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(io_error)
    }
}

/// Undoes gzip or zstd compression when the bytes carry its magic
/// number; other bytes pass through untouched.
pub fn decompress(bytes: &[u8], limit: usize) -> Result<Cow<'_, [u8]>, Error> {
    let compression = Compression::of(bytes);
    if compression == Compression::None {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(limit));
    // Read one byte past the limit so an oversized page is detected, not truncated.
    compression
        .decoder(bytes)
        .and_then(|decoder| decoder.take(read_limit(limit)).read_to_end(&mut out))
        .map_err(|err| compression.corrupt(err))?;
    if out.len() > limit {
        return Err(Error::TooLarge { size: None, limit });
    }
    Ok(Cow::Owned(out))
}

/// Decodes raw page bytes to text as a browser would: a byte-order mark,
/// else a charset declared in `<meta>` (checked against the bytes), else
/// detection. Invalid sequences become U+FFFD, never an error.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    decode_with_charset(bytes, None)
}

/// Like [`decode`], with a charset declared by the transport (an HTTP
/// header), which takes the place of the `<meta>` declaration.
pub fn decode_with_charset<'b>(bytes: &'b [u8], charset: Option<&str>) -> Cow<'b, str> {
    decode_explained(bytes, charset).text
}

/// Where a page's encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark.
    ByteOrderMark,
    /// UTF-16 text without a byte-order mark, recognised by its zero bytes.
    Utf16Sniffed,
    /// The transport's declaration (an HTTP `Content-Type` header).
    Transport,
    /// The page's `<meta charset>` or `http-equiv` declaration.
    Meta,
    /// The bytes are valid UTF-8 (no declaration, or a legacy one they belie).
    ValidUtf8,
    /// Detected from the bytes (chardetng).
    Detected,
}

impl EncodingSource {
    /// Where the encoding came from, in words.
    pub fn describe(&self) -> &'static str {
        match self {
            EncodingSource::ByteOrderMark => "a byte-order mark",
            EncodingSource::Utf16Sniffed => "UTF-16 recognised without a byte-order mark",
            EncodingSource::Transport => "the HTTP Content-Type header",
            EncodingSource::Meta => "the page's meta charset declaration",
            EncodingSource::ValidUtf8 => "the bytes, valid UTF-8",
            EncodingSource::Detected => "detection from the bytes (chardetng)",
        }
    }
}

/// Decoded page text, with the encoding used and where it came from.
#[derive(Debug, Clone)]
pub struct Decoded<'b> {
    pub text: Cow<'b, str>,
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
}

/// Like [`decode_with_charset`], telling which encoding was used and why.
pub fn decode_explained<'b>(bytes: &'b [u8], charset: Option<&str>) -> Decoded<'b> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Decoded {
            text: decode_with(encoding, &bytes[bom_len..]),
            encoding,
            source: EncodingSource::ByteOrderMark,
        };
    }
    let utf8 = utf8_prefix(bytes);
    let declared = charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .map(|e| (e, EncodingSource::Transport))
        .or_else(|| declared_charset(bytes).map(|e| (e, EncodingSource::Meta)));
    let (encoding, source) = choose_encoding(bytes, declared, utf8.is_some());
    let text = match utf8 {
        // Valid UTF-8 chosen as UTF-8 is used as it is, not copied.
        Some(text) if encoding == UTF_8 && text.len() == bytes.len() => Cow::Borrowed(text),
        Some(text) if encoding == UTF_8 => {
            Cow::Owned(format!("{text}{}", char::REPLACEMENT_CHARACTER))
        }
        _ => decode_with(encoding, bytes),
    };
    Decoded {
        text,
        encoding,
        source,
    }
}

fn decode_with<'b>(encoding: &'static Encoding, bytes: &'b [u8]) -> Cow<'b, str> {
    encoding.decode_without_bom_handling(bytes).0
}

/// True when the bytes look like UTF-16 text (with or without a BOM).
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some_and(|(e, _)| e != UTF_8)
        || sniff_utf16_without_bom(bytes).is_some()
}

fn choose_encoding(
    bytes: &[u8],
    declared: Option<(&'static Encoding, EncodingSource)>,
    utf8_valid: bool,
) -> (&'static Encoding, EncodingSource) {
    if let Some(utf16) = sniff_utf16_without_bom(bytes) {
        return (utf16, EncodingSource::Utf16Sniffed);
    }
    match declared {
        Some((declared, source)) if declared == UTF_8 && (utf8_valid || mostly_utf8(bytes)) => {
            (UTF_8, source)
        }
        // A legacy declaration over bytes that are clean, non-ASCII UTF-8 is a
        // stale template: UTF-8 that is not ASCII almost never happens by chance.
        Some(_) if utf8_valid && !bytes.is_ascii() => (UTF_8, EncodingSource::ValidUtf8),
        Some((declared, source)) if declared != UTF_8 => (declared, source),
        _ if utf8_valid => (UTF_8, EncodingSource::ValidUtf8),
        _ => (detect(bytes), EncodingSource::Detected),
    }
}

/// The bytes as text when they are UTF-8, allowing a sequence cut off at
/// the end (left out of the text).
fn utf8_prefix(bytes: &[u8]) -> Option<&str> {
    // Every byte of every page is checked here: simdutf8 checks valid
    // UTF-8 several times faster than the standard library, which then
    // tells where invalid bytes stand.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Some(text);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(err) if err.error_len().is_none() && bytes.len() - err.valid_up_to() < 4 => {
            std::str::from_utf8(&bytes[..err.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

/// Whether bytes that are not all valid UTF-8 are UTF-8 with a few bad
/// sequences (see [`UTF8_VALID_PER_INVALID`]).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        // Lead bytes: one per multi-byte character.
        valid += chunk.valid().bytes().filter(|&b| b >= 0xc0).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid >= invalid * UTF8_VALID_PER_INVALID
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-16 without a BOM shows as NUL bytes in every other position of
/// Latin text; nothing else looks like that.
fn sniff_utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(512)];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding named by a `<meta charset>` or `<meta http-equiv>`
/// declaration near the top of the page, if any names a known encoding.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(offset) = find(&lower[from..], b"<meta") {
        let start = from + offset + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        if let Some(encoding) = charset_in_tag(&lower[start..end]) {
            return Some(encoding);
        }
        from = start;
    }
    None
}

fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")? + "charset".len();
    let rest = &tag[at..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| {
            matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(&rest[..len])?;
    // Per the HTML standard a UTF-16 meta declaration means UTF-8, and
    // x-user-defined means windows-1252.
    Some(match encoding.name() {
        "UTF-16LE" | "UTF-16BE" => UTF_8,
        "x-user-defined" => WINDOWS_1252,
        _ => encoding,
    })
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_replace_the_page_extension() {
        assert_eq!(
            output_name(Path::new("a/b.html.gz")),
            PathBuf::from("a/b.txt")
        );
        assert_eq!(output_name(Path::new("x.HTM")), PathBuf::from("x.txt"));
        assert_eq!(
            output_name(Path::new("page.shtml")),
            PathBuf::from("page.txt")
        );
        assert_eq!(output_name(Path::new("notes")), PathBuf::from("notes.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn output_names_keep_non_utf8_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let name = Path::new(OsStr::from_bytes(b"caf\xe9.html.GZ"));
        assert_eq!(
            output_name(name).as_os_str().as_bytes(),
            b"caf\xe9.txt".as_slice()
        );
    }

    #[test]
    fn meta_charset_is_found_in_both_forms() {
        assert_eq!(
            declared_charset(b"<meta charset='shift_jis'>"),
            Some(encoding_rs::SHIFT_JIS)
        );
        let http_equiv =
            b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">";
        assert_eq!(
            declared_charset(http_equiv),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(declared_charset(b"<meta charset=bogus>"), None);
    }

    #[test]
    fn a_lying_legacy_declaration_over_utf8_is_ignored() {
        let page = "<meta charset=windows-1251><p>Grüße, 世界</p>".as_bytes();
        assert!(decode(page).contains("Grüße, 世界"));
    }

    #[test]
    fn declared_utf8_with_a_stray_byte_stays_utf8() {
        let mut page = "<meta charset=utf-8><p>Feira do livro: edições, câmara, sábados"
            .as_bytes()
            .to_vec();
        page.extend_from_slice(b" \x96 ");
        page.extend_from_slice("ação e histórias.</p>".as_bytes());
        let text = decode(&page);
        assert!(
            text.contains("edições, câmara, sábados \u{fffd} ação"),
            "{text}"
        );
        let http = decode_with_charset(&page[20..], Some("utf-8"));
        assert!(http.contains("sábados \u{fffd} ação"), "{http}");
    }

    #[test]
    fn declared_utf8_over_legacy_bytes_is_detected() {
        // A windows-1252 page under a UTF-8 template: no valid multi-byte
        // sequence at all, so the declaration is the lie.
        let page = b"<meta charset=utf-8><p>Caf\xe9 cr\xe8me br\xfbl\xe9e, \xe0 la fran\xe7aise, tr\xe8s appr\xe9ci\xe9e.</p>";
        assert!(decode(page).contains("Café crème brûlée"));
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let text = "<html><p>hello world</p></html>";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bytes), text);
    }
}
