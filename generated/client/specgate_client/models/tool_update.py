from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_update_definition import ToolUpdateDefinition


T = TypeVar("T", bound="ToolUpdate")


@_attrs_define
class ToolUpdate:
    """A tool to replace; `last_updated` and `last_updated_by` are read-only and ignored."""

    id: int
    name: str
    service_id: int
    definition: ToolUpdateDefinition
    """ The tool definition, as the model sees it (any JSON object). It may say where the tool calls,
    so it is a destination of its service's auth values (see resolved-auth).
     """
    last_updated: datetime.datetime | Unset = UNSET
    """ Read-only; ignored. """
    last_updated_by: str | Unset = UNSET
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
        id = self.id

        name = self.name

        service_id = self.service_id

        definition = self.definition.to_dict()

        last_updated: str | Unset = UNSET
        if not isinstance(self.last_updated, Unset):
            last_updated = self.last_updated.isoformat()

        last_updated_by = self.last_updated_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "service_id": service_id,
                "definition": definition,
            }
        )
        if last_updated is not UNSET:
            field_dict["last_updated"] = last_updated
        if last_updated_by is not UNSET:
            field_dict["last_updated_by"] = last_updated_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_update_definition import ToolUpdateDefinition  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        service_id = d.pop("service_id")

        definition = ToolUpdateDefinition.from_dict(d.pop("definition"))

        _last_updated = d.pop("last_updated", UNSET)
        last_updated: datetime.datetime | Unset
        if isinstance(_last_updated, Unset):
            last_updated = UNSET
        else:
            last_updated = datetime.datetime.fromisoformat(_last_updated)

        last_updated_by = d.pop("last_updated_by", UNSET)

        tool_update = cls(
            id=id,
            name=name,
            service_id=service_id,
            definition=definition,
            last_updated=last_updated,
            last_updated_by=last_updated_by,
        )

        return tool_update
