"""Encryption of secrets at rest: cryptography's MultiFernet.

The encryption keys (`SPECGATE_SECRET_KEYS`; not the API keys callers send, see api_keys.py): the
first encrypts, every one decrypts, so a new key can be put first while old tokens still read, and
`rotate` re-encrypts a token under the first key so that the old key can then be dropped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from .errors import ConfigError, SecretError

__all__ = ["Keyring", "new_encryption_key"]

_UNREADABLE = "a stored secret cannot be decrypted with the configured encryption keys"

_MAX_REMEMBERED = 10_000


def new_encryption_key() -> str:
    """A fresh random encryption key: a Fernet key (url-safe base64 text)."""
    return Fernet.generate_key().decode()


def _placeholder(key: str) -> bool:
    """A well-formed key that nobody generated: 32 times the same byte (AAAA...= and the like)."""
    return len(set(base64.urlsafe_b64decode(key.strip().encode()))) == 1


class Keyring:
    """The configured encryption keys (Fernet). Its repr names how many there are, never a key."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ConfigError("at least one encryption key is needed (SPECGATE_SECRET_KEYS)")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])
        except (ValueError, TypeError):
            raise ConfigError(
                "an encryption key is not a Fernet key (32 url-safe base64-encoded bytes)"
            ) from None
        if any(_placeholder(key) for key in keys):
            raise ConfigError("an encryption key is a placeholder (one byte repeated); generate a real one")
        self.size = len(keys)
        # token -> keyed digest of its value, for the tokens this keyring made: a PUT that sends a
        # secret again unchanged keeps its stored token instead of paying Fernet for a new one
        # (`holds`). The digest key lives in memory only, so no value can be recovered from it.
        self._digest_key = os.urandom(32)
        self._made: dict[str, bytes] = {}

    def __repr__(self) -> str:
        return f"Keyring(<{self.size} keys>)"

    def encrypt(self, value: str) -> str:
        plain = value.encode()
        token = self._fernet.encrypt(plain).decode()
        if len(self._made) >= _MAX_REMEMBERED:
            self._made.clear()
        self._made[token] = self._digest(plain)
        return token

    def holds(self, value: str, token: object) -> bool:
        """Whether `token` is one this keyring made (under its first key, so it needs no rotation)
        for exactly `value`. No decryption: a remembered keyed digest of the value is compared."""
        made = self._made.get(token) if isinstance(token, str) else None
        return made is not None and hmac.compare_digest(made, self._digest(value.encode()))

    def _digest(self, plain: bytes) -> bytes:
        return hashlib.blake2b(plain, key=self._digest_key, digest_size=32).digest()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise SecretError(_UNREADABLE) from None

    def rotate(self, token: str) -> str:
        """The same secret encrypted under the first key."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise SecretError(_UNREADABLE) from None
