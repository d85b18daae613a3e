"""The generated client: it imports, builds a request for every operation, and talks to a live server."""

from __future__ import annotations

import importlib
import inspect
import re
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from specgate.admin import create_key
from specgate.server import create_app
from specgate.spec import Operation, Spec, load_spec

from .support import free_port, sqlite_settings

specgate_client = pytest.importorskip(
    "specgate_client", reason="run `make install` to install generated/client"
)


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def module_of(op: Operation) -> Any:
    tag = op.operation["tags"][0].replace("-", "_")
    return importlib.import_module(f"specgate_client.api.{tag}.{snake(op.operation_id)}")


def body_for(spec: Spec, op: Operation) -> Any:
    """The operation's first request example, as the client's model for its schema."""
    media = op.operation["requestBody"]["content"]["application/json"]
    example = spec.resolve(next(iter(media["examples"].values())))["value"]
    name = media["schema"]["$ref"].rsplit("/", 1)[1]
    if "oneOf" in spec.schema(name):
        name = f"GatewayService{example['type'].capitalize()}Write"
    model = getattr(importlib.import_module("specgate_client.models"), name)
    return model.from_dict(example)


ARGUMENTS = {"gateway_id": uuid.uuid4(), "upstream_id": uuid.uuid4(), "service_id": uuid.uuid4()}
OPERATIONS = list(load_spec().operations())


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_the_client_builds_a_request_for_every_operation(spec: Spec, op: Operation) -> None:
    module = module_of(op)
    params = inspect.signature(module._get_kwargs).parameters
    kwargs: dict[str, Any] = {}
    for name, param in params.items():
        if name == "body":
            # A PUT takes the plain dict too (update_body's output); typed PUT bodies are checked for
            # secrets they would drop (tests/test_client_updates.py), which these examples may do.
            kwargs[name] = body_for(spec, op).to_dict() if op.method == "PUT" else body_for(spec, op)
        elif name == "service_id" and "int" in str(param.annotation):
            kwargs[name] = 7
        elif name == "tool_name":
            kwargs[name] = "lookup_forecast"
        elif name == "reason":
            kwargs[name] = "cleanup"
        elif param.default is inspect.Parameter.empty:
            kwargs[name] = ARGUMENTS[name]
    request = module._get_kwargs(**kwargs)
    assert request["method"] == op.method.lower()
    template = re.escape(op.path)
    pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", template)
    assert re.fullmatch(pattern, request["url"]), (request["url"], op.path)
    if "requestBody" in op.operation:
        assert request["json"]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A real server on loopback (uvicorn in a thread) and a key for it."""
    import asyncio

    settings = sqlite_settings(tmp_path)
    key = asyncio.run(
        create_key(settings, email="client@example.com", scopes="read,write,resolve", gateway_id=None)
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}", key
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.mark.slow
def test_the_client_round_trips_against_a_live_server(live: tuple[str, str]) -> None:
    from specgate_client import AuthenticatedClient
    from specgate_client.api.gateway_services import (
        create_gateway_service,
        get_gateway_service,
        update_gateway_service,
    )
    from specgate_client.api.gateways import create_gateway
    from specgate_client.api.tool_services import create_tool_service, get_tool_service
    from specgate_client.models import (
        CredentialsWrite,
        Gateway,
        GatewayServiceEndpoint,
        GatewayServiceEndpointWrite,
        GatewayWrite,
        ToolService,
        ToolServiceCreate,
    )

    url, key = live
    with AuthenticatedClient(base_url=url, token=key) as client:
        gateway = create_gateway.sync(client=client, body=GatewayWrite(name="client"))
        assert isinstance(gateway, Gateway)
        body = GatewayServiceEndpointWrite(
            name="weather",
            type_="endpoint",
            host="api.weather.example",
            port=443,
            protocol="https",
            credentials=CredentialsWrite(api_key="client-secret"),
        )
        created = create_gateway_service.sync(gateway.id, client=client, body=body)
        assert isinstance(created, GatewayServiceEndpoint)  # the response union, by `type`
        assert created.credentials.api_key == "********"
        read = get_gateway_service.sync_detailed(gateway.id, created.id, client=client)
        assert read.status_code == 200 and read.headers["etag"] == '"1"'
        assert "client-secret" not in read.content.decode()
        stale = update_gateway_service.sync_detailed(
            gateway.id, created.id, client=client, body=body, if_match='"9"'
        )
        assert stale.status_code == 412

        service = create_tool_service.sync(client=client, body=ToolServiceCreate(name="n", description="d"))
        assert isinstance(service, ToolService)
        again = get_tool_service.sync(service.id, client=client)
        assert isinstance(again, ToolService) and again.tools == []
