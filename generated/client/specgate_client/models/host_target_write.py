from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.protocol import Protocol, check_protocol
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_write import CredentialsWrite
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="HostTargetWrite")


@_attrs_define
class HostTargetWrite:
    """A target reached at a host and port."""

    host: str
    """ A DNS name or an IP address. """
    port: int
    protocol: Protocol
    id: UUID | Unset = UNSET
    path: str | Unset = UNSET
    """ An absolute URL path, one line (no CR or LF). """
    credentials: CredentialsWrite | Unset = UNSET
    """ Credentials sent to a service, target or embedding provider. Secret fields are write-only: send a
    new value to replace, `null` or `"********"` to keep the stored value, leave it out to remove it.
    `null` for a secret with nothing stored is taken as absent. `header_name`, `param_name` and
    `param_location` decide where the secrets travel: changing one needs the secrets sent again.
     """
    description: str | Unset = UNSET
    headers: HeaderMap | Unset = UNSET
    """ HTTP headers, name to value. """
    insecure_ssl: bool | Unset = UNSET
    priority: int | Unset = UNSET
    stream: bool | Unset = UNSET
    tags: list[str] | Unset = UNSET
    """ Free-form labels. """
    weight: int | Unset = UNSET

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        host = self.host

        port = self.port

        protocol: str = self.protocol

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        path = self.path

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        description = self.description

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        insecure_ssl = self.insecure_ssl

        priority = self.priority

        stream = self.stream

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        weight = self.weight

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "host": host,
                "port": port,
                "protocol": protocol,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if path is not UNSET:
            field_dict["path"] = path
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if description is not UNSET:
            field_dict["description"] = description
        if headers is not UNSET:
            field_dict["headers"] = headers
        if insecure_ssl is not UNSET:
            field_dict["insecure_ssl"] = insecure_ssl
        if priority is not UNSET:
            field_dict["priority"] = priority
        if stream is not UNSET:
            field_dict["stream"] = stream
        if tags is not UNSET:
            field_dict["tags"] = tags
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials_write import CredentialsWrite  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        host = d.pop("host")

        port = d.pop("port")

        protocol = check_protocol(d.pop("protocol"))

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        path = d.pop("path", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: CredentialsWrite | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = CredentialsWrite.from_dict(_credentials)

        description = d.pop("description", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: HeaderMap | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = HeaderMap.from_dict(_headers)

        insecure_ssl = d.pop("insecure_ssl", UNSET)

        priority = d.pop("priority", UNSET)

        stream = d.pop("stream", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        weight = d.pop("weight", UNSET)

        host_target_write = cls(
            host=host,
            port=port,
            protocol=protocol,
            id=id,
            path=path,
            credentials=credentials,
            description=description,
            headers=headers,
            insecure_ssl=insecure_ssl,
            priority=priority,
            stream=stream,
            tags=tags,
            weight=weight,
        )

        return host_target_write
