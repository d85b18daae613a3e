"""The spec in the generators users pick: what each one makes from it compiles, and a client made by
openapi-generator keeps every secret through a GET -> PUT round trip on a live server.

- openapi-generator (the `openapi-generator-cli` wheel pinned in pyproject, its bundled jar run by a
  Java 17 runtime): `validate` passes on openapi/openapi.yaml (which `make publish` ships unchanged as
  dist/openapi.yaml) and `generate` runs with validation on (no `--skip-validate-spec`); its `python`
  client imports and drives a live server; its `typescript-fetch` client compiles with a usage file.
- openapi-typescript, @hey-api/openapi-ts and orval (pinned in scripts/ecosystem and
  scripts/typescript), run with their default settings as a new user would: a usage file passing each
  GET body back as the PUT body compiles against their output (tests/ecosystem/*.ts).
- Go is not built: openapi-generator's go client needs Go 1.23 (Debian 12 has 1.19) and the module
  gopkg.in/validator.v2, which only the Go module proxy serves, and these machines cannot reach it.

Without Java the openapi-generator tests skip, saying why; CI sets SPECGATE_TEST_REQUIRE_JAVA=1 (and
installs Java) so there they fail instead. The python client is generated once for the two tests that
use it (one xdist group); every other test is independent, every directory a fresh temporary one, and
the server listens on a free port, so the tests spread over pytest-xdist workers.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from .support import ROOT, ServerProcess, serve_fresh_sqlite

pytestmark = pytest.mark.slow

SPEC = ROOT / "openapi" / "openapi.yaml"
USAGE = ROOT / "tests" / "ecosystem"
ECOSYSTEM_BIN = ROOT / "scripts" / "ecosystem" / "node_modules" / ".bin"
TYPESCRIPT_TOOLS = ROOT / "scripts" / "typescript" / "node_modules"
TSC = TYPESCRIPT_TOOLS / ".bin" / "tsc"
OPENAPI_GENERATOR = Path(sys.executable).parent / "openapi-generator-cli"
REQUIRE_JAVA = os.environ.get("SPECGATE_TEST_REQUIRE_JAVA") == "1"
# The JIT's first tier only: a generator run is short, and this halves it (about 5 s to 2.7 s).
JAVA_ENV = {"JAVA_OPTS": "-XX:TieredStopAtLevel=1"}
PYTHON_PACKAGE = "specgate_oag"
MASK = "********"

# The same compiler settings for every generator's output: what a strict TypeScript project uses
# (generated code is .ts, so it is checked; skipLibCheck skips only the DOM's and other .d.ts files).
TSCONFIG = """{
  "compilerOptions": {
    "target": "ES2022", "lib": ["ES2022", "DOM", "DOM.Iterable"], "module": "ESNext",
    "moduleResolution": "Bundler", "strict": true, "noEmit": true, "skipLibCheck": true,
    "types": []
  },
  "include": ["*.ts", "generated/**/*.ts"]
}
"""


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a tool; its output is the failure message when it fails."""
    proc = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=os.environ | (env or {}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, (
        f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{output[-6000:]}"
    )
    return output


def tool(path: Path) -> Path:
    assert path.exists(), f"{path} is missing: run `make install`"
    return path


def compile_usage(project: Path, usage: str) -> None:
    """tsc on tests/ecosystem/<usage> beside a generator's output in project/generated."""
    shutil.copyfile(USAGE / usage, project / usage)
    (project / "tsconfig.json").write_text(TSCONFIG, encoding="utf-8")
    run([tool(TSC), "-p", project / "tsconfig.json"], cwd=project)


# --- openapi-generator ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def openapi_generator() -> Path:
    """The openapi-generator CLI of the venv, with a Java runtime to run its jar."""
    java = shutil.which("java")
    if java is None:
        message = "no Java runtime (Debian: apt-get install openjdk-17-jre-headless)"
        if REQUIRE_JAVA:
            pytest.fail(f"{message}; SPECGATE_TEST_REQUIRE_JAVA=1")
        pytest.skip(f"{message}; SPECGATE_TEST_REQUIRE_JAVA=1 makes this a failure")
    version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    found = re.search(r'version "(\d+)', version)
    assert found and int(found.group(1)) >= 11, f"openapi-generator 7 needs Java 11 or newer: {version}"
    return tool(OPENAPI_GENERATOR)


def generate(cli: Path, generator: str, out: Path, *properties: str) -> None:
    """`openapi-generator-cli generate` with spec validation on, without docs and test stubs."""
    command: list[str | Path] = [cli, "generate", "-i", SPEC, "-g", generator, "-o", out]
    command += ["--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"]
    if properties:
        command += ["--additional-properties", ",".join(properties)]
    run(command, cwd=out.parent, env=JAVA_ENV)


def test_openapi_generator_validates_the_spec(openapi_generator: Path, tmp_path: Path) -> None:
    output = run([openapi_generator, "validate", "-i", SPEC], cwd=tmp_path, env=JAVA_ENV)
    assert "No validation issues detected" in output, output


@pytest.fixture(scope="module")
def python_client(openapi_generator: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """openapi-generator's python client, imported from a fresh directory."""
    out = tmp_path_factory.mktemp("openapi-generator-python") / "client"
    generate(openapi_generator, "python", out, f"packageName={PYTHON_PACKAGE}", "projectName=specgate-oag")
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PYTHON_PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [name for name in sys.modules if name.split(".")[0] == PYTHON_PACKAGE]:
            del sys.modules[name]


@pytest.mark.xdist_group("openapi-generator-python")  # one generation (the module fixture)
def test_openapi_generator_python_client_imports(python_client: ModuleType) -> None:
    modules = [info.name for info in pkgutil.walk_packages(python_client.__path__, f"{PYTHON_PACKAGE}.")]
    for name in modules:
        importlib.import_module(name)
    assert f"{PYTHON_PACKAGE}.api.gateway_services_api" in modules
    assert f"{PYTHON_PACKAGE}.api.tool_services_api" in modules


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerProcess, str]]:
    server, key = serve_fresh_sqlite(tmp_path, email="ecosystem@example.com")
    try:
        yield server, key
    finally:
        server.stop()


def etag(response: Any) -> str:
    """The ETag of an answer of the generated client (its headers are a plain dict, names as sent)."""
    return str({name.lower(): value for name, value in response.headers.items()}["etag"])


def put_back(pkg: ModuleType, api: Any, read: str, update: str, write_model: str, **path: Any) -> Any:
    """GET a resource with its ETag and PUT the body as read back under that ETag."""
    got = getattr(api, f"{read}_with_http_info")(**path)
    assert got.status_code == 200
    body = {
        re.sub(r"(?<!^)([A-Z])", r"_\1", write_model).lower(): getattr(pkg, write_model).from_json(
            got.data.to_json()
        )
    }
    put = getattr(api, f"{update}_with_http_info")(**path, **body, if_match=etag(got))
    assert put.status_code == 200
    return put.data


@pytest.mark.xdist_group("openapi-generator-python")  # one generation (the module fixture)
def test_openapi_generator_python_client_keeps_every_secret_through_get_put(
    python_client: ModuleType, server: tuple[ServerProcess, str]
) -> None:
    live, key = server
    pkg = python_client
    config = pkg.Configuration(host=live.url, access_token=key)
    with pkg.ApiClient(config) as client:
        gateways = pkg.GatewaysApi(client)
        upstreams = pkg.UpstreamsApi(client)
        services = pkg.GatewayServicesApi(client)
        tool_services = pkg.ToolServicesApi(client)

        gateway = gateways.create_gateway(pkg.GatewayWrite(name="ecosystem"))
        upstream = upstreams.create_upstream(
            gateway.id,
            pkg.UpstreamWrite.from_dict(
                {
                    "name": "semantic-pool",
                    "algorithm": "semantic",
                    "embedding_config": {
                        "provider": "openai",
                        "model": "text-embedding-3-small",
                        "credentials": {"api_key": "embedding-secret"},
                    },
                    "targets": [
                        {
                            "provider": "anthropic",
                            "models": ["claude"],
                            "default_model": "claude",
                            "description": "long answers",
                            "credentials": {"api_key": "target-secret"},
                        }
                    ],
                }
            ),
        )
        endpoint = services.create_gateway_service(
            gateway.id,
            pkg.GatewayServiceWrite.from_dict(
                {
                    "type": "endpoint",
                    "name": "weather",
                    "host": "api.weather.example",
                    "port": 443,
                    "protocol": "https",
                    "credentials": {
                        "api_key": "endpoint-secret",
                        "header_name": "X-Api-Key",
                        "header_value": "header-secret",
                    },
                }
            ),
        )
        via_upstream = services.create_gateway_service(
            gateway.id,
            pkg.GatewayServiceWrite.from_dict(
                {"type": "upstream", "name": "chat", "upstream_id": str(upstream.id)}
            ),
        )
        tool_service = tool_services.create_tool_service(
            pkg.ToolServiceCreate.from_dict(
                {
                    "name": "weather tools",
                    "description": "forecasts",
                    "auth_type": "basic",
                    "auth_values": {"username": "forecaster", "password": "tool-secret"},
                }
            )
        )

        put_back(pkg, gateways, "get_gateway", "update_gateway", "GatewayWrite", gateway_id=gateway.id)
        put_back(
            pkg,
            upstreams,
            "get_upstream",
            "update_upstream",
            "UpstreamWrite",
            gateway_id=gateway.id,
            upstream_id=upstream.id,
        )
        for service in (endpoint, via_upstream):
            put_back(
                pkg,
                services,
                "get_gateway_service",
                "update_gateway_service",
                "GatewayServiceWrite",
                gateway_id=gateway.id,
                service_id=id_of(service),
            )
        # A GET body has the auth values' keys only; each sent as null keeps its stored value.
        got = tool_services.get_tool_service_with_http_info(tool_service.id)
        update = pkg.ToolServiceUpdate.from_json(got.data.to_json())
        update.auth_values = dict.fromkeys(got.data.auth_value_keys or [])
        put = tool_services.update_tool_service_with_http_info(update, if_match=etag(got))
        assert put.status_code == 200

    # Resolve (plain HTTP, not the generated client) shows every secret as it was written.
    auth = {"Authorization": f"Bearer {key}"}
    base = f"{live.url}/api/v1/gateways/{gateway.id}/services"
    resolved = httpx.get(f"{base}/{id_of(endpoint)}/resolved", headers=auth).json()
    assert resolved["credentials"] == {
        "api_key": "endpoint-secret",
        "header_name": "X-Api-Key",
        "header_value": "header-secret",
    }
    resolved = httpx.get(f"{base}/{id_of(via_upstream)}/resolved", headers=auth).json()
    assert resolved["upstream"]["embedding_config"]["credentials"] == {"api_key": "embedding-secret"}
    assert [target["credentials"] for target in resolved["upstream"]["targets"]] == [
        {"api_key": "target-secret"}
    ]
    resolved = httpx.get(f"{live.url}/api/v1/services/{tool_service.id}/resolved-auth", headers=auth).json()
    assert resolved["auth_values"] == {"username": "forecaster", "password": "tool-secret"}
    # And the round trips did happen: every resource is at its second version.
    for path in (
        f"{base}/{id_of(endpoint)}",
        f"{base}/{id_of(via_upstream)}",
        f"/api/v1/services/{tool_service.id}",
    ):
        url = path if path.startswith("http") else live.url + path
        assert httpx.get(url, headers=auth).headers["ETag"] == '"2"'


def id_of(service: Any) -> str:
    """The id of a gateway service as the generated client answers it (a oneOf wrapper or a model)."""
    return str(getattr(service, "actual_instance", service).id)


def test_openapi_generator_typescript_fetch_compiles_with_get_put(
    openapi_generator: Path, tmp_path: Path
) -> None:
    generate(openapi_generator, "typescript-fetch", tmp_path / "generated", "supportsES6=true")
    compile_usage(tmp_path, "typescript_fetch.ts")


# --- TypeScript generators run with their defaults -----------------------------------------------


def test_openapi_typescript_types_pass_a_get_body_as_a_put_body(tmp_path: Path) -> None:
    (tmp_path / "generated").mkdir()
    run(
        [tool(TYPESCRIPT_TOOLS / ".bin" / "openapi-typescript"), SPEC, "-o", "generated/schema.ts"],
        cwd=tmp_path,
    )
    compile_usage(tmp_path, "openapi_typescript.ts")


def test_hey_api_client_passes_a_get_body_as_a_put_body(tmp_path: Path) -> None:
    run([tool(ECOSYSTEM_BIN / "openapi-ts"), "-i", SPEC, "-o", "generated"], cwd=tmp_path)
    compile_usage(tmp_path, "hey_api.ts")


def test_orval_fetch_client_passes_a_get_body_as_a_put_body(tmp_path: Path) -> None:
    config = tmp_path / "orval.config.mjs"
    output = {"target": "./generated/client.ts", "client": "fetch", "mode": "single"}
    settings = {"specgate": {"input": str(SPEC), "output": output}}
    config.write_text(f"export default {json.dumps(settings)};\n", encoding="utf-8")
    run([tool(ECOSYSTEM_BIN / "orval"), "--config", config], cwd=tmp_path)
    compile_usage(tmp_path, "orval.ts")
