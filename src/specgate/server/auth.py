"""Who is calling: API keys from `Authorization: Bearer` or `Syllable-API-Key`, looked up by hash.

Lookups are cached for a few seconds (`SPECGATE_KEY_CACHE_SECONDS`): a hash and a dict read per
request instead of a query, while a new key is seen at once (misses are not cached for long).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import NamedTuple

from ..api_keys import Identity, hash_api_key
from ..errors import Forbidden, NotFound, Unauthorized
from ..store import Store

__all__ = ["Authenticator", "require_gateway", "require_scopes"]

_MAX_CACHED = 10_000


class _Cached(NamedTuple):
    until: float  # time.monotonic() past which it is looked up again
    identity: Identity | None  # None: no such key


class Authenticator:
    def __init__(self, store: Store, ttl: float) -> None:
        self._store = store
        self._ttl = ttl
        self._cache: dict[str, _Cached] = {}

    async def identify(self, raw_headers: Iterable[tuple[bytes, bytes]]) -> Identity:
        """The caller's identity; every credential sent must be valid, and all name one key.

        Each header is read in all its copies: with `Syllable-API-Key: good` then `Syllable-API-Key:
        bogus`, the first copy alone would pass (issue 9, L1). The ASGI headers (lower-case names)
        are walked once, with no `Headers` object: this runs on every request.
        """
        key: str | None = None
        several = False
        for name, value in raw_headers:
            if name == b"authorization":
                scheme, _, sent = value.decode("latin-1").partition(" ")
                sent = sent.strip()
                if scheme.lower() != "bearer" or not sent:
                    raise Unauthorized("the Authorization header must be 'Bearer <key>'")
            elif name == b"syllable-api-key":
                sent = value.decode("latin-1").strip()
            else:
                continue
            if key is None:
                key = sent
            elif sent != key:
                several = True
        if key is None:
            raise Unauthorized("no API key: send 'Authorization: Bearer <key>' or 'Syllable-API-Key'")
        if several:
            raise Unauthorized("the request holds more than one API key; send one key")
        identity = await self._lookup(key)
        if identity is None:
            raise Unauthorized("the API key is not valid")
        return identity

    async def _lookup(self, key: str) -> Identity | None:
        digest = hash_api_key(key)
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and cached.until > now:
            return cached.identity
        holder = await self._store.find_api_key(digest)
        identity = None
        if holder is not None:
            identity = Identity(holder.email, frozenset(holder.scopes.split(",")), holder.gateway_id)
        if len(self._cache) >= _MAX_CACHED:
            self._cache.clear()
        # An unknown key is remembered for a moment only, so a key made just now works at once.
        self._cache[digest] = _Cached(now + (self._ttl if identity else min(self._ttl, 0.5)), identity)
        return identity


def require_scopes(identity: Identity, scopes: frozenset[str]) -> None:
    """The key holds every scope the operation's `security` lists in the spec."""
    missing = sorted(scopes - identity.scopes)
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise Forbidden(f"this operation needs the {' and '.join(missing)} scope{plural}")


def require_gateway(identity: Identity, gateway_id: str | None) -> None:
    """A key bound to one gateway sees no other: other gateways (and the tool APIs) answer 404."""
    if identity.gateway_id is not None and identity.gateway_id != gateway_id:
        raise NotFound("no such resource")
