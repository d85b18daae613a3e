"""RFC 9457 problem+json responses: the only place errors become HTTP."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus

import orjson
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from ..errors import (
    BadRequest,
    Busy,
    Conflict,
    ContentTooLarge,
    FieldError,
    Forbidden,
    InvalidRequest,
    NotFound,
    PreconditionFailed,
    SecretError,
    Unauthorized,
    UnsupportedMediaType,
)
from ..logs import logger
from .request_id import current_request_id

__all__ = ["MAX_ERRORS", "error_response", "problem"]

log = logger("specgate.server")

MEDIA_TYPE = "application/problem+json"
# A 422 lists at most this many errors (the detail gives the full count): one error per unknown field
# once made an 8.9 MB answer to a 630 KB body.
MAX_ERRORS = 20


def problem(
    status: int,
    detail: str,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, object] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = [{"loc": list(e.loc), "msg": e.msg, "type": e.type} for e in errors[:MAX_ERRORS]]
    request_id = current_request_id()
    if request_id is not None:
        body["request_id"] = request_id
    return Response(orjson.dumps(body), status, headers=headers, media_type=MEDIA_TYPE)


_STATUS: dict[type[Exception], int] = {
    BadRequest: 400,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    PreconditionFailed: 412,
    ContentTooLarge: 413,
    UnsupportedMediaType: 415,
}


def error_response(request: Request, exc: Exception) -> Response:
    """The problem+json answer to an error raised while handling `request`."""
    if isinstance(exc, InvalidRequest):
        count = exc.count
        detail = f"{count} validation error{'s' if count != 1 else ''}"
        if count > MAX_ERRORS:
            detail += f" (the first {MAX_ERRORS} are listed)"
        return problem(422, detail, exc.errors)
    if isinstance(exc, ClientDisconnect):
        # The caller went away (or was cut off by a read timeout): nobody reads this answer.
        log.debug("%s %s: the client disconnected", request.method, request.url.path)
        return problem(400, "the client disconnected")
    if isinstance(exc, Unauthorized):
        return problem(401, str(exc), headers={"WWW-Authenticate": "Bearer"})
    if isinstance(exc, Busy):
        return problem(503, str(exc), headers={"Retry-After": str(exc.retry_after)})
    status = _STATUS.get(type(exc))
    if status is not None:
        return problem(status, str(exc))
    if isinstance(exc, SecretError):
        log.error(
            "%s %s: a stored secret cannot be decrypted; check SPECGATE_SECRET_KEYS",
            request.method,
            request.url.path,
        )
        return problem(500, str(exc))
    # The exception's text may quote request data: its type is logged, never its message.
    log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__)
    return problem(500, "internal error")
