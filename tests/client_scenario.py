"""A typical user script of the Python client, run against a live server by tests/test_client_wheel.py
in a fresh venv that holds only the client wheel, and type-checked with `mypy --strict` by `make check`.

    python client_scenario.py URL KEY [STAND_IN_URL]

Both API families, sync and async: create, read, safe updates with If-Match, every error class the
server can answer here, pagination of both envelope styles, resolve; then checks that no secret and no key
showed in any repr, str, exception or log line on the way. With STAND_IN_URL (a server that answers 429
with Retry-After first), a call that succeeds only through a retry. Prints "scenario ok" at the end.
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
import uuid

from specgate_client import AuthenticatedClient, Client, errors, update_body
from specgate_client.api.gateway_services import (
    create_gateway_service,
    delete_gateway_service,
    get_gateway_service,
    list_gateway_services,
    resolve_gateway_service,
    update_gateway_service,
)
from specgate_client.api.gateways import create_gateway, delete_gateway, list_gateways
from specgate_client.api.meta import get_version
from specgate_client.api.tool_services import (
    create_tool_service,
    delete_tool_service,
    get_tool_service,
    list_tool_services,
    resolve_tool_service_auth,
    update_tool_service,
)
from specgate_client.models import (
    AuthValuesType0,
    CredentialsWrite,
    GatewayServiceEndpoint,
    GatewayServiceEndpointWrite,
    GatewayWrite,
    ToolService,
    ToolServiceCreate,
    ToolServiceUpdate,
)
from specgate_client.pagination import aiterate, iterate

RUN = uuid.uuid4().hex[:8]
API_KEY = f"scenario-api-key-{RUN}"
HEADER_VALUE = f"scenario-header-value-{RUN}"
PASSWORD = f"scenario-password-{RUN}"
shown: list[str] = []  # every repr, str and error message the scenario produced


def show(*things: object) -> None:
    for thing in things:
        shown.append(repr(thing))
        shown.append(str(thing))


def endpoint(
    name: str, host: str, credentials: CredentialsWrite | None = None
) -> GatewayServiceEndpointWrite:
    body = GatewayServiceEndpointWrite(name=name, type_="endpoint", host=host, port=443, protocol="https")
    if credentials is not None:
        body.credentials = credentials
    return body


def gateway_family(client: AuthenticatedClient) -> uuid.UUID:
    gateway = create_gateway.sync(client=client, body=GatewayWrite(name=f"scenario-{RUN}"))
    credentials = CredentialsWrite(api_key=API_KEY, header_name="X-Key", header_value=HEADER_VALUE)
    service = create_gateway_service.sync(
        gateway.id, client=client, body=endpoint("weather", "api.example", credentials)
    )
    show(gateway, service, credentials)
    assert service.credentials and service.credentials.api_key == "********"

    read = get_gateway_service.sync_detailed(gateway.id, service.id, client=client)
    assert isinstance(read.parsed, GatewayServiceEndpoint)
    etag = read.headers["etag"]
    assert get_gateway_service.sync(gateway.id, service.id, client=client).etag == etag  # plain calls too
    updated = update_gateway_service.sync(
        gateway.id, service.id, client=client, body=update_body(read.parsed, {"retries": 3}), if_match=etag
    )
    assert updated.retries == 3
    try:
        stale = update_body(read.parsed, {"retries": 4})
        update_gateway_service.sync(gateway.id, service.id, client=client, body=stale, if_match=etag)
        raise AssertionError("a stale If-Match must fail")
    except errors.PreconditionFailedError as error:
        show(error)
        assert error.status_code == 412 and error.request_id  # the server's X-Request-Id

    try:
        update_body(updated, {"host": "elsewhere.example"})
        raise AssertionError("moving kept secrets must be refused locally")
    except errors.LocalRequestError as error:
        show(error)
        assert {field.loc[-1] for field in error.errors} == {"api_key", "header_value"}

    try:  # a typed PUT built from scratch: credentials unset would remove them, so nothing is sent
        update_gateway_service.sync(
            gateway.id, service.id, client=client, body=endpoint("weather", "api.example")
        )
        raise AssertionError("a typed PUT that drops credentials must be refused")
    except errors.LocalRequestError as error:
        show(error)
    # ... and with credentials set but their secrets unset, the stored secrets are kept (sent as null).
    kept = endpoint("weather", "api.example", CredentialsWrite(header_name="X-Key"))
    update_gateway_service.sync(gateway.id, service.id, client=client, body=kept)
    resolved = resolve_gateway_service.sync(gateway.id, service.id, client=client)
    show(resolved)
    assert resolved.credentials and resolved.credentials.api_key == API_KEY
    assert resolved.credentials.header_value == HEADER_VALUE

    for i in range(4):
        create_gateway_service.sync(gateway.id, client=client, body=endpoint(f"more-{i}", f"h{i}.example"))
    names = {each.name for each in iterate(list_gateway_services, gateway.id, client=client, limit=2)}
    assert names == {"weather", "more-0", "more-1", "more-2", "more-3"}
    assert gateway.id in {each.id for each in iterate(list_gateways, client=client, limit=1)}

    try:
        delete_gateway.sync(gateway.id, client=client)
        raise AssertionError("a gateway with services is not deleted")
    except errors.ConflictError as error:
        show(error)
        assert error.problem is not None and error.request_id
    try:
        bad = GatewayServiceEndpointWrite(
            name="bad", type_="endpoint", host="h.example", port=0, protocol="https"
        )
        create_gateway_service.sync(gateway.id, client=client, body=bad)
        raise AssertionError("port 0 is refused")
    except errors.UnprocessableEntityError as error:
        show(error)
        assert any(field.loc[-1] == "port" for field in error.errors)
    try:
        get_gateway_service.sync(gateway.id, uuid.uuid4(), client=client)
        raise AssertionError("an unknown id is 404")
    except errors.NotFoundError as error:
        show(error)
    delete_gateway_service.sync(gateway.id, service.id, client=client)
    return gateway.id


async def tool_family(url: str, key: str) -> None:
    async with AuthenticatedClient(
        base_url=url, token=key, auth_header_name="Syllable-API-Key", prefix=""
    ) as client:
        values = AuthValuesType0.from_dict({"username": "scenario", "password": PASSWORD})
        created = await create_tool_service.asyncio(
            client=client,
            body=ToolServiceCreate(
                name=f"tools-{RUN}", description="d", auth_type="basic", auth_values=values
            ),
        )
        show(created, values)
        read = await get_tool_service.asyncio_detailed(created.id, client=client)
        assert isinstance(read.parsed, ToolService)
        body = update_body(read.parsed, {"description": "updated"})
        updated = await update_tool_service.asyncio(client=client, body=body, if_match=read.headers["etag"])
        assert updated.description == "updated"
        # A typed PUT built from scratch leaves auth_values out: the server keeps them (auth_type unchanged).
        await update_tool_service.asyncio(
            client=client,
            body=ToolServiceUpdate(
                id=created.id, name=f"tools-{RUN}", description="scratch", auth_type="basic"
            ),
        )
        resolved = await resolve_tool_service_auth.asyncio(created.id, client=client)
        show(resolved)
        assert resolved.auth_values["password"] == PASSWORD
        assert resolved.headers["Authorization"].startswith("Basic ")

        for i in range(3):
            await create_tool_service.asyncio(
                client=client, body=ToolServiceCreate(name=f"t{i}-{RUN}", description="d")
            )
        names = {each.name async for each in aiterate(list_tool_services, client=client, limit=2)}
        assert {f"tools-{RUN}", f"t0-{RUN}", f"t1-{RUN}", f"t2-{RUN}"} <= names
        assert f"t0-{RUN}" in {
            each.name for each in iterate(list_tool_services, client=client.with_options(), limit=1)
        }
        try:
            await delete_tool_service.asyncio(created.id, client=client, reason="")
            raise AssertionError("a delete without a reason is refused")
        except errors.UnprocessableEntityError as error:
            show(error)
        await delete_tool_service.asyncio(created.id, client=client, reason="scenario done")
        try:
            await get_tool_service.asyncio(created.id, client=client)
            raise AssertionError("deleted")
        except errors.NotFoundError as error:
            show(error)


def errors_without_a_server(key: str) -> None:
    wrong = AuthenticatedClient(base_url=sys.argv[1], token="sg_not_a_key_" + RUN)
    try:
        list_gateways.sync(client=wrong)
        raise AssertionError("a wrong key is 401")
    except errors.AuthenticationError as error:
        show(error, wrong)
    nowhere = AuthenticatedClient(base_url="http://127.0.0.1:9", token=key, max_retries=0)
    try:
        list_gateways.sync(client=nowhere)
        raise AssertionError("nothing listens on port 9")
    except errors.APIConnectionError as error:
        show(error, nowhere)


def main() -> None:
    url, key = sys.argv[1], sys.argv[2]
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.basicConfig(level=logging.DEBUG, handlers=[handler])
    with AuthenticatedClient(base_url=url, token=key) as client:
        show(client)
        gateway_family(client)
    asyncio.run(tool_family(url, key))
    errors_without_a_server(key)
    if len(sys.argv) > 3:
        version = get_version.sync(client=Client(base_url=sys.argv[3]))
        show(version)
    handler.flush()
    for secret in (API_KEY, HEADER_VALUE, PASSWORD, key):
        assert secret not in log.getvalue(), "a secret reached a log line"
        for text in shown:
            assert secret not in text, f"a secret reached a repr or a message: {text[:60]}"
    assert "retrying" in log.getvalue() or len(sys.argv) <= 3
    print("scenario ok")


if __name__ == "__main__":
    main()
