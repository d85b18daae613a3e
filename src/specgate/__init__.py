"""specgate: a spec-first services registry.

The public surface for client code and tools: the secret marks read from the spec, masking, the
merge rules (and `update_body`, which builds a PUT body that keeps unchanged secrets), and errors.
"""

from __future__ import annotations

from .errors import (
    Busy,
    ConfigError,
    Conflict,
    FieldError,
    Forbidden,
    InvalidRequest,
    NotFound,
    PreconditionFailed,
    SecretError,
    SpecgateError,
    Unauthorized,
    UsageError,
)
from .masking import MASK, Shape, mask, shape_of
from .merge import merge_update, update_body
from .spec import Spec, load_spec

__all__ = [
    "MASK",
    "Busy",
    "ConfigError",
    "Conflict",
    "FieldError",
    "Forbidden",
    "InvalidRequest",
    "NotFound",
    "PreconditionFailed",
    "SecretError",
    "Shape",
    "Spec",
    "SpecgateError",
    "Unauthorized",
    "UsageError",
    "load_spec",
    "mask",
    "merge_update",
    "shape_of",
    "update_body",
]
