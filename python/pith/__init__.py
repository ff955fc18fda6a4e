"""pith: the clean text of a web page's article, extracted in Rust.

``extract`` takes one page, ``extract_many`` a list of them (in parallel,
in Rust); both release the GIL while they work, so Python threads calling
them run in parallel too. Each result is a dict with the fields and values
of the record ``pith extract --format jsonl`` writes for the same page:
``{"title", "text", "metadata": {...}}``, or ``{"text": "", "error"}`` for a
page ``extract_many`` could not extract.

``pith.datatrove.PithExtractor`` is a datatrove extractor (importing it
imports datatrove); ``examples/spark/`` in the repository runs pith on a
Spark cluster.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

from ._pith import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, ExtractError
from ._pith import extract as _extract
from ._pith import extract_many as _extract_many

__all__ = ["extract", "extract_many", "ExtractError", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT_MS"]

def extract(
    html: Union[bytes, str],
    *,
    url: Optional[str] = None,
    charset: Optional[str] = None,
    favor: str = "balanced",
    include_title: bool = False,
    metadata: bool = True,
    timeout_ms: Optional[int] = DEFAULT_TIMEOUT_MS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Extract the article of one page.

    html: the page as ``bytes`` (any encoding, detected as the CLI does:
        a byte-order mark, then ``<meta charset>``, then detection; gzip is
        undone) or as ``str`` (already decoded: any declared charset is
        ignored).
    url: carried into the result as ``"url"`` (first), as the CLI's records
        carry a WARC record's URL; extraction does not use it.
    charset: the charset the page's transport declared (the ``charset`` of
        an HTTP ``Content-Type`` header), used for ``bytes`` after a
        byte-order mark and before the page's ``<meta>``, as browsers and
        the CLI's WARC reader do.
    favor: ``"precision"`` (drop doubtful blocks), ``"balanced"`` or
        ``"recall"`` (keep doubtful short blocks around the article).
    include_title: open the text with the title and a blank line (the
        CLI's JSON Lines records never do; its text files do).
    metadata: collect ``metadata`` (authors, published, site_name,
        description, canonical_url, declared_language, language,
        language_confidence, page_type; absent facts left out). Off, it is
        ``{}`` and extraction is faster.
    timeout_ms: time allowed for the page; ``None`` or 0 allows any time.
    max_bytes: pages larger than this (before or after gunzip) are refused.

    Returns ``{"title": str | None, "text": str, "metadata": dict}``; a page
    with no article gives an empty text, not an error.

    Raises ``ExtractError`` (a ``ValueError``) with the reason when the page
    cannot be extracted: not HTML (an image, a PDF, random bytes), over
    ``max_bytes``, over ``timeout_ms``, corrupt gzip. ``TypeError`` when
    ``html`` is neither bytes nor str, ``ValueError`` for an unknown
    ``favor``.

    Example: ``pith.extract(open("page.html", "rb").read())["text"]``.
    """
    return _extract(html, url, charset, favor, include_title, metadata, timeout_ms, max_bytes)


def extract_many(
    pages: Iterable[Union[bytes, str]],
    *,
    charsets: Optional[Sequence[Optional[str]]] = None,
    threads: Optional[int] = None,
    favor: str = "balanced",
    include_title: bool = False,
    metadata: bool = True,
    timeout_ms: Optional[int] = DEFAULT_TIMEOUT_MS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[dict[str, Any]]:
    """Extract many pages in parallel, in Rust, and return one dict per page
    in input order.

    pages: ``bytes`` or ``str`` pages, as ``extract`` takes them (the
        iterable is read whole before extraction starts).
    charsets: one transport charset per page (``None`` where unknown), as
        ``extract``'s ``charset``; ``ValueError`` when there are not as
        many as pages.
    threads: worker threads; ``None`` or 0 uses one per core.
    The other options are ``extract``'s.

    A page that cannot be extracted does not raise: its dict is
    ``{"text": "", "error": "<reason>"}``, as in the CLI's records, and the
    rest of the batch is returned. Raises ``TypeError`` when a page is
    neither bytes nor str (before anything is extracted).
    """
    return _extract_many(pages, charsets, threads, favor, include_title, metadata, timeout_ms, max_bytes)
