"""The API's rules that no JSON schema can say, checked on the document about to be stored.

Every rule JSON Schema 2020-12 can state is in openapi/openapi.yaml and enforced from there
(`validation.SchemaCheck`, the error named by the subschema's `x-error-type`): proxy and websocket
config not both set, what the `semantic` algorithm needs, a provider target's credentials, the keys
of auth_values for each auth_type, no CR or LF in header values and URL paths. What is left here
needs either another value of the same document as the bound, or what is stored. Each rule says why.

Rules no schema can say that are checked where their data is (named here so the list is whole):
- a read-only id in a PUT body is the resource's own (`id_mismatch`, server/resources.py): the bound
  is in the path, not in the body;
- an `upstream_id` or a tool's `service_id` names a stored resource (`not_found`), names are unique
  (409), `If-Match` names the stored version (412): they depend on what is stored;
- a secret sent as null or the mask keeps a stored one (`secret_not_stored`,
  `secret_destination_changed`, merge.py): they depend on what is stored;
- `search_fields` and `search_field_values` come in pairs (`length_mismatch`): JSON Schema cannot
  compare the lengths of two parameters.

Two of these refuse data that a generator knowing only the spec makes up, so an independent
`schemathesis run` (all checks but positive_data_acceptance) may warn that an operation "mostly
rejected generated data":
- POST /api/v1/gateways/{gateway_id}/services: an `upstream_id` it makes up names no upstream (422
  `not_found`). A schema says what an id looks like, not which ids are stored. (It warns here.)
- PUT and DELETE: an `If-Match` tag it makes up names no stored version (412). A schema cannot hold
  the stored version. The spec's example `*` (any current version, RFC 9110 13.1.1) is never stale,
  and schemathesis starts from the examples, so it no longer warns here.

Pure functions: a merged document in, the broken rules out, each naming its field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .errors import FieldError

__all__ = ["RULE_TYPES", "auth_values_errors", "upstream_errors"]

# The `type` of each error these rules give: none is a JSON-schema (pydantic) error type, so a
# client, and the fuzzer, can tell "the schema allows it, the API's rules do not" apart. The rules
# the spec states keep their names there (`x-error-type`), so clients see the same types as before.
RULE_TYPES = frozenset(
    {
        "duplicate_target_id",
        "default_model_not_in_models",
        "credentials_required",
        "auth_value_required",
    }
)


def upstream_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    return list(_upstream_errors(doc))


def _upstream_errors(doc: Mapping[str, Any]) -> Iterator[FieldError]:
    seen: set[str] = set()
    for i, target in enumerate(doc.get("targets", [])):
        loc = ("body", "targets", i)
        # Why not in the spec: `uniqueItems` compares whole items; JSON Schema has no "this property
        # is unique across the items".
        if target.get("id") in seen:
            yield FieldError((*loc, "id"), "two targets have this id", "duplicate_target_id")
        seen.add(target.get("id", ""))
        if "provider" not in target:
            continue
        # Why not in the spec: the allowed values are another field of the same object (`models`);
        # JSON Schema compares with constants only (`$data` never became standard).
        default = target.get("default_model")
        if default is not None and default not in target.get("models", []):
            yield FieldError((*loc, "default_model"), "must be one of models", "default_model_not_in_models")
        # The spec says credentials are sent, with at least one field. Why the rest is not in the
        # spec: a secret sent as null keeps what is stored, and is nothing when nothing is, so
        # whether anything is left depends on the stored document.
        if not target.get("credentials"):
            yield FieldError(
                (*loc, "credentials"), "a provider target needs credentials", "credentials_required"
            )


def auth_values_errors(doc: Mapping[str, Any]) -> list[FieldError]:
    """An update that leaves auth_values out (or null) keeps the stored values: there must be some.

    The spec states the keys auth_values holds for each auth_type, and that a create sends them.
    Why this is not in the spec: on an update, auth_values left out keeps what is stored, so
    whether the auth_type has its values depends on the stored document (a changed auth_type with
    values stored is refused by the merge: the values must be sent again).
    """
    auth_type = doc.get("auth_type")
    if auth_type is None or doc.get("auth_values"):
        return []
    return [
        FieldError(
            ("body", "auth_values"),
            f"required for {auth_type}; nothing is stored to keep",
            "auth_value_required",
        )
    ]
