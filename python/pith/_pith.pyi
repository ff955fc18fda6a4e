# Stubs of the native module; the documented API is in pith/__init__.py.
from typing import Any, Iterable, Optional, Sequence, Union

DEFAULT_MAX_BYTES: int
DEFAULT_TIMEOUT_MS: int

class ExtractError(ValueError):
    """A page that cannot be extracted; the message says why."""

def extract(
    html: Union[bytes, str],
    url: Optional[str],
    charset: Optional[str],
    favor: str,
    include_title: bool,
    metadata: bool,
    timeout_ms: Optional[int],
    max_bytes: int,
    /,
) -> dict[str, Any]: ...
def extract_many(
    pages: Iterable[Union[bytes, str]],
    charsets: Optional[Sequence[Optional[str]]],
    threads: Optional[int],
    favor: str,
    include_title: bool,
    metadata: bool,
    timeout_ms: Optional[int],
    max_bytes: int,
    /,
) -> list[dict[str, Any]]: ...
