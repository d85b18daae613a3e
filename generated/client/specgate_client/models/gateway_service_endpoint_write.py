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
    from ..models.credentials_write import CredentialsWrite
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="GatewayServiceEndpointWrite")


@_attrs_define
class GatewayServiceEndpointWrite:
    """A service reached directly at `host`:`port`. `id`, `gateway_id`, `created_at` and `updated_at` are
    read-only: accepted so that a GET body can be sent back (ids must match).

    """

    type_: Literal["endpoint"]
    host: str
    """ A DNS name or an IP address. """
    port: int
    protocol: Protocol
    name: str
    description: str | Unset = UNSET
    path: str | Unset = UNSET
    """ An absolute URL path, one line (no CR or LF). """
    credentials: CredentialsWrite | Unset = UNSET
    """ Credentials sent to a service, target or embedding provider. Secret fields are write-only: send a
    new value to replace, `null` or `"********"` to keep the stored value, leave it out to remove it.
    `null` for a secret with nothing stored is taken as absent. `header_name`, `param_name` and
    `param_location` decide where the secrets travel: changing one needs the secrets sent again.
     """
    headers: HeaderMap | Unset = UNSET
    """ HTTP headers, name to value. """
    retries: int | Unset = UNSET
    """ Left out, `0` (the `default` of the answer's `retries`). """
    stream: bool | Unset = UNSET
    """ Left out, `false` (the `default` of the answer's `stream`). """
    tags: list[str] | Unset = UNSET
    """ Free-form labels. """
    id: UUID | Unset = UNSET
    """ Read-only; when sent, it must be the resource's own id. """
    gateway_id: UUID | Unset = UNSET
    """ Read-only; when sent, it must be the gateway in the path. """
    created_at: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """
    updated_at: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        host = self.host

        port = self.port

        protocol: str = self.protocol

        name = self.name

        description = self.description

        path = self.path

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        retries = self.retries

        stream = self.stream

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        gateway_id: str | Unset = UNSET
        if not isinstance(self.gateway_id, Unset):
            gateway_id = str(self.gateway_id)

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "host": host,
                "port": port,
                "protocol": protocol,
                "name": name,
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
        if retries is not UNSET:
            field_dict["retries"] = retries
        if stream is not UNSET:
            field_dict["stream"] = stream
        if tags is not UNSET:
            field_dict["tags"] = tags
        if id is not UNSET:
            field_dict["id"] = id
        if gateway_id is not UNSET:
            field_dict["gateway_id"] = gateway_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials_write import CredentialsWrite  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        type_ = cast(Literal["endpoint"], d.pop("type"))
        if type_ != "endpoint":
            raise ValueError("type must match const 'endpoint' (the value is not shown: it could be a secret)")

        host = d.pop("host")

        port = d.pop("port")

        protocol = check_protocol(d.pop("protocol"))

        name = d.pop("name")

        description = d.pop("description", UNSET)

        path = d.pop("path", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: CredentialsWrite | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = CredentialsWrite.from_dict(_credentials)

        _headers = d.pop("headers", UNSET)
        headers: HeaderMap | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HeaderMap.from_dict(_headers)

        retries = d.pop("retries", UNSET)

        stream = d.pop("stream", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        _gateway_id = d.pop("gateway_id", UNSET)
        gateway_id: UUID | Unset
        if isinstance(_gateway_id, Unset):
            gateway_id = UNSET
        else:
            gateway_id = UUID(_gateway_id)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        gateway_service_endpoint_write = cls(
            type_=type_,
            host=host,
            port=port,
            protocol=protocol,
            name=name,
            description=description,
            path=path,
            credentials=credentials,
            headers=headers,
            retries=retries,
            stream=stream,
            tags=tags,
            id=id,
            gateway_id=gateway_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        return gateway_service_endpoint_write
