"""Storage: SQLite by default, PostgreSQL by URL; the same SQL and migrations for both."""

from __future__ import annotations

from .database import Database, open_database, sqlite_path
from .store import KINDS, ApiKeyRecord, Kind, Page, Store, Stored

__all__ = [
    "KINDS",
    "ApiKeyRecord",
    "Database",
    "Kind",
    "Page",
    "Store",
    "Stored",
    "open_database",
    "sqlite_path",
]
