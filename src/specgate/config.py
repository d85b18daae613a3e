"""Settings, resolved by `get_settings()` from the environment and the command line; never at import."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .crypto import Keyring, new_encryption_key
from .errors import ConfigError
from .logs import logger
from .store.database import sqlite_path

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "get_settings"]

DEFAULT_DATABASE_URL = "sqlite:///.specgate/specgate.db"
ENCRYPTION_KEY_FILE_NAME = "secret.key"
log = logger("specgate.config")


@dataclass(frozen=True)
class Settings:
    """What a server or a command needs. `keyring` holds the secret keys; its repr shows no key."""

    database_url: str
    keyring: Keyring
    pool_size: int = 10
    api_key_cache_seconds: float = 5.0
    sqlite_synchronous: str = "NORMAL"
    # The HTTP edge (README "Limits"): see server/protocol.py and server/serving.py.
    max_head_bytes: int = 64 * 1024
    head_timeout: float = 10.0
    body_timeout: float = 30.0
    keep_alive_timeout: int = 5
    max_connections: int = 1000


def get_settings(database_url: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from arguments first, then `SPECGATE_*` variables, then defaults."""
    env = os.environ if environ is None else environ
    url = database_url or env.get("SPECGATE_DATABASE_URL") or DEFAULT_DATABASE_URL
    if not (url.startswith("sqlite:///") or url.startswith(("postgresql://", "postgresql+psycopg://"))):
        raise ConfigError("the database URL must be sqlite:///PATH or postgresql://...")
    return Settings(
        database_url=url,
        keyring=Keyring(_encryption_keys(url, env)),
        pool_size=_int(env, "SPECGATE_POOL_SIZE", 10),
        api_key_cache_seconds=float(env.get("SPECGATE_KEY_CACHE_SECONDS", "5")),
        sqlite_synchronous=_choice(env, "SPECGATE_SQLITE_SYNCHRONOUS", ("NORMAL", "FULL")),
        max_head_bytes=_int(env, "SPECGATE_MAX_HEAD_BYTES", 64 * 1024),
        head_timeout=_seconds(env, "SPECGATE_HEAD_TIMEOUT", 10.0),
        body_timeout=_seconds(env, "SPECGATE_BODY_TIMEOUT", 30.0),
        keep_alive_timeout=_int(env, "SPECGATE_KEEP_ALIVE_TIMEOUT", 5),
        max_connections=_int(env, "SPECGATE_MAX_CONNECTIONS", 1000),
    )


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    value = env.get(name, choices[0]).upper()
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}")
    return value


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    try:
        return int(env.get(name, default))
    except ValueError:
        raise ConfigError(f"{name} must be an integer") from None


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    try:
        value = float(env.get(name, default))
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds") from None
    if not 0 < value < 3600:
        raise ConfigError(f"{name} must be more than 0 and less than 3600 seconds")
    return value


def _encryption_keys(url: str, env: Mapping[str, str]) -> list[str]:
    """The encryption keys: `SPECGATE_SECRET_KEYS` (comma-separated, first encrypts), or a key file
    beside a SQLite file."""
    configured = env.get("SPECGATE_SECRET_KEYS", "").strip()
    if configured:
        return [key.strip() for key in configured.split(",") if key.strip()]
    path = sqlite_path(url)
    if path is None:
        raise ConfigError("SPECGATE_SECRET_KEYS must be set when the database is not a SQLite file")
    key_file = path.parent / ENCRYPTION_KEY_FILE_NAME
    if not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(new_encryption_key() + "\n")
        log.warning(
            "SPECGATE_SECRET_KEYS is not set: created the encryption key file %s (mode 0600); back it up, "
            "without it the stored secrets cannot be read",
            key_file,
        )
    _check_private(key_file)
    return [line.strip() for line in key_file.read_text().splitlines() if line.strip()]


def _check_private(key_file: Path) -> None:
    """An encryption key file others can read is a leaked key: refuse it rather than use it."""
    mode = stat.S_IMODE(key_file.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"the encryption key file {key_file} is readable or writable by group or others"
            f" (mode {mode:04o}); "
            f"run `chmod 600 {key_file}` (and consider the key leaked if others could read it)"
        )
