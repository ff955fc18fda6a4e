//! Helpers shared by the integration tests: running the binary, gzip,
//! writing JSON, the fixture folders, and comparing texts with a readable diff.
#![allow(dead_code)] // each test crate uses its own subset

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs the `pith` binary with `args`.
pub fn pith(args: &[&str]) -> Output {
    pith_with_stdin(args, None)
}

/// Runs the `pith` binary with `args`, feeding `stdin` (empty if `None`).
pub fn pith_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.unwrap_or_default().to_vec();
    let feeder = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("pith ends");
    // pith may exit without reading stdin (an error): a broken pipe is fine.
    let _ = feeder.join().expect("feeder");
    output
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

/// Three paragraphs of article prose, for pages made in the tests.
pub const PROSE_A: &str = "Engineers spent the weekend checking the embankments near the old bridge, where the water came within a metre of the top.";
pub const PROSE_B: &str = "More than two hundred volunteers filled sandbags at the community hall on Saturday, and the council says it will need more.";
pub const PROSE_C: &str = "The mayor said the town had learned from last year's floods and would open the shelters as soon as the river rose.";

/// A page: navigation outside, then an article holding its title and `body`.
pub fn page(body: &str) -> String {
    format!(
        "<html><head><title>River towns | Herald</title></head><body>\
         <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
         <main><article><h1>River towns prepare</h1>{body}</article></main>\
         <footer><p>Herald Media, 1 Quay Street, Rivertown.</p></footer></body></html>"
    )
}

/// Writes `value` as JSON to `dir/name`; its path.
pub fn write_json(dir: &Path, name: &str, value: &serde_json::Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, value.to_string()).expect("write");
    path
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every HTML page under `fixtures/` (gzipped or not), with its path, in
/// name order.
pub fn fixture_pages() -> Vec<(String, Vec<u8>)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(fixtures()).sort_by_file_name() {
        let entry = entry.expect("fixture folder");
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".html.gz") {
            let page = std::fs::read(entry.path()).expect("fixture");
            pages.push((entry.path().display().to_string(), page));
        }
    }
    assert!(pages.len() > 50, "only {} fixture pages found", pages.len());
    pages
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Every file under `root`, as paths relative to it.
pub fn files_under(root: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .expect("under root")
                .to_path_buf()
        })
        .collect()
}

/// Whether the run should rewrite expected files (`PITH_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("PITH_BLESS").is_some_and(|v| v == "1")
}

/// A line diff of two texts: `-` expected lines missing, `+` lines that
/// came out instead (a longest-common-subsequence alignment).
pub fn line_diff(want: &str, got: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || common[i][j + 1] >= common[i + 1][j]) {
            out.push_str(&format!("  + {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("  - {}\n", a[i]));
            i += 1;
        }
    }
    out
}

/// A running `pith` with its stdin fed from a thread, for tests of what
/// happens when its output goes away (a closed pipe, a full disk).
pub struct Fed {
    pub child: std::process::Child,
    /// The feeder's result: an error when pith stopped reading early.
    /// `None` when stdin was left open in `child.stdin` for the test.
    pub feeder: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

/// Starts `pith` with `args`, stdout going to `stdout`, stderr piped, and
/// `stdin` written to it from another thread (`None`: left open).
pub fn pith_fed(args: &[&str], stdin: Option<Vec<u8>>, stdout: Stdio) -> Fed {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pith"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("pith runs");
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().expect("stdin");
        std::thread::spawn(move || pipe.write_all(&bytes))
    });
    Fed { child, feeder }
}

/// `count` JSON Lines records, each one page of prose, ids `r0`, `r1`, ….
pub fn jsonl_pages(count: usize) -> Vec<u8> {
    let html = page(&format!("<p>{PROSE_A}</p><p>{PROSE_B}</p><p>{PROSE_C}</p>"));
    let mut out = Vec::new();
    for i in 0..count {
        let record = serde_json::json!({"id": format!("r{i}"), "html": html});
        out.extend_from_slice(record.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

/// Arguments that make pith a JSON Lines filter from stdin to stdout.
pub fn jsonl_filter() -> Vec<&'static str> {
    "extract - --input-format jsonl --format jsonl"
        .split(' ')
        .collect()
}

/// Asserts that a run succeeded, showing its stderr when it did not.
pub fn assert_success(run: &Output) {
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Runs `pith` with `args` under a shell, to give it what `Command` cannot:
/// `redirect` is appended to the command line (`>&-` closes stdout), and
/// its address space is limited to `memory_kib` (`ulimit -v`), so a run that
/// would hold more than that fails instead of passing slowly.
pub fn pith_in_shell(args: &[&str], redirect: &str, memory_kib: Option<u64>) -> Output {
    let limit = memory_kib.map_or(String::new(), |kib| format!("ulimit -v {kib}; "));
    let script = format!("{limit}exec \"$0\" \"$@\" {redirect}");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_pith"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("sh runs")
}

/// Address space a test allows pith when it feeds it inputs of a gigabyte
/// or more: ample for pith itself, far less than the input.
pub const SMALL_MEMORY_KIB: u64 = 256 * 1024;

/// Writes `head` to `path`, then extends the file to `len` bytes without
/// writing them (a sparse file of zero bytes: no disk space used).
pub fn sparse_file(path: &Path, head: &[u8], len: u64) {
    std::fs::write(path, head).expect("write");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    file.set_len(len).expect("extend");
}

/// `../shared`, beside the repository.
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A file of `../shared`, which the tests need.
pub fn shared_file(relative: &str) -> PathBuf {
    let path = shared().join(relative);
    assert!(
        path.exists(),
        "{} is needed beside the repository",
        path.display()
    );
    path
}

/// Runs `program`, which must succeed, and returns its standard output.
pub fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// A path as text.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}
