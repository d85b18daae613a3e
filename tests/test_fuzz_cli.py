"""`specgate fuzz` against a live server on loopback: it fuzzes, reports, and cleans up after itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from .support import ROOT, ServerProcess, create_api_key, http_client

pytestmark = pytest.mark.slow


def fuzz(server: ServerProcess, key: str, reports: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "specgate.cli", "fuzz", "--url", server.url, "--api-key", key]
    command += ["--examples", "5", "--seed", "1", "--report-dir", str(reports), *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)


def counts(server: ServerProcess, headers: dict[str, str]) -> tuple[int, int]:
    with http_client(base_url=server.url, headers=headers) as http:
        gateways = http.get("/api/v1/gateways").json()["total"]
        services = http.get("/api/v1/services/").json()["total_count"]
    return gateways, services


def users_own(server: ServerProcess, headers: dict[str, str]) -> str:
    """Rows the user makes before the run: a gateway (its id is returned), and tool service 1 with a
    secret (the first id a fuzzer guesses)."""
    with http_client(base_url=server.url, headers=headers) as http:
        gateway_id: str = http.post("/api/v1/gateways", json={"name": "users-own"}).json()["id"]
        body = {
            "name": "users-own",
            "description": "d",
            "auth_type": "bearer",
            "auth_values": {"token": "t0ken"},
        }
        assert http.post("/api/v1/services/", json=body).json()["id"] == 1
    return gateway_id


def users_rows(server: ServerProcess, headers: dict[str, str], gateway_id: str) -> dict[str, Any]:
    """Those rows as they are now: bodies, ETags, and the secret as resolving answers it."""
    with http_client(base_url=server.url, headers=headers) as http:
        gateway = http.get(f"/api/v1/gateways/{gateway_id}")
        service = http.get("/api/v1/services/1")
        resolved = http.get("/api/v1/services/1/resolved-auth")
    return {
        "gateway": (gateway.status_code, gateway.json(), gateway.headers.get("etag")),
        "tool service": (service.status_code, service.json(), service.headers.get("etag")),
        "secret": resolved.json().get("auth_values"),
    }


def test_fuzz_a_live_server_then_clean_up(tmp_path: Path) -> None:
    keys = Fernet.generate_key().decode()
    url = f"sqlite:///{tmp_path}/specgate.db"
    key = create_api_key(url, keys)
    server = ServerProcess(url, keys, tmp_path / "server.log").start()
    try:
        headers = {"Authorization": f"Bearer {key}"}
        gateway_id = users_own(server, headers)
        own = users_rows(server, headers, gateway_id)
        before = counts(server, headers)
        result = fuzz(server, key, tmp_path / "reports")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        summary = (tmp_path / "reports" / "summary.md").read_text()
        assert "with failures: 0" in summary
        created = re.search(r"\b(\d+) created resources deleted, 0 left behind", summary)
        assert created is not None and int(created[1]) > 0  # it did create (and delete) resources
        assert (tmp_path / "reports" / "junit.xml").stat().st_size > 0
        assert (tmp_path / "reports" / "html" / "index.html").exists()
        assert counts(server, headers) == before  # the user's own data is still there, the run's is gone
        # And untouched: the same bodies, versions and secret.
        assert users_rows(server, headers, gateway_id) == own

        # All phases asked for, as `make fuzz READ_ONLY=1` does: the stateful one is skipped, and said so.
        read_only = fuzz(server, key, tmp_path / "read-only", "--read-only")
        assert read_only.returncode == 0, read_only.stdout[-3000:]
        summary = (tmp_path / "read-only" / "summary.md").read_text()
        assert re.search(r"\b0 created resources deleted, 0 left behind", summary)
        assert "with failures: 0" in summary
        assert "- phases: examples,coverage,fuzzing;" in summary and "stateful phase skipped" in summary
        output = read_only.stdout + read_only.stderr
        assert "Missing Open API links" not in output and "links" not in output.lower()
        assert counts(server, headers) == before
        assert users_rows(server, headers, gateway_id) == own  # read, never written
    finally:
        server.stop()


def test_every_link_of_the_spec_starts_at_a_create() -> None:
    """Why a read-only run has no stateful phase (READ_ONLY_SKIPS_STATEFUL says so in its report)."""
    from specgate.spec import load_spec

    spec = load_spec()
    sources = {
        (op.method, op.operation_id)
        for op in spec.operations()
        for response in op.operation.get("responses", {}).values()
        if spec.resolve(response).get("links")
    }
    assert sources and all(method == "POST" for method, _ in sources), sources
