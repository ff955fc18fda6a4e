//! Why: error analysis of pith's own run against a gold standard. Each
//! block pith saw is aligned with the page's gold text by tokens, so the
//! recall it lost can be traced to the blocks it dropped (and the reason
//! each was dropped for), and the noise it let in to the blocks it kept
//! (and the reason each was kept for).
//!
//! Alignment, per page, with lower-cased `\w+` tokens (WCXB's): the gold
//! text is a multiset of tokens. The kept blocks are taken first, in page
//! order, each consuming the gold tokens it has; what they take is exactly
//! the metric's overlap (tp), their other tokens its fp, and what is left
//! of the gold its fn. The dropped blocks are then matched, in page order,
//! against what is left: a dropped block holds gold text when at least
//! [`GOLD_SHARE`] of its tokens are found there, and only then consumes
//! them, so a gold paragraph that appears twice on the page is lost once.
//! A kept block is a leak when under [`GOLD_SHARE`] of its tokens are found
//! in what its predecessors left of the gold. Blocks without tokens are
//! ignored.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{Gold, PageScore, Report, multiset, tokens, worst_line, worst_pages};
use crate::explain::{BlockReport, Explanation};

/// A block holds gold text when at least this share of its tokens is gold:
/// a majority makes it article text, while a menu or byline that shares a
/// few common words ("the", "news") with a long gold stays below.
pub const GOLD_SHARE: f64 = 0.5;

/// Characters of a block's text shown in a text listing.
const EXCERPT_CHARS: usize = 100;

/// Blocks listed per page and kind (lost, leaks) in the text output; the
/// rest are counted on one line (JSON lists them all).
const BLOCKS_LISTED: usize = 20;

/// Width of the reason column of the summary tables.
const REASON_WIDTH: usize = 20;

/// Width of a count column of the summary tables.
const COUNT_WIDTH: usize = 9;

impl Gold {
    /// The gold text of a page, for the formats that have one (AEB's
    /// `articleBody`, WCXB's `main_content`); `None` for the segment format
    /// and for pages the gold does not have.
    pub fn text(&self, id: &str) -> Option<&str> {
        match self {
            Gold::Aeb(pages) => pages.get(id).map(String::as_str),
            Gold::Wcxb(pages) => pages.get(id).map(|p| p.main_content.as_str()),
            Gold::Segments(_) => None,
        }
    }

    /// Whether the gold gives whole texts, which blocks can be aligned with.
    pub fn has_text(&self) -> bool {
        !matches!(self, Gold::Segments(_))
    }
}

/// One block of a page in the analysis: a dropped block holding gold text,
/// or a kept block holding none.
#[derive(Debug, Clone, Serialize)]
pub struct BlockWhy {
    /// Its index among the page's blocks (as `pith explain` numbers them).
    pub index: usize,
    pub kind: &'static str,
    /// The verdict's reason name (`furniture`, `prose`, …).
    pub reason: &'static str,
    /// The reason in words, with what fired it.
    pub detail: String,
    pub score: f64,
    /// Its tokens.
    pub tokens: usize,
    /// Its tokens found in the gold (for a lost block, the gold tokens it lost).
    pub gold_tokens: usize,
    /// Its whole text.
    pub text: String,
}

impl BlockWhy {
    fn new(block: &BlockReport, tokens: usize, gold_tokens: usize) -> BlockWhy {
        BlockWhy {
            index: block.index,
            kind: block.kind,
            reason: block.reason,
            detail: block.detail.clone(),
            score: block.score,
            tokens,
            gold_tokens,
            text: block.text.clone(),
        }
    }

    /// Its tokens not in the gold.
    fn stray_tokens(&self) -> usize {
        self.tokens - self.gold_tokens
    }
}

/// One page aligned with its gold.
#[derive(Debug, Clone, Serialize)]
pub struct PageWhy {
    /// The page id (not serialised: a worst page's scores carry it).
    #[serde(skip)]
    pub id: String,
    /// Dropped blocks holding gold text, in page order.
    pub lost: Vec<BlockWhy>,
    /// Kept blocks holding no gold text, in page order.
    pub leaks: Vec<BlockWhy>,
    /// Gold tokens the kept blocks miss (the page's fn).
    pub missed: usize,
    /// Tokens of the kept blocks not in the gold (the page's fp).
    pub stray: usize,
}

/// Aligns the blocks of one page with its gold text (see the module notes).
pub fn align(id: &str, gold: &str, explanation: &Explanation) -> PageWhy {
    let gold = gold.to_lowercase();
    let mut left = multiset(&tokens(&gold));
    let texts: Vec<String> = explanation
        .blocks
        .iter()
        .map(|b| b.text.to_lowercase())
        .collect();
    let counted: Vec<(&BlockReport, usize, HashMap<&str, usize>)> = explanation
        .blocks
        .iter()
        .zip(&texts)
        .map(|(block, text)| {
            let words = tokens(text);
            (block, words.len(), multiset(&words))
        })
        .filter(|(_, count, _)| *count > 0)
        .collect();
    let holds_gold = |found: usize, count: usize| found as f64 >= GOLD_SHARE * count as f64;
    let mut page = PageWhy {
        id: id.to_string(),
        lost: Vec::new(),
        leaks: Vec::new(),
        missed: 0,
        stray: 0,
    };
    for (block, count, words) in counted.iter().filter(|(b, ..)| b.kept) {
        let found = take(words, &mut left);
        page.stray += count - found;
        if !holds_gold(found, *count) {
            page.leaks.push(BlockWhy::new(block, *count, found));
        }
    }
    page.missed = left.values().sum();
    for (block, count, words) in counted.iter().filter(|(b, ..)| !b.kept) {
        if holds_gold(overlap(words, &left), *count) {
            let found = take(words, &mut left);
            page.lost.push(BlockWhy::new(block, *count, found));
        }
    }
    page
}

/// How many of a block's tokens are among the gold tokens `left`.
fn overlap(block: &HashMap<&str, usize>, left: &HashMap<&str, usize>) -> usize {
    block
        .iter()
        .map(|(token, &n)| n.min(left.get(*token).copied().unwrap_or(0)))
        .sum()
}

/// Removes a block's tokens from the gold tokens `left`; how many it took.
fn take(block: &HashMap<&str, usize>, left: &mut HashMap<&str, usize>) -> usize {
    block
        .iter()
        .map(|(token, &n)| {
            left.get_mut(*token).map_or(0, |remaining| {
                let taken = n.min(*remaining);
                *remaining -= taken;
                taken
            })
        })
        .sum()
}

/// The tokens one reason cost: gold tokens lost in the blocks dropped for
/// it, non-gold tokens leaked in the blocks kept for it that hold no gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReasonCost {
    pub reason: &'static str,
    pub lost_blocks: usize,
    pub lost_tokens: usize,
    pub leak_blocks: usize,
    pub leaked_tokens: usize,
}

/// What the reasons cost over a set of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Costs {
    pub pages: usize,
    /// Every reason that cost something, most lost tokens first, then most
    /// leaked tokens.
    pub reasons: Vec<ReasonCost>,
    /// Gold tokens pith missed (the pages' fn): those lost in blocks
    /// dropped for a reason, and the rest, in no block holding gold text.
    pub missed: usize,
    /// Non-gold tokens pith kept (the pages' fp): those in leaks, and the
    /// rest, in kept blocks that mostly hold gold.
    pub stray: usize,
}

impl Costs {
    fn of(pages: &[&PageWhy]) -> Costs {
        let mut by_reason: BTreeMap<&'static str, ReasonCost> = BTreeMap::new();
        for page in pages {
            for block in &page.lost {
                let cost = reason_entry(&mut by_reason, block.reason);
                cost.lost_blocks += 1;
                cost.lost_tokens += block.gold_tokens;
            }
            for block in &page.leaks {
                let cost = reason_entry(&mut by_reason, block.reason);
                cost.leak_blocks += 1;
                cost.leaked_tokens += block.stray_tokens();
            }
        }
        // Stable: ties stay in alphabetical order.
        let mut reasons: Vec<ReasonCost> = by_reason.into_values().collect();
        reasons.sort_by_key(|c| std::cmp::Reverse((c.lost_tokens, c.leaked_tokens)));
        Costs {
            pages: pages.len(),
            reasons,
            missed: pages.iter().map(|p| p.missed).sum(),
            stray: pages.iter().map(|p| p.stray).sum(),
        }
    }

    fn reason(&self, reason: &str) -> Option<&ReasonCost> {
        self.reasons.iter().find(|c| c.reason == reason)
    }
}

fn reason_entry<'a>(
    by_reason: &'a mut BTreeMap<&'static str, ReasonCost>,
    reason: &'static str,
) -> &'a mut ReasonCost {
    by_reason.entry(reason).or_insert_with(|| ReasonCost {
        reason,
        ..ReasonCost::default()
    })
}

/// What the reasons cost on the pages of one type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeCosts {
    #[serde(rename = "type")]
    pub name: String,
    #[serde(flatten)]
    pub costs: Costs,
}

/// One of the worst pages: its scores and its aligned blocks.
#[derive(Debug, Clone, Serialize)]
pub struct WorstPage<'a> {
    #[serde(flatten)]
    pub score: &'a PageScore,
    /// `None` when pith could not read the page.
    #[serde(flatten)]
    pub why: Option<&'a PageWhy>,
}

/// The analysis of pith's run: the worst pages, and what each reason cost
/// over all pages (and, by type, over the pages of each type).
#[derive(Debug, Clone, Serialize)]
pub struct Why<'a> {
    pub gold_share: f64,
    pub worst: Vec<WorstPage<'a>>,
    pub overall: Costs,
    /// Empty unless asked for by type.
    pub by_type: Vec<TypeCosts>,
}

/// The analysis of the `worst` lowest-scoring pages of `report` and the
/// costs of each reason over `pages` (by the report's page types when
/// `by_type`).
pub fn analyse<'a>(
    report: &'a Report,
    pages: &'a [PageWhy],
    worst: usize,
    by_type: bool,
) -> Why<'a> {
    let by_id: HashMap<&str, &PageWhy> = pages.iter().map(|p| (p.id.as_str(), p)).collect();
    let worst = worst_pages(report, worst)
        .into_iter()
        .map(|score| WorstPage {
            score,
            why: by_id.get(score.id.as_str()).copied(),
        })
        .collect();
    let scored: Vec<&PageWhy> = report
        .per_page
        .iter()
        .filter_map(|p| by_id.get(p.id.as_str()).copied())
        .collect();
    let by_type = report
        .by_type
        .iter()
        .filter(|_| by_type)
        .map(|group| {
            let of_type: Vec<&PageWhy> = report
                .per_page
                .iter()
                .filter(|p| p.page_type.as_deref() == Some(group.name.as_str()))
                .filter_map(|p| by_id.get(p.id.as_str()).copied())
                .collect();
            TypeCosts {
                name: group.name.clone(),
                costs: Costs::of(&of_type),
            }
        })
        .collect();
    Why {
        gold_share: GOLD_SHARE,
        worst,
        overall: Costs::of(&scored),
        by_type,
    }
}

/// The analysis as text: the worst pages with their lost and leaked
/// blocks, then the lost-recall and leak tables by reason.
pub fn render(why: &Why) -> String {
    let mut text = format!(
        "\nwhy: the {} worst pages (a block holds gold text when at least {:.0}% of its tokens are gold)\n",
        why.worst.len(),
        why.gold_share * 100.0
    );
    for page in &why.worst {
        text += "\n";
        text += &worst_line(page.score);
        let Some(aligned) = page.why else {
            text += "    (not extracted)\n";
            continue;
        };
        text += &block_list("lost recall", "gold", &aligned.lost, |b| b.gold_tokens);
        text += &block_list("leaks", "non-gold", &aligned.leaks, BlockWhy::stray_tokens);
    }
    text += &cost_table(why, Side::Lost);
    text += &cost_table(why, Side::Leaked);
    text
}

fn block_list(
    heading: &str,
    counted: &str,
    blocks: &[BlockWhy],
    tokens: fn(&BlockWhy) -> usize,
) -> String {
    let total: usize = blocks.iter().map(tokens).sum();
    let mut text = format!(
        "    {heading}: {} blocks, {total} {counted} tokens\n",
        blocks.len()
    );
    for block in blocks.iter().take(BLOCKS_LISTED) {
        text += &format!(
            "      #{} {} {} ({}) score {:.1}, {} of {} tokens: {}\n",
            block.index,
            block.kind,
            block.reason,
            block.detail,
            block.score,
            tokens(block),
            block.tokens,
            excerpt(&block.text)
        );
    }
    if let Some(rest) = blocks.get(BLOCKS_LISTED..).filter(|r| !r.is_empty()) {
        let rest_tokens: usize = rest.iter().map(tokens).sum();
        text += &format!(
            "      … and {} more blocks, {rest_tokens} tokens\n",
            rest.len()
        );
    }
    text
}

/// The first [`EXCERPT_CHARS`] characters of a text, whitespace collapsed,
/// quoted.
fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    if cut.len() < flat.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

/// Which side of the ledger a table shows.
#[derive(Clone, Copy)]
enum Side {
    Lost,
    Leaked,
}

impl Side {
    fn heading(self) -> &'static str {
        match self {
            Side::Lost => {
                "lost recall: gold tokens in dropped blocks that hold gold text, by reason"
            }
            Side::Leaked => {
                "leaks: non-gold tokens in kept blocks that hold no gold text, by reason"
            }
        }
    }

    /// The row of what no reason accounts for.
    fn rest_label(self) -> &'static str {
        match self {
            Side::Lost => "(in no such block)",
            Side::Leaked => "(in gold blocks)",
        }
    }

    fn blocks(self, cost: &ReasonCost) -> usize {
        match self {
            Side::Lost => cost.lost_blocks,
            Side::Leaked => cost.leak_blocks,
        }
    }

    fn tokens(self, cost: &ReasonCost) -> usize {
        match self {
            Side::Lost => cost.lost_tokens,
            Side::Leaked => cost.leaked_tokens,
        }
    }

    /// The tokens one reason cost on some pages (0 when it cost none).
    fn tokens_of(self, costs: &Costs, reason: &str) -> usize {
        costs.reason(reason).map_or(0, |c| self.tokens(c))
    }

    /// All the tokens of this side: the fn or the fp.
    fn total(self, costs: &Costs) -> usize {
        match self {
            Side::Lost => costs.missed,
            Side::Leaked => costs.stray,
        }
    }

    fn total_label(self) -> &'static str {
        match self {
            Side::Lost => "all missed (fn)",
            Side::Leaked => "all stray (fp)",
        }
    }
}

/// One table: a row per reason with its blocks, tokens and share of the
/// side's total over all pages, then a column of tokens per page type.
fn cost_table(why: &Why, side: Side) -> String {
    let overall = &why.overall;
    let mut text = format!("\n{}\n{:<REASON_WIDTH$}", side.heading(), "reason");
    for heading in ["blocks", "tokens", "share"] {
        text += &format!(" {heading:>COUNT_WIDTH$}");
    }
    // A type's column is as wide as its name.
    let widths: Vec<usize> = why
        .by_type
        .iter()
        .map(|g| g.name.chars().count().max(COUNT_WIDTH))
        .collect();
    for (group, width) in why.by_type.iter().zip(&widths) {
        text += &format!(" {:>width$}", group.name);
    }
    text += "\n";
    let share = |tokens: usize, costs: &Costs| {
        let total = side.total(costs);
        if total > 0 {
            format!("{:.1}%", 100.0 * tokens as f64 / total as f64)
        } else {
            "-".to_string()
        }
    };
    let row = |label: &str, blocks: String, tokens: &dyn Fn(&Costs) -> usize| {
        let mut line = format!("{label:<REASON_WIDTH$}");
        line += &format!(" {blocks:>COUNT_WIDTH$}");
        line += &format!(" {:>COUNT_WIDTH$}", tokens(overall));
        line += &format!(" {:>COUNT_WIDTH$}", share(tokens(overall), overall));
        for (group, width) in why.by_type.iter().zip(&widths) {
            line += &format!(" {:>width$}", tokens(&group.costs));
        }
        line + "\n"
    };
    let mut reasons: Vec<&ReasonCost> = overall
        .reasons
        .iter()
        .filter(|c| side.blocks(c) > 0)
        .collect();
    reasons.sort_by_key(|c| std::cmp::Reverse(side.tokens(c)));
    for cost in &reasons {
        let blocks = side.blocks(cost).to_string();
        text += &row(cost.reason, blocks, &|costs| {
            side.tokens_of(costs, cost.reason)
        });
    }
    let rest = |costs: &Costs| {
        let accounted: usize = costs.reasons.iter().map(|c| side.tokens(c)).sum();
        side.total(costs).saturating_sub(accounted)
    };
    text += &row(side.rest_label(), String::new(), &rest);
    text += &row(side.total_label(), String::new(), &|costs| {
        side.total(costs)
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;

    const PROSE: [&str; 3] = [
        "Engineers spent the weekend checking the embankments near the old bridge, where the water came within a metre of the top.",
        "More than two hundred volunteers filled sandbags at the community hall on Saturday, and the council says it will need more.",
        "The mayor said the town had learned from last year and would open the shelters as soon as the water rose.",
    ];
    const BOX: &str = "Volunteers from three villages also cleared the drains along the market road before the storm arrived.";

    fn aligned(body: &str, gold: &str) -> PageWhy {
        let html = format!(
            "<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
        );
        let explanation = crate::explain(html.as_bytes(), None, &Options::default());
        align("p", gold, &explanation.expect("explains"))
    }

    #[test]
    fn gold_text_dropped_twice_is_lost_once() {
        let [a, b, c] = PROSE;
        let body = format!(
            "<p>{a}</p><aside><p>{BOX}</p></aside><p>{b}</p><aside><p>{BOX}</p></aside><p>{c}</p>"
        );
        let page = aligned(&body, &format!("{a} {BOX} {b} {c}"));
        let lost: Vec<(usize, usize)> =
            page.lost.iter().map(|b| (b.index, b.gold_tokens)).collect();
        assert_eq!(lost.len(), 1, "{lost:?}");
        assert_eq!(lost[0].1, 16);
        assert_eq!((page.missed, page.stray), (16, 0));
    }

    #[test]
    fn a_block_mostly_outside_what_is_left_of_the_gold_holds_none() {
        let [a, b, c] = PROSE;
        let body = format!("<p>{a}</p><p>{b}</p><p>{c}</p>");
        // Half of c's tokens in the gold holds it; fewer leak it.
        let half: Vec<&str> = c.split(' ').take(11).collect();
        let page = aligned(&body, &format!("{a} {b} {}", half.join(" ")));
        assert!(page.leaks.is_empty());
        assert_eq!(page.stray, 10);
        let under: Vec<&str> = c.split(' ').take(10).collect();
        let page = aligned(&body, &format!("{a} {b} {}", under.join(" ")));
        let leaks: Vec<(&str, usize, usize)> = page
            .leaks
            .iter()
            .map(|b| (b.reason, b.tokens, b.stray_tokens()))
            .collect();
        assert_eq!(leaks, [("prose", 21, 11)]);
    }
}
