"""Shared fixtures: the spec, the seeds folder, and a server on a fresh database."""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cryptography.fernet import Fernet
from hypothesis import settings
from starlette.testclient import TestClient

from specgate.admin import create_key
from specgate.config import Settings, get_settings
from specgate.server import create_app
from specgate.spec import Spec, load_spec
from specgate.store.migrate import upgrade
from specgate.store.schema import metadata

# CI runs the same examples every time (a failure there reproduces); elsewhere hypothesis explores.
settings.register_profile("ci", derandomize=True, print_blob=True)
# `make test-quick` (--hypothesis-profile=quick): every property still runs, on a tenth of the examples.
settings.register_profile("quick", max_examples=10)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
# The two API pages the spec comes from, carried in the repository (see its README).
SEEDS = ROOT / "tests" / "data" / "seeds"


@pytest.fixture(scope="session")
def spec() -> Spec:
    return load_spec()


# --- a server on a fresh database, in-process ------------------------------------------------------


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
                create_key(self.settings, email=email, scopes=scopes, gateway_id=gateway)
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


# --- PostgreSQL: a database of its own for the session, emptied before each test -----------------

POSTGRES_URL = os.environ.get("SPECGATE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("SPECGATE_TEST_REQUIRE_POSTGRES") == "1"
# The resource tables and what the store keeps beside them (counts, seek blocks).
TABLES = ", ".join(
    ["api_keys", "tools", "tool_services", "gateway_services", "upstreams", "gateways"]
    + [t.name for t in metadata.sorted_tables if t.name == "row_counts" or t.name.startswith("seek_")]
)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of a fresh database on the test server, dropped at the end of the session."""
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if REQUIRE_POSTGRES:
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_URL} ({type(exc).__name__})")
    name = f"specgate_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
        url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        upgrade(url)
        try:
            yield url
        finally:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def postgres_settings(url: str, keys: str | None = None) -> Settings:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    return get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()})


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh database of each kind: every API test runs on both."""
    if request.param == "sqlite":
        return sqlite_settings(tmp_path)
    return postgres_settings(request.getfixturevalue("postgres_url"))


@pytest.fixture
def api(backend: Settings) -> Iterator[Api]:
    with TestClient(create_app(backend)) as client:
        yield Api(client, backend)
