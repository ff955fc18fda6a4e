//! Trimming: the verdicts on the blocks inside the article container that
//! no markup excluded. Comments end the article; link-heavy, address and
//! boilerplate-phrase blocks are dropped; short blocks are kept at the
//! edges only while they run on unbroken from the prose.

use crate::blocks::{Block, BlockKind};
use crate::lexicon::{self, PhraseMatch, PhraseStrength};
use crate::scoring::features::Features;
use crate::scoring::tuning::*;
use crate::scoring::verdict::{Reason, TeaserPattern};

/// The reason for each candidate (blocks inside the container, in order).
/// Teasers among them (`teasers`, per block) are kept only between
/// paragraphs of prose, never at the edges, where they are the related
/// stories around an article. A comment section's title ends the
/// article, but on a forum `thread`, whose replies are its content.
pub fn judge(
    blocks: &[Block],
    features: &[Features],
    teasers: &[Option<TeaserPattern>],
    candidates: &[usize],
    rules: FavorRules,
    thread: bool,
) -> Vec<Reason> {
    let mut reasons = vec![Reason::AfterComments; candidates.len()];
    let live = if thread {
        candidates
    } else {
        &candidates[..before_comments(blocks, features, candidates)]
    };
    let phrases: Vec<Option<PhraseMatch>> = live
        .iter()
        .map(|&i| marking_phrase(&blocks[i], &features[i]))
        .collect();
    let mut filtered: Vec<Option<Reason>> = live
        .iter()
        .zip(&phrases)
        .map(|(&i, phrase)| filter(&features[i], phrase, rules))
        .collect();
    spare_linked_section_headings(blocks, features, teasers, live, &mut filtered);
    let plausible = |k: usize| filtered[k].is_none();
    // Teasers never anchor the run of prose: related stories after an
    // article stay outside it however long their summaries.
    let prose = |k: usize| plausible(k) && features[live[k]].prose && teasers[live[k]].is_none();
    let (Some(first), Some(last)) = (
        (0..live.len()).find(|&k| prose(k)),
        (0..live.len()).rfind(|&k| prose(k)),
    ) else {
        // No prose at all: a short article keeps what survived the filters.
        for (reason, filtered) in reasons.iter_mut().zip(filtered) {
            *reason = filtered.unwrap_or(Reason::NoProsePage);
        }
        return reasons;
    };
    let edge = |k: usize, leading: bool| {
        plausible(k)
            && teasers[live[k]].is_none()
            && keeps_at_edge(&blocks[live[k]], &features[live[k]], rules, leading)
    };
    let lead_start = (0..first)
        .rev()
        .take_while(|&k| edge(k, true))
        .last()
        .unwrap_or(first);
    // A short line right before a dropped block is that box's title
    // ("Daily news" over a newsletter prompt): the tail ends above it.
    let titles_dropped_box = |k: usize| {
        let title = &blocks[live[k]];
        let short_title = title.kind != BlockKind::Paragraph
            && features[live[k]].spaced_words <= BOX_TITLE_MAX_WORDS;
        short_title && phrases.get(k + 1).is_some_and(Option::is_some)
    };
    // A heading in the tail is kept when it heads a block the tail keeps
    // (a specifications table, a closing list).
    let heads_kept_block = |k: usize| {
        matches!(blocks[live[k]].kind, BlockKind::Heading(_))
            && plausible(k)
            && teasers[live[k]].is_none()
            && features[live[k]].link_density < EDGE_MAX_LINK_DENSITY
            && k + 1 < live.len()
            && !matches!(blocks[live[k + 1]].kind, BlockKind::Heading(_))
            && edge(k + 1, false)
    };
    let tail_end = (last + 1..live.len())
        .take_while(|&k| (edge(k, false) || heads_kept_block(k)) && !titles_dropped_box(k))
        .last()
        .unwrap_or(last);
    for (k, reason) in reasons.iter_mut().enumerate().take(live.len()) {
        *reason = if let Some(dropped) = filtered[k] {
            dropped
        } else if k == tail_end + 1 && edge(k, false) && titles_dropped_box(k) {
            Reason::BoxTitle
        } else if let Some(pattern) = teasers[live[k]].filter(|_| k < first || k > last) {
            Reason::Teaser { pattern }
        } else if k < lead_start || k > tail_end {
            Reason::EdgeTrim
        } else if features[live[k]].prose && teasers[live[k]].is_none() {
            Reason::Prose
        } else if k < first {
            Reason::Lead
        } else if k > last {
            Reason::Closing
        } else {
            match blocks[live[k]].kind {
                BlockKind::Heading(_) => Reason::Heading,
                BlockKind::ListItem | BlockKind::Row => Reason::ListOrTable,
                _ => Reason::ShortLine,
            }
        };
    }
    reasons
}

/// A heading that is all link (a product's name linked to its site, a
/// section linked to its own page) over a paragraph of prose heads that
/// section of the article: it is not dropped as link-heavy. A teaser's
/// linked headline heads a teaser, not prose.
fn spare_linked_section_headings(
    blocks: &[Block],
    features: &[Features],
    teasers: &[Option<TeaserPattern>],
    live: &[usize],
    filtered: &mut [Option<Reason>],
) {
    for k in 0..live.len().saturating_sub(1) {
        let (heading, next) = (live[k], live[k + 1]);
        if matches!(blocks[heading].kind, BlockKind::Heading(_))
            && filtered[k] == Some(Reason::LinkHeavy)
            && filtered[k + 1].is_none()
            && features[next].prose
            && teasers[heading].is_none()
            && teasers[next].is_none()
        {
            filtered[k] = None;
        }
    }
}

/// How many candidates come before a comment section's title that follows
/// some prose: comments come after the article, whatever their markup.
fn before_comments(blocks: &[Block], features: &[Features], candidates: &[usize]) -> usize {
    let Some(first_prose) = candidates.iter().position(|&i| features[i].prose) else {
        return candidates.len();
    };
    let title = candidates[first_prose..].iter().position(|&i| {
        // A linked "12 comments" by the byline is a counter, not the section.
        features[i].spaced_words <= COMMENTS_TITLE_MAX_WORDS
            && features[i].link_density < LINK_HEAVY_DENSITY
            && lexicon::is_comments_heading(&blocks[i].text)
    });
    title.map_or(candidates.len(), |offset| first_prose + offset)
}

/// The boilerplate phrase that marks a block, given its size: a strong
/// phrase marks a short block, a weak one only a block it makes up most of.
pub fn marking_phrase(block: &Block, features: &Features) -> Option<PhraseMatch> {
    if features.spaced_words > STRONG_PHRASE_MAX_WORDS {
        return None;
    }
    lexicon::boilerplate_phrase(&block.text)
        .filter(|m| m.strength == PhraseStrength::Strong || m.share >= WEAK_PHRASE_MIN_SHARE)
}

/// Why a candidate is boilerplate whatever its position, if it is.
fn filter(features: &Features, phrase: &Option<PhraseMatch>, rules: FavorRules) -> Option<Reason> {
    if features.link_heavy {
        return Some(Reason::LinkHeavy);
    }
    if features.addresses {
        return Some(Reason::Addresses);
    }
    phrase_reason(features, phrase, rules)
}

/// The verdict a marking phrase gives its block under the favoured rules:
/// a strong phrase always drops it, a weak one when the rules say so or
/// when it is a link.
pub fn phrase_reason(
    features: &Features,
    phrase: &Option<PhraseMatch>,
    rules: FavorRules,
) -> Option<Reason> {
    let phrase = (*phrase)?;
    let drops = match phrase.strength {
        PhraseStrength::Strong => true,
        PhraseStrength::Weak => rules.weak_phrase_drops_unlinked || features.link_density > 0.0,
    };
    drops.then_some(Reason::Phrase {
        phrase: phrase.phrase,
        strength: phrase.strength,
    })
}

/// Whether a short block before the first or after the last prose block
/// belongs to the article (a lead, a closing line or list) or to the page.
fn keeps_at_edge(block: &Block, features: &Features, rules: FavorRules, leading: bool) -> bool {
    let unlinked = features.link_density < EDGE_MAX_LINK_DENSITY;
    let textual = matches!(
        block.kind,
        BlockKind::Paragraph
            | BlockKind::ListItem
            | BlockKind::Quote
            | BlockKind::Pre
            | BlockKind::Row
    ) || features.loose_sentence;
    let leading_heading = leading && matches!(block.kind, BlockKind::Heading(_));
    match rules.edge {
        EdgeRule::Never => false,
        EdgeRule::AnyUnlinked => unlinked,
        EdgeRule::TextualOrLeadingHeading => unlinked && (textual || leading_heading),
    }
}
