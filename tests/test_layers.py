"""Imports point one way: cli -> server -> (merge, masking, crypto) and store. merge and masking
are pure (no I/O, no HTTP, no database); store knows nothing of HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "specgate"


def imports_of(module: Path) -> set[str]:
    """The specgate modules (and outside top-level packages) a file imports."""
    tree = ast.parse(module.read_text())
    package = module.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            found |= {f"{name}.{alias.name}" for alias in node.names}
    return found


def modules(where: str) -> list[Path]:
    root = PACKAGE / where
    return sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]


FORBIDDEN = {
    "masking": (
        "specgate.store",
        "specgate.server",
        "specgate.crypto",
        "sqlite3",
        "psycopg",
        "starlette",
        "httpx",
    ),
    "merge": (
        "specgate.store",
        "specgate.server",
        "specgate.crypto",
        "sqlite3",
        "psycopg",
        "starlette",
        "httpx",
    ),
    "rules": ("specgate.store", "specgate.server", "specgate.crypto", "starlette"),
    # The store is handed its settings (URL, pool size, synchronous mode); it reads no config.
    "store": ("specgate.server", "specgate.cli", "specgate.config", "starlette", "uvicorn", "httpx"),
    "crypto": ("specgate.store", "specgate.server"),
    "server": ("specgate.cli", "specgate.admin", "specgate.fuzzing"),
    # Pure: what text and numbers the store can keep, and how a logged value stays one line.
    "storable": ("specgate.store", "specgate.server", "starlette", "sqlite3", "psycopg"),
    "logs": ("specgate.store", "specgate.server", "starlette", "sqlite3", "psycopg"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_one_way(layer: str) -> None:
    for module in modules(layer):
        bad = sorted(
            name
            for name in imports_of(module)
            for banned in FORBIDDEN[layer]
            if name.split(".")[: len(banned.split("."))] == banned.split(".")
        )
        assert not bad, f"{module.relative_to(PACKAGE)} imports {bad}"


def test_route_modules_import_no_sibling_route_module() -> None:
    """What several resources' handlers share lives in a server module (scopes, pages, inputs)."""
    routes = PACKAGE / "server" / "routes"
    siblings = {f"specgate.server.routes.{path.stem}" for path in routes.glob("*.py")} - {
        "specgate.server.routes.__init__"
    }
    for module in sorted(routes.glob("*.py")):
        if module.stem == "__init__":
            continue
        imported = imports_of(module) & siblings
        assert not imported, f"{module.relative_to(PACKAGE)} imports {sorted(imported)}"


def test_the_check_sees_imports() -> None:
    assert "specgate.masking.MASK" in imports_of(PACKAGE / "merge.py")
    assert "specgate.store" in imports_of(PACKAGE / "server" / "context.py")
