from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials import Credentials
    from ..models.header_map import HeaderMap
    from ..models.upstream import Upstream


T = TypeVar("T", bound="GatewayServiceUpstream")


@_attrs_define
class GatewayServiceUpstream:
    """A service routed to an upstream, as read (the upstream embedded, secrets masked)."""

    id: UUID
    gateway_id: UUID
    name: str
    type_: Literal["upstream"]
    upstream_id: UUID
    created_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    retries: int = 0
    stream: bool = False
    description: str | Unset = UNSET
    upstream: Upstream | Unset = UNSET
    """ An upstream as read; every stored secret is masked. """
    path: str | Unset = UNSET
    credentials: Credentials | Unset = UNSET
    """ Credentials as read; each stored secret is the mask `"********"`, unset ones are left out. """
    headers: HeaderMap | Unset = UNSET
    """ HTTP headers, name to value. """
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        gateway_id = str(self.gateway_id)

        name = self.name

        type_ = self.type_

        upstream_id = str(self.upstream_id)

        retries = self.retries

        stream = self.stream

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

        upstream: dict[str, Any] | Unset = UNSET
        if not isinstance(self.upstream, Unset):
            upstream = self.upstream.to_dict()

        path = self.path

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "gateway_id": gateway_id,
                "name": name,
                "type": type_,
                "upstream_id": upstream_id,
                "retries": retries,
                "stream": stream,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if upstream is not UNSET:
            field_dict["upstream"] = upstream
        if path is not UNSET:
            field_dict["path"] = path
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if headers is not UNSET:
            field_dict["headers"] = headers
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials import Credentials  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415
        from ..models.upstream import Upstream  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        gateway_id = UUID(d.pop("gateway_id"))

        name = d.pop("name")

        type_ = cast(Literal["upstream"], d.pop("type"))
        if type_ != "upstream":
            raise ValueError("type must match const 'upstream' (the value is not shown: it could be a secret)")

        upstream_id = UUID(d.pop("upstream_id"))

        retries = d.pop("retries")

        stream = d.pop("stream")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        _upstream = d.pop("upstream", UNSET)
        upstream: Upstream | Unset
        if isinstance(_upstream, Unset):
            upstream = UNSET
        else:
            upstream = Upstream.from_dict(_upstream)

        path = d.pop("path", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: Credentials | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = Credentials.from_dict(_credentials)

        _headers = d.pop("headers", UNSET)
        headers: HeaderMap | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HeaderMap.from_dict(_headers)

        tags = cast(list[str], d.pop("tags", UNSET))

        gateway_service_upstream = cls(
            id=id,
            gateway_id=gateway_id,
            name=name,
            type_=type_,
            upstream_id=upstream_id,
            retries=retries,
            stream=stream,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            upstream=upstream,
            path=path,
            credentials=credentials,
            headers=headers,
            tags=tags,
        )

        gateway_service_upstream.additional_properties = d
        return gateway_service_upstream

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
