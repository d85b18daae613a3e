"""Shared fixtures: the spec, the seeds folder, and a server on a fresh database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from specgate.admin import create_key
from specgate.config import Settings, get_settings
from specgate.server import create_app
from specgate.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


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
    environ = {"SPECGATE_SECRET_KEYS": keys or Fernet.generate_key().decode()}
    return get_settings(f"sqlite:///{tmp}/specgate.db", environ=environ)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    settings = sqlite_settings(tmp_path)
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings)
