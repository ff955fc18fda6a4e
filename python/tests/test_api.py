"""pith.extract and pith.extract_many: records equal to the CLI's, encodings,
options, errors, order, and the GIL released during extraction."""

import gzip
import hashlib
import json
import subprocess
import threading
import time

import pytest

import pith
from conftest import FIXTURES, fixture_pages

EN_PAGE = FIXTURES / "families" / "en.html"


def page_id(path):
    """The id the CLI gives a page of a folder: its path without extension."""
    relative = str(path.relative_to(FIXTURES))
    return relative.removesuffix(".gz").removesuffix(".html")


@pytest.fixture(scope="module")
def cli_records(pith_bin):
    run = subprocess.run(
        [str(pith_bin), "extract", str(FIXTURES), "--format", "jsonl"],
        capture_output=True,
        check=True,
    )
    records = [json.loads(line) for line in run.stdout.decode().splitlines()]
    return {record["id"]: record for record in records}


def without_page_fields(record):
    return {key: value for key, value in record.items() if key not in ("id", "url")}


def test_records_equal_the_clis_on_every_fixture(cli_records):
    pages = fixture_pages()
    assert len(pages) == len(cli_records) > 40
    for path in pages:
        expected = without_page_fields(cli_records[page_id(path)])
        assert list(expected) == ["title", "text", "metadata"]
        assert pith.extract(path.read_bytes()) == expected, path


def test_extract_many_equals_the_clis_records_in_input_order(cli_records):
    pages = fixture_pages()
    records = pith.extract_many([p.read_bytes() for p in pages], threads=2)
    assert records == [without_page_fields(cli_records[page_id(p)]) for p in pages]


def test_text_matches_the_expected_fixture_text():
    expected = (FIXTURES.parent / "expected" / "families" / "en.txt").read_text()
    record = pith.extract(EN_PAGE.read_bytes(), include_title=True)
    assert record["text"] + "\n" == expected
    assert record["title"] == "River towns prepare for a wetter winter"
    assert record["text"].startswith(record["title"] + "\n\nTowns along the river")
    assert pith.extract(EN_PAGE.read_bytes())["text"].startswith("Towns along the river")


# A page in windows-1251, declared only in its <meta>.
RUSSIAN = (
    "<html><head><meta charset='windows-1251'><title>Новости</title></head><body>"
    "<article><h1>Дожди вернулись</h1><p>После сухого месяца в долину вернулись дожди, "
    "и водохранилища снова наполняются водой к началу осени.</p></article></body></html>"
)


def test_bytes_are_decoded_as_their_declaration_says():
    record = pith.extract(RUSSIAN.encode("windows-1251"))
    assert record["title"] == "Дожди вернулись"
    assert record["text"].startswith("После сухого месяца в долину вернулись дожди")
    assert record["metadata"]["language"] == "ru"


def test_a_transport_charset_comes_before_meta_and_detection():
    # Byte 0xE9 is "é" in windows-1252 (what detection and the <meta> say), "И" in KOI8-R.
    page = b"<meta charset=windows-1252><p>caf\xe9 au lait</p>"
    assert pith.extract(page)["text"] == "café au lait"
    assert pith.extract(page, charset="koi8-r")["text"] == "cafИ au lait"
    records = pith.extract_many([page, page], charsets=["koi8-r", None])
    assert [record["text"] for record in records] == ["cafИ au lait", "café au lait"]
    # A byte-order mark comes first.
    assert pith.extract(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", charset="koi8-r")["text"] == "café"
    with pytest.raises(ValueError, match="1 charsets for 2 pages"):
        pith.extract_many([page, page], charsets=["koi8-r"])


def test_undeclared_legacy_bytes_are_detected():
    record = pith.extract(RUSSIAN.replace("<meta charset='windows-1251'>", "").encode("windows-1251"))
    assert record["text"].startswith("После сухого месяца")


def test_a_legacy_fixture_gives_the_same_text_from_bytes_and_from_str():
    raw = (FIXTURES / "ja-shift-jis.html").read_bytes()
    from_bytes = pith.extract(raw)
    assert "。" in from_bytes["text"]
    # The str is already decoded: its <meta charset=Shift_JIS> is not applied again.
    assert pith.extract(raw.decode("shift_jis")) == from_bytes


def test_gzipped_bytes_are_undone():
    raw = EN_PAGE.read_bytes()
    assert pith.extract(gzip.compress(raw)) == pith.extract(raw)


def test_a_str_with_lone_surrogates_is_extracted():
    record = pith.extract("<p>Broken \ud800 surrogate in a long enough paragraph of text.</p>")
    assert "\ufffd" in record["text"]


def test_url_is_carried_first():
    record = pith.extract(EN_PAGE.read_bytes(), url="https://example.org/a")
    assert list(record) == ["url", "title", "text", "metadata"]
    assert record["url"] == "https://example.org/a"


def test_options_reach_the_extractor():
    raw = EN_PAGE.read_bytes()
    assert pith.extract(raw, metadata=False)["metadata"] == {}
    metadata = pith.extract(raw)["metadata"]
    assert metadata["language"] == "en" and metadata["page_type"] == "article"
    texts = {favor: pith.extract(raw, favor=favor)["text"] for favor in ("precision", "balanced", "recall")}
    assert all(texts.values())
    with pytest.raises(ValueError, match="favor must be"):
        pith.extract(raw, favor="fast")


def test_a_page_with_no_article_gives_an_empty_text():
    assert pith.extract(b"")["text"] == ""


def test_bad_pages_raise_extract_error_with_the_reason():
    assert issubclass(pith.ExtractError, ValueError)
    with pytest.raises(pith.ExtractError, match="not an HTML page: PNG image"):
        pith.extract(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(pith.ExtractError, match="over the limit of 100 bytes"):
        pith.extract(b"<p>" + b"a" * 200, max_bytes=100)
    with pytest.raises(pith.ExtractError, match="corrupt gzip"):
        pith.extract(gzip.compress(EN_PAGE.read_bytes())[:200])


def test_a_page_over_its_time_raises_extract_error():
    huge = "<p>" + "many words in a very long page " * 400_000
    with pytest.raises(pith.ExtractError, match="timed out after 1 ms"):
        pith.extract(huge, timeout_ms=1)


def test_a_page_that_is_neither_bytes_nor_str_is_a_type_error():
    with pytest.raises(TypeError, match="bytes or str, not int"):
        pith.extract(42)
    with pytest.raises(TypeError, match="bytes or str, not NoneType"):
        pith.extract_many([b"<p>a</p>", None])


def test_extract_many_keeps_order_and_turns_failures_into_rows():
    pages = [f"<article><h1>Page {n}</h1><p>Paragraph number {n} of the batch, long enough to keep.</p></article>" for n in range(200)]
    pages[7] = b"%PDF-1.7 binary"
    pages[150] = b"<p>" + b"x" * 500
    records = pith.extract_many(pages, max_bytes=400, threads=2)
    assert len(records) == 200
    assert records[7] == {"text": "", "error": "not an HTML page: PDF document"}
    assert records[150] == {"text": "", "error": "page is 503 bytes, over the limit of 400 bytes"}
    for n, record in enumerate(records):
        if n not in (7, 150):
            assert record["title"] == f"Page {n}"
            assert record["text"] == f"Paragraph number {n} of the batch, long enough to keep."


def test_extract_many_takes_any_iterable_and_gives_what_extract_gives():
    raws = [p.read_bytes() for p in fixture_pages()[:5]]
    assert pith.extract_many(iter(raws), include_title=True, metadata=False) == [
        pith.extract(raw, include_title=True, metadata=False) for raw in raws
    ]
    assert pith.extract_many([]) == []


def test_python_runs_while_a_page_is_extracted():
    """The GIL is released: while one thread is inside extract, another runs
    Python code (whatever the machine's load; with the GIL held it could not)."""
    huge = "<p>" + "many words in a very long page " * 300_000
    inside = []

    def extract():
        started = time.perf_counter()
        pith.extract(huge, timeout_ms=None)
        inside.append((started, time.perf_counter()))

    worker = threading.Thread(target=extract)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    [(started, ended)] = inside
    margin = (ended - started) / 10
    during = [t for t in ticks if started + margin < t < ended - margin]
    assert ended - started > 0.05
    assert len(during) > 1000, f"{len(during)} Python steps while extracting"


def seconds_in_threads(threads, work):
    """Wall seconds for `threads` Python threads each running `work`."""
    workers = [threading.Thread(target=work) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def speedup_of_two_threads(work):
    return 2 * seconds_in_threads(1, work) / seconds_in_threads(2, work)


def test_two_threads_extract_about_as_fast_as_the_machine_allows():
    """Two threads calling extract do twice the work of one in less time,
    as much less as a reference that releases the GIL (hashlib) gains on
    this machine at this moment, within a generous 0.8x: 1.5x or more on
    two free cores, less on a machine other work keeps busy. Best of 5."""
    pages = [p.read_bytes() for p in fixture_pages()] * 10
    block = bytes(range(256)) * 40_000

    def extract_pages():
        for page in pages:
            pith.extract(page)

    def hash_blocks():
        for _ in range(40):
            hashlib.sha256(block).digest()

    runs = []
    for _ in range(5):
        reference = speedup_of_two_threads(hash_blocks)
        ours = speedup_of_two_threads(extract_pages)
        runs.append((round(ours, 2), round(reference, 2)))
        if ours >= 0.8 * reference:
            return
    pytest.fail(f"two threads vs one (pith, hashlib): {runs}")


def test_help_documents_the_options():
    doc = pith.extract.__doc__
    for option in ("html", "url", "favor", "include_title", "metadata", "timeout_ms", "max_bytes", "ExtractError"):
        assert option in doc
    assert "threads" in pith.extract_many.__doc__
