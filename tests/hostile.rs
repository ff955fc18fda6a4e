//! Hostile input: every page the tests generate here (bad bytes, lying
//! charsets, broken gzip, pathological nesting, huge pages, file-system
//! traps) must give a sensible text or a one-line error, never a panic or a
//! hang, and every page must be accounted for.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use common::{gzip, pith};
use pith::{Error, Options, extract};

/// Reproducible pseudo-random bytes (a 64-bit LCG's high bytes).
fn random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

const SENTENCE: &str = "A plain sentence long enough to be the article of this small page.";

/// Hostile pages by name, with the bytes the tests write.
fn hostile_pages() -> Vec<(&'static str, Vec<u8>)> {
    let page = format!("<html><body><p>{SENTENCE}</p></body></html>");
    let compressed = gzip(page.as_bytes());
    vec![
        ("empty.html", Vec::new()),
        ("nul-bytes.html", b"\0\0<p>a\0b</p>\0\0\0\0".to_vec()),
        ("image.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("document.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec()),
        ("random.html", random_bytes(20_000, 7)),
        ("invalid-utf8.html", b"<meta charset=utf-8><p>caf\xc3 \xff\xfe ok</p>".to_vec()),
        (
            "lying-charset.html",
            b"<meta charset=\"utf-8\"><p>Gr\xfc\xdfe aus M\xfcnchen, sch\xf6ne Stra\xdfe, \xdcbergr\xf6\xdfe und \xe4rger \xfcber \xd6l.</p>".to_vec(),
        ),
        ("utf16-bom.html", utf16(&page, false, true)),
        ("utf16be-bom.html", utf16(&page, true, true)),
        ("utf16-no-bom.html", utf16(&page, false, false)),
        ("truncated.html.gz", compressed[..compressed.len() / 2].to_vec()),
        ("corrupt.html.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage!".to_vec()),
        ("only-tags.html", b"<<<<>>>></</</<!--<!DOCTYPE<![CDATA[".to_vec()),
        ("unclosed-comment.html", b"<p>before</p><!-- never closed <p>x</p>".to_vec()),
    ]
}

#[test]
fn hostile_bytes_give_text_or_a_typed_error() {
    for (name, bytes) in hostile_pages() {
        let result = extract(&bytes, &Options::default());
        match name {
            "empty.html" => assert_eq!(result.expect(name).text, ""),
            // Stray angle brackets are text to an HTML parser.
            "only-tags.html" => assert_eq!(result.expect(name).text, "<<<<>>>>"),
            "nul-bytes.html" | "random.html" | "image.html" | "document.html" => {
                assert!(
                    matches!(result, Err(Error::NotHtml(_))),
                    "{name}: {result:?}"
                )
            }
            "truncated.html.gz" | "corrupt.html.gz" => {
                assert!(matches!(result, Err(Error::Gzip(_))), "{name}: {result:?}")
            }
            "invalid-utf8.html" => {
                // Bytes that are not the declared UTF-8 are decoded by detection.
                let text = result.expect(name).text;
                assert!(text.starts_with("caf") && text.ends_with(" ok"), "{text}");
            }
            "lying-charset.html" => {
                assert!(result.expect(name).text.starts_with("Grüße aus München"))
            }
            "unclosed-comment.html" => assert_eq!(result.expect(name).text, "before"),
            _ => assert_eq!(result.expect(name).text, SENTENCE, "{name}"),
        }
    }
}

#[test]
fn random_data_of_any_seed_never_panics() {
    for seed in 0..64 {
        let mut bytes = random_bytes(4_096, seed);
        if seed % 2 == 0 {
            // Random bytes after a plausible start reach the parser.
            bytes.splice(0..0, b"<html><body><p>".iter().copied());
            bytes.retain(|&b| b >= 0x20 || b == b'\n');
        }
        let _ = extract(&bytes, &Options::default());
    }
}

/// Runs `work` on a thread with the stack rayon's workers get by default.
fn on_small_stack(work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(work)
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn pathological_nesting_is_bounded_on_a_small_stack() {
    on_small_stack(|| {
        for (page, keeps_text) in [
            ("<div>".repeat(100_000) + SENTENCE, true),
            ("<ul><li>".repeat(60_000) + SENTENCE, true),
            ("<table><tr><td>".repeat(20_000) + SENTENCE, true),
            ("<span><em>".repeat(50_000) + SENTENCE, true),
            ("<p><b><i>".repeat(30_000) + SENTENCE, true),
            // Text inside svg is never article text; the page must still complete.
            ("<svg><g>".repeat(30_000) + SENTENCE, false),
        ] {
            let article = extract(page.as_bytes(), &Options::default()).expect("extracts");
            assert_eq!(
                article.text.contains(SENTENCE),
                keeps_text,
                "{}",
                &page[..20]
            );
        }
    });
}

#[test]
fn a_million_small_paragraphs_complete() {
    let page: String = (0..1_000_000)
        .map(|i| format!("<p>Paragraphe numéro {i}.</p>"))
        .collect();
    let options = Options {
        timeout: None,
        ..Options::default()
    };
    let article = extract(page.as_bytes(), &options).expect("extracts");
    assert_eq!(article.text.matches("Paragraphe numéro").count(), 1_000_000);
}

#[test]
fn oversized_pages_and_gzip_bombs_are_refused() {
    let options = Options {
        max_bytes: 10_000,
        ..Options::default()
    };
    let plain = vec![b'a'; 10_001];
    assert!(matches!(
        extract(&plain, &options),
        Err(Error::TooLarge { .. })
    ));
    let bomb = gzip(&vec![b' '; 1_000_000]);
    assert!(bomb.len() < 10_000);
    assert!(matches!(
        extract(&bomb, &options),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn a_page_over_its_time_budget_is_a_timeout() {
    let page = format!("<p>{SENTENCE}</p>").repeat(20_000);
    let options = Options {
        timeout: Some(Duration::from_nanos(1)),
        ..Options::default()
    };
    assert!(matches!(
        extract(page.as_bytes(), &options),
        Err(Error::Timeout { .. })
    ));
}

/// Output `.txt` files under `root`, and whether any temporary file was left.
fn outputs(root: &Path) -> (usize, bool) {
    let files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let texts = files.iter().filter(|n| n.ends_with(".txt")).count();
    (texts, files.len() != texts)
}

fn error_lines(run: &Output) -> Vec<String> {
    String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|line| line.starts_with("pith: /"))
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn every_page_of_a_hostile_folder_ends_as_output_or_error_line() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    let mut listed = 0;
    for (name, bytes) in hostile_pages() {
        std::fs::write(pages.join(name), bytes).expect("write page");
        listed += 1;
    }
    // Some 30 MB: far more than 100 ms of work on any machine.
    let slow = format!("<p>{SENTENCE}</p>").repeat(400_000);
    std::fs::write(pages.join("slow.html"), slow).expect("write page");
    let non_utf8 = pages.join(std::ffi::OsStr::from_bytes(b"caf\xe9.html"));
    std::fs::write(&non_utf8, format!("<p>{SENTENCE}</p>")).expect("write page");
    listed += 2;
    std::os::unix::fs::symlink("missing.html", pages.join("dangling.html")).expect("symlink");
    std::fs::create_dir(pages.join("loop")).expect("mkdir");
    std::os::unix::fs::symlink("..", pages.join("loop/up")).expect("symlink");
    listed += 2;

    let out = dir.path().join("out");
    let run = pith(&[
        "extract",
        pages.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--timeout-ms",
        "100",
    ]);
    let errors = error_lines(&run);
    let (texts, leftovers) = outputs(&out);
    assert_eq!(texts + errors.len(), listed, "stderr: {errors:#?}");
    assert!(!leftovers, "no temporary file is left behind");
    assert_eq!(run.status.code(), Some(1));
    assert!(errors.iter().any(|e| e.contains("slow.html: timed out")));
    assert!(
        errors
            .iter()
            .any(|e| e.contains("random.html: not an HTML page"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("truncated.html.gz: corrupt gzip"))
    );
    assert!(errors.iter().any(|e| e.contains("dangling.html")));
    assert!(errors.iter().any(|e| e.contains("loop")));
    let written = out.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    let text = std::fs::read_to_string(written).expect("non-UTF-8 name kept");
    assert_eq!(text.trim_end(), SENTENCE);
}

#[test]
fn skip_existing_resumes_a_batch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    for name in ["a.html", "b.html"] {
        std::fs::write(pages.join(name), format!("<p>{SENTENCE}</p>")).expect("write");
    }
    let out = dir.path().join("out");
    let args = |extra: &'static [&'static str]| {
        let mut args = vec![
            "extract".to_string(),
            pages.to_str().expect("utf-8").to_string(),
            "-o".to_string(),
            out.to_str().expect("utf-8").to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let run_with = |extra| {
        let args = args(extra);
        pith(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert!(run_with(&[]).status.success());
    std::fs::write(out.join("a.txt"), "kept from an earlier run").expect("write");
    std::fs::remove_file(out.join("b.txt")).expect("remove");

    let resumed = run_with(&["--skip-existing"]);
    assert!(resumed.status.success());
    assert!(String::from_utf8_lossy(&resumed.stderr).contains("2 pages, 1 skipped"));
    let read = |name| std::fs::read_to_string(out.join(name)).expect("read");
    assert_eq!(read("a.txt"), "kept from an earlier run");
    assert!(read("b.txt").contains(SENTENCE));

    assert!(run_with(&[]).status.success());
    assert!(read("a.txt").contains(SENTENCE));
}

#[test]
fn a_fifo_given_by_name_is_refused_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.html");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        return; // no mkfifo on this system
    }
    let run = pith(&["extract", fifo.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("not a regular file"));
}
