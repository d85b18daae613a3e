"""The API's resources, one entry each: the store, the server, the fuzzer and the tests read it.

An entry says what the spec cannot: which table holds the resource, which schemas are its bodies,
how paths address and scope its rows. Everything else is read from the spec (`facts`):
its operations (found by their schemas), read-only fields (`readOnly`), secrets (`x-secret`), and
the fields its list searches and orders by (the `search_fields` and `order_by` enums).

Entries run parents first: what the fuzzer creates is deleted in the reverse order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .spec import Operation, Spec, load_spec

__all__ = [
    "GATEWAY",
    "GATEWAY_SERVICE",
    "RESOURCES",
    "TOOL",
    "TOOL_SERVICE",
    "UPSTREAM",
    "Facts",
    "Resource",
    "facts",
]


@dataclass(frozen=True)
class Resource:
    """One resource of the API, as a maintainer declares it."""

    name: str
    table: str  # its table in store/schema.py
    write: str  # the schema of its create body
    response: str  # the schema of its answers
    update: str | None = None  # the schema of its update body, when it is not `write`
    scope: str | None = None  # the parent column its paths scope rows by (gateway_id)
    key: str = "id"  # the column its item path names a row by (tools: name)
    mark: str = "tags"  # the write-body field the fuzzer marks what it creates with
    # Columns mirroring fields the server adds to the stored documents itself, which no schema of the
    # spec names (tools: `destinations`, routes/tools.py): the spec alone cannot tell the store of them.
    own: tuple[str, ...] = ()

    @property
    def stored(self) -> str:
        """The schema its stored documents follow (where their secrets are)."""
        return self.update or self.write


GATEWAY = Resource("gateway", "gateways", "GatewayWrite", "Gateway")
UPSTREAM = Resource("upstream", "upstreams", "UpstreamWrite", "Upstream", scope="gateway_id")
GATEWAY_SERVICE = Resource(
    "gateway_service", "gateway_services", "GatewayServiceWrite", "GatewayService", scope="gateway_id"
)
TOOL_SERVICE = Resource(
    "tool_service",
    "tool_services",
    "ToolServiceCreate",
    "ToolService",
    update="ToolServiceUpdate",
    mark="last_updated_comments",
)
TOOL = Resource(
    "tool",
    "tools",
    "ToolCreate",
    "Tool",
    update="ToolUpdate",
    key="name",
    mark="definition",
    own=("destinations",),
)

RESOURCES = (GATEWAY, UPSTREAM, GATEWAY_SERVICE, TOOL_SERVICE, TOOL)


@dataclass(frozen=True)
class Facts:
    """What the spec says of a resource: its operations, their paths, and its fields."""

    create: Operation
    get: Operation  # its item path is `get.path`
    update: Operation
    delete: Operation
    list: Operation  # on `create.path`
    resolve: Operation | None  # a GET below the item path that answers its secrets
    resolved: str | None  # the schema of the resolve operation's answer
    read_only: frozenset[str]  # of its update body: accepted so a GET body can be sent back
    properties: frozenset[str]  # every field its documents and answers may have
    searchable: tuple[str, ...]  # its list's `search_fields` enum (() when it has none)
    orderable: tuple[str, ...]  # its list's `order_by` enum (() when it lists in creation order)


@functools.cache
def facts(resource: Resource, spec: Spec | None = None) -> Facts:
    """Read `resource` from the spec; a KeyError or StopIteration names what the spec lacks."""
    spec = spec or load_spec()
    ops = list(spec.operations())

    def body_of(op: Operation) -> str | None:
        schema = op.operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        return _ref_name(schema.get("schema"))

    def answer_of(op: Operation) -> str | None:
        for status, response in op.operation.get("responses", {}).items():
            if str(status).startswith("2"):
                media = spec.resolve(response).get("content", {}).get("application/json", {})
                return _ref_name(media.get("schema"))
        return None

    def one(method: str, test: Any) -> Operation:
        found = [op for op in ops if op.method == method and test(op)]
        if len(found) != 1:
            raise LookupError(f"{resource.name}: {len(found)} {method} operations match, not one")
        return found[0]

    create = one("POST", lambda op: body_of(op) == resource.write)
    get = one("GET", lambda op: answer_of(op) == resource.response)
    listed = one("GET", lambda op: op.path == create.path)
    # A GET one segment below the item path, of the resource's own tag (its children's lists are
    # below it too, in their tags).
    resolves = [
        op
        for op in ops
        if op.method == "GET"
        and op.path.startswith(get.path + "/")
        and "/" not in op.path[len(get.path) + 1 :]
        and op.operation.get("tags") == get.operation.get("tags")
    ]
    if len(resolves) > 1:
        raise LookupError(f"{resource.name}: {len(resolves)} GET operations below {get.path}, not one")
    return Facts(
        create=create,
        get=get,
        update=one("PUT", lambda op: body_of(op) == resource.stored),
        delete=one("DELETE", lambda op: op.path == get.path),
        list=listed,
        resolve=resolves[0] if resolves else None,
        resolved=answer_of(resolves[0]) if resolves else None,
        read_only=spec.read_only(resource.stored),
        properties=spec.properties(resource.stored) | spec.properties(resource.response),
        searchable=_enum(spec, listed, "search_fields"),
        orderable=_enum(spec, listed, "order_by"),
    )


def _ref_name(schema: Mapping[str, Any] | None) -> str | None:
    ref = (schema or {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _enum(spec: Spec, op: Operation, name: str) -> tuple[str, ...]:
    """The values a query parameter of `op` takes (of its items, for an array)."""
    for parameter in op.operation.get("parameters", []):
        parameter = spec.resolve(parameter)
        if parameter.get("name") == name and parameter.get("in") == "query":
            schema = spec.resolve(parameter["schema"])
            schema = spec.resolve(schema.get("items", schema))
            return tuple(schema["enum"])
    return ()
