"""Shared paths: the repository, its fixtures, and the CLI the records are
compared with (PITH_BIN, else target/release/pith, as .ci/run builds it)."""

import gzip
import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "pages"


@pytest.fixture(scope="session")
def pith_bin() -> Path:
    path = Path(os.environ.get("PITH_BIN", REPO / "target" / "release" / "pith"))
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `cargo build --release` first (or set PITH_BIN)")
    return path


def fixture_pages() -> list[Path]:
    """Every fixture page (.html and .html.gz), sorted as the CLI walks them."""
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name.endswith((".html", ".html.gz")))


def read_gzipped_jsonl(folder: Path, pattern: str) -> list:
    """The records of the gzipped JSON Lines files matching `pattern` in `folder`, in name order."""
    records = []
    for path in sorted(folder.glob(pattern)):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines]
    return records
