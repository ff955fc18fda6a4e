//! Eval: scores predicted article texts against a gold standard, as
//! extractor benchmarks do, with bootstrap confidence intervals.
//!
//! Two gold formats are read. The Article Extraction Benchmark's
//! (`{id: {"articleBody": text}}`) is scored with its own metric, exactly as
//! `shared/tools/aeb_score.py` does: `\w+` tokens, 4-token shingles compared
//! as multisets, per-page tp/fp/fn normalised to sum 1, precision and recall
//! averaged over the pages where they are defined, F1 their harmonic mean,
//! accuracy the share of pages whose token sequence is the gold's.
//! trafilatura's evaluation format (`{key: {"with": [...], "without":
//! [...]}}`) is scored by segments: a segment counts as found when it occurs
//! in the whitespace-normalised prediction, and precision, recall, F1 and
//! accuracy are taken over all segments of all pages.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use serde_json::Value;

use crate::Error;

/// A gold standard: the true article of each page.
#[derive(Debug, Clone)]
pub enum Gold {
    /// AEB format: the true article body per page id.
    Aeb(BTreeMap<String, String>),
    /// Segment format: snippets that must and must not appear, per page.
    Segments(BTreeMap<String, SegmentCase>),
}

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

/// Precision, recall, F1 and accuracy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// 95% bootstrap intervals (2.5th and 97.5th percentiles) of each metric.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Intervals {
    pub precision: [f64; 2],
    pub recall: [f64; 2],
    pub f1: [f64; 2],
    pub accuracy: [f64; 2],
}

/// One page's counts: normalised shingle shares for AEB, segment counts
/// for the segment format.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    pub tp: f64,
    pub fp: f64,
    #[serde(rename = "fn")]
    pub fn_: f64,
    /// True negatives (segment format only).
    pub tn: f64,
    /// The prediction's tokens equal the gold's (AEB only).
    pub exact: bool,
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
}

/// Scores predictions against the gold standard.
pub fn evaluate(gold: &Gold, predictions: &Predictions, bootstrap: Bootstrap) -> Report {
    let (per_page, missing) = match gold {
        Gold::Aeb(pages) => score_pages(pages, predictions, |id, truth, predicted| {
            aeb_page(id, truth, predicted)
        }),
        Gold::Segments(cases) => score_pages(cases, predictions, segment_page),
    };
    let aggregate = match gold {
        Gold::Aeb(_) => aeb_metrics,
        Gold::Segments(_) => segment_metrics,
    };
    let metrics = aggregate(&per_page.iter().collect::<Vec<_>>());
    let intervals = (bootstrap.samples > 0 && !per_page.is_empty())
        .then(|| bootstrap_intervals(&per_page, aggregate, bootstrap));
    Report {
        metrics,
        intervals,
        pages: per_page.len(),
        missing,
        per_page,
    }
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
    PageScore {
        id: id.to_string(),
        tp: share(tp),
        fp: share(fp),
        fn_: share(fn_),
        tn: 0.0,
        exact: true_tokens == predicted_tokens,
    }
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
        accuracy: ratio(exact as f64, pages.len() as f64),
    }
}

fn segment_page(id: &str, case: &SegmentCase, predicted: &str) -> PageScore {
    let output = normalise_whitespace(predicted);
    let found = |segment: &String| output.contains(&normalise_whitespace(segment));
    let count = |segments: &[String], wanted: bool| {
        segments.iter().filter(|s| found(s) == wanted).count() as f64
    };
    PageScore {
        id: id.to_string(),
        tp: count(&case.with, true),
        fn_: count(&case.with, false),
        fp: count(&case.without, true),
        tn: count(&case.without, false),
        exact: false,
    }
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
        accuracy: ratio(tp + tn, tp + tn + fp + fn_),
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
    pages: &[PageScore],
    aggregate: fn(&[&PageScore]) -> Metrics,
    bootstrap: Bootstrap,
) -> Intervals {
    let mut rng = fastrand::Rng::with_seed(bootstrap.seed);
    let samples: Vec<Metrics> = (0..bootstrap.samples)
        .map(|_| {
            let drawn: Vec<&PageScore> = (0..pages.len())
                .map(|_| &pages[rng.usize(..pages.len())])
                .collect();
            aggregate(&drawn)
        })
        .collect();
    let interval = |metric: fn(&Metrics) -> f64| {
        let mut values: Vec<f64> = samples.iter().map(metric).collect();
        values.sort_by(f64::total_cmp);
        [percentile(&values, 0.025), percentile(&values, 0.975)]
    };
    Intervals {
        precision: interval(|m| m.precision),
        recall: interval(|m| m.recall),
        f1: interval(|m| m.f1),
        accuracy: interval(|m| m.accuracy),
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

/// Reads a gold standard in either format (told apart by its records).
pub fn load_gold(path: &Path) -> Result<Gold, Error> {
    let value: Value = serde_json::from_str(&read_text(path)?)
        .map_err(|err| bad(path, format!("not JSON: {err}")))?;
    let Value::Object(records) = value else {
        return Err(bad(path, "expected a JSON object of pages"));
    };
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

/// A text table: one row per system, each metric with its interval, then
/// the `worst` lowest-scoring pages of each system.
pub fn render_table(systems: &[(String, Report)], worst: usize) -> String {
    let width = systems
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let mut table = format!(
        "{:width$}  {:<22} {:<22} {:<22} {:<22} pages missing\n",
        "system", "precision", "recall", "f1", "accuracy"
    );
    for (name, report) in systems {
        let m = &report.metrics;
        let i = report.intervals.as_ref();
        let cell = |value: f64, interval: Option<[f64; 2]>| match interval {
            Some([low, high]) => format!("{value:.3} [{low:.3}, {high:.3}]"),
            None => format!("{value:.3}"),
        };
        table += &format!(
            "{name:width$}  {:<22} {:<22} {:<22} {:<22} {:>5} {:>7}\n",
            cell(m.precision, i.map(|i| i.precision)),
            cell(m.recall, i.map(|i| i.recall)),
            cell(m.f1, i.map(|i| i.f1)),
            cell(m.accuracy, i.map(|i| i.accuracy)),
            report.pages,
            report.missing,
        );
    }
    for (name, report) in systems.iter().filter(|_| worst > 0) {
        table += &format!("\nworst pages of {name}:\n");
        for page in worst_pages(report, worst) {
            table += &format!(
                "  {:<40} f1={:.3} tp={:.3} fp={:.3} fn={:.3}\n",
                page.id,
                page.f1(),
                page.tp,
                page.fp,
                page.fn_
            );
        }
    }
    table
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
        assert!((report.metrics.accuracy - 1.0 / 3.0).abs() < 1e-12);
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
        assert_eq!((m.precision, m.recall, m.accuracy), (0.5, 0.5, 0.5));
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
