"""Health, readiness, versions, the spec as written and its offline HTML reference."""

from __future__ import annotations

from importlib import metadata

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ...spec import docs_path
from ..context import Context
from ..problems import problem

_OK = orjson.dumps({"status": "ok"})


def _ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


async def get_health(request: Request) -> Response:
    return Response(_OK, media_type="application/json")


async def get_readiness(request: Request) -> Response:
    try:
        ready = await _ctx(request).store.ping()
    except Exception:  # any failure of the database means "not ready", never a 500
        ready = False
    if not ready:
        return problem(503, "the database did not answer")
    return Response(_OK, media_type="application/json")


async def get_version(request: Request) -> Response:
    body = {"api": _ctx(request).spec.version, "server": metadata.version("specgate")}
    return Response(orjson.dumps(body), media_type="application/json")


async def get_openapi_json(request: Request) -> Response:
    return Response(_ctx(request).spec.json_bytes, media_type="application/json")


async def get_openapi_yaml(request: Request) -> Response:
    return Response(_ctx(request).spec.text, media_type="application/vnd.oai.openapi")


async def get_docs(request: Request) -> Response:
    return Response(docs_path().read_bytes(), media_type="text/html")


HANDLERS = {
    "getHealth": get_health,
    "getReadiness": get_readiness,
    "getVersion": get_version,
    "getOpenapiJson": get_openapi_json,
    "getOpenapiYaml": get_openapi_yaml,
    "getDocs": get_docs,
}
