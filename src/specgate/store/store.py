"""The store: rows of resources and API keys, with optimistic versions. Knows nothing of HTTP.

Every write is one transaction. `replace` and `delete` only touch the row when its version is still
the one the caller read, so two writers never both win; the database's own constraints (foreign
keys, unique names) are the last word on what may be deleted or linked.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..codec import dumps, embed, loads
from ..registry import RESOURCES, Resource, facts
from . import search as text_search
from . import seek
from .database import Database, Row, Transaction
from .schema import metadata

__all__ = [
    "KINDS",
    "ApiKeyHolder",
    "ApiKeyRecord",
    "Kind",
    "Page",
    "ServiceRead",
    "Store",
    "Stored",
    "ToolServiceRead",
    "Versioned",
]


@dataclass(frozen=True)
class Kind:
    """A resource table: how rows are addressed and scoped, and which columns mirror the document.

    Made from the resource's registry entry and the spec (`Kind.of`): nothing here is listed by hand.
    """

    table: str
    schema: str  # the spec's schema its documents follow (where their secrets are)
    scope: str | None = None  # the parent column a path scopes rows by (gateway_id)
    key: str = "id"  # the column a path addresses rows by (tools: name)
    columns: tuple[str, ...] = ()  # document fields copied into columns for queries and constraints
    searchable: tuple[str, ...] = ()  # columns a list searches (the spec's `search_fields` enum)
    orderable: tuple[str, ...] = ()  # columns a list orders by (the spec's `order_by` enum)

    @classmethod
    def of(cls, resource: Resource) -> Kind:
        """The table of `resource`. Each of its columns that is a field of the documents (or one the
        server adds itself, `resource.own`) mirrors that field, but `id` and `created_at`, which the
        store writes itself."""
        said = facts(resource)
        fields = set(said.properties) | set(resource.own)
        mirrored = tuple(
            column.name
            for column in metadata.tables[resource.table].columns
            if column.name in fields and column.name not in ("id", "created_at")
        )
        return cls(
            resource.table,
            resource.stored,
            resource.scope,
            resource.key,
            mirrored,
            said.searchable,
            said.orderable,
        )


KINDS = {resource.name: Kind.of(resource) for resource in RESOURCES}


@dataclass(frozen=True)
class Stored:
    """A row as stored: the document holds encrypted secrets; `body` is the masked JSON."""

    id: Any
    version: int
    doc: dict[str, Any]
    body: bytes
    rotation: int = 0


class Versioned(NamedTuple):
    """A row's version (its ETag) and masked JSON body: all a GET answers."""

    version: int
    body: bytes


class ServiceRead(NamedTuple):
    """A gateway service's version and body, and the body of its upstream (None: an endpoint service)."""

    version: int
    body: bytes
    upstream: bytes | None


class ToolServiceRead(NamedTuple):
    """A tool service's version and body, and the JSON list of its tools' names."""

    version: int
    body: bytes
    tool_names: str


class ApiKeyHolder(NamedTuple):
    """Whom an API key was made for: what a request with it may do."""

    email: str
    scopes: str  # comma-separated
    gateway_id: str | None


@dataclass(frozen=True)
class ApiKeyRecord:
    """An API key as listed: never the key, nor its hash."""

    id: int
    prefix: str
    email: str
    scopes: str
    gateway_id: str | None
    created_at: str


@dataclass(frozen=True)
class Page:
    total: int
    bodies: list[bytes]
    cut: bool = False  # rows of the range asked for were left out: they were past the byte budget


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def close(self) -> None:
        await self.db.close()

    async def ping(self) -> bool:
        return await self.db.fetch_one("SELECT 1") is not None

    # --- reads -----------------------------------------------------------------------------------

    async def body(self, kind: Kind, key: Any, scope: str | None = None) -> Versioned | None:
        """The version and masked JSON of one row: the whole work of a GET."""
        row = await self.db.fetch_one(
            f"SELECT version, body FROM {kind.table} WHERE {kind.key} = :key{_scoped(kind)}",
            {"key": key, "scope": scope},
        )
        return Versioned(row[0], bytes(row[1])) if row else None

    async def service_body(self, key: str, scope: str) -> ServiceRead | None:
        """A gateway service's version and body, and its upstream's body.

        An endpoint service is one primary-key read; a join would cost every read ~50% more.
        """
        row = await self.db.fetch_one(
            "SELECT version, body, upstream_id FROM gateway_services WHERE id = :key AND gateway_id = :scope",
            {"key": key, "scope": scope},
        )
        if row is None:
            return None
        upstream = None
        if row[2] is not None:
            found = await self.body(KINDS["upstream"], row[2], scope)
            upstream = found.body if found else None
        return ServiceRead(row[0], bytes(row[1]), upstream)

    async def tool_service_body(self, key: int) -> ToolServiceRead | None:
        """A tool service's version and body, and the JSON list of its tools' names."""
        row = await self.db.fetch_one(
            "SELECT version, body, tool_names FROM tool_services WHERE id = :key", {"key": key}
        )
        return ToolServiceRead(row[0], bytes(row[1]), row[2]) if row else None

    async def tool_destinations(self, service_id: int) -> list[str]:
        """The `destinations` of a tool service's tools (each a fingerprint, "" for a tool written
        before they were recorded), each once, sorted."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT destinations FROM tools WHERE service_id = :s ORDER BY destinations",
            {"s": service_id},
        )
        return sorted({row[0] or "" for row in rows})

    async def get(
        self, kind: Kind, key: Any, scope: str | None = None, *, by_id: bool = False
    ) -> Stored | None:
        column = "id" if by_id else kind.key
        row = await self.db.fetch_one(
            f"SELECT id, version, doc, body, rotation FROM {kind.table} WHERE {column} = :key{_scoped(kind)}",
            {"key": key, "scope": scope},
        )
        return Stored(row[0], row[1], loads(row[2]), bytes(row[3]), row[4]) if row else None

    async def exists(self, kind: Kind, key: Any, scope: str | None = None) -> bool:
        row = await self.db.fetch_one(
            f"SELECT 1 FROM {kind.table} WHERE {kind.key} = :key{_scoped(kind)}",
            {"key": key, "scope": scope},
        )
        return row is not None

    async def page(
        self, kind: Kind, scope: str | None, offset: int, limit: int, budget: int | None = None
    ) -> Page:
        """A page of the gateway family's lists: in creation order, within the scope.

        `budget`: the most bytes of items (each item's JSON and a comma) to read; see `_within`."""
        order = seek.orders(kind.table)["created_at"]
        total = await seek.count(self.db, kind.table, scope)
        rows = await self._rows_at(kind, order, scope, offset, limit, total, budget=budget)
        return _page(kind, total, rows)

    async def search(
        self,
        kind: Kind,
        *,
        offset: int,
        limit: int,
        search: Sequence[tuple[str, str]] = (),
        order_by: str = "id",
        descending: bool = False,
        budget: int | None = None,
    ) -> Page:
        """A page of a tool-services-style list: substring search on columns, any order.

        `budget`: the most bytes of items to read, as in `page`."""
        for column, _ in search:
            if column not in kind.searchable:
                raise ValueError(f"not searchable: {column}")
        if order_by not in kind.orderable:
            raise ValueError(f"cannot order by {order_by}")
        if search:
            ids, params = text_search.matching_ids(self.db.dialect, kind.table, search)
            found = await self.db.fetch_one(f"SELECT COUNT(*) FROM ({ids}) AS m", params)
            total = found[0] if found else 0
            t, direction = kind.table, "DESC" if descending else "ASC"
            ranged = (
                f"SELECT {t}.id AS rid, {t}.{order_by} AS v, {_size(kind, self.db.dialect)} AS size"
                f" FROM m JOIN {t} ON {t}.id = m.id"
                f" ORDER BY {t}.{order_by} {direction}, {t}.id {direction} LIMIT :limit OFFSET :offset"
            )
            rows = await self.db.fetch_all(
                f"WITH m AS MATERIALIZED ({ids}) {_within(kind, ranged, direction)}",
                params | {"limit": limit, "offset": offset, "budget": _budget(budget)},
            )
        else:
            total = await seek.count(self.db, kind.table, None)
            order = seek.orders(kind.table)[order_by]
            rows = await self._rows_at(kind, order, None, offset, limit, total, descending, budget)
        return _page(kind, total, rows)

    async def _rows_at(
        self,
        kind: Kind,
        order: seek.Order,
        scope: str | None,
        position: int,
        limit: int,
        total: int,
        descending: bool = False,
        budget: int | None = None,
    ) -> list[Row]:
        """`limit` rows of the order from `position` on: seeks through the order's blocks and index;
        as `_within` reads them (the rows that fit the byte budget)."""
        if descending:  # the same rows as ascending from the mirrored position, reversed
            end = total - position
            position = max(0, end - limit)
            limit = end - position
        if limit <= 0 or position >= total:
            return []
        found = await seek.locate(self.db, order, scope, position, total)
        if found is None:
            return []
        params = {"scope": scope, "limit": limit, "lo_v": found.value, "lo_id": found.id}
        t = kind.table
        columns = f"{t}.id AS rid, {t}.{order.column} AS v, {_size(kind, self.db.dialect)} AS size"
        # The range is read ascending; the budget counts from the first row answered.
        within = _within(kind, order.rows_from(columns, self.db.dialect), "DESC" if descending else "ASC")
        return await self.db.fetch_all(within, params | {"budget": _budget(budget)})

    async def reload(self, kind: Kind, old: Stored) -> Stored | None:
        """The row `old` was read from, as it is now (by id alone: for admin commands, not paths)."""
        row = await self.db.fetch_one(
            f"SELECT id, version, doc, body, rotation FROM {kind.table} WHERE id = :id", {"id": old.id}
        )
        return Stored(row[0], row[1], loads(row[2]), bytes(row[3]), row[4]) if row else None

    async def all_rows(self, kind: Kind) -> list[Stored]:
        rows = await self.db.fetch_all(
            f"SELECT id, version, doc, body, rotation FROM {kind.table} ORDER BY id"
        )
        return [Stored(r[0], r[1], loads(r[2]), bytes(r[3]), r[4]) for r in rows]

    # --- writes ----------------------------------------------------------------------------------

    async def insert(self, kind: Kind, doc: Mapping[str, Any], body: bytes, created_at: str) -> Any:
        """Insert a row with version 1; the id is the document's, or made by the database."""
        values = _row(kind, doc, body) | {"version": 1, "created_at": created_at}
        if "id" in doc:
            values["id"] = doc["id"]
        names = ", ".join(values)
        marks = ", ".join(f":{n}" for n in values)
        async with self.db.transaction() as tx:
            row = await tx.fetch_one(
                f"INSERT INTO {kind.table} ({names}) VALUES ({marks}) RETURNING id", values
            )
            assert row is not None
            touched = await self._after_write(tx, kind, doc, None, None, values | {"id": row[0]})
        await seek.settle(self.db, kind.table, touched)
        return row[0]

    async def load(self, kind: Kind, rows: Iterable[tuple[Mapping[str, Any], bytes, str]]) -> int:
        """Bulk-insert (document with its id, body, created_at) rows, in batches, then rebuild what
        lists read (counts, seek blocks, search) from the whole table once: a benchmark's or an
        import's fill. The number of rows inserted."""
        done, source = 0, iter(rows)
        while batch := list(itertools.islice(source, 20_000)):
            values = [
                _row(kind, doc, body) | {"id": doc["id"], "version": 1, "created_at": at}
                for doc, body, at in batch
            ]
            names = ", ".join(values[0])
            marks = ", ".join(f":{n}" for n in values[0])
            async with self.db.transaction() as tx:
                await tx.execute_many(f"INSERT INTO {kind.table} ({names}) VALUES ({marks})", values)
            done += len(values)
        if self.db.dialect == "postgresql":  # ids given here: the next one the database gives is past them
            found = await self.db.fetch_one("SELECT pg_get_serial_sequence(:t, 'id')", {"t": kind.table})
            if found is not None and found[0] is not None:
                last = f"(SELECT max(id) FROM {kind.table})"
                await self.db.fetch_one(f"SELECT setval(CAST(:s AS regclass), {last})", {"s": found[0]})
        await self.reindex(kind)
        return done

    async def reindex(self, kind: Kind) -> None:
        """Rebuild a table's counts, seek blocks and search text from its rows."""
        async with self.db.transaction() as tx:
            for statement in seek.rebuild(kind.table):
                await tx.execute(statement)
            for statement in text_search.refill(self.db.dialect, kind.table, kind.searchable):
                await tx.execute(statement)
        if self.db.dialect == "postgresql":  # fresh statistics, and the GIN pending lists merged
            async with self.db.transaction() as tx:
                await tx.execute(f"ANALYZE {kind.table}")
                for order in seek.orders(kind.table).values():  # so block sums read the key's index
                    await tx.execute(f"ANALYZE {order.blocks}, {order.supers}")
                for column in kind.searchable:
                    await tx.fetch_one(f"SELECT gin_clean_pending_list('search_{kind.table}_{column}')")

    async def insert_numbered(
        self,
        kind: Kind,
        draft: Mapping[str, Any],
        make: Callable[[int], tuple[dict[str, Any], bytes]],
        created_at: str,
    ) -> tuple[dict[str, Any], bytes]:
        """Insert a row whose document holds the id the database gives it (integer ids).

        `draft` is the document without its id (its columns are written at once, so constraints hold
        from the first statement); `make(id)` gives the final document and body.
        """
        async with self.db.transaction() as tx:
            placeholder = _row(kind, draft, b"{}") | {"created_at": created_at}
            names = ", ".join(placeholder)
            marks = ", ".join(f":{n}" for n in placeholder)
            row = await tx.fetch_one(
                f"INSERT INTO {kind.table} (version, {names}) VALUES (1, {marks}) RETURNING id",
                placeholder,
            )
            assert row is not None
            doc, body = make(row[0])
            values = _row(kind, doc, body) | {"id": row[0]}
            sets = ", ".join(f"{n} = :{n}" for n in values if n != "id")
            await tx.execute(f"UPDATE {kind.table} SET {sets} WHERE id = :id", values)
            touched = await self._after_write(tx, kind, doc, None, None, values | {"created_at": created_at})
        await seek.settle(self.db, kind.table, touched)
        return doc, body

    async def replace(self, kind: Kind, old: Stored, doc: Mapping[str, Any], body: bytes) -> bool:
        """Write `doc` over `old` if the row is still as read (version and rotation); False if not."""
        # Only the columns that change: a column under a foreign key or an index costs each write.
        changes = {"doc": _dumps(doc), "body": body} | {
            c: doc.get(c) for c in kind.columns if c != kind.scope and doc.get(c) != old.doc.get(c)
        }
        values = changes | {"id": old.id, "version": old.version, "rotation": old.rotation}
        sets = ", ".join(f"{n} = :{n}" for n in changes)
        update = (
            f"UPDATE {kind.table} SET version = version + 1, {sets}"
            " WHERE id = :id AND version = :version AND rotation = :rotation"
        )
        old_row, new_row = _columns(kind, old.doc, old.id), _columns(kind, doc, old.id)
        if kind.table != "tools" and all(old_row.get(c) == new_row.get(c) for c in _list_columns(kind)):
            # Nothing a list reads moves: the UPDATE alone, committed on its own (no BEGIN and
            # COMMIT statements; on PostgreSQL one round trip instead of three).
            return await self.db.execute(update, values) == 1
        touched: list[Any] = []
        async with self.db.transaction() as tx:
            count = await tx.execute(update, values)
            if count == 1:
                touched = await self._after_write(tx, kind, doc, old.doc, old_row, new_row)
        await seek.settle(self.db, kind.table, touched)
        return count == 1

    async def delete(self, kind: Kind, old: Stored) -> bool:
        """Delete `old` if the row is still at `old.version`; False if another write won."""
        kept = ", ".join(sorted({"id", *kind.columns, *seek.orders(kind.table)}))
        touched: list[Any] = []
        async with self.db.transaction() as tx:
            row = await tx.fetch_one(
                f"DELETE FROM {kind.table} WHERE id = :id AND version = :version RETURNING {kept}",
                {"id": old.id, "version": old.version},
            )
            if row is not None:
                gone = dict(zip(sorted({"id", *kind.columns, *seek.orders(kind.table)}), row, strict=True))
                touched = await self._after_write(tx, kind, None, old.doc, gone, None)
        await seek.settle(self.db, kind.table, touched)
        return row is not None

    async def rewrite_doc(self, kind: Kind, old: Stored, doc: Mapping[str, Any]) -> bool:
        """Store a new document with the same meaning (re-encrypted): the version (the ETag) stays,
        the rotation counter moves, so an update that read the older document does not write it back."""
        async with self.db.transaction() as tx:
            count = await tx.execute(
                f"UPDATE {kind.table} SET doc = :doc, rotation = rotation + 1"
                " WHERE id = :id AND version = :version AND rotation = :rotation",
                {"doc": _dumps(doc), "id": old.id, "version": old.version, "rotation": old.rotation},
            )
        return count == 1

    async def _after_write(
        self,
        tx: Transaction,
        kind: Kind,
        new: Mapping[str, Any] | None,
        old: Mapping[str, Any] | None,
        old_row: Mapping[str, Any] | None,
        new_row: Mapping[str, Any] | None,
    ) -> list[Any]:
        """Keep what lists read in step, in the write's transaction: the search text, (tools are
        listed by name on their service) the service's tool names, and last the counts and seek
        blocks. `old_row`/`new_row`: the row's id and columns before and after (None: no row).
        What `seek.settle` needs after the commit."""
        row_id = (new_row or old_row or {}).get("id")
        before, after = old_row or {}, new_row or {}
        if not (before and after) or any(before.get(c) != after.get(c) for c in kind.searchable):
            await text_search.reindex(tx, self.db.dialect, kind.table, kind.searchable, row_id, new_row)
        if kind.table == "tools":
            await self._list_tool_names(tx, new, old)
        return await seek.written(tx, kind.table, old_row, new_row)

    async def _list_tool_names(
        self, tx: Transaction, new: Mapping[str, Any] | None, old: Mapping[str, Any] | None
    ) -> None:
        for service_id in sorted({d["service_id"] for d in (new, old) if d is not None}):
            # Lock the service row first: a concurrent tool write then waits, and the names read
            # next include its tool (PostgreSQL reads each statement's own snapshot).
            await tx.execute(
                "UPDATE tool_services SET tool_names = tool_names WHERE id = :s", {"s": service_id}
            )
            names = await tx.fetch_all(
                "SELECT name FROM tools WHERE service_id = :s ORDER BY id", {"s": service_id}
            )
            await tx.execute(
                "UPDATE tool_services SET tool_names = :names WHERE id = :s",
                {"names": dumps([n[0] for n in names]).decode(), "s": service_id},
            )

    # --- API keys --------------------------------------------------------------------------------

    async def insert_api_key(
        self,
        *,
        key_hash: str,
        prefix: str,
        email: str,
        scopes: str,
        gateway_id: str | None,
        created_at: str,
    ) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO api_keys (key_hash, prefix, email, scopes, gateway_id, created_at)"
                " VALUES (:key_hash, :prefix, :email, :scopes, :gateway_id, :created_at)",
                {
                    "key_hash": key_hash,
                    "prefix": prefix,
                    "email": email,
                    "scopes": scopes,
                    "gateway_id": gateway_id,
                    "created_at": created_at,
                },
            )

    async def find_api_key(self, key_hash: str) -> ApiKeyHolder | None:
        """Whom the API key with this hash was made for."""
        row = await self.db.fetch_one(
            "SELECT email, scopes, gateway_id FROM api_keys WHERE key_hash = :h", {"h": key_hash}
        )
        return ApiKeyHolder(row[0], row[1], row[2]) if row else None

    async def list_api_keys(self) -> list[ApiKeyRecord]:
        rows = await self.db.fetch_all(
            "SELECT id, prefix, email, scopes, gateway_id, created_at FROM api_keys ORDER BY id"
        )
        return [ApiKeyRecord(*row) for row in rows]

    async def delete_api_key(self, key_id: int) -> bool:
        """Delete the key with this id; False when there is none."""
        async with self.db.transaction() as tx:
            count = await tx.execute("DELETE FROM api_keys WHERE id = :id", {"id": key_id})
        return count == 1


def _dumps(doc: Mapping[str, Any]) -> str:
    return dumps(doc).decode()


def _row(kind: Kind, doc: Mapping[str, Any], body: bytes) -> dict[str, Any]:
    return {"doc": _dumps(doc), "body": body} | {c: doc.get(c) for c in kind.columns}


@functools.cache
def _list_columns(kind: Kind) -> tuple[str, ...]:
    """The columns lists read (searched or ordered by): a write that changes none of them leaves
    the search text, counts and seek blocks as they are."""
    return tuple(sorted({*kind.searchable, *(order.column for order in seek.orders(kind.table).values())}))


def _columns(kind: Kind, doc: Mapping[str, Any], row_id: Any) -> dict[str, Any]:
    """The columns a document mirrors, and the row's id."""
    return {c: doc.get(c) for c in kind.columns} | {"id": row_id}


def _listed(kind: Kind) -> str:
    """What a list reads of each row: the body, and what is embedded in it when answering."""
    if kind.table == "tool_services":
        return "body, tool_names"
    if kind.table == "gateway_services":
        return "body, (SELECT u.body FROM upstreams u WHERE u.id = gateway_services.upstream_id)"
    return "body"


def _size(kind: Kind, dialect: str) -> str:
    """SQL for the length of a row's item as a list answers it (`_page`), from the lengths of its
    columns: neither database reads a large value to give its length."""
    t = kind.table
    if kind.table == "tool_services":  # ,"tools":[...] (embed adds the name and 4 characters)
        names = "octet_length(tool_names)" if dialect == "postgresql" else "length(CAST(tool_names AS BLOB))"
        return f"length({t}.body) + {len('tools') + 4} + {names}"
    if kind.table == "gateway_services":  # ,"upstream":{...} when it has one
        upstream = f"(SELECT length(u.body) FROM upstreams u WHERE u.id = {t}.upstream_id)"
        return f"length({t}.body) + COALESCE({len('upstream') + 4} + {upstream}, 0)"
    return f"length({t}.body)"


def _within(kind: Kind, ranged: str, direction: str) -> str:
    """SQL reading the items of a page: `ranged` selects the page's rows (rid, v: the order's column,
    size: `_size`) without their bodies; only the first rows whose sizes and commas add up to at
    most :budget (always the first) are read whole, in order. The last column of each row is how
    many rows `ranged` found, so the caller knows whether the page was cut.

    This is where a list's memory is bounded: a page of 100 rows of 1 MB is never read to be cut."""
    t = kind.table
    return (
        f"SELECT {_listed(kind)}, w.asked FROM (SELECT rid,"
        f" SUM(size + 1) OVER (ORDER BY v {direction}, rid {direction} ROWS UNBOUNDED PRECEDING) AS run,"
        f" ROW_NUMBER() OVER (ORDER BY v {direction}, rid {direction}) AS n, COUNT(*) OVER () AS asked"
        f" FROM ({ranged}) AS r) AS w JOIN {t} ON {t}.id = w.rid"
        " WHERE w.n = 1 OR w.run <= :budget ORDER BY w.n"
    )


def _budget(budget: int | None) -> int:
    return 2**62 if budget is None else budget


def _page(kind: Kind, total: int, rows: Sequence[Row]) -> Page:
    """The items of rows read by `_within` (their last column: how many rows the range held)."""
    if kind.table == "tool_services":
        bodies = [embed(r[0], "tools", r[1].encode()) for r in rows]
    elif kind.table == "gateway_services":
        bodies = [embed(r[0], "upstream", r[1]) for r in rows]
    else:
        bodies = [bytes(r[0]) for r in rows]
    return Page(total, bodies, cut=bool(rows) and rows[0][-1] > len(rows))


def _scoped(kind: Kind) -> str:
    return f" AND {kind.scope} = :scope" if kind.scope else ""
