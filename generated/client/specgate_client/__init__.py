"""A client library for accessing specgate services registry"""

from . import errors, pagination
from .client import DEFAULT_TIMEOUT, AuthenticatedClient, Client, RetryPolicy
from .types import UNSET, Unset
from .updates import REMOVE, update_body

__all__ = (
    "DEFAULT_TIMEOUT",
    "REMOVE",
    "UNSET",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
    "Unset",
    "errors",
    "pagination",
    "update_body",
)
