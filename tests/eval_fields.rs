//! `pith eval --fields` against the reference metadata scorer
//! (`../shared/tools/wcxb_metadata_score.py`): on the WCXB gold and a
//! hand-made multilingual one, for predictions of many shapes (pith's own
//! records, mangled gold, empty and missing values, lists and strings), the
//! same pages must miss each field and the printed figures must be equal.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod common;
use common::{run, s, shared_file};

/// What a scorer says: its figure lines and the (field, id) of every miss.
#[derive(Debug, PartialEq)]
struct Verdict {
    lines: Vec<String>,
    misses: BTreeSet<(String, String)>,
}

fn reference(gold: &Path, prediction: &Path) -> Verdict {
    let script = shared_file("tools/wcxb_metadata_score.py");
    let out = run(
        "python3",
        &[s(&script), s(prediction), "--gold", s(gold), "-v"],
    );
    let mut verdict = Verdict {
        lines: Vec::new(),
        misses: BTreeSet::new(),
    };
    for line in out.lines() {
        if line.starts_with("  ") || line.starts_with("wcxb-metadata:") {
            verdict.lines.push(line.to_string());
        } else {
            let mut words = line.split_whitespace();
            let (field, id) = (words.next().expect("field"), words.next().expect("id"));
            verdict.misses.insert((field.to_string(), id.to_string()));
        }
    }
    verdict
}

fn pith(gold: &Path, prediction: &Path) -> Verdict {
    let args = [
        "eval",
        "--gold",
        s(gold),
        "--fields",
        "title,author,published",
    ];
    let text = run(
        env!("CARGO_BIN_EXE_pith"),
        &[&args[..], &[s(prediction)]].concat(),
    );
    let json = run(
        env!("CARGO_BIN_EXE_pith"),
        &[&args[..], &["--format", "json", s(prediction)]].concat(),
    );
    let report: Value = serde_json::from_str(&json).expect("pith JSON");
    let misses = report[0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .flat_map(|field| {
            let name = field["field"].as_str().expect("name").to_string();
            field["misses"]
                .as_array()
                .expect("misses")
                .iter()
                .map(move |m| (name.clone(), m["id"].as_str().expect("id").to_string()))
        })
        .collect();
    Verdict {
        lines: text.lines().skip(1).map(str::to_string).collect(),
        misses,
    }
}

fn write_lines(path: &Path, records: &[Value]) {
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(path, text).expect("write predictions");
}

fn assert_agree(gold: &Path, prediction: &Path) {
    let (got, want) = (pith(gold, prediction), reference(gold, prediction));
    assert_eq!(
        got.lines,
        want.lines,
        "figures for {}",
        prediction.display()
    );
    assert_eq!(
        got.misses,
        want.misses,
        "misses for {}",
        prediction.display()
    );
}

#[test]
fn mangled_gold_scores_as_the_reference_scores_it() {
    let gold_path = shared_file("data/wcxb/ground-truth.json");
    let gold: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold")).expect("JSON");
    let dir = tempfile::tempdir().expect("temp dir");
    // Every few pages a different change: a site part, a case change, a
    // list of authors, a shifted day, a time zone, nothing at all.
    let records: Vec<Value> = gold
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 11 != 5)
        .map(|(n, (id, page))| {
            let title = page["title"].as_str().unwrap_or_default();
            let author = page["author"].as_str().unwrap_or_default();
            let date = page["publish_date"].as_str().unwrap_or_default();
            let title = match n % 5 {
                0 => format!("{title} | Site"),
                1 => title.to_uppercase(),
                2 => format!("Section - {title}"),
                3 => title.replace(' ', "  "),
                _ => String::new(),
            };
            let authors = match n % 4 {
                0 => json!(author.split(" and ").collect::<Vec<_>>()),
                1 => json!(format!("{author}, PhD")),
                2 => json!(author.to_lowercase()),
                _ => Value::Null,
            };
            let published = match n % 6 {
                0 => json!(format!("{date}T23:30:00-05:00")),
                1 => json!(date.replace('-', "/")),
                2 => json!(date.get(..7).unwrap_or_default()),
                3 => json!(date.replace('-', "")),
                4 => json!("2001-02-30"),
                _ => json!(date),
            };
            let id = if n % 2 == 0 { format!("html/{id}.html.gz") } else { id.clone() };
            json!({"id": id, "title": title, "metadata": {"authors": authors, "published": published}})
        })
        .collect();
    let prediction = dir.path().join("mangled.jsonl");
    write_lines(&prediction, &records);
    assert_agree(&gold_path, &prediction);
}

#[test]
fn hand_made_multilingual_cases_score_as_the_reference_scores_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = json!({
        "de1": {"title": "Straße wird gesperrt", "author": "Anna Schmidt und Jörg Weiß", "publish_date": "2025-12"},
        "fr1": {"title": "Le « grand » retour", "author": "Jean Dupont et Marie Curie", "publish_date": "2024-02-29"},
        "el1": {"title": "ΟΔΟΣ ΠΡΟΣ ΤΗ ΘΆΛΑΣΣΑ", "author": "Νίκος Παππάς", "publish_date": ""},
        "ja1": {"title": "東京の雨｜ニュース", "author": "", "publish_date": "2025-01-05"},
        "en1": {"title": "Care guide: What to know", "author": "Jane Doe, MD, FACP", "publish_date": "2023-07-04"},
        "en2": {"title": "", "author": "MD", "publish_date": "20230704"},
    });
    let gold_path = dir.path().join("gold.json");
    std::fs::write(&gold_path, gold.to_string()).expect("write gold");
    let records = [
        json!({"id": "de1.html", "title": "STRASSE WIRD GESPERRT – Tagblatt", "metadata": {"authors": ["Anna Schmidt", "Jörg Weiss"], "published": "2025-12-24"}}),
        json!({"id": "fr1", "title": "Le grand retour", "metadata": {"authors": "Marie Curie & Jean Dupont", "published": "2024/02/29"}}),
        json!({"id": "el1", "title": "οδος προς τη θάλασσα", "metadata": {"authors": []}}),
        json!({"id": "ja1", "title": "東京の雨", "metadata": {"published": "2025年1月5日"}}),
        json!({"id": "en1", "title": "What to know", "metadata": {"authors": "Jane Doe", "published": "Tue, 04 Jul 2023 10:00:00 GMT"}}),
        json!({"id": "en2", "title": null, "metadata": {"authors": "md", "published": "2023-07-04"}}),
    ];
    let prediction = dir.path().join("cases.jsonl");
    write_lines(&prediction, &records);
    assert_agree(&gold_path, &prediction);
    let empty = dir.path().join("empty.jsonl");
    write_lines(&empty, &[json!({"id": "de1"})]);
    assert_agree(&gold_path, &empty);
}

#[test]
fn pith_records_score_as_the_reference_scores_them() {
    let html = shared_file("data/wcxb/html");
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("pages folder");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&html)
        .expect("wcxb pages")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for file in files.iter().step_by(25) {
        std::fs::copy(file, pages.join(file.file_name().expect("name"))).expect("copy");
    }
    let prediction = dir.path().join("pith.jsonl");
    let out = common::pith(&[
        "extract",
        s(&pages),
        "--format",
        "jsonl",
        "-o",
        s(&prediction),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_agree(&shared_file("data/wcxb/ground-truth.json"), &prediction);
}
