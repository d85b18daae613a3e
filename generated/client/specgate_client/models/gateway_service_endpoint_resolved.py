from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.protocol import Protocol, check_protocol
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_resolved import CredentialsResolved
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="GatewayServiceEndpointResolved")


@_attrs_define
class GatewayServiceEndpointResolved:
    """A service reached directly at `host`:`port`, with the real values of its secrets."""

    id: UUID
    gateway_id: UUID
    name: str
    type_: Literal["endpoint"]
    host: str
    port: int
    protocol: Protocol
    created_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    retries: int = 0
    stream: bool = False
    description: str | Unset = UNSET
    path: str | Unset = UNSET
    credentials: CredentialsResolved | Unset = UNSET
    """ Credentials with the real secret values (resolve scope only). """
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

        host = self.host

        port = self.port

        protocol: str = self.protocol

        retries = self.retries

        stream = self.stream

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

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
                "host": host,
                "port": port,
                "protocol": protocol,
                "retries": retries,
                "stream": stream,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
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
        from ..models.credentials_resolved import CredentialsResolved  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        gateway_id = UUID(d.pop("gateway_id"))

        name = d.pop("name")

        type_ = cast(Literal["endpoint"], d.pop("type"))
        if type_ != "endpoint":
            raise ValueError("type must match const 'endpoint' (the value is not shown: it could be a secret)")

        host = d.pop("host")

        port = d.pop("port")

        protocol = check_protocol(d.pop("protocol"))

        retries = d.pop("retries")

        stream = d.pop("stream")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        path = d.pop("path", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: CredentialsResolved | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = CredentialsResolved.from_dict(_credentials)

        _headers = d.pop("headers", UNSET)
        headers: HeaderMap | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HeaderMap.from_dict(_headers)

        tags = cast(list[str], d.pop("tags", UNSET))

        gateway_service_endpoint_resolved = cls(
            id=id,
            gateway_id=gateway_id,
            name=name,
            type_=type_,
            host=host,
            port=port,
            protocol=protocol,
            retries=retries,
            stream=stream,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            path=path,
            credentials=credentials,
            headers=headers,
            tags=tags,
        )

        gateway_service_endpoint_resolved.additional_properties = d
        return gateway_service_endpoint_resolved

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
