"""What the CLI does to a database outside the server: API keys and key rotation."""

from __future__ import annotations

from datetime import UTC, datetime

from .config import Settings
from .keys import hash_key, new_api_key, parse_scopes
from .masking import map_secrets, shape_of
from .spec import load_spec
from .store import KINDS, Store, open_database
from .store.migrate import upgrade

__all__ = ["create_key", "rotate_secrets"]


async def _store(settings: Settings) -> Store:
    upgrade(settings.database_url)
    return Store(await open_database(settings.database_url, pool_size=2))


async def create_key(settings: Settings, *, email: str, scopes: str, gateway_id: str | None) -> str:
    """Make a key, store its hash, and return the key itself (the only time it is seen)."""
    scope_set = parse_scopes(scopes)
    key = new_api_key()
    store = await _store(settings)
    try:
        await store.insert_key(
            key_hash=hash_key(key),
            prefix=key[:7],
            email=email,
            scopes=",".join(sorted(scope_set)),
            gateway_id=gateway_id,
            created_at=datetime.now(UTC).isoformat(),
        )
    finally:
        await store.close()
    return key


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
