from typing import Literal

Algorithm = Literal["least-conn", "round-robin", "semantic", "weighted-round-robin"]

ALGORITHM_VALUES: set[Algorithm] = {
    "least-conn",
    "round-robin",
    "semantic",
    "weighted-round-robin",
}


def check_algorithm(value: str) -> Algorithm:
    if value in ALGORITHM_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {ALGORITHM_VALUES!r}")
