"""`digests.sha256_hex` is SHA-256, whichever implementation it found."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from specgate.api_keys import hash_api_key
from specgate.digests import sha256_hex


@given(st.binary(max_size=300))
def test_sha256_hex_is_hashlibs_sha256(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_an_api_key_hashes_to_its_known_digest() -> None:
    # A stored key's hash must not change with the implementation: a changed digest locks every key out.
    assert hash_api_key("sg_abc") == hashlib.sha256(b"sg_abc").hexdigest()
    assert hash_api_key("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
