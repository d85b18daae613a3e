"""Where the secrets of a resource are, read from the spec's marks, and how they are masked.

A request schema marks each secret property with `x-secret: true` (next to `writeOnly` and
`format: password`), and each field that decides where or how a secret is sent with
`x-secret-destination` (`true`: the whole value; a list of names: those entries of a map, such as the
`Host` entry of `headers`).
`Shape` is that reading of one schema: pure data, so the merge rules, the server and client code can
all use it without I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol


class Spec(Protocol):
    """What the marks are read from (`specgate.spec.Spec`). A protocol, not an import: this module stays
    pure stdlib, so `make generate` can copy it into the client package (which has no YAML reader)."""

    def schema(self, name: str) -> Mapping[str, Any]: ...

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]: ...


__all__ = ["MASK", "Shape", "map_secrets", "mask", "secret_values", "shape_of"]

MASK = "********"
"""What a response shows in place of a stored secret (the spec's `SecretMask`)."""


@dataclass(frozen=True)
class Shape:
    """The secret-bearing part of a schema.

    `secret`: this value is a secret. `fields`: properties that are or hold secrets. `items`: the
    shape of each array item. `values`: the shape of each value of a map (`additionalProperties`).
    `destinations`: properties of this object whose change redirects its secrets. `destination_keys`:
    keys of this map whose change redirects its other values (oauth2's `auth_url`). `destination_entries`:
    for a destination that is a map, the only entries that count (lower-cased names: `headers` counts
    its `Host` entry alone). `keys_field`: the field in which a read body lists this map's keys
    instead of the map (`auth_value_keys`). `links`: properties that name another resource whose own
    destinations are destinations of these secrets (`x-secret-destination-link`: property -> the
    write schema of that resource; a service's `upstream_id`). `destination_for`: the reverse, on a
    resource without secrets of its own: properties that name a resource whose secrets travel to
    this object's `destinations` (`x-secret-destination-for`: property -> that resource's write
    schema; a tool's `service_id`: the tool service's auth values go where its tools' definitions say).
    """

    secret: bool = False
    fields: Mapping[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    values: Shape | None = None
    destinations: frozenset[str] = frozenset()
    destination_keys: frozenset[str] = frozenset()
    destination_entries: Mapping[str, frozenset[str]] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    destination_for: Mapping[str, str] = field(default_factory=dict)
    keys_field: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.secret or self.fields or self.items or self.values)


def shape_of(spec: Spec, schema_name: str) -> Shape:
    """Read the secret shape of `components/schemas/<schema_name>`."""
    return _shape(spec, spec.schema(schema_name), ())


def _shape(spec: Spec, schema: Mapping[str, Any], seen: tuple[str, ...]) -> Shape:
    ref = schema.get("$ref")
    if ref is not None:
        # A recursive schema holds no more secrets the second time round.
        target = Shape() if ref in seen else _shape(spec, spec.resolve(schema), (*seen, ref))
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        return _union(target, _shape(spec, siblings, seen)) if siblings else target  # 3.1: marks beside $ref
    if schema.get("x-secret"):
        return Shape(secret=True)
    fields: dict[str, Shape] = {}
    destinations: set[str] = set()
    entries: dict[str, frozenset[str]] = {}
    links: dict[str, str] = {}
    destination_for: dict[str, str] = {}
    for name, prop in schema.get("properties", {}).items():
        if prop.get("x-secret-destination-link"):
            links[name] = str(prop["x-secret-destination-link"])
        if prop.get("x-secret-destination-for"):
            destination_for[name] = str(prop["x-secret-destination-for"])
        mark = prop.get("x-secret-destination")
        if mark:
            destinations.add(name)
        if isinstance(mark, list):
            entries[name] = frozenset(str(entry).lower() for entry in mark)
        sub = _shape(spec, prop, seen)
        if not sub.empty:
            fields[name] = sub
    items = _shape(spec, schema["items"], seen) if isinstance(schema.get("items"), dict) else None
    extra = schema.get("additionalProperties")
    values = _shape(spec, extra, seen) if isinstance(extra, dict) else None
    shape = Shape(
        fields=fields,
        items=items if items and not items.empty else None,
        values=values if values and not values.empty else None,
        destinations=frozenset(destinations),
        destination_keys=frozenset(schema.get("x-secret-destination-keys", ())),
        destination_entries=entries,
        links=links,
        destination_for=destination_for,
        keys_field=schema.get("x-secret-keys-field"),
    )
    for branch in (*schema.get("oneOf", ()), *schema.get("anyOf", ()), *schema.get("allOf", ())):
        shape = _union(shape, _shape(spec, branch, seen))  # every part of a branch, not just its fields
    if shape.fields or shape.values or shape.destination_for:
        return shape
    return replace(shape, destinations=frozenset(), destination_entries={}, links={})


def _union(a: Shape, b: Shape) -> Shape:
    """The secrets of either shape (a schema and its branches, or a `$ref` and its siblings)."""
    fields = dict(a.fields)
    for name, sub in b.fields.items():
        fields[name] = _union(fields[name], sub) if name in fields else sub

    def either(x: Shape | None, y: Shape | None) -> Shape | None:
        return y if x is None else x if y is None else _union(x, y)

    return Shape(
        secret=a.secret or b.secret,
        fields=fields,
        items=either(a.items, b.items),
        values=either(a.values, b.values),
        destinations=a.destinations | b.destinations,
        destination_keys=a.destination_keys | b.destination_keys,
        destination_entries=_union_entries(a, b),
        links={**a.links, **b.links},
        destination_for={**a.destination_for, **b.destination_for},
        keys_field=a.keys_field or b.keys_field,
    )


def _union_entries(a: Shape, b: Shape) -> dict[str, frozenset[str]]:
    """A map destination counts only some of its entries unless either shape counts all of it."""
    out: dict[str, frozenset[str]] = {}
    for name in a.destinations | b.destinations:
        sides = [s for s in (a, b) if name in s.destinations]
        if all(name in s.destination_entries for s in sides):
            out[name] = frozenset().union(*(s.destination_entries[name] for s in sides))
    return out


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
