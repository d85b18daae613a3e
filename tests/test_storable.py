"""Text the store cannot keep, and numbers JSON does not have, are refused with the field named.

PostgreSQL answered 500 to a NUL character (issue 9, M2), a lone surrogate has no UTF-8 form, and
NaN, Infinity and 1e400 in a tool's definition were stored as null (L11). Both databases.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specgate.codec import FOLD
from specgate.storable import _CLUES, _SUSPECT, body_errors

from .support import WEATHER, Api, endpoint_service, errors_of
from .support import create_tool_service as create

TOOL = {"name": "forecast", "definition": {"type": "function", "function": {"name": "f"}}}


def post_raw(api: Api, path: str, text: str, method: str = "POST") -> Any:
    headers = {"content-type": "application/json"}
    return api.request(method, path, content=text.encode(), headers=headers)


def send(api: Api, method: str, path: str, body: Any) -> Any:
    """`body` as ASCII JSON: a lone surrogate goes as its `\\udXXX` escape (UTF-8 has no form for it)."""
    return post_raw(api, path, json.dumps(body), method)


@pytest.mark.parametrize("field", ["name", "description", "last_updated_comments"])
@pytest.mark.parametrize(("text", "kind"), [("a\x00b", "string_nul"), ("a\ud800", "string_surrogate")])
def test_a_tool_service_text_the_store_cannot_keep_is_a_422(
    api: Api, field: str, text: str, kind: str
) -> None:
    assert errors_of(send(api, "POST", "/api/v1/services/", WEATHER | {field: text})) == [
        (("body", field), kind)
    ]
    sid = create(api)["id"]
    before = api.get(f"/api/v1/services/{sid}").json()
    update = {k: v for k, v in before.items() if k != "tools"} | {field: text}
    assert errors_of(send(api, "PUT", "/api/v1/services/", update)) == [(("body", field), kind)]
    assert api.get(f"/api/v1/services/{sid}").json() == before
    assert api.get("/api/v1/services/").json()["total_count"] == 1  # the refused create made nothing


def test_nul_and_lone_surrogates_in_secrets_and_their_keys_are_refused(api: Api) -> None:
    headers = {"auth_type": "custom_headers", "auth_values": {"X-Key": "se\x00cret"}}
    assert errors_of(send(api, "POST", "/api/v1/services/", WEATHER | headers)) == [
        (("body", "auth_values", "X-Key"), "string_nul")
    ]
    # pydantic cannot read a lone surrogate: such a body is named by its top-level field only.
    bad_key = {"auth_type": "custom_headers", "auth_values": {"X-\ud800": "secret"}}
    assert errors_of(send(api, "POST", "/api/v1/services/", WEATHER | bad_key)) == [
        (("body", "auth_values"), "string_surrogate")
    ]


def test_no_loc_names_a_key_inside_a_secrets_value(api: Api) -> None:
    """A secret sent as an object holding NUL: the type error names the secret, never what is
    inside it (the fuzzer counts each part of a secret value as a secret)."""
    body = WEATHER | {"auth_type": "custom_headers", "auth_values": {"X-Key": {"9993-inner": ["\x00"]}}}
    response = send(api, "POST", "/api/v1/services/", body)
    locs = [loc for loc, _ in errors_of(response)]
    assert locs and all("9993-inner" not in loc for loc in locs)
    assert ("body", "auth_values", "X-Key") in locs


def test_nested_text_and_keys_in_a_tool_definition(api: Api) -> None:
    sid = create(api)["id"]
    definition = {
        "type": "function",
        "function": {"name": "f", "parameters": [{"description": "x\x00y"}, "ok"], "k\x00": 1},
    }
    response = send(api, "POST", "/api/v1/tools/", TOOL | {"service_id": sid, "definition": definition})
    assert sorted(errors_of(response)) == [
        (("body", "definition", "function", "k\\x00"), "string_nul"),
        (("body", "definition", "function", "parameters", 0, "description"), "string_nul"),
    ]
    lone = {"deep": {"x": ["\udc00"]}}
    response = send(api, "POST", "/api/v1/tools/", TOOL | {"service_id": sid, "definition": lone})
    assert errors_of(response) == [(("body", "definition"), "string_surrogate")]
    assert api.get("/api/v1/tools/").json()["total_count"] == 0
    tool = send(api, "POST", "/api/v1/tools/", TOOL | {"service_id": sid}).json()
    put = send(api, "PUT", "/api/v1/tools/", tool | {"definition": {"x": ["\x00"]}})
    assert errors_of(put) == [(("body", "definition", "x", 0), "string_nul")]
    assert api.get("/api/v1/tools/forecast").json() == tool


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1E+999"])
def test_a_number_json_does_not_have_is_refused_not_stored_as_null(api: Api, number: str) -> None:
    sid = create(api)["id"]
    text = f'{{"name": "t", "service_id": {sid}, "definition": {{"a": {{"b": [1, {number}]}}}}}}'
    assert errors_of(post_raw(api, "/api/v1/tools/", text)) == [
        (("body", "definition", "a", "b", 1), "number_not_finite")
    ]
    assert api.get("/api/v1/tools/").json()["total_count"] == 0


def test_text_that_only_looks_suspect_is_kept_exactly(api: Api) -> None:
    sid = create(api)["id"]
    definition = {
        "emoji": "\U0001f600",  # a surrogate pair in JSON, one character
        "escaped": "\\u0000 and \\ud800",  # backslashes, not escapes
        "words": "NaN Infinity 1e400",
        "numbers": [1e308, 2.5e-400, 10**40],
    }
    created = send(api, "POST", "/api/v1/tools/", TOOL | {"service_id": sid, "definition": definition})
    assert created.status_code == 200, created.text
    stored = api.get("/api/v1/tools/forecast").json()["definition"]
    assert stored == definition | {"numbers": [1e308, 0.0, 10**40]}


def test_a_gateway_body_is_checked_the_same_way(api: Api) -> None:
    assert errors_of(send(api, "POST", "/api/v1/gateways", {"name": "g\x00"})) == [
        (("body", "name"), "string_nul")
    ]
    gid = send(api, "POST", "/api/v1/gateways", {"name": "g"}).json()["id"]
    service = endpoint_service(credentials={"header_name": "X-Api-Key", "header_value": "a\x00"})
    assert errors_of(send(api, "POST", f"/api/v1/gateways/{gid}/services", service)) == [
        (("body", "credentials", "header_value"), "string_nul")
    ]


@pytest.mark.parametrize("path", ["/api/v1/services/", "/api/v1/tools/"])
def test_a_nul_search_value_is_a_422_on_either_list(api: Api, path: str) -> None:
    create(api)
    query = {"search_fields": ["name", "id"], "search_field_values": ["x", "a\x00"]}
    response = api.get(path, params=query, scopes="read")
    assert errors_of(response) == [(("query", "search_field_values", 1), "string_nul")]
    assert api.get(path, params={"search_fields": "name", "search_field_values": "%"}).status_code == 200


@pytest.mark.parametrize("reason", ["a\r\nINFO forged line", "\x00", "tab\there", "a\u2028b"])
def test_a_delete_reason_is_one_line_of_text(api: Api, reason: str) -> None:
    # NUL is refused in every text parameter first, with its own type; the rest by the spec's pattern.
    refused = [(("query", "reason"), "string_nul" if "\x00" in reason else "string_pattern_mismatch")]
    sid = create(api)["id"]
    response = api.delete(f"/api/v1/services/{sid}", params={"reason": reason})
    assert errors_of(response) == refused
    tool = send(api, "POST", "/api/v1/tools/", TOOL | {"service_id": sid}).json()
    response = api.delete(f"/api/v1/tools/{tool['name']}", params={"reason": reason})
    assert errors_of(response) == refused
    assert api.get(f"/api/v1/tools/{tool['name']}").status_code == 200
    assert (
        api.delete(f"/api/v1/tools/{tool['name']}", params={"reason": "no longer used: é ✓"}).status_code
        == 200
    )


def test_the_walk_names_at_most_a_hundred_places() -> None:
    raw = json.dumps({"a": ["\x00"] * 10_000}).encode()
    errors = body_errors(raw)
    assert len(errors) == 100 and errors[99].loc == ("body", "a", 99)
    assert body_errors(b'{"a": "plain"}') == [] and body_errors(b"not json \\u0000") == []


@given(st.text('\\u0dDNaInfity eE+-.,:"{}[]8', max_size=60).map(str.encode) | st.binary(max_size=60))
def test_the_quick_clues_never_miss_what_the_regex_finds(raw: bytes) -> None:
    # body_errors skips its regex when no clue is in the folded bytes: that must never skip a match.
    folded = raw.translate(FOLD)
    if _SUSPECT.search(raw):
        assert any(clue in folded for clue in _CLUES)
