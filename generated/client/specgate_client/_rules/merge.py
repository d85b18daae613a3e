"""The update (PUT) rules for secrets, as pure functions over plain data.

For every secret-bearing map (`auth_values`, each `credentials` object), per key of the request:

    | the request has the key...                         | result                                    |
    | -------------------------------------------------- | ----------------------------------------- |
    | with a new value                                   | replaced (sealed: encrypted by the caller) |
    | with `null`                                        | stored value kept                         |
    | with the mask "********" (a GET body sent back)    | stored value kept                         |
    | left out                                           | removed (PUT replaces the whole resource) |

A secret is sent only where it was sent when it was written. Keeping is refused when nothing is
stored to keep, or when the same request changes where or how the secret would travel: a field marked
`x-secret-destination` (all of it, or the entries it lists, such as the `Host` of `headers`), a key
marked in `x-secret-destination-keys`, or the destinations of a resource a field links to
(`x-secret-destination-link`: a service's upstream), or of the resources that link to this one
(`x-secret-destination-for`: a tool service's tools), recorded with the document when it is written.

In a fixed-field object (`credentials`), `null` for a secret with nothing stored is absent ("nothing
to keep": generated clients send null for every unset field); the mask with nothing stored, and a key
of a named map (`auth_values`) never stored, are refused. A map whose every value is secret
(`auth_values`) left out or `null` keeps every stored value; when a destination changes it is refused
like any kept value (send the values again, or `{}` to remove them). Array items are matched to
stored items by `id`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from .errors import FieldError, InvalidRequest, Loc
from .masking import MASK, Shape

__all__ = [
    "LINKED",
    "destination_fingerprint",
    "destinations",
    "held_back",
    "merge_update",
    "moved_destination",
    "update_body",
]

LINKED = "linked_destinations"
"""The key under which a stored document records the destinations of the resources it links to
(`x-secret-destination-link`), as they were when its secrets were written: per link, one
fingerprint (a service's upstream) or a list of them (the tools of a tool service, each one's own).
Server-owned: no write schema has it, and no response shows it."""

_ABSENT = object()
MOVED = "secret_destination_changed"

Linked = str | list[str]
"""A link's destinations: one resource's fingerprint, or the fingerprints of several (any order)."""


def merge_update(
    stored: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    shape: Shape,
    *,
    seal: Callable[[str], str],
    loc: Loc = ("body",),
    linked: Mapping[str, Linked] | None = None,
    holds: Callable[[str, Any], bool] | None = None,
) -> dict[str, Any]:
    """The document to store when `incoming` replaces `stored`; raises InvalidRequest naming each field.

    `holds(value, sealed)`: whether the stored sealed value at a place already seals the new value
    sent there; it is then kept as stored rather than sealed again (same value, no new encryption).

    `linked`: for each field of `shape.links` that names a resource, that resource's
    `destination_fingerprint` now; for resources linking to this one, the list of theirs. It is
    recorded under `LINKED`, and a destination not recorded in `stored` is a destination change (a
    service's upstream re-targeted; a tool added to a tool service, or its definition changed).
    """
    moved = None
    if linked is not None:
        incoming = {**incoming, LINKED: dict(linked)}
        moved = _link_moved(stored, linked)
    errors: list[FieldError] = []
    merged = _merge_object(stored, incoming, shape, _Context(seal, errors, holds), loc, moved)
    if errors:
        raise InvalidRequest(errors)
    return merged


class _Context:
    def __init__(
        self,
        seal: Callable[[str], str],
        errors: list[FieldError],
        holds: Callable[[str, Any], bool] | None = None,
    ) -> None:
        self.seal = seal
        self.errors = errors
        self.holds = holds


def _merge(stored: Any, incoming: Any, shape: Shape, ctx: _Context, loc: Loc, moved: str | None) -> Any:
    if shape.secret:
        return _merge_secret(stored, incoming, ctx, loc, moved)
    if isinstance(incoming, list) and shape.items is not None:
        return _merge_items(stored, incoming, shape.items, ctx, loc, moved)
    if isinstance(incoming, dict):
        return _merge_object(stored, incoming, shape, ctx, loc, moved)
    return incoming


def _merge_secret(stored: Any, incoming: Any, ctx: _Context, loc: Loc, moved: str | None) -> Any:
    """One secret value: a new value is sealed; null or the mask keeps what is stored."""
    if incoming is not None and incoming != MASK:
        if stored is not None and ctx.holds is not None and ctx.holds(incoming, stored):
            return stored  # the same value, already sealed
        return ctx.seal(incoming)
    if stored is None:
        ctx.errors.append(FieldError(loc, "nothing is stored to keep; send the secret", "secret_not_stored"))
    elif moved is not None:
        msg = f"{moved}, so the stored secret is not kept; send it again"
        ctx.errors.append(FieldError(loc, msg, MOVED))
    return stored


def _merge_items(
    stored: Any, incoming: list[Any], shape: Shape, ctx: _Context, loc: Loc, moved: str | None
) -> list[Any]:
    """Array items are matched to stored items by `id`; an item without a known id is new."""
    by_id = {
        item["id"]: item for item in stored or () if isinstance(item, dict) and item.get("id") is not None
    }
    return [
        _merge(
            by_id.get(item.get("id")) if isinstance(item, dict) else None,
            item,
            shape,
            ctx,
            (*loc, i),
            moved,
        )
        for i, item in enumerate(incoming)
    ]


def _merge_object(
    stored: Any,
    incoming: Mapping[str, Any],
    shape: Shape,
    ctx: _Context,
    loc: Loc,
    moved: str | None,
) -> dict[str, Any]:
    old: Mapping[str, Any] = stored if isinstance(stored, dict) else {}
    if moved is None and isinstance(stored, dict):
        name = moved_destination(old, incoming, shape)
        moved = None if name is None else f"{name} changes in this request"
    out: dict[str, Any] = {}
    fields, values = shape.fields, shape.values
    for key, value in incoming.items():
        sub = fields.get(key, values)
        if sub is None:
            out[key] = value
        elif value is None and sub.values is not None:
            _keep_map(out, key, old, ctx, (*loc, key), moved)
        elif value is None and sub.secret and key in fields and old.get(key) is None:
            continue  # a fixed secret field sent as null with nothing stored: nothing to keep, absent
        else:
            out[key] = _merge(old.get(key), value, sub, ctx, (*loc, key), moved)
    for key, sub in fields.items():
        if key not in incoming and sub.values is not None:
            _keep_map(out, key, old, ctx, (*loc, key), moved)
    return out


def _keep_map(
    out: dict[str, Any], key: str, old: Mapping[str, Any], ctx: _Context, loc: Loc, moved: str | None
) -> None:
    """A secret map left out or null keeps every stored value; refused, never dropped, when a
    destination moves (the caller sends the values again, or `{}` to remove them)."""
    if not old.get(key):
        return
    if moved is None:
        out[key] = old[key]
        return
    msg = f"{moved}, so the stored values are not kept; send them again (or {{}} to remove them)"
    ctx.errors.append(FieldError(loc, msg, MOVED))


def moved_destination(old: Mapping[str, Any], incoming: Mapping[str, Any], shape: Shape) -> str | None:
    """The first destination of this object's secrets that `incoming` changes from `old`, if any.

    A field marked `x-secret-destination` changes when its value does (for a map destination such as
    `headers`, only the listed entries count, names compared without case). A key of
    `x-secret-destination-keys` (stored encrypted, so not read) changes when it is left out, added,
    or sent with a new value rather than `null` or the mask.
    """
    for name in _in_order(shape.destinations):
        entries = shape.destination_entries.get(name)
        sent, had = incoming.get(name), old.get(name)
        if entries is None and sent == had:
            continue  # the common case, without building the comparison values
        if _destination_value(sent, entries) != _destination_value(had, entries):
            return name if entries is None else f"{name} ({', '.join(sorted(entries))})"
    if not shape.destination_keys:
        return None
    stored_keys = {k.lower() for k in old}
    sent_values: dict[str, list[Any]] = {}
    for k, v in incoming.items():
        sent_values.setdefault(k.lower(), []).append(v)
    for key in _in_order(shape.destination_keys):
        sent = sent_values.get(key.lower(), [])
        if (key.lower() in stored_keys and not sent) or any(v is not None and v != MASK for v in sent):
            return key
    return None


@functools.lru_cache(maxsize=256)
def _in_order(names: frozenset[str]) -> tuple[str, ...]:
    """A shape's names sorted once (the first one that moved is reported, the same each time)."""
    return tuple(sorted(names))


def _destination_value(value: Any, entries: frozenset[str] | None) -> Any:
    """What of a destination field counts: all of it, or the listed entries of a map (any case)."""
    if entries is None:
        return value
    if not isinstance(value, (dict, Mapping)):  # dict first: an ABC check is slow
        return []
    return sorted([(low, str(v)) for k, v in value.items() if (low := str(k).lower()) in entries])


def destinations(doc: Any, shape: Shape) -> Any:
    """Every destination in `doc`, as plain data: where and how each of its secrets would travel.

    Array items are taken in no particular order (reordering targets moves nothing); values of
    `x-secret-destination-keys` are secret, so they are not part of it.
    """
    if isinstance(doc, list):
        items = [destinations(item, shape.items) for item in doc] if shape.items else []
        return sorted(items, key=_canonical)
    if not isinstance(doc, Mapping):
        return None
    out: dict[str, Any] = {
        name: _destination_value(doc.get(name), shape.destination_entries.get(name))
        for name in sorted(shape.destinations)
    }
    for name, sub in shape.fields.items():
        found = destinations(doc.get(name), sub)
        if found:
            out[name] = found
    return out


def destination_fingerprint(doc: Any, shape: Shape) -> str:
    """A short, stable digest of `destinations(doc, shape)`: equal exactly when they are equal."""
    return hashlib.sha256(_canonical(destinations(doc, shape)).encode()).hexdigest()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _link_moved(stored: Mapping[str, Any] | None, linked: Mapping[str, Linked]) -> str | None:
    """Why kept secrets cannot follow a linked resource, if it no longer goes where it went.

    One linked resource (a string) must be as recorded. Several (a list: the resources linking to
    this one) may be fewer, since a resource gone sends nothing, but none may be new."""
    if stored is None:
        return None
    recorded = stored.get(LINKED)
    recorded = recorded if isinstance(recorded, (dict, Mapping)) else {}  # dict first: an ABC check is slow
    if not recorded and not linked:
        return None
    for name in sorted(set(recorded) | set(linked)):
        before, now = recorded.get(name), linked.get(name)
        if isinstance(now, list):
            if set(now) - set(before if isinstance(before, list) else ()):
                return f"its {name} have destinations not recorded when the secrets were written"
        elif before != now:
            return f"the destinations of what {name} names changed since the secrets were written"
    return None


def held_back(stored: Mapping[str, Any], shape: Shape, linked: Mapping[str, Linked]) -> list[Loc]:
    """Where the secrets of `stored` are, if they must not be handed out because a resource it links
    to no longer has the destinations recorded when they were written (else nothing)."""
    if _link_moved(stored, linked) is None:
        return []
    return list(_secret_locs(stored, shape, ()))


def _secret_locs(doc: Any, shape: Shape, loc: Loc) -> Any:
    if shape.secret:
        if doc is not None:
            yield loc
    elif isinstance(doc, list) and shape.items is not None:
        for i, item in enumerate(doc):
            yield from _secret_locs(item, shape.items, (*loc, i))
    elif isinstance(doc, Mapping):
        for key, value in doc.items():
            sub = shape.fields.get(key, shape.values)
            if sub is not None:
                yield from _secret_locs(value, sub, (*loc, key))


def update_body(read: Mapping[str, Any], changes: Mapping[str, Any], shape: Shape) -> dict[str, Any]:
    """The PUT body that applies `changes` to a resource as read, keeping every secret not changed.

    `read` is a GET body (secrets masked); `changes` are deep-merged into it (maps merge, anything else
    replaces). Raises InvalidRequest, as the server would, when a change moves a kept secret.
    """
    read = _listed_maps(read, shape)
    body = _deep_update(read, changes)
    # The server's rules, with what was read as stored.
    merge_update(read, body, shape, seal=lambda value: value)
    return body


def _listed_maps(read: Mapping[str, Any], shape: Shape) -> dict[str, Any]:
    """A secret map that a read body lists only by its keys (`auth_value_keys`) reads as masks: kept."""
    out = dict(read)
    for name, sub in shape.fields.items():
        listed = read.get(sub.keys_field) if sub.keys_field else None
        if name not in read and isinstance(listed, list):
            out[name] = {key: MASK for key in listed}
    return out


def _deep_update(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = _deep_update(current, value)
        else:
            out[key] = value
    return out
