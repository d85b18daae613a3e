from typing import Literal

AuthType = Literal["basic", "bearer", "custom_headers", "oauth2"]

AUTH_TYPE_VALUES: set[AuthType] = {
    "basic",
    "bearer",
    "custom_headers",
    "oauth2",
}


def check_auth_type(value: str) -> AuthType:
    if value in AUTH_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {AUTH_TYPE_VALUES!r}")
