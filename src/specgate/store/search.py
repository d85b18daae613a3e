"""Substring search served by an index, case-insensitive: FTS5 on SQLite, pg_trgm on PostgreSQL.

SQLite: a table `search_<table>` (FTS5, trigram tokenizer, case_sensitive 0) holds the searchable
columns as text under the row's id; the store keeps it in step in each write's transaction. A
phrase of 3 or more characters matches exactly the rows holding it as a substring.
PostgreSQL: a trigram GIN index `search_<table>_<column>` on LOWER(CAST(column AS TEXT)) serves
`LIKE '%value%'` on the same expression.

A value shorter than 3 characters has no trigram: it is answered by a scan of the table (on both
databases), still exact; such a value matches a large share of any table anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .database import Transaction

__all__ = ["TRIGRAM", "create", "drop", "matching_ids", "refill", "reindex"]

TRIGRAM = 3


def _fts(table: str) -> str:
    return f"search_{table}"


def create(dialect: str, table: str, columns: Sequence[str]) -> list[str]:
    """Statements that build the search structure of a table and fill it from its rows."""
    if dialect == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE {_fts(table)} USING fts5({', '.join(columns)},"
            " tokenize = 'trigram case_sensitive 0')",
            *refill(dialect, table, columns)[1:],
        ]
    return ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f"CREATE INDEX {_fts(table)}_{c} ON {table} USING gin ((LOWER(CAST({c} AS TEXT))) gin_trgm_ops)"
        for c in columns
    ]


def refill(dialect: str, table: str, columns: Sequence[str]) -> list[str]:
    """Statements that make the search structure hold the table's rows as they are now."""
    if dialect != "sqlite":
        return []  # PostgreSQL's indexes hold them
    texts = ", ".join(f"CAST({c} AS TEXT)" for c in columns)
    return [
        f"DELETE FROM {_fts(table)}",
        f"INSERT INTO {_fts(table)} (rowid, {', '.join(columns)}) SELECT id, {texts} FROM {table}",
    ]


def drop(dialect: str, table: str, columns: Sequence[str]) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TABLE {_fts(table)}"]
    return [f"DROP INDEX {_fts(table)}_{c}" for c in columns]


async def reindex(
    tx: Transaction,
    dialect: str,
    table: str,
    columns: Sequence[str],
    row_id: Any,
    new: Mapping[str, Any] | None,
) -> None:
    """SQLite: the row's searchable text as `new` has it (None: the row is gone). PostgreSQL keeps its own."""
    if dialect != "sqlite" or not columns:
        return
    await tx.execute(f"DELETE FROM {_fts(table)} WHERE rowid = :id", {"id": row_id})
    if new is not None:
        marks = ", ".join(f":c{i}" for i in range(len(columns)))
        values = {f"c{i}": None if new.get(c) is None else str(new[c]) for i, c in enumerate(columns)}
        await tx.execute(
            f"INSERT INTO {_fts(table)} (rowid, {', '.join(columns)}) VALUES (:id, {marks})",
            values | {"id": row_id},
        )


def matching_ids(dialect: str, table: str, terms: Sequence[tuple[str, str]]) -> tuple[str, dict[str, Any]]:
    """A query of the ids of `table`'s rows holding every (column, value) as a substring, any case."""
    params: dict[str, Any] = {}
    likes: list[str] = []
    phrases: list[str] = []
    for i, (column, value) in enumerate(terms):
        if dialect == "sqlite" and len(value) >= TRIGRAM:
            phrases.append(f'{column} : "{value.replace(chr(34), chr(34) * 2)}"')
            continue
        escape = "!" if dialect == "sqlite" else "\\"
        pattern = (
            value.lower().replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")
        )
        likes.append(f"LOWER(CAST({table}.{column} AS TEXT)) LIKE :v{i}")
        if dialect == "sqlite":
            likes[-1] += " ESCAPE '!'"
        params[f"v{i}"] = f"%{pattern}%"
    if not phrases:
        return f"SELECT id FROM {table} WHERE {' AND '.join(likes)}", params
    params["q"] = " AND ".join(phrases)
    fts = _fts(table)
    if not likes:
        return f"SELECT rowid AS id FROM {fts} WHERE {fts} MATCH :q", params
    where = " AND ".join([f"{fts} MATCH :q", *likes])
    return f"SELECT {table}.id FROM {fts} JOIN {table} ON {table}.id = {fts}.rowid WHERE {where}", params
