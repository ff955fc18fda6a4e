"""examples/spark/pith_spark.py in Spark's local mode (local[2]) on a WARC and
a JSON Lines file the test writes: every page a row, the same text as the
CLI gives for the WARC, failures as rows."""

import gzip
import importlib.util
import io
import json
import os
import subprocess
import sys

import pytest
from pyspark.sql import SparkSession
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import pith
from conftest import FIXTURES, REPO, read_gzipped_jsonl

spec = importlib.util.spec_from_file_location("pith_spark", REPO / "examples" / "spark" / "pith_spark.py")
pith_spark = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pith_spark)

RUSSIAN = (
    "<html><head><meta charset='windows-1251'><title>Новости</title></head><body>"
    "<article><h1>Дожди вернулись</h1><p>После сухого месяца в долину вернулись дожди, "
    "и водохранилища снова наполняются водой к началу осени.</p></article></body></html>"
).encode("windows-1251")


def write_warc(path):
    """warcinfo, a request, four HTML responses (two in windows-1251, one of
    them declared only in its HTTP header; one gzip-encoded), an image, and
    a PNG served as text/html."""
    with open(path, "wb") as file:
        writer = WARCWriter(file, gzip=True)
        writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "pith tests"}))

        def response(url, body, content_type="text/html", extra=()):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example.org/", "request", payload=io.BytesIO(b""), http_headers=request))
        response("https://example.org/en", (FIXTURES / "families" / "en.html").read_bytes())
        response("https://example.org/ru", RUSSIAN)
        # Its charset only in the HTTP header.
        response("https://example.org/ru-http", RUSSIAN.replace(b"<meta charset='windows-1251'>", b""), content_type="text/html; charset=windows-1251")
        response("https://example.org/fr", gzip.compress((FIXTURES / "families" / "fr.html").read_bytes()), extra=[("Content-Encoding", "gzip")])
        response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\nimage", content_type="image/png")
        response("https://example.org/fake", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


@pytest.fixture(scope="module")
def spark():
    # Workers run this interpreter, where pith is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = SparkSession.builder.master("local[2]").appName("pith-test").config("spark.ui.enabled", "false").getOrCreate()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    write_warc(folder / "crawl.warc.gz")
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as file:
        file.write(json.dumps({"id": "j1", "url": "https://example.org/j1", "html": (FIXTURES / "families" / "es.html").read_text(encoding="utf-8")}) + "\n")
        file.write("{not json\n")
    manifest = folder / "manifest.txt"
    manifest.write_text(f"{folder / 'crawl.warc.gz'}\n{folder / 'pages.jsonl'}\n{folder / 'missing.warc.gz'}\n")
    return folder, manifest


def test_spark_job_writes_every_page_as_a_row(spark, inputs, tmp_path, pith_bin):
    folder, manifest = inputs
    pith_spark.run(spark, str(manifest), str(tmp_path / "out"), "jsonl", threads=2)
    rows = {row["id"]: row for row in read_gzipped_jsonl(tmp_path / "out", "part-*")}
    by_url = {row["url"]: row for row in rows.values()}
    assert sorted(row["url"] or "" for row in rows.values()) == sorted(
        ["https://example.org/en", "https://example.org/ru", "https://example.org/ru-http", "https://example.org/fr", "https://example.org/fake", "https://example.org/j1", "", ""]
    )
    # The WARC's pages are the CLI's records for the same WARC.
    cli = subprocess.run([str(pith_bin), "extract", str(folder / "crawl.warc.gz"), "--format", "jsonl"], capture_output=True)
    cli_records = [json.loads(line) for line in cli.stdout.decode().splitlines()]
    assert len(cli_records) == 5
    for record in cli_records:
        assert rows[record["id"]] == record
    assert by_url["https://example.org/ru"]["title"] == "Дожди вернулись"
    assert by_url["https://example.org/ru-http"]["title"] == "Дожди вернулись"
    assert by_url["https://example.org/fake"]["error"] == "not an HTML page: PNG image"
    assert by_url["https://example.org/j1"]["text"] == pith.extract((FIXTURES / "families" / "es.html").read_bytes())["text"]
    errors = {row["id"]: row["error"] for row in rows.values() if row["url"] is None}
    assert errors[f"{folder / 'pages.jsonl'}:2"].startswith("unreadable record")
    assert "No such file" in errors[str(folder / "missing.warc.gz")]
    assert all(row["text"] == "" for row in rows.values() if "error" in row)


def test_spark_job_writes_parquet_with_a_metadata_struct(spark, inputs, tmp_path):
    _, manifest = inputs
    pith_spark.run(spark, str(manifest), str(tmp_path / "out"), "parquet", favor="precision")
    frame = spark.read.parquet(str(tmp_path / "out"))
    assert frame.columns == pith_spark.COLUMNS
    rows = {row["url"]: row for row in frame.collect() if row["url"]}
    english = rows["https://example.org/en"]
    expected = pith.extract((FIXTURES / "families" / "en.html").read_bytes(), favor="precision")
    assert english["text"] == expected["text"]
    assert english["metadata"].asDict() == {field: expected["metadata"].get(field) for field in english["metadata"].asDict()}
    assert english["error"] is None
    assert rows["https://example.org/fake"]["error"] == "not an HTML page: PNG image"
    assert frame.count() == 8


def test_the_metadata_struct_has_every_field_pith_gives():
    fields = set(pith_spark.metadata_schema().fieldNames())
    for path in sorted((FIXTURES / "families").glob("*.html")):
        assert set(pith.extract(path.read_bytes())["metadata"]) <= fields, path
