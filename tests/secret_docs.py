"""Test helpers for the secret rules: a walk of the spec's marks, and hypothesis strategies for documents.

The walk (`secret_patterns`, `destination_marks`) reads `x-secret`, `x-secret-destination` and
`x-secret-destination-keys` straight from the document, independently of `specgate.masking`, so the
tests compare the code against the spec rather than against a list written by hand.

A pattern is a path of property names where `"[]"` stands for every item of an array and `"{}"` for
every value of a map. A loc is a concrete path in one document (names and indexes).

Every secret the strategies generate starts with `SECRET_MARK`, a character no other generated string
holds, so "no secret leaks" can be checked by looking for that one character.
"""

from __future__ import annotations

import copy
import functools
import string
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from hypothesis import strategies as st

from specgate.masking import Shape
from specgate.spec import Spec, load_spec

Pattern = tuple[str, ...]
Loc = tuple[str | int, ...]
Doc = dict[str, Any]

ITEM = "[]"
VALUE = "{}"
SECRET_MARK = "§"

SPEC = load_spec()


# --- the spec's marks, read by a walk of the document -------------------------------------------


def _walk(
    spec: Spec, schema: Mapping[str, Any], prefix: Pattern, seen: tuple[str, ...]
) -> Iterator[tuple[str, Pattern, str]]:
    """Yield ("secret", pattern, ""), ("destination", object pattern, property) and
    ("destination_key", map pattern, key) for every mark under `schema`."""
    ref = schema.get("$ref")
    if ref is not None and ref not in seen:
        yield from _walk(spec, spec.pointer(ref), prefix, (*seen, ref))
    if schema.get("x-secret"):
        yield "secret", prefix, ""
    for key in schema.get("x-secret-destination-keys", ()):
        yield "destination_key", prefix, key
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in schema.get(combinator, ()):
            yield from _walk(spec, branch, prefix, seen)
    for name, prop in schema.get("properties", {}).items():
        if prop.get("x-secret-destination"):
            yield "destination", prefix, name
        if prop.get("x-secret-destination-for"):
            yield "destination_for", prefix, name
        yield from _walk(spec, prop, (*prefix, name), seen)
    if isinstance(schema.get("items"), dict):
        yield from _walk(spec, schema["items"], (*prefix, ITEM), seen)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _walk(spec, schema["additionalProperties"], (*prefix, VALUE), seen)


@functools.cache
def secret_patterns(spec: Spec, name: str) -> frozenset[Pattern]:
    """Where the spec marks a secret (`x-secret: true`) under `components/schemas/<name>`."""
    return frozenset(p for kind, p, _ in _walk(spec, spec.schema(name), (), ()) if kind == "secret")


@functools.cache
def destination_marks(
    spec: Spec, name: str
) -> tuple[frozenset[tuple[Pattern, str]], frozenset[tuple[Pattern, str]]]:
    """(destination properties, destination keys) the spec marks on the secret-bearing objects of a schema.

    A mark counts when the object it is on holds a secret (a destination of nothing is no destination),
    or names with `x-secret-destination-for` a resource whose secrets it directs (a tool).
    """
    marks = list(_walk(spec, spec.schema(name), (), ()))
    secrets = {p for kind, p, _ in marks if kind == "secret"}
    directing = {p for kind, p, _ in marks if kind == "destination_for"}

    def holds_secret(prefix: Pattern) -> bool:
        return prefix in directing or any(
            s[: len(prefix)] == prefix and len(s) > len(prefix) for s in secrets
        )

    fields = frozenset((p, n) for kind, p, n in marks if kind == "destination" and holds_secret(p))
    keys = frozenset((p, n) for kind, p, n in marks if kind == "destination_key" and holds_secret(p))
    return fields, keys


@functools.cache
def destination_mark_values(spec: Spec, name: str) -> tuple[tuple[Pattern, str, Any], ...]:
    """(object pattern, field, mark value) for every `x-secret-destination` under a schema (`true`, or
    the list of entries that count), and (map pattern, key, "key") for every `x-secret-destination-keys`
    key; only where secrets are below, as `destination_marks`."""
    fields, keys = destination_marks(spec, name)
    values: dict[tuple[Pattern, str], Any] = {}

    def walk(schema: Mapping[str, Any], prefix: Pattern, seen: tuple[str, ...]) -> None:
        ref = schema.get("$ref")
        if ref is not None and ref not in seen:
            walk(spec.pointer(ref), prefix, (*seen, ref))
        for combinator in ("oneOf", "anyOf", "allOf"):
            for branch in schema.get(combinator, ()):
                walk(branch, prefix, seen)
        for prop_name, prop in schema.get("properties", {}).items():
            if prop.get("x-secret-destination"):
                values[(prefix, prop_name)] = prop["x-secret-destination"]
            walk(prop, (*prefix, prop_name), seen)
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], (*prefix, ITEM), seen)

    walk(spec.schema(name), (), ())
    marked = [(p, n, values[(p, n)]) for p, n in sorted(fields)]
    return tuple(marked + [(p, k, "key") for p, k in sorted(keys)])


# --- the same three sets, read from a Shape --------------------------------------------------------


def shape_patterns(shape: Shape, prefix: Pattern = ()) -> set[Pattern]:
    """Where `shape` says the secrets are."""
    if shape.secret:
        return {prefix}
    found: set[Pattern] = set()
    for name, sub in shape.fields.items():
        found |= shape_patterns(sub, (*prefix, name))
    if shape.items is not None:
        found |= shape_patterns(shape.items, (*prefix, ITEM))
    if shape.values is not None:
        found |= shape_patterns(shape.values, (*prefix, VALUE))
    return found


def shape_destinations(
    shape: Shape, prefix: Pattern = ()
) -> tuple[set[tuple[Pattern, str]], set[tuple[Pattern, str]]]:
    """(destination properties, destination keys) as `shape` has them."""
    fields = {(prefix, n) for n in shape.destinations}
    keys = {(prefix, k) for k in shape.destination_keys}
    subs = [(name, sub) for name, sub in shape.fields.items()]
    if shape.items is not None:
        subs.append((ITEM, shape.items))
    if shape.values is not None:
        subs.append((VALUE, shape.values))
    for name, sub in subs:
        f, k = shape_destinations(sub, (*prefix, name))
        fields |= f
        keys |= k
    return fields, keys


# --- locations in one document ------------------------------------------------------------------


def locs(doc: Any, patterns: frozenset[Pattern]) -> list[Loc]:
    """Every loc of `doc` matching one of `patterns` whose value is present (key there, not None)."""
    found: list[Loc] = []

    def go(node: Any, rest: Pattern, loc: Loc) -> None:
        if not rest:
            if node is not None:
                found.append(loc)
            return
        head, tail = rest[0], rest[1:]
        if head == ITEM and isinstance(node, list):
            for i, item in enumerate(node):
                go(item, tail, (*loc, i))
        elif head == VALUE and isinstance(node, dict):
            for key, value in node.items():
                go(value, tail, (*loc, key))
        elif isinstance(node, dict) and head in node:
            go(node[head], tail, (*loc, head))

    for pattern in sorted(patterns):
        go(doc, pattern, ())
    return sorted(set(found), key=repr)


def get(doc: Any, loc: Loc) -> Any:
    for part in loc:
        doc = doc[part]
    return doc


def with_value(doc: Any, loc: Loc, value: Any) -> Any:
    """A deep copy of `doc` with `value` at `loc`."""
    out = copy.deepcopy(doc)
    get(out, loc[:-1])[loc[-1]] = value
    return out


def without(doc: Any, loc: Loc) -> Any:
    """A deep copy of `doc` without the key at `loc`."""
    out = copy.deepcopy(doc)
    del get(out, loc[:-1])[loc[-1]]
    return out


def replaced(doc: Any, at: list[Loc], fn: Callable[[Any], Any]) -> Any:
    """A deep copy of `doc` with `fn(value)` at each loc of `at`."""
    out = copy.deepcopy(doc)
    for loc in at:
        parent = get(out, loc[:-1])
        parent[loc[-1]] = fn(parent[loc[-1]])
    return out


# --- strategies ---------------------------------------------------------------------------------


def seal(value: str) -> str:
    """The tests' stand-in for encryption: a new value stored by merge is recognisable."""
    return "sealed:" + value


CREDENTIAL_SECRETS: tuple[str, ...] = tuple(
    sorted(
        name for name, prop in SPEC.schema("CredentialsWrite")["properties"].items() if prop.get("x-secret")
    )
)
PROVIDERS: tuple[str, ...] = tuple(SPEC.schema("Provider")["enum"])
PROTOCOLS: tuple[str, ...] = tuple(SPEC.schema("Protocol")["enum"])
AUTH_TYPES: tuple[str, ...] = tuple(SPEC.schema("AuthType")["enum"])
PARAM_LOCATIONS: tuple[str, ...] = tuple(SPEC.schema("ParamLocation")["enum"])
ALGORITHMS: tuple[str, ...] = tuple(SPEC.schema("Algorithm")["enum"])

words = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
header_names = st.text(string.ascii_letters + "-", min_size=1, max_size=12)
ids = st.uuids().map(str)
hosts = st.builds(lambda a, b: f"{a}.{b}", words, st.sampled_from(["com", "net", "internal"]))
ports = st.integers(1, 65535)
url_paths = words.map(lambda w: "/" + w)
timestamps = st.just("2025-01-02T03:04:05Z")
tags = st.lists(words, max_size=3)

# A secret as sent (`plain_secrets`) and as stored (`stored_secrets`: sealed by an earlier request).
plain_secrets = st.text(st.characters(codec="utf-8", exclude_characters=SECRET_MARK), max_size=12).map(
    lambda s: SECRET_MARK + s
)
stored_secrets = plain_secrets.map(seal)

SecretStrategy = st.SearchStrategy[str]

# Each builder below is cached: a strategy is made once per kind of secret, not once per example.

_credential_settings = st.fixed_dictionaries(
    {},
    optional={
        "allow_override": st.booleans(),
        "aws_region": words,
        "header_name": header_names,
        "param_location": st.sampled_from(PARAM_LOCATIONS),
        "param_name": words,
    },
)
_credential_names = st.sets(st.sampled_from(CREDENTIAL_SECRETS), min_size=1, max_size=4)


@functools.cache
def credentials(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A credentials object: some settings and at least one secret."""

    @st.composite
    def build(draw: st.DrawFn) -> Doc:
        doc: Doc = draw(_credential_settings)
        for name in sorted(draw(_credential_names)):
            doc[name] = draw(secret)
        return doc

    return build()


def _with_credentials(base: st.SearchStrategy[Doc], secret: SecretStrategy) -> st.SearchStrategy[Doc]:
    return st.tuples(base, credentials(secret)).map(lambda pair: {**pair[0], "credentials": pair[1]})


_stamps = {"id": ids, "gateway_id": ids, "created_at": timestamps, "updated_at": timestamps}

_endpoint_fields = st.fixed_dictionaries(
    {
        **_stamps,
        "name": words,
        "type": st.just("endpoint"),
        "host": hosts,
        "port": ports,
        "protocol": st.sampled_from(PROTOCOLS),
        "retries": st.integers(0, 100),
        "stream": st.booleans(),
        "tags": tags,
    },
    optional={
        "path": url_paths,
        "description": words,
        "headers": st.dictionaries(header_names, words, max_size=2),
    },
)
_upstream_service_fields = st.fixed_dictionaries(
    {
        **_stamps,
        "name": words,
        "type": st.just("upstream"),
        "upstream_id": ids,
        "retries": st.integers(0, 100),
        "stream": st.booleans(),
    },
    optional={"path": url_paths, "description": words, "tags": tags},
)


@functools.cache
def endpoint_service(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A gateway service of type endpoint, with credentials (GatewayServiceEndpointWrite)."""
    return _with_credentials(_endpoint_fields, secret)


@functools.cache
def upstream_service(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    """A gateway service of type upstream, with credentials (GatewayServiceUpstreamWrite)."""
    return _with_credentials(_upstream_service_fields, secret)


@functools.cache
def gateway_service(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return st.one_of(endpoint_service(secret), upstream_service(secret))


_models = st.lists(words, min_size=1, max_size=3, unique=True)
_provider_target_fields = st.tuples(
    _models,
    st.fixed_dictionaries(
        {"id": ids, "provider": st.sampled_from(PROVIDERS)},
        optional={"weight": st.integers(0, 100), "description": words, "stream": st.booleans()},
    ),
    st.integers(0, 2),
).map(lambda t: {**t[1], "models": t[0], "default_model": t[0][t[2] % len(t[0])]})
_host_target_fields = st.fixed_dictionaries(
    {"id": ids, "host": hosts, "port": ports, "protocol": st.sampled_from(PROTOCOLS)},
    optional={"path": url_paths, "weight": st.integers(0, 100), "description": words},
)


@functools.cache
def provider_target(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return _with_credentials(_provider_target_fields, secret)


@functools.cache
def host_target(secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[Doc]:
    return _with_credentials(_host_target_fields, secret)


_upstream_fields = st.fixed_dictionaries(
    {**_stamps, "name": words, "algorithm": st.sampled_from(ALGORITHMS)},
    optional={
        "health_checks": st.fixed_dictionaries(
            {"interval": st.integers(1, 60), "threshold": st.integers(1, 5)}
        ),
        "tags": tags,
    },
)


@functools.cache
def upstream(
    secret: SecretStrategy = stored_secrets, embedding: bool | None = None
) -> st.SearchStrategy[Doc]:
    """An upstream with several provider and host targets (distinct ids), maybe an embedding config."""
    target = st.one_of(provider_target(secret), host_target(secret))
    targets = st.lists(target, min_size=1, max_size=3, unique_by=lambda t: t["id"])
    embedding_config = st.fixed_dictionaries(
        {"provider": st.sampled_from(PROVIDERS), "model": words, "credentials": credentials(secret)}
    )
    has_embedding = st.booleans() if embedding is None else st.just(embedding)

    @st.composite
    def build(draw: st.DrawFn) -> Doc:
        doc: Doc = {**draw(_upstream_fields), "targets": draw(targets)}
        if draw(has_embedding):
            doc["embedding_config"] = draw(embedding_config)
        return doc

    return build()


_AUTH_KEYS = {
    "basic": ("username", "password"),
    "bearer": ("token",),
    "oauth2": ("client_id", "client_secret", "auth_url"),
}


@functools.cache
def auth_values(auth_type: str, secret: SecretStrategy = stored_secrets) -> st.SearchStrategy[dict[str, str]]:
    """The auth_values an auth_type takes (every value secret)."""
    if auth_type == "custom_headers":
        return st.dictionaries(header_names, secret, min_size=1, max_size=4)
    return st.fixed_dictionaries({key: secret for key in _AUTH_KEYS[auth_type]})


_tool_service_fields = st.fixed_dictionaries(
    {"id": st.integers(1, 10**9), "name": words, "description": words},
    optional={"last_updated_comments": words, "tools": st.lists(words, max_size=3)},
)


@functools.cache
def tool_service(
    secret: SecretStrategy = stored_secrets, auth_types: tuple[str, ...] = AUTH_TYPES
) -> st.SearchStrategy[Doc]:
    """A tool service with an auth_type and its auth_values (ToolServiceUpdate)."""
    with_auth = [
        st.tuples(_tool_service_fields, auth_values(t, secret)).map(
            lambda pair, t=t: {**pair[0], "auth_type": t, "auth_values": pair[1]}
        )
        for t in auth_types
    ]
    return st.one_of(with_auth)
