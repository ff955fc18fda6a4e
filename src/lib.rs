//! pith turns raw web-page bytes into the clean plain text of the page's
//! article: its title and body, without navigation, banners, teasers,
//! share bars, comments or footers.
//!
//! The pipeline runs one way: [`input`] decodes bytes (any encoding),
//! [`dom`] parses and prunes, [`blocks`] segments and measures, [`scoring`]
//! gives every block a verdict, [`output`] renders the kept ones; [`batch`]
//! drives many pages in parallel; [`explain`] shows every verdict and why.
//!
//! ```
//! let html = b"<html><head><title>Rain | Daily</title></head><body>\
//!     <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
//!     <article><h1>Rain returns</h1>\
//!     <p>After a dry month, rain returned to the valley on Monday, filling the reservoirs again.</p>\
//!     <p>Farmers said the timing was good for the autumn sowing that starts next week.</p></article>\
//!     <footer>All rights reserved.</footer></body></html>";
//! let article = pith::extract(html, &pith::Options::default()).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain returns"));
//! assert!(article.text.starts_with("After a dry month"));
//! assert!(!article.text.contains("Home"));
//! assert!(!article.text.contains("rights"));
//! ```

pub mod batch;
pub mod blocks;
pub mod budget;
pub mod dom;
mod error;
pub mod eval;
pub mod explain;
pub mod input;
mod lexicon;
pub mod metadata;
pub mod output;
pub mod scoring;

use std::borrow::Cow;
use std::time::Duration;

use budget::Budget;
pub use error::Error;

/// Which side of the precision/recall trade-off to favour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Favor {
    /// Drop anything doubtful: short edge blocks, every boilerplate phrase.
    Precision,
    /// The default balance.
    #[default]
    Balanced,
    /// Keep doubtful short blocks around the article.
    Recall,
}

impl std::str::FromStr for Favor {
    type Err = String;

    /// `precision`, `balanced` or `recall`, as the command line names them.
    fn from_str(name: &str) -> Result<Favor, String> {
        match name {
            "precision" => Ok(Favor::Precision),
            "balanced" => Ok(Favor::Balanced),
            "recall" => Ok(Favor::Recall),
            _ => Err(format!(
                "favor must be \"precision\", \"balanced\" or \"recall\", not {name:?}"
            )),
        }
    }
}

/// How to extract.
#[derive(Debug, Clone)]
pub struct Options {
    /// The precision/recall trade-off.
    pub favor: Favor,
    /// Pages larger than this (decompressed) are refused with [`Error::TooLarge`].
    pub max_bytes: usize,
    /// Time allowed per page; a page over it fails with [`Error::Timeout`].
    /// `None` allows any time.
    pub timeout: Option<Duration>,
    /// Collect [`metadata::Metadata`] (declarations and the text's
    /// language); off, [`Article::metadata`] stays empty and extraction is
    /// faster.
    pub metadata: bool,
    /// How [`Article::text`] is written: plain text or Markdown.
    pub text_format: output::TextFormat,
    /// Markdown: write links as `[text](url)` (resolved against the page's
    /// URL or `<base>`); else as their text.
    pub links: bool,
    /// Markdown: write images as `![alt](src)`; else leave them out.
    pub images: bool,
    /// Whether the parser's shortcuts are taken (the bodies of scripts,
    /// styles and the other raw-text elements whose text is never read
    /// skipped, plain markup read with byte searches:
    /// [`dom::Shortcuts::On`], the default) or html5ever tokenizes it all:
    /// the output is the same; the choice is there to check that it is.
    #[doc(hidden)]
    pub shortcuts: dom::Shortcuts,
}

/// The default [`Options::max_bytes`]: above any real page, below what
/// would exhaust a worker's memory.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// The default [`Options::timeout`]: real pages take milliseconds; a
/// hostile one is cut off.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

impl Default for Options {
    fn default() -> Self {
        Options {
            favor: Favor::Balanced,
            max_bytes: DEFAULT_MAX_BYTES,
            timeout: Some(DEFAULT_TIMEOUT),
            metadata: true,
            text_format: output::TextFormat::Plain,
            links: false,
            images: false,
            shortcuts: dom::Shortcuts::On,
        }
    }
}

/// The extracted article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The article's title, if the page has one.
    pub title: Option<String>,
    /// The article's body: blocks separated by blank lines, in
    /// [`Article::format`].
    pub text: String,
    /// How `text` is written (as [`Options::text_format`] asked).
    pub format: output::TextFormat,
    /// What the page declares about itself, and the text's language.
    pub metadata: metadata::Metadata,
}

impl Article {
    /// The whole text: the title line and a blank line (when
    /// `include_title` and a title is known), then the body.
    pub fn render(&self, include_title: bool) -> String {
        output::render_article(
            self.title.as_deref(),
            &self.text,
            include_title,
            self.format,
        )
    }
}

/// Magic numbers of common non-text files that crawls store as pages.
const BINARY_SIGNATURES: [(&[u8], &str); 6] = [
    (b"\x89PNG", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
];

/// Extracts the article from a page's raw bytes (any encoding; gzip and
/// zstd are undone). A page with no article gives an empty text, not an error.
pub fn extract(html: &[u8], options: &Options) -> Result<Article, Error> {
    extract_with_charset(html, None, options)
}

/// Like [`extract`], for a page whose transport declared a charset (an
/// HTTP `Content-Type` header): it is used after a byte-order mark and
/// before the page's own `<meta>` declaration, as browsers order them.
pub fn extract_with_charset(
    html: &[u8],
    charset: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    extract_page(html, charset, None, options)
}

/// Like [`extract_with_charset`], for a page fetched from `url`: the
/// Markdown's links and images are resolved against it (or the page's
/// `<base>`). Given its bytes by value (a `Vec<u8>`), it frees them as
/// soon as the page is parsed, so a large page does not hold them
/// through scoring.
pub fn extract_page<'a>(
    html: impl Into<Cow<'a, [u8]>>,
    charset: Option<&str>,
    url: Option<&str>,
    options: &Options,
) -> Result<Article, Error> {
    let page = PageSource { charset, url };
    Ok(analyse(html.into(), page, options, scoring::Detail::Verdicts)?.article)
}

/// What the transport says about a page: its charset and URL.
#[derive(Debug, Clone, Copy, Default)]
struct PageSource<'a> {
    charset: Option<&'a str>,
    url: Option<&'a str>,
}

/// Extracts the article from a page and tells how: every block with its
/// verdict and reason, the container, the title's source. `explain` and
/// `extract` run the same pipeline; what one keeps the other shows.
pub fn explain(
    html: &[u8],
    charset: Option<&str>,
    options: &Options,
) -> Result<explain::Explanation, Error> {
    let page = PageSource { charset, url: None };
    let analysis = analyse(
        Cow::Borrowed(html),
        page,
        options,
        scoring::Detail::Explained,
    )?;
    Ok(explain::Explanation::new(
        analysis.encoding,
        &analysis.dom,
        &analysis.blocks,
        &analysis.selection,
        analysis.article,
    ))
}

/// Every stage's result for one page.
struct Analysis {
    encoding: explain::EncodingReport,
    dom: dom::Dom,
    blocks: Vec<blocks::Block>,
    selection: scoring::Selection,
    article: Article,
}

fn analyse(
    html: Cow<[u8]>,
    page: PageSource,
    options: &Options,
    detail: scoring::Detail,
) -> Result<Analysis, Error> {
    if html.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: Some(html.len() as u64),
            limit: options.max_bytes,
        });
    }
    let budget = Budget::starting_now(options.timeout);
    let bytes = input::decompress(&html, options.max_bytes)?;
    reject_binary(&bytes)?;
    let decoded = input::decode_explained(&bytes, page.charset);
    budget.check()?;
    let tree = dom::parse_tree(&decoded.text, &budget, options.shortcuts)?;
    let encoding = explain::EncodingReport {
        name: decoded.encoding.name(),
        source: decoded.source,
    };
    // Nothing past the tree builder reads the page's bytes or their
    // decoded copy: they are freed here when owned.
    drop(decoded);
    drop(bytes);
    drop(html);
    let dom = tree.flatten();
    let blocks = blocks::segment(&dom);
    budget.check()?;
    // The page's JSON-LD, parsed once: scoring reads its types, metadata
    // and the title the rest.
    let linked = metadata::LinkedData::parse(&dom.meta.declarations.json_ld);
    let selection = scoring::select(&dom, &blocks, linked.types(), options.favor, detail);
    budget.check()?;
    let plain = output::render_body(&blocks, selection.kept());
    let h1s: Vec<String> = blocks
        .iter()
        .filter(|b| b.kind == blocks::BlockKind::Heading(1) && b.chars > 0)
        .map(|b| b.text.replace('\n', " "))
        .collect();
    let heading = metadata::Heading {
        chosen: selection.title.as_deref(),
        in_article: selection.title_source == scoring::title::TitleSource::H1InContainer,
        declared: matches!(
            selection.title_source,
            scoring::title::TitleSource::OpenGraph | scoring::title::TitleSource::HeadTitle
        ),
        h1s: &h1s,
        service_page: selection.page_type == scoring::PageType::Service,
    };
    let title = metadata::page_title(&dom, &linked, heading);
    let metadata = if options.metadata {
        metadata::Metadata {
            page_type: Some(selection.page_type.name()),
            ..metadata::collect(
                &dom,
                &linked,
                selection.title_element.unwrap_or(selection.container),
                // A page without text has no language to detect (a title
                // alone is too short to tell).
                &plain,
            )
        }
    } else {
        metadata::Metadata::default()
    };
    let text = match options.text_format {
        output::TextFormat::Plain => plain,
        output::TextFormat::Markdown => {
            let kept: Vec<usize> = selection.kept().collect();
            let references = blocks::References {
                links: options.links,
                images: options.images,
                page_url: page.url,
            };
            let layouts = blocks::layout(&dom, &blocks, &kept, references);
            output::markdown::render_body(&blocks, &kept, &layouts)
        }
    };
    let article = Article {
        title,
        text,
        format: options.text_format,
        metadata,
    };
    Ok(Analysis {
        encoding,
        dom,
        blocks,
        selection,
        article,
    })
}

fn reject_binary(bytes: &[u8]) -> Result<(), Error> {
    if let Some(compression) = input::unsupported_compression(bytes) {
        return Err(Error::UnsupportedCompression(compression));
    }
    if let Some((_, what)) = BINARY_SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Err(Error::NotHtml(what));
    }
    let sample = &bytes[..bytes.len().min(1024)];
    // Control bytes other than whitespace and ESC (which ISO-2022-JP text
    // uses) are rare in text, and about one byte in ten of random data.
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b)
        .count();
    let utf16 = input::looks_like_utf16(sample);
    if !utf16 && controls * 50 > sample.len() {
        return Err(Error::NotHtml("binary data"));
    }
    Ok(())
}
