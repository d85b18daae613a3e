"""specgate_client.update_body and typed PUT bodies: the server's rules, run on the client.

- The client carries the server's own merge code (`_rules`, copied by `make generate`) and the spec's
  marks read by the server's `shape_of` (`_shapes`), so for any resource as read and any change,
  `specgate_client.update_body` answers what `specgate.update_body` answers, refusals included.
- A typed PUT body (a write model) keeps secrets by default: an unset secret is sent as null (keep), an
  unset object holding secrets is refused before sending, `REMOVE` removes on purpose.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specgate.errors import InvalidRequest
from specgate.masking import mask, shape_of
from specgate.merge import update_body as server_update_body

from .support import SPEC, Doc, gateway_services, tool_services, upstreams, words

specgate_client = pytest.importorskip("specgate_client", reason="run `make install`")

from specgate_client import REMOVE, errors, update_body  # noqa: E402
from specgate_client._shapes import READ_SHAPES, SECRET_NAMES, SHAPES  # noqa: E402
from specgate_client.models import (  # noqa: E402
    CredentialsWrite,
    GatewayServiceEndpoint,
    GatewayServiceEndpointWrite,
    HostTargetWrite,
    ToolServiceUpdate,
    UpstreamWrite,
)
from specgate_client.updates import put_body  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WRITE_OF_READ = {
    "GatewayService": "GatewayServiceWrite",
    "Upstream": "UpstreamWrite",
    "ToolService": "ToolServiceUpdate",
}
STORED = {"GatewayService": gateway_services(), "Upstream": upstreams(), "ToolService": tool_services()}
CHANGES = st.one_of(
    st.fixed_dictionaries({"name": words}),
    st.fixed_dictionaries({"host": words}),  # a destination of a service's credentials
    st.fixed_dictionaries({"protocol": st.sampled_from(["http", "https"])}),
    st.fixed_dictionaries(
        {"credentials": st.fixed_dictionaries({"api_key": st.sampled_from([None, "new-key"])})}
    ),
    st.fixed_dictionaries({"auth_type": st.sampled_from(["basic", "bearer", "oauth2"])}),
)


def outcome(run: Any) -> Any:
    try:
        return run()
    except (InvalidRequest, errors.LocalRequestError) as exc:
        return sorted((tuple(e.loc), e.msg, e.type) for e in exc.errors)


# One and a half times the profile's examples: 150, and 15 under `make test-quick`.
@settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None)
@given(st.sampled_from(sorted(STORED)).flatmap(lambda r: st.tuples(st.just(r), STORED[r])), CHANGES)
def test_update_body_answers_what_the_server_rules_answer(resource: tuple[str, Doc], changes: Doc) -> None:
    read_name, stored = resource
    shape = shape_of(SPEC, WRITE_OF_READ[read_name])
    read = mask(stored, shape)
    server = outcome(lambda: server_update_body(read, changes, shape))
    client = outcome(lambda: update_body(read, changes, schema=read_name))
    assert client == server


def test_the_client_carries_the_marks_the_server_reads() -> None:
    for read_name, write_name in WRITE_OF_READ.items():
        assert asdict(READ_SHAPES[read_name]) == asdict(shape_of(SPEC, write_name))
    for name, shape in SHAPES.items():
        assert asdict(shape) == asdict(shape_of(SPEC, name))
    assert {"api_key", "header_value", "aws_secret_access_key"} <= SECRET_NAMES


def test_the_rules_are_copies_of_the_servers_modules() -> None:
    rules = Path(specgate_client.__file__).parent / "_rules"
    copied = sorted(p.name for p in rules.glob("*.py") if p.name != "__init__.py")
    assert "merge.py" in copied and "masking.py" in copied
    for name in copied:
        assert (rules / name).read_bytes() == (ROOT / "src" / "specgate" / name).read_bytes()


def test_update_body_takes_a_model_and_model_changes() -> None:
    read = GatewayServiceEndpoint.from_dict(
        {
            "id": "0b1c7a4e-9a8e-4c55-8f62-d3a0b1f1e001",
            "gateway_id": "0b1c7a4e-9a8e-4c55-8f62-d3a0b1f1e002",
            "name": "weather",
            "type": "endpoint",
            "host": "api.example",
            "port": 443,
            "protocol": "https",
            "retries": 0,
            "stream": False,
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "credentials": {"api_key": "********", "header_name": "X-Key", "header_value": "********"},
        }
    )
    body = update_body(read, {"description": "new", "credentials": {"header_value": REMOVE}})
    assert body["description"] == "new"
    assert body["credentials"] == {"api_key": "********", "header_name": "X-Key"}
    with pytest.raises(errors.LocalRequestError) as moved:
        update_body(read, {"host": "elsewhere.example"})
    assert {e.loc for e in moved.value.errors} == {
        ("body", "credentials", "api_key"),
        ("body", "credentials", "header_value"),
    }
    again = CredentialsWrite(api_key="k2", header_value=REMOVE)  # a model merges into what was read
    sent_again = update_body(read, {"host": "elsewhere.example", "credentials": again})
    assert sent_again["credentials"] == {"api_key": "k2", "header_name": "X-Key"}


def test_update_body_needs_to_know_the_resource_of_a_dict() -> None:
    with pytest.raises(TypeError, match="schema="):
        update_body({"name": "x"}, {})


def endpoint(**fields: Any) -> GatewayServiceEndpointWrite:
    return GatewayServiceEndpointWrite(
        name="s", type_="endpoint", host="h.example", port=443, protocol="https", **fields
    )


def test_a_typed_put_that_leaves_credentials_unset_is_refused_before_sending() -> None:
    with pytest.raises(errors.LocalRequestError) as caught:
        put_body(endpoint())
    assert [e.loc for e in caught.value.errors] == [("body", "credentials")]
    assert "REMOVE" in str(caught.value)


def test_remove_says_it_on_purpose() -> None:
    assert "credentials" not in put_body(endpoint(credentials=REMOVE))
    sent = put_body(endpoint(credentials=CredentialsWrite(api_key="k", header_value=REMOVE)))
    assert sent["credentials"]["api_key"] == "k" and "header_value" not in sent["credentials"]


def test_unset_secrets_of_a_typed_put_are_sent_as_null_which_keeps_them() -> None:
    sent = put_body(endpoint(credentials=CredentialsWrite(header_name="X-Key")))["credentials"]
    assert sent["header_name"] == "X-Key"
    assert {name for name, value in sent.items() if value is None} == set(SHAPES["CredentialsWrite"].fields)


def test_new_targets_have_nothing_stored_and_stored_targets_are_checked() -> None:
    new = HostTargetWrite(host="t.example", port=80, protocol="http")
    stored = HostTargetWrite(host="t.example", port=80, protocol="http", id="t1")
    body = UpstreamWrite(name="u", targets=[new, stored], embedding_config=REMOVE)
    with pytest.raises(errors.LocalRequestError) as caught:
        put_body(body)
    assert [e.loc for e in caught.value.errors] == [("body", "targets", 1, "credentials")]


def test_auth_values_left_out_are_kept_by_the_server_so_they_are_not_refused() -> None:
    assert "auth_values" not in put_body(ToolServiceUpdate(id=1, name="n", description="d"))


def test_a_dict_body_is_sent_as_given() -> None:
    assert put_body({"name": "n", "credentials": {"api_key": REMOVE, "x": None}}) == {
        "name": "n",
        "credentials": {"x": None},
    }
