from typing import Literal

Provider = Literal["anthropic", "azure", "bedrock", "google", "mistral", "openai"]

PROVIDER_VALUES: set[Provider] = {
    "anthropic",
    "azure",
    "bedrock",
    "google",
    "mistral",
    "openai",
}


def check_provider(value: str) -> Provider:
    if value in PROVIDER_VALUES:
        return value
    raise TypeError(f"Unexpected value (not shown). Expected one of {PROVIDER_VALUES!r}")
