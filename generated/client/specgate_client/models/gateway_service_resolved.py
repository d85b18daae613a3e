from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.protocol import Protocol, check_protocol
from ..models.service_type import ServiceType, check_service_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_resolved import CredentialsResolved
    from ..models.headers import Headers
    from ..models.upstream_resolved import UpstreamResolved


T = TypeVar("T", bound="GatewayServiceResolved")


@_attrs_define
class GatewayServiceResolved:
    """A service with the real values of its credentials and of its upstream's."""

    id: UUID
    gateway_id: UUID
    name: str
    type_: ServiceType
    """ "upstream" or "endpoint" """
    retries: int
    stream: bool
    created_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    updated_at: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    description: str | Unset = UNSET
    upstream_id: UUID | Unset = UNSET
    upstream: UpstreamResolved | Unset = UNSET
    """ An upstream with the real values of its targets' and embedding config's credentials. """
    host: str | Unset = UNSET
    port: int | Unset = UNSET
    protocol: Protocol | Unset = UNSET
    path: str | Unset = UNSET
    credentials: CredentialsResolved | Unset = UNSET
    """ Credentials with the real secret values (resolve scope only). """
    headers: Headers | Unset = UNSET
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

        type_: str = self.type_

        retries = self.retries

        stream = self.stream

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        description = self.description

        upstream_id: str | Unset = UNSET
        if not isinstance(self.upstream_id, Unset):
            upstream_id = str(self.upstream_id)

        upstream: dict[str, Any] | Unset = UNSET
        if not isinstance(self.upstream, Unset):
            upstream = self.upstream.to_dict()

        host = self.host

        port = self.port

        protocol: str | Unset = UNSET
        if not isinstance(self.protocol, Unset):
            protocol = self.protocol

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
                "retries": retries,
                "stream": stream,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if upstream_id is not UNSET:
            field_dict["upstream_id"] = upstream_id
        if upstream is not UNSET:
            field_dict["upstream"] = upstream
        if host is not UNSET:
            field_dict["host"] = host
        if port is not UNSET:
            field_dict["port"] = port
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
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
        from ..models.headers import Headers  # noqa: PLC0415
        from ..models.upstream_resolved import UpstreamResolved  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        gateway_id = UUID(d.pop("gateway_id"))

        name = d.pop("name")

        type_ = check_service_type(d.pop("type"))

        retries = d.pop("retries")

        stream = d.pop("stream")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        description = d.pop("description", UNSET)

        _upstream_id = d.pop("upstream_id", UNSET)
        upstream_id: UUID | Unset
        if isinstance(_upstream_id, Unset):
            upstream_id = UNSET
        else:
            upstream_id = UUID(_upstream_id)

        _upstream = d.pop("upstream", UNSET)
        upstream: UpstreamResolved | Unset
        if isinstance(_upstream, Unset):
            upstream = UNSET
        else:
            upstream = UpstreamResolved.from_dict(_upstream)

        host = d.pop("host", UNSET)

        port = d.pop("port", UNSET)

        _protocol = d.pop("protocol", UNSET)
        protocol: Protocol | Unset
        if isinstance(_protocol, Unset):
            protocol = UNSET
        else:
            protocol = check_protocol(_protocol)

        path = d.pop("path", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: CredentialsResolved | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = CredentialsResolved.from_dict(_credentials)

        _headers = d.pop("headers", UNSET)
        headers: Headers | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = Headers.from_dict(_headers)

        tags = cast(list[str], d.pop("tags", UNSET))

        gateway_service_resolved = cls(
            id=id,
            gateway_id=gateway_id,
            name=name,
            type_=type_,
            retries=retries,
            stream=stream,
            created_at=created_at,
            updated_at=updated_at,
            description=description,
            upstream_id=upstream_id,
            upstream=upstream,
            host=host,
            port=port,
            protocol=protocol,
            path=path,
            credentials=credentials,
            headers=headers,
            tags=tags,
        )

        gateway_service_resolved.additional_properties = d
        return gateway_service_resolved

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
