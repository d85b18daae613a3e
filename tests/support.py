"""What tests share; test files import helpers from here, never from each other (fixtures: conftest.py).

- a server on a fresh database: `sqlite_settings`, `postgres_settings`, `Api`, `create_api_key`
- real server processes on loopback (`ServerProcess`), for more than one server, or a kill -9
- request bodies of each resource, and `errors_of` a 422
- the seed pages (tests/data/seeds) and spec edits for the breaking-change gate
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import functools
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import psycopg
import yaml
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from specgate import admin
from specgate.config import Settings, get_settings
from specgate.spec import load_spec, spec_path
from specgate.store import seek
from specgate.store.migrate import upgrade
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


# --- databases ---------------------------------------------------------------------------------------


def sqlite_settings(tmp: Path, keys: str | None = None) -> Settings:
    """Settings for an SQLite database in `tmp`, already migrated (a copy of the migrated template)."""
    with (
        closing(sqlite3.connect(_migrated_sqlite())) as template,
        closing(sqlite3.connect(tmp / "specgate.db")) as copy,
    ):
        template.backup(copy)
    environ = {"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()}
    return get_settings(f"sqlite:///{tmp}/specgate.db", environ=environ)


@functools.cache
def _migrated_sqlite() -> Path:
    """An SQLite database migrated once a process: a copy costs far less than running every migration
    for each test (the server's start-up still runs `upgrade`, which finds it at head)."""
    folder = Path(tempfile.mkdtemp(prefix="specgate-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    upgrade(f"sqlite:///{folder}/specgate.db")
    return folder / "specgate.db"


# PostgreSQL: a database of its own for each session (each xdist worker), emptied before each test.
POSTGRES_URL = os.environ.get("SPECGATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SPECGATE_TEST_REQUIRE_POSTGRES") == "1"


def postgres_settings(url: str, keys: str | None = None) -> Settings:
    """Settings for the database at `url`, emptied to what a fresh migration leaves."""
    with psycopg.connect(url) as conn:  # one transaction, one round trip, committed on leaving
        conn.execute(_emptying(url))
    return get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()})


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


def create_api_key(url: str, keys: str, email: str = "load@example.com") -> str:
    """A key with every scope, made on the database at `url` as `specgate keys create` would."""
    settings = get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys})
    made = admin.create_api_key(settings, email=email, scopes="read,write,resolve", gateway_id=None)
    return asyncio.run(made)


# --- a server on a fresh database, in-process --------------------------------------------------------


@dataclass
class Api:
    """A TestClient on a fresh server, with a key for each set of scopes (made on first use)."""

    client: TestClient
    settings: Settings
    _keys: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def key(
        self,
        scopes: str = "read,write,resolve",
        gateway: str | None = None,
        email: str = "user@email.com",
    ) -> str:
        if (scopes, gateway) not in self._keys:
            self._keys[(scopes, gateway)] = asyncio.run(
                admin.create_api_key(self.settings, email=email, scopes=scopes, gateway_id=gateway)
            )
        return self._keys[(scopes, gateway)]

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


# --- real server processes on loopback ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
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


def upstream(api: Api, gid: str, **extra: Any) -> dict[str, Any]:
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
