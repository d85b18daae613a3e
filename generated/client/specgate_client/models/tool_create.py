from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .._redact import model_repr
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_create_definition import ToolCreateDefinition


T = TypeVar("T", bound="ToolCreate")


@_attrs_define
class ToolCreate:
    name: str
    service_id: int
    """ The tool service the tool belongs to. """
    definition: ToolCreateDefinition
    """ The tool definition, as the model sees it (any JSON object). It may say where the tool calls,
    so it is a destination of its service's auth values (see resolved-auth).
     """

    _etag: str | Unset = _attrs_field(default=UNSET, init=False, repr=False, eq=False)

    @property
    def etag(self) -> str | Unset:
        """The ETag the server answered with this model (pass it as `if_match=`), or UNSET."""
        return self._etag

    def __repr__(self) -> str:
        # Secrets never show; unset fields are left out (specgate_client/_redact.py).
        return model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        service_id = self.service_id

        definition = self.definition.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "service_id": service_id,
                "definition": definition,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_create_definition import ToolCreateDefinition  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        service_id = d.pop("service_id")

        definition = ToolCreateDefinition.from_dict(d.pop("definition"))

        tool_create = cls(
            name=name,
            service_id=service_id,
            definition=definition,
        )

        return tool_create
