"""The standing battery of issue 9 and issue 14: inputs an attacker would send, on every route of the spec.

Every route is walked from the spec (nothing here lists paths by hand): HEAD and OPTIONS, paths that are
almost a route, duplicate credentials, request ids. None of it may get a 5xx, and every refusal is
problem+json.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from specgate.server.problems import MAX_ERRORS
from specgate.spec import Spec

from .conftest import Api

PROBLEM = "application/problem+json"


# --- every route of the spec, with real ids in its path ---------------------------------------------


def _seed(api: Api) -> dict[str, str]:
    """One resource of each kind; the values that fill the spec's path parameters."""
    gid = api.post("/api/v1/gateways", json={"name": "g"}).json()["id"]
    upstream = {
        "name": "u",
        "targets": [{"host": "h.example", "port": 443, "protocol": "https"}],
    }
    uid = api.post(f"/api/v1/gateways/{gid}/upstreams", json=upstream).json()["id"]
    service = {"name": "s", "type": "endpoint", "host": "h.example", "port": 443, "protocol": "https"}
    sid = api.post(f"/api/v1/gateways/{gid}/services", json=service).json()["id"]
    tool_service = {"name": "ts", "description": "d", "auth_type": "bearer", "auth_values": {"token": "t"}}
    tsid = api.post("/api/v1/services/", json=tool_service).json()["id"]
    api.post("/api/v1/tools/", json={"name": "t1", "service_id": tsid, "definition": {}})
    return {"gateway_id": gid, "upstream_id": uid, "gateway_service": sid, "tool_service": str(tsid)}


def _concrete(path: str, ids: dict[str, str]) -> str:
    """The template with each parameter replaced by the id of a resource that exists."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "service_id":
            return ids["gateway_service" if path.startswith("/api/v1/gateways/") else "tool_service"]
        if name == "tool_name":
            return "t1"
        return ids[name]

    return re.sub(r"\{(\w+)\}", value, path)


def _methods(spec: Spec) -> dict[str, list[str]]:
    by_path: dict[str, list[str]] = {}
    for op in spec.operations():
        by_path.setdefault(op.path, []).append(op.method)
    return by_path


@pytest.fixture
def routes(api: Api, spec: Spec) -> dict[str, tuple[str, list[str]]]:
    """Each spec path: a concrete path that exists, and the methods the spec gives it."""
    ids = _seed(api)
    return {path: (_concrete(path, ids), methods) for path, methods in _methods(spec).items()}


def _is_problem(response: Any, status: int | tuple[int, ...]) -> None:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == response.status_code


# --- HEAD and OPTIONS on every route (issue 9, M1) -----------------------------------------------------


def test_head_is_get_without_a_body_on_every_get_route(api: Api, routes: dict[str, Any]) -> None:
    for template, (path, methods) in routes.items():
        if "GET" not in methods:
            continue
        get, head = api.get(path), api.request("HEAD", path)
        assert get.status_code == head.status_code == 200, template
        assert head.content == b"", template
        assert head.headers["content-length"] == str(len(get.content)), template
        assert head.headers["content-type"] == get.headers["content-type"], template


def test_head_without_a_key_is_the_get_answer_too(api: Api, routes: dict[str, Any]) -> None:
    for template, (path, methods) in routes.items():
        if "GET" not in methods:
            continue
        get, head = api.client.get(path), api.client.head(path)
        assert head.status_code == get.status_code < 500, template
        assert head.content == b"" and head.headers["content-length"] == str(len(get.content))


def test_options_and_unknown_methods_are_405_with_allow(api: Api, routes: dict[str, Any]) -> None:
    for template, (path, methods) in routes.items():
        allow = ", ".join(sorted({*methods, "HEAD"} if "GET" in methods else set(methods)))
        for method in ("OPTIONS", "PATCH", "TRACE"):
            response = api.request(method, path)
            _is_problem(response, 405)
            assert response.headers["allow"] == allow, (template, method)


# --- a path that is almost a route reaches no operation (issue 14) -------------------------------------

MUTATIONS = {
    "a trailing newline": lambda path: path + "%0A",
    "a trailing CR": lambda path: path + "%0D",
    "a doubled slash": lambda path: _at_last_slash(path, "//"),
    "an encoded slash": lambda path: _at_last_slash(path, "%2F"),
}


def _at_last_slash(path: str, instead: str) -> str:
    """`path` with its last slash (or, for `/healthz`, a new trailing one) written as `instead`."""
    i = path.rindex("/")
    return path[:i] + instead + path[i + 1 :] if i > 0 else path + instead


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_mangled_path_is_404_or_422_never_another_operation(
    api: Api, routes: dict[str, Any], mutation: str
) -> None:
    for template, (path, methods) in routes.items():
        method = "GET" if "GET" in methods else methods[0]
        mangled = MUTATIONS[mutation](path)
        assert mangled != path
        response = api.request(method, mangled)
        _is_problem(response, (404, 422))
        if response.status_code == 422:  # a parameter of this very route, named
            assert response.json()["errors"][0]["loc"][0] == "path", (template, mangled)


def test_a_newline_tool_name_is_a_422_not_the_list(api: Api) -> None:
    response = api.get("/api/v1/tools/%0A")
    _is_problem(response, 422)
    assert response.json()["errors"][0]["loc"] == ["path", "tool_name"]


# --- the trailing-slash twin and the Host header (issue 9, L10) ----------------------------------------


def test_the_trailing_slash_twin_is_a_404_naming_the_spec_path_never_a_redirect(api: Api) -> None:
    for path, twin in (("/api/v1/tools", "/api/v1/tools/"), ("/api/v1/gateways/", "/api/v1/gateways")):
        response = api.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
        _is_problem(response, 404)
        assert "location" not in response.headers
        assert response.json()["detail"] == f"no such path; the API has {twin}"
        assert "evil" not in response.text


# --- duplicate and mixed credentials (issue 9, L1) -----------------------------------------------------


@pytest.mark.parametrize(
    "sent",
    [
        [("Syllable-API-Key", "{good}"), ("Syllable-API-Key", "bogus")],
        [("Syllable-API-Key", "bogus"), ("Syllable-API-Key", "{good}")],
        [("Authorization", "Bearer {good}"), ("Authorization", "Bearer bogus")],
        [("Authorization", "Bearer {good}"), ("Syllable-API-Key", "bogus")],
        [("Syllable-API-Key", "{good}"), ("Authorization", "Bearer bogus")],
        [("Authorization", "Bearer {good}"), ("Authorization", "Basic {good}")],
        [("Syllable-API-Key", "{good}"), ("Syllable-API-Key", "{other}")],
    ],
    ids=lambda sent: "+".join(f"{name}:{value.split()[-1][:6]}" for name, value in sent),
)
def test_a_present_invalid_or_second_credential_is_401(api: Api, sent: list[tuple[str, str]]) -> None:
    keys = {"good": api.key(), "other": api.key("read")}
    headers = [(name, value.format(**keys)) for name, value in sent]
    response = api.client.get("/api/v1/gateways", headers=headers)
    _is_problem(response, 401)
    assert api.key() not in response.text


def test_the_same_key_twice_is_one_key(api: Api) -> None:
    key = api.key()
    same = [("Syllable-API-Key", key), ("Authorization", f"Bearer {key}"), ("Syllable-API-Key", key)]
    assert api.client.get("/api/v1/gateways", headers=same).status_code == 200


# --- X-Request-Id on every answer ----------------------------------------------------------------------


def test_every_answer_carries_a_request_id(api: Api, routes: dict[str, Any]) -> None:
    answers = [
        api.get(routes["/api/v1/gateways"][0]),  # 200
        api.client.get("/api/v1/gateways"),  # 401
        api.get("/api/v1/nothing"),  # 404
        api.request("OPTIONS", "/healthz"),  # 405
        api.post("/api/v1/gateways", content=b"{", headers={"content-type": "application/json"}),  # 400
        api.post("/api/v1/gateways", content=b" " * (1024 * 1024 + 1)),  # 413
        api.post("/api/v1/gateways", json={"name": 5}),  # 422
        api.request("HEAD", "/healthz"),
    ]
    seen = set()
    for response in answers:
        request_id = response.headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id), response.status_code
        if response.headers["content-type"] == PROBLEM:
            assert response.json()["request_id"] == request_id
        seen.add(request_id)
    assert len(seen) == len(answers)


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [
        ("req-1.2_3:abc", True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("two words", False),
        ("", False),
        ("quote\"'", False),
    ],
)
def test_a_plain_incoming_request_id_is_echoed_else_replaced(api: Api, sent: str, echoed: bool) -> None:
    response = api.get("/api/v1/nothing", headers={"X-Request-Id": sent})
    assert (response.headers["x-request-id"] == sent) is echoed
    assert response.json()["request_id"] == response.headers["x-request-id"]


# --- resolve answers are never cached (issue 9, L5) ---------------------------------------------------


def test_resolve_answers_say_no_store(api: Api, routes: dict[str, Any]) -> None:
    resolving = [
        path for template, (path, _) in routes.items() if template.endswith(("/resolved", "/resolved-auth"))
    ]
    assert len(resolving) == 2
    for path in resolving:
        response = api.get(path)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["pragma"] == "no-cache"


# --- one 422 lists at most MAX_ERRORS errors (issue 9, M3) ---------------------------------------------


def test_a_body_of_many_unknown_fields_gets_a_short_422(api: Api) -> None:
    body = {"name": "g"} | {f"x{i}": i for i in range(5000)}
    response = api.post("/api/v1/gateways", json=body)
    _is_problem(response, 422)
    problem = response.json()
    assert len(problem["errors"]) == MAX_ERRORS
    assert problem["detail"] == f"5000 validation errors (the first {MAX_ERRORS} are listed)"
    assert len(response.content) < 5000
