//! Container: each block's value to the elements holding it, and the
//! element whose subtree is worth most, which holds the article.

use crate::blocks::{Block, BlockKind};
use crate::dom::{Dom, Element};
use crate::scoring::features::Features;
use crate::scoring::marks::{Mark, Nearest, PerNode, SubtreeSums, subtree_sums};
use crate::scoring::tuning::*;

/// Which unlinked blocks add to a container's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseThreshold {
    /// Only prose: long enough to be sentences.
    Prose,
    /// Any text (pages that hold no prose at all).
    AnyText,
}

/// A block's contribution to the score of every element that holds it:
/// non-link text of prose counts for, links, furniture and short blocks
/// against (after Kohlschütter et al. 2010 and CETD's text density).
pub fn block_value(
    block: &Block,
    features: &Features,
    in_furniture: bool,
    threshold: ProseThreshold,
) -> f64 {
    let chars = features.chars;
    if in_furniture {
        FURNITURE_WEIGHT * chars
    } else if features.link_heavy {
        -chars * features.link_density
    } else if features.addresses {
        MINOR_PENALTY * chars
    } else if features.prose || threshold == ProseThreshold::AnyText {
        (chars - features.link_chars) * (1.0 - features.link_density)
    } else if block.kind == BlockKind::Row && features.link_density < DATA_ROW_MAX_LINK_DENSITY {
        // Rows of a data table neither draw the article nor push it away.
        0.0
    } else {
        MINOR_PENALTY * chars
    }
}

/// The chosen container and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Container {
    pub index: usize,
    pub score: f64,
}

/// The element whose subtree has the highest total block value; on a tie,
/// the deeper element. Semantic marks add a bonus on their positive text.
pub fn best_container(
    dom: &Dom,
    blocks: &[Block],
    values: &[f64],
    marks: &PerNode<Mark>,
) -> Container {
    let total = subtree_sums(dom, blocks.iter().zip(values).map(|(b, &v)| (b.owner, v)));
    let positive = subtree_sums(
        dom,
        blocks
            .iter()
            .zip(values)
            .map(|(b, &v)| (b.owner, v.max(0.0))),
    );
    let score_of = |index: usize| total[index] + mark_bonus(marks[index]) * positive[index];
    let mut best = Container {
        index: 0,
        score: f64::MIN,
    };
    for index in (0..dom.nodes.len()).filter(|&i| dom.element(i).is_some()) {
        let score = score_of(index);
        if score > best.score + SCORE_TIE
            || (score >= best.score - SCORE_TIE && dom.contains(best.index, index))
        {
            best = Container { index, score };
        }
    }
    let index = narrow_to_titled_article(dom, blocks, marks, &positive, best.index);
    Container {
        index,
        score: if index == best.index {
            best.score
        } else {
            score_of(index)
        },
    }
}

/// The score of one element as a container (as [`best_container`] scores
/// every element): its blocks' total value, with its mark's bonus.
pub fn score_of(
    dom: &Dom,
    blocks: &[Block],
    values: &[f64],
    marks: &PerNode<Mark>,
    index: usize,
) -> f64 {
    let inside = || {
        blocks
            .iter()
            .zip(values)
            .filter(|(b, _)| dom.contains(index, b.owner))
            .map(|(_, &v)| v)
    };
    let total: f64 = inside().sum();
    let positive: f64 = inside().map(|v| v.max(0.0)).sum();
    total + mark_bonus(marks[index]) * positive
}

/// The bonus, as a share of its positive text, an element's mark earns it.
fn mark_bonus(mark: Mark) -> f64 {
    match mark {
        Mark::Content => CONTENT_MARK_BONUS,
        Mark::Article => ARTICLE_MARK_BONUS,
        _ => 0.0,
    }
}

/// Within a container holding several `<article>` elements (the article and
/// teaser cards), the one holding the page's `h1` is the article, provided
/// little prose lies outside every `<article>`.
fn narrow_to_titled_article(
    dom: &Dom,
    blocks: &[Block],
    marks: &PerNode<Mark>,
    positive: &SubtreeSums,
    container: usize,
) -> usize {
    if marks[container] == Mark::Article {
        return container;
    }
    let mut articles = Vec::new();
    let mut index = container + 1;
    while index < dom.nodes[container].end() {
        if marks[index] == Mark::Article {
            articles.push(index);
            index = dom.nodes[index].end();
        } else {
            index += 1;
        }
    }
    let holds_h1 = |article: usize| {
        blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading(1) && dom.contains(article, b.owner))
    };
    let titled: Vec<usize> = articles.iter().copied().filter(|&a| holds_h1(a)).collect();
    let [article] = titled.as_slice() else {
        return container;
    };
    let in_articles: f64 = articles.iter().map(|&a| positive[a]).sum();
    let loose = positive[container] - in_articles;
    if articles.len() > 1
        && positive[*article] > 0.0
        && loose < NARROW_MAX_LOOSE_SHARE * positive[*article]
    {
        *article
    } else {
        container
    }
}

/// A container that holds one block alone, or one section whose prose
/// paragraphs the loose ones beside it outnumber many times, while its
/// parent holds more prose paragraphs as children of its own: the
/// article's paragraphs stand loose in a column that also holds its
/// comments, share bars or link lists, which outweigh them together, so
/// the densest single paragraph or wrapped section won. The parent is the
/// article; trimming drops the furniture and the comments inside it.
pub fn widen_lone_block(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    container: usize,
) -> usize {
    let parent = dom.nodes[container].parent();
    if parent == container || dom.element(parent).is_none() {
        return container;
    }
    let is_prose = |f: &Features| f.prose && !f.link_heavy;
    let inside: Vec<&Features> = blocks
        .iter()
        .zip(features)
        .filter(|(b, _)| dom.contains(container, b.owner))
        .map(|(_, f)| f)
        .collect();
    let inside_prose = inside.iter().filter(|f| is_prose(f)).count();
    let loose_prose = blocks
        .iter()
        .zip(features)
        .filter(|(b, f)| {
            is_prose(f)
                && dom.nodes[b.owner].parent() == parent
                && !dom.contains(container, b.owner)
        })
        .count();
    let outnumbered =
        inside.len() == 1 || loose_prose > WRAPPED_SECTION_MIN_LOOSE_RATIO * inside_prose;
    if outnumbered && loose_prose >= LONE_BLOCK_MIN_LOOSE_PROSE {
        parent
    } else {
        container
    }
}

/// What the blocks under each element outside furniture add up to, for
/// widening (furniture inside a container is dropped anyway).
struct SubtreeText<'a> {
    chars: SubtreeSums<'a>,
    link_chars: SubtreeSums<'a>,
    headings: SubtreeSums<'a>,
    prose_chars: SubtreeSums<'a>,
}

impl<'a> SubtreeText<'a> {
    fn of(
        dom: &'a Dom,
        blocks: &[Block],
        features: &[Features],
        furniture: &Nearest,
    ) -> SubtreeText<'a> {
        let sums = |value: &dyn Fn(&Block, &Features) -> f64| {
            subtree_sums(
                dom,
                blocks
                    .iter()
                    .zip(features)
                    .filter(|(b, _)| furniture.get(b.owner).is_none())
                    .map(|(b, f)| (b.owner, value(b, f))),
            )
        };
        SubtreeText {
            chars: sums(&|_, f| f.chars),
            link_chars: sums(&|_, f| f.link_chars),
            headings: sums(&|b, _| f64::from(u8::from(matches!(b.kind, BlockKind::Heading(_))))),
            prose_chars: sums(&|_, f| {
                if f.prose && !f.link_heavy {
                    f.chars
                } else {
                    0.0
                }
            }),
        }
    }
}

/// A landing or service page is a column of sibling sections, each a
/// heading over a little text; the densest one wins the container and the
/// others are lost. The container widens to the highest ancestor, up to
/// the page's `<main>` (or `<body>` on a page without one), whose text
/// beyond it is such sections: headed (one heading per few paragraphs),
/// with prose, little linked (furniture aside, which trimming drops inside
/// the container). An ancestor that adds no text is no wider; `<body>`,
/// which also holds the page-wide calls to action, must add a good share
/// of the container's text: a landing page's other sections, not one
/// closing pitch after a long article.
pub fn widen_to_sections(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    furniture: &Nearest,
    container: usize,
) -> usize {
    let text = SubtreeText::of(dom, blocks, features, furniture);
    let mut widest = container;
    for (ancestor, element) in widening_ancestors(dom, container) {
        let added = |sums: &SubtreeSums| sums[ancestor] - sums[container];
        let chars = added(&text.chars);
        if added(&text.link_chars) > WIDEN_MAX_LINK_DENSITY * chars {
            break;
        }
        let headings = added(&text.headings);
        let sections = headings >= 1.0 && chars <= WIDEN_MAX_CHARS_PER_HEADING * headings;
        let growth = text.chars[ancestor] - text.chars[widest];
        let grows_enough = if &*element.name == "body" {
            growth >= WIDEN_TO_BODY_MIN_GROWTH * text.chars[widest]
        } else {
            growth > 0.0
        };
        if sections && grows_enough && added(&text.prose_chars) > 0.0 {
            widest = ancestor;
        }
    }
    widest
}

/// The ancestors a container may widen to: elements below `<html>`, up
/// to the page's `<main>` (which is one of them).
fn widening_ancestors(dom: &Dom, container: usize) -> impl Iterator<Item = (usize, Element<'_>)> {
    let mut past_main = false;
    dom.ancestors(container).map_while(move |ancestor| {
        let element = dom
            .element(ancestor)
            .filter(|e| !past_main && &*e.name != "html")?;
        past_main = element.is_main_landmark();
        Some((ancestor, element))
    })
}

/// On the page of one product, the densest box (a sustainability note, a
/// list of bullet points, one tab of several) wins the container, while
/// the product's title, price, options, description and specifications
/// stand in boxes beside it. The container widens to the lowest element
/// holding it and the product's `h1` (`title`), the product's own region
/// (`<body>` on a page of no other wrapper, where trimming drops the
/// page's chrome), but never beyond the page's `<main>`, nor away from the
/// one `<article>` or marked body text of that region outside furniture
/// (reviews are articles too): the description the page itself marks as
/// its text.
pub fn widen_to_product_title(
    dom: &Dom,
    marks: &PerNode<Mark>,
    furniture: &Nearest,
    container: usize,
    title: Option<usize>,
) -> usize {
    let Some(title) = title.filter(|&t| !dom.contains(container, t)) else {
        return container;
    };
    let Some(region) = product_region(dom, container, title) else {
        return container;
    };
    let marked =
        |i: usize| matches!(marks[i], Mark::Article | Mark::Content) && furniture.get(i).is_none();
    let marked_inside = (region + 1..dom.nodes[region].end())
        .filter(|&i| marked(i))
        .count();
    let container_marked = std::iter::once(container)
        .chain(dom.ancestors(container))
        .take_while(|&a| a != region)
        .any(marked);
    if container_marked && marked_inside == 1 {
        container
    } else {
        region
    }
}

/// The lowest element holding both `container` and `title`, no higher
/// than `<body>` or the page's `<main>`.
fn product_region(dom: &Dom, container: usize, title: usize) -> Option<usize> {
    widening_ancestors(dom, container)
        .map(|(ancestor, _)| ancestor)
        .find(|&ancestor| dom.contains(ancestor, title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;

    /// The first element of class (or tag) `name`.
    fn named(dom: &Dom, name: &str) -> Option<usize> {
        (0..dom.nodes.len()).find(|&i| {
            dom.element(i)
                .is_some_and(|e| e.hints() == name || &*e.name == name)
        })
    }

    /// An element's class.
    fn class_of(dom: &Dom, index: usize) -> String {
        dom.element(index)
            .map(|e| e.hints().to_string())
            .unwrap_or_default()
    }

    /// The element `widen_to_sections` widens the densest section of
    /// `body` to, named by its class (`body` for the body itself).
    fn widened(body: &str) -> String {
        let html = format!("<html><body class='body'>{body}</body></html>");
        let dom = crate::dom::parse(&html, &Budget::unlimited()).expect("parses");
        let blocks = crate::blocks::segment(&dom);
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        let furniture = Nearest::none(&dom);
        let densest = named(&dom, "densest").expect("a densest section");
        let wider = widen_to_sections(&dom, &blocks, &features, &furniture, densest);
        class_of(&dom, wider)
    }

    /// The element `widen_lone_block` widens the element of class `lone`
    /// in `body` to, named by its class.
    fn widened_lone(body: &str) -> String {
        let html = format!("<html><body>{body}</body></html>");
        let dom = crate::dom::parse(&html, &Budget::unlimited()).expect("parses");
        let blocks = crate::blocks::segment(&dom);
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        let lone = named(&dom, "lone").expect("a lone paragraph");
        let wider = widen_lone_block(&dom, &blocks, &features, lone);
        class_of(&dom, wider)
    }

    /// The element `widen_to_product_title` widens the element of class
    /// `densest` in `body` to, named by its class, with the page's `h1`
    /// as the title.
    fn widened_to_title(body: &str) -> String {
        let html = format!("<html><body class='body'>{body}</body></html>");
        let dom = crate::dom::parse(&html, &Budget::unlimited()).expect("parses");
        let marks = crate::scoring::marks::mark_page(&dom, &Default::default()).marks;
        let furniture = Nearest::none(&dom);
        let densest = named(&dom, "densest").expect("a densest box");
        let title = named(&dom, "h1");
        let wider = widen_to_product_title(&dom, &marks, &furniture, densest, title);
        class_of(&dom, wider)
    }

    const BUY_BOX: &str = "<div class='buy'><h1>Kettle</h1><p>49.00</p></div>";
    const STORY: &str = "<div class='densest'><p>Made by hand.</p></div>";

    #[test]
    fn a_product_box_widens_to_the_region_holding_the_title() {
        assert_eq!(
            widened_to_title(&format!("<div class='pdp'>{BUY_BOX}{STORY}</div>")),
            "pdp"
        );
        // The title inside the container: nothing to widen to.
        assert_eq!(
            widened_to_title(
                "<div class='pdp'><div class='densest'><h1>Kettle</h1><p>Made by hand.</p></div></div>"
            ),
            "densest"
        );
        // To the body of a page of no other wrapper, never beyond its main.
        assert_eq!(widened_to_title(&format!("{BUY_BOX}{STORY}")), "body");
        assert_eq!(
            widened_to_title(&format!("{BUY_BOX}<main class='main'>{STORY}</main>")),
            "densest"
        );
    }

    #[test]
    fn a_product_box_stays_the_one_article_of_the_region() {
        let article = "<article class='densest'><p>Made by hand.</p></article>";
        assert_eq!(
            widened_to_title(&format!("<div class='pdp'>{BUY_BOX}{article}</div>")),
            "densest"
        );
        // One article among several is a section of the page.
        let other = "<article><p>Boils in three minutes.</p></article>";
        assert_eq!(
            widened_to_title(&format!("<div class='pdp'>{BUY_BOX}{article}{other}</div>")),
            "pdp"
        );
    }

    const PARAGRAPH: &str = "<p>Der Weg führt am Ufer entlang bis zur alten Mühle, wo man im Sommer auf der Wiese rasten kann.</p>";

    #[test]
    fn a_lone_paragraph_widens_to_a_column_of_loose_paragraphs() {
        let lone = "<p class='lone'>Hinter der Mühle beginnt der Wald, und der Pfad steigt langsam bis zum Aussichtsturm an.</p>";
        assert_eq!(
            widened_lone(&format!(
                "<div class='column'>{PARAGRAPH}{lone}{PARAGRAPH}<div class='comments'></div></div>"
            )),
            "column"
        );
        // One paragraph beside it may be a caption or a box: it stays.
        assert_eq!(
            widened_lone(&format!("<div class='column'>{lone}{PARAGRAPH}</div>")),
            "lone"
        );
        // A container of several blocks is not lone.
        let section = "<div class='lone'><h2>Der Turm</h2><p>Vom Turm sieht man bei klarem Wetter bis zu den Bergen im Süden.</p></div>";
        assert_eq!(
            widened_lone(&format!(
                "<div class='column'>{PARAGRAPH}{section}{PARAGRAPH}</div>"
            )),
            "lone"
        );
    }

    #[test]
    fn a_wrapped_section_widens_to_a_column_of_many_more_loose_paragraphs() {
        let section = "<div class='lone'><h2>Der Turm</h2><p>Vom Turm sieht man bei klarem Wetter bis zu den Bergen im Süden.</p></div>";
        // Three loose paragraphs outnumber the section's one more than twice.
        assert_eq!(
            widened_lone(&format!(
                "<div class='column'>{PARAGRAPH}{PARAGRAPH}{section}{PARAGRAPH}</div>"
            )),
            "column"
        );
        // A section of two paragraphs beside three is an article beside others.
        let longer = "<div class='lone'><h2>Der Turm</h2><p>Vom Turm sieht man bei klarem Wetter bis zu den Bergen im Süden.</p><p>Der Aufstieg über die Holztreppe dauert etwa zehn Minuten und ist für Kinder gut zu schaffen.</p></div>";
        assert_eq!(
            widened_lone(&format!(
                "<div class='column'>{PARAGRAPH}{PARAGRAPH}{longer}{PARAGRAPH}</div>"
            )),
            "lone"
        );
    }

    const DENSEST: &str = "<div class='densest'><h2>How we work</h2><p>We visit your offices first and agree with you which rooms are cleaned and how often, so that the plan fits.</p></div>";
    const SECTION: &str = "<div><h2>Our services</h2><p>Offices, surgeries and shops are cleaned early on every working day of the week.</p><p>Windows too.</p></div>";

    #[test]
    fn widens_to_headed_sibling_sections_up_to_main() {
        let page = format!(
            "<div class='page'><main class='main'>{DENSEST}{SECTION}</main><p>A footer line that is long enough to be counted as some prose here.</p></div>"
        );
        assert_eq!(widened(&page), "main");
    }

    #[test]
    fn does_not_widen_to_navigation_or_unheaded_text() {
        let nav = "<ul><li><a href='/a'>Services and prices</a></li><li><a href='/b'>About the team</a></li></ul><h3>Menu</h3><p>Pick a page of this site to read more.</p>";
        assert_eq!(
            widened(&format!("<div class='col'>{DENSEST}{nav}</div>")),
            "densest"
        );
        let thread = "<p>A reply that goes on for a long while about something else entirely, with no heading at all.</p>";
        assert_eq!(
            widened(&format!("<div class='col'>{DENSEST}{thread}</div>")),
            "densest"
        );
        assert_eq!(
            widened(&format!("<div class='col'>{DENSEST}{SECTION}</div>")),
            "col"
        );
    }

    #[test]
    fn widens_to_body_when_its_sections_outweigh_the_container() {
        let page = format!(
            "<nav><a href='/'>Home</a></nav><div class='wrap'>{DENSEST}</div>{SECTION}{SECTION}<footer><p>Cleaning Ltd, Mill Road.</p></footer>"
        );
        assert_eq!(widened(&page), "body");
    }

    #[test]
    fn does_not_widen_to_body_for_a_closing_pitch_after_an_article() {
        let more = "<h2>Windows and floors</h2><p>Windows are cleaned inside every week and outside every month, floors are mopped daily and polished once a quarter with a machine.</p><p>We bring our own ladders, mops and cleaning products, all of them free of solvents and safe for children and pets.</p>";
        let pitch = "<div><h2>Work with us</h2><p>Call us today and we will visit your offices this week to plan your cleaning.</p></div>";
        assert_eq!(
            widened(&format!(
                "<div class='article'>{DENSEST}{more}</div>{pitch}"
            )),
            "article"
        );
        // The same pitch beside a container no larger than it is a section.
        assert_eq!(
            widened(&format!("<div class='article'>{DENSEST}</div>{pitch}")),
            "body"
        );
    }
}
