"""The update (PUT) rules for secrets, as pure functions over plain data.

For every secret-bearing map (`auth_values`, each `credentials` object), per key of the request:

    | the request has the key...                         | result                                    |
    | -------------------------------------------------- | ----------------------------------------- |
    | with a new value                                   | replaced (sealed: encrypted by the caller) |
    | with `null`                                        | stored value kept                         |
    | with the mask "********" (a GET body sent back)    | stored value kept                         |
    | left out                                           | removed (PUT replaces the whole resource) |

Keeping is refused when nothing is stored to keep, or when the same request changes where the secret
would be sent (a field marked `x-secret-destination`, or a key marked in `x-secret-destination-keys`).
A map whose every value is secret (`auth_values`) left out or `null` keeps every stored value, unless
a destination changes; then it is removed. Array items are matched to stored items by `id`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .errors import FieldError, InvalidRequest, Loc
from .masking import MASK, Shape

__all__ = ["merge", "update_body"]

_ABSENT = object()


def merge(
    stored: Mapping[str, Any] | None,
    incoming: Mapping[str, Any],
    shape: Shape,
    *,
    seal: Callable[[str], str],
    loc: Loc = ("body",),
) -> dict[str, Any]:
    """The document to store when `incoming` replaces `stored`; raises InvalidRequest naming each field."""
    errors: list[FieldError] = []
    merged = _merge_object(stored, incoming, shape, _Context(seal, errors), loc, None)
    if errors:
        raise InvalidRequest(errors)
    return merged


class _Context:
    def __init__(self, seal: Callable[[str], str], errors: list[FieldError]) -> None:
        self.seal = seal
        self.errors = errors


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
        return ctx.seal(incoming)
    if stored is None:
        ctx.errors.append(FieldError(loc, "nothing is stored to keep; send the secret", "secret_not_stored"))
    elif moved is not None:
        msg = f"{moved} changes in this request, so the stored secret is not kept; send it again"
        ctx.errors.append(FieldError(loc, msg, "secret_destination_changed"))
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
        moved = _moved(old, incoming, shape)
    out: dict[str, Any] = {}
    for key, value in incoming.items():
        sub = shape.fields.get(key, shape.values)
        if sub is None:
            out[key] = value
        elif value is None and sub.values is not None:
            _keep_map(out, key, old, moved)
        else:
            out[key] = _merge(old.get(key), value, sub, ctx, (*loc, key), moved)
    for key, sub in shape.fields.items():
        if key not in incoming and sub.values is not None:
            _keep_map(out, key, old, moved)
    return out


def _keep_map(out: dict[str, Any], key: str, old: Mapping[str, Any], moved: str | None) -> None:
    """A secret map left out or null keeps every stored value, unless its destination moves."""
    if key in old and moved is None:
        out[key] = old[key]


def _moved(old: Mapping[str, Any], incoming: Mapping[str, Any], shape: Shape) -> str | None:
    """The first destination of this object's secrets that the request changes, if any."""
    for name in sorted(shape.destinations):
        if incoming.get(name) != old.get(name):
            return name
    for key in sorted(shape.destination_keys):
        # A stored destination key is encrypted: a new value for it counts as a change, unread.
        sent = incoming.get(key, _ABSENT)
        if key in old and (sent is _ABSENT or (sent is not None and sent != MASK)):
            return key
    return None


def update_body(read: Mapping[str, Any], changes: Mapping[str, Any], shape: Shape) -> dict[str, Any]:
    """The PUT body that applies `changes` to a resource as read, keeping every secret not changed.

    `read` is a GET body (secrets masked); `changes` are deep-merged into it (maps merge, anything else
    replaces). Raises InvalidRequest, as the server would, when a change moves a kept secret.
    """
    read = _listed_maps(read, shape)
    body = _deep_update(read, changes)
    merge(read, body, shape, seal=lambda value: value)  # the server's rules, with what was read as stored
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
