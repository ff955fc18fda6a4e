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

impl Page {
    /// The page as an entry, or, when its HTML is over `max_bytes`, an
    /// error entry holding none of it: a page too large to extract is not
    /// kept waiting in memory for its turn.
    pub fn within(self, max_bytes: usize) -> Entry {
        if self.html.len() <= max_bytes {
            return Entry::Page(self);
        }
        let reason = crate::Error::TooLarge {
            size: Some(self.html.len() as u64),
            limit: max_bytes,
        }
        .to_string();
        Entry::Failed(
            Page {
                html: Vec::new(),
                ..self
            },
            reason,
        )
    }
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

impl Entry {
    /// The HTML bytes the entry holds.
    pub fn html_len(&self) -> usize {
        match self {
            Entry::Page(page) | Entry::Failed(page, _) => page.html.len(),
            _ => 0,
        }
    }
}
