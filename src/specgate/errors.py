"""Every error specgate raises on purpose.

    SpecgateError
    ├── ConfigError            settings that cannot work (a placeholder or malformed secret key)
    ├── UsageError             a command's arguments that cannot work (exit code 2)
    ├── BadRequest             the body is not JSON at all (400)
    ├── Unauthorized           no credential, or one that is not valid (401)
    ├── Forbidden              a valid key without the scope an operation needs (403)
    ├── InvalidRequest         the request breaks a rule of the API (422), with one entry per field
    ├── NotFound               no such resource, or one of another gateway (404)
    ├── Conflict               in use, or a name taken (409)
    ├── PreconditionFailed     a stale If-Match (412); nothing was written
    ├── ContentTooLarge        the body is larger than the limit (413); it is not read whole
    ├── UnsupportedMediaType   the body is not application/json (415)
    ├── Busy                   a row other servers keep writing (503 with Retry-After); nothing written
    ├── SecretError            a stored secret cannot be decrypted with any configured key
    └── IntegrityError         a database constraint refused a write; nothing was written
        ├── UniqueViolation        a unique key is taken (a tool's name)
        └── ForeignKeyViolation    a row names one that is gone, or one that others still name

The server turns them into problem+json and the CLI into exit codes; no message here ever holds a
secret value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BadRequest",
    "Busy",
    "ConfigError",
    "Conflict",
    "ContentTooLarge",
    "FieldError",
    "Forbidden",
    "ForeignKeyViolation",
    "IntegrityError",
    "InvalidRequest",
    "NotFound",
    "PreconditionFailed",
    "SecretError",
    "SpecgateError",
    "Unauthorized",
    "UniqueViolation",
    "UnsupportedMediaType",
    "UsageError",
]

Loc = tuple[str | int, ...]


class SpecgateError(Exception):
    """The root of specgate's own errors."""


class ConfigError(SpecgateError):
    """Settings that cannot work."""


class UsageError(SpecgateError):
    """A command's arguments that cannot work (an unknown scope, a gateway id that is not one)."""


@dataclass(frozen=True)
class FieldError:
    """One field that breaks one rule: where, what, and a machine-readable kind."""

    loc: Loc
    msg: str
    type: str


class Unauthorized(SpecgateError):
    """No credential, or a credential that is not valid (even next to a valid one)."""


class Forbidden(SpecgateError):
    """A valid key that lacks the scope the operation needs."""


class InvalidRequest(SpecgateError):
    """The request breaks one or more rules of the API."""

    def __init__(self, errors: Sequence[FieldError], count: int | None = None) -> None:
        """`errors` may be the first few of `count` (a body can break thousands of rules at once)."""
        self.errors = list(errors)
        self.count = len(self.errors) if count is None else count
        super().__init__("; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in self.errors))

    @classmethod
    def one(cls, loc: Loc, msg: str, type: str) -> InvalidRequest:
        return cls([FieldError(loc, msg, type)])


class NotFound(SpecgateError):
    """No such resource (or it belongs to another gateway, which is told apart from nothing)."""


class Conflict(SpecgateError):
    """The resource is in use, or a unique name is taken."""


class PreconditionFailed(SpecgateError):
    """If-Match does not match the stored version."""


class Busy(SpecgateError):
    """A write that other servers kept beating, attempt after attempt; nothing was written."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SecretError(SpecgateError):
    """A stored secret cannot be decrypted with any configured key."""


class BadRequest(SpecgateError):
    """The body is not JSON at all."""


class ContentTooLarge(SpecgateError):
    """The body is larger than the server reads."""


class UnsupportedMediaType(SpecgateError):
    """The body is not application/json."""


class IntegrityError(SpecgateError):
    """A constraint of the database refused a write (the driver's text, which may quote values, is
    not kept)."""


class UniqueViolation(IntegrityError):
    """A unique key is taken."""


class ForeignKeyViolation(IntegrityError):
    """A row names a row that is not there, or a delete would leave rows naming a row that is gone."""
