"""Which operations a response body could be the answer of, by the spec's 2xx response schemas.

A request that reaches the wrong handler (a trailing newline that made a get-one path match the
list route, issue 14) answers with the right status and a well-formed body of the wrong operation.
Each 2xx JSON schema of the spec is compiled once, as the server compiles its own (`SchemaCheck`, in
jsonschema_rs: a fuzz run matches thousands of bodies against all of them, which took seconds of CPU
in Python's jsonschema).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from ..spec import Spec, load_spec
from ..validation import SchemaCheck

__all__ = ["Answers", "answers"]


class Answers:
    """The 2xx JSON response schemas of every operation, told apart by what they are."""

    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._shape_of: dict[str, set[str]] = {}  # operationId -> the schemas it answers with
        self._validators: dict[str, SchemaCheck] = {}  # schema key -> its validator
        self._declared: dict[str, frozenset[str]] = {}  # schema key -> the top-level names it declares
        for op in spec.operations():
            for status, response in op.operation.get("responses", {}).items():
                if not str(status).startswith("2"):
                    continue
                media = spec.resolve(response).get("content", {}).get("application/json")
                if not media or "schema" not in media:
                    continue
                key = _key(media["schema"])
                self._shape_of.setdefault(op.operation_id, set()).add(key)
                if key not in self._validators:
                    self._validators[key] = SchemaCheck(spec, schema=media["schema"])
                    self._declared[key] = frozenset(self._names(media["schema"], ()))
        # A schema that takes any object (the spec document's own) tells nothing apart.
        self._catch_all = {key for key, validator in self._validators.items() if validator.is_valid({})}

    def _names(self, schema: Mapping[str, Any], seen: tuple[str, ...]) -> set[str]:
        """The property names a schema declares at its top level, through `$ref` and its branches."""
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return set() if ref in seen else self._names(self._spec.pointer(ref), (*seen, ref))
        names = set(schema.get("properties", {}))
        for combinator in ("allOf", "oneOf", "anyOf"):
            for branch in schema.get(combinator, ()):
                names |= self._names(branch, seen)
        return names

    def wrong_answer(self, operation_id: str, body: Any) -> list[str]:
        """The operations `body` looks like the answer of, when it does not look like this one's:
        it is invalid for this operation's schemas and valid for theirs, or valid for both but
        with top-level fields only theirs declare. [] when it is this operation's answer."""
        own = self.schemas_of(operation_id)
        if not own:
            return []
        matched = self.matching(body) - self._catch_all
        others = matched - own
        if not others:
            return []
        if matched & own:
            extra = (
                set(body) - set().union(*(self._declared[k] for k in own))
                if isinstance(body, dict)
                else set()
            )
            others = {k for k in others if extra and extra <= self._declared[k]}
        return [op for op in self.answered_by(others) if op != operation_id]

    def operations(self) -> frozenset[str]:
        return frozenset(self._shape_of)

    def schemas_of(self, operation_id: str) -> set[str]:
        return set(self._shape_of.get(operation_id, ()))

    def matching(self, body: Any) -> set[str]:
        """The schemas (by key) that `body` is valid against."""
        return {key for key, validator in self._validators.items() if validator.is_valid(body)}

    def answered_by(self, schemas: set[str]) -> list[str]:
        """The operations whose answers are of these schemas, in order."""
        return sorted(op for op, own in self._shape_of.items() if own & schemas)


def _key(schema: Mapping[str, Any]) -> str:
    """A component's name for a `$ref`, the schema's JSON otherwise (two operations sharing a
    component answer alike, and are not told apart)."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and len(schema) == 1:
        return ref.rsplit("/", 1)[-1]
    return json.dumps(schema, sort_keys=True)


@functools.cache
def answers() -> Answers:
    return Answers(load_spec())
