"""SHA-256 for the request path: the same digest as `hashlib.sha256`, from CPython's own code.

`hashlib.sha256` goes through OpenSSL 3, which looks the algorithm up on every call; under uvicorn
that cost a GET about 4 us of ~90 (measured side by side with wrk), for a 50-byte API key. CPython
ships its own SHA-256 (`_sha256` up to 3.11, `_sha2` from 3.12); hashlib's is the fallback where a
build leaves them out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

__all__ = ["sha256_hex"]


def _builtin_sha256() -> Callable[[bytes], Any]:
    for module in ("_sha2", "_sha256"):
        try:
            return __import__(module).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    return hashlib.sha256


_sha256 = _builtin_sha256()


def sha256_hex(data: bytes) -> str:
    """The hex SHA-256 of `data`."""
    return str(_sha256(data).hexdigest())
