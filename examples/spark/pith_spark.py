"""Extract pages on a Spark cluster with pith.

    spark-submit examples/spark/pith_spark.py MANIFEST OUTPUT [--format jsonl|parquet]
        [--threads N] [--favor precision|balanced|recall]

MANIFEST is a text file listing input files, one path or URL a line (any
path every executor can open: a shared file system; Spark's own S3/HDFS
connectors are not used to open them): WARC files (`.warc`, `.warc.gz`:
every HTML `response` record is a page, id = WARC-Record-ID, url =
WARC-Target-URI, the charset of its HTTP Content-Type used as the CLI uses
it) or JSON Lines files (`.jsonl`, `.jsonl.gz`: one page a
line with `html`, `id` and `url` fields). Each file is one Spark task; inside
it, pages go to `pith.extract_many` in batches of BATCH_PAGES, extracted in
parallel on `--threads` threads (default: one per core of the executor,
or set `spark.task.cpus` to match).

OUTPUT gets one row per page: `id`, `url`, `date` (a WARC record's
WARC-Date), `title`, `text`, `metadata` and `error`. Nothing is lost: a page that cannot be extracted, a record
that cannot be read, and a file that cannot be opened are each a row with
an `error` and an empty text. `--format jsonl` writes gzipped JSON Lines
part files, each row shaped as the CLI's JSON Lines records (`metadata`
an object, absent facts left out; `error` only on failed rows);
`--format parquet` writes Parquet with every column, `metadata` a struct.

Every executor needs `pip install pith-extract warcio` (the `spark` extra of
`./python`).
"""

from __future__ import annotations

import argparse
import email.message
import gzip
import json
import os
from typing import Any, Iterator, Optional

import pith

# Pages handed to extract_many at once: enough to keep every thread of an
# executor busy, few enough to bound the HTML a task holds.
BATCH_PAGES = 256

# The output's columns, in order.
COLUMNS = ["id", "url", "date", "title", "text", "metadata", "error"]


def read_pages(path: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    """The pages of one input file, as {"id", "url", "html"} (or a row with
    an "error" for what cannot be read)."""
    try:
        if ".warc" in path:
            yield from _warc_pages(path, max_bytes)
        else:
            yield from _jsonl_pages(path)
    except Exception as err:  # the file (or the rest of it) cannot be read
        yield {"id": path, "url": None, "error": f"{path}: {err}"}


def _warc_pages(path: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            # One byte over the limit is enough for pith to refuse the page.
            html = record.content_stream().read(max_bytes + 1)
            yield {
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "url": record.rec_headers.get_header("WARC-Target-URI"),
                "date": record.rec_headers.get_header("WARC-Date"),
                "charset": _charset_of(content_type),
                "html": html,
            }


def _charset_of(content_type: str) -> Optional[str]:
    """The charset parameter of an HTTP Content-Type, if any."""
    header = email.message.Message()
    header["Content-Type"] = content_type
    return header.get_param("charset")


def _jsonl_pages(path: str) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield {"id": str(record.get("id", f"{path}:{number}")), "url": record.get("url"), "html": record["html"]}
            except (ValueError, KeyError, TypeError) as err:
                yield {"id": f"{path}:{number}", "url": None, "error": f"unreadable record: {err}"}


def extract_files(paths: Iterator[str], options: dict[str, Any], threads: Optional[int]) -> Iterator[dict[str, Any]]:
    """Every page of every file as an output row, extracted in batches."""
    batch: list[dict[str, Any]] = []
    for path in paths:
        for page in read_pages(path, options["max_bytes"]):
            batch.append(page)
            if len(batch) == BATCH_PAGES:
                yield from _extract_batch(batch, options, threads)
                batch = []
    yield from _extract_batch(batch, options, threads)


def _extract_batch(pages: list[dict[str, Any]], options: dict[str, Any], threads: Optional[int]):
    readable = [page for page in pages if "error" not in page]
    records = iter(
        pith.extract_many(
            [page["html"] for page in readable],
            charsets=[page.get("charset") for page in readable],
            threads=threads,
            **options,
        )
    )
    for page in pages:
        record = {"text": "", "error": page["error"]} if "error" in page else next(records)
        dated = {"date": page["date"]} if page.get("date") else {}
        yield {"id": page["id"], "url": page["url"], **dated, **record}


def as_columns(row: dict[str, Any]) -> tuple:
    """A row with every output column, None where it has none."""
    return tuple(row.get(column) for column in COLUMNS)


def metadata_schema():
    """pith's metadata as a Spark struct (Parquet output)."""
    from pyspark.sql.types import ArrayType, DoubleType, StringType, StructField, StructType

    strings = ["published", "site_name", "description", "canonical_url", "declared_language", "language"]
    return StructType(
        [StructField("authors", ArrayType(StringType()))]
        + [StructField(name, StringType()) for name in strings]
        + [StructField("language_confidence", DoubleType()), StructField("page_type", StringType())]
    )


def row_schema():
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType(
        [StructField(name, StringType()) for name in ("id", "url", "date", "title", "text")]
        + [StructField("metadata", metadata_schema()), StructField("error", StringType())]
    )


def run(spark, manifest: str, output: str, output_format: str = "jsonl", threads: Optional[int] = None, **options) -> None:
    """Extracts every page of the files MANIFEST lists into OUTPUT."""
    options = {"max_bytes": pith.DEFAULT_MAX_BYTES, **options}
    with open(manifest, encoding="utf-8") as lines:
        paths = [line.strip() for line in lines if line.strip()]
    context = spark.sparkContext
    # Executors import this module to run its functions.
    context.addPyFile(os.path.abspath(__file__))
    # One file a task.
    rows = context.parallelize(paths, max(1, len(paths))).mapPartitions(
        lambda files: extract_files(files, options, threads)
    )
    if output_format == "jsonl":
        lines = rows.map(lambda row: json.dumps(row, ensure_ascii=False))
        lines.saveAsTextFile(output, compressionCodecClass="org.apache.hadoop.io.compress.GzipCodec")
    elif output_format == "parquet":
        spark.createDataFrame(rows.map(as_columns), row_schema()).write.parquet(output)
    else:
        raise ValueError(f"unknown output format {output_format!r} (jsonl or parquet)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", help="a text file listing WARC or JSON Lines files, one a line")
    parser.add_argument("output", help="the output folder (must not exist)")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--threads", type=int, help="extraction threads per task (default: one per core)")
    parser.add_argument("--favor", choices=["precision", "balanced", "recall"], default="balanced")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("pith").getOrCreate()
    run(spark, args.manifest, args.output, args.format, args.threads, favor=args.favor)
    spark.stop()


if __name__ == "__main__":
    main()
