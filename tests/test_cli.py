"""The `specgate` command: keys, migrations, key rotation, and the key file of the SQLite default."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from specgate.cli import main
from specgate.config import get_settings
from specgate.server import create_app
from specgate.store.migrate import head_revision

from .test_server_gateways import endpoint_service


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_keys_create_prints_the_key_alone_on_its_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", Fernet.generate_key().decode())
    url = f"sqlite:///{tmp_path}/db.sqlite"
    code, lines = run(
        capsys, "keys", "create", "--email", "a@example.com", "--scopes", "read", "--database", url
    )
    assert code == 0 and lines[-1].startswith("sg_") and " " not in lines[-1]
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        stored = conn.execute("SELECT key_hash, email, scopes FROM api_keys").fetchall()
    assert len(stored) == 1 and lines[-1] not in str(stored)  # stored hashed
    assert stored[0][1:] == ("a@example.com", "read")
    assert main(["keys", "create", "--email", "a", "--scopes", "admin", "--database", url]) == 2


def test_without_secret_keys_a_0600_key_file_is_made_beside_the_database(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path}/data/db.sqlite"
    with caplog.at_level(logging.WARNING):
        settings = get_settings(url, environ={})
    key_file = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert any("SPECGATE_SECRET_KEYS is not set" in r.getMessage() for r in caplog.records)
    assert get_settings(url, environ={}).keyring.encrypt  # the same file is read again
    assert settings.keyring.decrypt(get_settings(url, environ={}).keyring.encrypt("x")) == "x"


def test_postgresql_needs_secret_keys() -> None:
    from specgate.errors import ConfigError

    with pytest.raises(ConfigError):
        get_settings("postgresql://postgres@127.0.0.1/test", environ={})


def test_secrets_rotate_lets_the_old_key_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    url = f"sqlite:///{tmp_path}/db.sqlite"
    settings = get_settings(url, environ={"SPECGATE_SECRET_KEYS": old})
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", old)
    _, lines = run(
        capsys, "keys", "create", "--email", "a@x", "--scopes", "read,write,resolve", "--database", url
    )
    headers = {"Authorization": f"Bearer {lines[-1]}"}
    with TestClient(create_app(settings)) as client:
        gid = client.post("/api/v1/gateways", json={"name": "g"}, headers=headers).json()["id"]
        body = endpoint_service(credentials={"api_key": "rotate-me"})
        sid = client.post(f"/api/v1/gateways/{gid}/services", json=body, headers=headers).json()["id"]

    monkeypatch.setenv("SPECGATE_SECRET_KEYS", f"{new},{old}")
    code, lines = run(capsys, "secrets", "rotate", "--database", url)
    assert code == 0 and "re-encrypted the secrets of 1 resources" in lines[-1]

    only_new = get_settings(url, environ={"SPECGATE_SECRET_KEYS": new})
    with TestClient(create_app(only_new)) as client:
        resolved = client.get(f"/api/v1/gateways/{gid}/services/{sid}/resolved", headers=headers)
        assert resolved.status_code == 200 and resolved.json()["credentials"]["api_key"] == "rotate-me"
        assert client.get(f"/api/v1/gateways/{gid}/services/{sid}", headers=headers).headers["etag"] == '"1"'


def test_db_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", Fernet.generate_key().decode())
    code, lines = run(capsys, "db", "upgrade", "--database", f"sqlite:///{tmp_path}/db.sqlite")
    assert code == 0 and lines == ["the database schema is up to date"]
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)


def test_sqlite_synchronous_is_a_setting(tmp_path: Path) -> None:
    import asyncio

    from specgate.errors import ConfigError
    from specgate.store.database import open_database

    keys = Fernet.generate_key().decode()
    url = f"sqlite:///{tmp_path}/db.sqlite"
    settings = get_settings(
        url, environ={"SPECGATE_SECRET_KEYS": keys, "SPECGATE_SQLITE_SYNCHRONOUS": "full"}
    )
    assert settings.sqlite_synchronous == "FULL"

    async def level() -> int:
        db = await open_database(url, sqlite_synchronous=settings.sqlite_synchronous)
        try:
            row = await db.fetch_one("PRAGMA synchronous")
            assert row is not None
            return int(row[0])
        finally:
            await db.close()

    assert asyncio.run(level()) == 2  # FULL
    with pytest.raises(ConfigError):
        get_settings(url, environ={"SPECGATE_SECRET_KEYS": keys, "SPECGATE_SQLITE_SYNCHRONOUS": "OFF"})


@pytest.mark.parametrize("placeholder", ["A" * 43 + "=", "_" * 43 + "="])
def test_a_placeholder_secret_key_is_refused(tmp_path: Path, placeholder: str) -> None:
    from specgate.errors import ConfigError

    with pytest.raises(ConfigError, match="placeholder"):
        get_settings(f"sqlite:///{tmp_path}/db.sqlite", environ={"SPECGATE_SECRET_KEYS": placeholder})
