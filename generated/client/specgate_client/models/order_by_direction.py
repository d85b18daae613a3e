from typing import Literal

OrderByDirection = Literal["asc", "desc"]

ORDER_BY_DIRECTION_VALUES: set[OrderByDirection] = {
    "asc",
    "desc",
}


def check_order_by_direction(value: str) -> OrderByDirection:
    if value in ORDER_BY_DIRECTION_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {ORDER_BY_DIRECTION_VALUES!r}")
