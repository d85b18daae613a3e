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
    from ..models.credentials_write import CredentialsWrite
    from ..models.header_map import HeaderMap


T = TypeVar("T", bound="ProviderTargetWrite")


@_attrs_define
class ProviderTargetWrite:
    """A target served by an LLM provider; `default_model` must be one of `models`."""

    provider: Provider
    """ An LLM provider. """
    models: list[str]
    credentials: CredentialsWrite
    """ Credentials sent to a service, target or embedding provider. Secret fields are write-only: send a
    new value to replace, `null` or `"********"` to keep the stored value, leave it out to remove it.
    `null` for a secret with nothing stored is taken as absent. `header_name`, `param_name` and
    `param_location` decide where the secrets travel: changing one needs the secrets sent again.
     """
    id: UUID | Unset = UNSET
    default_model: str | Unset = UNSET
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
        provider: str = self.provider

        models = self.models

        credentials = self.credentials.to_dict()

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

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

        field_dict.update(
            {
                "provider": provider,
                "models": models,
                "credentials": credentials,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
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
        from ..models.credentials_write import CredentialsWrite  # noqa: PLC0415
        from ..models.header_map import HeaderMap  # noqa: PLC0415

        d = dict(src_dict)
        provider = check_provider(d.pop("provider"))

        models = cast(list[str], d.pop("models"))

        credentials = CredentialsWrite.from_dict(d.pop("credentials"))

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

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

        provider_target_write = cls(
            provider=provider,
            models=models,
            credentials=credentials,
            id=id,
            default_model=default_model,
            description=description,
            headers=headers,
            insecure_ssl=insecure_ssl,
            priority=priority,
            stream=stream,
            tags=tags,
            weight=weight,
        )

        return provider_target_write
