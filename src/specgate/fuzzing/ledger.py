"""What the fuzzer has sent: the secret values, and every other string (which may come back legally).

A secret "leaks" when a response holds it as a whole string, or holds a long one (12 characters or
more) inside a string. Short values and values the run also sent as ordinary data, or that the spec
itself holds (enum values, defaults, examples), prove nothing when they come back, so they are not
tracked. Nor are values found inside the server's own text (the string constants of specgate's code,
its messages among them): hypothesis draws strings from the constants of the code under test, so a
secret "must be an integer" came back in the 422 that says so, which is no echo. Nor are names: the
spec's field names are among its strings, and every key a request sends is ordinary, even when the
same request also sends that string as a secret's value: a 422 (or an `auth_value_keys`) that names
the key is the server naming a key, not repeating a value.
"""

from __future__ import annotations

import ast
import functools
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..masking import MASK, Shape, secret_values
from ..spec import Spec

__all__ = ["Ledger", "request_shapes", "strings"]

MIN_SECRET = 6
MIN_SUBSTRING = 12


def request_shapes(spec: Spec) -> dict[str, Shape]:
    """operationId -> the secret shape of its JSON request body (only operations with secrets)."""
    from ..masking import shape_of

    shapes = {}
    for op in spec.operations():
        body = op.operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body is None:
            continue
        shape = shape_of(spec, body["schema"]["$ref"].rsplit("/", 1)[1])
        if not shape.empty:
            shapes[op.operation_id] = shape
    return shapes


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def _keys(value: Any) -> Iterator[str]:
    """Every mapping key in a JSON value: names, never a secret's value."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _keys(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _keys(item)


def _spec_words(spec: Spec) -> set[str]:
    """Every string of the spec (enums, defaults, examples): the fuzzer sends them, and they come back."""
    return set(strings(spec.document))


def _constants(tree: ast.AST) -> Iterator[str]:
    """The string constants of a module (f-strings' fixed parts too), but its docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


@functools.cache
def server_text() -> str:
    """Every string constant of specgate's code, one a line: what the server may say of its own."""
    package = Path(__file__).resolve().parent.parent
    found: set[str] = set()
    for source in sorted(package.rglob("*.py")):
        found.update(_constants(ast.parse(source.read_text(encoding="utf-8"))))
    return "\n".join(sorted(found))


class Ledger:
    """Thread-safe record of one run's secrets and ordinary strings."""

    def __init__(self, spec: Spec) -> None:
        self.shapes = request_shapes(spec)
        self._spec_words = _spec_words(spec) | {MASK}
        self._server_text = server_text()
        self._secrets: set[str] = set()
        self._ordinary: set[str] = set()
        self._lock = threading.Lock()

    def record(self, operation_id: str | None, body: Any, *others: Any) -> None:
        """Remember a request: its secret values, and every other string it held."""
        shape = self.shapes.get(operation_id or "")
        # Every string at a secret's place, even of the wrong type (negative data sends lists too).
        at_secrets = (
            Counter(s for value in secret_values(body, shape) for s in strings(value)) if shape else Counter()
        )
        parts = (body, *others)
        # A key is a name, even where a value of the same request is the same string.
        names = {k for part in parts for k in _keys(part)}
        # A string is ordinary when it is sent anywhere but at a secret's place, even if the same request
        # sends it as a secret too (hypothesis reuses what it drew: a name equal to a token comes back
        # as the name).
        everywhere = Counter(s for part in parts for s in strings(part))
        ordinary = {s for s, n in everywhere.items() if n > at_secrets[s]} | names
        with self._lock:
            self._ordinary |= ordinary
            self._secrets |= {s for s in at_secrets if len(s) >= MIN_SECRET and s not in self._server_text}

    def leaks(self, texts: Iterator[str]) -> list[str]:
        """The tracked secrets that appear in `texts` (whole, or inside when long)."""
        with self._lock:
            secrets = self._secrets - self._ordinary - self._spec_words
        found = []
        for text in texts:
            if text in secrets:
                found.append(text)
                continue
            found.extend(s for s in secrets if len(s) >= MIN_SUBSTRING and s in text)
        return found
