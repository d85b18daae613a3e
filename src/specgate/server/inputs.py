"""Reading a request's JSON body, checked as the spec says (parameters: `parameters.py`).

Errors name the field (`loc`) and never echo what was sent: a body may hold secrets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError
from starlette.requests import ClientDisconnect, Request

from ..codec import FOLD, LONG_DIGITS
from ..errors import BadRequest, ContentTooLarge, FieldError, InvalidRequest, UnsupportedMediaType
from ..storable import body_errors
from ..validation import SchemaCheck
from .parameters import header

__all__ = ["MAX_BODY", "parse_body", "plain_body", "read_raw"]

MAX_BODY = 1024 * 1024


async def read_raw(request: Request) -> bytes:
    """The body's bytes, if it is JSON (or says nothing) and not larger than MAX_BODY."""
    ctype = header(request, b"content-type") or ""
    if ctype.split(";", 1)[0].strip().lower() not in ("application/json", ""):
        raise UnsupportedMediaType("send the body as application/json")
    return await _limited_body(request)


def plain_body(raw: bytes, check: SchemaCheck) -> dict[str, Any] | None:
    """The body as data if it is a plain JSON object that `check` (a `canonical` SchemaCheck)
    accepts, else None: then only the model can say what it is (`parse_body`).

    Plain: no `\\u` escape (a NUL or a lone surrogate would need `body_errors`), no number with a
    fraction or exponent (the model reads 5.0 as 5) and no run of 19 digits (orjson reads an integer
    beyond 64 bits as a float). The model would give such a body back unchanged, so reading it
    without the model changes no answer; it costs a third of the model's way (validate, dump, check).
    """
    folded = raw.translate(FOLD)
    if b"\\u" in raw or LONG_DIGITS in folded:
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict:
        return None
    # A digit then "." or "e" may be a number with a fraction, or text ("v2.1", a UUID): look.
    if (b"0." in folded or b"0e" in folded) and _has_float(data):
        return None
    return data if check.is_valid(data) else None


def _has_float(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        return any(map(_has_float, value.values()))
    if kind is list:
        return any(map(_has_float, value))
    return kind is float


def parse_body(raw: bytes, adapter: TypeAdapter[Any]) -> Any:
    """`raw` validated by a generated model; omitted fields stay MISSING, apart from null."""
    try:
        # Strict: JSON types as the schema says them (no 0 for false, no "5" for 5).
        model = adapter.validate_json(raw, strict=True)
    except ValidationError as exc:
        errors, total = _errors_of(exc)
    else:
        # After validation: every secret is a string by then, so no `loc` names a key inside one.
        _refuse_unstorable(raw)
        return model
    invalid = next((e for e in errors if e["type"] == "json_invalid"), None)
    if invalid is not None:
        if "recursion limit" in invalid["msg"]:
            raise BadRequest("the body is nested too deeply to read")
        # pydantic reads a lone surrogate as invalid JSON; it is valid JSON that cannot be stored.
        _refuse_unstorable(raw, top_level_only=True)
        raise BadRequest("the body is not valid JSON")
    tagged = _is_tagged(adapter)
    chosen = [field for field, _ in _closest(errors, tagged)]
    if all(field.type == "int_type" for field in chosen) and _integral_floats_only(adapter, raw, tagged):
        # JSON Schema counts 404.0 as an integer; lax mode reads it as 404, and strict mode
        # found nothing else in this body that lax mode would let through.
        model = adapter.validate_json(raw)
        _refuse_unstorable(raw)
        return model
    raise InvalidRequest(chosen, len(chosen) if total <= len(errors) else total)


def _refuse_unstorable(raw: bytes, *, top_level_only: bool = False) -> None:
    """A 422 naming each field the store cannot keep (NUL, lone surrogate, NaN or Infinity).

    `top_level_only` names the body's own fields only: in a body the model has not validated, a
    deeper `loc` could name a key inside a secret's (malformed) value."""
    errors = body_errors(raw)
    if top_level_only:
        errors = list({e.loc[:2]: FieldError(e.loc[:2], e.msg, e.type) for e in errors}.values())
    if errors:
        raise InvalidRequest(errors)


# A body can break a rule per byte (an unknown field each): 90,000 errors from 630 KB once took 4 s
# to list. Only the first MAX_SCANNED errors are read one by one; past that the count is pydantic's.
MAX_SCANNED = 1000


def _errors_of(exc: ValidationError) -> tuple[list[Any], int]:
    """The first MAX_SCANNED of pydantic's errors, without their inputs, and how many there are.

    `json()` without inputs is written in Rust (30 ms for 90,000 errors, where `errors()` takes 200 ms
    and loading all of that JSON 300 ms): only its first MAX_SCANNED entries are decoded.
    """
    text = exc.json(include_url=False, include_context=False, include_input=False)
    errors: list[Any] = []
    at = 1  # after the opening bracket; pydantic writes the array compact: `[{...},{...}]`
    while len(errors) < MAX_SCANNED and text[at] != "]":
        error, at = _DECODER.raw_decode(text, at)
        errors.append(error)
        at += text[at] == ","
    return errors, exc.error_count()


_DECODER = json.JSONDecoder()


def _integral_floats_only(adapter: TypeAdapter[Any], raw: bytes, tagged: bool) -> bool:
    """Whether every error strict mode keeps is a whole float where an integer belongs.

    Inputs are read here only, to tell integral floats apart; they are never sent back."""
    try:
        adapter.validate_json(raw, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False)
        return all(_integral_float(error) for _, error in _closest(errors, tagged))
    return True


def _integral_float(error: Any) -> bool:
    value = error.get("input")
    return bool(error["type"] == "int_type" and isinstance(value, float) and value.is_integer())


def _is_tagged(adapter: TypeAdapter[Any]) -> bool:
    schema: Any = adapter.core_schema
    while schema.get("type") == "definitions":
        schema = schema["schema"]
    return bool(schema.get("type") == "tagged-union")


async def _limited_body(request: Request) -> bytes:
    """The body, refused before it is all read when it is (or says it is) larger than MAX_BODY."""
    declared = header(request, b"content-length") or ""
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ContentTooLarge(f"the body is larger than {MAX_BODY} bytes")
    # The ASGI messages read directly (as `request.stream()` reads them, without its async
    # generator): a body usually comes in one message.
    chunks, size, receive = [], 0, request.receive
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        if message["type"] != "http.request":
            continue
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise ContentTooLarge(f"the body is larger than {MAX_BODY} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _closest(errors: Sequence[Any], tagged: bool) -> list[tuple[FieldError, Any]]:
    """Each error as ours, beside pydantic's own.

    For a discriminated body the first `loc` part is the tag; for a union of models (a target) each
    member reports its errors, and only the member that came closest (fewest errors) is kept.
    """
    by_member: dict[tuple[Any, ...], dict[str, list[tuple[FieldError, Any]]]] = {}
    plain: list[tuple[FieldError, Any]] = []
    for error in errors:
        loc = tuple(error["loc"][1:] if tagged and error["loc"] else error["loc"])
        if error["type"] in ("union_tag_not_found", "union_tag_invalid"):
            msg = "must be 'upstream' or 'endpoint'"
            plain.append((FieldError(("body", *loc, "type"), msg, error["type"]), error))
            continue
        member = next((i for i, part in enumerate(loc) if part in _MEMBERS), None)
        if member is None:
            plain.append((FieldError(("body", *loc), error["msg"], error["type"]), error))
            continue
        where, name = loc[:member], str(loc[member])
        field = FieldError(("body", *where, *loc[member + 1 :]), error["msg"], error["type"])
        by_member.setdefault(where, {}).setdefault(name, []).append((field, error))
    for members in by_member.values():
        closest: list[tuple[FieldError, Any]] = min(members.values(), key=len)
        plain.extend(closest)
    return plain


def _union_members() -> frozenset[str]:
    """The names pydantic gives union members in `loc`: the generated model classes."""
    import specgate_models

    return frozenset(
        name
        for name, value in vars(specgate_models).items()
        if isinstance(value, type) and name[:1].isupper()
    )


_MEMBERS = _union_members()
