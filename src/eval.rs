//! Eval: scores predicted article texts against a gold standard, as
//! extractor benchmarks do, with bootstrap confidence intervals.
//!
//! Three gold formats are read. The Article Extraction Benchmark's
//! (`{id: {"articleBody": text}}`) is scored with its own metric, exactly as
//! `shared/tools/aeb_score.py` does: `\w+` tokens, 4-token shingles compared
//! as multisets, per-page tp/fp/fn normalised to sum 1, precision and recall
//! averaged over the pages where they are defined, F1 their harmonic mean,
//! accuracy the share of pages whose token sequence is the gold's.
//! trafilatura's evaluation format (`{key: {"with": [...], "without":
//! [...]}}`) is scored by segments: a segment counts as found when it occurs
//! in the whitespace-normalised prediction, and precision, recall, F1 and
//! accuracy are taken over all segments of all pages. WCXB's
//! (`{id: {"page_type", "main_content", "with", "without", ...}}`) is scored
//! with its own metric, exactly as `shared/tools/wcxb_score.py` does:
//! lower-cased `\w+` tokens, per page the multiset overlap of predicted and
//! gold tokens gives precision, recall and F1, each averaged over pages, and
//! the shares of the `with` and `without` snippets found in the lower-cased
//! prediction; the pages can also be scored by page type.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use serde_json::Value;

use crate::Error;

pub mod fields;
pub mod why;

/// A gold standard: the true article of each page.
#[derive(Debug, Clone)]
pub enum Gold {
    /// AEB format: the true article body per page id.
    Aeb(BTreeMap<String, String>),
    /// Segment format: snippets that must and must not appear, per page.
    Segments(BTreeMap<String, SegmentCase>),
    /// WCXB format: the main content, page type and snippets per page id.
    Wcxb(BTreeMap<String, WcxbPage>),
}

impl Gold {
    /// Whether the pages have types, so they can be scored by type.
    pub fn has_page_types(&self) -> bool {
        matches!(self, Gold::Wcxb(_))
    }
}

/// One page of the WCXB format.
#[derive(Debug, Clone, Default)]
pub struct WcxbPage {
    /// The page type (`article`, `forum`, ...); [`UNTYPED`] when the gold
    /// gives none.
    pub page_type: String,
    /// The true main content.
    pub main_content: String,
    /// Snippets that must appear (`with`) and must not (`without`).
    pub snippets: SegmentCase,
}

/// The page types in the order `wcxb_score.py --types` lists them; other
/// types follow in alphabetical order.
pub const PAGE_TYPES: [&str; 7] = [
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
];

/// The type of a WCXB page whose record has no `page_type`.
pub const UNTYPED: &str = "untyped";

/// One page of the segment format.
#[derive(Debug, Clone, Default)]
pub struct SegmentCase {
    /// The page's file name, when the gold gives one.
    pub file: Option<String>,
    /// Snippets of the article: each should be in the output.
    pub with: Vec<String>,
    /// Snippets of boilerplate: none should be in the output.
    pub without: Vec<String>,
}

/// Predicted texts by page id.
pub type Predictions = HashMap<String, String>;

/// Precision, recall and F1, with the figures only some metrics have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Share of pages (AEB) or segments (segment format) scored right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<f64>,
    /// Mean share of the must-have snippets found (WCXB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<f64>,
    /// Mean share of the boilerplate snippets found, lower is better (WCXB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without: Option<f64>,
}

/// 95% bootstrap intervals (2.5th and 97.5th percentiles) of each metric
/// the scores have.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Intervals {
    pub precision: [f64; 2],
    pub recall: [f64; 2],
    pub f1: [f64; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without: Option<[f64; 2]>,
}

/// One page's counts: normalised shingle shares for AEB, segment counts
/// for the segment format, token counts for WCXB.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    /// The page type (WCXB only).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
    pub tp: f64,
    pub fp: f64,
    #[serde(rename = "fn")]
    pub fn_: f64,
    /// True negatives (segment format only).
    pub tn: f64,
    /// The prediction's tokens equal the gold's (AEB only).
    pub exact: bool,
    /// Share of the must-have snippets found (WCXB only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<f64>,
    /// Share of the boilerplate snippets found (WCXB only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub without: Option<f64>,
}

impl PageScore {
    /// The page's own F1, used to rank the worst pages.
    pub fn f1(&self) -> f64 {
        let denominator = self.tp + (self.fp + self.fn_) / 2.0;
        if denominator > 0.0 {
            self.tp / denominator
        } else {
            1.0
        }
    }

    /// A page of counts alone, without the WCXB fields.
    fn counts(id: &str, tp: f64, fp: f64, fn_: f64, tn: f64, exact: bool) -> PageScore {
        PageScore {
            id: id.to_string(),
            page_type: None,
            tp,
            fp,
            fn_,
            tn,
            exact,
            with: None,
            without: None,
        }
    }
}

/// How bootstrap intervals are drawn.
#[derive(Debug, Clone, Copy)]
pub struct Bootstrap {
    /// Resamples of the pages (0 gives no intervals).
    pub samples: usize,
    /// Seed of the resampling, so intervals are reproducible.
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            samples: 1000,
            seed: 0,
        }
    }
}

/// The scores of one system.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub metrics: Metrics,
    pub intervals: Option<Intervals>,
    /// Gold pages scored.
    pub pages: usize,
    /// Gold pages with no prediction (scored as empty).
    pub missing: usize,
    pub per_page: Vec<PageScore>,
    /// The scores of each page type, in [`PAGE_TYPES`] order then
    /// alphabetical (empty when the gold has no page types).
    pub by_type: Vec<Group>,
}

/// The scores of the pages of one type.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    #[serde(rename = "type")]
    pub name: String,
    pub metrics: Metrics,
    pub intervals: Option<Intervals>,
    pub pages: usize,
}

/// How the pages of one gold format are turned into figures.
type Aggregate = fn(&[&PageScore]) -> Metrics;

/// Scores predictions against the gold standard.
pub fn evaluate(gold: &Gold, predictions: &Predictions, bootstrap: Bootstrap) -> Report {
    let (per_page, missing) = match gold {
        Gold::Aeb(pages) => score_pages(pages, predictions, |id, truth, predicted| {
            aeb_page(id, truth, predicted)
        }),
        Gold::Segments(cases) => score_pages(cases, predictions, segment_page),
        Gold::Wcxb(pages) => score_pages(pages, predictions, wcxb_page),
    };
    let aggregate: Aggregate = match gold {
        Gold::Aeb(_) => aeb_metrics,
        Gold::Segments(_) => segment_metrics,
        Gold::Wcxb(_) => wcxb_metrics,
    };
    let all: Vec<&PageScore> = per_page.iter().collect();
    let by_type = group_by_type(&all)
        .into_iter()
        .map(|(name, pages)| Group {
            name,
            metrics: aggregate(&pages),
            intervals: intervals(&pages, aggregate, bootstrap),
            pages: pages.len(),
        })
        .collect();
    Report {
        metrics: aggregate(&all),
        intervals: intervals(&all, aggregate, bootstrap),
        pages: per_page.len(),
        missing,
        by_type,
        per_page,
    }
}

fn intervals(
    pages: &[&PageScore],
    aggregate: Aggregate,
    bootstrap: Bootstrap,
) -> Option<Intervals> {
    (bootstrap.samples > 0 && !pages.is_empty())
        .then(|| bootstrap_intervals(pages, aggregate, bootstrap))
}

/// The pages of each type, in the order `wcxb_score.py --types` lists
/// them; pages without a type are in no group.
fn group_by_type<'a>(pages: &[&'a PageScore]) -> Vec<(String, Vec<&'a PageScore>)> {
    let mut groups: BTreeMap<&str, Vec<&PageScore>> = BTreeMap::new();
    for page in pages {
        if let Some(page_type) = &page.page_type {
            groups.entry(page_type).or_default().push(page);
        }
    }
    let rank = |name: &str| {
        PAGE_TYPES
            .iter()
            .position(|known| *known == name)
            .unwrap_or(PAGE_TYPES.len())
    };
    let mut ordered: Vec<(String, Vec<&PageScore>)> = groups
        .into_iter()
        .map(|(name, pages)| (name.to_string(), pages))
        .collect();
    // Stable: the types beyond the known ones stay in alphabetical order.
    ordered.sort_by_key(|(name, _)| rank(name));
    ordered
}

/// The prediction ids that name no gold page, sorted: a sign of ids from
/// another benchmark or file names not reduced to ids.
pub fn unmatched_ids<'p>(report: &Report, predictions: &'p Predictions) -> Vec<&'p str> {
    let gold: std::collections::HashSet<&str> = report
        .per_page
        .iter()
        .map(|page| page.id.as_str())
        .collect();
    let mut unmatched: Vec<&str> = predictions
        .keys()
        .map(String::as_str)
        .filter(|id| !gold.contains(id))
        .collect();
    unmatched.sort_unstable();
    unmatched
}

fn score_pages<T>(
    gold: &BTreeMap<String, T>,
    predictions: &Predictions,
    score: fn(&str, &T, &str) -> PageScore,
) -> (Vec<PageScore>, usize) {
    let mut missing = 0;
    let pages = gold
        .iter()
        .map(|(id, truth)| {
            let predicted = predictions.get(id).map(String::as_str).unwrap_or_else(|| {
                missing += 1;
                ""
            });
            score(id, truth, predicted)
        })
        .collect();
    (pages, missing)
}

/// Python's `\w+` on text: letters, numbers and the underscore (combining
/// marks split words there, so they do here).
fn tokens(text: &str) -> Vec<&str> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid pattern"));
    word.find_iter(text).map(|m| m.as_str()).collect()
}

/// Overlapping 4-token shingles as a multiset; fewer tokens make one shingle.
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], u64> {
    const N: usize = 4;
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() <= N {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(N) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

fn aeb_page(id: &str, truth: &str, predicted: &str) -> PageScore {
    let (true_tokens, predicted_tokens) = (tokens(truth), tokens(predicted));
    let (t, p) = (shingles(&true_tokens), shingles(&predicted_tokens));
    let tp: u64 = t
        .iter()
        .map(|(s, &n)| n.min(p.get(s).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<u64>() - tp;
    let fn_ = t.values().sum::<u64>() - tp;
    let total = (tp + fp + fn_) as f64;
    let share = |n: u64| if total > 0.0 { n as f64 / total } else { 0.0 };
    let exact = true_tokens == predicted_tokens;
    PageScore::counts(id, share(tp), share(fp), share(fn_), 0.0, exact)
}

fn aeb_metrics(pages: &[&PageScore]) -> Metrics {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let perfect = |p: &PageScore| p.fp == 0.0 && p.fn_ == 0.0;
    // Precision (with false positives) or recall (with false negatives),
    // averaged over the pages where it is defined.
    let averaged = |wrong: fn(&PageScore) -> f64| {
        mean(
            pages
                .iter()
                .filter(|p| p.tp + wrong(p) > 0.0)
                .map(|p| {
                    if perfect(p) {
                        1.0
                    } else {
                        p.tp / (p.tp + wrong(p))
                    }
                })
                .collect(),
        )
    };
    let precision = averaged(|p| p.fp);
    let recall = averaged(|p| p.fn_);
    let exact = pages.iter().filter(|p| p.exact).count();
    Metrics {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
        accuracy: Some(ratio(exact as f64, pages.len() as f64)),
        ..Metrics::default()
    }
}

fn segment_page(id: &str, case: &SegmentCase, predicted: &str) -> PageScore {
    let output = normalise_whitespace(predicted);
    let found = |segment: &String| output.contains(&normalise_whitespace(segment));
    let count = |segments: &[String], wanted: bool| {
        segments.iter().filter(|s| found(s) == wanted).count() as f64
    };
    PageScore::counts(
        id,
        count(&case.with, true),
        count(&case.without, true),
        count(&case.with, false),
        count(&case.without, false),
        false,
    )
}

fn segment_metrics(pages: &[&PageScore]) -> Metrics {
    let sum = |field: fn(&PageScore) -> f64| pages.iter().map(|p| field(p)).sum::<f64>();
    let (tp, fp, fn_, tn) = (sum(|p| p.tp), sum(|p| p.fp), sum(|p| p.fn_), sum(|p| p.tn));
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fn_);
    Metrics {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
        accuracy: Some(ratio(tp + tn, tp + tn + fp + fn_)),
        ..Metrics::default()
    }
}

/// A WCXB page: tp the multiset overlap of lower-cased tokens, fp the
/// predicted tokens beyond it, fn the gold tokens beyond it.
fn wcxb_page(id: &str, page: &WcxbPage, predicted: &str) -> PageScore {
    let (truth, output) = (page.main_content.to_lowercase(), predicted.to_lowercase());
    let (true_tokens, predicted_tokens) = (tokens(&truth), tokens(&output));
    let (t, p) = (multiset(&true_tokens), multiset(&predicted_tokens));
    let overlap: usize = t
        .iter()
        .map(|(token, &n)| n.min(p.get(token).copied().unwrap_or(0)))
        .sum();
    let fp = predicted_tokens.len() - overlap;
    let fn_ = true_tokens.len() - overlap;
    let found = |snippets: &[String]| {
        if snippets.is_empty() {
            return 1.0;
        }
        let hits = snippets
            .iter()
            .filter(|s| output.contains(&s.to_lowercase()))
            .count();
        hits as f64 / snippets.len() as f64
    };
    PageScore {
        page_type: Some(page.page_type.clone()),
        with: Some(found(&page.snippets.with)),
        without: Some(found(&page.snippets.without)),
        ..PageScore::counts(id, overlap as f64, fp as f64, fn_ as f64, 0.0, false)
    }
}

fn multiset<'a>(tokens: &[&'a str]) -> HashMap<&'a str, usize> {
    let mut counts = HashMap::new();
    for token in tokens {
        *counts.entry(*token).or_insert(0) += 1;
    }
    counts
}

/// A WCXB page's precision, recall and F1 from its token counts, with the
/// reference's arithmetic: an empty gold scores 1 only against an empty
/// prediction, an empty prediction 0.
fn wcxb_prf(page: &PageScore) -> [f64; 3] {
    let (predicted, truth) = (page.tp + page.fp, page.tp + page.fn_);
    if truth == 0.0 {
        return if predicted == 0.0 { [1.0; 3] } else { [0.0; 3] };
    }
    if predicted == 0.0 {
        return [0.0; 3];
    }
    let (precision, recall) = (page.tp / predicted, page.tp / truth);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    [precision, recall, f1]
}

/// Each figure the mean over pages, summed in gold order as the reference does.
fn wcxb_metrics(pages: &[&PageScore]) -> Metrics {
    let mean = |value: &dyn Fn(&PageScore) -> f64| {
        ratio(pages.iter().map(|p| value(p)).sum(), pages.len() as f64)
    };
    Metrics {
        precision: mean(&|p| wcxb_prf(p)[0]),
        recall: mean(&|p| wcxb_prf(p)[1]),
        f1: mean(&|p| wcxb_prf(p)[2]),
        accuracy: None,
        with: Some(mean(&|p| p.with.unwrap_or_default())),
        without: Some(mean(&|p| p.without.unwrap_or_default())),
    }
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}

fn harmonic_mean(a: f64, b: f64) -> f64 {
    ratio(2.0 * a * b, a + b)
}

fn normalise_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Percentile intervals over page resamples drawn with replacement.
fn bootstrap_intervals(
    pages: &[&PageScore],
    aggregate: Aggregate,
    bootstrap: Bootstrap,
) -> Intervals {
    let mut rng = fastrand::Rng::with_seed(bootstrap.seed);
    let samples: Vec<Metrics> = (0..bootstrap.samples)
        .map(|_| {
            let drawn: Vec<&PageScore> = (0..pages.len())
                .map(|_| pages[rng.usize(..pages.len())])
                .collect();
            aggregate(&drawn)
        })
        .collect();
    // The interval of a figure the metric has (all samples share the format).
    let interval = |metric: fn(&Metrics) -> Option<f64>| {
        let mut values: Vec<f64> = samples.iter().filter_map(metric).collect();
        values.sort_by(f64::total_cmp);
        (!values.is_empty()).then(|| [percentile(&values, 0.025), percentile(&values, 0.975)])
    };
    Intervals {
        precision: interval(|m| Some(m.precision)).unwrap_or_default(),
        recall: interval(|m| Some(m.recall)).unwrap_or_default(),
        f1: interval(|m| Some(m.f1)).unwrap_or_default(),
        accuracy: interval(|m| m.accuracy),
        with: interval(|m| m.with),
        without: interval(|m| m.without),
    }
}

/// Linear interpolation between closest ranks of sorted values.
fn percentile(sorted: &[f64], quantile: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return 0.0;
    };
    let position = quantile * last as f64;
    let (low, high) = (position.floor() as usize, position.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (position - low as f64)
}

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::BadInput {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads a gold standard in any of the three formats, told apart by its
/// records: WCXB's have a `main_content`, the segment format's a `with` or
/// `without` (and no `main_content`), AEB's neither.
pub fn load_gold(path: &Path) -> Result<Gold, Error> {
    let value: Value = serde_json::from_str(&read_text(path)?)
        .map_err(|err| bad(path, format!("not JSON: {err}")))?;
    let Value::Object(records) = value else {
        return Err(bad(path, "expected a JSON object of pages"));
    };
    if records.values().any(|r| r.get("main_content").is_some()) {
        let pages = records
            .into_iter()
            .map(|(id, record)| (id, wcxb_page_of(&record)))
            .collect();
        return Ok(Gold::Wcxb(pages));
    }
    let segmented = records
        .values()
        .any(|r| r.get("with").is_some() || r.get("without").is_some());
    if segmented {
        let cases = records
            .into_iter()
            .map(|(id, record)| (id, segment_case(&record)))
            .collect();
        return Ok(Gold::Segments(cases));
    }
    let bodies = records
        .into_iter()
        .map(|(id, record)| (id, article_body(&record)))
        .collect();
    Ok(Gold::Aeb(bodies))
}

fn segment_case(record: &Value) -> SegmentCase {
    let strings = |key: &str| {
        record
            .get(key)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    SegmentCase {
        file: record
            .get("file")
            .and_then(Value::as_str)
            .map(str::to_string),
        with: strings("with"),
        without: strings("without"),
    }
}

fn wcxb_page_of(record: &Value) -> WcxbPage {
    let text = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_string);
    WcxbPage {
        page_type: text("page_type").unwrap_or_else(|| UNTYPED.to_string()),
        main_content: text("main_content").unwrap_or_default(),
        snippets: segment_case(record),
    }
}

/// The text of an AEB record: its `articleBody`, or the value itself when
/// it is a string; null or anything else is empty.
fn article_body(record: &Value) -> String {
    let body = match record {
        Value::Object(fields) => fields.get("articleBody"),
        other => Some(other),
    };
    body.and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Keys a JSON Lines record may carry its text under.
const TEXT_KEYS: [&str; 3] = ["text", "content", "articleBody"];

/// Reads predictions: a folder of `<id>.txt`, an AEB-format JSON object, or
/// JSON Lines records with an `id` and a `text` (or `content`) field.
pub fn load_predictions(path: &Path) -> Result<Predictions, Error> {
    if path.is_dir() {
        return load_text_folder(path);
    }
    let text = read_text(path)?;
    if let Ok(Value::Object(records)) = serde_json::from_str::<Value>(&text) {
        let by_id = records.into_iter().map(|(id, r)| (id, article_body(&r)));
        return Ok(by_id.collect());
    }
    load_json_lines(path, text.as_bytes())
}

fn load_text_folder(folder: &Path) -> Result<Predictions, Error> {
    let entries = std::fs::read_dir(folder).map_err(|source| Error::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let mut predictions = Predictions::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let is_text = path.extension().is_some_and(|ext| ext == "txt");
        if let (true, Some(stem)) = (is_text && path.is_file(), path.file_stem()) {
            predictions.insert(stem.to_string_lossy().into_owned(), read_text(&path)?);
        }
    }
    Ok(predictions)
}

fn load_json_lines(path: &Path, bytes: &[u8]) -> Result<Predictions, Error> {
    let mut predictions = Predictions::new();
    for (number, line) in bytes.lines().enumerate() {
        let line = line.map_err(|err| bad(path, err.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line)
            .map_err(|err| bad(path, format!("line {}: not JSON: {err}", number + 1)))?;
        let id = match record.get("id") {
            Some(Value::String(id)) => id.clone(),
            Some(Value::Number(id)) => id.to_string(),
            _ => return Err(bad(path, format!("line {}: no \"id\"", number + 1))),
        };
        let text = TEXT_KEYS
            .iter()
            .find_map(|key| record.get(*key).and_then(Value::as_str))
            .unwrap_or_default();
        predictions.insert(id, text.to_string());
    }
    Ok(predictions)
}

/// Width of a table cell: a figure and its interval.
const CELL_WIDTH: usize = 22;

/// A column of the table: its heading, its figure and the figure's interval.
struct Column {
    heading: &'static str,
    value: fn(&Metrics) -> Option<f64>,
    interval: fn(&Intervals) -> Option<[f64; 2]>,
}

/// The column of a figure every format has (`column!(f1)`) or of one only
/// some have (`column!(accuracy?)`).
macro_rules! column {
    ($figure:ident) => {
        Column {
            heading: stringify!($figure),
            value: |m| Some(m.$figure),
            interval: |i| Some(i.$figure),
        }
    };
    ($figure:ident ?) => {
        Column {
            heading: stringify!($figure),
            value: |m| m.$figure,
            interval: |i| i.$figure,
        }
    };
}

/// Every figure a gold format can give, in table order; a table shows
/// those its reports have.
const COLUMNS: [Column; 6] = [
    column!(precision),
    column!(recall),
    column!(f1),
    column!(accuracy?),
    column!(with?),
    column!(without?),
];

/// A text table: one row per system (after one row per page type of it
/// when `by_type`), each figure with its interval, then the `worst`
/// lowest-scoring pages of each system.
pub fn render_table(systems: &[(String, Report)], worst: usize, by_type: bool) -> String {
    let columns: Vec<&Column> = COLUMNS
        .iter()
        .filter(|c| systems.iter().any(|(_, r)| (c.value)(&r.metrics).is_some()))
        .collect();
    let group_names = systems
        .iter()
        .filter(|_| by_type)
        .flat_map(|(_, r)| r.by_type.iter().map(|g| g.name.len() + GROUP_INDENT.len()));
    let width = systems
        .iter()
        .map(|(name, _)| name.len())
        .chain(group_names)
        .max()
        .unwrap_or(0)
        .max("system".len());
    let mut table = format!("{:width$} ", "system");
    for column in &columns {
        table += &format!(" {:<CELL_WIDTH$}", column.heading);
    }
    table += " pages missing\n";
    let row = |name: &str, metrics: &Metrics, intervals: Option<&Intervals>| {
        let mut line = format!("{name:width$} ");
        for column in &columns {
            let cell = match ((column.value)(metrics), intervals.and_then(column.interval)) {
                (Some(value), Some([low, high])) => format!("{value:.3} [{low:.3}, {high:.3}]"),
                (Some(value), None) => format!("{value:.3}"),
                (None, _) => "-".to_string(),
            };
            line += &format!(" {cell:<CELL_WIDTH$}");
        }
        line
    };
    for (name, report) in systems {
        for group in report.by_type.iter().filter(|_| by_type) {
            let label = format!("{GROUP_INDENT}{}", group.name);
            let line = row(&label, &group.metrics, group.intervals.as_ref());
            table += &format!("{line} {:>5}\n", group.pages);
        }
        let line = row(name, &report.metrics, report.intervals.as_ref());
        table += &format!("{line} {:>5} {:>7}\n", report.pages, report.missing);
    }
    for (name, report) in systems.iter().filter(|_| worst > 0) {
        table += &format!("\nworst pages of {name}:\n");
        for page in worst_pages(report, worst) {
            table += &worst_line(page);
        }
    }
    table
}

/// Indent of a page type's row under its system.
const GROUP_INDENT: &str = "  ";

fn worst_line(page: &PageScore) -> String {
    let (id, f1) = (&page.id, page.f1());
    let (tp, fp, fn_) = (page.tp, page.fp, page.fn_);
    match (&page.page_type, page.with, page.without) {
        // WCXB counts tokens: whole numbers.
        (Some(page_type), Some(with), Some(without)) => format!(
            "  {id:<40} f1={f1:.3} tp={tp:.0} fp={fp:.0} fn={fn_:.0} with={with:.2} without={without:.2} {page_type}\n"
        ),
        _ => format!("  {id:<40} f1={f1:.3} tp={tp:.3} fp={fp:.3} fn={fn_:.3}\n"),
    }
}

/// The `count` pages with the lowest page F1, worst first.
pub fn worst_pages(report: &Report, count: usize) -> Vec<&PageScore> {
    let mut pages: Vec<&PageScore> = report.per_page.iter().collect();
    pages.sort_by(|a, b| a.f1().total_cmp(&b.f1()).then_with(|| a.id.cmp(&b.id)));
    pages.truncate(count);
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aeb(pairs: &[(&str, &str)]) -> Gold {
        Gold::Aeb(
            pairs
                .iter()
                .map(|(id, body)| (id.to_string(), body.to_string()))
                .collect(),
        )
    }

    fn predictions(pairs: &[(&str, &str)]) -> Predictions {
        pairs
            .iter()
            .map(|(id, text)| (id.to_string(), text.to_string()))
            .collect()
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(tokens("snake_case, 42 café"), ["snake_case", "42", "café"]);
        // Devanagari vowel signs are combining marks, not word characters.
        assert_eq!(tokens("हिन्दी"), ["ह", "न", "द"]);
        assert_eq!(tokens("東京は晴れ。"), ["東京は晴れ"]);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let toks = ["a", "b"];
        let counts = shingles(&toks);
        assert_eq!(counts.len(), 1);
        assert_eq!(counts[&toks[..]], 1);
    }

    #[test]
    fn aeb_metrics_follow_the_reference_definitions() {
        let gold = aeb(&[
            ("a", "one two three four five"),
            ("b", "x y z w"),
            ("c", ""),
        ]);
        let report = evaluate(
            &gold,
            &predictions(&[("a", "one two three four five six"), ("c", "")]),
            Bootstrap {
                samples: 0,
                seed: 0,
            },
        );
        // a: true shingles {1234, 2345}, predicted {1234, 2345, 3456}: tp 2/3, fp 1/3.
        // b: missing, recall 0; c: empty both, defined for neither average.
        assert_eq!(report.missing, 1);
        assert!((report.metrics.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((report.metrics.recall - 0.5).abs() < 1e-12);
        assert!((report.metrics.accuracy.expect("AEB accuracy") - 1.0 / 3.0).abs() < 1e-12);
    }

    fn wcxb(pages: &[(&str, &str, &str, &[&str])]) -> Gold {
        let page = |page_type: &str, text: &str, with: &[&str]| WcxbPage {
            page_type: page_type.to_string(),
            main_content: text.to_string(),
            snippets: SegmentCase {
                with: with.iter().map(|s| s.to_string()).collect(),
                ..SegmentCase::default()
            },
        };
        let pages = pages
            .iter()
            .map(|(id, page_type, text, with)| (id.to_string(), page(page_type, text, with)));
        Gold::Wcxb(pages.collect())
    }

    #[test]
    fn wcxb_metrics_follow_the_reference_definitions() {
        let gold = wcxb(&[
            ("a", "article", "One two two THREE", &["Two three"]),
            ("b", "article", "", &[]),
            ("c", "forum", "", &[]),
            ("d", "forum", "x y", &["x"]),
        ]);
        let report = evaluate(
            &gold,
            &predictions(&[("a", "one TWO four"), ("b", ""), ("c", "noise")]),
            Bootstrap {
                samples: 0,
                seed: 0,
            },
        );
        // a: overlap 2 of 3 predicted, of 4 gold; b: empty against empty, 1;
        // c: empty gold against text, 0; d: missing, 0.
        let f1_a = 2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5);
        let m = report.metrics;
        assert_eq!(report.missing, 1);
        assert!((m.precision - (2.0 / 3.0 + 1.0) / 4.0).abs() < 1e-12);
        assert!((m.recall - 1.5 / 4.0).abs() < 1e-12);
        assert!((m.f1 - (f1_a + 1.0) / 4.0).abs() < 1e-12);
        // Snippets: a 0 of 1 ("two three" is not in "one two four"), b and c
        // none (1), d 0 of 1.
        assert_eq!(m.with, Some(0.5));
        assert_eq!(m.accuracy, None);
        let types: Vec<&str> = report.by_type.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(types, ["article", "forum"]);
        assert!((report.by_type[1].metrics.f1 - 0.0).abs() < 1e-12);
    }

    #[test]
    fn unknown_page_types_follow_the_known_ones_alphabetically() {
        let gold = wcxb(&[
            ("1", "wiki", "a", &[]),
            ("2", "service", "a", &[]),
            ("3", "faq", "a", &[]),
            ("4", "article", "a", &[]),
        ]);
        let report = evaluate(&gold, &Predictions::new(), Bootstrap::default());
        let types: Vec<&str> = report.by_type.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(types, ["article", "service", "faq", "wiki"]);
        assert!(report.by_type.iter().all(|g| g.intervals.is_some()));
    }

    #[test]
    fn segments_are_found_in_normalised_output() {
        let mut cases = BTreeMap::new();
        cases.insert(
            "p".to_string(),
            SegmentCase {
                file: None,
                with: vec!["first  line".into(), "absent".into()],
                without: vec!["Cookie".into(), "Share this".into()],
            },
        );
        let report = evaluate(
            &Gold::Segments(cases),
            &predictions(&[("p", "first\nline and more\nShare   this")]),
            Bootstrap::default(),
        );
        let m = report.metrics;
        assert_eq!((m.precision, m.recall, m.accuracy), (0.5, 0.5, Some(0.5)));
    }

    #[test]
    fn bootstrap_is_reproducible_and_brackets_the_estimate() {
        let gold = aeb(&[
            ("a", "alpha beta gamma delta epsilon"),
            ("b", "one two three four five six"),
            ("c", "red green blue cyan magenta"),
        ]);
        let predicted = predictions(&[
            ("a", "alpha beta gamma delta epsilon"),
            ("b", "one two three four"),
            ("c", "red green blue cyan magenta yellow"),
        ]);
        let first = evaluate(&gold, &predicted, Bootstrap::default());
        let second = evaluate(&gold, &predicted, Bootstrap::default());
        let (i1, i2) = (first.intervals.unwrap(), second.intervals.unwrap());
        assert_eq!(i1.f1, i2.f1);
        assert!(i1.f1[0] <= first.metrics.f1 && first.metrics.f1 <= i1.f1[1]);
    }

    #[test]
    fn percentiles_interpolate() {
        assert_eq!(percentile(&[0.0, 1.0, 2.0, 3.0, 4.0], 0.5), 2.0);
        assert_eq!(percentile(&[0.0, 10.0], 0.25), 2.5);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
