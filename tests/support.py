"""What tests share; test files import helpers from here, never from each other (fixtures: conftest.py).

- a server on a fresh database: `sqlite_settings`, `postgres_settings`, `Api`, `create_api_key`
- real server processes on loopback (`ServerProcess`), for more than one server, or a kill -9
- request bodies of each resource, and `errors_of` a 422
- the seed pages (tests/data/seeds) and spec edits for the breaking-change gate
- the spec's secret marks, walked independently of `specgate.masking`, and hypothesis strategies for
  documents that hold secrets

Names tell the three kinds of helper for a resource apart: `endpoint_service()` is one request body,
`create_upstream(api, gid)` posts one and returns what the server answered, and a plural,
`endpoint_services()`, is a hypothesis strategy, as hypothesis names its own (`st.integers()`).
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import functools
import json
import os
import signal
import socket
import sqlite3
import ssl
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from contextlib import AsyncExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
import psycopg
import pytest
import sqlalchemy as sa
import yaml
from cryptography.fernet import Fernet
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.testclient import TestClient

from specgate import admin
from specgate.config import Settings, get_settings
from specgate.masking import Shape
from specgate.spec import Spec, load_spec, spec_path
from specgate.store import schema, seek
from specgate.store.migrate import sqlalchemy_url, upgrade
from specgate.store.schema import ORDERS, metadata

if TYPE_CHECKING:  # schemathesis is imported by the tests that use it, not by every test process
    from schemathesis import Config
    from schemathesis.specs.openapi.schemas import OpenApiSchema

ROOT = Path(__file__).resolve().parents[1]
# The two API pages the spec comes from, carried in the repository (see its README).
SEEDS = ROOT / "tests" / "data" / "seeds"
GATEWAY_TEXT = (SEEDS / "000_2e52ade375d17d4b.txt").read_text()
TOOLS_TEXT = (SEEDS / "003_9e62c1f13f3d3568.txt").read_text()

Doc = dict[str, Any]
T = TypeVar("T")


# --- databases ---------------------------------------------------------------------------------------


def sqlite_settings(tmp: Path, keys: str | None = None) -> Settings:
    """Settings for an SQLite database in `tmp`, already migrated (a copy of the migrated template).

    The copy is the template's bytes written to a new 0600 file, as the server makes its files: the
    backup API would sync the new file to disk (~10 ms a test) and leave it readable by others."""
    path = tmp / "specgate.db"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as copy:
        copy.write(_migrated_sqlite())
    environ = {"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()}
    return get_settings(f"sqlite:///{path}", environ=environ)


@functools.cache
def _migrated_sqlite() -> bytes:
    """An SQLite database migrated once a process, as bytes: a copy costs far less than running every
    migration for each test (the server's start-up still runs `upgrade`, which finds it at head)."""
    with tempfile.TemporaryDirectory(prefix="specgate-template-") as folder:
        upgrade(f"sqlite:///{folder}/specgate.db")
        with closing(sqlite3.connect(f"{folder}/specgate.db")) as template:
            return template.serialize()


# PostgreSQL: a database of its own for each session (each xdist worker), emptied before each test.
POSTGRES_URL = os.environ.get("SPECGATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SPECGATE_TEST_REQUIRE_POSTGRES") == "1"


def postgres_settings(url: str, keys: str | None = None) -> Settings:
    """Settings for the database at `url`, emptied to what a fresh migration leaves."""
    with _emptier(url).transaction():  # one transaction, one round trip
        _emptier(url).execute(_emptying(url))
    return get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()})


@functools.cache
def _emptier(url: str) -> psycopg.Connection[Any]:
    """One connection a process empties the database with: a new one for each test costs the database
    server a process of its own (closed with this one)."""
    conn = psycopg.connect(url, autocommit=True)
    atexit.register(conn.close)
    return conn


@functools.cache
def _emptying(url: str) -> str:
    """SQL that empties every table the migrations make and restarts the id sequences, as TRUNCATE ...
    RESTART IDENTITY would; then refills what the store keeps beside the rows (store/seek.py) for empty
    tables. DELETE: on tables of a few rows it costs a tenth of a TRUNCATE, which makes new files for
    every table and index. No test needs the reset to survive a crash of the database server."""
    with psycopg.connect(url) as conn:
        sequences = [
            row[0]
            for row in conn.execute("SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences")
        ]
    return ";\n".join(
        [
            "SET LOCAL synchronous_commit = off",
            *(f"DELETE FROM {table.name}" for table in reversed(metadata.sorted_tables)),
            *(f"ALTER SEQUENCE {sequence} RESTART" for sequence in sequences),
            *(statement for table in ORDERS for statement in seek.rebuild(table)),
        ]
    )


def schema_diff(url: str, described: sa.MetaData = metadata) -> list[object]:
    """What differs between the database at `url` and the metadata (Alembic's comparison), leaving
    out the search structures, which are the migrations' alone (`schema.described`)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = sa.create_engine(sqlalchemy_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": schema.described})
            return list(compare_metadata(context, described))
    finally:
        engine.dispose()


# For a test that takes seconds on PostgreSQL (many statements, each a round trip) and a fraction of
# one on SQLite: `make test-quick` runs it on SQLite, `make test` on both.
SLOW_ON_POSTGRESQL = pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)], indirect=True
)


def create_api_key(url: str, keys: str, email: str = "load@example.com") -> str:
    """A key with every scope, made on the database at `url` as `specgate keys create` would."""
    settings = get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys})
    made = admin.create_api_key(settings, email=email, scopes="read,write,resolve", gateway_id=None)
    return asyncio.run(made)


# --- a server on a fresh database, in-process --------------------------------------------------------


@dataclass
class Api:
    """A TestClient on a fresh server, with a key for each set of scopes (made on first use)."""

    client: TestClient | SameThreadClient
    settings: Settings
    _keys: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def key(
        self,
        scopes: str = "read,write,resolve",
        gateway: str | None = None,
        email: str = "user@email.com",
    ) -> str:
        if (scopes, gateway) not in self._keys:
            self._keys[(scopes, gateway)] = self._new_key(email, scopes, gateway)
        return self._keys[(scopes, gateway)]

    def _new_key(self, email: str, scopes: str, gateway: str | None) -> str:
        if isinstance(self.client, TestClient) and self.client.portal is None:
            # the server is not running: as `specgate keys create` does
            made = admin.create_api_key(self.settings, email=email, scopes=scopes, gateway_id=gateway)
            return asyncio.run(made)
        # on the server's own store: no second connection pool and migration check per key
        store = self.client.app.state.ctx.store
        add = functools.partial(admin.add_api_key, store, email=email, scopes=scopes, gateway_id=gateway)
        return self.client.portal.call(add)

    def headers(self, scopes: str = "read,write,resolve", gateway: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key(scopes, gateway)}"}

    def request(self, method: str, path: str, scopes: str = "read,write,resolve", **kwargs: Any) -> Any:
        headers = self.headers(scopes) | kwargs.pop("headers", {})
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Any:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.request("DELETE", path, **kwargs)


class SameThreadClient:
    """A running app driven on an event loop of the test's own thread, for tests that make thousands of
    requests: TestClient hands each request to a portal thread and waits for it (~2 ms of thread
    switching a request). Same lifespan, same requests, app exceptions raised, redirects followed."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self._loop = asyncio.new_event_loop()
        transport = httpx.ASGITransport(app=app)
        self._client = httpx.AsyncClient(
            transport=transport, base_url="http://testserver", follow_redirects=True
        )
        self._lifespan = AsyncExitStack()

    def run(self, awaitable: Awaitable[T]) -> T:
        return self._loop.run_until_complete(awaitable)

    def __enter__(self) -> SameThreadClient:
        self.run(self._lifespan.enter_async_context(self.app.router.lifespan_context(self.app)))
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.run(self._client.aclose())
            self.run(self._lifespan.aclose())
        finally:
            self._loop.close()

    @property
    def portal(self) -> SameThreadClient:
        """What `portal.call(fn)` runs on, as with a TestClient: here, this thread's loop."""
        return self

    def call(self, fn: Callable[..., Awaitable[T]], *args: Any) -> T:
        return self.run(fn(*args))

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        content = kwargs.get("content")
        if content is not None and not isinstance(content, str | bytes):  # chunks: streamed as they are
            kwargs["content"] = _chunks(content)
        return self.run(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)

    def options(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("OPTIONS", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)


async def _chunks(chunks: Iterable[bytes]) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


# --- real server processes on loopback ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# httpx loads the CA bundle into a new TLS context for every Client it makes: 40 ms of CPU each, and
# 140 ms under the suite's load (283 of them were 40 s of test_replicas.py). The servers the tests
# start speak plain HTTP on loopback; their clients share one context, made once.
_TLS = ssl.create_default_context()


def http_client(**kwargs: Any) -> httpx.Client:
    """An httpx.Client for servers on loopback (what `httpx.get` makes on each call, made cheaply)."""
    return httpx.Client(verify=_TLS, **kwargs)


class ServerProcess:
    """`specgate serve` in a child process; `kill()` is a kill -9."""

    def __init__(
        self, database_url: str, secret_keys: str, log: Path, env: dict[str, str] | None = None
    ) -> None:
        self.database_url = database_url
        self.env = env or {}
        self.secret_keys = secret_keys
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerProcess:
        env = os.environ | {"SPECGATE_SECRET_KEYS": self.secret_keys, "SPECGATE_KEY_CACHE_SECONDS": "1"}
        env |= self.env
        command = [sys.executable, "-m", "specgate.cli", "serve", "--port", str(self.port)]
        command += ["--database", self.database_url, "--log-level", "warning"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.monotonic() + 20
        with http_client(timeout=1) as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
                try:
                    if http.get(f"{self.url}/readyz").status_code == 200:
                        return self
                except httpx.HTTPError:
                    time.sleep(0.05)
        raise RuntimeError("the server did not become ready in 20 s")

    def kill(self) -> None:
        """kill -9: no shutdown handler runs."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def serve_fresh_sqlite(tmp: Path, email: str) -> tuple[ServerProcess, str]:
    """A started `specgate serve` on a new SQLite file in tmp, and a key with every scope for it."""
    url, keys = f"sqlite:///{tmp}/specgate.db", Fernet.generate_key().decode()
    key = create_api_key(url, keys, email=email)
    return ServerProcess(url, keys, tmp / "server.log").start(), key


# An id no resource has (a well-formed UUID v4).
MISSING_ID = "00000000-0000-4000-8000-000000000000"


# --- request bodies ----------------------------------------------------------------------------------


def gateway(api: Api) -> str:
    response = api.post("/api/v1/gateways", json={"name": "prod"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def provider_target(**extra: Any) -> dict[str, Any]:
    return {
        "provider": "openai",
        "models": ["gpt-4o", "gpt-4o-mini"],
        "default_model": "gpt-4o-mini",
        "credentials": {"api_key": "sk-target-secret"},
    } | extra


def host_target(**extra: Any) -> dict[str, Any]:
    return {"host": "llm.internal.example", "port": 8443, "protocol": "https"} | extra


def create_upstream(api: Api, gid: str, **extra: Any) -> dict[str, Any]:
    body = {"name": "pool", "targets": [provider_target(), host_target()]} | extra
    response = api.post(f"/api/v1/gateways/{gid}/upstreams", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def endpoint_service(**extra: Any) -> dict[str, Any]:
    return {
        "name": "weather",
        "type": "endpoint",
        "host": "api.weather.example",
        "port": 443,
        "protocol": "https",
        "credentials": {"header_name": "X-Api-Key", "header_value": "wx-secret"},
    } | extra


def errors_of(response: Any) -> list[tuple[tuple[Any, ...], str]]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return [(tuple(e["loc"]), e["type"]) for e in response.json()["errors"]]


WEATHER = {
    "name": "Weather tools",
    "description": "Service containing tools for fetching weather information",
    "auth_type": "basic",
    "auth_values": {"username": "my-username", "password": "my-password"},
    "last_updated_comments": "Updated description to correct typo",
}


def create_tool_service(api: Api, **extra: Any) -> dict[str, Any]:
    response = api.post("/api/v1/services/", json=WEATHER | extra)
    assert response.status_code == 200, response.text  # 200 on create, as the real API
    return dict(response.json())


# --- the spec as schemathesis sees it -------------------------------------------------------------


def spec_schema(config: Config) -> OpenApiSchema:
    """schemathesis' schema of the spec, made from the document this process has already read (a copy:
    schemathesis may change what it is given) rather than by parsing the YAML file again."""
    import schemathesis

    schema = schemathesis.openapi.from_dict(json.loads(load_spec().json_bytes), config=config)
    schema.location = spec_path().as_uri()  # what from_path would say in its messages
    return schema


# --- the seed pages and spec edits ------------------------------------------------------------------


def json_example(text: str) -> Any:
    """The first JSON object on a page (the request/response body of the example)."""
    start = text.index("\n{\n") + 1
    depth = 0
    for i, ch in enumerate(text[start:], start):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            return json.loads(text[start : i + 1])
    raise AssertionError("no JSON object on the page")


# The small spec the breaking-change gate's tests edit (tests/specs).
BREAKING_BASE = ROOT / "tests" / "specs" / "breaking-base.yaml"


def schemas(doc: Doc) -> Doc:
    return doc["components"]["schemas"]  # type: ignore[no-any-return]


def list_things(doc: Doc) -> Doc:
    return doc["paths"]["/things"]["get"]  # type: ignore[no-any-return]


def remove_operation(doc: Doc) -> None:
    del doc["paths"]["/things"]["post"]


def add_operation(doc: Doc) -> None:
    doc["paths"]["/things/{thing_id}"]["delete"] = {
        "operationId": "deleteThing",
        "summary": "Delete a thing",
        "responses": {"204": {"description": "Deleted."}},
    }


def widen_enum(doc: Doc) -> None:
    schemas(doc)["Color"]["enum"].append("yellow")


def write_pair(tmp: Path, change: Callable[[Doc], None], version: str | None = None) -> tuple[Path, Path]:
    """The base spec and a revision made by `change` (at `version`, if given), written into `tmp`."""
    doc = yaml.safe_load(BREAKING_BASE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(doc)
    change(changed)
    if version is not None:
        changed["info"]["version"] = version
    base, revision = tmp / "base.yaml", tmp / "revision.yaml"
    base.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    revision.write_text(yaml.safe_dump(changed, sort_keys=False), encoding="utf-8")
    return base, revision


# --- the spec's secret marks, read by a walk of the document ----------------------------------------
# The walk (`secret_patterns`, `destination_marks`) reads `x-secret`, `x-secret-destination` and
# `x-secret-destination-keys` straight from the document, independently of `specgate.masking`, so the
# tests compare the code against the spec rather than against a list written by hand.
#
# A pattern is a path of property names where `"[]"` stands for every item of an array and `"{}"` for
# every value of a map. A loc is a concrete path in one document (names and indexes).
#
# Every secret the strategies generate starts with `SECRET_MARK`, a character no other generated string
# holds, so "no secret leaks" can be checked by looking for that one character.

Pattern = tuple[str, ...]
Loc = tuple[str | int, ...]

ITEM = "[]"
VALUE = "{}"
SECRET_MARK = "§"

SPEC = load_spec()


def _walk(
    spec: Spec, schema: Mapping[str, Any], prefix: Pattern, seen: tuple[str, ...]
) -> Iterator[tuple[str, Pattern, str]]:
    """Yield ("secret", pattern, ""), ("destination", object pattern, property) and
    ("destination_key", map pattern, key) for every mark under `schema`."""
    ref = schema.get("$ref")
    if ref is not None and ref not in seen:
        yield from _walk(spec, spec.pointer(ref), prefix, (*seen, ref))
    if schema.get("x-secret"):
        yield "secret", prefix, ""
    for key in schema.get("x-secret-destination-keys", ()):
        yield "destination_key", prefix, key
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in schema.get(combinator, ()):
            yield from _walk(spec, branch, prefix, seen)
    for name, prop in schema.get("properties", {}).items():
        if prop.get("x-secret-destination"):
            yield "destination", prefix, name
        if prop.get("x-secret-destination-for"):
            yield "destination_for", prefix, name
        yield from _walk(spec, prop, (*prefix, name), seen)
    if isinstance(schema.get("items"), dict):
        yield from _walk(spec, schema["items"], (*prefix, ITEM), seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _walk(spec, schema["additionalProperties"], (*prefix, VALUE), seen)


@functools.cache
def secret_patterns(spec: Spec, name: str) -> frozenset[Pattern]:
    """Where the spec marks a secret (`x-secret: true`) under `components/schemas/<name>`."""
    return frozenset(p for kind, p, _ in _walk(spec, spec.schema(name), (), ()) if kind == "secret")


@functools.cache
def destination_marks(
    spec: Spec, name: str
) -> tuple[frozenset[tuple[Pattern, str]], frozenset[tuple[Pattern, str]]]:
    """(destination properties, destination keys) the spec marks on the secret-bearing objects of a schema.

    A mark counts when the object it is on holds a secret (a destination of nothing is no destination),
    or names with `x-secret-destination-for` a resource whose secrets it directs (a tool).
    """
    marks = list(_walk(spec, spec.schema(name), (), ()))
    secrets = {p for kind, p, _ in marks if kind == "secret"}
    directing = {p for kind, p, _ in marks if kind == "destination_for"}

    def holds_secret(prefix: Pattern) -> bool:
        return prefix in directing or any(
            s[: len(prefix)] == prefix and len(s) > len(prefix) for s in secrets
        )

    fields = frozenset((p, n) for kind, p, n in marks if kind == "destination" and holds_secret(p))
    keys = frozenset((p, n) for kind, p, n in marks if kind == "destination_key" and holds_secret(p))
    return fields, keys


@functools.cache
def destination_mark_values(spec: Spec, name: str) -> tuple[tuple[Pattern, str, Any], ...]:
    """(object pattern, field, mark value) for every `x-secret-destination` under a schema (`true`, or
    the list of entries that count), and (map pattern, key, "key") for every `x-secret-destination-keys`
    key; only where secrets are below, as `destination_marks`."""
    fields, keys = destination_marks(spec, name)
    values: dict[tuple[Pattern, str], Any] = {}

    def walk(schema: Mapping[str, Any], prefix: Pattern, seen: tuple[str, ...]) -> None:
        ref = schema.get("$ref")
        if ref is not None and ref not in seen:
            walk(spec.pointer(ref), prefix, (*seen, ref))
        for combinator in ("oneOf", "anyOf", "allOf"):
            for branch in schema.get(combinator, ()):
                walk(branch, prefix, seen)
        for prop_name, prop in schema.get("properties", {}).items():
            if prop.get("x-secret-destination"):
                values[(prefix, prop_name)] = prop["x-secret-destination"]
            walk(prop, (*prefix, prop_name), seen)
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], (*prefix, ITEM), seen)

    walk(spec.schema(name), (), ())
    marked = [(p, n, values[(p, n)]) for p, n in sorted(fields)]
    return tuple(marked + [(p, k, "key") for p, k in sorted(keys)])


# --- the same three sets, read from a Shape --------------------------------------------------------


def shape_patterns(shape: Shape, prefix: Pattern = ()) -> set[Pattern]:
    """Where `shape` says the secrets are."""
    if shape.secret:
        return {prefix}
    found: set[Pattern] = set()
    for name, sub in shape.fields.items():
        found |= shape_patterns(sub, (*prefix, name))
    if shape.items is not None:
        found |= shape_patterns(shape.items, (*prefix, ITEM))
    if shape.values is not None:
        found |= shape_patterns(shape.values, (*prefix, VALUE))
    return found


def shape_destinations(
    shape: Shape, prefix: Pattern = ()
) -> tuple[set[tuple[Pattern, str]], set[tuple[Pattern, str]]]:
    """(destination properties, destination keys) as `shape` has them."""
    fields = {(prefix, n) for n in shape.destinations}
    keys = {(prefix, k) for k in shape.destination_keys}
    subs = [(name, sub) for name, sub in shape.fields.items()]
    if shape.items is not None:
        subs.append((ITEM, shape.items))
    if shape.values is not None:
        subs.append((VALUE, shape.values))
    for name, sub in subs:
        f, k = shape_destinations(sub, (*prefix, name))
        fields |= f
        keys |= k
    return fields, keys


# --- locations in one document ------------------------------------------------------------------


def locs(doc: Any, patterns: frozenset[Pattern]) -> list[Loc]:
    """Every loc of `doc` matching one of `patterns` whose value is present (key there, not None)."""
    found: list[Loc] = []

    def go(node: Any, rest: Pattern, loc: Loc) -> None:
        if not rest:
            if node is not None:
                found.append(loc)
            return
        head, tail = rest[0], rest[1:]
        if head == ITEM and isinstance(node, list):
            for i, item in enumerate(node):
                go(item, tail, (*loc, i))
        elif head == VALUE and isinstance(node, dict):
            for key, value in node.items():
                go(value, tail, (*loc, key))
        elif isinstance(node, dict) and head in node:
            go(node[head], tail, (*loc, head))

    for pattern in sorted(patterns):
        go(doc, pattern, ())
    return sorted(set(found), key=repr)


def get(doc: Any, loc: Loc) -> Any:
    for part in loc:
        doc = doc[part]
    return doc


def with_value(doc: Any, loc: Loc, value: Any) -> Any:
    """A deep copy of `doc` with `value` at `loc`."""
    out = copy.deepcopy(doc)
    get(out, loc[:-1])[loc[-1]] = value
    return out


def without(doc: Any, loc: Loc) -> Any:
    """A deep copy of `doc` without the key at `loc`."""
    out = copy.deepcopy(doc)
    del get(out, loc[:-1])[loc[-1]]
    return out


def replaced(doc: Any, at: list[Loc], fn: Callable[[Any], Any]) -> Any:
    """A deep copy of `doc` with `fn(value)` at each loc of `at`."""
    out = copy.deepcopy(doc)
    for loc in at:
        parent = get(out, loc[:-1])
        parent[loc[-1]] = fn(parent[loc[-1]])
    return out


# --- hypothesis strategies for documents that hold secrets --------------------------------------


def seal(value: str) -> str:
    """The tests' stand-in for encryption: a new value stored by merge is recognisable."""
    return "sealed:" + value


CREDENTIAL_SECRETS: tuple[str, ...] = tuple(
    sorted(
        name for name, prop in SPEC.schema("CredentialsWrite")["properties"].items() if prop.get("x-secret")
    )
)
PROVIDERS: tuple[str, ...] = tuple(SPEC.schema("Provider")["enum"])
PROTOCOLS: tuple[str, ...] = tuple(SPEC.schema("Protocol")["enum"])
AUTH_TYPES: tuple[str, ...] = tuple(SPEC.schema("AuthType")["enum"])
PARAM_LOCATIONS: tuple[str, ...] = tuple(SPEC.schema("ParamLocation")["enum"])
ALGORITHMS: tuple[str, ...] = tuple(SPEC.schema("Algorithm")["enum"])

words = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
header_names = st.text(string.ascii_letters + "-", min_size=1, max_size=12)
ids = st.uuids().map(str)
hosts = st.builds(lambda a, b: f"{a}.{b}", words, st.sampled_from(["com", "net", "internal"]))
ports = st.integers(1, 65535)
url_paths = words.map(lambda w: "/" + w)
timestamps = st.just("2025-01-02T03:04:05Z")
tags = st.lists(words, max_size=3)

# A secret as sent (`plain_secrets`) and as stored (`stored_secrets`: sealed by an earlier request).
plain_secrets = st.text(st.characters(codec="utf-8", exclude_characters=SECRET_MARK), max_size=12).map(
    lambda s: SECRET_MARK + s
)
stored_secrets = plain_secrets.map(seal)

SecretStrategy = st.SearchStrategy[str]

# Each builder below is cached: a strategy is made once per kind of secret, not once per example.

_credential_settings = st.fixed_dictionaries(
    {},
    optional={
        "allow_override": st.booleans(),
        "aws_region": words,
        "header_name": header_names,
        "param_location": st.sampled_from(PARAM_LOCATIONS),
        "param_name": words,
    },
)
_credential_names = st.sets(st.sampled_from(CREDENTIAL_SECRETS), min_size=1, max_size=4)


@functools.cache
def credentials(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A credentials object: some settings and at least one secret."""

    @st.composite
    def build(draw: st.DrawFn) -> Doc:
        doc: Doc = draw(_credential_settings)
        for name in sorted(draw(_credential_names)):
            doc[name] = draw(secret)
        return doc

    return build()


def _with_credentials(base: st.SearchStrategy[Doc], secret: SecretStrategy) -> st.SearchStrategy[Doc]:
    return st.tuples(base, credentials(secret)).map(lambda pair: {**pair[0], "credentials": pair[1]})


_stamps = {"id": ids, "gateway_id": ids, "created_at": timestamps, "updated_at": timestamps}

_endpoint_fields = st.fixed_dictionaries(
    {
        **_stamps,
        "name": words,
        "type": st.just("endpoint"),
        "host": hosts,
        "port": ports,
        "protocol": st.sampled_from(PROTOCOLS),
        "retries": st.integers(0, 100),
        "stream": st.booleans(),
        "tags": tags,
    },
    optional={
        "path": url_paths,
        "description": words,
        "headers": st.dictionaries(header_names, words, max_size=2),
    },
)
_upstream_service_fields = st.fixed_dictionaries(
    {
        **_stamps,
        "name": words,
        "type": st.just("upstream"),
        "upstream_id": ids,
        "retries": st.integers(0, 100),
        "stream": st.booleans(),
    },
    optional={"path": url_paths, "description": words, "tags": tags},
)


@functools.cache
def endpoint_services(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A gateway service of type endpoint, with credentials (GatewayServiceEndpointWrite)."""
    return _with_credentials(_endpoint_fields, secret)


@functools.cache
def upstream_services(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A gateway service of type upstream, with credentials (GatewayServiceUpstreamWrite)."""
    return _with_credentials(_upstream_service_fields, secret)


@functools.cache
def gateway_services(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return st.one_of(endpoint_services(secret), upstream_services(secret))


_models = st.lists(words, min_size=1, max_size=3, unique=True)
_provider_target_fields = st.tuples(
    _models,
    st.fixed_dictionaries(
        {"id": ids, "provider": st.sampled_from(PROVIDERS)},
        optional={"weight": st.integers(0, 100), "description": words, "stream": st.booleans()},
    ),
    st.integers(0, 2),
).map(lambda t: {**t[1], "models": t[0], "default_model": t[0][t[2] % len(t[0])]})
_host_target_fields = st.fixed_dictionaries(
    {"id": ids, "host": hosts, "port": ports, "protocol": st.sampled_from(PROTOCOLS)},
    optional={"path": url_paths, "weight": st.integers(0, 100), "description": words},
)


@functools.cache
def provider_targets(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return _with_credentials(_provider_target_fields, secret)


@functools.cache
def host_targets(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return _with_credentials(_host_target_fields, secret)


_upstream_fields = st.fixed_dictionaries(
    {**_stamps, "name": words, "algorithm": st.sampled_from(ALGORITHMS)},
    optional={
        "health_checks": st.fixed_dictionaries(
            {"interval": st.integers(1, 60), "threshold": st.integers(1, 5)}
        ),
        "tags": tags,
    },
)


@functools.cache
def upstreams(
    secret: SecretStrategy = stored_secrets, embedding: bool | None = None
) -> st.SearchStrategy[Doc]:
    """An upstream with several provider and host targets (distinct ids), maybe an embedding config."""
    target = st.one_of(provider_targets(secret), host_targets(secret))
    targets = st.lists(target, min_size=1, max_size=3, unique_by=lambda t: t["id"])
    embedding_config = st.fixed_dictionaries(
        {"provider": st.sampled_from(PROVIDERS), "model": words, "credentials": credentials(secret)}
    )
    has_embedding = st.booleans() if embedding is None else st.just(embedding)

    @st.composite
    def build(draw: st.DrawFn) -> Doc:
        doc: Doc = {**draw(_upstream_fields), "targets": draw(targets)}
        if draw(has_embedding):
            doc["embedding_config"] = draw(embedding_config)
        return doc

    return build()


_AUTH_KEYS = {
    "basic": ("username", "password"),
    "bearer": ("token",),
    "oauth2": ("client_id", "client_secret", "auth_url"),
}


@functools.cache
def auth_values(auth_type: str, secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[dict[str, str]]:
    """The auth_values an auth_type takes (every value secret)."""
    if auth_type == "custom_headers":
        return st.dictionaries(header_names, secret, min_size=1, max_size=4)
    return st.fixed_dictionaries({key: secret for key in _AUTH_KEYS[auth_type]})


_tool_service_fields = st.fixed_dictionaries(
    {"id": st.integers(1, 10**9), "name": words, "description": words},
    optional={"last_updated_comments": words, "tools": st.lists(words, max_size=3)},
)


@functools.cache
def tool_services(
    secret: SecretStrategy = stored_secrets, auth_types: tuple[str, ...] = AUTH_TYPES
) -> st.SearchStrategy[Doc]:
    """A tool service with an auth_type and its auth_values (ToolServiceUpdate)."""
    with_auth = [
        st.tuples(_tool_service_fields, auth_values(t, secret)).map(
            lambda pair, t=t: {**pair[0], "auth_type": t, "auth_values": pair[1]}
        )
        for t in auth_types
    ]
    return st.one_of(with_auth)
