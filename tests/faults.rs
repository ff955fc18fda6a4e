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

// Item 11: stdout closed (`>&-`) before the run.

#[test]
fn a_closed_stdout_is_an_error_not_a_silent_success() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.html");
    std::fs::write(&good, prose_page("Alpha")).expect("write");
    let page = path_str(&good);
    let commands: [&[&str]; 3] = [
        &["extract", page],
        &["extract", page, "--format", "jsonl"],
        &["explain", page],
    ];
    for args in commands {
        let run = common::pith_in_shell(args, ">&-", None);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("stdout"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    // A shell's `> /dev/null` is a choice to discard, left alone.
    let run = common::pith_in_shell(&["extract", page], "> /dev/null", None);
    assert_success(&run);
}

// Item 13: what a killed run left behind.

/// A process id above Linux's highest (`pid_max` is at most 2^22): no
/// process that runs has it.
const DEAD_PID: u32 = 4_194_999;

#[test]
fn skip_existing_removes_stale_temporaries_of_its_own_naming() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).expect("mkdir");
    std::fs::write(pages.join("a.html"), prose_page("Alpha")).expect("write");
    std::fs::write(pages.join("sub/b.html"), prose_page("Bravo")).expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("sub")).expect("mkdir");
    let stale = [
        format!("a.txt.{DEAD_PID}.tmp"),
        format!("sub/b.txt.{DEAD_PID}.tmp"),
    ];
    let others = ["notes.tmp", "c.txt.tmp", "d.txt.12ab.tmp"];
    for name in stale.iter().map(String::as_str).chain(others) {
        std::fs::write(out.join(name), "half a text").expect("write");
    }
    let run = extract_to(&pages, &["--skip-existing"], &out);
    assert_success(&run);
    let files = files_under(&out);
    for name in &stale {
        assert!(!files.contains(Path::new(name)), "{name} left: {files:?}");
    }
    for name in others {
        assert!(files.contains(Path::new(name)), "{name} removed: {files:?}");
    }
    assert!(files.contains(Path::new("a.txt")) && files.contains(Path::new("sub/b.txt")));
}

// Item 15: options that would skip or fail every page.

#[test]
fn unknown_language_codes_are_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.html");
    std::fs::write(&good, prose_page("Alpha")).expect("write");
    for codes in ["english", "zz", "en,xx"] {
        let run = pith(&["extract", path_str(&good), "--lang", codes]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{codes}: {stderr}");
        assert!(stderr.contains("language code"), "{stderr}");
    }
    let valid = ["extract", path_str(&good), "--lang", "EN,deu,pt-BR"];
    assert_success(&pith(&[&valid[..], &["--format", "jsonl"]].concat()));
}

#[test]
fn an_html_field_no_record_has_stops_the_run_naming_the_fields_seen() {
    let html = prose_page("Alpha");
    let lines: String = (0..1_500)
        .map(|i| serde_json::json!({"id": i, "content": html, "url": "u"}).to_string() + "\n")
        .collect();
    let run = common::pith_with_stdin(&jsonl_filter(), Some(lines.as_bytes()));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("\"html\""), "{stderr}");
    assert!(stderr.contains("content, id, url"), "{stderr}");
    assert!(stderr.contains("--html-field"), "{stderr}");
    let written = String::from_utf8_lossy(&run.stdout).lines().count();
    assert!(written <= 1_000, "{written} records");

    // Records that have the field, then many that lack it: each an error.
    let mut mixed = String::from_utf8(jsonl_pages(1)).expect("utf-8");
    mixed.push_str(&lines);
    let run = common::pith_with_stdin(&jsonl_filter(), Some(mixed.as_bytes()));
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 1_501);
}

// Item 17: messages.

#[test]
fn each_cause_is_named_once() {
    let run = pith(&["eval", "--gold", "nope.json", "nope-either.json"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
}

#[test]
fn an_output_folder_that_is_a_file_is_one_refusal() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.html", "b.html"] {
        std::fs::write(dir.path().join(name), prose_page("Alpha")).expect("write");
    }
    let existing = dir.path().join("existing.txt");
    std::fs::write(&existing, "mine").expect("write");
    let run = extract_to(dir.path(), &[], &existing);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("not a folder"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "mine");
}

#[test]
fn a_file_name_cannot_forge_a_message_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let forged = pages.join("x\npith: all pages written.html");
    std::fs::write(&forged, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let run = extract_to(&pages, &[], &dir.path().join("out"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr
            .lines()
            .all(|line| !line.starts_with("pith: all pages")),
        "{stderr}"
    );
    assert!(
        stderr.contains("x\\npith: all pages written.html"),
        "{stderr}"
    );
}

// Item 18: the summary and the options' help.

#[test]
fn max_bytes_takes_units_and_jobs_help_names_its_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good.html");
    let html = prose_page(&PROSE_C.repeat(10));
    assert!(html.len() > 1024);
    std::fs::write(&good, html).expect("write");
    let run = pith(&["extract", path_str(&good), "--max-bytes", "1K"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("limit of 1024 bytes"), "{stderr}");
    assert_success(&pith(&["extract", path_str(&good), "--max-bytes", "64M"]));
    assert_success(&pith(&["extract", path_str(&good), "--max-bytes", "1g"]));
    let run = pith(&["extract", path_str(&good), "--max-bytes", "64Q"]);
    assert_eq!(run.status.code(), Some(2));
    let help = String::from_utf8_lossy(&pith(&["extract", "--help"]).stdout).to_string();
    assert!(!help.contains("[default: 0]"), "{help}");
    assert!(help.contains("[default: 64M]"), "{help}");
}

/// The summary line with every number (a run of digits) as `#`: the same
/// shape whatever the counts, times and speeds (9.8 and 12.3 MB/s alike).
fn summary_shape(stderr: &str) -> String {
    let line = stderr.lines().last().unwrap_or_default();
    let mut shape = String::with_capacity(line.len());
    for c in line.chars() {
        if !c.is_ascii_digit() {
            shape.push(c);
        } else if !shape.ends_with('#') {
            shape.push('#');
        }
    }
    shape
}

#[test]
fn the_summary_counts_decompressed_html_for_every_kind_of_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let filler = format!("<p>{PROSE_B}</p>").repeat(8_000);
    let html = prose_page(&filler);
    assert!(html.len() > 1_000_000);
    let page = dir.path().join("page.html.gz");
    std::fs::write(&page, common::gzip(html.as_bytes())).expect("write");
    let megabytes = format!("{:.1} MB of HTML", html.len() as f64 / 1e6);
    let text = extract_to(&page, &[], &dir.path().join("out"));
    let records = extract_to(&page, &["--format", "jsonl"], &dir.path().join("out.jsonl"));
    for run in [&text, &records] {
        assert_success(run);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(&megabytes), "{megabytes}: {stderr}");
    }
    assert_eq!(
        summary_shape(&String::from_utf8_lossy(&text.stderr)),
        summary_shape(&String::from_utf8_lossy(&records.stderr))
    );
}

// Item 8: --max-bytes before reading.

#[test]
fn an_oversized_page_is_refused_without_being_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("huge.html");
    common::sparse_file(&page, b"<html><body><p>", 1 << 30);
    let limited = Some(common::SMALL_MEMORY_KIB);
    let args = ["extract", path_str(&page), "--max-bytes", "1M", "-j", "1"];
    let from_file = common::pith_in_shell(&args, "", limited);
    let redirect = format!("< '{}'", path_str(&page));
    let stdin = ["extract", "-", "--max-bytes", "1M", "-j", "1"];
    let from_stdin = common::pith_in_shell(&stdin, &redirect, limited);
    for run in [from_file, from_stdin] {
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("over the limit of 1048576 bytes"),
            "{stderr}"
        );
    }
}
/// `head`, then a hole of zero bytes up to `len`, then `tail`.
fn file_with_a_hole(path: &Path, head: &[u8], len: u64, tail: &[u8]) {
    common::sparse_file(path, head, len);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(tail).expect("append");
}

/// Runs `pith extract INPUT --format jsonl` in little memory, with a
/// 1 MiB limit: its records.
fn records_in_little_memory(input: &Path) -> (Output, Vec<serde_json::Value>) {
    let args = [
        "extract",
        path_str(input),
        "--format",
        "jsonl",
        "--max-bytes",
        "1M",
        "-j",
        "1",
    ];
    let run = common::pith_in_shell(&args, "", Some(common::SMALL_MEMORY_KIB));
    let got = String::from_utf8_lossy(&run.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    (run, got)
}

/// A bare WARC `resource` record holding `html`.
fn warc_resource(id: &str, html: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:{id}>\r\n\
         Content-Type: text/html\r\nContent-Length: {}\r\n\r\n{html}\r\n\r\n",
        html.len()
    )
}

#[test]
fn an_oversized_line_or_record_is_one_named_error_without_being_held() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = |id: &str| serde_json::json!({"id": id, "html": prose_page(id)}).to_string();
    let big = 240 << 20;
    let jsonl = dir.path().join("in.jsonl");
    let head = format!("{}\n{{\"id\": \"big\", \"html\": \"", good("first"));
    let tail = format!("\"}}\n{}\n", good("last"));
    file_with_a_hole(&jsonl, head.as_bytes(), big, tail.as_bytes());

    let warc = dir.path().join("in.warc");
    let head = format!(
        "{}WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:big>\r\n\
         Content-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        warc_resource("first", &prose_page("first")),
        big
    );
    let head_len = head.len() as u64;
    let tail = format!("\r\n\r\n{}", warc_resource("last", &prose_page("last")));
    file_with_a_hole(&warc, head.as_bytes(), head_len + big, tail.as_bytes());

    for input in [jsonl, warc] {
        let (run, got) = records_in_little_memory(&input);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert_eq!(got.len(), 3, "{stderr} {got:?}");
        assert!(got[0]["text"].as_str().is_some_and(|t| t.contains("first")));
        let error = got[1]["error"].as_str().unwrap_or_default();
        assert!(error.contains("over the limit"), "{error}");
        assert!(got[2]["text"].as_str().is_some_and(|t| t.contains("last")));
    }
}

// Item 9: gzip bombs in WARC bodies.

#[test]
fn gzip_bombs_in_warc_bodies_are_capped_and_not_held() {
    const BOMBS: usize = 8;
    let bomb = common::gzip(&vec![b' '; 64 << 20]);
    let response = |body: &[u8]| {
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend_from_slice(body);
        block
    };
    let record = |id: &str, block: &[u8]| {
        let mut bytes = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:{id}>\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        common::gzip(&bytes)
    };
    let mut warc = Vec::new();
    for i in 0..BOMBS {
        warc.extend_from_slice(&record(&format!("bomb{i}"), &response(&bomb)));
    }
    let good = common::gzip(prose_page("last").as_bytes());
    warc.extend_from_slice(&record("last", &response(&good)));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bombs.warc.gz");
    std::fs::write(&path, warc).expect("write");
    let (run, got) = records_in_little_memory(&path);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_eq!(got.len(), BOMBS + 1, "{stderr}");
    for record in &got[..BOMBS] {
        let error = record["error"].as_str().unwrap_or_default();
        assert!(error.contains("over the limit"), "{error}");
    }
    assert!(
        got[BOMBS]["text"]
            .as_str()
            .is_some_and(|t| t.contains("last"))
    );
}
