"""The hand-written document: valid OpenAPI 3.1, every example valid, the contract's conventions held."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from specgate.spec import Spec, load_spec

BASE = "urn:specgate:openapi"


def test_the_document_is_valid_openapi_3_1(spec: Spec) -> None:
    assert spec.document["openapi"].startswith("3.1.")
    validate(spec.document)


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _examples() -> Iterator[tuple[str, str, Any]]:
    """(where, JSON pointer of the schema, example value) for every example in the document."""
    spec = load_spec()
    doc = spec.document

    def media(where: str, pointer: str, content: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
        for ctype, media_type in content.items():
            schema_ptr = f"{pointer}/content/{_escape(ctype)}/schema"
            for name, example in media_type.get("examples", {}).items():
                yield f"{where} {ctype} {name}", schema_ptr, spec.resolve(example)["value"]

    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            ptr = f"#/paths/{_escape(path)}/{method}"
            where = f"{method.upper()} {path}"
            if "requestBody" in op:
                yield from media(f"{where} request", f"{ptr}/requestBody", op["requestBody"]["content"])
            for status, response in op["responses"].items():
                response_ptr = f"{ptr}/responses/{status}"
                if "$ref" in response:
                    response_ptr = response["$ref"]
                    response = spec.resolve(response)
                yield from media(f"{where} {status}", response_ptr, response.get("content", {}))
    for kind in ("parameters", "headers"):
        for name, param in doc["components"][kind].items():
            for key, example in param.get("examples", {}).items():
                yield (
                    f"{kind} {name} {key}",
                    f"#/components/{kind}/{name}/schema",
                    spec.resolve(example)["value"],
                )
    for name, schema in doc["components"]["schemas"].items():
        owners = {"": schema} | {f"/properties/{p}": s for p, s in schema.get("properties", {}).items()}
        for suffix, owner in owners.items():
            for i, value in enumerate(owner.get("examples", [])):
                yield f"schema {name}{suffix} {i}", f"#/components/schemas/{name}{suffix}", value


EXAMPLES = list(_examples())


def _validator(spec: Spec, pointer: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        BASE, Resource(contents=spec.document, specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{BASE}{pointer}"}, registry=registry, format_checker=FormatChecker()
    )


@pytest.mark.parametrize(("where", "pointer", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_every_example_validates_against_its_schema(spec: Spec, where: str, pointer: str, value: Any) -> None:
    validator = _validator(spec, pointer)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)]
    assert errors == []


def test_there_are_examples_for_every_request_body_and_response(spec: Spec) -> None:
    with_examples = {where.rsplit(" ", 1)[0] for where, _, _ in EXAMPLES}
    for op in spec.operations():
        where = f"{op.method} {op.path}"
        if "requestBody" in op.operation:
            assert any(w.startswith(f"{where} request") for w in with_examples), where
        for status, response in op.operation["responses"].items():
            if "content" in spec.resolve(response):
                assert any(w.startswith(f"{where} {status}") for w in with_examples), (
                    where,
                    status,
                )


def test_a_broken_example_is_caught(spec: Spec) -> None:
    """The example check can fail: a port out of range is reported."""
    validator = _validator(spec, "#/components/schemas/GatewayServiceEndpointWrite")
    example = dict(spec.resolve({"$ref": "#/components/examples/GatewayServiceEndpointWrite"})["value"])
    assert list(validator.iter_errors(example)) == []
    example["port"] = 70000
    assert [e.message for e in validator.iter_errors(example)]


def test_every_operation_has_an_operation_id_and_problem_errors(spec: Spec) -> None:
    ids = [op.operation_id for op in spec.operations()]
    assert len(ids) == len(set(ids))
    for op in spec.operations():
        for status, response in op.operation["responses"].items():
            if status[0] in "45":
                content = spec.resolve(response)["content"]
                assert list(content) == ["application/problem+json"], (op, status)


def test_every_api_operation_accepts_both_security_schemes_with_its_scopes(spec: Spec) -> None:
    assert spec.document["security"] == [{"BearerAuth": []}, {"SyllableApiKey": []}]
    for op in spec.operations():
        security = op.operation.get("security")
        if op.path.startswith("/api/"):
            # Both schemes as alternatives, each with the one scope the operation needs.
            [(bearer, scopes), (api_key, same)] = [next(iter(s.items())) for s in security]
            assert (bearer, api_key) == ("BearerAuth", "SyllableApiKey") and scopes == same, op
            assert len(scopes) == 1 and scopes[0] in ("read", "write", "resolve"), op
            if "scope" in op.operation["description"]:  # the words, where they name one, agree
                assert f"`{scopes[0]}` scope" in op.operation["description"], op
            assert "401" in op.operation["responses"] and "403" in op.operation["responses"], op
        else:
            assert security == [], op


def test_writes_take_if_match_and_answer_412_and_resources_answer_an_etag(spec: Spec) -> None:
    for op in spec.operations():
        if not op.path.startswith("/api/") or "resolve" in op.operation_id:
            continue
        params = [spec.resolve(p).get("name") for p in op.operation.get("parameters", [])]
        responses = op.operation["responses"]
        if op.method in ("PUT", "DELETE"):
            assert "If-Match" in params and "412" in responses, op
        success = responses.get("200") or responses.get("201")
        if op.method in ("GET", "PUT", "POST") and not op.operation_id.startswith("list"):
            assert success is not None and "ETag" in success.get("headers", {}), op


def test_creates_link_to_get_update_and_delete(spec: Spec) -> None:
    by_id = {op.operation_id: op for op in spec.operations()}
    for op in by_id.values():
        if not op.operation_id.startswith("create"):
            continue
        noun = op.operation_id.removeprefix("create")
        success = op.operation["responses"].get("201") or op.operation["responses"]["200"]
        linked = {link["operationId"] for link in success["links"].values()}
        assert {f"get{noun}", f"update{noun}", f"delete{noun}"} <= linked, op
        assert linked <= set(by_id), linked - set(by_id)


def _secret_properties(spec: Spec) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for name, schema in spec.document["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            yield name, prop, sub
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            yield name, "*", extra


def test_secrets_carry_all_three_marks_on_request_schemas_only(spec: Spec) -> None:
    marked = [(s, p, sub) for s, p, sub in _secret_properties(spec) if sub.get("x-secret")]
    assert len(marked) >= 9  # the eight credentials secrets and every auth_values value
    for schema_name, prop, sub in marked:
        assert sub.get("writeOnly") is True and sub.get("format") == "password", (schema_name, prop)
        assert schema_name.endswith("Write") or schema_name == "AuthValues", (schema_name, prop)
    for schema_name, prop, sub in _secret_properties(spec):
        if sub.get("writeOnly") or sub.get("format") == "password":
            assert sub.get("x-secret") is True, (schema_name, prop)


def test_response_schemas_hold_only_masks_where_requests_hold_secrets(spec: Spec) -> None:
    write = spec.schema("CredentialsWrite")["properties"]
    read = spec.schema("Credentials")["properties"]
    assert set(write) == set(read)
    for prop, sub in write.items():
        if sub.get("x-secret"):
            assert read[prop] == {"$ref": "#/components/schemas/SecretMask"}, prop
    assert spec.schema("SecretMask")["const"] == "********"
    assert "auth_values" not in spec.schema("ToolService")["properties"]


# (write, read, resolved) schemas of one thing: a GET body must go back as a PUT body unchanged.
AGREEING = [
    ("GatewayWrite", "Gateway", None),
    ("UpstreamWrite", "Upstream", "UpstreamResolved"),
    ("GatewayServiceUpstreamWrite", "GatewayServiceUpstream", "GatewayServiceUpstreamResolved"),
    ("GatewayServiceEndpointWrite", "GatewayServiceEndpoint", "GatewayServiceEndpointResolved"),
    ("ProviderTargetWrite", "ProviderTarget", "ProviderTargetResolved"),
    ("HostTargetWrite", "HostTarget", "HostTargetResolved"),
    ("EmbeddingConfigWrite", "EmbeddingConfig", "EmbeddingConfigResolved"),
    ("CredentialsWrite", "Credentials", "CredentialsResolved"),
    ("ToolServiceUpdate", "ToolService", None),
    ("ToolUpdate", "Tool", None),
]


@pytest.mark.parametrize(("write", "read", "resolved"), AGREEING, ids=[w for w, _, _ in AGREEING])
def test_write_read_and_resolved_schemas_agree(
    spec: Spec, write: str, read: str, resolved: str | None
) -> None:
    w, r = spec.schema(write), spec.schema(read)
    secret_maps = {p for p, sub in w["properties"].items() if spec.resolve(sub).get("x-secret-keys-field")}
    assert set(r["properties"]) == set(w["properties"]) - secret_maps  # every read field can be sent back
    assert set(w.get("required", [])) <= set(r.get("required", []))  # and a GET body has what PUT needs
    assert spec.read_only(write) == spec.read_only(read)  # the same fields are read-only in both
    assert not spec.read_only(write) & set(w.get("required", []))
    if resolved is not None:
        z = spec.schema(resolved)
        assert set(z["properties"]) == set(r["properties"])
        assert set(z.get("required", [])) == set(r.get("required", []))
        assert spec.read_only(resolved) == spec.read_only(read)


def test_the_server_takes_read_only_fields_from_the_spec(spec: Spec) -> None:
    stamps = {"id", "gateway_id", "created_at", "updated_at"}
    assert spec.read_only("GatewayServiceWrite") == stamps | {"upstream"}
    tool_service = {"last_updated", "last_updated_by", "tools", "auth_value_keys"}
    assert spec.read_only("ToolServiceUpdate") == tool_service


def test_every_operation_has_a_description(spec: Spec) -> None:
    assert [op.operation_id for op in spec.operations() if not op.operation.get("description")] == []


def test_update_and_delete_links_send_the_etag_read(spec: Spec) -> None:
    for op in spec.operations():
        for response in op.operation["responses"].values():
            for name, link in response.get("links", {}).items():
                if link["operationId"].startswith(("update", "delete")):
                    assert link["parameters"]["If-Match"] == "$response.header.ETag", name
                assert not isinstance(link.get("requestBody"), dict), name  # an expression, not a template


def test_enum_values_have_names_for_generators(spec: Spec) -> None:
    def walk(node: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        if isinstance(node, Mapping):
            if "enum" in node or "const" in node:
                yield where, node
            for key, value in node.items():
                if key != "if":  # a condition tests a value; no generator makes a type of it
                    yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}/{i}")

    for where, schema in walk(spec.document["components"]["schemas"], "#/components/schemas"):
        values = schema.get("enum", [schema.get("const")])
        names = schema.get("x-enum-varnames", [])
        assert len(names) == len(values), where
        assert all(name.isidentifier() and name.isupper() for name in names), where


def test_defaults_are_stated_on_answers_not_on_request_schemas(spec: Spec) -> None:
    """A request schema's `default` makes the field required in openapi-typescript's types."""
    for name, schema in spec.document["components"]["schemas"].items():
        if name.endswith(("Write", "Create", "Update")):
            defaults = [p for p, sub in schema.get("properties", {}).items() if "default" in sub]
            assert defaults == [], name
    assert spec.defaults("GatewayService") == {"retries": 0, "stream": False}
    assert spec.defaults("Upstream") == {"algorithm": "round-robin"}


def test_every_operation_documents_any_other_error_as_a_problem(spec: Spec) -> None:
    for op in spec.operations():
        default = spec.resolve(op.operation["responses"]["default"])
        assert list(default["content"]) == ["application/problem+json"], op


def _first_uses(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """Components by kind, in the order a depth-first walk of the paths first reaches them."""
    order: dict[str, list[str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/"):
                kind, name = ref.split("/")[2:]
                if name not in order.setdefault(kind, []):
                    order[kind].append(name)
                    walk(doc["components"][kind][name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["paths"])
    return order


def test_schemas_and_examples_come_in_the_order_the_paths_use_them(spec: Spec) -> None:
    """Reading down the file follows the paths: a schema or example sits where it is first used."""
    order = _first_uses(spec.document)
    for kind in ("schemas", "examples"):
        assert list(spec.document["components"][kind]) == order[kind], kind


def test_the_order_check_can_fail(spec: Spec) -> None:
    schemas = dict(spec.document["components"]["schemas"])
    first = next(iter(schemas))
    swapped = {**{k: v for k, v in schemas.items() if k != first}, first: schemas[first]}
    doc = {**spec.document, "components": {**spec.document["components"], "schemas": swapped}}
    assert list(doc["components"]["schemas"]) != _first_uses(doc)["schemas"]


def test_one_example_style_named_examples_used_by_ref(spec: Spec) -> None:
    """No inline `example`: every body, parameter and header example is a `$ref` to components.examples."""

    def holders(node: Any, where: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        if isinstance(node, Mapping):
            if "schema" in node:  # a media type, parameter or header object
                yield where, node
            for key, value in node.items():
                if key not in ("schema", "schemas"):
                    yield from holders(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from holders(value, f"{where}/{i}")

    found = list(holders(spec.document, "#"))
    assert len(found) > 50
    for where, holder in found:
        assert "example" not in holder, where
        for example in holder.get("examples", {}).values():
            assert list(example) == ["$ref"] and example["$ref"].startswith("#/components/examples/"), where
