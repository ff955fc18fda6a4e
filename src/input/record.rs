//! Records: pages read from JSON Lines and WARC inputs, each with its id,
//! URL, date and the fields to copy through, or the reason it could not be
//! read.

use serde_json::{Map, Value};

/// One page to extract, with what its source says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub id: String,
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date).
    pub date: Option<String>,
    pub html: Vec<u8>,
    /// The charset its transport declared (the HTTP `Content-Type`).
    pub charset: Option<String>,
    /// Fields of a JSON Lines record other than the HTML, copied through.
    pub extra: Map<String, Value>,
}

/// What an input yields, one entry per record.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Page(Page),
    /// A record that could not be read: the page it describes, without its
    /// HTML, and why.
    Failed(Page, String),
    /// A record that holds no page (a WARC request, metadata or non-HTML
    /// response), counted but not extracted.
    Skipped,
    /// A blank line of a JSON Lines input, skipped and counted.
    Blank,
    /// The rest of the input is not read, for this reason (the input
    /// cannot hold pages as the options describe them): the run should
    /// stop and say why.
    Abandoned(String),
}
