"""How `specgate serve` runs the app: uvicorn, with the limits stated in the README ("Limits").

Uvicorn stays (the app is plain ASGI, its httptools parser is the fastest here, and the tests and
deployments already run it); what it lacks, a head size limit and read deadlines, comes from
protocol.py. Hypercorn's `read_timeout` is per read, so a client sending a byte a second is never cut;
granian has a head timeout but none for a body, and would be a second server to learn.
"""

from __future__ import annotations

import uvicorn
from starlette.types import ASGIApp

from ..config import Settings
from .protocol import ReadLimits, limited_protocol

__all__ = ["serve", "uvicorn_config"]


def uvicorn_config(app: ASGIApp, settings: Settings, host: str, port: int, log_level: str) -> uvicorn.Config:
    limits = ReadLimits(settings.max_head_bytes, settings.head_timeout, settings.body_timeout)
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        http=limited_protocol(limits),
        timeout_keep_alive=settings.keep_alive_timeout,
        limit_concurrency=settings.max_connections,
        server_header=False,
    )


def serve(app: ASGIApp, settings: Settings, host: str, port: int, log_level: str) -> None:
    uvicorn.Server(uvicorn_config(app, settings, host, port, log_level)).run()
