"""JSON in and out, exact for every value JSON allows (found by the fuzzer: a 500 on big integers)."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from specgate.codec import FOLD, LONG_DIGITS, dumps, loads

from .support import Api

BIG = -439999558299931050508288  # beyond 64 bits


def test_big_integers_and_lone_surrogates_survive_a_round_trip() -> None:
    # A lone surrogate never comes from an HTTP body (the JSON parser refuses it with a 400),
    # but the codec must not be what fails on it.
    value = {"big": BIG, "lone": "\udacc", "plain": [1, "a", None, 2.5]}
    assert loads(dumps(value)) == value
    assert loads(json.dumps({"n": 2**70})) == {"n": 2**70}  # read exactly, not as a float


def test_a_tool_definition_with_a_big_integer_is_stored_exactly(api: Api) -> None:
    service = api.post("/api/v1/services/", json={"name": "n", "description": "d"}).json()["id"]
    body = {"name": "big", "service_id": service, "definition": {"n": BIG, "s": "\U0001f600"}}
    created = api.post(
        "/api/v1/tools/", content=json.dumps(body), headers={"content-type": "application/json"}
    )
    assert created.status_code == 200, created.text
    assert json.loads(api.get("/api/v1/tools/big").content)["definition"] == {"n": BIG, "s": "\U0001f600"}
    updated = api.put("/api/v1/tools/", json=created.json() | {"definition": {"n": BIG + 1}})
    assert updated.status_code == 200 and json.loads(updated.content)["definition"] == {"n": BIG + 1}


@given(st.binary(max_size=80) | st.text("0123456789 ,-", max_size=80).map(str.encode))
def test_the_long_digit_scan_finds_exactly_what_the_regex_finds(raw: bytes) -> None:
    # codec.loads looks for 19 digits in a row without a regex (a regex search cost a sixth of a PUT).
    assert (LONG_DIGITS in raw.translate(FOLD)) == bool(re.search(rb"[0-9]{19}", raw))
