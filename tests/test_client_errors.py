"""specgate_client.errors: every error status becomes one class of the tree, whatever the body; transport
failures become APIConnectionError / APITimeoutError; plain calls raise, *_detailed return the Response."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable

import httpx
import pytest

specgate_client = pytest.importorskip("specgate_client", reason="run `make install`")

from specgate_client import AuthenticatedClient, errors  # noqa: E402
from specgate_client.api.gateways import delete_gateway, get_gateway  # noqa: E402

GATEWAY = uuid.uuid4()
PROBLEM = "application/problem+json"


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> AuthenticatedClient:
    transport = httpx.MockTransport(handler)
    return AuthenticatedClient(
        base_url="http://api.test", token="sg_test_token", max_retries=0, httpx_args={"transport": transport}
    )


def answer(
    status: int, body: bytes, content_type: str, request_id: str | None = "req-1"
) -> AuthenticatedClient:
    headers = {"content-type": content_type} | ({"x-request-id": request_id} if request_id else {})
    return client_answering(lambda request: httpx.Response(status, content=body, headers=headers))


def problem(status: int, title: str, **extra: object) -> bytes:
    return json.dumps({"type": "about:blank", "title": title, "status": status, **extra}).encode()


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (412, errors.PreconditionFailedError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (500, errors.InternalServerError),
        (503, errors.InternalServerError),
        (418, errors.APIStatusError),
    ],
)
def test_each_status_raises_its_class_with_status_problem_headers_and_request_id(
    status: int, cls: type[errors.APIStatusError]
) -> None:
    client = answer(status, problem(status, "Title", detail="what went wrong"), PROBLEM)
    with pytest.raises(cls) as caught:
        get_gateway.sync(GATEWAY, client=client)
    error = caught.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.problem is not None and error.problem.detail == "what went wrong"
    assert error.headers["x-request-id"] == "req-1" and error.request_id == "req-1"
    assert str(error) == f"{status} Title: what went wrong (request id req-1)"


def test_a_422_names_each_field() -> None:
    body = problem(
        422, "Unprocessable Entity", errors=[{"loc": ["body", "port"], "msg": "too big", "type": "x"}]
    )
    with pytest.raises(errors.UnprocessableEntityError) as caught:
        get_gateway.sync(GATEWAY, client=answer(422, body, PROBLEM))
    assert caught.value.errors == [errors.FieldError(("body", "port"), "too big", "x")]


@pytest.mark.parametrize(
    ("status", "body", "content_type", "cls"),
    [
        (404, b"<html><body>Not Found</body></html>", "text/html", errors.NotFoundError),
        (401, b'{"message": "no"}', "application/json", errors.AuthenticationError),
        (502, b"", "text/plain", errors.InternalServerError),
        (404, b"{not json", PROBLEM, errors.NotFoundError),
        (400, b"[1, 2]", "application/json", errors.BadRequestError),
    ],
)
def test_an_answer_that_is_not_a_problem_still_raises_the_class_never_a_decode_error(
    status: int, body: bytes, content_type: str, cls: type[errors.APIStatusError]
) -> None:
    with pytest.raises(cls) as caught:
        get_gateway.sync(GATEWAY, client=answer(status, body, content_type, request_id=None))
    assert caught.value.problem is None and caught.value.request_id is None
    assert caught.value.body == body
    assert str(caught.value) == str(status)  # the body never goes into the message


def test_an_undocumented_status_outside_http_status_is_still_an_api_status_error() -> None:
    with pytest.raises(errors.InternalServerError):
        get_gateway.sync(GATEWAY, client=answer(599, b"", "text/plain"))


def test_a_success_body_that_does_not_parse_is_a_validation_error_without_the_body() -> None:
    client = answer(200, b'{"id": "x", "secret": "s3cr3t-value"}', "application/json")
    with pytest.raises(errors.APIResponseValidationError) as caught:
        get_gateway.sync(GATEWAY, client=client)
    assert "s3cr3t-value" not in str(caught.value) and caught.value.__cause__ is None


def test_detailed_calls_return_the_response_for_an_error_status() -> None:
    response = get_gateway.sync_detailed(GATEWAY, client=answer(404, problem(404, "Not Found"), PROBLEM))
    assert response.status_code == 404 and response.headers["x-request-id"] == "req-1"
    assert response.parsed is not None and response.parsed.title == "Not Found"  # type: ignore[union-attr]
    html = get_gateway.sync_detailed(GATEWAY, client=answer(404, b"<html/>", "text/html"))
    assert html.status_code == 404 and html.parsed is None


def test_a_204_plain_call_returns_none() -> None:
    assert delete_gateway.sync(GATEWAY, client=answer(204, b"", "text/plain")) is None


def test_an_undocumented_success_without_the_promised_model_is_a_validation_error() -> None:
    with pytest.raises(errors.APIResponseValidationError):
        get_gateway.sync(GATEWAY, client=answer(202, b"", "text/plain"))
    with pytest.raises(errors.APIStatusError):  # a redirect is not followed unless asked for
        get_gateway.sync(GATEWAY, client=answer(302, b"", "text/html"))


def test_connection_errors_and_timeouts_have_their_classes() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(errors.APIConnectionError) as refused:
        get_gateway.sync(GATEWAY, client=client_answering(refuse))
    assert not isinstance(refused.value, errors.APITimeoutError)
    with pytest.raises(errors.APITimeoutError):
        get_gateway.sync(GATEWAY, client=client_answering(slow))


def test_async_calls_raise_the_same_errors() -> None:
    client = answer(409, problem(409, "Conflict"), PROBLEM)
    with pytest.raises(errors.ConflictError):
        asyncio.run(get_gateway.asyncio(GATEWAY, client=client))


def test_every_error_is_an_api_error() -> None:
    for cls in (
        errors.APIConnectionError,
        errors.APITimeoutError,
        errors.APIStatusError,
        errors.LocalRequestError,
    ):
        assert issubclass(cls, errors.APIError)
    for status_class in errors.APIStatusError.__subclasses__():
        assert issubclass(status_class, errors.APIError)


def test_the_client_surfaces_are_sorted_and_complete() -> None:
    def isort_key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    surface = list(specgate_client.__all__)
    assert surface == sorted(surface, key=isort_key)
    for name in surface:
        assert hasattr(specgate_client, name), name
    assert errors.__all__ == sorted(errors.__all__, key=isort_key)
    classes = {n for n, v in vars(errors).items() if isinstance(v, type) and v.__module__ == errors.__name__}
    assert classes <= set(errors.__all__)


def test_a_model_read_by_a_plain_call_carries_the_etag_out_of_its_repr() -> None:
    body = {
        "id": str(GATEWAY),
        "name": "g",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    client = client_answering(lambda request: httpx.Response(200, json=body, headers={"etag": '"7"'}))
    gateway = get_gateway.sync(GATEWAY, client=client)
    assert gateway.etag == '"7"' and "etag" not in repr(gateway) and "etag" not in gateway.to_dict()
    assert isinstance(specgate_client.models.GatewayWrite(name="new").etag, specgate_client.Unset)


def test_the_request_id_comes_from_the_problem_when_the_header_is_lost() -> None:
    body = problem(404, "Not Found", request_id="from-the-body")
    with pytest.raises(errors.NotFoundError) as caught:
        get_gateway.sync(GATEWAY, client=answer(404, body, PROBLEM, request_id=None))
    assert caught.value.request_id == "from-the-body"
