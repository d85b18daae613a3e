"""The two servers `scripts/bench.py` measures, each run alone in its own process.

    python scripts/bench_bare.py --app bare     --port P --database sqlite:///DIR/specgate.db
    python scripts/bench_bare.py --app specgate --port P --database sqlite:///DIR/specgate.db

`bare` is the floor: a Starlette app on specgate's own path that reads (GET) or overwrites (PUT) the
`body` column of one `gateway_services` row through sqlite3, inline on the event loop like specgate,
with the same pragmas (WAL, synchronous=NORMAL, foreign_keys=ON, busy_timeout=10000, and no
checkpoint in a commit: specgate checkpoints in a thread of its own, the floor not at all while it is
measured, so neither PUT stops for a checkpoint's fsync); no auth, no validation, no ETag.
`specgate` is `specgate.server.create_app(get_settings(database))` (SPECGATE_SECRET_KEYS from the
environment). Both go through the one `serve()` below, so they run under identical server settings:
those of `specgate serve --log-level warning` (serving.uvicorn_config: its HTTP protocol with the head
limit and read deadlines, its connection limit), with the event loop named instead of `auto`, so a
missing uvloop fails instead of silently measuring the slow fallback.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

PATH = "/api/v1/gateways/{gateway_id}/services/{service_id}"
PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "foreign_keys=ON",
    "busy_timeout=10000",
    "wal_autocheckpoint=0",
)


def bare_app(db_path: Path) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    state: dict[str, sqlite3.Connection] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        conn = sqlite3.connect(db_path, check_same_thread=False)
        for pragma in PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        state["conn"] = conn
        try:
            yield
        finally:
            conn.close()

    async def get_service(request: Request) -> Response:
        row = (
            state["conn"]
            .execute("SELECT body FROM gateway_services WHERE id = ?", (request.path_params["service_id"],))
            .fetchone()
        )
        if row is None:
            return Response(status_code=404)
        return Response(bytes(row[0]), media_type="application/json")

    async def put_service(request: Request) -> Response:
        body = await request.body()
        conn = state["conn"]
        conn.execute(
            "UPDATE gateway_services SET body = ? WHERE id = ?", (body, request.path_params["service_id"])
        )
        conn.commit()
        return Response(status_code=200)

    return Starlette(
        routes=[
            Route(PATH, get_service, methods=["GET"]),
            Route(PATH, put_service, methods=["PUT"]),
        ],
        lifespan=lifespan,
    )


def specgate_app(database_url: str) -> Any:
    from specgate.config import get_settings
    from specgate.server import create_app

    return create_app(get_settings(database_url))


def serve(app: Any, database_url: str, host: str, port: int) -> None:
    import uvicorn

    from specgate.config import get_settings
    from specgate.server.serving import uvicorn_config

    config = uvicorn_config(app, get_settings(database_url), host, port, "warning")
    config.loop = "uvloop"
    uvicorn.Server(config).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--app", choices=["bare", "specgate"], default="bare")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True, help="sqlite:///PATH (specgate: or postgresql://...)")
    args = parser.parse_args()
    if args.app == "bare" and not args.database.startswith("sqlite:///"):
        parser.error("--app bare needs --database sqlite:///PATH")
    if args.app == "bare":
        app = bare_app(Path(args.database.removeprefix("sqlite:///")))
    else:
        app = specgate_app(args.database)
    serve(app, args.database, args.host, args.port)


if __name__ == "__main__":
    main()
