"""Retries of the client: connection errors, 429 and 503, with exponential backoff and jitter, honouring
Retry-After, for idempotent methods unless opted in; settable per client and per call; finite timeout."""

from __future__ import annotations

import asyncio
import email.utils
import time
import uuid

import httpx
import pytest

specgate_client = pytest.importorskip("specgate_client", reason="run `make install`")

from specgate_client import DEFAULT_TIMEOUT, AuthenticatedClient, RetryPolicy, errors  # noqa: E402
from specgate_client._transport import RetryTransport, retry_after  # noqa: E402
from specgate_client.api.gateways import create_gateway, get_gateway  # noqa: E402
from specgate_client.models import GatewayWrite  # noqa: E402

GATEWAY = uuid.uuid4()
GATEWAY_JSON = {
    "id": str(GATEWAY),
    "name": "g",
    "created_at": "2026-01-01T00:00:00Z",
    "updated_at": "2026-01-01T00:00:00Z",
}


class Server:
    """A scripted stand-in: answers from a list, records requests."""

    def __init__(self, *answers: httpx.Response | type[Exception]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, type):
            raise answer("scripted failure", request=request)  # type: ignore[call-arg]
        return answer


def ok() -> httpx.Response:
    return httpx.Response(200, json=GATEWAY_JSON)


def limited(after: str | None = None, status: int = 429) -> httpx.Response:
    return httpx.Response(status, headers={"retry-after": after} if after is not None else {})


def client_for(server: Server, waits: list[float], **options: object) -> AuthenticatedClient:
    client = AuthenticatedClient(base_url="http://api.test", token="sg_t", **options)  # type: ignore[arg-type]
    transport = RetryTransport(sync=httpx.MockTransport(server), policy=client.policy, sleep=waits.append)
    return client.set_httpx_client(httpx.Client(base_url="http://api.test", transport=transport))


def test_a_429_with_retry_after_is_retried_after_that_many_seconds() -> None:
    server, waits = Server(limited("3"), ok()), []
    gateway = get_gateway.sync(GATEWAY, client=client_for(server, waits))
    assert gateway.name == "g" and len(server.requests) == 2 and waits == [3.0]


def test_retry_after_as_an_http_date_is_honoured() -> None:
    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 15 <= retry_after(httpx.Headers({"retry-after": date})) <= 20  # type: ignore[operator]
    for malformed in ("soon", "nan", "inf", ""):
        assert retry_after(httpx.Headers({"retry-after": malformed})) is None
    assert retry_after(httpx.Headers({"retry-after": "1.5"})) == 1.5


def test_503_and_connection_errors_are_retried_with_growing_jittered_backoff() -> None:
    server, waits = Server(limited(status=503), httpx.ConnectError, ok()), []
    get_gateway.sync(GATEWAY, client=client_for(server, waits))
    assert len(server.requests) == 3
    assert 0.375 <= waits[0] <= 0.5 and 0.75 <= waits[1] <= 1.0  # 0.5 * 2**n, up to a quarter less


def test_retries_stop_after_max_retries_and_raise_the_last_answer() -> None:
    server, waits = Server(limited("1")), []
    with pytest.raises(errors.RateLimitError):
        get_gateway.sync(GATEWAY, client=client_for(server, waits))
    assert len(server.requests) == 3 and waits == [1.0, 1.0]  # default: 2 retries


def test_a_retry_after_longer_than_the_limit_is_not_waited_for() -> None:
    server, waits = Server(limited("3600"), ok()), []
    with pytest.raises(errors.RateLimitError):
        get_gateway.sync(GATEWAY, client=client_for(server, waits))
    assert len(server.requests) == 1 and waits == []


def test_other_statuses_are_not_retried() -> None:
    for status in (500, 502, 404, 409):
        server, waits = Server(httpx.Response(status), ok()), []
        with pytest.raises(errors.APIStatusError):
            get_gateway.sync(GATEWAY, client=client_for(server, waits))
        assert len(server.requests) == 1


def test_post_is_not_retried_unless_the_caller_opts_in() -> None:
    body = GatewayWrite(name="g")
    server, waits = Server(limited("1"), httpx.Response(201, json=GATEWAY_JSON)), []
    with pytest.raises(errors.RateLimitError):
        create_gateway.sync(client=client_for(server, waits), body=body)
    assert len(server.requests) == 1

    server, waits = Server(httpx.ConnectError, httpx.Response(201, json=GATEWAY_JSON)), []
    with pytest.raises(errors.APIConnectionError):
        create_gateway.sync(client=client_for(server, waits), body=body)
    assert len(server.requests) == 1

    server, waits = Server(limited("1"), httpx.Response(201, json=GATEWAY_JSON)), []
    create_gateway.sync(client=client_for(server, waits, retry_all_methods=True), body=body)
    assert len(server.requests) == 2


def test_retries_are_set_per_client_and_per_call() -> None:
    server, waits = Server(limited("1")), []
    client = client_for(server, waits, max_retries=5)
    with pytest.raises(errors.RateLimitError):
        get_gateway.sync(GATEWAY, client=client)
    assert len(server.requests) == 6

    server.requests.clear()
    with pytest.raises(errors.RateLimitError):
        get_gateway.sync(GATEWAY, client=client.with_options(max_retries=0))
    assert len(server.requests) == 1
    assert client.max_retries == 5  # the original is left alone


def test_per_call_options_share_the_connection_pool() -> None:
    server, waits = Server(ok()), []
    client = client_for(server, waits)
    once = client.with_options(timeout=1.5, max_retries=1)
    assert once.get_httpx_client() is client.get_httpx_client()
    assert once.request_options()["timeout"] == 1.5
    assert client.request_options()["timeout"] == DEFAULT_TIMEOUT


def test_the_default_timeout_is_finite() -> None:
    client = AuthenticatedClient(base_url="http://api.test", token="sg_t")
    timeout = client.get_httpx_client().timeout
    assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    assert timeout.connect == 5.0 and timeout.read == 30.0


def test_a_real_timeout_raises_api_timeout_error() -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    server = Server(ok())
    server.answers = [httpx.Response(200)]
    client = AuthenticatedClient(
        base_url="http://api.test",
        token="sg_t",
        max_retries=1,
        httpx_args={"transport": httpx.MockTransport(hang)},
    )
    with pytest.raises(errors.APITimeoutError):
        get_gateway.sync(GATEWAY, client=client.with_options(max_retries=0))


def test_async_calls_retry_too() -> None:
    server, waits = Server(limited("2"), limited(status=503), ok()), []

    async def record(seconds: float) -> None:
        waits.append(seconds)

    client = AuthenticatedClient(base_url="http://api.test", token="sg_t")
    transport = RetryTransport(async_=httpx.MockTransport(server), policy=client.policy, asleep=record)
    client.set_async_httpx_client(httpx.AsyncClient(base_url="http://api.test", transport=transport))
    page_server = asyncio.run(get_gateway.asyncio(GATEWAY, client=client))
    assert page_server.name == "g" and len(server.requests) == 3 and waits[0] == 2.0


def test_backoff_is_capped() -> None:
    policy = RetryPolicy(max_retries=50)
    assert all(6.0 <= policy.backoff(n) <= 8.0 for n in range(10, 40))


def test_the_key_is_sent_on_every_attempt() -> None:
    seen: list[str | None] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return limited("0") if len(seen) == 1 else ok()

    transport = httpx.MockTransport(record)
    client = AuthenticatedClient(
        base_url="http://api.test", token="sg_t", httpx_args={"transport": transport}
    )
    get_gateway.sync(GATEWAY, client=client)
    assert seen == ["Bearer sg_t", "Bearer sg_t"]
