"""Real server processes on loopback, for tests that need more than one, or a kill -9."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


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
    """A started server on a new SQLite file in tmp, and a read,write,resolve key for it."""
    import asyncio

    from cryptography.fernet import Fernet

    from specgate.admin import create_key
    from specgate.config import get_settings

    url, keys = f"sqlite:///{tmp}/specgate.db", Fernet.generate_key().decode()
    settings = get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys})
    key = asyncio.run(create_key(settings, email=email, scopes="read,write,resolve", gateway_id=None))
    return ServerProcess(url, keys, tmp / "server.log").start(), key
