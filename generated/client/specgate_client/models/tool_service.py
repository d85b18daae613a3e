from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..models.auth_type import AuthType, check_auth_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolService")


@_attrs_define
class ToolService:
    """Response model for service operations. A service is a collection of tools."""

    id: int
    """ The internal ID of the service """
    name: str
    """ The name of the service """
    description: str
    """ The description of the service """
    last_updated: datetime.datetime
    """ An RFC 3339 date-time in UTC. """
    last_updated_by: str
    """ The email of the user who last updated the service """
    tools: list[str]
    """ Names of tools that belong to the service """
    auth_type: AuthType | None | Unset = UNSET
    """ The type of authentication to use for the service's tools """
    auth_value_keys: list[str] | None | Unset = UNSET
    """ Auth value keys (values omitted for security) """
    last_updated_comments: None | str | Unset = UNSET
    """ Free text providing comment about what was updated """
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
        id = self.id

        name = self.name

        description = self.description

        last_updated = self.last_updated.isoformat()

        last_updated_by = self.last_updated_by

        tools = self.tools

        auth_type: None | str | Unset
        if isinstance(self.auth_type, Unset):
            auth_type = UNSET
        elif isinstance(self.auth_type, str):
            auth_type = self.auth_type
        else:
            auth_type = self.auth_type

        auth_value_keys: list[str] | None | Unset
        if isinstance(self.auth_value_keys, Unset):
            auth_value_keys = UNSET
        elif isinstance(self.auth_value_keys, list):
            auth_value_keys = self.auth_value_keys

        else:
            auth_value_keys = self.auth_value_keys

        last_updated_comments: None | str | Unset
        if isinstance(self.last_updated_comments, Unset):
            last_updated_comments = UNSET
        else:
            last_updated_comments = self.last_updated_comments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "last_updated": last_updated,
                "last_updated_by": last_updated_by,
                "tools": tools,
            }
        )
        if auth_type is not UNSET:
            field_dict["auth_type"] = auth_type
        if auth_value_keys is not UNSET:
            field_dict["auth_value_keys"] = auth_value_keys
        if last_updated_comments is not UNSET:
            field_dict["last_updated_comments"] = last_updated_comments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        last_updated_by = d.pop("last_updated_by")

        tools = cast(list[str], d.pop("tools"))

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

        def _parse_last_updated_comments(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_updated_comments = _parse_last_updated_comments(d.pop("last_updated_comments", UNSET))

        tool_service = cls(
            id=id,
            name=name,
            description=description,
            last_updated=last_updated,
            last_updated_by=last_updated_by,
            tools=tools,
            auth_type=auth_type,
            auth_value_keys=auth_value_keys,
            last_updated_comments=last_updated_comments,
        )

        tool_service.additional_properties = d
        return tool_service

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
