"""The TypeScript client (generated/typescript) against a live server, run by node.

tests/typescript/roundtrip.ts uses the client on both API families (create, read, a safe update with
If-Match, a stale one, a list page, an unknown id) and prints what it saw; this test checks it, and
checks through the resolve endpoints that the secrets the client never re-sent were kept.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .support import ROOT, ServerProcess, serve_fresh_sqlite

pytestmark = pytest.mark.slow

TOOLS = ROOT / "scripts" / "typescript" / "node_modules"
TSC = TOOLS / ".bin" / "tsc"
MASK = "********"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/typescript and the generated client it imports, compiled to JavaScript."""
    assert TSC.exists(), "run `make install` (npm ci --prefix scripts/typescript)"
    out = tmp_path_factory.mktemp("typescript-client")
    tsconfig = ROOT / "tests" / "typescript" / "tsconfig.json"
    proc = subprocess.run(
        [str(TSC), "-p", str(tsconfig), "--noEmit", "false", "--outDir", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Node needs the ES-module marks of both folders and the client's runtime dependency.
    for folder in ("tests/typescript", "generated/typescript"):
        shutil.copyfile(ROOT / folder / "package.json", out / folder / "package.json")
    (out / "node_modules").symlink_to(TOOLS, target_is_directory=True)
    return out / "tests" / "typescript" / "roundtrip.js"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerProcess, str]]:
    server, key = serve_fresh_sqlite(tmp_path, email="typescript@example.com")
    try:
        yield server, key
    finally:
        server.stop()


def run_roundtrip(script: Path, url: str, key: str) -> dict[str, Any]:
    proc = subprocess.run(["node", str(script), url, key], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def test_the_typescript_client_round_trips_both_families(
    compiled: Path, server: tuple[ServerProcess, str]
) -> None:
    live, key = server
    report = run_roundtrip(compiled, live.url, key)
    auth = {"Authorization": f"Bearer {key}"}

    gateways = report["gateways"]
    assert gateways["created"] == {"status": 201, "credentials": {"api_key": MASK}}
    assert gateways["read"] == {"status": 200, "etag": '"1"'}
    assert gateways["updated"] == {
        "status": 200,
        "etag": '"2"',
        "description": "changed by the TypeScript client",
        "credentials": {"api_key": MASK},
    }
    assert gateways["stale"]["status"] == 412
    assert gateways["stale"]["problem"]["status"] == 412
    assert gateways["page"] == {"status": 200, "items": 1, "total": 1}
    assert gateways["missing"]["status"] == 404
    assert gateways["missing"]["problem"]["status"] == 404
    resolved = httpx.get(
        f"{live.url}/api/v1/gateways/{gateways['gateway_id']}/services/{gateways['service_id']}/resolved",
        headers=auth,
    )
    assert resolved.status_code == 200
    assert resolved.json()["credentials"]["api_key"] == "typescript-secret"
    assert resolved.json()["description"] == "changed by the TypeScript client"

    tools = report["tool_services"]
    assert tools["created"] == {"status": 200, "auth_value_keys": ["token"]}
    assert tools["read"] == {"status": 200, "etag": '"1"'}
    assert tools["updated"] == {
        "status": 200,
        "etag": '"2"',
        "description": "changed by the TypeScript client",
        "auth_value_keys": ["token"],
    }
    assert tools["stale"]["status"] == 412
    assert tools["stale"]["problem"]["status"] == 412
    assert tools["page"] == {"status": 200, "items": 1, "total_count": 1}
    assert tools["missing"]["status"] == 404
    assert tools["missing"]["problem"]["status"] == 404
    resolved = httpx.get(f"{live.url}/api/v1/services/{tools['service_id']}/resolved-auth", headers=auth)
    assert resolved.status_code == 200
    assert resolved.json()["auth_values"] == {"token": "typescript-token"}
