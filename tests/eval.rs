//! `pith eval` against the reference scorer (`../shared/tools/aeb_score.py`):
//! on the AEB gold and on a hand-made multilingual gold, for predictions of
//! every shape (pith's own, empty, missing pages, perfect, mangled), the
//! figures must agree to 1e-9.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn aeb_gold() -> PathBuf {
    let gold = shared().join("data/aeb/ground-truth.json");
    assert!(
        gold.exists(),
        "{} is needed beside the repository",
        gold.display()
    );
    gold
}

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The reference scorer's figures for one prediction.
fn reference(gold: &Path, prediction: &Path) -> Value {
    let script = shared().join("tools/aeb_score.py");
    let out = run(
        "python3",
        &[s(&script), s(prediction), "--gold", s(gold), "--json"],
    );
    serde_json::from_str(&out).expect("scorer JSON")
}

/// pith's figures for several predictions, one report per prediction.
fn pith_eval(gold: &Path, predictions: &[PathBuf]) -> Vec<Value> {
    let mut args = vec![
        "eval",
        "--gold",
        s(gold),
        "--format",
        "json",
        "--bootstrap",
        "0",
    ];
    args.extend(predictions.iter().map(|p| s(p)));
    let out = run(env!("CARGO_BIN_EXE_pith"), &args);
    match serde_json::from_str(&out).expect("pith JSON") {
        Value::Array(reports) => reports,
        other => panic!("expected an array, got {other}"),
    }
}

fn assert_agrees(gold: &Path, predictions: &[PathBuf]) {
    let reports = pith_eval(gold, predictions);
    assert_eq!(reports.len(), predictions.len());
    for (prediction, report) in predictions.iter().zip(&reports) {
        let want = reference(gold, prediction);
        for metric in ["precision", "recall", "f1", "accuracy"] {
            let (got, expected) = (&report["metrics"][metric], &want[metric]);
            let gap = (got.as_f64().expect("number") - expected.as_f64().expect("number")).abs();
            assert!(
                gap <= 1e-9,
                "{metric} of {}: pith {got}, reference {expected}",
                prediction.display()
            );
        }
        assert_eq!(report["pages"], want["pages"]);
        assert_eq!(report["missing"], want["missing"]);
    }
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).expect("write");
    path
}

/// Predictions of every shape, derived from a gold standard.
fn mangled_predictions(dir: &Path, gold: &serde_json::Map<String, Value>) -> Vec<PathBuf> {
    let body = |v: &Value| v["articleBody"].as_str().unwrap_or_default().to_string();
    let each = |f: &dyn Fn(usize, &str) -> Value| -> Value {
        let entries = gold
            .iter()
            .enumerate()
            .map(|(i, (id, v))| (id.clone(), f(i, &body(v))));
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
                2 => json!({"articleBody": null}),
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
                gold.iter()
                    .step_by(3)
                    .map(|(id, v)| (id.clone(), json!({"articleBody": half(&body(v))})))
                    .collect(),
            ),
        ),
    ]
}

#[test]
fn aeb_figures_equal_the_reference_scorer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold_path = aeb_gold();
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
        .expect("gold JSON");
    let mut predictions = mangled_predictions(dir.path(), gold.as_object().expect("object"));

    let extracted = dir.path().join("pith-out");
    let html = shared().join("data/aeb/html");
    run(
        env!("CARGO_BIN_EXE_pith"),
        &["extract", "--no-title", s(&html), "-o", s(&extracted)],
    );
    predictions.push(extracted);
    assert_agrees(&gold_path, &predictions);
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
    let mut predictions = mangled_predictions(dir.path(), gold.as_object().expect("object"));
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).expect("mkdir");
    std::fs::write(texts.join("hi.txt"), "हिन्दी भाषा में लिखा गया\n\nएक छोटा लेख").expect("write");
    std::fs::write(texts.join("ja.txt"), "東京は今日も晴れ。気温は２５度").expect("write");
    std::fs::write(texts.join("short.txt"), "Two words and more").expect("write");
    std::fs::write(texts.join("empty.txt"), "Menu").expect("write");
    predictions.push(texts);
    assert_agrees(&gold_path, &predictions);
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
    let reports = pith_eval(&gold_path, &[lines]);
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
    let reports = pith_eval(&gold_path, &[prediction]);
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
