from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.protocol import Protocol, check_protocol
from ..models.provider import Provider, check_provider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_resolved import CredentialsResolved
    from ..models.headers import Headers


T = TypeVar("T", bound="TargetResolved")


@_attrs_define
class TargetResolved:
    """A target with the real values of its credentials."""

    id: UUID
    credentials: CredentialsResolved | Unset = UNSET
    """ Credentials with the real secret values (resolve scope only). """
    default_model: str | Unset = UNSET
    description: str | Unset = UNSET
    headers: Headers | Unset = UNSET
    """ HTTP headers, name to value. """
    host: str | Unset = UNSET
    insecure_ssl: bool | Unset = UNSET
    models: list[str] | Unset = UNSET
    path: str | Unset = UNSET
    port: int | Unset = UNSET
    priority: int | Unset = UNSET
    protocol: Protocol | Unset = UNSET
    provider: Provider | Unset = UNSET
    """ An LLM provider. """
    stream: bool | Unset = UNSET
    tags: list[str] | Unset = UNSET
    weight: int | Unset = UNSET
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

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        default_model = self.default_model

        description = self.description

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        host = self.host

        insecure_ssl = self.insecure_ssl

        models: list[str] | Unset = UNSET
        if not isinstance(self.models, Unset):
            models = self.models

        path = self.path

        port = self.port

        priority = self.priority

        protocol: str | Unset = UNSET
        if not isinstance(self.protocol, Unset):
            protocol = self.protocol

        provider: str | Unset = UNSET
        if not isinstance(self.provider, Unset):
            provider = self.provider

        stream = self.stream

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
        if description is not UNSET:
            field_dict["description"] = description
        if headers is not UNSET:
            field_dict["headers"] = headers
        if host is not UNSET:
            field_dict["host"] = host
        if insecure_ssl is not UNSET:
            field_dict["insecure_ssl"] = insecure_ssl
        if models is not UNSET:
            field_dict["models"] = models
        if path is not UNSET:
            field_dict["path"] = path
        if port is not UNSET:
            field_dict["port"] = port
        if priority is not UNSET:
            field_dict["priority"] = priority
        if protocol is not UNSET:
            field_dict["protocol"] = protocol
        if provider is not UNSET:
            field_dict["provider"] = provider
        if stream is not UNSET:
            field_dict["stream"] = stream
        if tags is not UNSET:
            field_dict["tags"] = tags
        if weight is not UNSET:
            field_dict["weight"] = weight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials_resolved import CredentialsResolved  # noqa: PLC0415
        from ..models.headers import Headers  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        _credentials = d.pop("credentials", UNSET)
        credentials: CredentialsResolved | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = CredentialsResolved.from_dict(_credentials)

        default_model = d.pop("default_model", UNSET)

        description = d.pop("description", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: Headers | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = Headers.from_dict(_headers)

        host = d.pop("host", UNSET)

        insecure_ssl = d.pop("insecure_ssl", UNSET)

        models = cast(list[str], d.pop("models", UNSET))

        path = d.pop("path", UNSET)

        port = d.pop("port", UNSET)

        priority = d.pop("priority", UNSET)

        _protocol = d.pop("protocol", UNSET)
        protocol: Protocol | Unset
        if isinstance(_protocol, Unset):
            protocol = UNSET
        else:
            protocol = check_protocol(_protocol)

        _provider = d.pop("provider", UNSET)
        provider: Provider | Unset
        if isinstance(_provider, Unset):
            provider = UNSET
        else:
            provider = check_provider(_provider)

        stream = d.pop("stream", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        weight = d.pop("weight", UNSET)

        target_resolved = cls(
            id=id,
            credentials=credentials,
            default_model=default_model,
            description=description,
            headers=headers,
            host=host,
            insecure_ssl=insecure_ssl,
            models=models,
            path=path,
            port=port,
            priority=priority,
            protocol=protocol,
            provider=provider,
            stream=stream,
            tags=tags,
            weight=weight,
        )

        target_resolved.additional_properties = d
        return target_resolved

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
