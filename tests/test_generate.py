"""The generation gate: generated/ is what scripts/generate.py makes from openapi/openapi.yaml."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import generate
import pytest
import yaml
from pydantic import MISSING, ValidationError

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi" / "openapi.yaml"
GENERATED = REPO / "generated"
GENERATE = REPO / "scripts" / "generate.py"


def run_generate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GENERATE), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


def tree_digest(root: Path) -> dict[str, str]:
    return {str(rel): hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in generate.walk(root)}


@pytest.mark.slow
def test_committed_tree_is_up_to_date_and_generation_is_deterministic() -> None:
    """A generation made now, in a new temporary directory, is byte for byte the one another run
    made into generated/ (at another time, in another directory): the tree is up to date, and
    nothing of the run (time, path, hash seed) leaks into the output."""
    result = run_generate("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_committed_tree_has_models_and_client() -> None:
    files = {str(rel) for rel in generate.walk(GENERATED)}
    assert "models/specgate_models/__init__.py" in files
    assert "models/specgate_models/py.typed" in files
    assert "client/pyproject.toml" in files
    assert "client/specgate_client/__init__.py" in files
    assert "docs/index.html" in files
    assert {"typescript/package.json", "typescript/src/schema.ts", "typescript/src/index.ts"} <= files
    docs = (GENERATED / "docs" / "index.html").read_text(encoding="utf-8")
    assert "redoc.standalone.js" not in docs  # Redoc is inlined: the page works offline


def _add_property(spec_text: str) -> str:
    document = yaml.safe_load(spec_text)
    schemas: dict[str, Any] = document["components"]["schemas"]
    for schema in schemas.values():
        if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
            schema["properties"]["zz_drift_probe"] = {"type": "string"}
            return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    raise AssertionError("no component schema with properties in the spec")


@pytest.mark.slow
def test_drift_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    changed_spec = tmp_path / "openapi.yaml"
    changed_spec.write_text(_add_property(SPEC.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree_digest(GENERATED)

    result = run_generate("--check", "--spec", changed_spec)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "changed: models/specgate_models/__init__.py" in result.stdout
    assert "zz_drift_probe" in result.stdout  # the diff names the new field
    assert tree_digest(GENERATED) == before


@pytest.mark.slow
def test_generated_code_type_checks() -> None:
    """mypy --strict with the pydantic plugin, as the project's settings run it. They share its cache
    too: `make check` (just before `make test` in CI) has checked both packages already, as imports of
    src/ and of the client scenario, so this run reads most of them from there (2 s, not 5)."""
    models = GENERATED / "models" / "specgate_models"
    mypy = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            str(models),
            str(GENERATED / "client" / "specgate_client"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    # Pyflakes-level errors (undefined names, unused imports) in either generated package.
    ruff = subprocess.run(
        [
            sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache",
            "--target-version", "py311", "--select", "F,E9",
            str(models), str(GENERATED / "client" / "specgate_client"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_installed_packages_are_the_generated_ones() -> None:
    import specgate_client
    import specgate_models

    assert Path(specgate_models.__file__).resolve() == (
        GENERATED / "models" / "specgate_models" / "__init__.py"
    )
    assert Path(specgate_client.__file__).resolve().is_relative_to(GENERATED / "client")


# A small spec: the behaviour the server relies on (with generate.py's own flags), and --check's report.
SEMANTICS_SPEC = textwrap.dedent(
    """\
    openapi: 3.1.0
    info: {title: semantics, version: "1"}
    paths: {}
    components:
      schemas:
        HostTarget:
          type: object
          additionalProperties: false
          required: [kind, host]
          properties:
            kind: {const: host}
            host: {type: string}
            protocol: {type: string, enum: [http, https], default: http}
        ProviderTarget:
          type: object
          additionalProperties: false
          required: [kind]
          properties:
            kind: {const: provider}
            api_key: {type: string, writeOnly: true, format: password, x-secret: true}
        Target:
          oneOf:
            - $ref: "#/components/schemas/HostTarget"
            - $ref: "#/components/schemas/ProviderTarget"
          discriminator: {propertyName: kind}
        Thing:
          type: object
          additionalProperties: false
          required: [name]
          properties:
            name: {type: string}
            note: {type: [string, "null"]}
            comment: {type: string}
            protocol: {type: string, enum: [http, https]}
            targets: {type: array, items: {$ref: "#/components/schemas/Target"}}
            labels:
              type: [object, "null"]
              propertyNames: {minLength: 1}
              additionalProperties: {type: [string, "null"], minLength: 1}
        Open:
          type: object
          properties:
            name: {type: string}
    """
)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(spec, tree): SEMANTICS_SPEC and one generation of it, which the tests below only read."""
    root = tmp_path_factory.mktemp("semantics")
    (root / "openapi.yaml").write_text(SEMANTICS_SPEC)
    generate.build(root / "openapi.yaml", root / "generated")
    return root / "openapi.yaml", root / "generated"


@pytest.fixture(scope="module")
def semantics(small: tuple[Path, Path]) -> Iterator[ModuleType]:
    path = small[1] / "models" / "specgate_models" / "__init__.py"
    spec = importlib.util.spec_from_file_location("semantics_models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


@pytest.mark.slow
@pytest.mark.xdist_group("semantics")  # one generation of the small spec (the module fixture)
def test_check_reports_missing_extra_and_changed_files(tmp_path: Path, small: tuple[Path, Path]) -> None:
    spec, fresh = small
    out = tmp_path / "generated"
    shutil.copytree(fresh, out)
    models = out / "models" / "specgate_models" / "__init__.py"
    models.write_bytes(models.read_bytes() + b"# edited by hand\n")
    (out / "client" / "README.md").unlink()
    (out / "client" / "stray.py").write_text("x = 1\n")
    (out / "models" / "specgate_models" / "__pycache__").mkdir()
    (out / "models" / "specgate_models" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"")

    result = run_generate("--check", "--spec", spec, "--out", out)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "missing: client/README.md" in result.stdout
    assert "extra:   client/stray.py" in result.stdout
    assert "changed: models/specgate_models/__init__.py" in result.stdout
    assert "__pycache__" not in result.stdout

    # The plain mode repairs the tree (it is a fresh generation again), leaving local by-products alone.
    assert run_generate("--spec", spec, "--out", out).returncode == 0
    assert generate.compare(fresh, out) == ([], [], [])
    assert (out / "models" / "specgate_models" / "__pycache__").is_dir()


@pytest.mark.slow
@pytest.mark.xdist_group("semantics")  # one generation of the small spec (the module fixture)
def test_omitted_is_missing_and_null_is_none(semantics: ModuleType) -> None:
    thing = semantics.Thing.model_validate({"name": "a"})
    assert thing.note is MISSING and thing.comment is MISSING and thing.protocol is MISSING
    assert thing.model_dump() == {"name": "a"}
    assert semantics.Thing.model_validate({"name": "a", "note": None}).model_dump() == {
        "name": "a",
        "note": None,
    }
    with pytest.raises(ValidationError):  # optional but not nullable
        semantics.Thing.model_validate({"name": "a", "comment": None})
    # A nullable map (type [object, null] with propertyNames) and its nullable values.
    labels = {"name": "a", "labels": {"k": None, "l": "v"}}
    assert semantics.Thing.model_validate(labels).model_dump() == labels
    assert semantics.Thing.model_validate({"name": "a", "labels": None}).labels is None
    with pytest.raises(ValidationError):
        semantics.Thing.model_validate({"name": "a", "labels": {"": "v"}})


@pytest.mark.slow
@pytest.mark.xdist_group("semantics")  # one generation of the small spec (the module fixture)
def test_additional_properties(semantics: ModuleType) -> None:
    with pytest.raises(ValidationError, match="extra_forbidden"):
        semantics.Thing.model_validate({"name": "a", "bogus": 1})
    # No additionalProperties in the schema: unknown fields are accepted (and dropped).
    assert semantics.Open.model_validate({"name": "a", "bogus": 1}).model_dump() == {"name": "a"}


@pytest.mark.slow
@pytest.mark.xdist_group("semantics")  # one generation of the small spec (the module fixture)
def test_discriminated_union_and_secrets(semantics: ModuleType) -> None:
    thing = semantics.Thing.model_validate(
        {
            "name": "a",
            "targets": [{"kind": "host", "host": "h"}, {"kind": "provider", "api_key": "s"}],
        }
    )
    assert [type(t).__name__ for t in thing.targets] == ["HostTarget", "ProviderTarget"]
    # format: password stays a plain str (no SecretStr, which would dump as "**********").
    assert thing.model_dump(mode="json")["targets"][1]["api_key"] == "s"
    assert thing.targets[0].protocol == "http"
    with pytest.raises(ValidationError, match="union_tag_invalid"):
        semantics.Thing.model_validate({"name": "a", "targets": [{"kind": "other"}]})
