"""The OpenAPI document: where it lives, and reading it.

Everything the hand-written layer knows about the API (secret fields, operations, versions) is read from
this one document, so nothing here repeats a field list.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Operation", "Spec", "docs_path", "load_spec", "spec_path"]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def spec_path() -> Path:
    """The spec shipped in the wheel, or the repository's `openapi/openapi.yaml` in a source checkout."""
    packaged = resources.files("specgate").joinpath("openapi.yaml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml"


def docs_path() -> Path:
    """The offline HTML reference built from the spec by `make generate`."""
    packaged = resources.files("specgate").joinpath("docs", "index.html")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "generated" / "docs" / "index.html"


class Operation:
    """One operation of the document: method, path template and the operation object."""

    def __init__(self, method: str, path: str, operation: Mapping[str, Any]) -> None:
        self.method = method.upper()
        self.path = path
        self.operation = operation
        self.operation_id: str = operation["operationId"]

    def __repr__(self) -> str:
        return f"Operation({self.method} {self.path} {self.operation_id})"


class Spec:
    """A parsed OpenAPI document with `$ref` lookup; the raw text is kept to serve it as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        # libyaml's loader when PyYAML has it: the same document, parsed about six times faster (a server,
        # and every test process, starts by reading this 3,000-line file).
        self.document: dict[str, Any] = yaml.load(text, Loader=_SafeLoader)
        self.json_bytes = json.dumps(self.document, ensure_ascii=False).encode()

    @property
    def version(self) -> str:
        return str(self.document["info"]["version"])

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow local `$ref`s until a node without one is reached."""
        while "$ref" in node:
            node = self.pointer(node["$ref"])
        return node

    def pointer(self, ref: str) -> Mapping[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported: {ref}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node  # type: ignore[no-any-return]

    def schema(self, name: str) -> Mapping[str, Any]:
        return self.document["components"]["schemas"][name]  # type: ignore[no-any-return]

    def read_only(self, name: str) -> frozenset[str]:
        """The properties marked `readOnly` in schema `name` (in any of its `oneOf` branches)."""
        schema = self.resolve(self.schema(name))
        branches = [self.resolve(branch) for branch in schema.get("oneOf", [schema])]
        return frozenset(
            prop
            for branch in branches
            for prop, sub in branch.get("properties", {}).items()
            if sub.get("readOnly") or self.resolve(sub).get("readOnly")
        )

    def properties(self, name: str) -> frozenset[str]:
        """The properties of schema `name` (in any of its `oneOf` branches)."""
        schema = self.resolve(self.schema(name))
        branches = [self.resolve(branch) for branch in schema.get("oneOf", [schema])]
        return frozenset(prop for branch in branches for prop in branch.get("properties", {}))

    def property_schema(self, name: str, prop: str) -> Mapping[str, Any]:
        """Property `prop` of schema `name`, resolved (from the first `oneOf` branch that has it)."""
        schema = self.resolve(self.schema(name))
        for branch in schema.get("oneOf", [schema]):
            found = self.resolve(branch).get("properties", {}).get(prop)
            if found is not None:
                return self.resolve(found)
        raise KeyError(f"{name} has no property {prop!r}")

    def defaults(self, name: str) -> dict[str, Any]:
        """The `default` of each property of schema `name` (in any of its `oneOf` branches)."""
        schema = self.resolve(self.schema(name))
        branches = [self.resolve(branch) for branch in schema.get("oneOf", [schema])]
        return {
            prop: sub["default"]
            for branch in branches
            for prop, sub in branch.get("properties", {}).items()
            if "default" in sub
        }

    def operations(self) -> Iterator[Operation]:
        for path, item in self.document["paths"].items():
            for method in HTTP_METHODS:
                if method in item:
                    yield Operation(method, path, item[method])


@functools.cache
def load_spec(path: Path | None = None) -> Spec:
    """Read the document once per process (it never changes while a server runs)."""
    return Spec((path or spec_path()).read_text(encoding="utf-8"))
