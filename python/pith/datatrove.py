"""pith as a datatrove extractor: ``PithExtractor`` goes where datatrove's
``Trafilatura`` goes in a pipeline. Importing this module imports datatrove
(``pip install datatrove``); ``import pith`` alone does not.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from pith.datatrove import PithExtractor

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), PithExtractor(), JsonlWriter("out/")],
        tasks=4,
    ).run()
"""

from __future__ import annotations

from typing import Any, Optional

from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

import pith

# Documents handed to extract_many at once: enough to keep every thread
# busy, few enough to bound the HTML held.
BATCH_DOCUMENTS = 256

# What a key of pith's metadata takes before it where the document's
# metadata has one of that name (the CLI's JSON Lines records do the same).
CLASH_PREFIX = "pith_"


class PithExtractor(BaseExtractor):
    """Extracts each document's article text with pith.

    Documents are extracted in batches of ``BATCH_DOCUMENTS`` by
    ``pith.extract_many`` on ``threads`` threads, in this process (pith
    has its own per-page time limit and never lets a page crash it, so no
    sandbox process is needed). Each document's ``text`` becomes the
    article text; pith's metadata (``title``, ``language``, ``published``,
    ``authors``, ``page_type``, ...) is added to ``doc.metadata``, a key the
    document already has going in as ``pith_<key>``, nothing overwritten.
    A document that cannot be extracted (not HTML, too large, over its
    time) is counted under ``clean_error`` (``timeout`` for time) and
    dropped, as datatrove's extractors drop theirs; so is one whose text
    comes out empty (``dropped``).

    Options are ``pith.extract``'s; ``threads`` is ``pith.extract_many``'s
    (``None``: one per core; with several datatrove tasks per machine, 1).
    """

    name = "🪨 pith"

    def __init__(
        self,
        *,
        favor: str = "balanced",
        include_title: bool = False,
        metadata: bool = True,
        timeout_ms: Optional[int] = pith.DEFAULT_TIMEOUT_MS,
        max_bytes: int = pith.DEFAULT_MAX_BYTES,
        threads: Optional[int] = None,
    ):
        super().__init__(timeout=(timeout_ms or 0) / 1000)
        self.options = dict(
            favor=favor,
            include_title=include_title,
            metadata=metadata,
            timeout_ms=timeout_ms,
            max_bytes=max_bytes,
        )
        self.threads = threads

    def extract(self, text: str) -> str:
        """The article text of one page (``BaseExtractor``'s interface)."""
        return pith.extract(text, **self.options)["text"]

    def run(self, data, rank: int = 0, world_size: int = 1):
        batch = []
        for document in data:
            batch.append(document)
            if len(batch) == BATCH_DOCUMENTS:
                yield from self._extract_batch(batch)
                batch = []
        yield from self._extract_batch(batch)

    def _extract_batch(self, documents: list):
        if not documents:
            return
        with self.track_time(unit="batch"):
            records = pith.extract_many((doc.text for doc in documents), threads=self.threads, **self.options)
        for document, record in zip(documents, records):
            self.stat_update(StatHints.total)
            if "error" in record:
                self.stat_update("timeout" if record["error"].startswith("timed out") else "clean_error")
                continue
            self.stat_update("extracted")
            document.text = record["text"]
            _merge_metadata(document.metadata, record)
            if document.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(document)
                yield document
            else:
                self.stat_update(StatHints.dropped)


def _merge_metadata(own: dict[str, Any], record: dict[str, Any]) -> None:
    """Adds the record's title and metadata to a document's metadata."""
    ours = dict(record["metadata"])
    if record["title"] is not None:
        ours = {"title": record["title"], **ours}
    for key, value in ours.items():
        own.setdefault(CLASH_PREFIX + key if key in own else key, value)
