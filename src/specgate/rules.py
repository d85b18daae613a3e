"""The API's rules that a JSON schema cannot say, checked on the document about to be stored.

Pure functions: a document in, the broken rules out, each naming its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import FieldError

__all__ = ["AUTH_KEYS", "auth_values_errors", "upstream_errors"]

# The keys auth_values must hold for each auth_type (custom_headers: any header names).
AUTH_KEYS: Mapping[str, frozenset[str]] = {
    "basic": frozenset({"username", "password"}),
    "bearer": frozenset({"token"}),
    "oauth2": frozenset({"client_id", "client_secret", "auth_url"}),
}
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}")


def upstream_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    return list(_upstream_errors(doc))


def _upstream_errors(doc: Mapping[str, Any]) -> Iterator[FieldError]:
    targets = doc.get("targets", [])
    if doc.get("websocket_config") is not None and doc.get("proxy") is not None:
        yield FieldError(("body", "proxy"), "websocket_config and proxy cannot both be set", "exclusive")
    semantic = doc.get("algorithm") == "semantic"
    if semantic and "embedding_config" not in doc:
        yield FieldError(
            ("body", "embedding_config"),
            "the semantic algorithm needs an embedding_config",
            "missing",
        )
    seen: set[str] = set()
    for i, target in enumerate(targets):
        loc = ("body", "targets", i)
        if target.get("id") in seen:
            yield FieldError((*loc, "id"), "two targets have this id", "duplicate")
        seen.add(target.get("id", ""))
        if semantic and not target.get("description"):
            yield FieldError(
                (*loc, "description"),
                "the semantic algorithm needs a description on every target",
                "missing",
            )
        if "provider" in target:
            default = target.get("default_model")
            if default is not None and default not in target.get("models", []):
                yield FieldError((*loc, "default_model"), "must be one of models", "not_in_models")
            if not target.get("credentials"):
                yield FieldError((*loc, "credentials"), "a provider target needs credentials", "missing")


def auth_values_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    """auth_values must hold exactly the keys its auth_type needs."""
    auth_type = doc.get("auth_type")
    values = doc.get("auth_values") or {}
    loc = ("body", "auth_values")
    if auth_type is None:
        return [FieldError((*loc, key), "auth_values need an auth_type", "extra_forbidden") for key in values]
    if auth_type == "custom_headers":
        if not values:
            return [FieldError(loc, "custom_headers needs at least one header", "missing")]
        return [
            FieldError((*loc, key), "must be an HTTP header name", "string_pattern_mismatch")
            for key in values
            if not _HEADER_NAME.fullmatch(key)
        ]
    needed = AUTH_KEYS[auth_type]
    errors = [
        FieldError((*loc, key), f"required for {auth_type}", "missing")
        for key in sorted(needed - set(values))
    ]
    errors += [
        FieldError((*loc, key), f"not allowed for {auth_type}", "extra_forbidden")
        for key in values
        if key not in needed
    ]
    return errors
