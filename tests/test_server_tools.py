"""Tools through HTTP (server/routes/tools.py): linked to a tool service, unique names, int64 ids."""

from __future__ import annotations

import pytest

from .support import Api, errors_of
from .support import create_tool_service as create


def test_tools_link_to_a_service_and_block_its_delete(api: Api) -> None:
    sid = create(api)["id"]
    tool = {"name": "hangup", "service_id": sid, "definition": {"type": "function"}}
    created = api.post("/api/v1/tools/", json=tool)
    assert created.status_code == 200, created.text
    assert api.get(f"/api/v1/services/{sid}").json()["tools"] == ["hangup"]
    assert api.post("/api/v1/tools/", json=tool).status_code == 409  # names are unique
    assert errors_of(api.post("/api/v1/tools/", json=tool | {"name": "x", "service_id": 999})) == [
        (("body", "service_id"), "not_found")
    ]
    assert api.delete(f"/api/v1/services/{sid}?reason=cleanup").status_code == 409
    assert errors_of(api.delete("/api/v1/tools/hangup")) == [(("query", "reason"), "missing")]
    renamed = api.put("/api/v1/tools/", json=created.json() | {"name": "summary"})
    assert renamed.status_code == 200 and renamed.headers["etag"] == '"2"'
    assert api.get(f"/api/v1/services/{sid}").json()["tools"] == ["summary"]
    assert api.get("/api/v1/tools/summary").json()["definition"] == {"type": "function"}
    assert api.delete("/api/v1/tools/summary?reason=cleanup").status_code == 200
    deleted = api.delete(f"/api/v1/services/{sid}?reason=cleanup")
    assert deleted.status_code == 200 and deleted.json()["id"] == sid
    assert api.get(f"/api/v1/services/{sid}").status_code == 404


@pytest.mark.parametrize("field", ["id", "service_id"])
def test_integer_ids_beyond_int64_are_refused_by_the_specs_format(api: Api, field: str) -> None:
    created = create(api)
    tool = {"id": 1, "name": "t64", "service_id": created["id"], "definition": {}} | {field: 2**63}
    response = api.put("/api/v1/tools/", json=tool)
    assert errors_of(response) == [(("body", field), "less_than_equal")]
