from typing import Literal

ServiceType = Literal["endpoint", "upstream"]

SERVICE_TYPE_VALUES: set[ServiceType] = {
    "endpoint",
    "upstream",
}


def check_service_type(value: str) -> ServiceType:
    if value in SERVICE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {SERVICE_TYPE_VALUES!r}")
