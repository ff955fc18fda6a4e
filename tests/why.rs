//! `pith eval --html DIR --why`: on a hand-made WCXB-format gold and its
//! pages, the dropped blocks holding gold text and the kept ones holding
//! none are listed with their exact reasons, and each reason's tokens are
//! counted overall and by page type.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod common;
use common::{PROSE_A, PROSE_B, PROSE_C, page, path_str, pith, write_json};

// PROSE_A, _B and _C have 21, 21 and 23 lower-cased `\w+` tokens, ASIDE 19.
const ASIDE: &str = "Volunteers from three villages also cleared the drains along the market road before the storm arrived on Sunday night.";

/// Two pages and their gold: `aside`, an article whose gold paragraph sits
/// in an `<aside>` (dropped as furniture), and `leak`, a forum page whose
/// last paragraph is not in the gold (kept as prose). Returns the gold and
/// the folder of pages.
fn corpus(dir: &Path) -> (PathBuf, PathBuf) {
    let html = dir.join("html");
    std::fs::create_dir(&html).expect("mkdir");
    let aside =
        format!("<p>{PROSE_A}</p><aside><p>{ASIDE}</p></aside><p>{PROSE_B}</p><p>{PROSE_C}</p>");
    let leak = format!("<p>{PROSE_A}</p><p>{PROSE_B}</p><p>{PROSE_C}</p>");
    std::fs::write(html.join("aside.html"), page(&aside)).expect("write");
    std::fs::write(html.join("leak.html"), page(&leak)).expect("write");
    let record = |page_type: &str, text: String| {
        json!({"page_type": page_type, "url": "", "title": "", "author": "", "publish_date": "",
               "main_content": text, "with": [], "without": []})
    };
    let gold = json!({
        "aside": record("article", format!("{PROSE_A}\n\n{ASIDE}\n\n{PROSE_B}\n\n{PROSE_C}")),
        "leak": record("forum", format!("{PROSE_A}\n\n{PROSE_B}")),
    });
    (write_json(dir, "gold.json", &gold), html)
}

fn run_json(gold: &Path, html: &Path) -> Value {
    let args = ["eval", "--gold", path_str(gold), "--html", path_str(html)];
    let extra = [
        "--by",
        "type",
        "--why",
        "--bootstrap",
        "0",
        "--format",
        "json",
    ];
    let output = pith(&[&args[..], &extra[..]].concat());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    rows[0]["why"].clone()
}

/// `(reason, tokens)` of a page's lost or leaked blocks.
fn listed(page: &Value, key: &str, tokens: &str) -> Vec<(String, u64)> {
    page[key]
        .as_array()
        .expect("a list of blocks")
        .iter()
        .map(|b| {
            (
                b["reason"].as_str().expect("reason").to_string(),
                b[tokens].as_u64().expect("count"),
            )
        })
        .collect()
}

#[test]
fn lists_the_worst_pages_lost_and_leaked_blocks_with_their_reasons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (gold, html) = corpus(dir.path());
    let why = run_json(&gold, &html);
    assert_eq!(why["gold_share"], json!(0.5));
    let worst = why["worst"].as_array().expect("worst pages");
    // leak: tp 42, fp 23 (F1 0.79); aside: tp 65, fn 19 (F1 0.87).
    let ids: Vec<&str> = worst.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, ["leak", "aside"]);
    let (leak, aside) = (&worst[0], &worst[1]);

    assert_eq!(
        listed(aside, "lost", "gold_tokens"),
        [("furniture".to_string(), 19)]
    );
    let lost = &aside["lost"][0];
    assert_eq!(lost["detail"], "page furniture (<aside>)");
    assert_eq!(lost["text"], ASIDE);
    assert_eq!(lost["tokens"], 19);
    assert!(listed(aside, "leaks", "tokens").is_empty());
    // What the alignment misses and strays is the metric's fn and fp.
    assert_eq!(
        (aside["missed"].clone(), aside["fn"].clone()),
        (json!(19), json!(19.0))
    );
    assert_eq!(aside["stray"], 0);

    assert!(listed(leak, "lost", "gold_tokens").is_empty());
    assert_eq!(listed(leak, "leaks", "tokens"), [("prose".to_string(), 23)]);
    assert_eq!(leak["leaks"][0]["gold_tokens"], 0);
    assert_eq!(leak["leaks"][0]["detail"], "article prose");
    assert_eq!(
        (leak["stray"].clone(), leak["fp"].clone()),
        (json!(23), json!(23.0))
    );
    assert_eq!(leak["missed"], 0);
}

#[test]
fn sums_each_reasons_tokens_overall_and_by_page_type() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (gold, html) = corpus(dir.path());
    let why = run_json(&gold, &html);
    let cost = |reason: &str, lost_blocks: u64, lost: u64, leak_blocks: u64, leaked: u64| {
        json!({"reason": reason, "lost_blocks": lost_blocks, "lost_tokens": lost,
               "leak_blocks": leak_blocks, "leaked_tokens": leaked})
    };
    let overall = &why["overall"];
    assert_eq!(overall["pages"], 2);
    assert_eq!(
        overall["reasons"],
        json!([cost("furniture", 1, 19, 0, 0), cost("prose", 0, 0, 1, 23)])
    );
    assert_eq!(
        (overall["missed"].clone(), overall["stray"].clone()),
        (json!(19), json!(23))
    );
    let types: Vec<(&str, &Value)> = why["by_type"]
        .as_array()
        .expect("by type")
        .iter()
        .map(|t| (t["type"].as_str().unwrap_or_default(), &t["reasons"]))
        .collect();
    assert_eq!(
        types,
        [
            ("article", &json!([cost("furniture", 1, 19, 0, 0)])),
            ("forum", &json!([cost("prose", 0, 0, 1, 23)])),
        ]
    );
}

#[test]
fn prints_the_blocks_and_the_reason_tables_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (gold, html) = corpus(dir.path());
    let args = ["eval", "--gold", path_str(&gold), "--html", path_str(&html)];
    let output = pith(
        &[
            &args[..],
            &["--by", "type", "--why", "1", "--bootstrap", "0"],
        ]
        .concat(),
    );
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    // One page (the worst, leak): its leak, then both tables.
    assert!(text.contains("why: the 1 worst pages"), "{text}");
    assert!(
        text.contains("    leaks: 1 blocks, 23 non-gold tokens\n"),
        "{text}"
    );
    assert!(text.contains("prose (article prose) score"), "{text}");
    assert!(
        !text.contains("Volunteers from three"),
        "aside is not among the worst 1: {text}"
    );
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    //                       blocks tokens share article forum
    assert_eq!(row("furniture"), "furniture 1 19 100.0% 19 0");
    assert_eq!(row("prose"), "prose 1 23 100.0% 0 23");
}

#[test]
fn why_needs_html_and_a_gold_with_texts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (gold, html) = corpus(dir.path());
    let output = pith(&["eval", "--gold", path_str(&gold), path_str(&html), "--why"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--why needs --html DIR"), "{stderr}");

    let segments = write_json(
        dir.path(),
        "segments.json",
        &json!({"aside": {"with": ["Engineers"]}}),
    );
    let args = [
        "eval",
        "--gold",
        path_str(&segments),
        "--html",
        path_str(&html),
        "--why",
    ];
    let output = pith(&args);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--why needs a gold with whole texts"),
        "{stderr}"
    );
}
