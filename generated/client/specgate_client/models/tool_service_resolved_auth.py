from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.auth_type import AuthType, check_auth_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_service_resolved_auth_auth_values import ToolServiceResolvedAuthAuthValues
    from ..models.tool_service_resolved_auth_headers import ToolServiceResolvedAuthHeaders


T = TypeVar("T", bound="ToolServiceResolvedAuth")


@_attrs_define
class ToolServiceResolvedAuth:
    """The decrypted auth values of a tool service and the HTTP headers a tool would send."""

    service_id: int
    auth_values: ToolServiceResolvedAuthAuthValues
    headers: ToolServiceResolvedAuthHeaders
    """ The headers to send; empty for oauth2 (the token exchange is the caller's). """
    auth_type: AuthType | None | Unset = UNSET
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
        service_id = self.service_id

        auth_values = self.auth_values.to_dict()

        headers = self.headers.to_dict()

        auth_type: None | str | Unset
        if isinstance(self.auth_type, Unset):
            auth_type = UNSET
        elif isinstance(self.auth_type, str):
            auth_type = self.auth_type
        else:
            auth_type = self.auth_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "service_id": service_id,
                "auth_values": auth_values,
                "headers": headers,
            }
        )
        if auth_type is not UNSET:
            field_dict["auth_type"] = auth_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_service_resolved_auth_auth_values import ToolServiceResolvedAuthAuthValues  # noqa: PLC0415
        from ..models.tool_service_resolved_auth_headers import ToolServiceResolvedAuthHeaders  # noqa: PLC0415

        d = dict(src_dict)
        service_id = d.pop("service_id")

        auth_values = ToolServiceResolvedAuthAuthValues.from_dict(d.pop("auth_values"))

        headers = ToolServiceResolvedAuthHeaders.from_dict(d.pop("headers"))

        def _parse_auth_type(data: object) -> AuthType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                auth_type_type_0 = check_auth_type(data)

                return auth_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuthType | None | Unset, data)

        auth_type = _parse_auth_type(d.pop("auth_type", UNSET))

        tool_service_resolved_auth = cls(
            service_id=service_id,
            auth_values=auth_values,
            headers=headers,
            auth_type=auth_type,
        )

        tool_service_resolved_auth.additional_properties = d
        return tool_service_resolved_auth

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
