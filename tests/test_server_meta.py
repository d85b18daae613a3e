"""Health, readiness, the version and the spec as written (server/routes/meta.py)."""

from __future__ import annotations

import yaml

from specgate.spec import Spec

from .support import Api


def test_the_spec_is_served_as_written(api: Api, spec: Spec) -> None:
    assert api.client.get("/openapi.yaml").text == spec.text
    assert api.client.get("/openapi.json").json() == yaml.safe_load(spec.text)
    version = api.client.get("/version").json()
    assert version["api"] == spec.version


def test_health_and_readiness(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").json() == {"status": "ok"}
