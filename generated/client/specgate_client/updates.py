"""Updates that keep secrets: `update_body`, `REMOVE`, and the check of a typed PUT body.

The rules are the server's own: `specgate_client._rules` is a copy of specgate's pure merge code and
`specgate_client._shapes` the secret marks read from the spec, both written by `make generate`. So
`update_body` refuses locally exactly what the server would refuse (a kept secret whose destination
changes) and keeps what the server would keep.

Safe by default, for a PUT of a typed write model (`GatewayServiceEndpointWrite(...)`, ...):
- a secret field left unset (`api_key` of a `CredentialsWrite`) is sent as `null`: the stored value is
  kept (nothing stored: nothing to keep, so it stays absent);
- an object that holds secrets left unset (`credentials`, `embedding_config`, a stored target's
  `credentials`) is refused before sending (`LocalRequestError`): the PUT would remove what is stored;
- removal is explicit: `REMOVE` as the value of a secret or of an object holding secrets.
A plain dict body is sent as given (that is what `update_body` returns).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from specgate_client._rules.errors import InvalidRequest
from specgate_client._rules.masking import Shape
from specgate_client._rules.merge import update_body as _merge_update_body
from specgate_client._shapes import READ_SHAPES, SHAPES
from specgate_client.errors import FieldError, LocalRequestError
from specgate_client.types import UNSET, Unset

__all__ = ["REMOVE", "Remove", "put_body", "update_body"]


class Remove(Unset):
    """The type of `REMOVE`."""

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE = Remove()
"""Say "remove it": a secret, or an object that holds secrets, left out of a PUT on purpose."""


def update_body(read: Any, changes: Mapping[str, Any], *, schema: str | None = None) -> dict[str, Any]:
    """The PUT body that applies `changes` to `read` (a model or dict as read with GET), keeping every
    secret not changed. `changes` are deep-merged (maps merge, anything else replaces); a value may be
    a model, `None` (keep a secret) or `REMOVE`. `schema` names the read model when `read` is a dict.

    Raises LocalRequestError, as the server would answer 422, when a change moves a kept secret.
    """
    name = schema or type(read).__name__
    shape = READ_SHAPES.get(name)
    if shape is None:
        known = ", ".join(sorted(READ_SHAPES))
        raise TypeError(f"no update rules for {name!r}: pass a model as read, or schema= one of {known}")
    data = _plain(read)
    if not isinstance(data, dict):
        raise TypeError("read must be a model or a dict as read with GET")
    try:
        body = _merge_update_body(data, _plain(dict(changes)), shape)
    except InvalidRequest as exc:
        raise LocalRequestError([FieldError(e.loc, e.msg, e.type) for e in exc.errors]) from None
    return _without_removed(body)  # type: ignore[no-any-return]


def put_body(body: Any) -> Any:
    """The JSON of a PUT body: a dict as given; a typed model by the safe-by-default rules above."""
    if isinstance(body, Mapping):
        return _without_removed(dict(body))
    data: dict[str, Any] = body.to_dict()
    shape = SHAPES.get(type(body).__name__)
    if shape is not None:
        errors: list[FieldError] = []
        _keep_unset(body, data, shape, ("body",), errors)
        if errors:
            raise LocalRequestError(errors)
    return data


def _keep_unset(
    model: Any, data: dict[str, Any], shape: Shape, loc: tuple[str | int, ...], errors: list[FieldError]
) -> None:
    for name, sub in shape.fields.items():
        value = getattr(model, name, REMOVE)
        if sub.secret:
            if value is UNSET:
                data[name] = None  # keep the stored value
        elif value is UNSET:
            if sub.values is None:  # a map of secrets left out is kept by the server itself
                msg = "unset: this PUT would remove what is stored; set it, or REMOVE it on purpose"
                errors.append(FieldError((*loc, name), msg, "secret_would_be_removed"))
        elif isinstance(value, list) and sub.items is not None:
            for i, item in enumerate(value):
                # An item without an id is new: nothing stored can be lost with it.
                if attrs.has(type(item)) and not isinstance(getattr(item, "id", UNSET), Unset):
                    _keep_unset(item, data[name][i], sub.items, (*loc, name, i), errors)
        elif attrs.has(type(value)):
            _keep_unset(value, data[name], sub, (*loc, name), errors)


def _plain(value: Any) -> Any:
    """Models as their JSON dicts, recursively (REMOVE and None kept as they are)."""
    if hasattr(value, "to_dict") and attrs.has(type(value)):
        data = value.to_dict()
        for field in attrs.fields(type(value)):  # to_dict() leaves REMOVE out: say it to the merge
            if isinstance(getattr(value, field.name), Remove):
                data[field.name.rstrip("_")] = REMOVE
        return data
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _without_removed(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_removed(item) for key, item in value.items() if not isinstance(item, Remove)}
    if isinstance(value, list):
        return [_without_removed(item) for item in value]
    return value
