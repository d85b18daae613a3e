"""What the CLI does to a database outside the server: API keys and key rotation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from .api_keys import hash_api_key, new_api_key, parse_scopes
from .config import Settings
from .errors import NotFound, UsageError
from .logs import CONTROLS
from .masking import map_secrets, shape_of
from .spec import load_spec
from .store import KINDS, ApiKeyRecord, Store, open_database
from .store.migrate import upgrade

__all__ = [
    "add_api_key",
    "create_api_key",
    "gateway_id_of",
    "list_api_keys",
    "revoke_api_key",
    "rotate_secrets",
]


async def _store(settings: Settings) -> Store:
    upgrade(settings.database_url)
    return Store(await open_database(settings.database_url, pool_size=2))


def gateway_id_of(text: str) -> str:
    """A gateway id in the canonical form the server writes and compares (lower-case UUID)."""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        raise UsageError(f"--gateway must be a gateway id (a UUID); got {text!r}") from None


async def create_api_key(settings: Settings, *, email: str, scopes: str, gateway_id: str | None) -> str:
    """Make a key, store its hash, and return the key itself (the only time it is seen)."""
    fields = _checked_key_fields(email, scopes, gateway_id)  # before the database is opened (or made)
    store = await _store(settings)
    try:
        return await _insert_key(store, email, *fields)
    finally:
        await store.close()


async def add_api_key(store: Store, *, email: str, scopes: str, gateway_id: str | None) -> str:
    """`create_api_key` on a store already open (a running server's, in the tests)."""
    return await _insert_key(store, email, *_checked_key_fields(email, scopes, gateway_id))


def _checked_key_fields(email: str, scopes: str, gateway_id: str | None) -> tuple[str, str | None]:
    """A key's scopes as stored and its gateway id in canonical form (`_insert_key` checks that the
    gateway exists)."""
    scope_set = parse_scopes(scopes)
    if not email.strip() or CONTROLS.search(email) or len(email) > 320:
        # It is logged and stored as `last_updated_by`: one line of at most 320 characters.
        raise UsageError("--email must be one line of 1 to 320 characters, without control characters")
    gateway = gateway_id_of(gateway_id) if gateway_id is not None else None
    return ",".join(sorted(scope_set)), gateway


async def _insert_key(store: Store, email: str, scope_text: str, gateway: str | None) -> str:
    """Store a new key of checked fields. Its gateway must exist: a key bound to no gateway that
    exists (or to an id in another spelling) would answer 404 everywhere."""
    if gateway is not None and not await store.exists(KINDS["gateway"], gateway):
        raise UsageError(f"--gateway: no gateway {gateway} in this database")
    key = new_api_key()
    await store.insert_api_key(
        key_hash=hash_api_key(key),
        prefix=key[:7],
        email=email,
        scopes=scope_text,
        gateway_id=gateway,
        created_at=datetime.now(UTC).isoformat(),
    )
    return key


async def list_api_keys(settings: Settings) -> list[ApiKeyRecord]:
    """Every key's id, prefix, e-mail, scopes, gateway and creation time (never the key or its hash)."""
    store = await _store(settings)
    try:
        return await store.list_api_keys()
    finally:
        await store.close()


async def revoke_api_key(settings: Settings, key_id: int) -> None:
    """Delete a key. A server that looked it up in the last SPECGATE_KEY_CACHE_SECONDS keeps
    accepting it until its cache entry expires; no server accepts it after that."""
    store = await _store(settings)
    try:
        if not await store.delete_api_key(key_id):
            raise NotFound(f"no key with id {key_id}")
    finally:
        await store.close()


async def rotate_secrets(settings: Settings) -> int:
    """Re-encrypt every stored secret under the first key; safe while servers are serving."""
    spec = load_spec()
    store = await _store(settings)
    rotated = 0
    try:
        for kind in KINDS.values():
            shape = shape_of(spec, kind.schema)
            if shape.empty:  # nothing encrypted in this table
                continue
            for row in await store.all_rows(kind):
                while True:
                    doc = map_secrets(row.doc, shape, settings.keyring.rotate)
                    if await store.rewrite_doc(kind, row, doc):
                        rotated += 1
                        break
                    fresh = await store.reload(kind, row)
                    if fresh is None:  # deleted meanwhile: nothing left to rotate
                        break
                    row = fresh
    finally:
        await store.close()
    return rotated
