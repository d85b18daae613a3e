"""crypto: the keyring that encrypts secrets at rest (first key encrypts, every key decrypts), and
never shows a key in its repr."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from specgate.crypto import Keyring, new_encryption_key
from specgate.errors import ConfigError, SecretError

from .support import plain_secrets


@pytest.fixture(scope="module")
def keys() -> list[str]:
    return [new_encryption_key() for _ in range(3)]


@settings(max_examples=max(settings.default.max_examples // 2, 1), deadline=None)
@given(plain_secrets)
def test_keyring_round_trip(value: str) -> None:
    """decrypt(encrypt(v)) == v, and the token does not hold v."""
    ring = Keyring([new_encryption_key()])
    token = ring.encrypt(value)
    assert value not in token
    assert ring.decrypt(token) == value


def test_the_first_key_encrypts(keys: list[str]) -> None:
    """A token made by a keyring is readable with its first key alone, not with the others."""
    token = Keyring(keys).encrypt("§v")
    assert Keyring(keys[:1]).decrypt(token) == "§v"
    with pytest.raises(SecretError):
        Keyring(keys[1:]).decrypt(token)


@pytest.mark.parametrize("i", [0, 1, 2])
def test_every_key_decrypts(keys: list[str], i: int) -> None:
    """A token made under any configured key is read by the keyring."""
    token = Keyring([keys[i]]).encrypt("§v")
    assert Keyring(keys).decrypt(token) == "§v"


def test_rotate_reencrypts_under_the_first_key(keys: list[str]) -> None:
    """rotate: the token then reads without the old key (the old key can be dropped)."""
    old, new = keys[0], keys[1]
    token = Keyring([old]).encrypt("§v")
    rotated = Keyring([new, old]).rotate(token)
    assert Keyring([new]).decrypt(rotated) == "§v"
    with pytest.raises(SecretError):
        Keyring([old]).decrypt(rotated)


@pytest.mark.parametrize("operation", ["decrypt", "rotate"])
def test_a_token_from_an_unknown_key_is_a_secret_error_without_secrets(
    keys: list[str], operation: str
) -> None:
    """SecretError for a foreign token; its text holds no key, no value, no token."""
    token = Keyring([keys[2]]).encrypt("§value")
    with pytest.raises(SecretError) as raised:
        getattr(Keyring(keys[:2]), operation)(token)
    for text in (str(raised.value), repr(raised.value)):
        for forbidden in (*keys, "§value", token):
            assert forbidden not in text


@pytest.mark.parametrize("bad", ["", "change-me", "A" * 43, "QUFBQUFBQUFBQUFBQUFBQQ==", "§" * 44])
def test_a_malformed_key_is_a_config_error(keys: list[str], bad: str) -> None:
    """ConfigError for a key that is not a Fernet key (alone or beside good ones); no key in the text."""
    for ring in ([bad], [keys[0], bad]):
        with pytest.raises(ConfigError) as raised:
            Keyring(ring)
        if bad:
            assert bad not in str(raised.value)
        assert keys[0] not in str(raised.value)


def test_no_key_is_a_config_error() -> None:
    """ConfigError when no key is configured."""
    with pytest.raises(ConfigError):
        Keyring([])


def test_holds_knows_only_its_own_tokens_and_their_exact_values(keys: list[str]) -> None:
    """A PUT that sends a secret again keeps its stored token when `holds` says it seals that value."""
    ring = Keyring(keys)
    token = ring.encrypt("§v")
    assert ring.holds("§v", token)
    assert not ring.holds("§w", token) and not ring.holds("§v", None) and not ring.holds("§v", 5)
    assert not Keyring(keys).holds("§v", token)  # another process (same keys) made no such token
    assert not ring.holds("§v", Keyring(keys).encrypt("§v"))


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_keyring_repr_holds_no_key(count: int) -> None:
    """repr() and str() of a Keyring name how many keys there are, never a key."""
    keys = [new_encryption_key() for _ in range(count)]
    ring = Keyring(keys)
    for text in (repr(ring), str(ring), f"{ring}", f"{ring!r}", repr([ring])):
        for key in keys:
            assert key not in text
            assert key.rstrip("=") not in text
