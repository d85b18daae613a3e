"""The reference server: a Starlette app built from the spec."""

from __future__ import annotations

from .app import create_app, routes_for

__all__ = ["create_app", "routes_for"]
