from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.auth_type import AuthType, check_auth_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auth_values_type_0 import AuthValuesType0


T = TypeVar("T", bound="ToolServiceUpdate")


@_attrs_define
class ToolServiceUpdate:
    """Request model to update an existing service. `last_updated`, `last_updated_by`, `tools` and
    `auth_value_keys` are read-only: accepted so that a GET body can be sent back, and ignored.

    """

    id: int
    """ The internal ID of the service """
    name: str
    """ The name of the service """
    description: str
    """ The description of the service """
    auth_type: AuthType | None | Unset = UNSET
    """ The type of authentication to use for the service's tools """
    auth_values: AuthValuesType0 | None | Unset = UNSET
    """ The values to use for the authentication, as a dict. Should contain "username" and "password" keys
    if auth type is basic, "token" key if auth type is bearer, arbitrary header keys if auth type is
    custom_headers, or "client_id", "client_secret", and "auth_url" keys if auth type is oauth2. On an
    update, leave a value for a given key null and the value in the database will not be updated. (If
    a key is omitted entirely, any existing value for that key will be removed.) Every value is secret.
     """
    last_updated_comments: None | str | Unset = UNSET
    """ Free text providing comment about what was updated """
    last_updated: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """
    last_updated_by: str | Unset = UNSET
    """ Read-only; ignored. """
    tools: list[str] | Unset = UNSET
    """ Read-only; ignored. """
    auth_value_keys: list[str] | None | Unset = UNSET
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
        from ..models.auth_values_type_0 import AuthValuesType0  # noqa: PLC0415

        id = self.id

        name = self.name

        description = self.description

        auth_type: None | str | Unset
        if isinstance(self.auth_type, Unset):
            auth_type = UNSET
        elif isinstance(self.auth_type, str):
            auth_type = self.auth_type
        else:
            auth_type = self.auth_type

        auth_values: dict[str, Any] | None | Unset
        if isinstance(self.auth_values, Unset):
            auth_values = UNSET
        elif isinstance(self.auth_values, AuthValuesType0):
            auth_values = self.auth_values.to_dict()
        else:
            auth_values = self.auth_values

        last_updated_comments: None | str | Unset
        if isinstance(self.last_updated_comments, Unset):
            last_updated_comments = UNSET
        else:
            last_updated_comments = self.last_updated_comments

        last_updated: str | Unset = UNSET
        if not isinstance(self.last_updated, Unset):
            last_updated = self.last_updated.isoformat()

        last_updated_by = self.last_updated_by

        tools: list[str] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = self.tools

        auth_value_keys: list[str] | None | Unset
        if isinstance(self.auth_value_keys, Unset):
            auth_value_keys = UNSET
        elif isinstance(self.auth_value_keys, list):
            auth_value_keys = self.auth_value_keys

        else:
            auth_value_keys = self.auth_value_keys

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
            }
        )
        if auth_type is not UNSET:
            field_dict["auth_type"] = auth_type
        if auth_values is not UNSET:
            field_dict["auth_values"] = auth_values
        if last_updated_comments is not UNSET:
            field_dict["last_updated_comments"] = last_updated_comments
        if last_updated is not UNSET:
            field_dict["last_updated"] = last_updated
        if last_updated_by is not UNSET:
            field_dict["last_updated_by"] = last_updated_by
        if tools is not UNSET:
            field_dict["tools"] = tools
        if auth_value_keys is not UNSET:
            field_dict["auth_value_keys"] = auth_value_keys

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auth_values_type_0 import AuthValuesType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

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

        def _parse_auth_values(data: object) -> AuthValuesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_auth_values_type_0 = AuthValuesType0.from_dict(data)

                return componentsschemas_auth_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuthValuesType0 | None | Unset, data)

        auth_values = _parse_auth_values(d.pop("auth_values", UNSET))

        def _parse_last_updated_comments(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_updated_comments = _parse_last_updated_comments(d.pop("last_updated_comments", UNSET))

        _last_updated = d.pop("last_updated", UNSET)
        last_updated: datetime.datetime | Unset
        if isinstance(_last_updated, Unset):
            last_updated = UNSET
        else:
            last_updated = datetime.datetime.fromisoformat(_last_updated)

        last_updated_by = d.pop("last_updated_by", UNSET)

        tools = cast(list[str], d.pop("tools", UNSET))

        def _parse_auth_value_keys(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                auth_value_keys_type_0 = cast(list[str], data)

                return auth_value_keys_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        auth_value_keys = _parse_auth_value_keys(d.pop("auth_value_keys", UNSET))

        tool_service_update = cls(
            id=id,
            name=name,
            description=description,
            auth_type=auth_type,
            auth_values=auth_values,
            last_updated_comments=last_updated_comments,
            last_updated=last_updated,
            last_updated_by=last_updated_by,
            tools=tools,
            auth_value_keys=auth_value_keys,
        )

        return tool_service_update
