from typing import Literal

ToolProperty = Literal["id", "last_updated", "last_updated_by", "name", "service_id"]

TOOL_PROPERTY_VALUES: set[ToolProperty] = {
    "id",
    "last_updated",
    "last_updated_by",
    "name",
    "service_id",
}


def check_tool_property(value: str) -> ToolProperty:
    if value in TOOL_PROPERTY_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {TOOL_PROPERTY_VALUES!r}")
