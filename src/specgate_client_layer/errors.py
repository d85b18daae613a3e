"""Every error the client raises, one class per kind of failure (the openai-python layout).

    APIError                       the root: catch this to catch everything below
    ├── APIConnectionError         no answer: refused, reset, DNS, TLS, ...
    │   └── APITimeoutError        no answer in time (connect, read, write or pool timeout)
    ├── APIResponseValidationError a success answer whose body is not what the spec says
    ├── LocalRequestError          refused before sending: the request would lose or move a secret
    └── APIStatusError             an answer with a 4xx or 5xx status
        ├── BadRequestError            400
        ├── AuthenticationError        401
        ├── PermissionDeniedError      403
        ├── NotFoundError              404
        ├── ConflictError              409
        ├── PreconditionFailedError    412 (a stale If-Match: nothing was written)
        ├── UnprocessableEntityError   422 (`.errors`: one entry per field)
        ├── RateLimitError             429
        └── InternalServerError        5xx

An answer of any other 4xx status is a plain APIStatusError. Whatever the body (problem+json, HTML from a
proxy, nothing), an answer with an error status becomes one of these: never a JSONDecodeError or a
KeyError. No message or attribute holds a secret: the server never puts one in a problem, and a body that
is not a problem is kept only as bytes (`.body`), out of every message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from specgate_client.models.problem import Problem

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "FieldError",
    "InternalServerError",
    "LocalRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "status_error",
]

REQUEST_ID_HEADER = "x-request-id"


class APIError(Exception):
    """The root of every error of this client."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before an answer."""

    def __init__(self, message: str = "connection error") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """No answer within the timeout."""

    def __init__(self, message: str = "the request timed out") -> None:
        super().__init__(message)


class APIResponseValidationError(APIError):
    """A success status whose body does not parse as the spec's model (the body is not in the message)."""

    def __init__(self, status_code: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status_code = status_code
        self.headers = dict(headers)
        self.request_id = self.headers.get(REQUEST_ID_HEADER)
        self.body = body
        super().__init__(
            f"{status_code}: the body does not match the spec{_request_id_note(self.request_id)}"
        )


@dataclass(frozen=True)
class FieldError:
    """One field that breaks one rule: where (`loc`), what (`msg`) and a machine-readable `type`."""

    loc: tuple[str | int, ...]
    msg: str
    type: str

    def __str__(self) -> str:
        return f"{'.'.join(map(str, self.loc))}: {self.msg}"


class LocalRequestError(APIError, ValueError):
    """The client refused to send a request that would drop or move a stored secret (nothing was sent)."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


class APIStatusError(APIError):
    """An answer with an error status: `.status_code`, `.problem` (None when the body is not a problem),
    `.headers`, `.request_id` (the server's X-Request-Id) and the raw `.body`."""

    def __init__(
        self, status_code: int, headers: Mapping[str, str], body: bytes, problem: Problem | None
    ) -> None:
        self.status_code = status_code
        self.headers = dict(headers)
        self.request_id = self.headers.get(REQUEST_ID_HEADER) or _problem_request_id(problem)
        self.body = body
        self.problem = problem
        super().__init__(_status_message(status_code, problem, self.request_id))


class BadRequestError(APIStatusError):
    """400: the request is malformed."""


class AuthenticationError(APIStatusError):
    """401: no key, or a key that is not valid."""


class PermissionDeniedError(APIStatusError):
    """403: the key lacks the scope the operation needs."""


class NotFoundError(APIStatusError):
    """404: no such resource (or one of another gateway)."""


class ConflictError(APIStatusError):
    """409: the resource is in use, or a unique name is taken."""


class PreconditionFailedError(APIStatusError):
    """412: If-Match did not match the stored version; nothing was written."""


class UnprocessableEntityError(APIStatusError):
    """422: the request breaks rules of the API; `.errors` names each field."""

    @property
    def errors(self) -> list[FieldError]:
        items = self.problem.errors if self.problem is not None else None
        if not isinstance(items, list):
            return []
        return [FieldError(tuple(item.loc), item.msg, item.type_) for item in items]


class RateLimitError(APIStatusError):
    """429: too many requests (retried automatically, honouring Retry-After, before this is raised)."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(status_code: int, headers: Mapping[str, str], body: bytes) -> APIStatusError:
    """The error for an answer with an error status, whatever its body."""
    cls = InternalServerError if status_code >= 500 else _BY_STATUS.get(status_code, APIStatusError)
    return cls(status_code, headers, body, parse_problem(headers, body))


def parse_problem(headers: Mapping[str, str], body: bytes) -> Problem | None:
    """The body as a Problem when it is one (RFC 9457 JSON), else None; never raises."""
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if not (content_type == "application/problem+json" or content_type.endswith("/json")):
        return None
    try:
        data: Any = json.loads(body)
        return Problem.from_dict(data) if isinstance(data, dict) else None
    except Exception:  # any shape the server got wrong: no problem, the status still says enough
        return None


def _status_message(status_code: int, problem: Problem | None, request_id: str | None) -> str:
    text = f"{status_code}"
    if problem is not None:
        text += f" {problem.title}"
        if isinstance(problem.detail, str):
            text += f": {problem.detail}"
    return text + _request_id_note(request_id)


def _problem_request_id(problem: Problem | None) -> str | None:
    """The problem's own `request_id` (the server puts the X-Request-Id there too), if any."""
    if problem is None:
        return None
    value = getattr(problem, "request_id", None)
    if not isinstance(value, str):
        value = problem.additional_properties.get("request_id")
    return value if isinstance(value, str) else None


def _request_id_note(request_id: str | None) -> str:
    return f" (request id {request_id})" if request_id else ""
