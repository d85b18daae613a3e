"""The `specgate` command: keys, migrations, key rotation, and the key file of the SQLite default."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from specgate.cli import main
from specgate.config import get_settings
from specgate.server import create_app
from specgate.store.migrate import head_revision

from .support import endpoint_service


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code, out, _ = run_with_errors(capsys, *args)
    return code, out


def run_with_errors(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


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
    written = key_file.read_text()
    # The same file is read again, not replaced: what one encrypts, the other decrypts.
    assert settings.keyring.decrypt(get_settings(url, environ={}).keyring.encrypt("x")) == "x"
    assert key_file.read_text() == written
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700


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


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_key_file_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    from specgate.errors import ConfigError

    url = f"sqlite:///{tmp_path}/db.sqlite"
    get_settings(url, environ={})
    key_file = tmp_path / "secret.key"
    key_file.chmod(mode)
    with pytest.raises(ConfigError, match="chmod 600"):
        get_settings(url, environ={})
    key_file.chmod(0o600)
    assert get_settings(url, environ={}).database_url == url


def test_sqlite_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    import asyncio

    from specgate.store.database import open_database
    from specgate.store.migrate import upgrade

    url = f"sqlite:///{tmp_path}/data/db.sqlite"
    old = os.umask(0o022)
    try:
        upgrade(url)

        async def write() -> None:
            db = await open_database(url)
            try:
                async with db.transaction() as tx:
                    await tx.execute("INSERT INTO gateways VALUES ('g', 1, 0, '{}', x'7b7d', 'now')")
                modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "data").iterdir()}
                assert modes == {"db.sqlite": 0o600, "db.sqlite-wal": 0o600, "db.sqlite-shm": 0o600}
            finally:
                await db.close()

        asyncio.run(write())
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def leaf_parsers(parser: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    import argparse

    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield path, parser
    for action in subparsers:
        for name, child in action.choices.items():
            yield from leaf_parsers(child, (*path, name))


def test_every_command_names_its_own_function() -> None:
    from specgate import cli

    leaves = dict(leaf_parsers(cli._parser()))
    assert set(leaves) == {
        ("serve",),
        ("keys", "create"),
        ("keys", "list"),
        ("keys", "revoke"),
        ("db", "upgrade"),
        ("fuzz",),
        ("secrets", "rotate"),
    }
    functions = {path: parser.get_default("func") for path, parser in leaves.items()}
    assert all(callable(f) for f in functions.values())
    assert len(set(functions.values())) == len(functions)  # no two commands share one
    assert functions[("secrets", "rotate")] is cli._secrets_rotate
    for path, function in functions.items():
        assert function.__name__ == "_" + "_".join(path)


def test_an_unknown_command_runs_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["rotate"], ["secrets"], ["secrets", "rotat"], ["keys", "delete", "1"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
    assert "re-encrypted" not in capsys.readouterr().out


def test_a_library_value_error_is_not_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only UsageError and ConfigError are the user's to fix (exit 2); a bug stays a traceback."""
    import specgate.admin

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(specgate.admin, "list_api_keys", broken)
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", Fernet.generate_key().decode())
    with pytest.raises(ValueError, match="a bug"):
        main(["keys", "list", "--database", f"sqlite:///{tmp_path}/db.sqlite"])


def keys_table(capsys: pytest.CaptureFixture[str], url: str) -> list[list[str]]:
    code, lines = run(capsys, "keys", "list", "--database", url)
    assert code == 0
    return [line.split() for line in lines]


def test_keys_list_shows_who_and_what_never_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", Fernet.generate_key().decode())
    url = f"sqlite:///{tmp_path}/db.sqlite"
    assert keys_table(capsys, url) == [["ID", "PREFIX", "EMAIL", "SCOPES", "GATEWAY", "CREATED"]]
    made = []
    for email, scopes in (("a@example.com", "read"), ("b@example.com", "write,read,resolve")):
        code, lines = run(capsys, "keys", "create", "--email", email, "--scopes", scopes, "--database", url)
        assert code == 0
        made.append(lines[-1])
    code, out = run(capsys, "keys", "list", "--database", url)
    text = "\n".join(out)
    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        hashes = [row[0] for row in conn.execute("SELECT key_hash FROM api_keys")]
    assert not any(secret in text for secret in made + hashes)
    rows = [line.split() for line in out[1:]]
    assert [row[:5] for row in rows] == [
        ["1", made[0][:7], "a@example.com", "read", "-"],
        ["2", made[1][:7], "b@example.com", "read,resolve,write", "-"],
    ]
    assert all(row[5].startswith("20") for row in rows)


def test_keys_revoke_ends_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = Fernet.generate_key().decode()
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", keys)
    monkeypatch.setenv("SPECGATE_KEY_CACHE_SECONDS", "0")
    url = f"sqlite:///{tmp_path}/db.sqlite"
    _, lines = run(capsys, "keys", "create", "--email", "a@x", "--scopes", "read", "--database", url)
    kept = lines[-1]
    _, lines = run(capsys, "keys", "create", "--email", "b@x", "--scopes", "read", "--database", url)
    revoked = lines[-1]
    with TestClient(create_app(get_settings(url))) as client:

        def status(key: str) -> int:
            return client.get("/api/v1/gateways", headers={"Authorization": f"Bearer {key}"}).status_code

        assert (status(kept), status(revoked)) == (200, 200)
        code, lines = run(capsys, "keys", "revoke", "2", "--database", url)
        assert code == 0 and "SPECGATE_KEY_CACHE_SECONDS" in lines[-1]
        assert (status(kept), status(revoked)) == (200, 401)
    assert [row[2] for row in keys_table(capsys, url)[1:]] == ["a@x"]
    code, _, err = run_with_errors(capsys, "keys", "revoke", "2", "--database", url)
    assert code == 1 and "no key with id 2" in err
    # A new key never takes a revoked key's id: `keys revoke 2` can only ever mean that key.
    run(capsys, "keys", "create", "--email", "c@x", "--scopes", "read", "--database", url)
    assert [row[0] for row in keys_table(capsys, url)[1:]] == ["1", "3"]


def test_keys_create_takes_a_gateway_id_in_canonical_form_and_only_an_existing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECGATE_SECRET_KEYS", Fernet.generate_key().decode())
    url = f"sqlite:///{tmp_path}/db.sqlite"

    def create(*gateway: str) -> tuple[int, list[str], str]:
        args = ("keys", "create", "--email", "b@x", "--scopes", "read,write", "--database", url)
        return run_with_errors(capsys, *args, *gateway)

    admin = {"Authorization": f"Bearer {create()[1][-1]}"}
    with TestClient(create_app(get_settings(url))) as client:
        gid = client.post("/api/v1/gateways", json={"name": "g"}, headers=admin).json()["id"]
        for bad in ("not-a-uuid", "", "12345", gid + "0"):
            code, _, err = create("--gateway", bad)
            assert code == 2 and "--gateway must be a gateway id" in err
        code, _, err = create("--gateway", "00000000-0000-4000-8000-000000000000")
        assert code == 2 and "no gateway 00000000-0000-4000-8000-000000000000" in err
        code, lines, _ = create("--gateway", gid.upper())
        assert code == 0
        bound = {"Authorization": f"Bearer {lines[-1]}"}
        assert client.get(f"/api/v1/gateways/{gid}", headers=bound).status_code == 200
    assert [row[4] for row in keys_table(capsys, url)[1:]] == ["-", gid]


def test_fuzz_reads_its_key_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import specgate.fuzzing.runner as runner

    seen: list[str] = []

    def fake_run(options: runner.FuzzOptions) -> runner.FuzzResult:
        seen.append(options.api_key)
        return runner.FuzzResult(0, 1, 0, 0.0, 0, 0)

    monkeypatch.setattr(runner, "run", fake_run)
    monkeypatch.delenv("SPECGATE_FUZZ_API_KEY", raising=False)
    assert main(["fuzz", "--url", "http://127.0.0.1:9"]) == 2
    assert "SPECGATE_FUZZ_API_KEY" in capsys.readouterr().err and seen == []
    monkeypatch.setenv("SPECGATE_FUZZ_API_KEY", "sg_from_env")
    assert main(["fuzz", "--url", "http://127.0.0.1:9"]) == 0
    assert main(["fuzz", "--url", "http://127.0.0.1:9", "--api-key", "sg_from_args"]) == 0
    assert seen == ["sg_from_env", "sg_from_args"]


def test_make_fuzz_passes_the_key_by_the_environment_not_the_command_line() -> None:
    import subprocess

    from .support import ROOT

    dry = subprocess.run(
        ["make", "-n", "fuzz", "KEY=sg_not_on_the_command_line", "URL=http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert dry.returncode == 0, dry.stderr
    assert "specgate fuzz --url http://127.0.0.1:9" in dry.stdout
    assert "sg_not_on_the_command_line" not in dry.stdout and "--api-key" not in dry.stdout


def test_an_existing_database_file_others_can_read_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from specgate.store.migrate import upgrade

    path = tmp_path / "db.sqlite"
    path.touch(mode=0o644)
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="specgate.store"):
        upgrade(f"sqlite:///{path}")
    assert any("can be read by group or others (mode 0644)" in r.getMessage() for r in caplog.records)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # reported, not changed behind the user's back
    caplog.clear()
    path.chmod(0o600)
    with caplog.at_level(logging.WARNING, logger="specgate.store"):
        upgrade(f"sqlite:///{path}")
    assert not [r for r in caplog.records if r.name == "specgate.store"]
