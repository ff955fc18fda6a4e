//! Typed errors of the library: every way a page can fail to become an article.

use std::path::PathBuf;

/// Why a page could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The page is larger than [`crate::Options::max_bytes`]: `size` is
    /// known when a file's length or a record's header gives it, else the
    /// page was read only up to the limit.
    #[error("page is {}over the limit of {limit} bytes", .size.map(|s| format!("{s} bytes, ")).unwrap_or_default())]
    TooLarge { size: Option<u64>, limit: usize },
    /// The bytes are compressed in a format pith does not read.
    #[error("compression not supported: {0}")]
    UnsupportedCompression(&'static str),
    /// The bytes are not text (an image, a PDF, an archive, random data).
    #[error("not an HTML page: {0}")]
    NotHtml(&'static str),
    /// A gzip-compressed page could not be decompressed.
    #[error("corrupt gzip data: {0}")]
    Gzip(std::io::Error),
    /// A zstd-compressed page could not be decompressed.
    #[error("corrupt zstd data: {0}")]
    Zstd(std::io::Error),
    /// Extraction ran past [`crate::Options::timeout`].
    #[error("timed out after {limit_ms} ms")]
    Timeout { limit_ms: u128 },
    /// The page's tree has more nodes than [`crate::dom::MAX_NODES`].
    #[error("page has {nodes} nodes, over the limit of {}", crate::dom::MAX_NODES)]
    TooManyNodes { nodes: usize },
    /// Extraction panicked (a bug); the page was isolated and the batch went on.
    #[error("internal error while extracting: {0}")]
    Panic(String),
    /// A file's content is not in the format it should be.
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
