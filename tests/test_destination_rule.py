"""The destination rule as a property (issue 9): a key with read and write but no resolve, running any
sequence of requests, never makes resolve hand a stored secret to a destination it chose.

A hypothesis state machine drives one in-process server (SQLite) with a read+write key: creates,
PUTs of GET bodies with secrets kept (mask or null), sent anew or left out, destinations changed
(hosts, ports, paths, proxies, TLS checks, key placement, Host headers, auth types, upstream links),
upstream re-targets, targets added and removed, tools added, moved between tool services, renamed
and re-defined, deletes. Every secret value it ever sends is unique.
After each step a separate resolve-only key resolves every service, and every secret value answered
must stand next to the destination it was written with.

"Destination" here is computed by this test alone, from the spec's marks as `support` walks them
(not from `specgate.merge`): for a secret, the marked fields of every object on its path, the marked
keys of its map, and, for a service's credentials, every marked field of its upstream; for a tool
service's auth values, the marked fields of each of its tools (`definition`, `service_id`): every
tool of the service at resolve must have been one of its tools, as it is, when the value was written.

Checked by planting bugs in `merge` (one mark ignored, the upstream link ignored at resolve, the
tools ignored at resolve): the
machine finds each within its 100 examples in most runs (each mark alone is also pinned down by
tests/test_merge.py, deterministically). About 15 s; CI derandomizes it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from specgate.server import create_app

from .support import ITEM, SECRET_MARK, SPEC, Api, SameThreadClient, destination_mark_values, sqlite_settings

SERVICE, UPSTREAM, TOOL_SERVICE, TOOL = (
    "GatewayServiceWrite",
    "UpstreamWrite",
    "ToolServiceUpdate",
    "ToolUpdate",
)
MASK = "********"
HOSTS = ("a.example", "b.example", "evil.example")
PROVIDERS = ("openai", "mistral")
MAX_EACH = 3  # resources of each kind alive at once: enough to link, small enough to resolve each step
TOOL_NAMES = itertools.count()  # tool names are global: unique across the runs on one server

Choices = dict[str, st.SearchStrategy[Any]]  # a field -> the values it may be changed to (None: removed)
Marks = dict[tuple[str, ...], list[tuple[str, Any]]]  # object pattern -> [(field or key, mark value)]


def marks_of(schema: str) -> Marks:
    out: Marks = {}
    for pattern, name, value in destination_mark_values(SPEC, schema):
        out.setdefault(pattern, []).append((name, value))
    return out


MARKS = {name: marks_of(name) for name in (SERVICE, UPSTREAM, TOOL_SERVICE, TOOL)}


# --- destinations, as this test reads them -----------------------------------------------------------


def _pattern(loc: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(ITEM if isinstance(part, int) else part for part in loc)


def _mark_value(node: Any, name: str, mark: Any) -> Any:
    """The marked field (`true`: all of it; a list: those entries, any case), or a marked map key."""
    if not isinstance(node, dict):
        return None
    if mark == "key":  # x-secret-destination-keys: the key's value in the map, any case
        return sorted(v for k, v in node.items() if k.lower() == name.lower())
    value = node.get(name)
    if isinstance(mark, list):
        names = {m.lower() for m in mark}
        return sorted((k.lower(), v) for k, v in (value or {}).items() if k.lower() in names)
    return value


def along(doc: Any, loc: tuple[Any, ...], marks: Marks) -> list[Any]:
    """The marked destinations of every object on the path from `doc` to the secret at `loc`."""
    found: list[Any] = []
    node = doc
    for depth in range(len(loc)):
        prefix = _pattern(loc[:depth])
        found += [[prefix, name, _mark_value(node, name, mark)] for name, mark in marks.get(prefix, [])]
        node = node[loc[depth]]
    return found


def everywhere(doc: Any, marks: Marks, pattern: tuple[str, ...] = ()) -> Any:
    """Every marked destination in `doc`, items of an array in no particular order."""
    if isinstance(doc, list):
        return sorted(json.dumps(everywhere(i, marks, (*pattern, ITEM)), sort_keys=True) for i in doc)
    if not isinstance(doc, dict):
        return None
    out = {name: _mark_value(doc, name, mark) for name, mark in marks.get(pattern, [])}
    for key, value in doc.items():
        below = (*pattern, key)
        if any(p[: len(below)] == below for p in marks):
            out[key] = everywhere(value, marks, below)
    return out


def tokens(doc: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every secret this test sent that appears in `doc`, with where it is."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from tokens(value, (*loc, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from tokens(value, (*loc, i))
    elif isinstance(doc, str) and doc.startswith(SECRET_MARK):
        yield loc, doc


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# --- the machine ---------------------------------------------------------------------------------------


class Attacker(RuleBasedStateMachine):
    """A read+write key at work; `written` maps each secret value to the destination it was sent to."""

    api: Api  # set by the test: one server for every run

    def __init__(self) -> None:
        super().__init__()
        self.counter = itertools.count()
        self.written: dict[str, str] = {}
        gid = self.api.post("/api/v1/gateways", json={"name": "g"}, scopes="read,write").json()["id"]
        self.base = f"/api/v1/gateways/{gid}"
        self.upstreams: list[str] = []
        self.services: list[str] = []
        self.tools: list[int] = []
        self.auth: dict[int, dict[str, str]] = {}  # a tool service's stored auth values, as sent
        self.tool_names: list[str] = []  # tools (each of a tool service)
        self.tools_when_written: dict[str, set[str]] = {}  # an auth value -> its service's tools then

    # requests of the attacker's key, and the data plane's key

    def call(self, method: str, path: str, body: Any = None) -> Any:
        response = self.api.request(method, path, scopes="read,write", json=body)
        assert response.status_code < 500, response.text
        return response

    def resolve(self, path: str) -> Any:
        response = self.api.get(path, scopes="resolve")
        assert response.status_code in (200, 404, 409), response.text
        return response

    def secret(self) -> str:
        return f"{SECRET_MARK}{next(self.counter)}"

    # building bodies

    def credentials(self, data: st.DataObject) -> dict[str, Any]:
        creds: dict[str, Any] = {}
        if data.draw(st.booleans(), label="api_key"):
            creds["api_key"] = self.secret()
        if data.draw(st.booleans(), label="header"):
            creds |= {
                "header_name": data.draw(st.sampled_from(["X-Key", "X-Other"])),
                "header_value": self.secret(),
            }
        if data.draw(st.booleans(), label="param"):
            creds |= {"param_name": "key", "param_location": "query", "param_value": self.secret()}
        return creds or {"api_key": self.secret()}

    def target(self, data: st.DataObject) -> dict[str, Any]:
        if data.draw(st.booleans(), label="provider target"):
            return {
                "provider": data.draw(st.sampled_from(PROVIDERS)),
                "models": ["m"],
                "credentials": self.credentials(data),
            }
        target: dict[str, Any] = {"host": data.draw(st.sampled_from(HOSTS)), "port": 443, "protocol": "https"}
        if data.draw(st.booleans(), label="host target credentials"):
            target["credentials"] = self.credentials(data)
        return target

    def secret_actions(self, body: Any, data: st.DataObject, actions: tuple[str, ...] = ()) -> Any:
        """Each secret of a GET body kept as the mask, kept as null, sent anew, or left out: all kept
        (the attack: move what is kept), all sent anew (a legal move, which must not carry what other
        resources keep), or any mix."""
        if not actions:
            actions = data.draw(
                st.sampled_from([("mask", "null"), ("new",), ("mask", "null", "new", "out")]), label="secrets"
            )
        if isinstance(body, dict):
            out = {}
            for key, value in body.items():
                if value == MASK:
                    action = data.draw(st.sampled_from(actions), label=f"secret {key}")
                    if action != "out":
                        out[key] = {"mask": MASK, "null": None, "new": self.secret()}[action]
                else:
                    out[key] = self.secret_actions(value, data, actions)
            return out
        if isinstance(body, list):
            return [self.secret_actions(item, data, actions) for item in body]
        return body

    @staticmethod
    def sometimes(data: st.DataObject, label: str) -> bool:
        """One time in four: for the changes that, made often, would leave little to keep."""
        return data.draw(st.integers(0, 3), label=label) == 0

    def move_one(self, data: st.DataObject, candidates: list[tuple[dict[str, Any], Choices]]) -> None:
        """Mostly, change (or remove) one field of one object, so that a single destination moves and
        nothing else in the request gives the change away."""
        if not candidates or self.sometimes(data, "move nothing"):
            return
        obj, choices = data.draw(st.sampled_from(candidates), label="object")
        field = data.draw(st.sampled_from(sorted(choices)), label="field")
        value = data.draw(choices[field], label=field)
        if value is None:
            obj.pop(field, None)
        else:
            obj[field] = value

    # recording what was written where

    def record(self, body: Any, path: str, schema: str, extra: Any = None) -> None:
        """After a write succeeded: each new secret of `body` was sent to its destination now."""
        for loc, value in tokens(body):
            self.written[value] = canonical([along(body, loc, MARKS[schema]), extra])

    def upstream_view(self, upstream_id: str | None) -> Any:
        if upstream_id is None:
            return None
        found = self.api.get(f"{self.base}/upstreams/{upstream_id}", scopes="read,write")
        assert found.status_code == 200
        return everywhere(found.json(), MARKS[UPSTREAM])

    # rules: upstreams

    @precondition(lambda self: len(self.upstreams) < MAX_EACH)
    @rule(data=st.data())
    def create_upstream(self, data: st.DataObject) -> None:
        body: dict[str, Any] = {
            "name": "u",
            "targets": [self.target(data) for _ in range(data.draw(st.integers(1, 2)))],
        }
        if data.draw(st.booleans(), label="proxy"):
            body["proxy"] = {"host": data.draw(st.sampled_from(HOSTS)), "port": "8080"}
        response = self.call("POST", f"{self.base}/upstreams", body)
        if response.status_code == 201:
            self.upstreams.append(response.json()["id"])
            self.record(body, "", UPSTREAM)

    @precondition(lambda self: self.upstreams)
    @rule(data=st.data())
    def update_upstream(self, data: st.DataObject) -> None:
        uid = data.draw(st.sampled_from(self.upstreams), label="upstream")
        body = self.secret_actions(self.call("GET", f"{self.base}/upstreams/{uid}").json(), data)
        proxies = [None, {"host": "evil.example", "port": "8080"}, {"host": "a.example", "port": "8080"}]
        # the upstream's own field weighs as much as its targets' together
        candidates: list[tuple[dict[str, Any], Choices]] = [(body, {"proxy": st.sampled_from(proxies)})] * 3
        for target in body["targets"]:
            choices = {
                "insecure_ssl": st.sampled_from([None, True, False]),
                "headers": st.sampled_from(
                    [None, {"Host": "evil.example"}, {"host": "a.example"}, {"X-A": "1"}]
                ),
            }
            if "provider" in target:
                choices["provider"] = st.sampled_from(PROVIDERS)
            else:
                choices |= {
                    "host": st.sampled_from(HOSTS),
                    "port": st.sampled_from([443, 8443]),
                    "path": st.sampled_from([None, "/v1", "/v2"]),
                }
            candidates.append((target, choices))
            if isinstance(target.get("credentials"), dict):
                candidates.append(
                    (target["credentials"], {"header_name": st.sampled_from(["X-Key", "X-Other"])})
                )
        self.move_one(data, candidates)
        for target in body["targets"]:
            if self.sometimes(data, "weight"):
                target["weight"] = data.draw(st.integers(0, 3))
            if self.sometimes(data, "forget id"):
                target.pop("id", None)
        if self.sometimes(data, "add target"):
            body["targets"].append(self.target(data))
        if len(body["targets"]) > 1 and self.sometimes(data, "drop target"):
            body["targets"].pop(data.draw(st.integers(0, len(body["targets"]) - 1)))
        if data.draw(st.booleans(), label="reorder"):
            body["targets"].reverse()
        if self.call("PUT", f"{self.base}/upstreams/{uid}", body).status_code == 200:
            self.record(body, "", UPSTREAM)

    @precondition(lambda self: self.upstreams)
    @rule(data=st.data())
    def delete_upstream(self, data: st.DataObject) -> None:
        uid = data.draw(st.sampled_from(self.upstreams), label="upstream")
        if self.call("DELETE", f"{self.base}/upstreams/{uid}").status_code == 204:
            self.upstreams.remove(uid)

    # rules: gateway services

    def service_body(self, data: st.DataObject) -> dict[str, Any]:
        body: dict[str, Any] = {"name": "s"}
        if not self.sometimes(data, "no credentials"):  # without, resolve shows the upstream's alone
            body["credentials"] = self.credentials(data)
        if self.upstreams and not self.sometimes(data, "type endpoint"):
            return body | {"type": "upstream", "upstream_id": data.draw(st.sampled_from(self.upstreams))}
        return body | {
            "type": "endpoint",
            "host": data.draw(st.sampled_from(HOSTS)),
            "port": 443,
            "protocol": "https",
        }

    @precondition(lambda self: len(self.services) < MAX_EACH)
    @rule(data=st.data())
    def create_service(self, data: st.DataObject) -> None:
        body = self.service_body(data)
        response = self.call("POST", f"{self.base}/services", body)
        if response.status_code == 201:
            self.services.append(response.json()["id"])
            self.record(body, "", SERVICE, self.upstream_view(body.get("upstream_id")))

    @precondition(lambda self: self.services)
    @rule(data=st.data())
    def update_service(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(self.services), label="service")
        read = self.call("GET", f"{self.base}/services/{sid}").json()
        body = self.secret_actions({k: v for k, v in read.items() if k != "upstream"}, data)
        choices: Choices = {
            "headers": st.sampled_from([None, {"Host": "evil.example"}, {"X-A": "1"}]),
            "path": st.sampled_from([None, "/v1"]),
        }
        if body["type"] == "endpoint":
            choices |= {"host": st.sampled_from(HOSTS), "port": st.sampled_from([443, 8443])}
        elif self.upstreams:
            choices["upstream_id"] = st.sampled_from(self.upstreams)
        candidates: list[tuple[dict[str, Any], Choices]] = [(body, choices)]
        if isinstance(body.get("credentials"), dict):
            creds_choices: Choices = {
                "header_name": st.sampled_from(["X-Key", "X-Evil"]),
                "param_location": st.sampled_from(["query", "body"]),
                "param_name": st.sampled_from(["key", "k2"]),
            }
            candidates.append((body["credentials"], creds_choices))
        self.move_one(data, candidates)
        if self.sometimes(data, "retype"):
            other = self.service_body(data)
            body = {
                k: v for k, v in body.items() if k not in ("type", "host", "port", "protocol", "upstream_id")
            }
            body |= {
                k: v for k, v in other.items() if k in ("type", "host", "port", "protocol", "upstream_id")
            }
        creds = body.get("credentials")
        if isinstance(creds, dict) and self.sometimes(data, "add a secret"):
            creds["api_key"] = self.secret()
        if self.call("PUT", f"{self.base}/services/{sid}", body).status_code == 200:
            self.record(body, "", SERVICE, self.upstream_view(body.get("upstream_id")))

    @precondition(lambda self: self.services)
    @rule(data=st.data())
    def delete_service(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(self.services), label="service")
        if self.call("DELETE", f"{self.base}/services/{sid}").status_code == 204:
            self.services.remove(sid)

    # rules: tool services

    def auth_values(self, auth_type: str | None, data: st.DataObject) -> dict[str, str]:
        keys = {
            None: [],
            "basic": ["username", "password"],
            "bearer": ["token"],
            "oauth2": ["client_id", "client_secret", "auth_url"],
            "custom_headers": ["X-Key", *(["Host"] if data.draw(st.booleans(), label="Host header") else [])],
        }[auth_type]
        return {key: self.secret() for key in keys}

    @precondition(lambda self: len(self.tools) < MAX_EACH)
    @rule(data=st.data())
    def create_tool_service(self, data: st.DataObject) -> None:
        kinds = [None, "basic", "bearer", "oauth2", "oauth2", "custom_headers", "custom_headers"]
        auth_type = data.draw(st.sampled_from(kinds))  # more of the types with destination keys
        body = {
            "name": "t",
            "description": "d",
            "auth_type": auth_type,
            "auth_values": self.auth_values(auth_type, data),
        }
        response = self.call("POST", "/api/v1/services/", body)
        if response.status_code == 200:
            tid = response.json()["id"]
            self.tools.append(tid)
            self.auth[tid] = dict(body["auth_values"])
            self.record_tool(tid, body)

    @precondition(lambda self: self.tools)
    @rule(data=st.data())
    def update_tool_service(self, data: st.DataObject) -> None:
        tid = data.draw(st.sampled_from(self.tools), label="tool service")
        read = self.call("GET", f"/api/v1/services/{tid}").json()
        body: dict[str, Any] = {k: read[k] for k in ("id", "name", "description", "auth_type")}
        shape = data.draw(
            st.sampled_from(["per key", "per key", "per key", "null map", "left out", "empty", "fresh"]),
            label="auth_values",
        )
        if shape == "per key":
            body["auth_values"] = self.secret_actions(
                {k: MASK for k in read.get("auth_value_keys") or []}, data
            )
        elif shape == "null map":
            body["auth_values"] = None
        elif shape == "empty":
            body["auth_values"] = {}
        if self.sometimes(data, "change auth_type"):
            body["auth_type"] = data.draw(
                st.sampled_from([None, "basic", "bearer", "oauth2", "custom_headers"])
            )
        if shape == "fresh":
            body["auth_values"] = self.auth_values(body["auth_type"], data)
        values = body.get("auth_values")
        if isinstance(values, dict) and data.draw(st.booleans(), label="redirect"):
            key = {"oauth2": "auth_url", "custom_headers": "Host"}.get(body["auth_type"] or "", "auth_url")
            values[key] = self.secret()
        if self.call("PUT", "/api/v1/services/", body).status_code == 200:
            self.auth[tid] = self.stored_auth(self.auth[tid], values, shape)
            self.record_tool(tid, body)

    @precondition(lambda self: self.tools)
    @rule(data=st.data())
    def send_tool_service_auth_again(self, data: st.DataObject) -> None:
        """Every auth value sent anew (as an owner does after adding tools): legal, and what makes the
        service's current tools the ones its secrets are for."""
        tid = data.draw(st.sampled_from(self.tools), label="tool service")
        read = self.call("GET", f"/api/v1/services/{tid}").json()
        body: dict[str, Any] = {k: read[k] for k in ("id", "name", "description", "auth_type")}
        body["auth_values"] = {key: self.secret() for key in read.get("auth_value_keys") or []}
        if self.call("PUT", "/api/v1/services/", body).status_code == 200:
            self.auth[tid] = dict(body["auth_values"])
            self.record_tool(tid, body)

    @staticmethod
    def stored_auth(before: dict[str, str], sent: Any, shape: str) -> dict[str, str]:
        """The merge table, as the test reads it: what a successful PUT leaves stored."""
        if not isinstance(sent, dict):
            return dict(before) if shape in ("null map", "left out") else {}
        return {k: before[k] if v in (None, MASK) else v for k, v in sent.items()}

    def record_tool(self, tid: int, body: dict[str, Any]) -> None:
        stored = self.auth[tid]
        where = {"auth_type": body["auth_type"], "auth_values": stored}
        tools = self.tools_of(tid)
        for key, value in stored.items():
            if isinstance(body.get("auth_values"), dict) and body["auth_values"].get(key) == value:
                self.written[value] = canonical(
                    [along(where, ("auth_values", key), MARKS[TOOL_SERVICE]), None]
                )
                self.tools_when_written[value] = tools

    def teardown(self) -> None:
        for name in self.tool_names:  # the next run lists the tools of one server: only its own
            self.call("DELETE", f"/api/v1/tools/{name}?reason=test")

    def list_tools(self) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = self.call("GET", "/api/v1/tools/?limit=100").json()["items"]
        assert len(listed) <= MAX_EACH
        return listed

    def tools_of(self, tid: int, listed: list[dict[str, Any]] | None = None) -> set[str]:
        """The destinations of a tool service's tools now (`listed`, or as listed now): each tool's
        marked fields."""
        listed = self.list_tools() if listed is None else listed
        return {canonical(everywhere(t, MARKS[TOOL])) for t in listed if t["service_id"] == tid}

    # rules: tools (a tool sends its service's auth values where its definition says)

    def definition(self, data: st.DataObject) -> dict[str, Any]:
        return {"url": f"https://{data.draw(st.sampled_from(HOSTS), label='tool host')}/"}

    @precondition(lambda self: self.tools and len(self.tool_names) < MAX_EACH)
    @rule(data=st.data())
    def create_tool(self, data: st.DataObject) -> None:
        name = f"tool{next(TOOL_NAMES)}"
        body = {
            "name": name,
            "service_id": data.draw(st.sampled_from(self.tools), label="tool service"),
            "definition": self.definition(data),
        }
        if self.call("POST", "/api/v1/tools/", body).status_code == 200:
            self.tool_names.append(name)

    @precondition(lambda self: self.tool_names)
    @rule(data=st.data())
    def update_tool(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self.tool_names), label="tool")
        body = self.call("GET", f"/api/v1/tools/{name}").json()
        changes = ["definition", "definition", "service_id", "name", "nothing"]
        change = data.draw(st.sampled_from(changes), label="change")
        if change == "definition":
            body["definition"] = self.definition(data)
        elif change == "service_id":
            body["service_id"] = data.draw(st.sampled_from(self.tools), label="tool service")
        elif change == "name":
            body["name"] = f"tool{next(TOOL_NAMES)}"
        if self.call("PUT", "/api/v1/tools/", body).status_code == 200:
            self.tool_names[self.tool_names.index(name)] = body["name"]

    @precondition(lambda self: self.tool_names)
    @rule(data=st.data())
    def delete_tool(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(self.tool_names), label="tool")
        if self.call("DELETE", f"/api/v1/tools/{name}?reason=test").status_code == 200:
            self.tool_names.remove(name)

    @precondition(lambda self: self.tools)
    @rule(data=st.data())
    def delete_tool_service(self, data: st.DataObject) -> None:
        tid = data.draw(st.sampled_from(self.tools), label="tool service")
        if self.call("DELETE", f"/api/v1/services/{tid}?reason=test").status_code == 200:
            self.tools.remove(tid)
            del self.auth[tid]

    # the property

    @invariant()
    def resolve_answers_each_secret_where_it_was_written(self) -> None:
        for sid in self.services:
            response = self.resolve(f"{self.base}/services/{sid}/resolved")
            if response.status_code != 200:
                continue  # held back (409): nothing handed out
            service = response.json()
            upstream = service.get("upstream")
            linked = everywhere(upstream, MARKS[UPSTREAM]) if upstream is not None else None
            own = {k: v for k, v in service.items() if k != "upstream"}
            for loc, value in tokens(own):
                assert self.written.get(value) == canonical([along(own, loc, MARKS[SERVICE]), linked]), loc
            for loc, value in tokens(upstream):
                assert self.written.get(value) == canonical([along(upstream, loc, MARKS[UPSTREAM]), None]), (
                    loc
                )
        listed = None  # every tool, listed once for all the tool services
        for tid in self.tools:
            response = self.resolve(f"/api/v1/services/{tid}/resolved-auth")
            if response.status_code != 200:
                continue  # held back (409): nothing handed out
            resolved = response.json()
            listed = self.list_tools() if listed is None else listed
            tools = self.tools_of(tid, listed)
            for loc, value in tokens(resolved.get("auth_values")):
                where = {"auth_type": resolved["auth_type"], "auth_values": resolved["auth_values"]}
                expected = canonical([along(where, ("auth_values", *loc), MARKS[TOOL_SERVICE]), None])
                assert self.written.get(value) == expected, loc
                # Every tool it would go to now was one of the service's tools, as it is, back then.
                assert tools <= self.tools_when_written.get(value, set()), (loc, tools)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    settings_ = sqlite_settings(Path(tmp_path_factory.mktemp("destination-rule")))
    # ~15k requests: on the test's own thread, not through TestClient's portal thread
    with SameThreadClient(create_app(settings_)) as client:
        yield Api(client, settings_)


@pytest.mark.slow
def test_no_sequence_of_requests_sends_a_kept_secret_elsewhere(server: Api) -> None:
    Attacker.api = server
    run_state_machine_as_test(
        Attacker,
        settings=settings(
            max_examples=100,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
