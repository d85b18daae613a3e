"""API keys, which callers send (not the encryption keys of crypto.py): made once, shown once, stored
as a hash.

A key is 32 random bytes, so a plain SHA-256 is the right hash (a slow password hash buys nothing
against a key nobody can guess, and would cost every request).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from .digests import sha256_hex
from .errors import UsageError

__all__ = ["API_KEY_PREFIX", "SCOPES", "Identity", "hash_api_key", "new_api_key", "parse_scopes"]

API_KEY_PREFIX = "sg_"
SCOPES = ("read", "write", "resolve")


@dataclass(frozen=True)
class Identity:
    """Who is calling: the key's e-mail, its scopes and the one gateway it may be bound to."""

    email: str
    scopes: frozenset[str]
    gateway_id: str | None = None


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def hash_api_key(key: str) -> str:
    return sha256_hex(key.encode())


def parse_scopes(text: str) -> frozenset[str]:
    """`read,write` -> the scopes; UsageError naming any unknown one."""
    scopes = frozenset(s.strip() for s in text.split(",") if s.strip())
    unknown = sorted(scopes - set(SCOPES))
    if unknown or not scopes:
        raise UsageError(f"scopes must be among {', '.join(SCOPES)}; got {text!r}")
    return scopes
