"""The update (PUT) rules for secrets (DESIGN.md, "Merge rules", "Secrets"); no error holds a secret.

Per key of every secret-bearing map (`credentials`, `auth_values`) in a PUT body:

    a new value -> replaced (sealed) | null -> kept | "********" -> kept | left out -> removed

Keeping is refused (InvalidRequest naming the field) when nothing is stored, or when the same request
changes where the secret is sent (a field marked `x-secret-destination`, a key in
`x-secret-destination-keys`). Targets are matched by id. auth_values left out or null keeps all,
unless auth_type changes. `update_body` builds a PUT body from a GET body plus changes.

Stored documents are generated; stored secrets look like "sealed:§...", new ones "§...", and
`seal = lambda s: "sealed:" + s`, so every value merge writes can be recognised.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from specgate.errors import InvalidRequest
from specgate.masking import MASK, Shape, mask, shape_of
from specgate.merge import LINKED, destination_fingerprint, held_back, merge_update, update_body

from .support import (
    AUTH_TYPES,
    CREDENTIAL_SECRETS,
    PARAM_LOCATIONS,
    PROTOCOLS,
    PROVIDERS,
    SECRET_MARK,
    SPEC,
    Doc,
    Loc,
    destination_marks,
    endpoint_services,
    gateway_services,
    get,
    locs,
    plain_secrets,
    replaced,
    seal,
    secret_patterns,
    tool_services,
    upstream_services,
    upstreams,
    with_value,
    without,
    words,
)

# Examples per property: the profile's (100; a tenth under `make test-quick`), half for one rule.
SETTINGS = settings(deadline=None)  # the per-key table, over every kind of resource
FOCUSED = settings(max_examples=max(settings.default.max_examples // 2, 1), deadline=None)  # one rule

SERVICE, UPSTREAM, TOOL_SERVICE = "GatewayServiceWrite", "UpstreamWrite", "ToolServiceUpdate"
SHAPES: dict[str, Shape] = {name: shape_of(SPEC, name) for name in (SERVICE, UPSTREAM, TOOL_SERVICE)}
STORED = {SERVICE: gateway_services(), UPSTREAM: upstreams(), TOOL_SERVICE: tool_services()}
resources = st.sampled_from(sorted(STORED)).flatmap(lambda name: st.tuples(st.just(name), STORED[name]))

NOT_STORED = "secret_not_stored"
MOVED = "secret_destination_changed"


def put(name: str, stored: Doc | None, body: Doc) -> Doc:
    """What the server stores when `body` is PUT over `stored` (the schema's shape, the tests' seal)."""
    return merge_update(stored, body, SHAPES[name], seal=seal)


def get_body(name: str, stored: Doc) -> Doc:
    """The body a GET answers: every stored secret masked."""
    return mask(stored, SHAPES[name])  # type: ignore[no-any-return]


def secret_locs(name: str, doc: Doc) -> list[Loc]:
    """Where the secrets of `doc` are, by the spec's marks."""
    return locs(doc, secret_patterns(SPEC, name))


def destination_keys(name: str) -> set[str]:
    return {key for _, key in destination_marks(SPEC, name)[1]}


def plain_locs(name: str, doc: Doc) -> list[Loc]:
    """Secret locs whose own change moves nothing (not a destination key such as auth_url or Host)."""
    keys = {key.lower() for key in destination_keys(name)}
    return [loc for loc in secret_locs(name, doc) if str(loc[-1]).lower() not in keys]


def refused(call: Callable[[], Any]) -> list[tuple[Loc, str]]:
    """The (loc, type) of each error `call` raises; checks no error text holds a secret."""
    with pytest.raises(InvalidRequest) as raised:
        call()
    for text in (str(raised.value), repr(raised.value), repr(raised.value.errors)):
        assert SECRET_MARK not in text
    return sorted(((e.loc, e.type) for e in raised.value.errors), key=repr)


def expected_errors(at: list[Loc], kind: str) -> list[tuple[Loc, str]]:
    return sorted(((("body", *loc), kind) for loc in at), key=repr)


# --- the per-key table ------------------------------------------------------------------------------


@SETTINGS
@given(resources)
def test_a_get_body_sent_back_changes_nothing(named: tuple[str, Doc]) -> None:
    """(1) PUT of the masked GET body: every stored secret kept, every other field equal."""
    name, stored = named
    before = copy.deepcopy(stored)
    body = get_body(name, stored)
    assert put(name, stored, body) == stored
    assert stored == before  # merge changes neither argument
    assert body == get_body(name, stored)


@SETTINGS
@given(resources)
def test_null_keeps(named: tuple[str, Doc]) -> None:
    """(2) A secret sent as null keeps the stored value."""
    name, stored = named
    body = replaced(get_body(name, stored), secret_locs(name, stored), lambda _: None)
    assert put(name, stored, body) == stored


@SETTINGS
@given(resources, st.data())
def test_the_mask_or_null_keeps_key_by_key(named: tuple[str, Doc], data: st.DataObject) -> None:
    """(3) Each secret sent as "********" or null, in any mix, keeps its stored value."""
    name, stored = named
    at = secret_locs(name, stored)
    as_null = [loc for loc in at if data.draw(st.booleans())]
    body = replaced(get_body(name, stored), as_null, lambda _: None)
    assert all(get(body, loc) == MASK for loc in at if loc not in as_null)
    assert put(name, stored, body) == stored


@SETTINGS
@given(resources, st.data())
def test_a_value_sent_again_keeps_its_stored_seal_when_holds_says_so(
    named: tuple[str, Doc], data: st.DataObject
) -> None:
    """`holds`: a secret sent again with the value its stored seal holds keeps that seal (the server
    saves a Fernet encryption); a different value is sealed anew, and every other rule still holds."""
    name, stored = named
    locs_ = plain_locs(name, stored)
    assume(locs_)
    unsealed = {loc: get(stored, loc).removeprefix("sealed:") for loc in locs_}
    changed = data.draw(st.sets(st.sampled_from(locs_)))
    new = {loc: data.draw(plain_secrets.filter(lambda v, loc=loc: v != unsealed[loc])) for loc in changed}
    body, expected = get_body(name, stored), stored
    for loc in locs_:
        body = with_value(body, loc, new.get(loc, unsealed[loc]))
        if loc in new:
            expected = with_value(expected, loc, "resealed:" + new[loc])
    calls: list[tuple[str, Any]] = []

    def holds(value: str, sealed: Any) -> bool:
        calls.append((value, sealed))
        return bool(sealed == seal(value))

    merged = merge_update(stored, body, SHAPES[name], seal=lambda v: "resealed:" + v, holds=holds)
    assert merged == expected
    assert len(calls) == len(locs_)  # asked once for each secret sent with a value


@SETTINGS
@given(resources, st.data())
def test_a_new_value_replaces(named: tuple[str, Doc], data: st.DataObject) -> None:
    """(4) A secret sent with a new value is stored sealed; the others are kept."""
    name, stored = named
    changed = data.draw(st.lists(st.sampled_from(plain_locs(name, stored)), min_size=1, unique=True))
    new = {loc: data.draw(plain_secrets) for loc in changed}
    body, expected = get_body(name, stored), stored
    for loc, value in new.items():
        body = with_value(body, loc, value)
        expected = with_value(expected, loc, seal(value))
    assert put(name, stored, body) == expected


@SETTINGS
@given(resources, st.data())
def test_a_key_left_out_is_removed(named: tuple[str, Doc], data: st.DataObject) -> None:
    """(5) A secret key left out of the body is removed; the others are kept."""
    name, stored = named
    dropped = data.draw(st.lists(st.sampled_from(plain_locs(name, stored)), min_size=1, unique=True))
    body, expected = get_body(name, stored), stored
    for loc in dropped:
        body, expected = without(body, loc), without(expected, loc)
    assert put(name, stored, body) == expected


@SETTINGS
@given(resources, st.data())
def test_the_whole_table_at_once(named: tuple[str, Doc], data: st.DataObject) -> None:
    """(2-5) Any mix of new / null / mask / left out, key by key, in one request."""
    name, stored = named
    body, expected = get_body(name, stored), stored
    for loc in plain_locs(name, stored):
        action = data.draw(st.sampled_from(["new", "null", "mask", "left out"]))
        if action == "new":
            value = data.draw(plain_secrets)
            body, expected = with_value(body, loc, value), with_value(expected, loc, seal(value))
        elif action == "null":
            body = with_value(body, loc, None)
        elif action == "left out":
            body, expected = without(body, loc), without(expected, loc)
    assert put(name, stored, body) == expected


@FOCUSED
@given(gateway_services())
def test_credentials_left_out_are_removed(stored: Doc) -> None:
    """(5) A credentials object left out of a PUT is removed with all its secrets."""
    body = get_body(SERVICE, stored)
    del body["credentials"]
    assert put(SERVICE, stored, body) == {k: v for k, v in stored.items() if k != "credentials"}


# --- a destination changes ----------------------------------------------------------------------------


def _other_id(value: str) -> str:
    return str(uuid.UUID(int=uuid.UUID(value).int ^ 1))


def _fresh_id(taken: set[str]) -> str:
    return next(i for i in (str(uuid.UUID(int=2**127 + n)) for n in range(len(taken) + 1)) if i not in taken)


def _next(options: tuple[str, ...], value: Any) -> str:
    return options[(options.index(value) + 1) % len(options)] if value in options else options[0]


def _retype(doc: Doc) -> Doc:
    """A service of the other type: endpoint <-> upstream."""
    if doc["type"] == "endpoint":
        out = {k: v for k, v in doc.items() if k not in ("host", "port", "protocol")}
        return {**out, "type": "upstream", "upstream_id": str(uuid.UUID(int=7))}
    out = {k: v for k, v in doc.items() if k != "upstream_id"}
    return {**out, "type": "endpoint", "host": "api.example.com", "port": 443, "protocol": "https"}


def _other_host_header(doc: Doc) -> Doc:
    """The `Host` entry of `headers` set to another value (whatever case it was stored in)."""
    headers = {k: v for k, v in (doc.get("headers") or {}).items() if k.lower() != "host"}
    old = next((v for k, v in (doc.get("headers") or {}).items() if k.lower() == "host"), "example")
    return {**doc, "headers": {**headers, "Host": "elsewhere-" + old}}


# One way to change each kind of destination field (the test below checks every mark has one).
CHANGE: dict[str, Callable[[Doc], Doc]] = {
    "host": lambda d: {**d, "host": "elsewhere-" + d["host"]},
    "port": lambda d: {**d, "port": d["port"] % 65535 + 1},
    "protocol": lambda d: {**d, "protocol": _next(PROTOCOLS, d["protocol"])},
    "path": lambda d: {**d, "path": d.get("path", "") + "/elsewhere"},
    "provider": lambda d: {**d, "provider": _next(PROVIDERS, d["provider"])},
    "upstream_id": lambda d: {**d, "upstream_id": _other_id(d["upstream_id"])},
    "type": _retype,
    "auth_type": lambda d: {**d, "auth_type": _next(AUTH_TYPES, d["auth_type"])},
    "headers": _other_host_header,
    "insecure_ssl": lambda d: {**d, "insecure_ssl": not d.get("insecure_ssl", False)},
    "proxy": lambda d: {
        **d,
        "proxy": {"host": "elsewhere-" + (d.get("proxy") or {}).get("host", "p"), "port": "8"},
    },
    "header_name": lambda d: {**d, "header_name": "X-Elsewhere-" + d.get("header_name", "")},
    "param_name": lambda d: {**d, "param_name": "elsewhere_" + d.get("param_name", "")},
    "param_location": lambda d: {**d, "param_location": _next(PARAM_LOCATIONS, d.get("param_location"))},
}


def destinations(schema: str) -> list[str]:
    """The destination fields the spec marks on one object schema."""
    return sorted(field for at, field in destination_marks(SPEC, schema)[0] if at == ())


def test_every_marked_destination_is_exercised() -> None:
    """The destination tests change every field the spec marks `x-secret-destination`."""
    marked = {f for name in SHAPES for _, f in destination_marks(SPEC, name)[0]}
    assert marked and marked <= set(CHANGE)


def _service_schema(doc: Doc) -> str:
    return "GatewayServiceEndpointWrite" if doc["type"] == "endpoint" else "GatewayServiceUpstreamWrite"


def _target_schema(doc: Doc) -> str:
    return "ProviderTargetWrite" if "provider" in doc else "HostTargetWrite"


@FOCUSED
@given(gateway_services(), st.data())
def test_a_service_destination_change_refuses_kept_credentials(stored: Doc, data: st.DataObject) -> None:
    """(6) host, port, protocol, path, type or upstream_id changes: each kept secret is refused."""
    field = data.draw(st.sampled_from(destinations(_service_schema(stored))))
    body = CHANGE[field](get_body(SERVICE, stored))
    kept = secret_locs(SERVICE, stored)
    assert refused(lambda: put(SERVICE, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(upstreams(), st.data())
def test_a_target_destination_change_refuses_that_targets_kept_credentials(
    stored: Doc, data: st.DataObject
) -> None:
    """(6) A target's host/port/protocol/path/provider changes: that target's kept secrets are refused."""
    i = data.draw(st.integers(0, len(stored["targets"]) - 1))
    field = data.draw(st.sampled_from(destinations(_target_schema(stored["targets"][i]))))
    body = get_body(UPSTREAM, stored)
    body["targets"][i] = CHANGE[field](body["targets"][i])
    kept = [loc for loc in secret_locs(UPSTREAM, stored) if loc[:2] == ("targets", i)]
    assert refused(lambda: put(UPSTREAM, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(upstreams())
def test_a_proxy_change_refuses_every_kept_secret_of_the_upstream(stored: Doc) -> None:
    """H1 (6) The upstream's proxy is set or changes: every target's and the embedding's kept secrets."""
    body = CHANGE["proxy"](get_body(UPSTREAM, stored))
    kept = secret_locs(UPSTREAM, stored)
    assert refused(lambda: put(UPSTREAM, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(
    st.one_of(gateway_services().map(lambda d: (SERVICE, d)), upstreams().map(lambda d: (UPSTREAM, d))),
    st.data(),
)
def test_a_change_of_where_a_key_is_placed_refuses_that_credentials_kept_secrets(
    named: tuple[str, Doc], data: st.DataObject
) -> None:
    """H1 (6) header_name, param_name or param_location of one credentials object changes: its kept
    secrets are refused, and only those."""
    name, stored = named
    at = locs(stored, frozenset(_credentials_patterns(name)))
    where = data.draw(st.sampled_from(at))
    field = data.draw(st.sampled_from(destinations("CredentialsWrite")))
    body = get_body(name, stored)
    body = with_value(body, where, CHANGE[field](get(body, where)))
    kept = [loc for loc in secret_locs(name, stored) if loc[: len(where)] == where]
    assert refused(lambda: put(name, stored, body)) == expected_errors(kept, MOVED)


def _credentials_patterns(name: str) -> set[tuple[str, ...]]:
    """Where the credentials objects of a resource are: the parents of its fixed-field secrets."""
    return {p[:-1] for p in secret_patterns(SPEC, name) if p[-1] in CREDENTIAL_SECRETS}


@FOCUSED
@given(upstreams(embedding=True))
def test_an_embedding_provider_change_refuses_kept_credentials(stored: Doc) -> None:
    """(6) embedding_config.provider changes: its kept credentials are refused (loc named)."""
    body = get_body(UPSTREAM, stored)
    body["embedding_config"] = CHANGE["provider"](body["embedding_config"])
    kept = [loc for loc in secret_locs(UPSTREAM, stored) if loc[0] == "embedding_config"]
    assert refused(lambda: put(UPSTREAM, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(tool_services())
def test_an_auth_type_change_refuses_kept_auth_values(stored: Doc) -> None:
    """(6) auth_type changes: every auth value sent as mask is refused, by key."""
    body = CHANGE["auth_type"](get_body(TOOL_SERVICE, stored))
    kept = secret_locs(TOOL_SERVICE, stored)
    assert refused(lambda: put(TOOL_SERVICE, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(
    tool_services(auth_types=("oauth2",)),
    plain_secrets,
    st.sampled_from([MASK, None]),
    st.booleans(),
)
def test_a_new_auth_url_refuses_the_kept_oauth2_values(
    stored: Doc, new_url: str, keep: str | None, left_out: bool
) -> None:
    """(6) auth_url sent anew (or left out) while client_id/client_secret are kept: both refused."""
    body = get_body(TOOL_SERVICE, stored)
    body["auth_values"] = {key: keep for key in body["auth_values"]}
    if left_out:
        del body["auth_values"]["auth_url"]
    else:
        body["auth_values"]["auth_url"] = new_url
    kept = [("auth_values", key) for key in ("client_id", "client_secret")]
    assert refused(lambda: put(TOOL_SERVICE, stored, body)) == expected_errors(kept, MOVED)


@FOCUSED
@given(tool_services(auth_types=("oauth2",)), st.sampled_from([MASK, None]))
def test_the_kept_auth_url_keeps_the_others(stored: Doc, keep: str | None) -> None:
    """auth_url itself kept (mask or null) moves nothing: every oauth2 value is kept."""
    body = get_body(TOOL_SERVICE, stored)
    body["auth_values"] = {key: keep for key in body["auth_values"]}
    assert put(TOOL_SERVICE, stored, body) == stored


@FOCUSED
@given(gateway_services(), st.data())
def test_new_values_are_accepted_when_a_destination_changes(stored: Doc, data: st.DataObject) -> None:
    """(4, 6) Sending every secret again makes a destination change legal; the new values are stored."""
    field = data.draw(st.sampled_from(destinations(_service_schema(stored))))
    body = CHANGE[field](get_body(SERVICE, stored))
    new = {name: data.draw(plain_secrets) for name in stored["credentials"] if name in CREDENTIAL_SECRETS}
    body["credentials"] = {**body["credentials"], **new}
    merged = put(SERVICE, stored, body)
    assert merged["credentials"] == {
        **stored["credentials"],
        **{k: seal(v) for k, v in new.items()},
    }
    assert {k: v for k, v in merged.items() if k != "credentials"} == {
        k: v for k, v in body.items() if k != "credentials"
    }


@FOCUSED
@given(endpoint_services(), st.sampled_from(["Host", "host", "HOST"]), words)
def test_only_the_host_entry_of_headers_is_a_destination(stored: Doc, spelling: str, other: str) -> None:
    """H1 (6) headers: another header changing keeps the secrets, and so does the same Host in another
    case; the Host entry changed, removed or added refuses every kept secret."""
    with_host = {**stored, "headers": {"Host": "api.example.com"}}
    body = get_body(SERVICE, with_host)
    same = {**body, "headers": {spelling: "api.example.com", "X-" + other: "v"}}
    assert put(SERVICE, with_host, same) == {**with_host, "headers": same["headers"]}
    kept = expected_errors(secret_locs(SERVICE, stored), MOVED)
    for headers in ({spelling: "evil.example"}, {"X-" + other: "v"}):
        assert refused(lambda h=headers: put(SERVICE, with_host, {**body, "headers": h})) == kept
    without_host = {**stored, "headers": {"X-" + other: "v"}}
    added = {**get_body(SERVICE, without_host), "headers": {"X-" + other: "v", spelling: "evil.example"}}
    assert refused(lambda: put(SERVICE, without_host, added)) == kept


@FOCUSED
@given(tool_services(auth_types=("custom_headers",)), st.sampled_from(["Host", "host"]), plain_secrets)
def test_a_host_auth_value_added_refuses_the_kept_headers(stored: Doc, host: str, value: str) -> None:
    """H1 (6) custom_headers: a `Host` key sent with a new value (added) while the other headers are
    kept would send them to a host the caller chose: refused, each kept key named."""
    stored = {
        **stored,
        "auth_values": {k: v for k, v in stored["auth_values"].items() if k.lower() != "host"},
    }
    assume(stored["auth_values"])
    body = get_body(TOOL_SERVICE, stored)
    body["auth_values"][host] = value
    kept = expected_errors(secret_locs(TOOL_SERVICE, stored), MOVED)
    assert refused(lambda: put(TOOL_SERVICE, stored, body)) == kept


# --- across resources: a linked resource's destinations ------------------------------------------

LINK = "upstream_id"


def _fingerprint(doc: Doc) -> str:
    return destination_fingerprint(doc, SHAPES[UPSTREAM])


@FOCUSED
@given(upstreams(), st.data())
def test_the_upstream_fingerprint_ignores_what_is_no_destination(stored: Doc, data: st.DataObject) -> None:
    """M6 An upstream's destinations do not change with its name, weights, order of targets, or the
    values of its own secrets."""
    other = copy.deepcopy(stored)
    other["name"] = "renamed"
    other["targets"] = list(reversed(other["targets"]))
    for target in other["targets"]:
        target["weight"] = data.draw(st.integers(0, 100))
    other = replaced(other, secret_locs(UPSTREAM, other), lambda _: "sealed:§other")
    assert _fingerprint(other) == _fingerprint(stored)


@FOCUSED
@given(upstreams(), st.data())
def test_the_upstream_fingerprint_changes_with_every_destination(stored: Doc, data: st.DataObject) -> None:
    """M6 A target's destination changed, a target added or removed, or the proxy set: another
    fingerprint."""
    i = data.draw(st.integers(0, len(stored["targets"]) - 1))
    field = data.draw(st.sampled_from(destinations(_target_schema(stored["targets"][i]))))
    moved = copy.deepcopy(stored)
    moved["targets"][i] = CHANGE[field](moved["targets"][i])
    added = {**stored, "targets": [*stored["targets"], {"host": "evil.example", "port": 443,
                                                        "protocol": "https"}]}  # fmt: skip
    for changed in (moved, added, CHANGE["proxy"](stored)):
        assert _fingerprint(changed) != _fingerprint(stored)
    if len(stored["targets"]) > 1:
        assert _fingerprint({**stored, "targets": stored["targets"][1:]}) != _fingerprint(stored)


@FOCUSED
@given(upstream_services(), st.data())
def test_kept_service_secrets_are_refused_once_the_upstream_moved(stored: Doc, data: st.DataObject) -> None:
    """M6 The service's secrets were written for upstream destinations A; a PUT keeping them while
    the upstream now has destinations B is refused, each kept secret named; sent again, accepted and
    B is recorded."""
    stored = {**stored, LINKED: {LINK: "A"}}
    body = {k: v for k, v in get_body(SERVICE, stored).items() if k != LINKED}
    assert merge_update(stored, body, SHAPES[SERVICE], seal=seal, linked={LINK: "A"}) == stored
    kept = expected_errors(secret_locs(SERVICE, stored), MOVED)
    assert refused(lambda: merge_update(stored, body, SHAPES[SERVICE], seal=seal, linked={LINK: "B"})) == kept
    new = {k: data.draw(plain_secrets) for k in stored["credentials"] if k in CREDENTIAL_SECRETS}
    body["credentials"] = {**body["credentials"], **new}
    merged = merge_update(stored, body, SHAPES[SERVICE], seal=seal, linked={LINK: "B"})
    assert merged[LINKED] == {LINK: "B"}


@FOCUSED
@given(upstream_services())
def test_resolve_holds_back_secrets_written_for_other_destinations(stored: Doc) -> None:
    """M6 held_back: nothing while the linked destinations are those recorded; every secret of the
    service once they differ, or when none were recorded (written before the rule)."""
    recorded = {**stored, LINKED: {LINK: "A"}}
    assert held_back(recorded, SHAPES[SERVICE], {LINK: "A"}) == []
    every = sorted(secret_locs(SERVICE, stored), key=repr)
    assert sorted(held_back(recorded, SHAPES[SERVICE], {LINK: "B"}), key=repr) == every
    assert sorted(held_back(stored, SHAPES[SERVICE], {LINK: "A"}), key=repr) == every


# --- nothing stored to keep -------------------------------------------------------------------------


@FOCUSED
@given(gateway_services(), st.data())
def test_the_mask_for_a_credential_never_stored_is_refused(stored: Doc, data: st.DataObject) -> None:
    """(7) The mask for a secret with nothing stored: secret_not_stored, naming the field."""
    unset = data.draw(st.sampled_from([n for n in CREDENTIAL_SECRETS if n not in stored["credentials"]]))
    body = get_body(SERVICE, stored)
    body["credentials"][unset] = MASK
    assert refused(lambda: put(SERVICE, stored, body)) == [(("body", "credentials", unset), NOT_STORED)]


@FOCUSED
@given(resources, st.data())
def test_null_for_a_credential_never_stored_is_absent(named: tuple[str, Doc], data: st.DataObject) -> None:
    """(7) Issue 11: in a credentials object, null for a secret with nothing stored is "nothing to
    keep": taken as absent, on update and on create (generated clients send null for unset fields)."""
    name, stored = named
    body = get_body(name, stored)
    for where in locs(body, frozenset(_credentials_patterns(name))):
        obj = get(body, where)
        for secret in CREDENTIAL_SECRETS:
            if secret not in obj and data.draw(st.booleans()):
                obj[secret] = None
    assert put(name, stored, body) == stored
    fresh = replaced(body, secret_locs(name, body), lambda v: v if v is None else "§new")
    expected = replaced(stored, secret_locs(name, stored), lambda _: seal("§new"))
    assert put(name, None, fresh) == expected


@FOCUSED
@given(tool_services(), st.sampled_from([MASK, None]))
def test_keeping_an_auth_value_never_stored_is_refused(stored: Doc, keep: str | None) -> None:
    """(7) An auth_values key with nothing stored cannot be kept."""
    body = get_body(TOOL_SERVICE, stored)
    body["auth_values"]["X-Never-Stored"] = keep
    expected = [(("body", "auth_values", "X-Never-Stored"), NOT_STORED)]
    assert refused(lambda: put(TOOL_SERVICE, stored, body)) == expected


@SETTINGS
@given(resources)
def test_a_create_cannot_keep_anything(named: tuple[str, Doc]) -> None:
    """(7) With nothing stored (a create), every masked secret is refused."""
    name, doc = named
    expected = expected_errors(secret_locs(name, doc), NOT_STORED)
    assert refused(lambda: put(name, None, get_body(name, doc))) == expected


@SETTINGS
@given(resources)
def test_a_create_seals_every_value(named: tuple[str, Doc]) -> None:
    """(4) With nothing stored, every secret sent is stored sealed, the rest as sent."""
    name, doc = named
    assert put(name, None, doc) == replaced(doc, secret_locs(name, doc), seal)


# --- targets are matched by id ---------------------------------------------------------------------


@FOCUSED
@given(upstreams(), st.data())
def test_reordered_targets_keep_their_own_secrets(stored: Doc, data: st.DataObject) -> None:
    """(8) Targets are matched by id, not position: a reordered GET body keeps each target's secrets."""
    order = data.draw(st.permutations(range(len(stored["targets"]))))
    body = get_body(UPSTREAM, stored)
    body["targets"] = [body["targets"][i] for i in order]
    expected = {**stored, "targets": [stored["targets"][i] for i in order]}
    assert put(UPSTREAM, stored, body) == expected


@FOCUSED
@given(upstreams(), st.data(), st.booleans())
def test_a_target_without_a_known_id_cannot_keep(stored: Doc, data: st.DataObject, unknown: bool) -> None:
    """(8) A target sent without an id, or with an id not stored, is new: secret_not_stored."""
    i = data.draw(st.integers(0, len(stored["targets"]) - 1))
    body = get_body(UPSTREAM, stored)
    if unknown:
        body["targets"][i]["id"] = _fresh_id({t["id"] for t in stored["targets"]})
    else:
        del body["targets"][i]["id"]
    new = [loc for loc in secret_locs(UPSTREAM, stored) if loc[:2] == ("targets", i)]
    assert refused(lambda: put(UPSTREAM, stored, body)) == expected_errors(new, NOT_STORED)


def test_a_target_without_an_id_is_new_even_beside_a_stored_target_without_id() -> None:
    """An item without an id never matches a stored item without an id (so it keeps nothing).

    Ids are generated on create, but merge is also offered to client code and to stored data the
    server did not write.
    """
    stored = {"name": "u", "targets": [{"host": "a.com", "port": 443, "protocol": "https",
                                        "credentials": {"api_key": "sealed:§k"}}]}  # fmt: skip
    body = get_body(UPSTREAM, stored)
    expected = expected_errors([("targets", 0, "credentials", "api_key")], NOT_STORED)
    assert refused(lambda: put(UPSTREAM, stored, body)) == expected


# --- auth_values left out or null -------------------------------------------------------------------


@FOCUSED
@given(tool_services(), st.booleans())
def test_auth_values_left_out_or_null_keep_every_value(stored: Doc, as_null: bool) -> None:
    """(9) auth_type unchanged, auth_values left out or null: every stored value kept (the real API)."""
    body = get_body(TOOL_SERVICE, stored)
    if as_null:
        body["auth_values"] = None
    else:
        del body["auth_values"]
    assert put(TOOL_SERVICE, stored, body) == stored


@FOCUSED
@given(tool_services(), st.booleans(), st.sampled_from(["another", "null"]))
def test_auth_values_left_out_or_null_are_refused_when_auth_type_changes(
    stored: Doc, as_null: bool, new_type: str
) -> None:
    """L4 (9) auth_type changes (or becomes null), auth_values left out or null: refused naming
    auth_values, never a silent removal of the stored values."""
    body = get_body(TOOL_SERVICE, stored)
    body["auth_type"] = None if new_type == "null" else _next(AUTH_TYPES, stored["auth_type"])
    if as_null:
        body["auth_values"] = None
    else:
        del body["auth_values"]
    assert refused(lambda: put(TOOL_SERVICE, stored, body)) == [(("body", "auth_values"), MOVED)]


@FOCUSED
@given(tool_services())
def test_auth_values_sent_empty_remove_them_when_auth_type_goes(stored: Doc) -> None:
    """(5, 9) Removal is explicit: auth_type null with auth_values {} removes every stored value."""
    body = {**get_body(TOOL_SERVICE, stored), "auth_type": None, "auth_values": {}}
    merged = put(TOOL_SERVICE, stored, body)
    assert merged["auth_values"] == {} and merged["auth_type"] is None


# --- update_body -------------------------------------------------------------------------------------

# Non-secret fields each kind of resource has, and a new value for them.
CHANGEABLE = {
    SERVICE: ("name", "description", "tags"),
    UPSTREAM: ("name", "tags"),
    TOOL_SERVICE: ("name", "description"),
}
NEW_VALUES = {"name": words, "description": st.text("abc ", max_size=6), "tags": st.lists(words, max_size=2)}
resources_and_changes = resources.flatmap(
    lambda named: st.tuples(
        st.just(named),
        st.sampled_from(CHANGEABLE[named[0]]).flatmap(lambda f: NEW_VALUES[f].map(lambda v: {f: v})),
    )
)


@SETTINGS
@given(resources_and_changes)
def test_update_body_keeps_every_secret(named_changes: tuple[tuple[str, Doc], Doc]) -> None:
    """(10) update_body(GET body, non-secret change) through merge: the change, every secret kept."""
    (name, stored), changes = named_changes
    body = update_body(get_body(name, stored), changes, SHAPES[name])
    assert put(name, stored, body) == {**stored, **changes}


@FOCUSED
@given(gateway_services(), st.booleans())
def test_update_body_merges_nested_settings(stored: Doc, allow: bool) -> None:
    """(10) A change inside credentials (a setting) keeps the credentials' secrets."""
    body = update_body(get_body(SERVICE, stored), {"credentials": {"allow_override": allow}}, SHAPES[SERVICE])
    expected = {**stored, "credentials": {**stored["credentials"], "allow_override": allow}}
    assert put(SERVICE, stored, body) == expected


@FOCUSED
@given(endpoint_services())
def test_update_body_refuses_a_host_change_without_the_secret(stored: Doc) -> None:
    """(10) Changing host without sending the secrets again raises InvalidRequest, as the server would."""
    read = get_body(SERVICE, stored)
    kept = secret_locs(SERVICE, stored)
    changes = {"host": "elsewhere-" + stored["host"]}
    assert refused(lambda: update_body(read, changes, SHAPES[SERVICE])) == expected_errors(kept, MOVED)


@FOCUSED
@given(endpoint_services(), st.data())
def test_update_body_accepts_a_host_change_with_the_secrets(stored: Doc, data: st.DataObject) -> None:
    """(10) Changing host and sending every secret again: the new values are stored."""
    new = {name: data.draw(plain_secrets) for name in stored["credentials"] if name in CREDENTIAL_SECRETS}
    changes = {"host": "elsewhere-" + stored["host"], "credentials": new}
    body = update_body(get_body(SERVICE, stored), changes, SHAPES[SERVICE])
    merged = put(SERVICE, stored, body)
    assert merged["host"] == changes["host"]
    assert merged["credentials"] == {
        **stored["credentials"],
        **{k: seal(v) for k, v in new.items()},
    }


@FOCUSED
@given(tool_services(auth_types=("custom_headers", "basic")), st.data())
def test_update_body_keeps_the_auth_values_a_tool_service_get_lists_by_key(
    stored: Doc, data: st.DataObject
) -> None:
    """A tool service GET body has `auth_value_keys`, not `auth_values`: changing one auth value
    from that body keeps the others ("keeps every secret the caller did not change")."""
    read = {k: v for k, v in stored.items() if k != "auth_values"} | {
        "auth_value_keys": sorted(stored["auth_values"])
    }
    key = data.draw(st.sampled_from(sorted(stored["auth_values"])))
    new = data.draw(plain_secrets)
    body = update_body(read, {"auth_values": {key: new}}, SHAPES[TOOL_SERVICE])
    merged = put(TOOL_SERVICE, stored, body)
    assert merged["auth_values"] == {**stored["auth_values"], key: seal(new)}


# --- no secret in an error -------------------------------------------------------------------------


def _other_host(doc: Doc) -> Doc:
    return {**doc, "host": "elsewhere-" + doc["host"]}


@SETTINGS
@given(endpoint_services(), plain_secrets, st.booleans())
def test_merge_errors_hold_no_secret(stored: Doc, new: str, moved: bool) -> None:
    """The errors merge raises (kept secret redirected, or nothing stored) never hold a secret."""
    shape = shape_of(SPEC, "GatewayServiceEndpointWrite")
    body = mask(stored, shape)
    unset = [name for name in CREDENTIAL_SECRETS if name not in stored["credentials"]]
    body["credentials"][unset[0]] = new  # a new secret in the same request must not leak either
    if moved:
        body = _other_host(body)
    else:
        body["credentials"][unset[1]] = MASK
    with pytest.raises(InvalidRequest) as raised:
        merge_update(stored, body, shape, seal=seal)
    texts = [
        str(raised.value),
        repr(raised.value),
        repr(raised.value.errors),
        repr(raised.value.args),
    ]
    for text in texts:
        assert SECRET_MARK not in text
        assert new not in text


@SETTINGS
@given(tool_services(), st.data())
def test_merge_errors_about_auth_values_hold_no_secret(stored: Doc, data: st.DataObject) -> None:
    """Changing auth_type while keeping auth_values: the error names keys, never values."""
    shape = shape_of(SPEC, "ToolServiceUpdate")
    other = data.draw(st.sampled_from([t for t in AUTH_TYPES if t != stored["auth_type"]]))
    body = {**mask(stored, shape), "auth_type": other}
    with pytest.raises(InvalidRequest) as raised:
        merge_update(stored, body, shape, seal=seal)
    for text in (str(raised.value), repr(raised.value), repr(raised.value.errors)):
        assert SECRET_MARK not in text
