"""Where the secrets of a resource are, read from the spec's marks, and how they are masked.

A request schema marks each secret property with `x-secret: true` (next to `writeOnly` and
`format: password`), and each field that decides where a secret is sent with `x-secret-destination`.
`Shape` is that reading of one schema: pure data, so the merge rules, the server and client code can
all use it without I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .spec import Spec

__all__ = ["MASK", "Shape", "map_secrets", "mask", "secret_values", "shape_of"]

MASK = "********"
"""What a response shows in place of a stored secret (the spec's `SecretMask`)."""


@dataclass(frozen=True)
class Shape:
    """The secret-bearing part of a schema.

    `secret`: this value is a secret. `fields`: properties that are or hold secrets. `items`: the
    shape of each array item. `values`: the shape of each value of a map (`additionalProperties`).
    `destinations`: properties of this object whose change redirects its secrets. `destination_keys`:
    keys of this map whose change redirects its other values (oauth2's `auth_url`).
    """

    secret: bool = False
    fields: Mapping[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    values: Shape | None = None
    destinations: frozenset[str] = frozenset()
    destination_keys: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.secret or self.fields or self.items or self.values)


def shape_of(spec: Spec, schema_name: str) -> Shape:
    """Read the secret shape of `components/schemas/<schema_name>`."""
    return _shape(spec, spec.schema(schema_name), ())


def _shape(spec: Spec, schema: Mapping[str, Any], seen: tuple[str, ...]) -> Shape:
    ref = schema.get("$ref")
    if ref is not None:
        if ref in seen:  # a recursive schema holds no more secrets the second time round
            return Shape()
        return _shape(spec, spec.resolve(schema), (*seen, ref))
    if schema.get("x-secret"):
        return Shape(secret=True)
    fields: dict[str, Shape] = {}
    destinations: set[str] = set()
    for branch in (*schema.get("oneOf", ()), *schema.get("anyOf", ()), *schema.get("allOf", ())):
        sub = _shape(spec, branch, seen)
        fields.update(sub.fields)
        destinations |= sub.destinations
    for name, prop in schema.get("properties", {}).items():
        if prop.get("x-secret-destination"):
            destinations.add(name)
        sub = _shape(spec, prop, seen)
        if not sub.empty:
            fields[name] = sub
    items = _shape(spec, schema["items"], seen) if isinstance(schema.get("items"), dict) else None
    extra = schema.get("additionalProperties")
    values = _shape(spec, extra, seen) if isinstance(extra, dict) else None
    return Shape(
        fields=fields,
        items=items if items and not items.empty else None,
        values=values if values and not values.empty else None,
        destinations=frozenset(destinations) if fields or values else frozenset(),
        destination_keys=frozenset(schema.get("x-secret-destination-keys", ())),
    )


def map_secrets(document: Any, shape: Shape, fn: Callable[[Any], Any]) -> Any:
    """A copy of `document` with `fn` applied to every secret value present (None is left alone)."""
    if shape.secret:
        return document if document is None else fn(document)
    if isinstance(document, list):
        return [map_secrets(item, shape.items, fn) for item in document] if shape.items else document
    if not isinstance(document, dict):
        return document
    out = dict(document)
    for name, sub in shape.fields.items():
        if name in out:
            out[name] = map_secrets(out[name], sub, fn)
    if shape.values is not None:
        for key, value in out.items():
            if key not in shape.fields:
                out[key] = map_secrets(value, shape.values, fn)
    return out


def mask(document: Any, shape: Shape) -> Any:
    """A copy of `document` with every stored secret replaced by `MASK`."""
    return map_secrets(document, shape, lambda _: MASK)


def secret_values(document: Any, shape: Shape) -> Iterator[Any]:
    """Every secret value in `document` (for checks that none of them leaks)."""
    found: list[Any] = []
    map_secrets(document, shape, found.append)
    return iter(found)
