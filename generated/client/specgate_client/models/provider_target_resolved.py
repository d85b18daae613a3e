from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.provider import Provider, check_provider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_resolved import CredentialsResolved
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="ProviderTargetResolved")


@_attrs_define
class ProviderTargetResolved:
    """A provider target with the real values of its credentials."""

    id: UUID
    """ Generated when the target was sent without one; send it back to keep its secrets. """
    provider: Provider
    """ An LLM provider. """
    models: list[str]
    credentials: CredentialsResolved
    """ Credentials with the real secret values (resolve scope only). """
    default_model: str | Unset = UNSET
    description: str | Unset = UNSET
    headers: HeaderMap | Unset = UNSET
    """ HTTP headers, name to value. """
    insecure_ssl: bool | Unset = UNSET
    priority: int | Unset = UNSET
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

        provider: str = self.provider

        models = self.models

        credentials = self.credentials.to_dict()

        default_model = self.default_model

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "provider": provider,
                "models": models,
                "credentials": credentials,
            }
        )
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
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
        from ..models.credentials_resolved import CredentialsResolved  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        provider = check_provider(d.pop("provider"))

        models = cast(list[str], d.pop("models"))

        credentials = CredentialsResolved.from_dict(d.pop("credentials"))

        default_model = d.pop("default_model", UNSET)

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

        provider_target_resolved = cls(
            id=id,
            provider=provider,
            models=models,
            credentials=credentials,
            default_model=default_model,
            description=description,
            headers=headers,
            insecure_ssl=insecure_ssl,
            priority=priority,
            stream=stream,
            tags=tags,
            weight=weight,
        )

        provider_target_resolved.additional_properties = d
        return provider_target_resolved

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
