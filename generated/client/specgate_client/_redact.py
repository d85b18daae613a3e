"""Reprs of the generated models that never show a secret and skip unset fields.

A field's value is shown as the mask when the spec marks a property of that name secret (`x-secret`,
read into `_shapes.SECRET_NAMES` by `make generate`): write models, resolved credentials and read models
alike. The values of free-form maps (`auth_values`, resolved `headers`, ...) are never shown, only their
keys. `to_dict()` still holds the real values: only what gets printed is masked.
"""

from __future__ import annotations

from typing import Any

import attrs
from specgate_client._shapes import SECRET_NAMES
from specgate_client.types import Unset

__all__ = ["model_repr"]

MASK = "'********'"


def model_repr(model: Any) -> str:
    parts: list[str] = []
    for attribute in attrs.fields(type(model)):
        value = getattr(model, attribute.name)
        if isinstance(value, Unset) or attribute.repr is False:
            continue
        if attribute.name == "additional_properties":
            if value:
                parts.append("{" + ", ".join(f"{key!r}: {MASK}" for key in value) + "}")
            continue
        shown = MASK if attribute.name.rstrip("_") in SECRET_NAMES and value is not None else repr(value)
        parts.append(f"{attribute.name}={shown}")
    return f"{type(model).__name__}({', '.join(parts)})"
