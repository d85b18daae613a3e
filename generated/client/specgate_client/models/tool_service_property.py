from typing import Literal

ToolServiceProperty = Literal["description", "id", "last_updated", "last_updated_by", "name"]

TOOL_SERVICE_PROPERTY_VALUES: set[ToolServiceProperty] = {
    "description",
    "id",
    "last_updated",
    "last_updated_by",
    "name",
}


def check_tool_service_property(value: str) -> ToolServiceProperty:
    if value in TOOL_SERVICE_PROPERTY_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {TOOL_SERVICE_PROPERTY_VALUES!r}")
