from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.provider import Provider, check_provider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials import Credentials


T = TypeVar("T", bound="EmbeddingConfig")


@_attrs_define
class EmbeddingConfig:
    credentials: Credentials
    """ Credentials as read; each stored secret is the mask `"********"`, unset ones are left out. """
    model: str
    provider: Provider
    """ An LLM provider. """
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
        credentials = self.credentials.to_dict()

        model = self.model

        provider: str = self.provider

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credentials": credentials,
                "model": model,
                "provider": provider,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credentials import Credentials  # noqa: PLC0415

        d = dict(src_dict)
        credentials = Credentials.from_dict(d.pop("credentials"))

        model = d.pop("model")

        provider = check_provider(d.pop("provider"))

        embedding_config = cls(
            credentials=credentials,
            model=model,
            provider=provider,
        )

        embedding_config.additional_properties = d
        return embedding_config

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
