"""The secret shape read from the spec's marks, and the mask (DESIGN.md, "Secrets").

Rules checked here:
- `shape_of` finds exactly the properties the spec marks `x-secret` (compared with a walk of the spec
  done by the test, not with a list written by hand), and the destinations marked `x-secret-destination`
  and `x-secret-destination-keys`.
- `mask` replaces every secret present with "********" and leaves everything else equal.
- a masked body never contains a secret value (a Keyring's repr: test_crypto.py; merge's errors:
  test_merge.py).
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specgate.masking import MASK, mask, secret_values, shape_of
from specgate.spec import Spec

from .support import (
    CREDENTIAL_SECRETS,
    ITEM,
    SECRET_MARK,
    SPEC,
    VALUE,
    Doc,
    destination_marks,
    endpoint_services,
    get,
    locs,
    plain_secrets,
    replaced,
    secret_patterns,
    shape_destinations,
    shape_patterns,
    tool_services,
    upstreams,
)

SETTINGS = settings(deadline=None)  # the profile's examples: 100, a tenth under `make test-quick`

ALL_SCHEMAS = sorted(SPEC.document["components"]["schemas"])
SECRET_BEARING = ["CredentialsWrite", "UpstreamWrite", "EmbeddingConfigWrite", "TargetWrite",
                  "ProviderTargetWrite", "HostTargetWrite", "GatewayServiceWrite",
                  "GatewayServiceUpstreamWrite", "GatewayServiceEndpointWrite", "AuthValues",
                  "ToolServiceCreate", "ToolServiceUpdate"]  # fmt: skip


def _marked(spec: Spec, schema: str, mark: str) -> set[str]:
    """The properties of one schema that carry `mark` (read directly, no `$ref` to follow)."""
    return {name for name, prop in spec.schema(schema)["properties"].items() if prop.get(mark)}


# --- shape_of: where the secrets are --------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_shape_of_finds_exactly_the_secrets_the_spec_marks(spec: Spec, name: str) -> None:
    """Every `x-secret` under a schema, and nothing else, is a secret of its shape."""
    assert shape_patterns(shape_of(spec, name)) == secret_patterns(spec, name)


@pytest.mark.parametrize("name", SECRET_BEARING)
def test_the_request_schemas_hold_secrets(spec: Spec, name: str) -> None:
    """The walk itself finds secrets in every request schema that takes credentials or auth_values."""
    assert secret_patterns(spec, name)


def test_credentials_secrets_are_the_properties_marked_x_secret(spec: Spec) -> None:
    """CredentialsWrite: the shape's secret fields are the properties with `x-secret: true`."""
    shape = shape_of(spec, "CredentialsWrite")
    assert set(shape.fields) == _marked(spec, "CredentialsWrite", "x-secret")
    assert all(sub.secret for sub in shape.fields.values())
    assert not shape.items and not shape.values


def test_secrets_inside_targets_and_embedding_config(spec: Spec) -> None:
    """UpstreamWrite: every credentials secret of each target (items) and of the embedding config."""
    found = shape_patterns(shape_of(spec, "UpstreamWrite"))
    for name in CREDENTIAL_SECRETS:
        assert ("targets", ITEM, "credentials", name) in found
        assert ("embedding_config", "credentials", name) in found


def test_every_auth_value_is_secret(spec: Spec) -> None:
    """ToolServiceUpdate / ToolServiceCreate: each value of the auth_values map is a secret."""
    for name in ("ToolServiceUpdate", "ToolServiceCreate"):
        assert shape_patterns(shape_of(spec, name)) == {("auth_values", VALUE)}


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_destinations_are_read_from_the_marks(spec: Spec, name: str) -> None:
    """`x-secret-destination` properties and `x-secret-destination-keys` keys, wherever secrets are."""
    assert shape_destinations(shape_of(spec, name)) == destination_marks(spec, name)


@pytest.mark.parametrize(
    "name", ["GatewayServiceEndpointWrite", "GatewayServiceUpstreamWrite", "ProviderTargetWrite",
             "HostTargetWrite", "EmbeddingConfigWrite", "ToolServiceUpdate"]
)  # fmt: skip
def test_destinations_of_one_object(spec: Spec, name: str) -> None:
    """An object's destinations are its properties marked `x-secret-destination`."""
    assert shape_of(spec, name).destinations == _marked(spec, name, "x-secret-destination")
    assert shape_of(spec, name).destinations  # each of these has one


def test_targets_destinations_are_both_kinds_of_target(spec: Spec) -> None:
    """TargetWrite (oneOf): the destinations of a provider target and of a host target."""
    expected = _marked(spec, "ProviderTargetWrite", "x-secret-destination") | _marked(
        spec, "HostTargetWrite", "x-secret-destination"
    )
    assert shape_of(spec, "UpstreamWrite").fields["targets"].items.destinations == expected  # type: ignore[union-attr]


def test_auth_url_is_a_destination_key(spec: Spec) -> None:
    """AuthValues' `x-secret-destination-keys` (auth_url) reach the auth_values shape."""
    auth_values = shape_of(spec, "ToolServiceUpdate").fields["auth_values"]
    assert auth_values.destination_keys == set(spec.schema("AuthValues")["x-secret-destination-keys"])
    assert "auth_url" in auth_values.destination_keys


MARKS_IN_OTHER_PLACES = """
openapi: 3.1.0
info: {title: marks, version: '1'}
paths: {}
components:
  schemas:
    SecretString: {type: string, x-secret: true}
    Plain: {type: string}
    SecretMap:
      type: object
      additionalProperties: {type: string, x-secret: true}
    Marked:
      type: object
      properties:
        by_ref: {$ref: '#/components/schemas/SecretString'}
        beside_ref: {$ref: '#/components/schemas/Plain', x-secret: true}
        nullable_secret:
          oneOf: [{type: string, x-secret: true}, {type: 'null'}]
        nullable_map:
          anyOf: [{$ref: '#/components/schemas/SecretMap'}, {type: 'null'}]
        keyed_map: {$ref: '#/components/schemas/SecretMap', x-secret-destination-keys: [auth_url]}
        host: {$ref: '#/components/schemas/Plain', x-secret-destination: true}
"""


def test_marks_beside_a_ref_or_in_a_oneof_branch_are_read() -> None:
    """A mark next to `$ref`, or in a oneOf/anyOf branch, is a mark too: such a secret is masked.

    OpenAPI 3.1 allows siblings of `$ref`, and `anyOf: [X, {type: 'null'}]` is the usual nullable.
    """
    spec = Spec(MARKS_IN_OTHER_PLACES)
    shape = shape_of(spec, "Marked")
    assert shape_patterns(shape) == secret_patterns(spec, "Marked")
    assert shape_destinations(shape) == destination_marks(spec, "Marked")
    doc = {key: SECRET_MARK + key for key in ("by_ref", "beside_ref", "nullable_secret")}
    doc |= {"nullable_map": {"k": SECRET_MARK}, "keyed_map": {"auth_url": SECRET_MARK}}
    assert SECRET_MARK not in json.dumps(mask(doc, shape), ensure_ascii=False)


# --- mask -----------------------------------------------------------------------------------------

SHAPED = {
    "GatewayServiceEndpointWrite": endpoint_services(plain_secrets),
    "UpstreamWrite": upstreams(plain_secrets),
    "ToolServiceUpdate": tool_services(plain_secrets),
}
documents = st.sampled_from(sorted(SHAPED)).flatmap(lambda name: st.tuples(st.just(name), SHAPED[name]))


@SETTINGS
@given(documents)
def test_mask_replaces_every_secret_and_nothing_else(named: tuple[str, Doc]) -> None:
    """Each secret present becomes "********"; every other field is equal; the input is not changed."""
    name, doc = named
    before = copy.deepcopy(doc)
    at = locs(doc, secret_patterns(SPEC, name))
    assert at  # the generated document holds secrets
    assert mask(doc, shape_of(SPEC, name)) == replaced(doc, at, lambda _: MASK)
    assert doc == before


@SETTINGS
@given(documents)
def test_masked_output_holds_no_secret(named: tuple[str, Doc]) -> None:
    """No secret string appears anywhere in the JSON of a masked document."""
    name, doc = named
    assert SECRET_MARK in json.dumps(doc, ensure_ascii=False)
    masked = json.dumps(mask(doc, shape_of(SPEC, name)), ensure_ascii=False)
    assert SECRET_MARK not in masked
    for value in secret_values(doc, shape_of(SPEC, name)):
        assert value not in masked


@SETTINGS
@given(documents)
def test_secret_values_are_the_values_at_the_marked_places(named: tuple[str, Doc]) -> None:
    """`secret_values` lists exactly the secrets present (what leak checks look for)."""
    name, doc = named
    expected = [get(doc, loc) for loc in locs(doc, secret_patterns(SPEC, name))]
    assert sorted(secret_values(doc, shape_of(SPEC, name))) == sorted(expected)


def test_mask_leaves_unset_secrets_unset(spec: Spec) -> None:
    """A secret that is null stays null, one left out stays out (only stored secrets are masked)."""
    shape = shape_of(spec, "GatewayServiceEndpointWrite")
    doc: dict[str, Any] = {"name": "s", "credentials": {"api_key": None, "header_name": "X-Key"}}
    assert mask(doc, shape) == doc
    assert mask({"name": "s"}, shape) == {"name": "s"}


def test_mask_of_a_tool_service_without_auth(spec: Spec) -> None:
    """auth_values null (no auth_type) is returned as null."""
    doc = {"id": 1, "name": "n", "description": "", "auth_type": None, "auth_values": None}
    assert mask(doc, shape_of(spec, "ToolServiceUpdate")) == doc
