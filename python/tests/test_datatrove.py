"""pith.datatrove.PithExtractor in a real datatrove pipeline: JSON Lines
reader, the extractor, JSON Lines writer, run by LocalPipelineExecutor."""

import json

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import pith
from conftest import FIXTURES, read_gzipped_jsonl
from pith.datatrove import PithExtractor

UTF8_PAGES = ["ar", "en", "es", "fr", "hi", "id", "pt", "tr", "vi"]


def test_pith_extractor_runs_in_a_local_pipeline(tmp_path):
    pages = {name: (FIXTURES / "families" / f"{name}.html").read_text(encoding="utf-8") for name in UTF8_PAGES}
    documents = [{"id": name, "text": html, "metadata": {"language": "xx", "source": "test"}} for name, html in pages.items()]
    documents.append({"id": "too-large", "text": "<p>" + "word " * 30_000, "metadata": {}})
    documents.append({"id": "no-article", "text": "<html><body></body></html>", "metadata": {}})
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "docs.jsonl", "w", encoding="utf-8") as file:
        file.writelines(json.dumps(document) + "\n" for document in documents)

    extractor = PithExtractor(max_bytes=100_000, threads=2)
    assert isinstance(extractor, BaseExtractor)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            extractor,
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()

    written = read_gzipped_jsonl(tmp_path / "out", "*.jsonl.gz")
    assert [document["id"] for document in written] == UTF8_PAGES
    for document in written:
        record = pith.extract(pages[document["id"]])
        assert document["text"] == record["text"] != ""
        metadata = document["metadata"]
        # The document's own keys stay; pith's clashing one is prefixed.
        assert metadata["language"] == "xx" and metadata["source"] == "test"
        assert metadata["pith_language"] == record["metadata"]["language"]
        assert metadata["title"] == record["title"]
        assert metadata["page_type"] == record["metadata"]["page_type"]

    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    [extractor_stats] = [step for step in stats if step["name"].endswith(PithExtractor.name)]
    counts = {key: value["total"] if isinstance(value, dict) else value for key, value in extractor_stats["stats"].items()}
    assert counts["total"] == len(documents)
    assert counts["extracted"] == len(UTF8_PAGES) + 1
    assert counts["clean_error"] == 1
    assert counts["dropped"] == 1
    assert counts["forwarded"] == len(UTF8_PAGES)


def test_extract_gives_the_article_text():
    html = (FIXTURES / "families" / "en.html").read_text(encoding="utf-8")
    assert PithExtractor(favor="precision").extract(html) == pith.extract(html, favor="precision")["text"]
