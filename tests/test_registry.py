"""The registry of resources: one entry each, and everything else about a resource read from it and
from the spec. README "Adding a resource" is followed here as far as a test can: a new resource in
a copy of the spec, and its entry, are all the derived parts need."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from specgate.fuzzing import checks, data, hooks, runner
from specgate.masking import shape_of
from specgate.registry import RESOURCES, TOOL, Resource, facts
from specgate.server.context import Context
from specgate.spec import Spec, load_spec
from specgate.store import KINDS
from specgate.store.schema import ORDERS, SCOPES, metadata

from .support import Api

SPEC = load_spec()
META = "meta"  # the tag of the operations that are no resource's (health, version, the document)


def test_every_operation_of_the_spec_is_one_resources() -> None:
    claimed: list[str] = []
    for resource in RESOURCES:
        said = facts(resource)
        ops = [said.create, said.get, said.update, said.delete, said.list, said.resolve]
        claimed += [op.operation_id for op in ops if op is not None]
    resources = [op.operation_id for op in SPEC.operations() if op.operation.get("tags") != [META]]
    assert sorted(claimed) == sorted(resources)  # each once, none missing


def test_entries_name_what_the_spec_and_tables_have() -> None:
    names = [resource.name for resource in RESOURCES]
    assert len(set(names)) == len(names)
    for resource in RESOURCES:
        for schema in (resource.write, resource.response, resource.stored):
            assert schema in SPEC.document["components"]["schemas"]
        table = metadata.tables[resource.table]
        assert resource.key in table.c and (resource.scope is None or resource.scope in table.c)
        assert resource.mark in SPEC.properties(resource.write)


def test_parents_come_first() -> None:
    """The fuzzer deletes in the reverse order: a table a foreign key points to comes before it."""
    position = {resource.table: i for i, resource in enumerate(RESOURCES)}
    for resource in RESOURCES:
        for key in metadata.tables[resource.table].foreign_keys:
            assert position[key.column.table.name] < position[resource.table], (resource.name, key)


def _enum(path: str, name: str) -> list[str]:
    """A list parameter's values, read from the document by hand (not by the registry's code)."""
    for parameter in SPEC.document["paths"][path]["get"].get("parameters", []):
        if parameter.get("name") == name:
            schema = parameter["schema"]
            return list(SPEC.pointer(schema.get("items", schema)["$ref"])["enum"])
    return []


def test_the_store_reads_the_registry_and_the_spec() -> None:
    assert list(KINDS) == [resource.name for resource in RESOURCES]
    assert KINDS["tool"].searchable == KINDS["tool"].orderable == tuple(_enum("/api/v1/tools/", "order_by"))
    assert KINDS["tool_service"].searchable == tuple(_enum("/api/v1/services/", "search_fields"))
    assert KINDS["gateway"].searchable == KINDS["gateway"].orderable == ()
    # The columns a row mirrors: every column of its table that is a field of its documents, or one
    # the server adds to them itself (the entry's `own`).
    assert {name: kind.columns for name, kind in KINDS.items()} == {
        "gateway": (),
        "upstream": ("gateway_id",),
        "gateway_service": ("gateway_id", "upstream_id"),
        "tool_service": ("name", "description", "last_updated", "last_updated_by"),
        "tool": ("name", "service_id", "last_updated", "last_updated_by", "destinations"),
    }
    for resource in RESOURCES:
        kind = KINDS[resource.name]
        assert (kind.table, kind.scope, kind.key, kind.schema) == (
            resource.table,
            resource.scope,
            resource.key,
            resource.stored,
        )
        assert ORDERS[resource.table] == (kind.orderable or ("created_at",))
        assert SCOPES.get(resource.table) == resource.scope


def test_the_server_context_reads_the_registry(api: Api) -> None:
    ctx: Context = api.client.app.state.ctx  # type: ignore[attr-defined]
    assert list(ctx.types) == [resource.name for resource in RESOURCES]
    for resource in RESOURCES:
        rt = ctx[resource]
        assert rt.kind is KINDS[resource.name]
        assert rt.read_only == SPEC.read_only(resource.stored)  # the spec's readOnly marks
        assert (rt.resolved is None) == (facts(resource).resolve is None)


def test_the_fuzzer_reads_the_registry() -> None:

    posts = {op.operation_id for op in SPEC.operations() if op.method == "POST"}
    assert set(hooks._creates()) == posts
    assert data.UPDATES == {
        "updateGateway": ("id",),
        "updateUpstream": ("id", "gateway_id"),
        "updateGatewayService": ("id", "gateway_id"),
    }
    with_secrets = {r.name for r in RESOURCES if not shape_of(SPEC, r.stored).empty}
    assert {r.name for r in checks._READS.values()} == with_secrets
    assert {"resolveGatewayService", "resolveToolServiceAuth"} <= checks.NOT_CHECKED_FOR_ECHO
    paths = {r.name: runner._item_path(r, {"gateway_id": "g"}, {"id": "i", "name": "n"}) for r in RESOURCES}
    assert paths == {
        "gateway": "/api/v1/gateways/i",
        "upstream": "/api/v1/gateways/g/upstreams/i",
        "gateway_service": "/api/v1/gateways/g/services/i",
        "tool_service": "/api/v1/services/i",
        "tool": "/api/v1/tools/n",
    }


# --- following README "Adding a resource" -------------------------------------------------------------


def _with_widgets(spec: Spec) -> Spec:
    """The spec with a new resource, widgets: the tools' paths and schemas under new names."""
    document = copy.deepcopy(spec.document)

    def renamed(node: Any) -> Any:
        text = json.dumps(node)
        text = re.sub(r"Tool(?!Service)", "Widget", text)
        return json.loads(re.sub(r"\btool(s?)(?=\b|_name)", r"widget\1", text))

    paths = document["paths"]
    for path in [p for p in paths if p.startswith("/api/v1/tools/")]:
        paths[path.replace("/tools/", "/widgets/").replace("tool_name", "widget_name")] = renamed(paths[path])
    for section in ("schemas", "parameters"):
        found = document["components"][section]
        for name in [n for n in found if re.match(r"Tool(?!Service)", n)]:
            found[renamed(name)] = renamed(found[name])
    return Spec(json.dumps(document))


def test_a_new_resource_is_its_spec_and_one_entry() -> None:
    spec = _with_widgets(SPEC)
    widget = Resource("widget", "widgets", "WidgetCreate", "Widget", update="WidgetUpdate", key="name")
    said, tool = facts(widget, spec), facts(TOOL, spec)
    assert (said.create.operation_id, said.get.path, said.update.operation_id) == (
        "createWidget",
        "/api/v1/widgets/{widget_name}",
        "updateWidget",
    )
    assert (said.delete.operation_id, said.list.operation_id) == ("deleteWidget", "listWidgets")
    assert said.resolve is None
    assert said.searchable == said.orderable == tool.searchable  # the copied enums
    assert said.read_only == tool.read_only
    # The tools themselves are still found alone (their schemas name them).
    assert tool.create.operation_id == "createTool"


def test_an_entry_the_spec_does_not_match_is_refused() -> None:
    stray = Resource("stray", "strays", "StrayWrite", "Stray")
    with pytest.raises(LookupError, match="stray: 0 POST operations"):
        facts(stray)
