"""Fuzzing with schemathesis: specgate's own checks, used alike by pytest and `specgate fuzz`."""

from __future__ import annotations
