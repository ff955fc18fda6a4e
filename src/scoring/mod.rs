//! Scoring: finds the element that holds the article and gives every block
//! a verdict, kept or dropped, with its reason. Each block gets a value
//! from its text density (non-link text of prose-sized blocks counts for,
//! link text and page furniture count against, after Kohlschütter et al.
//! 2010 and CETD); the article container is the subtree with the highest
//! total, helped by semantic hints (`<article>`, `itemprop=articleBody`,
//! content class names); on a page that declares no article, it widens to
//! the headed sibling sections of a landing page. Inside it, furniture,
//! teasers, link-heavy blocks, boilerplate phrases and short edge blocks
//! are dropped.
//!
//! The stages, one file each: [`features`] (per-block measurements),
//! [`marks`] (what the markup says), [`teasers`], [`container`], [`title`],
//! [`trimming`]; every number they use is in [`tuning`], every decision
//! ends as a [`Verdict`].

pub mod container;
pub mod features;
mod forest;
pub mod marks;
pub mod model;
pub mod page_type;
pub mod regions;
pub mod teasers;
pub mod title;
pub mod trimming;
pub mod tuning;
pub mod verdict;

use crate::Favor;
use crate::blocks::{Block, BlockKind};
use crate::dom::{Dom, Element};
use crate::lexicon;
use container::{ProseThreshold, block_value};
use features::Features;
use marks::{Mark, PerNode};
pub use page_type::PageType;
pub use title::TitleSource;
use tuning::{FavorRules, MINOR_PENALTY, TEASER_MAX_WORDS};
pub use verdict::{MarkedBy, Reason, TeaserPattern, Verdict};

/// The outcome of scoring: the title, the container, and one verdict per block.
#[derive(Debug, Default)]
pub struct Selection {
    pub title: Option<String>,
    pub title_source: TitleSource,
    /// Arena index of the element holding the title, when it is in the page.
    pub title_element: Option<usize>,
    /// Arena index of the element chosen as the article container.
    pub container: usize,
    /// The container's score: the total value of its blocks, with its bonus.
    pub container_score: f64,
    /// One verdict per block, in document order.
    pub verdicts: Vec<Verdict>,
    /// What kind of page it is.
    pub page_type: PageType,
    /// The fitted model's inputs, one row per block, when the model ran
    /// (empty otherwise).
    pub model_rows: Vec<model::Row>,
    /// The group of pages whose thresholds the model's verdicts used
    /// ([`model::threshold_group`]).
    pub model_group: usize,
}

impl Selection {
    /// Indexes of the kept blocks, in document order.
    pub fn kept(&self) -> impl Iterator<Item = usize> + '_ {
        self.verdicts
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kept)
            .map(|(i, _)| i)
    }
}

/// How much of the model's working a selection keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The verdicts only: the model runs only on page types where it can
    /// overrule the rules.
    Verdicts,
    /// Also every block's model score and inputs, for `explain`.
    Explained,
}

/// Scores the blocks of a page and gives each its verdict.
pub fn select(
    dom: &Dom,
    blocks: &[Block],
    ld_types: &[String],
    favor: Favor,
    detail: Detail,
) -> Selection {
    if dom.nodes.is_empty() {
        return Selection {
            verdicts: vec![Verdict::new(Reason::OutsideContainer, 0.0, None); blocks.len()],
            ..Selection::default()
        };
    }
    let features: Vec<Features> = blocks.iter().map(Features::of).collect();
    let declared = page_type::Declared::of(dom, ld_types);
    let mut page_marks = marks::mark_page(dom, &declared);
    marks::spare_large_regions(dom, blocks, &features, &mut page_marks);
    let element_marks = &page_marks.marks;
    let protected = marks::protect_content_ancestors(dom, element_marks);
    let furniture = marks::furniture_regions(dom, element_marks, &protected, 0, dom.nodes.len());
    let teasers = teasers::teaser_summaries(dom, blocks, &features);
    // On a page without a single prose block (short lines, verse, Q&A),
    // short unlinked blocks are the text and count as prose.
    let threshold = if features.iter().any(Features::linkless_prose) {
        ProseThreshold::Prose
    } else {
        ProseThreshold::AnyText
    };
    let values: Vec<f64> = blocks
        .iter()
        .zip(&features)
        .zip(&teasers)
        .map(|((b, f), teaser)| match teaser {
            Some(_) => MINOR_PENALTY * f.chars,
            None => block_value(b, f, furniture.get(b.owner).is_some(), threshold),
        })
        .collect();
    let mut container = container::best_container(dom, blocks, &values, element_marks);
    let widened = container::widen_lone_block(dom, blocks, &features, container.index);
    if widened != container.index {
        container = container::Container {
            index: widened,
            score: container::score_of(dom, blocks, &values, element_marks, widened),
        };
    }
    let rules = RulePage {
        dom,
        blocks,
        features: &features,
        teasers: &teasers,
        marks: element_marks,
        protected: &protected,
        furniture: &furniture,
        favor,
        thread: declared.forum(),
    };
    let mut judged = rules.judge(container.index);
    let series = regions::content_region(
        dom,
        blocks,
        &features,
        &page_marks,
        container.index,
        &judged.reasons,
        &declared,
    );
    let region = series.region;
    let markup = page_type::Markup::of(dom, &page_marks.hints);
    let structure = page_type::Structure {
        region: region.as_ref(),
        shop_catalogue: series.shop_catalogue,
    };
    let page_type = page_type::classify(&declared, &markup, blocks, &structure);
    // A page that is not a declared article, not a series of items, nor
    // of any other type: a landing or service page whose sections the
    // container may widen to.
    let undeclared_page = region.is_none()
        && !declared.article()
        && matches!(page_type, PageType::Article | PageType::Service);
    // The page of one product: the container widens to the product's
    // title (both kinds of page never meet: their types differ).
    let product_page = region.is_none() && page_type == PageType::Product && declared.one_product();
    let wider = if undeclared_page {
        container::widen_to_sections(dom, blocks, &features, &furniture, container.index)
    } else if product_page {
        container::widen_to_product_title(
            dom,
            element_marks,
            &furniture,
            container.index,
            judged.title_element,
        )
    } else {
        container.index
    };
    if wider != container.index {
        container = container::Container {
            index: wider,
            score: container::score_of(dom, blocks, &values, element_marks, wider),
        };
        judged = rules.judge(wider);
    }
    let RuleVerdicts {
        title,
        title_source,
        title_element,
        mut reasons,
    } = judged;
    if let Some(region) = &region {
        reasons = regions::judge(
            dom,
            blocks,
            &features,
            &page_marks,
            region,
            FavorRules::of(favor),
        );
        container = container::Container {
            index: region.parent,
            score: region.words,
        };
    }
    let forest = model::forest();
    let page = model::PageContext {
        dom,
        blocks,
        features: &features,
        teasers: &teasers,
        marks: &page_marks,
        furniture: &furniture,
        container: container.index,
        region: region.as_ref(),
        reasons: &reasons,
        page_type,
        declared_article: declared.article(),
    };
    let model_rows = if forest.overrules(page.threshold_group()) || detail == Detail::Explained {
        model::block_rows(&page)
    } else {
        Vec::new()
    };
    let scores: Vec<f64> = model_rows.iter().map(|row| forest.score(row)).collect();
    let shift = FavorRules::of(favor).threshold_shift;
    let final_reasons = apply_model(&page, &model_rows, &scores, shift, title.as_deref());
    let verdicts = final_reasons
        .into_iter()
        .zip(values)
        .enumerate()
        .map(|(index, (reason, value))| Verdict::new(reason, value, scores.get(index).copied()))
        .collect();
    Selection {
        title,
        title_source,
        title_element,
        container: container.index,
        container_score: container.score,
        verdicts,
        page_type,
        model_rows,
        model_group: page.threshold_group(),
    }
}

/// What the hand rules read of a page to judge its blocks in a container.
struct RulePage<'a> {
    dom: &'a Dom,
    blocks: &'a [Block],
    features: &'a [Features],
    teasers: &'a [Option<TeaserPattern>],
    marks: &'a PerNode<Mark>,
    protected: &'a [bool],
    furniture: &'a marks::Nearest<'a>,
    favor: Favor,
    /// The page declares a forum thread: its comments are its posts.
    thread: bool,
}

/// The rules' title and reasons for one container.
struct RuleVerdicts {
    title: Option<String>,
    title_source: TitleSource,
    title_element: Option<usize>,
    reasons: Vec<Reason>,
}

impl RulePage<'_> {
    /// The title and every block's reason with `container` as the article.
    fn judge(&self, container: usize) -> RuleVerdicts {
        let (title, title_source, title_element) =
            title::choose_title(self.dom, self.blocks, self.furniture, container);
        let end = self.dom.nodes[container].end();
        let inner_furniture =
            marks::furniture_regions(self.dom, self.marks, self.protected, container + 1, end);
        let figures = marks::enclosing(self.dom, |e| e.name == html5ever::local_name!("figure"));
        let mut reasons: Vec<Option<Reason>> = self
            .blocks
            .iter()
            .zip(self.features)
            .zip(self.teasers)
            .map(|((block, features), teaser)| {
                if !self.dom.contains(container, block.owner) {
                    Some(Reason::OutsideContainer)
                } else if let Some(element) = inner_furniture.get(block.owner) {
                    let Mark::Furniture(marked_by) = self.marks[element] else {
                        return Some(Reason::OutsideContainer);
                    };
                    Some(Reason::Furniture { element, marked_by })
                } else if let Some(figure) = figures
                    .get(block.owner)
                    .filter(|_| is_caption(block, features))
                {
                    Some(Reason::Furniture {
                        element: figure,
                        marked_by: MarkedBy::Tag("figure"),
                    })
                } else if let Some(pattern) = teaser.filter(|&p| drops_teaser(block, features, p)) {
                    Some(Reason::Teaser { pattern })
                } else if repeats_title(block, features, title.as_deref()) {
                    Some(Reason::RepeatsTitle)
                } else {
                    None
                }
            })
            .collect();
        let candidates: Vec<usize> = (0..self.blocks.len())
            .filter(|&i| reasons[i].is_none())
            .collect();
        let judged = trimming::judge(
            self.blocks,
            self.features,
            self.teasers,
            &candidates,
            FavorRules::of(self.favor),
            self.thread,
        );
        for (&index, reason) in candidates.iter().zip(judged) {
            reasons[index] = Some(reason);
        }
        let mut reasons: Vec<Reason> = reasons
            .into_iter()
            .map(|reason| reason.unwrap_or(Reason::OutsideContainer))
            .collect();
        if FavorRules::of(self.favor).standfirst {
            keep_standfirst(
                self.dom,
                self.blocks,
                self.features,
                self.marks,
                container,
                &mut reasons,
            );
        }
        RuleVerdicts {
            title,
            title_source,
            title_element,
            reasons,
        }
    }
}

/// The final reasons: the rules' ones, overruled where the model's score
/// passes the thresholds of the page's type, but for binding drops (see
/// [`model::drop_binds`]), the title repeated, a heading whose block after
/// it stays dropped (it heads what was dropped: "Related topics"), a box
/// title over a boilerplate phrase ("Daily news" over a newsletter prompt),
/// and what a boilerplate heading heads.
fn apply_model(
    page: &model::PageContext,
    rows: &[model::Row],
    scores: &[f64],
    shift: f64,
    title: Option<&str>,
) -> Vec<Reason> {
    let (blocks, features, rules) = (page.blocks, page.features, page.reasons);
    let forest = model::forest();
    let group = page.threshold_group();
    let mut reasons: Vec<Reason> = rules
        .iter()
        .enumerate()
        .map(|(index, &reason)| match scores.get(index).copied() {
            Some(_) if !reason.keeps() && model::drop_binds(&reason, &rows[index]) => reason,
            Some(score) => {
                let keeps = forest.keeps(group, reason.keeps(), score, shift);
                match overrule(reason, keeps) {
                    Reason::ModelKept if repeats_title(&blocks[index], &features[index], title) => {
                        Reason::RepeatsTitle
                    }
                    reason => reason,
                }
            }
            None => reason,
        })
        .collect();
    for index in (0..reasons.len()).rev() {
        let next = reasons.get(index + 1);
        let heads_dropped = !next.is_some_and(Reason::keeps);
        let titles_box = is_box_title(&blocks[index], &features[index])
            && next.is_some_and(|r| matches!(r, Reason::Phrase { .. }));
        if reasons[index] == Reason::ModelKept
            && (matches!(blocks[index].kind, BlockKind::Heading(_)) && heads_dropped || titles_box)
        {
            reasons[index] = rules[index];
        }
    }
    for (index, under) in under_boilerplate_heading(blocks, features).enumerate() {
        if under && reasons[index] == Reason::ModelKept {
            reasons[index] = rules[index];
        }
    }
    let main = main_landmark(page.dom, page.container);
    let out_of_bounds = |owner: usize| {
        main.is_some_and(|main| !page.dom.contains(main, owner))
            || page
                .marks
                .dialogs
                .get(owner)
                .is_some_and(|dialog| !page.dom.contains(dialog, page.container))
    };
    for (reason, (block, rule)) in reasons.iter_mut().zip(blocks.iter().zip(rules)) {
        if *reason == Reason::ModelKept && out_of_bounds(block.owner) {
            *reason = *rule;
        }
    }
    reasons
}

/// The page's main landmark (`<main>`, `role=main`) holding the container,
/// if it has one: what the page itself declares its main content, outside
/// which the model may not keep what the rules dropped (nor inside a
/// dialog laid over the page, a consent banner, that does not hold it).
fn main_landmark(dom: &Dom, container: usize) -> Option<usize> {
    std::iter::once(container)
        .chain(dom.ancestors(container))
        .filter(|&i| dom.element(i).is_some_and(Element::is_main_landmark))
        .last()
}

/// Whether a block could title a box: a short line that is no paragraph
/// or heading ("Daily news" over a newsletter prompt).
fn is_box_title(block: &Block, features: &Features) -> bool {
    !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(_))
        && features.spaced_words <= tuning::BOX_TITLE_MAX_WORDS
}

/// For each block but headings, whether the nearest heading before it is a boilerplate
/// phrase ("Related posts", "Temas similares", "Newsletter"): what such a
/// heading heads is the page's furniture, which the model may not keep
/// against the rules.
fn under_boilerplate_heading<'a>(
    blocks: &'a [Block],
    features: &'a [Features],
) -> impl Iterator<Item = bool> + 'a {
    blocks
        .iter()
        .zip(features)
        .scan(false, |under, (block, features)| {
            if matches!(block.kind, BlockKind::Heading(_)) {
                *under = trimming::marking_phrase(block, features).is_some();
                return Some(false);
            }
            Some(*under)
        })
}

/// The rules' reason, unless the model's verdict on the block differs.
fn overrule(reason: Reason, model_keeps: bool) -> Reason {
    match (reason.keeps(), model_keeps) {
        (false, true) => Reason::ModelKept,
        (true, false) => Reason::ModelDropped,
        _ => reason,
    }
}

/// Short text inside a `<figure>` beside its image is its caption or
/// credit ("Image copyright …"), whatever the markup around it; prose,
/// code, quotes and tables in a figure are content.
fn is_caption(block: &Block, features: &Features) -> bool {
    !features.prose
        && !matches!(
            block.kind,
            BlockKind::Pre | BlockKind::Row | BlockKind::Quote
        )
}

/// A standfirst between the title and the container (a CMS's lead paragraph
/// in a box of its own, `p.intro`, `itemprop=description`): the unlinked
/// paragraphs among the few blocks right after the `h1` that precedes the
/// container, when the article's first block is kept, are its lead.
fn keep_standfirst(
    dom: &Dom,
    blocks: &[Block],
    features: &[Features],
    element_marks: &PerNode<Mark>,
    container: usize,
    reasons: &mut [Reason],
) {
    let Some(first_inside) = blocks.iter().position(|b| dom.contains(container, b.owner)) else {
        return;
    };
    if !reasons[first_inside..].iter().any(Reason::keeps) {
        return;
    }
    let window = first_inside.saturating_sub(tuning::STANDFIRST_MAX_BLOCKS + 1);
    let Some(title) = (window..first_inside).rfind(|&i| blocks[i].kind == BlockKind::Heading(1))
    else {
        return;
    };
    let outside_layout = regions::layout_furniture_free(dom, element_marks);
    for index in title + 1..first_inside {
        let (block, features) = (&blocks[index], &features[index]);
        let lead = matches!(block.kind, BlockKind::Paragraph | BlockKind::Loose)
            && features.spaced_words >= tuning::STANDFIRST_MIN_WORDS
            && features.link_density < tuning::EDGE_MAX_LINK_DENSITY
            && outside_layout[block.owner]
            && lexicon::boilerplate_phrase(&block.text).is_none();
        if lead && reasons[index] == Reason::OutsideContainer {
            reasons[index] = Reason::Lead;
        }
    }
}

/// Whether a teaser inside the container is dropped: a short summary of
/// a repeated card. Teasers always count against the container, but
/// inside it a headed list, a long summary, code, a quote or a table row
/// is far more often the page's own text (documentation's linked entries,
/// a listing's items) and goes through the ordinary trimming.
fn drops_teaser(block: &Block, features: &Features, pattern: TeaserPattern) -> bool {
    pattern == TeaserPattern::Card
        && !matches!(
            block.kind,
            BlockKind::Pre | BlockKind::Row | BlockKind::Quote
        )
        && features.spaced_words < TEASER_MAX_WORDS
}

/// A heading or short line that repeats the title (it is rendered once, above the body).
fn repeats_title(block: &Block, features: &Features, title: Option<&str>) -> bool {
    let short = matches!(block.kind, BlockKind::Heading(_)) || !features.prose;
    short && title.is_some_and(|t| title::same_text(&block.text, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            text: text.to_string(),
            kind,
            owner: 0,
            chars: text.chars().count(),
            words: text.split_whitespace().count(),
            link_chars: 0,
            leading_link_chars: 0,
            tags: 1,
            spans: Vec::new(),
            cell_breaks: Vec::new(),
        }
    }

    #[test]
    fn a_boilerplate_heading_heads_the_blocks_up_to_the_next_heading() {
        let blocks = [
            block(BlockKind::Heading(2), "Cómo podar"),
            block(BlockKind::Paragraph, "Lo mejor es a finales del invierno."),
            block(BlockKind::Heading(3), "Temas similares"),
            block(BlockKind::ListItem, "¿Qué abono usar para cítricos?"),
            block(BlockKind::ListItem, "Naranjo con hojas amarillas"),
            block(BlockKind::Heading(3), "Share your garden"),
            block(BlockKind::Paragraph, "Photos are welcome."),
        ];
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        let under: Vec<bool> = under_boilerplate_heading(&blocks, &features).collect();
        assert_eq!(under, [false, false, false, true, true, false, false]);
    }

    #[test]
    fn a_box_title_is_a_short_line_that_is_no_paragraph_or_heading() {
        let title = |kind, text| {
            let block = block(kind, text);
            is_box_title(&block, &Features::of(&block))
        };
        assert!(title(BlockKind::Loose, "每日新闻"));
        assert!(title(BlockKind::ListItem, "Daily news"));
        assert!(!title(BlockKind::Paragraph, "Daily news"));
        assert!(!title(BlockKind::Heading(3), "Daily news"));
        assert!(!title(
            BlockKind::Loose,
            "Subscribe to our daily news and get the top local stories every morning"
        ));
    }
}
