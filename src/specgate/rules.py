"""The API's rules that a JSON schema cannot say, checked on the document about to be stored.

Pure functions: a document in, the broken rules out, each naming its field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .errors import FieldError

__all__ = ["AUTH_KEYS", "RULE_TYPES", "auth_values_errors", "upstream_errors"]

# The `type` of each error these rules give: none is a JSON-schema (pydantic) error type, so a
# client, and the fuzzer, can tell "the schema allows it, the API's rules do not" apart.
RULE_TYPES = frozenset(
    {
        "proxy_with_websocket",
        "embedding_config_required",
        "duplicate_target_id",
        "description_required",
        "default_model_not_in_models",
        "credentials_required",
        "auth_type_required",
        "auth_value_required",
        "auth_value_not_allowed",
        "header_name_invalid",
    }
)

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
        yield FieldError(
            ("body", "proxy"), "websocket_config and proxy cannot both be set", "proxy_with_websocket"
        )
    semantic = doc.get("algorithm") == "semantic"
    if semantic and "embedding_config" not in doc:
        yield FieldError(
            ("body", "embedding_config"),
            "the semantic algorithm needs an embedding_config",
            "embedding_config_required",
        )
    seen: set[str] = set()
    for i, target in enumerate(targets):
        loc = ("body", "targets", i)
        if target.get("id") in seen:
            yield FieldError((*loc, "id"), "two targets have this id", "duplicate_target_id")
        seen.add(target.get("id", ""))
        if semantic and not target.get("description"):
            yield FieldError(
                (*loc, "description"),
                "the semantic algorithm needs a description on every target",
                "description_required",
            )
        if "provider" in target:
            default = target.get("default_model")
            if default is not None and default not in target.get("models", []):
                yield FieldError(
                    (*loc, "default_model"), "must be one of models", "default_model_not_in_models"
                )
            if not target.get("credentials"):
                yield FieldError(
                    (*loc, "credentials"), "a provider target needs credentials", "credentials_required"
                )


def auth_values_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    """auth_values must hold exactly the keys its auth_type needs."""
    auth_type = doc.get("auth_type")
    values = doc.get("auth_values") or {}
    loc = ("body", "auth_values")
    if auth_type is None:
        return [
            FieldError((*loc, key), "auth_values need an auth_type", "auth_type_required") for key in values
        ]
    if auth_type == "custom_headers":
        if not values:
            return [FieldError(loc, "custom_headers needs at least one header", "auth_value_required")]
        return [
            FieldError((*loc, key), "must be an HTTP header name", "header_name_invalid")
            for key in values
            if not _HEADER_NAME.fullmatch(key)
        ]
    needed = AUTH_KEYS[auth_type]
    errors = [
        FieldError((*loc, key), f"required for {auth_type}", "auth_value_required")
        for key in sorted(needed - set(values))
    ]
    errors += [
        FieldError((*loc, key), f"not allowed for {auth_type}", "auth_value_not_allowed")
        for key in values
        if key not in needed
    ]
    return errors
