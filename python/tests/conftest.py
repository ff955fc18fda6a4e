"""Shared paths: the repository, its fixtures, and the CLI the records are
compared with (PITH_BIN, else target/release/pith, as .ci/run builds it)."""

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
