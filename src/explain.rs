//! Explain: what pith decided about every block of a page and why, as a
//! JSON document or a self-contained HTML report. It reads the verdicts
//! scoring gave; it never decides anything itself.

use serde::Serialize;

use crate::Article;
use crate::blocks::{Block, BlockKind};
use crate::dom::Dom;
use crate::input::EncodingSource;
use crate::scoring::model::{self, Driver, Row};
use crate::scoring::{PageType, Reason, Selection, TitleSource};

/// Ancestors shown in an element's path (nearest last).
const PATH_DEPTH: usize = 6;

/// How pith saw one page.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub encoding: EncodingReport,
    pub title: Option<String>,
    pub title_source: TitleSource,
    pub page_type: PageType,
    pub model: ModelReport,
    pub container: ContainerReport,
    /// Blocks kept, of all blocks.
    pub kept_blocks: usize,
    /// Every block of the page, in document order.
    pub blocks: Vec<BlockReport>,
    /// The extracted article, as `extract` gives it.
    #[serde(skip)]
    pub article: Article,
}

/// Where the fitted model overrules the hand rules on this page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ModelReport {
    /// The group of pages its thresholds are fitted for: the page type, or
    /// `article_undeclared` for a page typed article that declares nothing.
    pub group: &'static str,
    /// A block the rules dropped is kept at and above this score (log-odds;
    /// null: never).
    pub keep_at: Option<f64>,
    /// A block the rules kept is dropped below this score (null: never).
    pub drop_below: Option<f64>,
}

impl ModelReport {
    fn of(group: usize) -> ModelReport {
        let thresholds = model::forest().thresholds[group];
        let finite = |x: f64| x.is_finite().then_some(x);
        ModelReport {
            group: model::threshold_group_name(group),
            keep_at: finite(thresholds.keep_at),
            drop_below: finite(thresholds.drop_below),
        }
    }

    /// One line for the HTML report.
    fn describe(&self) -> String {
        let side = |value: Option<f64>, verb: &str, relation: &str| {
            value.map(|x| format!("{verb} {relation} {x:+.1}"))
        };
        let sides: Vec<String> = [
            side(self.keep_at, "keeps what the rules dropped at", "≥"),
            side(self.drop_below, "drops what they kept below", "<"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if sides.is_empty() {
            format!("{}: the rules stand", self.group)
        } else {
            format!("{}: {}", self.group, sides.join("; "))
        }
    }
}

/// The encoding the page was read in, and where it came from.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EncodingReport {
    pub name: &'static str,
    pub source: EncodingSource,
}

/// The element chosen as the article container.
#[derive(Debug, Clone, Serialize)]
pub struct ContainerReport {
    pub index: usize,
    /// Its place in the page: `tag[class id]` of its nearest ancestors.
    pub path: String,
    pub score: f64,
}

/// One block, its measurements and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct BlockReport {
    pub index: usize,
    pub text: String,
    pub kind: &'static str,
    /// The element holding the block: `tag[class id]`.
    pub element: String,
    pub in_container: bool,
    pub kept: bool,
    /// The reason's name (`prose`, `furniture`, `link_heavy`, …).
    pub reason: &'static str,
    /// The reason in words, with what fired it (the class word, the phrase).
    pub detail: String,
    /// For furniture: the element that carries the mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marked_element: Option<String>,
    /// The block's value to the container score.
    pub score: f64,
    pub chars: usize,
    pub words: usize,
    pub link_density: f64,
    /// The fitted model's score (log-odds of being content; it overrules
    /// the rules beyond the thresholds of the page's type).
    pub model_score: Option<f64>,
    /// The features that moved the model's score most.
    pub drivers: Vec<Driver>,
    /// Every input of the model, in the order of [`model::FEATURE_NAMES`]
    /// (left out of the JSON: `drivers` names the ones that mattered).
    #[serde(skip)]
    pub model_row: Row,
}

impl Explanation {
    pub fn new(
        encoding: EncodingReport,
        dom: &Dom,
        blocks: &[Block],
        selection: &Selection,
        article: Article,
    ) -> Explanation {
        let container = selection.container;
        let forest = model::forest();
        let blocks: Vec<BlockReport> = blocks
            .iter()
            .zip(&selection.verdicts)
            .zip(&selection.model_rows)
            .enumerate()
            .map(|(index, ((block, verdict), row))| BlockReport {
                index,
                text: block.text.clone(),
                kind: kind_name(block.kind),
                element: describe(dom, block.owner),
                in_container: !dom.nodes.is_empty() && dom.contains(container, block.owner),
                kept: verdict.kept,
                reason: verdict.reason.name(),
                detail: verdict.reason.to_string(),
                marked_element: match verdict.reason {
                    Reason::Furniture { element, .. } => Some(path(dom, element)),
                    _ => None,
                },
                score: verdict.value,
                chars: block.chars,
                words: block.words,
                link_density: block.link_density(),
                model_score: verdict.model_score,
                drivers: forest.drivers(row),
                model_row: *row,
            })
            .collect();
        Explanation {
            encoding,
            title: selection.title.clone(),
            title_source: selection.title_source,
            page_type: selection.page_type,
            model: ModelReport::of(selection.model_group),
            container: ContainerReport {
                index: container,
                path: path(dom, container),
                score: selection.container_score,
            },
            kept_blocks: blocks.iter().filter(|b| b.kept).count(),
            blocks,
            article,
        }
    }

    /// The explanation as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialisation cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A self-contained HTML report (inline CSS, nothing loaded from
    /// elsewhere): the page-level decisions, then every block in page
    /// order, kept ones plain, dropped ones greyed with their reason, the
    /// container's blocks outlined.
    pub fn to_html(&self, source: &str) -> String {
        let mut html = String::from(REPORT_HEAD);
        let title = self.title.as_deref().unwrap_or("(none)");
        html.push_str(&format!(
            "<h1>pith explain: {}</h1>\n<table class=\"page\">\n\
             <tr><th>page</th><td>{}</td></tr>\n\
             <tr><th>encoding</th><td>{} <span class=\"why\">from {}</span></td></tr>\n\
             <tr><th>page type</th><td>{}</td></tr>\n\
             <tr><th>model</th><td>{}</td></tr>\n\
             <tr><th>title</th><td>{} <span class=\"why\">from {}</span></td></tr>\n\
             <tr><th>container</th><td><code>{}</code> <span class=\"why\">score {:.1}</span></td></tr>\n\
             <tr><th>blocks</th><td>{} kept of {}</td></tr>\n</table>\n",
            escape(title),
            escape(source),
            self.encoding.name,
            self.encoding.source.describe(),
            self.page_type.name(),
            escape(&self.model.describe()),
            escape(title),
            escape(self.title_source.describe()),
            escape(&self.container.path),
            self.container.score,
            self.kept_blocks,
            self.blocks.len(),
        ));
        html.push_str(
            "<p class=\"legend\"><span class=\"kept\">kept</span> \
             <span class=\"dropped\">dropped, with its reason</span> \
             <span class=\"inside\">inside the article container</span></p>\n",
        );
        let mut in_container = false;
        for block in &self.blocks {
            if block.in_container != in_container {
                html.push_str(if block.in_container {
                    "<section class=\"container\">\n"
                } else {
                    "</section>\n"
                });
                in_container = block.in_container;
            }
            html.push_str(&block_html(block));
        }
        if in_container {
            html.push_str("</section>\n");
        }
        html.push_str("</body></html>\n");
        html
    }
}

fn block_html(block: &BlockReport) -> String {
    let class = if block.kept { "kept" } else { "dropped" };
    let marked = block
        .marked_element
        .as_deref()
        .map(|m| format!(" · marked at <code>{}</code>", escape(m)))
        .unwrap_or_default();
    let drivers: Vec<String> = block
        .drivers
        .iter()
        .map(|d| format!("{} {:+.2}", d.feature, d.contribution))
        .collect();
    format!(
        "<div class=\"block {class}\"><div class=\"meta\">#{} {} <code>{}</code> · <b>{}</b>: {}{marked} · \
         score {:.1} · {} chars · {} words · links {:.0}%</div>\
         <div class=\"meta\">model {:+.2}: {}</div><div class=\"text\">{}</div></div>\n",
        block.index,
        block.kind,
        escape(&block.element),
        block.reason,
        escape(&block.detail),
        block.score,
        block.chars,
        block.words,
        block.link_density * 100.0,
        block.model_score.unwrap_or(f64::NAN),
        escape(&drivers.join(", ")),
        escape(&block.text),
    )
}

const REPORT_HEAD: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
<title>pith explain</title>\n<style>\n\
body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:1.5em auto;padding:0 1em;color:#1b1b1b}\n\
h1{font-size:1.3em}table.page{border-collapse:collapse;margin-bottom:1em}\n\
table.page th{text-align:left;padding:.2em 1em .2em 0;color:#555;font-weight:600}\n\
.why{color:#777;font-size:.9em}code{font-size:.85em;background:#f3f3f3;padding:0 .2em}\n\
.legend span{display:inline-block;padding:.1em .5em;margin-right:.5em;border-radius:3px}\n\
.legend .kept{background:#e8f5e9}.legend .dropped{background:#f1f1f1;color:#888}\n\
.legend .inside{border:2px solid #2e7d32}\n\
section.container{border:2px solid #2e7d32;border-radius:4px;padding:.3em .6em;margin:.6em -.6em}\n\
.block{margin:.35em 0;padding:.25em .5em;border-left:4px solid transparent}\n\
.block.kept{border-left-color:#43a047;background:#f6fbf6}\n\
.block.dropped{color:#9a9a9a;border-left-color:#d0d0d0}\n\
.block .meta{font-size:.78em;color:#777}.block.kept .meta b{color:#2e7d32}.block.dropped .meta b{color:#b71c1c}\n\
.block .text{white-space:pre-wrap}\n\
</style></head><body>\n";

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::Heading(1) => "h1",
        BlockKind::Heading(2) => "h2",
        BlockKind::Heading(3) => "h3",
        BlockKind::Heading(4) => "h4",
        BlockKind::Heading(5) => "h5",
        BlockKind::Heading(_) => "h6",
        BlockKind::ListItem => "list_item",
        BlockKind::Quote => "quote",
        BlockKind::Pre => "pre",
        BlockKind::Row => "row",
        BlockKind::Loose => "loose",
    }
}

/// `tag[class id]` of one element, or `#text`.
fn describe(dom: &Dom, index: usize) -> String {
    dom.element(index).map_or_else(
        || String::from("#text"),
        |e| {
            if e.hints().is_empty() {
                e.name.to_string()
            } else {
                format!("{}[{}]", &*e.name, e.hints())
            }
        },
    )
}

/// The element and its nearest ancestors, outermost first.
fn path(dom: &Dom, index: usize) -> String {
    if dom.nodes.is_empty() {
        return String::new();
    }
    let mut chain: Vec<String> = std::iter::once(index)
        .chain(dom.ancestors(index))
        .take(PATH_DEPTH)
        .map(|i| describe(dom, i))
        .collect();
    chain.reverse();
    chain.join(" > ")
}
