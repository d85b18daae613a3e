"""Secrets and the key never show in a repr, str, exception or log line of the client; to_dict() still
sends the real values; with_headers() and friends leave the original client alone."""

from __future__ import annotations

import inspect
import logging
import uuid

import attrs
import httpx
import pytest

specgate_client = pytest.importorskip("specgate_client", reason="run `make install`")

from specgate_client import AuthenticatedClient, Client, models  # noqa: E402
from specgate_client._shapes import SECRET_NAMES  # noqa: E402
from specgate_client.api.gateways import get_gateway  # noqa: E402

TOKEN = "sg_live_TOKEN_never_shown"


def secret_for(name: str) -> str:
    return f"SECRET-{name}-never-shown"


def model_classes() -> list[type]:
    return [cls for _, cls in inspect.getmembers(models, inspect.isclass) if attrs.has(cls)]


def filled(cls: type) -> object:
    """An instance with every str field set to a recognisable value, and a map entry when it has one."""
    kwargs: dict[str, object] = {}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        hint = str(field.type)  # the annotation as written (the models use postponed annotations)
        if "str" in hint and "Literal" not in hint:
            kwargs[field.alias or field.name] = secret_for(field.name.rstrip("_"))
        elif field.default is attrs.NOTHING:
            return None  # a required non-string field: covered through the live scenario instead
    instance = cls(**kwargs)
    if hasattr(instance, "additional_properties"):
        instance.additional_properties["Authorization"] = secret_for("map-value")
    return instance


def test_no_model_shows_a_secret_field_or_a_map_value_in_its_repr_or_str() -> None:
    checked = set()
    for cls in model_classes():
        instance = filled(cls)
        if instance is None:
            continue
        checked.add(cls.__name__)
        shown = repr(instance) + str(instance)
        for name in SECRET_NAMES:
            assert secret_for(name) not in shown, (cls.__name__, name)
        assert secret_for("map-value") not in shown, cls.__name__
        assert "Unset" not in shown  # unset fields are left out
    assert {"CredentialsWrite", "CredentialsResolved", "ToolServiceCreate"} <= checked and len(checked) > 15


def test_to_dict_still_sends_the_real_values() -> None:
    credentials = models.CredentialsWrite(api_key=secret_for("api_key"))
    assert secret_for("api_key") not in repr(credentials)
    assert credentials.to_dict()["api_key"] == secret_for("api_key")
    resolved = models.CredentialsResolved(api_key=secret_for("api_key"))
    assert secret_for("api_key") not in repr(resolved) and "api_key='********'" in repr(resolved)


def test_a_read_body_with_a_real_value_where_the_mask_belongs_does_not_echo_it() -> None:
    with pytest.raises(ValueError) as caught:
        models.Credentials.from_dict({"api_key": secret_for("api_key")})
    assert secret_for("api_key") not in str(caught.value)


def test_the_token_never_shows_in_a_client_or_its_httpx_client() -> None:
    client = AuthenticatedClient(base_url="http://api.test", token=TOKEN)
    copies = [client, client.with_headers({"X-A": "1"}), client.with_options(max_retries=0)]
    for each in copies:
        assert TOKEN not in repr(each) + str(each)
        httpx_client = each.get_httpx_client()
        assert TOKEN not in repr(httpx_client.headers) and TOKEN not in repr(httpx_client.auth)
        assert TOKEN not in str(dict(httpx_client.headers))
    assert TOKEN not in repr(Client(base_url="http://api.test"))


def test_the_token_never_shows_in_log_lines(caplog: pytest.LogCaptureFixture) -> None:
    answers = iter([httpx.Response(429, headers={"retry-after": "0"}), httpx.Response(404)])
    transport = httpx.MockTransport(lambda request: next(answers))
    client = AuthenticatedClient(base_url="http://api.test", token=TOKEN, httpx_args={"transport": transport})
    with caplog.at_level(logging.DEBUG), pytest.raises(specgate_client.errors.NotFoundError) as caught:
        get_gateway.sync(uuid.uuid4(), client=client)
    assert any("retrying GET" in record.getMessage() for record in caplog.records)  # something was logged
    assert TOKEN not in caplog.text and TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)


def test_with_headers_cookies_timeout_return_a_new_client_and_leave_the_original_alone() -> None:
    client = AuthenticatedClient(base_url="http://api.test", token=TOKEN, headers={"X-A": "1"})
    original = client.get_httpx_client()
    other = client.with_headers({"X-B": "2"}).with_cookies({"c": "1"}).with_timeout(3.0)
    assert other is not client and other.get_httpx_client() is not original
    assert "x-b" not in original.headers and "c" not in original.cookies
    assert original.timeout.read == 30.0
    assert other.get_httpx_client().headers["x-b"] == "2" and other.get_httpx_client().timeout.read == 3.0
