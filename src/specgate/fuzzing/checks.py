"""specgate's own schemathesis checks: secrets never come back, and the merge rules hold.

Importing this module registers the checks with schemathesis (for pytest and for `specgate fuzz`).

1. `secret_not_echoed`: no secret value sent in any request appears in a later response body or
   header (the resolve operations are the exception by design: they exist to answer secrets).
2. `masked_body_keeps_secrets`: a GET body sent back as the PUT body keeps every secret, checked
   through the resolve operations when the run's key has the `resolve` scope.
3. `null_keeps_omitted_removes`: in `auth_values`, a key sent as null keeps its value and a key
   left out is removed.
4. `schema_valid_request_accepted`: replaces schemathesis's `positive_data_acceptance`. A request
   the schema allows gets 2xx, or an answer about state (401, 403, 404, 409, 412), or a 422 whose
   every error is one of the API's rules that a schema cannot state (`RULE_TYPES`), never a 422
   that a schema rule would explain: that would mean the server is stricter than its spec.

5. `answer_of_the_operation_called`: a 2xx JSON body is the answer of the operation called, not
   of another (a list envelope answered to a get-one: a path that reached the wrong route).

Checks 2 and 3 write (they PUT what they read); a read-only run turns them off.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response
from schemathesis.core import NOT_SET

from .. import rules
from ..masking import shape_of
from ..registry import RESOURCES, Resource, facts
from ..spec import load_spec
from ..storable import TEXT_RULE_TYPES
from .answers import answers
from .ledger import Ledger, strings

__all__ = [
    "NOT_CHECKED_FOR_ECHO",
    "REPLACED_CHECKS",
    "RULE_TYPES",
    "ledger",
    "may_write",
    "reset",
    "write_anywhere",
    "write_nowhere",
]

NOT_CHECKED_FOR_ECHO = {
    # The resolve operations exist to answer real secret values, to keys with the `resolve` scope.
    *(said.resolve.operation_id for said in map(facts, RESOURCES) if said.resolve),
    # They answer this document and its docs page, the same bytes whatever was sent before.
    "getOpenapiJson",
    "getOpenapiYaml",
    "getDocs",
}
# Error types of the API's own rules: cross-field and cross-resource, or about stored state.
RULE_TYPES = (
    rules.RULE_TYPES
    | {
        "secret_not_stored",  # merge: nothing stored to keep
        "secret_destination_changed",  # merge: a kept secret would follow a redirect
        "id_mismatch",  # a read-only id in a PUT body is not the resource's
        "not_found",  # a body names an upstream or service that does not exist (here)
        "length_mismatch",  # search_fields and search_field_values come in pairs
    }
    | TEXT_RULE_TYPES
)  # no NUL or lone surrogate in any text, no NaN or Infinity: what can be stored
# schema_valid_request_accepted does the built-in's work, knowing RULE_TYPES.
REPLACED_CHECKS = ("positive_data_acceptance",)


AnyCase = Case[Any]


@functools.cache
def ledger() -> Ledger:
    return Ledger(load_spec())


def reset() -> None:
    """Forget what earlier runs sent (tests run several apps in one process)."""
    ledger.cache_clear()


def _operation_id(case: AnyCase) -> str | None:
    value = case.operation.definition.raw.get("operationId")
    return value if isinstance(value, str) else None


def _json(response: Response) -> Any:
    try:
        return json.loads(response.content or b"null")
    except ValueError:
        return response.content.decode("utf-8", "replace")


def _response_texts(response: Response) -> Iterator[str]:
    """Where data from a request could come back: body values and keys, header values."""
    body = _json(response)
    if isinstance(body, dict) and "title" in body and "status" in body:
        # A problem: its detail and each error's loc and msg may carry request data; its type,
        # title and error types are the server's own words (which schemathesis learns and reuses).
        errors: list[Any] = body["errors"] if isinstance(body.get("errors"), list) else []
        body = [body.get("detail"), [[e.get("loc"), e.get("msg")] for e in errors if isinstance(e, dict)]]
    yield from strings(body)
    for values in response.headers.values():
        yield from values


@schemathesis.check
def secret_not_echoed(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """No secret sent earlier (or now) comes back: not whole, not inside a longer string."""
    operation_id = _operation_id(case)
    body = case.body if case.body is not NOT_SET else None
    ledger().record(operation_id, body, case.path_parameters, case.query)
    if operation_id in NOT_CHECKED_FOR_ECHO:
        return None
    leaked = ledger().leaks(_response_texts(response))
    if leaked:
        # The values are the fuzzer's own (never a deployment's secrets): shown to debug the leak.
        shown = ", ".join(repr(value[:40]) for value in sorted(leaked)[:3])
        raise AssertionError(
            f"{len(leaked)} secret value(s) sent in a request came back in this response "
            f"({case.operation.label}, status {response.status_code}): {shown}"
        )
    return None


# --- probes: extra requests a check makes, through the run's own transport and credentials ---------


_CREDENTIAL_HEADERS = frozenset({"authorization", "syllable-api-key"})


def _send(
    ctx: CheckContext,
    parent: AnyCase,
    origin: Response,
    operation_id: str,
    *,
    headers: Mapping[str, str] | None = None,
    **parts: Any,
) -> Response:
    """A request of our own, made as a child of `parent`, with the credentials `origin` was sent with
    (not the rest of its headers: a fuzzed Content-Type would make the probe's body unreadable)."""
    schema = parent.operation.schema
    operation = schema.find_operation_by_id(operation_id)
    probe = operation.Case(**parts)
    kwargs = dict(ctx.internals.transport_kwargs or {})
    sent = origin.request.headers
    credentials = {k: sent[k] for k in sent if k.lower() in _CREDENTIAL_HEADERS}
    kwargs["headers"] = {**(kwargs.get("headers") or {}), **credentials, **(headers or {})}
    if operation.app is not None:
        kwargs.setdefault("app", operation.app)
    ctx.internals.record_case(parent_id=parent.id, case=probe)
    response: Response = schema.transport.send(probe, **kwargs)
    ctx.internals.record_response(case_id=probe.id, response=response)
    return response


def _resolved(
    ctx: CheckContext, case: AnyCase, origin: Response, operation_id: str, **parts: Any
) -> dict[str, Any] | None:
    """The real values, or None when the run's key lacks the resolve scope."""
    response = _send(ctx, case, origin, operation_id, **parts)
    if response.status_code != 200:
        return None
    value = _json(response)
    return value if isinstance(value, dict) else None


def _secrets_of(resolved: Mapping[str, Any]) -> dict[str, Any]:
    """The secret-bearing parts of a resolved resource, to compare before and after."""
    if "auth_values" in resolved:
        return {"auth_values": resolved["auth_values"]}
    return {"credentials": resolved.get("credentials")}


def _reads() -> dict[str, Resource]:
    """Each resource with secrets, by its get operation: its GET body is sent back as its PUT body
    (and, when it has a resolve operation, its secrets are compared before and after; without one,
    the PUT must at least succeed)."""
    spec = load_spec()
    return {facts(r).get.operation_id: r for r in RESOURCES if not shape_of(spec, r.stored).empty}


_READS = _reads()


def _parameters(path: str) -> list[str]:
    """The names of a path template's parameters, in order."""
    return re.findall(r"\{(\w+)\}", path)


def write_anywhere(key: Any) -> bool:
    return True


def write_nowhere(key: Any) -> bool:
    return False


# Whether the checks that PUT may write to the row a GET answered, by its key. `specgate fuzz`
# narrows it (fuzzing/runner.py) to the rows the run created, or to none (`write_nowhere`) with
# --read-only: a deployment's own rows are read, never written. The in-process tests, on a database
# of their own, keep the default: any row.
may_write: Callable[[Any], bool] = write_anywhere


@schemathesis.check
def masked_body_keeps_secrets(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A masked GET body sent back as the PUT body is accepted and keeps every secret."""
    operation_id = _operation_id(case)
    if operation_id not in _READS or response.status_code != 200:
        return None
    resource = _READS[operation_id]
    said = facts(resource)
    body = _json(response)
    if not may_write(body[resource.key]):
        return None
    # The item path names the row by its key as the body has it; the others are the GET's own.
    item = _parameters(said.get.path)
    path = dict(case.path_parameters or {}) | {item[-1]: body[resource.key]}
    resolve = said.resolve.operation_id if said.resolve else None
    before = _resolved(ctx, case, response, resolve, path_parameters=path) if resolve else None
    etag = response.headers.get("etag", [""])[0]
    target = {name: path[name] for name in _parameters(said.update.path)}
    put = _send(
        ctx,
        case,
        response,
        said.update.operation_id,
        path_parameters=target,
        body=body,
        headers={"If-Match": etag},
    )
    if put.status_code in (404, 412):  # deleted or changed by another request since the GET
        return None
    if put.status_code == 422 and _only_moved(put):
        return None  # a resource it links to (or its tools) went elsewhere since: send the secrets again
    if put.status_code != 200:
        raise AssertionError(f"sending the GET body back as the PUT body answered {put.status_code}")
    after = _resolved(ctx, case, response, resolve, path_parameters=path) if resolve else None
    if before is not None and after is not None and _secrets_of(before) != _secrets_of(after):
        raise AssertionError("sending the masked GET body back changed a stored secret")
    return None


def _only_moved(response: Response) -> bool:
    """A 422 whose every error is the destination rule's: the secret kept would go elsewhere."""
    body = _json(response)
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return False
    return all(isinstance(e, dict) and e.get("type") == "secret_destination_changed" for e in errors)


@schemathesis.check
def null_keeps_omitted_removes(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """auth_values: the first key sent as null keeps its value, the keys left out are removed."""
    if _operation_id(case) != "getToolService" or response.status_code != 200:
        return None
    body = _json(response)
    if not may_write(body["id"]):
        return None
    keys = body.get("auth_value_keys") or []
    path = {"service_id": body["id"]}
    before = _resolved(ctx, case, response, "resolveToolServiceAuth", path_parameters=path)
    if not keys or before is None:
        return None
    kept, removed = keys[0], keys[1:]
    update = {k: v for k, v in body.items() if k != "auth_value_keys"} | {"auth_values": {kept: None}}
    etag = response.headers.get("etag", [""])[0]
    put = _send(ctx, case, response, "updateToolService", body=update, headers={"If-Match": etag})
    after = _resolved(ctx, case, response, "resolveToolServiceAuth", path_parameters=path)
    if put.status_code in (404, 412) or after is None:
        return None
    values_before, values_after = before["auth_values"], after["auth_values"]
    if put.status_code == 422:  # the type needs a key that was left out: nothing may change
        if values_after != values_before:
            raise AssertionError("a refused update (422) changed the stored auth values")
        return None
    if put.status_code != 200:
        raise AssertionError(f"an update with a null auth value answered {put.status_code}")
    if values_after.get(kept) != values_before[kept]:
        raise AssertionError(f"auth_values.{kept} sent as null did not keep its stored value")
    if any(key in values_after for key in removed):
        raise AssertionError("an auth_values key left out of the update was not removed")
    return None


_STATE_ANSWERS = frozenset({401, 403, 404, 409, 412})


@schemathesis.check
def schema_valid_request_accepted(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A schema-valid request is accepted, or refused only by a rule the schema cannot state."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if 200 <= status < 300 or status in _STATE_ANSWERS:
        return None
    if status == 422:
        body = _json(response)
        errors = body.get("errors", []) if isinstance(body, dict) else []
        unexplained = sorted({e.get("type") for e in errors} - RULE_TYPES)
        if errors and not unexplained:
            return None
        raise AssertionError(f"a schema-valid request was refused by schema-like rules: {unexplained}")
    raise AssertionError(f"a schema-valid request answered {status}")


@schemathesis.check
def answer_of_the_operation_called(ctx: CheckContext, response: Response, case: AnyCase) -> bool | None:
    """A 2xx body that only another operation's response schema explains came from the wrong route."""
    operation_id = _operation_id(case)
    if operation_id is None or not 200 <= response.status_code < 300:
        return None
    body = _json(response)
    if isinstance(body, str):  # not JSON (the docs page, the YAML document)
        return None
    others = answers().wrong_answer(operation_id, body)
    if others:
        raise AssertionError(
            f"{case.operation.label} answered {response.status_code} with a body that is the answer of "
            f"{', '.join(others)}, not of {operation_id}: the request reached another operation"
        )
    return None
