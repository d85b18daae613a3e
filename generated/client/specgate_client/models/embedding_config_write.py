from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.provider import Provider, check_provider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_write import CredentialsWrite


T = TypeVar("T", bound="EmbeddingConfigWrite")


@_attrs_define
class EmbeddingConfigWrite:
    """The embedding model a `semantic` upstream uses to pick a target."""

    credentials: CredentialsWrite
    """ Credentials sent to a service, target or embedding provider. Secret fields are write-only: send a
    new value to replace, `null` or `"********"` to keep the stored value, leave it out to remove it.
    `null` for a secret with nothing stored is taken as absent. `header_name`, `param_name` and
    `param_location` decide where the secrets travel: changing one needs the secrets sent again.
     """
    model: str
    provider: Provider
    """ An LLM provider. """

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
        from ..models.credentials_write import CredentialsWrite  # noqa: PLC0415

        d = dict(src_dict)
        credentials = CredentialsWrite.from_dict(d.pop("credentials"))

        model = d.pop("model")

        provider = check_provider(d.pop("provider"))

        embedding_config_write = cls(
            credentials=credentials,
            model=model,
            provider=provider,
        )

        return embedding_config_write
