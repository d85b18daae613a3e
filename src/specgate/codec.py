"""JSON in and out: orjson's speed, without its two limits.

orjson refuses to write integers beyond 64 bits and strings with lone surrogates, and reads such
integers as floats. A free-form field (a tool's `definition`) can hold either, so those documents
go through the standard library, which is exact: a request that JSON allows is never a 500, and
no number changes on its way through storage.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["FOLD", "LONG_DIGITS", "dumps", "embed", "loads"]

# A JSON text's bytes with each digit made "0" and "E" made "e" (`raw.translate(FOLD)`): what its
# numbers may hold is then found by substring searches, one C pass each, where a regex search tried a
# match at every byte (a sixth of a PUT's instructions). Read here, by `storable.body_errors` and by
# `server.inputs.plain_body`.
FOLD = bytes(0x30 if 0x30 <= b <= 0x39 else 0x65 if b == 0x45 else b for b in range(256))
# 19 digits in a row may be an integer beyond 64 bits (2**63 has 19): such a text is read exactly.
LONG_DIGITS = b"0" * 19


def dumps(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # an integer beyond 64 bits, or a lone surrogate
        return json.dumps(value, separators=(",", ":")).encode()


def loads(data: bytes | str) -> Any:
    raw = data.encode() if isinstance(data, str) else data
    if LONG_DIGITS in raw.translate(FOLD):
        return json.loads(raw)
    return orjson.loads(raw)


def embed(body: bytes | memoryview, name: str, value: bytes | memoryview | None) -> bytes:
    """`body` (a JSON object) with `"name": value` added, without parsing either."""
    body = bytes(body)
    if value is None:
        return body
    return b'%s,"%s":%s}' % (body[:-1], name.encode(), bytes(value))
