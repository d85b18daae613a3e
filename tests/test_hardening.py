"""The standing battery of issue 9 and issue 14: inputs an attacker would send, on every route of the spec.

Every route is walked from the spec (nothing here lists paths by hand): HEAD and OPTIONS, paths that are
almost a route, duplicate credentials, request ids. None of it may get a 5xx, and every refusal is
problem+json.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import pytest
from cryptography.fernet import Fernet

from specgate.admin import create_api_key
from specgate.config import get_settings
from specgate.server import resources
from specgate.server.problems import MAX_ERRORS
from specgate.server.request_id import _new_id
from specgate.spec import Operation, Spec

from .support import Api, ServerProcess, postgres_settings, sqlite_settings

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
    # Its auth values sent again with its tool there: resolved-auth hands them out (issue 9).
    assert api.put("/api/v1/services/", json=tool_service | {"id": tsid}).status_code == 200
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
def ids(api: Api) -> dict[str, str]:
    return _seed(api)


@pytest.fixture
def routes(ids: dict[str, str], spec: Spec) -> dict[str, tuple[str, list[str]]]:
    """Each spec path: a concrete path that exists, and the methods the spec gives it."""
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

MUTATIONS: dict[str, Callable[[str], str]] = {
    "a trailing newline": lambda path: path + "%0A",
    "a trailing CR": lambda path: path + "%0D",
    "a doubled slash": lambda path: _at_last_slash(path, "//"),
    "an encoded slash": lambda path: _at_last_slash(path, "%2F"),
}


def _at_last_slash(path: str, instead: str) -> str:
    """`path` with its last slash (or, for `/healthz`, a new trailing one) written as `instead`."""
    i = path.rindex("/")
    return path[:i] + instead + path[i + 1 :] if i > 0 else path + instead


def test_a_mangled_path_is_404_or_422_never_another_operation(api: Api, routes: dict[str, Any]) -> None:
    for mutation, mangle in MUTATIONS.items():
        for template, (path, methods) in routes.items():
            method = "GET" if "GET" in methods else methods[0]
            mangled = mangle(path)
            assert mangled != path
            response = api.request(method, mangled)
            _is_problem(response, (404, 422))
            if response.status_code == 422:  # a parameter of this very route, named
                assert response.json()["errors"][0]["loc"][0] == "path", (mutation, template)


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


AMBIGUOUS = [
    [("Syllable-API-Key", "{good}"), ("Syllable-API-Key", "bogus")],
    [("Syllable-API-Key", "bogus"), ("Syllable-API-Key", "{good}")],
    [("Authorization", "Bearer {good}"), ("Authorization", "Bearer bogus")],
    [("Authorization", "Bearer {good}"), ("Syllable-API-Key", "bogus")],
    [("Syllable-API-Key", "{good}"), ("Authorization", "Bearer bogus")],
    [("Authorization", "Bearer {good}"), ("Authorization", "Basic {good}")],
    [("Syllable-API-Key", "{good}"), ("Syllable-API-Key", "{other}")],
]


def test_a_present_invalid_or_second_credential_is_401(api: Api) -> None:
    keys = {"good": api.key(), "other": api.key("read")}
    for sent in AMBIGUOUS:
        headers = [(name, value.format(**keys)) for name, value in sent]
        response = api.client.get("/api/v1/gateways", headers=headers)
        _is_problem(response, 401)
        assert keys["good"] not in response.text, sent


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


def test_a_plain_incoming_request_id_is_echoed_else_replaced(api: Api) -> None:
    cases = {"req-1.2_3:abc": True, "a" * 128: True, "a" * 129: False, "two words": False, "": False}
    cases["quote\"'"] = False
    for sent, echoed in cases.items():
        response = api.get("/api/v1/nothing", headers={"X-Request-Id": sent})
        assert (response.headers["x-request-id"] == sent) is echoed, sent
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


# --- slow clients and oversized heads, against a real server on loopback (issue 9, M5) ---------------

HEAD_TIMEOUT = BODY_TIMEOUT = 0.5  # short here; the defaults are stated in the README's Limits


@dataclass
class Served:
    server: ServerProcess
    key: str

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.server.port))
        sock.settimeout(10)  # a test that hangs fails instead
        return sock

    def log(self) -> str:
        return self.server.log.read_text()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    keys = Fernet.generate_key().decode()
    tmp = tmp_path_factory.mktemp("served")
    if request.param == "sqlite":
        settings = sqlite_settings(tmp, keys)
    else:
        settings = postgres_settings(request.getfixturevalue("postgres_url"), keys)
    env = {
        "SPECGATE_HEAD_TIMEOUT": str(HEAD_TIMEOUT),
        "SPECGATE_BODY_TIMEOUT": str(BODY_TIMEOUT),
        "SPECGATE_MAX_HEAD_BYTES": "16384",  # smaller than the 64 KiB default, to test it cheaply
    }
    server = ServerProcess(settings.database_url, keys, tmp / "server.log", env).start()
    try:
        made = create_api_key(settings, email="edge@email.com", scopes="read,write", gateway_id=None)
        key = asyncio.run(made)
        yield Served(server, key)
        assert "ERROR" not in server.log.read_text() and "Traceback" not in server.log.read_text()
    finally:
        server.stop()


def _until_closed(sock: socket.socket) -> tuple[float, bytes]:
    """Seconds until the server closed the connection, and what it sent before."""
    start, data = time.monotonic(), b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:
        pass
    sock.close()
    return time.monotonic() - start, data


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer else 0


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_connection_that_sends_nothing_is_closed_with_408(served: Served) -> None:
    seconds, answer = _until_closed(served.connect())
    assert HEAD_TIMEOUT * 0.8 <= seconds < HEAD_TIMEOUT + 2
    assert _status(answer) == 408 and b"application/problem+json" in answer
    assert b"x-request-id: " in answer


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_head_sent_a_byte_at_a_time_is_cut_at_the_deadline(served: Served) -> None:
    sock = served.connect()
    start = time.monotonic()
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    with contextlib.suppress(OSError):  # the server closes the socket under us
        for byte in head:
            sock.sendall(bytes([byte]))
            time.sleep(0.05)
            if time.monotonic() - start > HEAD_TIMEOUT + 2:
                break
    _, answer = _until_closed(sock)
    assert HEAD_TIMEOUT * 0.8 <= time.monotonic() - start < HEAD_TIMEOUT + 2  # no byte resets it
    assert _status(answer) in (0, 408)


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_body_shorter_than_its_content_length_is_cut_at_the_deadline(served: Served) -> None:
    sock = served.connect()
    sock.sendall(
        b"POST /api/v1/gateways HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + served.key.encode() + b'\r\nContent-Length: 100\r\n\r\n{"na'
    )
    seconds, answer = _until_closed(sock)
    assert BODY_TIMEOUT * 0.8 <= seconds < BODY_TIMEOUT + 2
    assert answer == b""  # the handler was still reading: nothing to answer, no 5xx


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_64_mib_header_is_refused_after_a_few_reads(served: Served) -> None:
    sock = served.connect()
    sent = 0
    with contextlib.suppress(OSError):
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ")
        while sent < 64 * 1024 * 1024:
            sock.sendall(b"a" * 65536)
            sent += 65536
    _, answer = _until_closed(sock)
    assert sent < 8 * 1024 * 1024  # the server stopped reading long before the end
    assert _status(answer) in (0, 431)  # a reset can beat the 431 to the client


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_head_over_the_limit_in_one_write_is_431(served: Served) -> None:
    sock = served.connect()
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"b" * 17000 + b"\r\n\r\n")
    _, answer = _until_closed(sock)
    assert _status(answer) == 431 and b'"status":431' in answer


@pytest.mark.slow  # a server process and real waits
@pytest.mark.xdist_group("served")  # one worker, one server
def test_a_head_under_the_limit_is_served(served: Served) -> None:
    headers = {"X-A": "b" * 15000, "Authorization": f"Bearer {served.key}"}
    response = httpx.get(f"{served.server.url}/api/v1/gateways", headers=headers)
    assert response.status_code == 200
    assert httpx.head(f"{served.server.url}/healthz").status_code == 200


# --- a page is at most MAX_PAGE_BYTES (issue 9, M7) ----------------------------------------------------


def test_an_offset_page_over_the_byte_cap_is_cut_and_says_where_the_next_starts(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(6):
        api.post("/api/v1/gateways", json={"name": f"g{i}", "tags": ["t" * 100] * 5})
    one = len(json.dumps(api.get("/api/v1/gateways?limit=1").json()["items"][0]))
    monkeypatch.setattr(resources, "MAX_PAGE_BYTES", one * 2 + 10)  # two items fit, not three
    seen = []
    offset = 0
    while True:
        page = api.get(f"/api/v1/gateways?offset={offset}&limit=100").json()
        assert page["total"] == 6
        assert len(page["items"]) == 2
        last = offset + 2 == page["total"]
        assert page["limit"] == (100 if last else 2)  # cut from the 100 asked, but for the last
        seen += [item["name"] for item in page["items"]]
        offset += page["limit"]
        if offset >= page["total"]:
            break
    assert sorted(seen) == [f"g{i}" for i in range(6)]


def test_a_numbered_page_over_the_byte_cap_is_a_422_on_limit(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = {"name": "ts", "description": "d", "auth_type": "bearer", "auth_values": {"token": "t"}}
    sid = api.post("/api/v1/services/", json=service).json()["id"]
    for i in range(3):
        tool = {"name": f"t{i}", "service_id": sid, "definition": {"text": "x" * 1000}}
        assert api.post("/api/v1/tools/", json=tool).status_code == 200
    monkeypatch.setattr(resources, "MAX_PAGE_BYTES", 2500)  # two tools fit, not three
    refused = api.get("/api/v1/tools/?limit=3")
    _is_problem(refused, 422)
    assert refused.json()["errors"][0]["loc"] == ["query", "limit"]
    assert "at most 2 of its items fit" in refused.json()["errors"][0]["msg"]
    page = api.get("/api/v1/tools/?limit=2&page=1").json()
    assert len(page["items"]) == 1 and page["total_count"] == 3
    monkeypatch.setattr(resources, "MAX_PAGE_BYTES", 10)  # one item always fits
    assert len(api.get("/api/v1/tools/?limit=1").json()["items"]) == 1


# --- NUL and lone surrogates in every string field, query and path parameter (issue 9, M2) -------------

NASTY = {"NUL": "a\x00b", "lone surrogate": "a\ud800b"}


def _example(spec: Spec, op: Operation) -> Any:
    """The first example the spec gives for an operation's request body."""
    content = spec.resolve(op.operation["requestBody"])["content"]["application/json"]
    first = next(iter(content["examples"].values()))
    return copy.deepcopy(spec.resolve(first)["value"])


def _write_bases(api: Api, spec: Spec) -> list[tuple[str, str, Any]]:
    """(method, path, body) for every write of the spec: POSTs from the spec's examples (their ids
    pointing at resources made here), PUTs from the GET body of what the POSTs made."""
    ids: dict[str, Any] = {}
    posts = [op for op in spec.operations() if op.method == "POST"]
    bases = []
    for op in sorted(posts, key=lambda op: op.path.count("/")):  # a gateway before what it holds
        body = _example(spec, op)
        if "service_id" in body:  # a tool points at a tool service
            body["service_id"] = int(ids["/api/v1/services/"])
        path = op.path.replace("{gateway_id}", ids.get("/api/v1/gateways", ""))
        created = api.post(path, json=body)
        assert created.status_code in (200, 201), (path, created.text)
        ids[op.path] = str(created.json()["id"])
        bases.append(("POST", path, body))
        item = path + ("" if path.endswith("/") else "/") + ids[op.path]
        if op.path == "/api/v1/tools/":
            item = path + created.json()["name"]
        put_path = path if path.endswith("/") else item  # tool APIs PUT to the collection
        bases.append(("PUT", put_path, api.get(item).json()))
    return bases


def _string_spots(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], bool]]:
    """Every string in a JSON document: (where, whether it is a key rather than a value)."""
    if isinstance(node, str):
        yield at, False
    elif isinstance(node, dict):
        for key, value in node.items():
            yield (*at, key), True
            yield from _string_spots(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _string_spots(value, (*at, i))


def _replaced(doc: Any, at: tuple[Any, ...], is_key: bool, text: str) -> Any:
    doc = copy.deepcopy(doc)
    parent = doc
    for part in at[:-1]:
        parent = parent[part]
    if is_key:
        parent[at[-1] + text] = parent.pop(at[-1])
    else:
        parent[at[-1]] = parent[at[-1]] + text
    return doc


def _check_refusal(response: Any, where: object) -> None:
    assert response.status_code < 500, (where, response.status_code, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"] == PROBLEM, where
        if response.status_code == 422:
            assert all(error["loc"] for error in response.json()["errors"]), where


def test_nasty_text_in_every_string_of_every_write_body_gets_no_5xx(api: Api, spec: Spec) -> None:
    writes = _write_bases(api, spec)
    for (number, (method, path, base)), (kind, text) in itertools.product(enumerate(writes), NASTY.items()):
        for at, is_key in _string_spots(base):
            body = _replaced(base, at, is_key, text)
            if method == "POST" and "name" in body and at != ("name",):  # no 409 to hide behind
                body["name"] = f"n{number}_{len(kind)}_{len(at)}_{abs(hash(at)) % 10**6}"
            raw = json.dumps(body).encode()  # ensure_ascii: a lone surrogate travels as its escape
            response = api.request(method, path, content=raw, headers={"content-type": "application/json"})
            _check_refusal(response, (method, path, at, kind))


def _query_values(spec: Spec, op: Operation) -> dict[str, str]:
    """A valid value for each query parameter of `op`, from the spec."""
    values = {}
    for param in map(spec.resolve, op.operation.get("parameters", [])):
        if param["in"] != "query":
            continue
        schema = spec.resolve(param["schema"])
        items = spec.resolve(schema.get("items", {}))
        enum = items.get("enum") or schema.get("enum")
        values[param["name"]] = str(enum[0] if enum else schema.get("default", schema.get("minimum", "x")))
    return values


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate as the UTF-8 bytes a client sends


def test_nasty_text_in_every_query_and_path_parameter_gets_no_5xx(
    api: Api, spec: Spec, ids: dict[str, str]
) -> None:
    for op, text in itertools.product(spec.operations(), NASTY.values()):
        path = _concrete(op.path, ids)
        query = _query_values(spec, op)
        for name in query:
            sent = {key: _encoded(value + (text if key == name else "")) for key, value in query.items()}
            response = api.request(op.method, f"{path}?{urlencode(sent)}", headers={"If-Match": "*"})
            _check_refusal(response, (op.operation_id, name))
        for name in re.findall(r"\{(\w+)\}", op.path):
            mangled = _concrete(op.path.replace("{" + name + "}", quote(_encoded("X" + text))), ids)
            response = api.request(op.method, mangled, json={}, headers={"If-Match": "*"})
            _check_refusal(response, (op.operation_id, name))


# --- huge and deeply nested bodies -----------------------------------------------------------------------


def test_a_body_over_1_mib_is_413_whether_it_says_its_length_or_not(api: Api) -> None:
    big = b'{"name":"g","description":"' + b"x" * (1024 * 1024) + b'"}'
    _is_problem(api.post("/api/v1/gateways", content=big), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds as the body streams
        yield big[: len(big) // 2]
        yield big[len(big) // 2 :]

    _is_problem(api.post("/api/v1/gateways", content=chunks()), 413)
    lying = {"content-type": "application/json", "content-length": str(2 * 1024 * 1024)}
    _is_problem(api.post("/api/v1/gateways", content=big, headers=lying), 413)


def test_a_body_nested_past_the_parser_limit_is_a_400_saying_so(api: Api) -> None:
    bodies = ('{"name":"g","tags":%s}', '{"name":"s","description":"d","x":%s}')
    for depth, (path, body) in itertools.product(
        (201, 100_000), zip(("/api/v1/gateways", "/api/v1/services/"), bodies, strict=True)
    ):
        nested = "[" * depth + "]" * depth
        response = api.post(
            path, content=(body % nested).encode(), headers={"content-type": "application/json"}
        )
        _is_problem(response, 400)
        assert response.json()["detail"] == "the body is nested too deeply to read"


def test_a_deep_tool_definition_within_the_limit_is_stored_and_listed(api: Api) -> None:
    service = {"name": "ts", "description": "d", "auth_type": "bearer", "auth_values": {"token": "t"}}
    sid = api.post("/api/v1/services/", json=service).json()["id"]
    deep: Any = "leaf"
    for _ in range(90):  # 180 levels (an object and an array each time), under the 200 the parser reads
        deep = {"a": [deep]}
    created = api.post("/api/v1/tools/", json={"name": "deep", "service_id": sid, "definition": deep})
    assert created.status_code == 200, created.text
    assert api.get("/api/v1/tools/deep").json()["definition"] == deep
    assert api.get("/api/v1/tools/").json()["items"][0]["definition"] == deep


# --- a client that goes away is no error ------------------------------------------------------------------


def test_a_client_disconnect_is_logged_below_error(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    key = api.key()

    async def gone() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def call() -> None:
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/api/v1/gateways",
            "raw_path": b"/api/v1/gateways",
            "query_string": b"",
            "headers": [(b"authorization", f"Bearer {key}".encode())],
        }
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await api.client.app(scope, gone, send)  # type: ignore[arg-type]
        assert sent[0]["status"] == 400

    with caplog.at_level(logging.DEBUG, logger="specgate.server"):
        api.client.portal.call(call)  # type: ignore[union-attr]
    assert [r.levelname for r in caplog.records if "disconnected" in r.getMessage()] == ["DEBUG"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_default_head_limit_admits_the_largest_query_the_spec_allows(spec: Spec) -> None:
    """Each character of a query value may be 4 UTF-8 bytes, each written %XX: 12 bytes."""
    largest = 0
    for op in spec.operations():
        size = len(op.path) + 200  # the request line, If-Match, a key: generous
        for param in map(spec.resolve, op.operation.get("parameters", [])):
            schema = spec.resolve(param.get("schema", {}))
            items = spec.resolve(schema.get("items", {}))
            count = schema.get("maxItems", 1)
            length = items.get("maxLength", schema.get("maxLength", 20))
            size += count * (len(param["name"]) + 2 + 12 * length)
        largest = max(largest, size)
    settings = get_settings(environ={"SPECGATE_SECRET_KEYS": Fernet.generate_key().decode()})
    assert 20_000 < largest < settings.max_head_bytes / 2


def test_a_new_request_id_is_a_uuid4_in_hex() -> None:
    """Made from random bytes directly (no UUID object per request), in uuid4's exact form."""
    for _ in range(200):
        made = _new_id()
        assert uuid.UUID(hex=made).version == 4 and uuid.UUID(hex=made).hex == made
