//! `pith eval` against the reference scorers (`../shared/tools/aeb_score.py`
//! and `../shared/tools/wcxb_score.py`): on the AEB and WCXB golds and on
//! hand-made multilingual golds, for predictions of every shape (pith's own,
//! empty, missing pages, perfect, mangled, a folder of texts), the figures
//! must agree to 1e-9, overall and (WCXB) per page type.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value, json};

mod common;
use common::{run, s, shared, shared_file, write_json};

/// Runs `wcxb_score.py` with its `line` wrapped so that, besides the lines
/// it prints, each line's figures come out unrounded as a last JSON line.
const WCXB_UNROUNDED: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import wcxb_score
printed, figures = wcxb_score.line, []
def line(name, rows, missing=None):
    m = lambda k: sum(x[k] for x in rows) / len(rows) if rows else 0.0
    figures.append({'name': name, 'precision': m('p'), 'recall': m('r'), 'f1': m('f1'),
                    'with': m('with'), 'without': m('without'), 'pages': len(rows),
                    'missing': missing})
    return printed(name, rows, missing)
wcxb_score.line = line
wcxb_score.main(sys.argv[2:])
print(json.dumps(figures))
"#;

/// A benchmark with a reference scorer.
#[derive(Clone, Copy)]
enum Benchmark {
    Aeb,
    Wcxb,
}

/// The reference's figures for one prediction: the overall ones, and those
/// of each page type in the order it prints them.
struct Reference {
    overall: Value,
    by_type: Vec<Value>,
}

impl Benchmark {
    fn metrics(self) -> &'static [&'static str] {
        match self {
            Benchmark::Aeb => &["precision", "recall", "f1", "accuracy"],
            Benchmark::Wcxb => &["precision", "recall", "f1", "with", "without"],
        }
    }

    /// The pith eval arguments that give every figure the reference has.
    fn eval_args(self) -> &'static [&'static str] {
        match self {
            Benchmark::Aeb => &[],
            Benchmark::Wcxb => &["--by", "type"],
        }
    }

    fn reference(self, gold: &Path, prediction: &Path) -> Reference {
        let tools = shared_file("tools");
        match self {
            Benchmark::Aeb => {
                let script = tools.join("aeb_score.py");
                let out = run(
                    "python3",
                    &[s(&script), s(prediction), "--gold", s(gold), "--json"],
                );
                Reference {
                    overall: serde_json::from_str(&out).expect("scorer JSON"),
                    by_type: Vec::new(),
                }
            }
            Benchmark::Wcxb => {
                let out = run(
                    "python3",
                    &[
                        "-c",
                        WCXB_UNROUNDED,
                        s(&tools),
                        s(prediction),
                        "--gold",
                        s(gold),
                        "--types",
                    ],
                );
                // The scorer's own (rounded) lines come first; the figures last.
                let figures = out.lines().last().expect("the figures line");
                let mut figures: Vec<Value> = serde_json::from_str(figures).expect("figures JSON");
                let overall = figures.pop().expect("the overall line");
                Reference {
                    overall,
                    by_type: figures,
                }
            }
        }
    }
}

/// pith's figures for several predictions, one report per prediction
/// (then one for `--html DIR` when `extra` gives it).
fn pith_eval(gold: &Path, predictions: &[PathBuf], extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "eval",
        "--gold",
        s(gold),
        "--format",
        "json",
        "--bootstrap",
        "0",
    ];
    args.extend(extra);
    args.extend(predictions.iter().map(|p| s(p)));
    let out = run(env!("CARGO_BIN_EXE_pith"), &args);
    match serde_json::from_str(&out).expect("pith JSON") {
        Value::Array(reports) => reports,
        other => panic!("expected an array, got {other}"),
    }
}

fn assert_figures_agree(what: &str, metrics: &[&str], got: &Value, want: &Value) {
    for metric in metrics {
        let (got, expected) = (&got[metric], &want[metric]);
        let gap = (got.as_f64().expect("number") - expected.as_f64().expect("number")).abs();
        assert!(
            gap <= 1e-9,
            "{metric} of {what}: pith {got}, reference {expected}"
        );
    }
}

/// One pith report against the reference's figures for `prediction`.
fn assert_report_agrees(benchmark: Benchmark, gold: &Path, prediction: &Path, report: &Value) {
    let want = benchmark.reference(gold, prediction);
    let what = prediction.display().to_string();
    let metrics = benchmark.metrics();
    assert_figures_agree(&what, metrics, &report["metrics"], &want.overall);
    assert_eq!(report["pages"], want.overall["pages"], "pages of {what}");
    assert_eq!(
        report["missing"], want.overall["missing"],
        "missing of {what}"
    );
    let groups = report["by_type"].as_array().cloned().unwrap_or_default();
    let names =
        |rows: &[Value], key: &str| -> Vec<Value> { rows.iter().map(|r| r[key].clone()).collect() };
    assert_eq!(
        names(&groups, "type"),
        names(&want.by_type, "name"),
        "types of {what}"
    );
    for (group, expected) in groups.iter().zip(&want.by_type) {
        let what = format!("{what} ({})", expected["name"]);
        assert_figures_agree(&what, metrics, &group["metrics"], expected);
        assert_eq!(group["pages"], expected["pages"], "pages of {what}");
    }
}

fn assert_agrees(benchmark: Benchmark, gold: &Path, predictions: &[PathBuf]) {
    let reports = pith_eval(gold, predictions, benchmark.eval_args());
    assert_eq!(reports.len(), predictions.len());
    for (prediction, report) in predictions.iter().zip(&reports) {
        assert_report_agrees(benchmark, gold, prediction, report);
    }
}

fn read_json(path: &Path) -> Map<String, Value> {
    let text = std::fs::read_to_string(path).expect("read");
    match serde_json::from_str(&text).expect("JSON") {
        Value::Object(records) => records,
        other => panic!("expected an object, got {other}"),
    }
}

/// The true text of each page of a gold standard, under `key`.
fn bodies(gold: &Map<String, Value>, key: &str) -> BTreeMap<String, String> {
    let body = |v: &Value| v[key].as_str().unwrap_or_default().to_string();
    gold.iter().map(|(id, v)| (id.clone(), body(v))).collect()
}

/// Predictions of every shape, derived from the true texts; `no_text` is
/// how a page with no text is written (a scorer may not take a null).
fn mangled_predictions(
    dir: &Path,
    bodies: &BTreeMap<String, String>,
    no_text: &Value,
) -> Vec<PathBuf> {
    let each = |f: &dyn Fn(usize, &str) -> Value| -> Value {
        let entries = bodies
            .iter()
            .enumerate()
            .map(|(i, (id, body))| (id.clone(), f(i, body)));
        Value::Object(entries.collect())
    };
    let half = |text: &str| {
        text.chars()
            .take(text.chars().count() / 2)
            .collect::<String>()
    };
    vec![
        write_json(dir, "nothing.json", &json!({})),
        write_json(dir, "empty.json", &each(&|_, _| json!({"articleBody": ""}))),
        write_json(
            dir,
            "perfect.json",
            &each(&|_, b| json!({"articleBody": b})),
        ),
        write_json(
            dir,
            "mangled.json",
            &each(&|i, b| match i % 6 {
                0 => json!({"articleBody": half(b)}),
                1 => json!({"articleBody": format!("Menu Home News {b} Share this Cookie policy")}),
                2 => no_text.clone(),
                3 => json!(b.to_uppercase()),
                4 => {
                    json!({"articleBody": b.split_whitespace().rev().collect::<Vec<_>>().join(" ")})
                }
                _ => json!({"articleBody": b}),
            }),
        ),
        write_json(
            dir,
            "some-missing.json",
            &Value::Object(
                bodies
                    .iter()
                    .step_by(3)
                    .map(|(id, body)| (id.clone(), json!({"articleBody": half(body)})))
                    .collect(),
            ),
        ),
    ]
}

/// How AEB predictions write a page with no text.
fn aeb_no_text() -> Value {
    json!({"articleBody": null})
}

/// How WCXB predictions write a page with no text (its scorer takes no null).
fn wcxb_no_text() -> Value {
    json!({})
}

#[test]
fn aeb_figures_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold_path = shared_file("data/aeb/ground-truth.json");
    let gold = bodies(&read_json(&gold_path), "articleBody");
    let mut predictions = mangled_predictions(dir.path(), &gold, &aeb_no_text());

    let extracted = dir.path().join("pith-out");
    let html = shared().join("data/aeb/html");
    run(
        env!("CARGO_BIN_EXE_pith"),
        &["extract", "--no-title", s(&html), "-o", s(&extracted)],
    );
    predictions.push(extracted);
    assert_agrees(Benchmark::Aeb, &gold_path, &predictions);
}

#[test]
fn multilingual_figures_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = json!({
        "hi": {"articleBody": "हिन्दी भाषा में लिखा गया एक छोटा लेख, जिसमें मात्राएँ और संयुक्ताक्षर हैं।"},
        "ja": {"articleBody": "東京は今日も晴れ。気温は２５度で、snake_case や 3.14 も混じる。"},
        "th": {"articleBody": "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ แต่มีการเว้นวรรคระหว่างประโยค"},
        "ar": {"articleBody": "هذا نص عربي قصير يكتب من اليمين إلى اليسار، مع أرقام ١٢٣."},
        "short": {"articleBody": "Two words"},
        "empty": {"articleBody": ""},
    });
    let gold_path = write_json(dir.path(), "gold.json", &gold);
    let gold = bodies(&read_json(&gold_path), "articleBody");
    let mut predictions = mangled_predictions(dir.path(), &gold, &aeb_no_text());
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).expect("mkdir");
    std::fs::write(texts.join("hi.txt"), "हिन्दी भाषा में लिखा गया\n\nएक छोटा लेख").expect("write");
    std::fs::write(texts.join("ja.txt"), "東京は今日も晴れ。気温は２５度").expect("write");
    std::fs::write(texts.join("short.txt"), "Two words and more").expect("write");
    std::fs::write(texts.join("empty.txt"), "Menu").expect("write");
    predictions.push(texts);
    assert_agrees(Benchmark::Aeb, &gold_path, &predictions);
}

#[test]
fn json_lines_predictions_are_read_by_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold =
        json!({"a": {"articleBody": "one two three four five"}, "b": {"articleBody": "x y"}});
    let gold_path = write_json(dir.path(), "gold.json", &gold);
    let lines = dir.path().join("pred.jsonl");
    std::fs::write(
        &lines,
        "{\"id\": \"a\", \"text\": \"one two three four five\", \"url\": \"u\"}\n{\"id\": \"b\", \"content\": \"x y\"}\n",
    )
    .expect("write");
    let reports = pith_eval(&gold_path, &[lines], &[]);
    assert_eq!(reports[0]["metrics"]["f1"], 1.0);
    assert_eq!(reports[0]["metrics"]["accuracy"], 1.0);
}

#[test]
fn segment_gold_is_scored_by_segments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = json!({
        "p1": {"file": "p1.html", "with": ["The mayor said", "on Monday"], "without": ["Accept cookies"]},
        "p2": {"file": "p2.html", "with": ["Der Bürgermeister"], "without": ["Newsletter abonnieren", "Teilen"]},
    });
    let gold_path = write_json(dir.path(), "gold.json", &gold);
    let prediction = write_json(
        dir.path(),
        "pred.json",
        &json!({
            "p1": {"articleBody": "The mayor\nsaid it on Monday.\nAccept   cookies"},
            "p2": {"articleBody": "Der Bürgermeister sprach."},
        }),
    );
    let reports = pith_eval(&gold_path, &[prediction], &[]);
    let metrics = &reports[0]["metrics"];
    // tp 3, fn 0, fp 1, tn 2.
    assert_eq!(metrics["precision"], 0.75);
    assert_eq!(metrics["recall"], 1.0);
    assert_eq!(metrics["accuracy"], 5.0 / 6.0);
}

#[test]
fn html_mode_scores_this_build_with_intervals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let article =
        "The council approved the new budget after a long debate that lasted into the night.";
    std::fs::write(
        pages.join("p1.html"),
        format!("<nav><a href=/>Home</a></nav><article><p>{article}</p></article>"),
    )
    .expect("write");
    let gold_path = write_json(
        dir.path(),
        "gold.json",
        &json!({"p1": {"articleBody": article}}),
    );
    let out = run(
        env!("CARGO_BIN_EXE_pith"),
        &[
            "eval",
            "--gold",
            s(&gold_path),
            "--html",
            s(&pages),
            "--format",
            "json",
        ],
    );
    let reports: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(reports[0]["metrics"]["f1"], 1.0);
    assert_eq!(reports[0]["intervals"]["f1"], json!([1.0, 1.0]));
}

/// Pages of each type in the WCXB subset the tests extract and score.
const SUBSET_PER_TYPE: usize = 20;

/// The first pages of each WCXB type (ids sorted): their gold, written to
/// `dir`, and a folder of their pages.
fn wcxb_subset(dir: &Path) -> (PathBuf, PathBuf) {
    let gold: BTreeMap<String, Value> = read_json(&shared_file("data/wcxb/ground-truth.json"))
        .into_iter()
        .collect();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let subset: Map<String, Value> = gold
        .into_iter()
        .filter(|(_, page)| {
            let page_type = page["page_type"].as_str().unwrap_or_default().to_string();
            let count = taken.entry(page_type).or_default();
            *count += 1;
            *count <= SUBSET_PER_TYPE
        })
        .collect();
    let html = dir.join("html");
    std::fs::create_dir(&html).expect("mkdir");
    for id in subset.keys() {
        let name = format!("{id}.html.gz");
        std::fs::copy(shared_file("data/wcxb/html").join(&name), html.join(&name)).expect("copy");
    }
    (write_json(dir, "gold.json", &Value::Object(subset)), html)
}

/// A folder of `<id>.txt`: every third page in capitals, every third its
/// first must-have and first boilerplate snippet, the rest absent.
fn wcxb_texts(dir: &Path, gold: &Map<String, Value>) -> PathBuf {
    let texts = dir.join("texts");
    std::fs::create_dir(&texts).expect("mkdir");
    for (i, (id, page)) in gold.iter().enumerate() {
        let first = |key: &str| page[key][0].as_str().unwrap_or_default().to_string();
        let text = match i % 3 {
            0 => page["main_content"]
                .as_str()
                .unwrap_or_default()
                .to_uppercase(),
            1 => format!("{}\n\n{}", first("with"), first("without")),
            _ => continue,
        };
        std::fs::write(texts.join(format!("{id}.txt")), text).expect("write");
    }
    texts
}

#[test]
fn wcxb_figures_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (gold_path, html) = wcxb_subset(dir.path());
    let gold = read_json(&gold_path);
    let mut predictions =
        mangled_predictions(dir.path(), &bodies(&gold, "main_content"), &wcxb_no_text());
    predictions.push(wcxb_texts(dir.path(), &gold));
    let extracted = dir.path().join("pith-out");
    run(
        env!("CARGO_BIN_EXE_pith"),
        &["extract", "--no-title", s(&html), "-o", s(&extracted)],
    );
    predictions.push(extracted.clone());
    assert_agrees(Benchmark::Wcxb, &gold_path, &predictions);

    // --html names each page by its file name without .html.gz, the WCXB id,
    // and scores the text without its title line, as extract --no-title
    // (on one page of each type, to keep the test short).
    let (few_html, few_texts) = (dir.path().join("few-html"), dir.path().join("few-texts"));
    std::fs::create_dir(&few_html).expect("mkdir");
    std::fs::create_dir(&few_texts).expect("mkdir");
    let mut types = std::collections::BTreeSet::new();
    for (id, page) in &gold {
        if types.insert(page["page_type"].to_string()) {
            let (page, text) = (format!("{id}.html.gz"), format!("{id}.txt"));
            std::fs::copy(html.join(&page), few_html.join(&page)).expect("copy");
            std::fs::copy(extracted.join(&text), few_texts.join(&text)).expect("copy");
        }
    }
    let reports = pith_eval(&gold_path, &[], &["--by", "type", "--html", s(&few_html)]);
    assert_report_agrees(Benchmark::Wcxb, &gold_path, &few_texts, &reports[0]);
    assert_eq!(reports[0]["missing"], gold.len() - types.len());
}

#[test]
fn wcxb_figures_on_every_page_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold_path = shared_file("data/wcxb/ground-truth.json");
    let gold = bodies(&read_json(&gold_path), "main_content");
    let mangled: Vec<PathBuf> = mangled_predictions(dir.path(), &gold, &wcxb_no_text())
        .into_iter()
        .filter(|p| p.ends_with("mangled.json"))
        .collect();
    assert_agrees(Benchmark::Wcxb, &gold_path, &mangled);
}

#[test]
fn multilingual_wcxb_figures_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = |page_type: &str, text: &str, with: &[&str], without: &[&str]| {
        json!({"page_type": page_type, "url": "https://example.org/", "title": "", "author": "",
               "publish_date": "", "main_content": text, "with": with, "without": without})
    };
    let gold = json!({
        "el": page("article", "Η ΟΔΟΣ ΕΙΝΑΙ ΣΤΕΝΗ. Ο δρόμος Σ είναι στενός.", &["ΟΔΟΣ ΕΙΝΑΙ"], &["Κοινοποίηση"]),
        "tr": page("forum", "İSTANBUL'da ISPARTA ılık, İzmir ıssız.", &["istanbul"], &[]),
        "de": page("product", "Die STRAẞE und die Straße kosten 12,50 €.", &[], &["Warenkorb"]),
        "hi": page("documentation", "हिन्दी भाषा में लिखा गया एक छोटा लेख।", &["छोटा लेख"], &["साझा करें"]),
        "ja": page("glossary", "東京は今日も晴れ。気温は２５度で、snake_case や 3.14 も混じる。", &["晴れ"], &[]),
        "faq": page("faq", "Ⅻ ½ ² numbers and ǅ titlecase", &[""], &["Menu"]),
        "empty": page("listing", "", &[], &[]),
        "empty-too": page("listing", "", &["x"], &["y"]),
        "short": page("service", "Two words", &["two"], &["three"]),
    });
    let gold_path = write_json(dir.path(), "gold.json", &gold);
    let records = read_json(&gold_path);
    let mut predictions = mangled_predictions(
        dir.path(),
        &bodies(&records, "main_content"),
        &wcxb_no_text(),
    );
    predictions.push(wcxb_texts(dir.path(), &records));
    assert_agrees(Benchmark::Wcxb, &gold_path, &predictions);
}

#[test]
fn by_type_needs_a_gold_with_page_types() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold_path = write_json(dir.path(), "gold.json", &json!({"a": {"articleBody": "x"}}));
    let output = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args([
            "eval",
            "--gold",
            s(&gold_path),
            "--by",
            "type",
            s(&gold_path),
        ])
        .output()
        .expect("runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--by type needs a gold with page types"),
        "{stderr}"
    );
}
