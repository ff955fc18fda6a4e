//! Verdicts: what scoring decided about each block, and why, in a closed
//! set of reasons that rendering, `pith explain` and the tests all read.

use serde::Serialize;

use crate::lexicon::PhraseStrength;

/// What in the markup marked an element as page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum MarkedBy {
    /// Its tag: `nav`, `footer`, `aside`, `menu`, `figcaption`.
    Tag(&'static str),
    /// Its ARIA role: `navigation`, `contentinfo`, `complementary`, …
    Role(&'static str),
    /// A word of its class or id: `share`, `related`, `comment`, …
    Class(&'static str),
    /// Its schema.org microdata property: `author` (a byline or a bio box).
    Itemprop(&'static str),
}

impl std::fmt::Display for MarkedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarkedBy::Tag(tag) => write!(f, "<{tag}>"),
            MarkedBy::Role(role) => write!(f, "role={role}"),
            MarkedBy::Class(word) => write!(f, "class/id \"{word}\""),
            MarkedBy::Itemprop(property) => write!(f, "itemprop={property}"),
        }
    }
}

/// Which teaser pattern a block matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeaserPattern {
    /// A card (linked headline and summary) repeated with the same markup.
    Card,
    /// One of several blocks in a list that each open with a linked headline.
    HeadedList,
}

/// Why a block was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    // ---- dropped ----
    /// Outside the element chosen as the article container.
    OutsideContainer,
    /// Inside page furniture within the container.
    Furniture {
        /// Arena index of the element that carries the mark.
        element: usize,
        marked_by: MarkedBy,
    },
    /// A teaser for another page.
    Teaser { pattern: TeaserPattern },
    /// Repeats the title, which is rendered once above the body.
    RepeatsTitle,
    /// At or after the title of a comment section.
    AfterComments,
    /// Made mostly of links.
    LinkHeavy,
    /// Made mostly of web addresses or identifier strings.
    Addresses,
    /// A short block holding a boilerplate phrase.
    Phrase {
        phrase: &'static str,
        strength: PhraseStrength,
    },
    /// A short block before the first or after the last prose block that
    /// does not run on unbroken from the prose.
    EdgeTrim,
    /// A short title over a dropped boilerplate box.
    BoxTitle,
    /// On a page of many items, outside the series of items.
    OutsideRegion,
    /// On a page of many items, a text that stands in many of them (a
    /// button, a label).
    RepeatedInItems,
    /// Kept by the rules, but the fitted model scores it as boilerplate.
    ModelDropped,
    // ---- kept ----
    /// A paragraph of article prose.
    Prose,
    /// A short block leading into the prose (a standfirst, a heading).
    Lead,
    /// A short block closing the prose (a last line, a list).
    Closing,
    /// A heading between paragraphs of the article.
    Heading,
    /// A list item or table row between paragraphs of the article.
    ListOrTable,
    /// A short line between paragraphs of the article.
    ShortLine,
    /// On a page with no prose at all, a block that passed every filter.
    NoProsePage,
    /// On a page of many items (cards, products, posts), part of an item.
    RegionItem,
    /// Dropped by the rules, but the fitted model scores it as content.
    ModelKept,
}

impl Reason {
    /// Whether a block with this reason is part of the article.
    pub fn keeps(&self) -> bool {
        matches!(
            self,
            Reason::Prose
                | Reason::Lead
                | Reason::Closing
                | Reason::Heading
                | Reason::ListOrTable
                | Reason::ShortLine
                | Reason::NoProsePage
                | Reason::RegionItem
                | Reason::ModelKept
        )
    }

    /// The reason's name, as `explain` and the tests show it.
    pub fn name(&self) -> &'static str {
        match self {
            Reason::OutsideContainer => "outside_container",
            Reason::Furniture { .. } => "furniture",
            Reason::Teaser { .. } => "teaser",
            Reason::RepeatsTitle => "repeats_title",
            Reason::AfterComments => "after_comments",
            Reason::LinkHeavy => "link_heavy",
            Reason::Addresses => "addresses",
            Reason::Phrase { .. } => "phrase",
            Reason::EdgeTrim => "edge_trim",
            Reason::BoxTitle => "box_title",
            Reason::OutsideRegion => "outside_region",
            Reason::RepeatedInItems => "repeated_in_items",
            Reason::Prose => "prose",
            Reason::Lead => "lead",
            Reason::Closing => "closing",
            Reason::Heading => "heading",
            Reason::ListOrTable => "list_or_table",
            Reason::ShortLine => "short_line",
            Reason::NoProsePage => "no_prose_page",
            Reason::RegionItem => "region_item",
            Reason::ModelDropped => "model_dropped",
            Reason::ModelKept => "model_kept",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::OutsideContainer => write!(f, "outside the article container"),
            Reason::Furniture { marked_by, .. } => write!(f, "page furniture ({marked_by})"),
            Reason::Teaser {
                pattern: TeaserPattern::Card,
            } => write!(f, "teaser card repeated with the same markup"),
            Reason::Teaser {
                pattern: TeaserPattern::HeadedList,
            } => write!(f, "teaser in a list of linked headlines"),
            Reason::RepeatsTitle => write!(f, "repeats the title"),
            Reason::AfterComments => write!(f, "in or after the comment section"),
            Reason::LinkHeavy => write!(f, "mostly links"),
            Reason::Addresses => write!(f, "mostly web addresses or identifier strings"),
            Reason::Phrase { phrase, strength } => {
                let strength = match strength {
                    PhraseStrength::Strong => "strong",
                    PhraseStrength::Weak => "weak",
                };
                write!(f, "boilerplate phrase \"{phrase}\" ({strength})")
            }
            Reason::EdgeTrim => write!(f, "short block outside the run of prose"),
            Reason::BoxTitle => write!(f, "title of a dropped boilerplate box"),
            Reason::OutsideRegion => {
                write!(f, "outside the series of items that is the page's content")
            }
            Reason::RepeatedInItems => write!(f, "the same text in many items (a button or label)"),
            Reason::Prose => write!(f, "article prose"),
            Reason::Lead => write!(f, "leads into the prose"),
            Reason::Closing => write!(f, "closes the prose"),
            Reason::Heading => write!(f, "heading in the article"),
            Reason::ListOrTable => write!(f, "list item or table row in the article"),
            Reason::ShortLine => write!(f, "short line in the article"),
            Reason::NoProsePage => write!(f, "page without prose: kept what passed the filters"),
            Reason::RegionItem => write!(
                f,
                "part of an item of the series that is the page's content"
            ),
            Reason::ModelDropped => write!(f, "the fitted model scores it as boilerplate"),
            Reason::ModelKept => write!(f, "the fitted model scores it as content"),
        }
    }
}

/// The decision about one block, with the figure behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Verdict {
    pub kept: bool,
    #[serde(flatten)]
    pub reason: Reason,
    /// The block's value to the container score (positive: prose;
    /// negative: links, furniture, short blocks).
    pub value: f64,
    /// The fitted model's score (log-odds of being content), when it ran.
    pub model_score: Option<f64>,
}

impl Verdict {
    pub fn new(reason: Reason, value: f64, model_score: Option<f64>) -> Verdict {
        Verdict {
            kept: reason.keeps(),
            reason,
            value,
            model_score,
        }
    }
}
