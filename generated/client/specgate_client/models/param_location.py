from typing import Literal

ParamLocation = Literal["body", "query"]

PARAM_LOCATION_VALUES: set[ParamLocation] = {
    "body",
    "query",
}


def check_param_location(value: str) -> ParamLocation:
    if value in PARAM_LOCATION_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {PARAM_LOCATION_VALUES!r}")
