"""`specgate`'s public surface is one sorted `__all__`, and every name in it is importable."""

from __future__ import annotations

import specgate


def test_the_public_surface_is_sorted_and_complete() -> None:
    # isort's order, as ruff keeps it: CONSTANTS, then Classes, then functions.
    assert specgate.__all__ == sorted(
        specgate.__all__, key=lambda name: (0 if name.isupper() else 1 if name[0].isupper() else 2, name)
    )
    for name in specgate.__all__:
        assert getattr(specgate, name) is not None, name
    public = {n for n in vars(specgate) if not n.startswith("_") and n != "annotations"}
    modules = {n for n in public if type(getattr(specgate, n)).__name__ == "module"}
    assert public - modules == set(specgate.__all__)
