"""The client as users get it: the wheel `make publish` builds, installed into a fresh venv with no
server package, driven against a live server: the client README's examples, the top-level README's
example, and the full scenario (tests/client_scenario.py: both API families, sync and async),
including a 429 with Retry-After from a stand-in server, answered by a retry."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from cryptography.fernet import Fernet

from specgate.admin import create_api_key
from specgate.config import get_settings

from .support import ROOT, ServerProcess

# Every test uses the wheel of the one run of publish.py (the session fixture `dist`).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("publish")]

SERVER_PACKAGES = ("specgate", "specgate_models", "starlette", "sqlalchemy", "psycopg", "cryptography",
                   "pydantic", "uvicorn", "yaml", "alembic", "orjson")  # fmt: skip


@dataclass
class Venv:
    python: Path
    work: Path


@pytest.fixture(scope="session")
def client_venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """The wheel `make publish` built (the `dist` fixture), installed alone into a new venv. The venv
    has no pip of its own (making one costs seconds): this pip installs into it (`--python`)."""
    tmp = tmp_path_factory.mktemp("client-wheel")
    (wheel,) = dist.glob("specgate_client-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], check=True)
    python = tmp / "venv" / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", "--python", str(python)]
    subprocess.run([*pip, "install", str(wheel)], check=True)
    work = tmp / "work"  # scripts run here, away from the repository's sources
    work.mkdir()
    return Venv(python, work)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("client-live")
    keys = Fernet.generate_key().decode()
    database = f"sqlite:///{tmp}/specgate.db"
    key = asyncio.run(
        create_api_key(
            get_settings(database, environ={"SPECGATE_SECRET_KEYS": keys}),
            email="client@example.com",
            scopes="read,write,resolve",
            gateway_id=None,
        )
    )
    server = ServerProcess(database, keys, tmp / "server.log").start()
    try:
        yield server.url, key
    finally:
        server.stop()


class StandIn(BaseHTTPRequestHandler):
    """GET /api/v1/version: 429 with Retry-After: 1 the first time, then the version."""

    times: ClassVar[list[float]] = []

    def do_GET(self) -> None:
        StandIn.times.append(time.monotonic())
        if len(StandIn.times) == 1:
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"api": "1.0.0", "server": "stand-in"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def stand_in() -> Iterator[str]:
    StandIn.times = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def python_blocks(markdown: Path) -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", markdown.read_text(encoding="utf-8"), re.S | re.M)
    assert blocks, f"no python example in {markdown}"
    return "\n".join(blocks)


def run(
    venv: Venv, script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    path = venv.work / "script.py"
    path.write_text(script, encoding="utf-8")
    return subprocess.run(
        [str(venv.python), str(path), *args],
        cwd=venv.work,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_venv_holds_the_client_and_no_server_package(client_venv: Venv) -> None:
    probe = """
import importlib.util, json, sys
print(json.dumps([name for name in sys.argv[1:] if importlib.util.find_spec(name)]))
"""
    result = run(client_venv, probe, "specgate_client", "httpx", "attrs", *SERVER_PACKAGES)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["specgate_client", "httpx", "attrs"]


def test_the_client_readme_examples_run(client_venv: Venv, live: tuple[str, str]) -> None:
    url, key = live
    script = python_blocks(ROOT / "generated" / "client" / "README.md")
    result = run(client_venv, script, env={"SPECGATE_URL": url, "SPECGATE_KEY": key})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "readme-secret-value" not in result.stdout + result.stderr  # printed models and errors mask it


def test_the_top_level_readme_client_example_runs(client_venv: Venv, live: tuple[str, str]) -> None:
    url, key = live
    result = run(
        client_venv, python_blocks(ROOT / "README.md"), env={"SPECGATE_URL": url, "SPECGATE_KEY": key}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_full_scenario_runs_and_a_429_is_answered_by_a_retry(
    client_venv: Venv, live: tuple[str, str], stand_in: str
) -> None:
    url, key = live
    scenario = (ROOT / "tests" / "client_scenario.py").read_text(encoding="utf-8")
    result = run(client_venv, scenario, url, key, stand_in)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("scenario ok")
    assert len(StandIn.times) == 2 and StandIn.times[1] - StandIn.times[0] >= 1.0  # waited Retry-After
    assert key not in result.stdout + result.stderr
