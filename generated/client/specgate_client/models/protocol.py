from typing import Literal

Protocol = Literal["http", "https"]

PROTOCOL_VALUES: set[Protocol] = {
    "http",
    "https",
}


def check_protocol(value: str) -> Protocol:
    if value in PROTOCOL_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {PROTOCOL_VALUES!r}")
