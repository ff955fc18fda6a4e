//! Data pipelines: WARC and JSON Lines in, JSON Lines and JSON out,
//! streaming through stdin and stdout, in order, with metadata. The WARC
//! and JSON Lines inputs are written by the tests.

mod common;

use std::path::Path;
use std::process::Output;

use common::{gzip, pith_with_stdin as pith};
use serde_json::{Value, json};

/// The records written, checking the exit status: 0, or 1 when some
/// record is an error record (some pages failed).
fn records(output: &Output) -> Vec<Value> {
    let got: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON record per line"))
        .collect();
    let failed = got.iter().any(|record| record.get("error").is_some());
    assert_eq!(
        output.status.code(),
        Some(i32::from(failed)),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    got
}

/// pith as a JSON Lines filter on stdin, with `extra` arguments.
fn filter_jsonl(extra: &[&str], input: &[u8]) -> Vec<Value> {
    let mut args = vec![
        "extract",
        "-",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
    ];
    args.extend_from_slice(extra);
    records(&pith(&args, Some(input)))
}

/// pith reading a WARC on stdin and writing JSON Lines.
fn filter_warc(input: &[u8]) -> Vec<Value> {
    let args = [
        "extract",
        "-",
        "--input-format",
        "warc",
        "--format",
        "jsonl",
    ];
    records(&pith(&args, Some(input)))
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

const RUSSIAN: &str = "Правительство объявило о новой программе поддержки сельского хозяйства в понедельник. Министр сказал, что деньги получат фермеры во всех регионах страны уже этой осенью.";
const ENGLISH: &str =
    "The council approved the new budget after a long debate that lasted well into the night.";

/// One WARC record: headers, a blank line, the block, two line ends.
fn warc_record(
    kind: &str,
    id: &str,
    uri: Option<&str>,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
    );
    if let Some(uri) = uri {
        record += &format!("WARC-Target-URI: {uri}\r\n");
    }
    record += &format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    );
    let mut bytes = record.into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

fn http_response(headers: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(37) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// A Common Crawl-shaped WARC: one gzip member per record.
fn crawl_warc() -> Vec<u8> {
    let russian =
        format!("<html><body><article><h1>Новости</h1><p>{RUSSIAN}</p></article></body></html>");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(&russian);
    let english = format!(
        "<html><body><nav><a href=/>Home</a></nav><article><p>{ENGLISH}</p></article></body></html>"
    );
    let http = "application/http; msgtype=response";
    let records = [
        warc_record(
            "warcinfo",
            "info",
            None,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "req",
            Some("https://example.ru/"),
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: example.ru\r\n\r\n",
        ),
        warc_record(
            "response",
            "png",
            Some("https://example.ru/logo.png"),
            http,
            &http_response("Content-Type: image/png\r\n", b"\x89PNG\r\n"),
        ),
        warc_record(
            "response",
            "ru",
            Some("https://example.ru/"),
            http,
            &http_response("Content-Type: text/html; charset=windows-1251\r\n", &cp1251),
        ),
        warc_record(
            "response",
            "en",
            Some("https://example.com/budget"),
            http,
            &http_response(
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked(&gzip(english.as_bytes())),
            ),
        ),
    ];
    records.iter().flat_map(|record| gzip(record)).collect()
}

#[test]
fn warc_responses_become_jsonl_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let warc = dir.path().join("crawl.warc.gz");
    std::fs::write(&warc, crawl_warc()).expect("write warc");
    let run = pith(&["extract", s(&warc), "--format", "jsonl"], None);
    let got = records(&run);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[0]["id"], "<urn:uuid:ru>");
    assert_eq!(got[0]["url"], "https://example.ru/");
    assert_eq!(got[0]["date"], "2024-05-01T10:00:00Z");
    assert_eq!(got[0]["title"], "Новости");
    assert_eq!(got[0]["text"], RUSSIAN);
    assert_eq!(got[0]["metadata"]["language"], "ru");
    assert_eq!(got[1]["text"], ENGLISH);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("3 records without a page"), "{stderr}");
}

/// A WARC response record holding the English page.
fn english_response(record_id: &str) -> Vec<u8> {
    let english = format!("<p>{ENGLISH}</p>");
    warc_record(
        "response",
        record_id,
        Some("https://example.com/"),
        "application/http; msgtype=response",
        &http_response("Content-Type: text/html\r\n", english.as_bytes()),
    )
}

#[test]
fn uncompressed_warc_from_stdin_is_read_too() {
    let warc = english_response("plain");
    let got = filter_warc(&warc);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["text"], ENGLISH);
}

fn jsonl_input(count: usize) -> Vec<u8> {
    (0..count)
        .map(|i| {
            let html = format!("<article><h1>Story {i}</h1><p>{ENGLISH} Number {i}.</p></article>");
            json!({"doc": format!("d{i}"), "link": format!("https://ex.com/{i}"), "raw": html, "crawl": "2024-18", "score": i}).to_string() + "\n"
        })
        .collect::<String>()
        .into_bytes()
}

#[test]
fn jsonl_round_trip_keeps_fields_renames_and_orders() {
    let input = jsonl_input(300);
    let got = filter_jsonl(
        &[
            "-j",
            "2",
            "--html-field",
            "raw",
            "--id-field",
            "doc",
            "--url-field",
            "link",
            "--text-key",
            "content",
        ],
        &input,
    );
    assert_eq!(got.len(), 300);
    for (i, record) in got.iter().enumerate() {
        assert_eq!(record["id"], format!("d{i}"), "input order kept");
        assert_eq!(record["doc"], format!("d{i}"));
        assert_eq!(record["url"], format!("https://ex.com/{i}"));
        assert_eq!(record["crawl"], "2024-18");
        assert_eq!(record["score"], i);
        assert!(record.get("raw").is_none(), "the HTML is not copied");
        assert_eq!(record["title"], format!("Story {i}"));
        assert_eq!(record["content"], format!("{ENGLISH} Number {i}."));
        assert!(record.get("text").is_none());
    }
}

#[test]
fn unordered_output_holds_every_record() {
    let mut ids: Vec<String> = filter_jsonl(
        &["--unordered", "--html-field", "raw", "--id-field", "doc"],
        &jsonl_input(200),
    )
    .iter()
    .map(|r| r["id"].as_str().unwrap_or_default().to_string())
    .collect();
    ids.sort();
    let mut want: Vec<String> = (0..200).map(|i| format!("d{i}")).collect();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn malformed_records_become_error_records_and_the_rest_go_on() {
    let input = format!(
        "{}\n{{not json\n{}\n{}\n",
        json!({"id": "a", "html": format!("<p>{ENGLISH}</p>")}),
        json!({"id": "b", "body": "no html field"}),
        json!({"id": "c", "html": format!("<p>{ENGLISH}</p>")}),
    );
    let got = filter_jsonl(&[], input.as_bytes());
    let ids: Vec<&str> = got
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["a", "-:2", "b", "c"]);
    assert!(
        got[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("not JSON"))
    );
    assert_eq!(got[1]["text"], "");
    assert!(got[2]["error"].as_str().is_some_and(|e| e.contains("html")));
    assert_eq!(got[2]["body"], "no html field");
    assert_eq!(got[3]["text"], ENGLISH);
}

#[test]
fn languages_are_filtered_into_skipped_records() {
    let input = format!(
        "{}\n{}\n",
        json!({"id": "en", "html": format!("<p>{ENGLISH}</p>")}),
        json!({"id": "ru", "html": format!("<p>{RUSSIAN}</p>")}),
    );
    let got = filter_jsonl(&["--lang", "ru,uk"], input.as_bytes());
    assert_eq!(got[0]["skipped"], "language");
    assert_eq!(got[0]["text"], "");
    assert_eq!(got[0]["metadata"]["language"], "en");
    assert!(got[1].get("skipped").is_none());
    assert_eq!(got[1]["text"], RUSSIAN);
}

#[test]
fn json_output_to_a_gzipped_file_is_the_benchmark_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    std::fs::write(pages.join("p1.html"), format!("<p>{ENGLISH}</p>")).expect("write");
    let out = dir.path().join("run.json.gz");
    let run = pith(
        &["extract", s(&pages), "--format", "json", "-o", s(&out)],
        None,
    );
    assert!(run.status.success());
    let mut text = String::new();
    let file = std::fs::File::open(&out).expect("output written");
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text)
        .expect("gzip");
    let object: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(object, json!({"p1": {"articleBody": ENGLISH, "url": null}}));
}

#[test]
fn page_metadata_comes_from_the_page_declarations() {
    let html = r#"<html lang="pt-BR"><head>
        <link rel="canonical" href="https://jornal.br/chuva">
        <meta property="og:site_name" content="Jornal">
        <meta name="description" content="A chuva voltou.">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-02T08:30:00-03:00","author":{"@type":"Person","name":"Ana Lima"}}</script>
        </head><body><article><h1>Chuva volta ao vale</h1>
        <p>Depois de um mês seco, a chuva voltou ao vale na segunda-feira e encheu de novo os reservatórios da região.</p>
        </article></body></html>"#;
    let input = json!({"id": "pt", "html": html}).to_string();
    let got = filter_jsonl(&[], input.as_bytes());
    let metadata = &got[0]["metadata"];
    assert_eq!(metadata["authors"], json!(["Ana Lima"]));
    assert_eq!(metadata["published"], "2024-05-02T08:30:00-03:00");
    assert_eq!(metadata["site_name"], "Jornal");
    assert_eq!(metadata["description"], "A chuva voltou.");
    assert_eq!(metadata["canonical_url"], "https://jornal.br/chuva");
    assert_eq!(metadata["declared_language"], "pt-BR");
    assert_eq!(metadata["language"], "pt");
}

#[test]
fn bytes_that_are_not_a_warc_become_one_error_record() {
    let noise: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let truncated =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort".to_vec();
    for input in [noise.clone(), gzip(&noise), truncated] {
        let got = filter_warc(&input);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
}

#[test]
fn a_record_s_own_metadata_is_merged_with_pith_s() {
    let html = format!("<html lang=en><body><article><p>{ENGLISH}</p></article></body></html>");
    let own = json!({"url": "https://cc/x", "dump": "CC-MAIN-2024-18", "language": "xx"});
    let with_object = json!({"id": "a", "html": html, "metadata": own}).to_string();
    let with_text = json!({"id": "b", "html": html, "metadata": "from the crawler"}).to_string();
    let input = format!("{with_object}\n{with_text}\n");
    let got = filter_jsonl(&[], input.as_bytes());
    let metadata = &got[0]["metadata"];
    // The record's own keys, as they were.
    assert_eq!(metadata["url"], "https://cc/x");
    assert_eq!(metadata["dump"], "CC-MAIN-2024-18");
    assert_eq!(metadata["language"], "xx");
    // pith's: under their own names, or prefixed where the record has one.
    assert_eq!(metadata["pith_language"], "en");
    assert_eq!(metadata["declared_language"], "en");
    assert_eq!(metadata["page_type"], "article");
    // Metadata that is not an object is kept; pith's goes beside it.
    assert_eq!(got[1]["metadata"], "from the crawler");
    assert_eq!(got[1]["pith_metadata"]["language"], "en");
}

#[test]
fn a_warc_on_stdin_is_recognised_without_input_format() {
    let warc = english_response("sniffed");
    for input in [
        warc.clone(),
        gzip(&warc),
        [crawl_warc(), gzip(&warc)].concat(),
    ] {
        let run = pith(&["extract", "-", "--format", "jsonl"], Some(&input));
        let got = records(&run);
        let last = got.last().expect("a record");
        assert_eq!(last["id"], "<urn:uuid:sniffed>", "{got:?}");
        assert_eq!(last["text"], ENGLISH);
    }
}

/// Where [`jsonl_input`]'s records keep their HTML and id.
const FIELDS: &[&str] = &["--html-field", "raw", "--id-field", "doc"];

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 0).expect("zstd in memory")
}

fn unzstd(bytes: &[u8]) -> Vec<u8> {
    zstd::decode_all(bytes).expect("valid zstd")
}

#[test]
fn zstd_json_lines_in_and_out_match_plain_json_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = jsonl_input(40);
    let plain = filter_jsonl(FIELDS, &input);
    // Written as several frames, as a zstd stream appended to is.
    let (first, second) = input.split_at(input.len() / 2);
    let shard = dir.path().join("shard.jsonl.zst");
    std::fs::write(&shard, [zstd(first), zstd(second)].concat()).expect("write");
    let out = dir.path().join("out.jsonl.zst");
    let args = ["extract", s(&shard), "--format", "jsonl", "-o", s(&out)];
    let args = [&args[..], FIELDS].concat();
    let run = pith(&args, None);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read(&out).expect("output written");
    assert!(written.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]), "zstd magic");
    let got: Vec<Value> = String::from_utf8(unzstd(&written))
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    assert_eq!(got.len(), 40);
    assert_eq!(got, plain);

    // The same stream on stdin, told by its magic number.
    assert_eq!(filter_jsonl(FIELDS, &zstd(&input)), plain);
}

#[test]
fn zstd_warcs_and_pages_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let warc = dir.path().join("crawl.warc.zst");
    std::fs::write(&warc, zstd(&english_response("z"))).expect("write");
    let got = records(&pith(&["extract", s(&warc), "--format", "jsonl"], None));
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["id"], "<urn:uuid:z>");
    assert_eq!(got[0]["text"], ENGLISH);
    // On stdin, recognised as a WARC without --input-format.
    let got = records(&pith(
        &["extract", "-", "--format", "jsonl"],
        Some(&zstd(&english_response("in"))),
    ));
    assert_eq!(got[0]["id"], "<urn:uuid:in>");

    let page = dir.path().join("page.html.zst");
    std::fs::write(&page, zstd(format!("<p>{ENGLISH}</p>").as_bytes())).expect("write");
    let run = pith(&["extract", s(&page), "--no-title"], None);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout), format!("{ENGLISH}\n"));
}

#[test]
fn corrupt_zstd_is_a_named_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html.zst");
    std::fs::write(&page, b"\x28\xb5\x2f\xfd\x04junk").expect("write");
    let run = pith(&["extract", s(&page)], None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("page.html.zst: corrupt zstd data"),
        "{stderr}"
    );
}

#[test]
fn bzip2_and_xz_inputs_are_named_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bzip2 = b"BZh91AY&SY\x00junk".to_vec();
    let xz = b"\xfd7zXZ\x00\x00\x04junk".to_vec();
    let shard = dir.path().join("shard.jsonl.xz");
    std::fs::write(&shard, &xz).expect("write");
    let run = pith(&["extract", s(&shard), "--format", "jsonl"], None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("compression not supported: xz"), "{stderr}");
    assert!(run.stdout.is_empty(), "no record for an unread input");

    let run = pith(&common::jsonl_filter(), Some(&bzip2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("compression not supported: bzip2"),
        "{stderr}"
    );

    let page = dir.path().join("page.html");
    std::fs::write(&page, &bzip2).expect("write");
    let run = pith(&["extract", s(&page)], None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("compression not supported: bzip2"),
        "{stderr}"
    );
}

#[test]
fn a_compressed_page_in_a_folder_is_a_named_error_not_passed_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    std::fs::write(pages.join("a.html.bz2"), b"BZh91AY&SY\x00junk").expect("write");
    let out = dir.path().join("out");
    let run = pith(&["extract", s(&pages), "-o", s(&out)], None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("a.html.bz2: compression not supported: bzip2"),
        "{stderr}"
    );
}
