"""Fixtures: the spec, a PostgreSQL database per session, and a server on a fresh database of each kind.

The helpers they use, and that tests import, are in support.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from _pytest.nodeid import NodeId
from hypothesis import settings

from specgate.config import Settings
from specgate.server import create_app
from specgate.spec import Spec, load_spec
from specgate.store.migrate import upgrade

from .support import (
    POSTGRES_URL,
    REQUIRE_POSTGRES,
    ROOT,
    Api,
    SameThreadClient,
    postgres_settings,
    sqlite_settings,
)

# CI runs the same examples every time (a failure there reproduces); elsewhere hypothesis explores.
settings.register_profile("ci", derandomize=True, print_blob=True)
# `make test-quick` (--hypothesis-profile=quick): every property still runs, on a tenth of the examples.
settings.register_profile("quick", max_examples=10)
if os.environ.get("CI"):
    settings.load_profile("ci")


# A module marked slow as a whole (its `pytestmark` line) holds only slow tests.
_SLOW_MODULE = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.MULTILINE)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under `-m "not slow"` (make test-quick), a module of slow tests alone is not even imported: each
    of its tests would be deselected, and importing test_fuzz.py builds schemathesis' cases for every
    operation (seconds, on every xdist worker)."""
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if _selects_slow(config.option.markexpr):
        return None
    return True if _SLOW_MODULE.search(collection_path.read_text(encoding="utf-8")) else None


def _selects_slow(markexpr: str) -> bool:
    """Whether `-m markexpr` can select a test marked slow and nothing else (no -m: yes)."""
    if not markexpr:
        return True
    from _pytest.mark.expression import Expression  # pytest's own reading of -m

    def only_slow(name: str, /, **kwargs: str | int | bool | None) -> bool:
        return name == "slow"

    return Expression.compile(markexpr).evaluate(only_slow)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first (each keeps its order): the long ones (seconds to a minute each) start while
    the short ones are left to even out the workers' ends, rather than one worker running a long
    test alone at the end. xdist hands out its groups (xdist_group) first whatever the order."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    _name_schemathesis_items(items)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        _join_xdist_groups(items)


def _name_schemathesis_items(items: list[pytest.Item]) -> None:
    """Each operation's test of `schema.parametrize()` its own node id, as its name has it
    (`test_every_operation[GET /api/v1/gateways]`). pytest 9 builds a Function's id from its
    original name and callspec, which schemathesis' items lack, so all 33 had one id, and xdist, which
    tells tests apart by id, ran one of them."""
    for item in items:
        if item.parent is not None and "[" in item.name and not item.nodeid.endswith("]"):
            item._id = NodeId.parse(f"{item.parent.nodeid}::{item.name}")


def _join_xdist_groups(items: list[pytest.Item]) -> None:
    """What xdist's loadgroup does on a worker, on pytest 9: the group joins the node id
    (`test_x.py::test@group`), which tells the scheduler to send the whole group to one worker.
    xdist 3.8 writes `item._nodeid`, which pytest 9 no longer reads (pytest-dev/pytest-xdist#1386):
    each group was spread over the workers, and its module or session fixture ran on each."""
    for item in items:
        marks = item.iter_markers("xdist_group")
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks})
        if groups and "@" not in item.nodeid.rpartition("]")[2]:  # not already joined (a fixed xdist)
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


@pytest.fixture(scope="session")
def spec() -> Spec:
    return load_spec()


# Session scope: under xdist a worker may run other modules' tests between the tests that use it,
# which would tear a module fixture down and publish again. Its users share xdist_group("publish").
@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real run of scripts/publish.py (`make publish`) into a fresh dist/: test_publish.py checks
    what it holds, test_client_wheel.py installs its wheel."""
    out = tmp_path_factory.mktemp("publish") / "dist"
    command = [sys.executable, str(ROOT / "scripts" / "publish.py"), "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


_DROP = "import psycopg, sys; psycopg.connect(sys.argv[1], autocommit=True).execute(sys.argv[2])"


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
        # Commits need not wait for the disk: nothing here outlives a crash of the database server.
        admin.execute(f"ALTER DATABASE {name} SET synchronous_commit = off")
        url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        upgrade(url)
        try:
            yield url
        finally:
            # DROP DATABASE waits for a checkpoint of the whole server, seconds when others keep it busy;
            # nothing here needs the result, so a process of its own drops it while this one ends.
            drop = [sys.executable, "-c", _DROP, POSTGRES_URL, f"DROP DATABASE {name} WITH (FORCE)"]
            subprocess.run(
                ["sh", "-c", '"$@" >/dev/null 2>&1 &', "sh", *drop], check=True
            )  # in the background


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh database of each kind: every API test runs on both."""
    if request.param == "sqlite":
        return sqlite_settings(tmp_path)
    return postgres_settings(request.getfixturevalue("postgres_url"))


@pytest.fixture
def api(backend: Settings) -> Iterator[Api]:
    with SameThreadClient(create_app(backend)) as client:
        yield Api(client, backend)
