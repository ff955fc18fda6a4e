//! End-to-end tests of the `pith` binary on the fixtures and on pages the
//! tests write themselves.

mod common;

use std::path::PathBuf;

use common::{blessing, files_under, fixtures, gzip, line_diff, path_str, pith, pith_with_stdin};

/// Every fixture page against its expected text, byte for byte; every
/// mismatch is listed with a diff. `PITH_BLESS=1 cargo test` rewrites the
/// expected files from this build's output instead.
#[test]
fn every_fixture_comes_out_exactly_as_expected() {
    let out = tempfile::tempdir().expect("temp dir");
    let pages = fixtures().join("pages");
    let run = pith(&["extract", path_str(&pages), "-o", path_str(out.path())]);
    assert!(
        run.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let expected_dir = fixtures().join("expected");
    let produced = files_under(out.path());
    if blessing() {
        for file in &produced {
            let target = expected_dir.join(file);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("expected dir");
            std::fs::copy(out.path().join(file), target).expect("bless");
        }
        return;
    }
    let expected = files_under(&expected_dir);
    assert_eq!(produced, expected, "one .txt per fixture page");
    assert!(expected.len() >= 8);
    let failures: Vec<String> = expected
        .iter()
        .filter_map(|file| {
            let want = std::fs::read_to_string(expected_dir.join(file)).expect("expected text");
            let got = std::fs::read_to_string(out.path().join(file)).expect("output text");
            (got != want).then(|| format!("{}:\n{}", file.display(), line_diff(&want, &got)))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (PITH_BLESS=1 cargo test rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn one_page_prints_to_stdout_and_no_title_drops_the_title() {
    let page = fixtures().join("pages/id-kemlu.html");
    let with_title = pith(&["extract", path_str(&page)]);
    assert!(with_title.status.success());
    let text = String::from_utf8(with_title.stdout).expect("utf-8");
    assert!(text.starts_with(
        "Lavrov dan Kerry Koordinasikan Pendekatan Antiterorisme di Suriah\n\nKedua diplomat"
    ));
    for tail in [
        "Baca selanjutnya",
        "Hak cipta",
        "Situs ini menggunakan kuki",
        "Terima kuki",
        "Bagikan",
    ] {
        assert!(!text.contains(tail), "{tail} leaked");
    }
    let body = pith(&["extract", "--no-title", path_str(&page)]);
    assert!(
        String::from_utf8(body.stdout)
            .expect("utf-8")
            .starts_with("Kedua diplomat")
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let page = std::fs::read(fixtures().join("pages/ru-windows-1251.html")).expect("fixture");
    let output = pith_with_stdin(&["extract", "-"], Some(&page));
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.starts_with("В Новосибирске открылся новый мост через Обь\n"));
}

#[test]
fn several_pages_without_an_output_folder_is_an_error() {
    let run = pith(&["extract", path_str(&fixtures().join("pages"))]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("-o OUT_DIR"));
}

const ARTICLE: &str = "<html><body><nav><a href='/'>Home</a></nav><article><h1>Walk test</h1>\
    <p>This paragraph is long enough to be read as the prose of a small article in a test.</p></article></body></html>";

#[test]
fn folders_are_walked_recursively_with_gzip_and_page_extensions_only() {
    let input = tempfile::tempdir().expect("temp dir");
    let root = input.path();
    std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
    std::fs::write(root.join("one.htm"), ARTICLE).expect("write");
    std::fs::write(root.join("a/two.xhtml"), ARTICLE).expect("write");
    std::fs::write(root.join("a/b/three.html.gz"), gzip(ARTICLE.as_bytes())).expect("write");
    std::fs::write(root.join("a/notes.md"), "not a page").expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let run = pith(&[
        "extract",
        path_str(root),
        "-o",
        path_str(out.path()),
        "-j",
        "2",
    ]);
    assert!(
        run.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written: Vec<PathBuf> = files_under(out.path()).into_iter().collect();
    assert_eq!(
        written,
        ["a/b/three.txt", "a/two.txt", "one.txt"].map(PathBuf::from)
    );
    let three = std::fs::read_to_string(out.path().join("a/b/three.txt")).expect("read");
    assert_eq!(
        three,
        "Walk test\n\nThis paragraph is long enough to be read as the prose of a small article in a test.\n"
    );
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(
        summary.contains("3 pages") && summary.contains("0 errors"),
        "summary: {summary}"
    );
}

#[test]
fn a_broken_page_is_reported_and_the_others_are_written() {
    let input = tempfile::tempdir().expect("temp dir");
    let root = input.path();
    std::fs::write(root.join("good.html"), ARTICLE).expect("write");
    let mut corrupt = gzip(ARTICLE.as_bytes());
    corrupt.truncate(corrupt.len() / 2);
    std::fs::write(root.join("broken.html.gz"), corrupt).expect("write");
    std::fs::write(root.join("image.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    std::fs::write(root.join("empty.html"), b"").expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    let run = pith(&["extract", path_str(root), "-o", path_str(out.path())]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("broken.html.gz") && stderr.contains("gzip"),
        "stderr: {stderr}"
    );
    assert!(
        stderr.contains("image.html") && stderr.contains("PNG"),
        "stderr: {stderr}"
    );
    assert!(stderr.contains("2 errors"), "stderr: {stderr}");
    assert!(out.path().join("good.txt").is_file());
    assert_eq!(
        std::fs::read_to_string(out.path().join("empty.txt")).expect("read"),
        ""
    );
    assert!(!out.path().join("broken.txt").exists());
}

/// Output folders are made once per run: a page whose folder cannot be
/// made is an error naming the folder, and the other pages are written.
#[test]
fn a_page_whose_output_folder_cannot_be_made_is_an_error_naming_it() {
    let input = tempfile::tempdir().expect("temp dir");
    let root = input.path();
    std::fs::create_dir(root.join("blocked")).expect("mkdir");
    std::fs::write(root.join("blocked/page.html"), ARTICLE).expect("write");
    std::fs::write(root.join("page.html"), ARTICLE).expect("write");
    let out = tempfile::tempdir().expect("temp dir");
    // A file where the page's output folder would go.
    std::fs::write(out.path().join("blocked"), "").expect("write");
    let run = pith(&["extract", path_str(root), "-o", path_str(out.path())]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let folder = out.path().join("blocked");
    assert!(
        stderr.contains(&format!("{}: ", folder.display())) && stderr.contains("1 errors"),
        "stderr: {stderr}"
    );
    assert!(out.path().join("page.txt").is_file());
}

#[test]
fn a_missing_input_is_named() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = pith(&["extract", "/no/such/page.html", "-o", path_str(out.path())]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("/no/such/page.html"));
}
