//! Tuning: every threshold and weight scoring uses, each named once with
//! the reason for its value, and the rule sets each [`Favor`] selects.

use crate::Favor;

// ---- What a block is ----

/// Characters that make a sentence of prose in scripts written without
/// spaces (Chinese, Japanese, Thai), where most "words" are one character.
pub const PROSE_MIN_UNSPACED_CHARS: usize = 30;
/// Words that make a sentence of prose in spaced scripts.
pub const PROSE_MIN_WORDS: usize = 12;
/// Characters that make prose even with few (long) words.
pub const PROSE_MIN_CHARS: usize = 80;
/// Above this share of linked text a block is made of links, not prose.
pub const LINK_HEAVY_DENSITY: f64 = 0.5;
/// Words a paragraph or list item needs to count as linked prose (a news
/// roundup item, prose citing sources) whatever its links.
pub const LINKED_PROSE_MIN_WORDS: usize = 20;
/// Linked prose still has some unlinked text: at this share it is a link.
pub const LINKED_PROSE_MAX_LINK_DENSITY: f64 = 0.8;
/// Words loose text (straight in a `div`, between `br`s) needs, with a
/// full stop, to read as a sentence.
pub const LOOSE_SENTENCE_MIN_WORDS: usize = 4;

/// Above this share of its characters in web addresses a block is an
/// address dump (image lists, raw links), never prose.
pub const ADDRESS_MIN_SHARE: f64 = 0.5;

/// Characters from which a space-free ASCII string counts as an address
/// would (a hash, an identifier, encoded data): longer than the longest
/// words of the languages written in Latin letters.
pub const UNBROKEN_STRING_MIN_CHARS: usize = 48;

// ---- What a block is worth to the container holding it ----

/// Per character, what furniture text costs: all of it counts against.
pub const FURNITURE_WEIGHT: f64 = -1.0;
/// Per character, what address dumps, short blocks and teasers cost: they
/// must not draw the container to themselves, nor push a real article away.
pub const MINOR_PENALTY: f64 = -0.25;
/// Below this link density a table row is data, neutral in the container
/// score; above it the row is a link list.
pub const DATA_ROW_MAX_LINK_DENSITY: f64 = 0.3;
/// Bonus, as a share of its positive text, for an element marked as the
/// article body (`itemprop=articleBody`, a content class name).
pub const CONTENT_MARK_BONUS: f64 = 0.3;
/// Bonus, as a share of its positive text, for an `<article>` element
/// (often, not always, the article: teaser cards use it too).
pub const ARTICLE_MARK_BONUS: f64 = 0.1;
/// Scores within this of each other tie (the deeper element wins).
pub const SCORE_TIE: f64 = 1e-9;
/// When narrowing a container to the `<article>` holding the `h1`, the
/// prose outside every `<article>` may be at most this share of it.
pub const NARROW_MAX_LOOSE_SHARE: f64 = 0.25;
/// Prose paragraphs standing loose beside a lone-block container, as
/// children of its parent, that make the parent the article: two more
/// paragraphs are a body, one may be a caption or a box.
pub const LONE_BLOCK_MIN_LOOSE_PROSE: usize = 2;

/// How many times the container's own prose paragraphs the loose ones
/// beside it must outnumber for a container of several blocks to be one
/// wrapped section of the article that stands loose in its parent (a
/// heading and its paragraphs an editor put in a `<div>`), not an article
/// beside a few paragraphs of something else.
pub const WRAPPED_SECTION_MIN_LOOSE_RATIO: usize = 2;

// ---- Furniture that is not furniture ----

/// A class-marked furniture region holding this share of the page's prose
/// is the article itself (a paywall wrapper, "content-with-sidebar").
pub const LARGE_REGION_SHARE: f64 = 0.4;
/// Paragraphs of prose that make a large class-marked region article-like.
pub const ARTICLE_LIKE_MIN_PARAGRAPHS: f64 = 3.0;

// ---- Teasers ----

/// Blocks a teaser card holds at most (a headline, a summary, a byline…).
pub const MAX_CARD_BLOCKS: f64 = 6.0;
/// Prose paragraphs under a linked headline that make a card a section of
/// the article rather than a teaser: a teaser's summary is one paragraph.
pub const ITEM_MIN_PROSE_BLOCKS: f64 = 3.0;
/// How far up from a block its card may be: the block's element, its
/// parent or its grandparent.
pub const CARD_MAX_LEVELS: usize = 3;
/// Cards with the same markup in this many parents are a series of teasers.
pub const MIN_TEASER_SERIES: usize = 3;
/// The share of a one-block teaser its linked headline takes: some but
/// not all (a whole-link block is a link, a short link is a citation).
pub const HEADED_TEASER_LINK_SHARE: std::ops::RangeInclusive<f64> = 0.15..=0.7;

// ---- Pages of many items ----

/// A container holding less than this share of the page's words may have
/// missed content made of many items (cards, posts).
pub const REGION_CONTAINER_MAX_SHARE: f64 = 0.3;
/// A container holding less than this share of the page's words may still
/// have missed a series of [`CATALOGUE_MIN_ITEMS`] items or more (a landing
/// page's sections beside the one chosen): more is the page's body.
pub const CATALOGUE_CONTAINER_MAX_SHARE: f64 = 0.5;
/// A series of items replaces the container when it holds this many times
/// the words kept from the container.
pub const REGION_OVER_KEPT: f64 = 2.0;
/// Posts a thread's series needs on a page declaring a forum thread: its
/// question and one answer are a thread.
pub const MIN_THREAD_POSTS: usize = 2;
/// Items a series needs: two could be a pair of columns.
pub const MIN_REGION_ITEMS: usize = 3;
/// Paragraphs of prose outside a series that make an article of their
/// own, which the series (comments, teasers) follows.
pub const MIN_ARTICLE_PARAGRAPHS: usize = 2;
/// Items that make a series a catalogue (a shop's product grid, a table's
/// rows, an archive's cards) rather than a page's few sections or a
/// carousel: a catalogue's introduction does not make it an article's
/// follow-up.
pub const CATALOGUE_MIN_ITEMS: usize = 8;
/// A catalogue holding more than this many times the words of the prose
/// outside it is the page's content, that prose its introduction (a
/// category's description over its products), not an article it follows.
pub const CATALOGUE_OVER_INTRO: f64 = 4.0;
/// Priced items that make a series a shop's catalogue: more than a
/// service's few pricing plans.
pub const SHOP_CATALOGUE_MIN_ITEMS: usize = 6;
/// Share of a catalogue's items that must hold a price for it to be a
/// shop's: most product cards show one, an article's related links none.
pub const PRICED_ITEMS_MIN_SHARE: f64 = 0.5;
/// Share of a block's words that must write a price for it to be an
/// item's price line ("Now 49,99 €"), not a sentence naming one.
pub const PRICE_LINE_MIN_SHARE: f64 = 0.3;
/// Words a price line may have: a card's prices ("Was $60 Now $45, save
/// 25%"), not a paragraph.
pub const PRICE_LINE_MAX_WORDS: usize = 12;
/// Words an item needs to count (a card with a title and a line, a post).
pub const MIN_ITEM_WORDS: f64 = 4.0;
/// Share of same-tag siblings that must carry a class/id token for it to
/// mark their series: fewer carriers make it a mark of the single item
/// (its category, a "featured" flag).
pub const SHARED_TOKEN_SHARE: f64 = 0.5;

/// Code blocks (`pre`) that make a page documentation when it does not
/// declare its type.
pub const MIN_DOCUMENTATION_CODE_BLOCKS: usize = 3;

/// `<code>` elements (inline or in blocks) that make a page documentation:
/// an article may quote a command or two, a manual names its code throughout.
pub const MIN_DOCUMENTATION_CODE_ELEMENTS: usize = 3;

/// Products a page declares at most to be one product's page, whose reviews
/// and carousels are furniture: nearly all product pages declare 1–12 (variants,
/// accessories), catalogues and listings two dozen or more.
pub const MAX_PRODUCT_PAGE_PRODUCTS: usize = 12;

/// Words a teaser summary inside the container has at most to be dropped
/// as one: longer ones are mostly the page's own text.
pub const TEASER_MAX_WORDS: usize = 20;

/// Blocks between the title and the container that may be its standfirst
/// (a byline and a date may sit between them too).
pub const STANDFIRST_MAX_BLOCKS: usize = 4;
/// Words a standfirst outside the container needs: a sentence, not a label.
pub const STANDFIRST_MIN_WORDS: usize = 8;

// ---- Trimming inside the container ----

/// Words a comment section's title has at most ("Comments (12)").
pub const COMMENTS_TITLE_MAX_WORDS: usize = 6;
/// Words a box title ("Daily news" over a newsletter prompt) has at most.
pub const BOX_TITLE_MAX_WORDS: usize = 6;
/// Strong boilerplate phrases mark blocks of up to this many words: a
/// cookie banner or copyright line, never a paragraph that mentions cookies.
pub const STRONG_PHRASE_MAX_WORDS: usize = 40;
/// A weak phrase ("Read more", "Share") marks a block only when it makes
/// at least this share of the block's text.
pub const WEAK_PHRASE_MIN_SHARE: f64 = 0.5;
/// Short blocks at the article's edges are kept only below this link density.
pub const EDGE_MAX_LINK_DENSITY: f64 = 0.3;

// ---- The fitted model ----

/// Blocks on each side whose link density and prose share describe a
/// block's neighbourhood: a paragraph's worth of context either way.
pub const NEIGHBOUR_WINDOW: usize = 3;
/// Full stops counted in a block: beyond a paragraph's worth, more says
/// nothing new.
pub const TEXT_SHAPE_MAX_STOPS: usize = 10;
/// Levels above a block's element to its section (a box, a card, a post).
pub const SECTION_LEVELS: usize = 2;
/// Levels above a block's element to its column (the main column, a sidebar).
pub const COLUMN_LEVELS: usize = 4;
/// Features `explain` lists as a block's score drivers: enough to see
/// why, few enough to read.
pub const MODEL_DRIVERS: usize = 5;
/// How far (log-odds) `--favor` moves the model's threshold: precision
/// keeps only blocks the model is surer of, recall also the doubtful ones.
pub const FAVOR_THRESHOLD_SHIFT: f64 = 0.5;

/// Which short blocks at the article's edges are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeRule {
    /// None: the article runs from its first prose block to its last.
    Never,
    /// Textual blocks (paragraphs, list items, quotes, `pre`, rows, loose
    /// sentences), and headings leading into the prose.
    TextualOrLeadingHeading,
    /// Any block that is not mostly links.
    AnyUnlinked,
}

/// The rules a [`Favor`] selects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FavorRules {
    /// Short blocks at the edges that are kept.
    pub edge: EdgeRule,
    /// Whether a weak phrase drops an unlinked block ("Share" as plain
    /// text); a linked weak phrase is always dropped.
    pub weak_phrase_drops_unlinked: bool,
    /// Whether a standfirst between the title and the container is kept
    /// (most gold standards keep leads; AEB's leaves them out).
    pub standfirst: bool,
    /// Added to the model's threshold (log-odds).
    pub threshold_shift: f64,
}

impl FavorRules {
    pub const fn of(favor: Favor) -> FavorRules {
        match favor {
            Favor::Precision => FavorRules {
                edge: EdgeRule::Never,
                weak_phrase_drops_unlinked: true,
                standfirst: false,
                threshold_shift: FAVOR_THRESHOLD_SHIFT,
            },
            Favor::Balanced => FavorRules {
                edge: EdgeRule::TextualOrLeadingHeading,
                weak_phrase_drops_unlinked: true,
                standfirst: false,
                threshold_shift: 0.0,
            },
            Favor::Recall => FavorRules {
                edge: EdgeRule::AnyUnlinked,
                weak_phrase_drops_unlinked: false,
                standfirst: true,
                threshold_shift: -FAVOR_THRESHOLD_SHIFT,
            },
        }
    }
}

// ---- Widening to sibling sections ----

/// Link share the text a wider container adds may have at most: sections,
/// not navigation. A landing page's sections link their headings and end
/// in a linked call to action ("Learn more"), which trimming drops: up to
/// this share they are still sections (a menu is most of it linked).
pub const WIDEN_MAX_LINK_DENSITY: f64 = 0.45;
/// Characters per heading the added text may have at most: a section is a
/// heading over a few paragraphs; one heading over pages of text is a
/// thread or a feed beside the article.
pub const WIDEN_MAX_CHARS_PER_HEADING: f64 = 3000.0;
/// Text `<body>` must add, as a share of the container's, for the container
/// to widen to it: on a landing page the densest section is one of many
/// (the other sections add more than half again), after a long article
/// only a closing call to action is left (a quarter or less on WCXB).
pub const WIDEN_TO_BODY_MIN_GROWTH: f64 = 0.5;
