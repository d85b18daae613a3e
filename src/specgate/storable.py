"""What the store can keep: text without NUL or lone surrogates, and finite JSON numbers.

PostgreSQL refuses a NUL character in text (a `DataError`, which was a 500), and a lone surrogate
cannot be encoded as UTF-8 for either database. JSON (RFC 8259) has no NaN or Infinity, and a number
beyond a double (1e400) would be read as Infinity; pydantic accepts all three and stores them as
null. Each is refused here, generically, with the field named, before anything is stored.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterator
from typing import Any

from .codec import FOLD
from .errors import FieldError, Loc

__all__ = ["NOT_FINITE", "NUL", "SURROGATE", "TEXT_RULE_TYPES", "body_errors", "text_error"]

MAX_ERRORS = 100  # a body of a million NULs gets a short answer

NUL = "string_nul"
SURROGATE = "string_surrogate"
NOT_FINITE = "number_not_finite"
TEXT_RULE_TYPES = frozenset({NUL, SURROGATE, NOT_FINITE})

# A body can only hold one of them if its bytes hold one of these: other bodies skip the walk.
_SUSPECT = re.compile(rb"\\u0000|\\u[dD][89abcdefABCDEF]|NaN|Infinity|[eE][+]?0*[0-9]{3}")
# ... and it can only match where these substrings are in the bytes folded by `codec.FOLD`.
_CLUES = (b"\\u", b"NaN", b"Infinity", b"e0", b"e+0")


class _NotFinite:
    """Where the body had NaN, Infinity or a number too large for a double."""


def text_error(value: str) -> FieldError | None:
    """Why `value` cannot be stored (with an empty `loc`), or None."""
    if "\x00" in value:
        return FieldError((), "must not contain a NUL character (U+0000)", NUL)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return FieldError((), "must not contain a lone surrogate (it has no UTF-8 form)", SURROGATE)
    return None


def body_errors(raw: bytes) -> list[FieldError]:
    """Every place in a JSON body whose value (or key) cannot be stored; [] for a body that is fine
    or is not JSON at all (the model's validation reports that)."""
    folded = raw.translate(FOLD)
    if not any(clue in folded for clue in _CLUES) or not _SUSPECT.search(raw):
        return []
    try:
        data = json.loads(raw, parse_constant=lambda _: _NotFinite(), parse_float=_float)
    except ValueError:
        return []
    return list(itertools.islice(_walk(data, ("body",)), MAX_ERRORS))


def _float(text: str) -> float | _NotFinite:
    value = float(text)
    return value if math.isfinite(value) else _NotFinite()


def _walk(value: Any, loc: Loc) -> Iterator[FieldError]:
    if isinstance(value, _NotFinite):
        yield FieldError(loc, "must be a finite number (JSON has no NaN or Infinity)", NOT_FINITE)
    elif isinstance(value, str):
        error = text_error(value)
        if error is not None:
            yield FieldError(loc, error.msg, error.type)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            error = text_error(key)
            if error is not None:
                # The key is named with the bad character escaped, so the answer can hold it.
                yield FieldError((*loc, _escaped(key)), "this key " + error.msg, error.type)
            else:
                yield from _walk(item, (*loc, key))


def _escaped(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
