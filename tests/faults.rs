//! Faults that must never lose a page silently, destroy an input or run on
//! after the output is gone (issue 13): each test reproduces one.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::{
    PROSE_A, PROSE_B, PROSE_C, assert_success, files_under, jsonl_filter, jsonl_pages, page,
    path_str, pith,
};

fn prose_page(extra: &str) -> String {
    page(&format!(
        "<p>{PROSE_A} {extra}</p><p>{PROSE_B}</p><p>{PROSE_C}</p>"
    ))
}

/// `pith extract INPUT EXTRA… -o OUT`.
fn extract_to(input: &Path, extra: &[&str], out: &Path) -> Output {
    let mut args = vec!["extract", path_str(input)];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", path_str(out)]);
    pith(&args)
}

fn records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("output written")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record"))
        .collect()
}

// Item 7: the output is one of the inputs.

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.jsonl");
    let original = jsonl_pages(2);
    std::fs::write(&input, &original).expect("write");
    std::os::unix::fs::symlink(&input, dir.path().join("link.jsonl")).expect("symlink");
    let through_link = dir.path().join("link.jsonl");
    let dotted = dir.path().join(".").join("in.jsonl");
    for output in [&input, &through_link, &dotted] {
        let run = extract_to(&input, &["--format", "jsonl"], output);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("is also an input"), "{stderr}");
        assert_eq!(std::fs::read(&input).expect("input kept"), original);
    }
}

// Item 3: two pages, one output name.

#[test]
fn same_relative_names_in_two_folders_are_both_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (folder, word) in [("a", "Alpha"), ("b", "Bravo")] {
        std::fs::create_dir(dir.path().join(folder)).expect("mkdir");
        std::fs::write(dir.path().join(folder).join("x.html"), prose_page(word)).expect("write");
    }
    // x.html beside x.htm in one folder.
    std::fs::write(dir.path().join("a/x.htm"), prose_page("Charlie")).expect("write");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let out = dir.path().join("out");
    assert_success(&extract_to(&a, &[path_str(&b)], &out));
    let files = files_under(&out);
    assert_eq!(files.len(), 3, "{files:?}");
    let texts: String = files
        .iter()
        .map(|f| std::fs::read_to_string(out.join(f)).expect("read"))
        .collect();
    for word in ["Alpha", "Bravo", "Charlie"] {
        assert!(texts.contains(word), "{word} lost: {files:?}");
    }
    // The rule is deterministic: a second run makes the same names.
    let again = dir.path().join("again");
    assert_success(&extract_to(&a, &[path_str(&b)], &again));
    assert_eq!(files_under(&again), files);
}

#[test]
fn record_ids_that_sanitise_alike_are_both_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.jsonl");
    let lines: Vec<String> = [
        ("http://x.com/a?b", "Alpha"),
        ("http://x.com/a_b", "Bravo"),
        ("http://x.com/a_b", "Charlie"),
    ]
    .iter()
    .map(|(id, word)| serde_json::json!({"id": id, "html": prose_page(word)}).to_string())
    .collect();
    std::fs::write(&input, lines.join("\n")).expect("write");
    let out = dir.path().join("out");
    assert_success(&extract_to(&input, &["--lang", "en"], &out));
    let files = files_under(&out);
    assert_eq!(files.len(), 3, "{files:?}");

    let json = dir.path().join("run.json");
    assert_success(&extract_to(&input, &["--format", "json"], &json));
    let object: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("read")).expect("JSON");
    let object = object.as_object().expect("an object");
    assert_eq!(object.len(), 3, "{:?}", object.keys());
    let bodies: String = object
        .values()
        .map(|v| v["articleBody"].as_str().unwrap_or_default().to_string())
        .collect();
    for word in ["Alpha", "Bravo", "Charlie"] {
        assert!(bodies.contains(word), "{word} lost");
    }
}

// Item 5: JSON Lines as other tools write it.

#[test]
fn json_lines_with_a_bom_blank_lines_and_lone_surrogates_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in.jsonl");
    let first = serde_json::json!({"id": "a", "html": prose_page("Alpha")}).to_string();
    // Python's json.dumps writes a lone surrogate as an escape.
    let second = serde_json::json!({"id": "b", "html": prose_page("Bravo SURROGATE")})
        .to_string()
        .replace("SURROGATE", "\\ud800");
    let paired = serde_json::json!({"id": "c", "html": prose_page("Charlie PAIR")})
        .to_string()
        .replace("PAIR", "\\ud83d\\ude00");
    let text = format!("\u{feff}{first}\n\n{second}\n   \n{paired}\n");
    std::fs::write(&input, text).expect("write");
    let out = dir.path().join("out.jsonl");
    let run = extract_to(&input, &["--format", "jsonl"], &out);
    assert_success(&run);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let got = records(&out);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|r| r.get("error").is_none()), "{got:?}");
    assert!(got[0]["text"].as_str().is_some_and(|t| t.contains("Alpha")));
    assert!(
        got[1]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Bravo \u{fffd}"))
    );
    assert!(
        got[2]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Charlie 😀"))
    );
    assert!(stderr.contains("2 blank lines"), "{stderr}");
}

// Items 11 and 12: the output goes away.

/// Enough records that pith cannot read them all before the test notices.
const MANY_RECORDS: usize = 20_000;

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    let mut fed = common::pith_fed(
        &jsonl_filter(),
        Some(jsonl_pages(MANY_RECORDS)),
        Stdio::piped(),
    );
    let stdout = fed.child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a line");
    assert!(first.contains("\"r0\""), "{first}");
    // `head -1` goes away: stdout is dropped here.
    let output = fed.child.wait_with_output().expect("pith ends");
    let fed_all = fed.feeder.expect("fed").join().expect("feeder");
    assert!(
        fed_all.is_err(),
        "pith read the whole input after its reader left"
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(141));
}

#[test]
fn a_full_disk_stops_the_run_with_a_message() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full");
    let fed = common::pith_fed(
        &jsonl_filter(),
        Some(jsonl_pages(MANY_RECORDS)),
        Stdio::from(full),
    );
    let output = fed.child.wait_with_output().expect("pith ends");
    let fed_all = fed.feeder.expect("fed").join().expect("feeder");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        fed_all.is_err(),
        "pith read the whole input after a write error"
    );
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

// Item 13: -o FILE.jsonl appears whole or not at all.

#[test]
fn a_record_file_is_written_beside_and_renamed_at_the_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, "previous run\n").expect("write");
    let mut args = jsonl_filter();
    args.extend_from_slice(&["-o", path_str(&out)]);
    let mut fed = common::pith_fed(&args, None, Stdio::null());
    // One record, and stdin stays open: pith is mid-run until it is closed.
    let mut stdin = fed.child.stdin.take().expect("stdin");
    stdin.write_all(&jsonl_pages(1)).expect("a record");
    stdin.flush().expect("flush");
    let started = Instant::now();
    let temporary = loop {
        let found = files_under(dir.path())
            .into_iter()
            .find(|f| f.to_string_lossy().ends_with(".tmp"));
        if let Some(found) = found {
            break found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file beside the output"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(temporary.to_string_lossy().starts_with("out.jsonl"));
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        "previous run\n"
    );
    drop(stdin);
    let output = fed.child.wait_with_output().expect("pith ends");
    assert_success(&output);
    let got = records(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["id"], "r0");
    assert_eq!(
        files_under(dir.path()).len(),
        1,
        "the temporary file is gone"
    );
}

// Item 16: predictions whose ids match no gold id.

#[test]
fn eval_fails_when_no_prediction_id_matches_and_warns_when_some_do_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = |text: &str| serde_json::json!({"articleBody": text});
    let gold = common::write_json(
        dir.path(),
        "gold.json",
        &serde_json::json!({"a": body(PROSE_A), "b": body(PROSE_B)}),
    );
    let none = common::write_json(
        dir.path(),
        "none.json",
        &serde_json::json!({"a.html": body(PROSE_A)}),
    );
    let run = pith(&["eval", "--gold", path_str(&gold), path_str(&none)]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("none of its 1 ids"), "{stderr}");

    let some = common::write_json(
        dir.path(),
        "some.json",
        &serde_json::json!({"a": body(PROSE_A), "zz": body(PROSE_B)}),
    );
    let run = pith(&["eval", "--gold", path_str(&gold), path_str(&some)]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("1 of its 2 ids match no gold id"),
        "{stderr}"
    );
}

// Item 14: one exit-status table on every path.

#[test]
fn exit_status_follows_one_table_on_every_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.html");
    std::fs::write(&good, prose_page("Alpha")).expect("write");
    let png = dir.path().join("image.html");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").expect("write");
    let records = dir.path().join("in.jsonl");
    std::fs::write(&records, b"{\"id\": \"a\"}\n").expect("write");
    let missing = dir.path().join("missing.html");
    let code = |args: &[&str]| pith(args).status.code();
    assert_eq!(code(&["extract", path_str(&good)]), Some(0));
    // One page that fails, without -o.
    assert_eq!(code(&["extract", path_str(&png)]), Some(1));
    // A failed record in a record output.
    assert_eq!(
        code(&["extract", path_str(&records), "--format", "jsonl"]),
        Some(1)
    );
    // An input that is not there, beside one that is.
    let out = dir.path().join("out");
    let run = extract_to(&good, &[path_str(&missing)], &out);
    assert_eq!(run.status.code(), Some(2));
    let help = String::from_utf8_lossy(&pith(&["extract", "--help"]).stdout).to_string();
    assert!(help.contains("Exit status: 0 every page"), "{help}");
}
