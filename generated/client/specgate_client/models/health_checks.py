from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="HealthChecks")


@_attrs_define
class HealthChecks:
    headers: HeaderMap | Unset = UNSET
    """ HTTP headers, name to value. """
    interval: int | Unset = UNSET
    """ Seconds between checks. """
    passive: bool | Unset = UNSET
    path: str | Unset = UNSET
    """ An absolute URL path, one line (no CR or LF). """
    threshold: int | Unset = UNSET
    """ Failures before a target is taken out. """

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        interval = self.interval

        passive = self.passive

        path = self.path

        threshold = self.threshold

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if headers is not UNSET:
            field_dict["headers"] = headers
        if interval is not UNSET:
            field_dict["interval"] = interval
        if passive is not UNSET:
            field_dict["passive"] = passive
        if path is not UNSET:
            field_dict["path"] = path
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        _headers = d.pop("headers", UNSET)
        headers: HeaderMap | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HeaderMap.from_dict(_headers)

        interval = d.pop("interval", UNSET)

        passive = d.pop("passive", UNSET)

        path = d.pop("path", UNSET)

        threshold = d.pop("threshold", UNSET)

        health_checks = cls(
            headers=headers,
            interval=interval,
            passive=passive,
            path=path,
            threshold=threshold,
        )

        return health_checks
