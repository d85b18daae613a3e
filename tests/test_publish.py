"""`make publish` (scripts/publish.py): what dist/ holds, versions that agree, the changelog."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

import publish
import pytest
import yaml
from openapi_spec_validator import validate
from starlette.testclient import TestClient

from specgate.server import create_app

from .support import add_operation, remove_operation, sqlite_settings, widen_enum, write_pair

REPO = Path(__file__).resolve().parent.parent
PUBLISH = REPO / "scripts" / "publish.py"
SPEC = REPO / "openapi" / "openapi.yaml"
PUBLISHED = REPO / "openapi" / "published" / "openapi.yaml"
CHANGELOG = REPO / "openapi" / "CHANGELOG.md"
GENERATED_DOCS = REPO / "generated" / "docs" / "index.html"


def run_publish(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PUBLISH), *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def spec_version() -> str:
    return str(yaml.safe_load(SPEC.read_text(encoding="utf-8"))["info"]["version"])


# --- dist/ -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_dist_holds_the_release(dist: Path) -> None:
    version = spec_version()
    names = {str(path.relative_to(dist)) for path in dist.rglob("*") if path.is_file()}
    assert names == {
        "openapi.yaml",
        "openapi.json",
        "docs/index.html",
        f"specgate_client-{version}-py3-none-any.whl",
        f"specgate_client-{version}.tar.gz",
        f"specgate-client-{version}.tgz",
        "CHANGELOG.md",
    }


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_the_bundled_spec_is_one_valid_self_contained_document_in_two_forms(dist: Path) -> None:
    source = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    as_yaml = yaml.safe_load((dist / "openapi.yaml").read_text(encoding="utf-8"))
    as_json = json.loads((dist / "openapi.json").read_text(encoding="utf-8"))
    assert as_yaml == source
    assert as_json == source
    for document in (as_yaml, as_json):
        validate(document)
        assert all(ref.startswith("#/") for ref in publish.refs(document))
    # Integer ids say `format: int64`, not a 64-bit literal that Node and Java tools round.
    assert as_json["components"]["parameters"]["ToolServiceId"]["schema"]["format"] == "int64"
    assert "9223372036854775807" not in (dist / "openapi.json").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_the_docs_are_the_generated_reference_which_is_offline(dist: Path) -> None:
    html = (dist / "docs" / "index.html").read_bytes().decode("utf-8")
    assert html == GENERATED_DOCS.read_bytes().decode("utf-8")  # the reference /docs serves
    assert "cdn.redoc.ly" not in html
    assert '<link rel="icon" href="data:,">' in html


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_the_wheel_and_sdist_are_the_generated_client_at_the_spec_version(dist: Path) -> None:
    version = spec_version()
    with zipfile.ZipFile(dist / f"specgate_client-{version}-py3-none-any.whl") as wheel:
        names = wheel.namelist()
        metadata = Parser().parsestr(wheel.read(f"specgate_client-{version}.dist-info/METADATA").decode())
    assert metadata["Name"] == "specgate-client"
    assert metadata["Version"] == version
    assert "specgate_client/__init__.py" in names
    assert "specgate_client/client.py" in names
    with tarfile.open(dist / f"specgate_client-{version}.tar.gz") as sdist:
        member = sdist.extractfile(f"specgate_client-{version}/pyproject.toml")
        assert member is not None
        assert tomllib.loads(member.read().decode())["project"]["version"] == version


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_the_npm_tarball_is_the_compiled_typescript_client_at_the_spec_version(
    dist: Path, tmp_path: Path
) -> None:
    version = spec_version()
    with tarfile.open(dist / f"specgate-client-{version}.tgz") as tgz:
        names = set(tgz.getnames())
        member = tgz.extractfile("package/package.json")
        assert member is not None
        package = json.loads(member.read())
        tgz.extractall(tmp_path / "unpacked", filter="data")
    assert package["name"] == "specgate-client" and package["version"] == version
    assert {"package/dist/index.js", "package/dist/index.d.ts", "package/dist/schema.d.ts"} <= names
    # Installed beside its one dependency, the package imports and makes a client.
    modules = tmp_path / "app" / "node_modules"
    modules.mkdir(parents=True)
    (tmp_path / "unpacked" / "package").rename(modules / "specgate-client")
    (modules / "openapi-fetch").symlink_to(REPO / "scripts" / "typescript" / "node_modules" / "openapi-fetch")
    (modules / "openapi-typescript-helpers").symlink_to(
        REPO / "scripts" / "typescript" / "node_modules" / "openapi-typescript-helpers"
    )
    script = (
        "import { createSpecgateClient } from 'specgate-client';"
        "const api = createSpecgateClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k' });"
        "console.log(typeof api.GET, typeof api.PUT);"
    )
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        cwd=tmp_path / "app",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["function", "function"]


@pytest.mark.slow
@pytest.mark.xdist_group("publish")  # one run of publish.py (the session fixture `dist`)
def test_the_changelog_has_every_entry_and_the_one_for_this_diff(dist: Path) -> None:
    text = (dist / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith(publish.CHANGELOG_TITLE)
    kept = CHANGELOG.read_text(encoding="utf-8")
    for heading in (line for line in kept.splitlines() if line.startswith("## ")):
        assert heading in text
    entry = publish.changelog_entry(publish.breaking.compare(PUBLISHED, SPEC))
    assert text == publish.changelog_with(entry, kept)


def test_api_version_client_version_and_server_version_agree(tmp_path: Path) -> None:
    """info.version == the generated clients' versions == the `api` of the server's /version."""
    version = spec_version()
    assert publish.client_version(REPO / "generated" / "client") == version
    assert publish.typescript_version(REPO / "generated" / "typescript") == version
    with TestClient(create_app(sqlite_settings(tmp_path))) as client:
        body = client.get("/version").json()
    assert body["api"] == version


def test_the_published_spec_is_a_valid_release() -> None:
    document = yaml.safe_load(PUBLISHED.read_text(encoding="utf-8"))
    validate(document)
    assert publish.breaking.major(str(document["info"]["version"])) >= 1
    assert f"## {document['info']['version']}" in CHANGELOG.read_text(encoding="utf-8")


# --- failures --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_publish_stops_at_a_breaking_change(tmp_path: Path) -> None:
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    published = yaml.safe_load((REPO / "openapi" / "published" / "openapi.yaml").read_text(encoding="utf-8"))
    document["info"]["version"] = published["info"]["version"]  # no major bump
    first_path = next(iter(document["paths"]))
    del document["paths"][first_path]
    broken = tmp_path / "openapi.yaml"
    broken.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    out = tmp_path / "dist"
    result = run_publish("--spec", broken, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "breaking-change gate failed" in result.stderr
    assert "[operation-removed]" in result.stdout or "[path-removed]" in result.stdout
    assert not out.exists()


def test_publish_never_empties_the_repository() -> None:
    for out in (REPO, REPO.parent):
        with pytest.raises(publish.PublishError, match="refusing"):
            publish.empty_out(out)


def test_an_external_or_unresolvable_ref_is_not_a_bundle() -> None:
    with pytest.raises(publish.PublishError, match="external"):
        publish.check_self_contained({"a": {"$ref": "other.yaml#/x"}})
    with pytest.raises(publish.PublishError, match="unresolvable"):
        publish.check_self_contained({"a": {"$ref": "#/components/schemas/Nope"}})
    publish.check_self_contained({"a": {"$ref": "#/b/c~1d"}, "b": {"c/d": {}}})


def test_offline_docs_is_idempotent() -> None:
    html = GENERATED_DOCS.read_bytes().decode("utf-8")
    once = publish.generate.offline_docs(html)
    assert publish.generate.offline_docs(once) == once
    assert once.count('rel="icon"') == 1


# --- changelog entries from crafted pairs ----------------------------------------------------------


def entry_for(tmp_path: Path, change: Any, version: str | None = None) -> str | None:
    report = publish.breaking.compare(*write_pair(tmp_path, change, version))
    result: str | None = publish.changelog_entry(report)
    return result


def test_no_change_makes_no_entry(tmp_path: Path) -> None:
    assert entry_for(tmp_path, lambda doc: None) is None


def test_a_major_release_lists_breaking_changes_and_additions(tmp_path: Path) -> None:
    def change(doc: dict[str, Any]) -> None:
        remove_operation(doc)
        add_operation(doc)

    entry = entry_for(tmp_path, change, version="2.0.0")
    assert entry is not None
    assert entry.startswith("## 2.0.0\n")
    assert "Compared with the published 1.0.0." in entry
    breaking_part = entry.split("### Breaking changes")[1].split("###")[0]
    assert "Operation `POST /things` was removed." in breaking_part
    additions = entry.split("### Additions")[1].split("###")[0]
    assert "Operation `DELETE /things/{thing_id}` was added." in additions


def test_changes_without_a_new_version_are_unreleased(tmp_path: Path) -> None:
    entry = entry_for(tmp_path, widen_enum)
    assert entry is not None
    assert entry.startswith("## Unreleased (info.version is still 1.0.0)")
    assert "### Breaking changes" not in entry


def test_the_new_entry_goes_on_top_and_record_keeps_it(tmp_path: Path) -> None:
    entry = "## 1.1.0\n\nCompared with the published 1.0.0.\n"
    text = publish.changelog_with(entry, CHANGELOG.read_text(encoding="utf-8"))
    assert text.index("## 1.1.0") < text.index("## 1.0.0")
    assert publish.changelog_with(None, text) == text
    spec, published, changelog = (
        tmp_path / "openapi.yaml",
        tmp_path / "published" / "openapi.yaml",
        tmp_path / "C.md",
    )
    spec.write_text("openapi: 3.1.0\n", encoding="utf-8")
    publish.record(spec, published, changelog, text)
    assert published.read_text(encoding="utf-8") == "openapi: 3.1.0\n"
    assert changelog.read_text(encoding="utf-8") == text


def test_record_refuses_changes_under_the_published_version(tmp_path: Path) -> None:
    base, revision = write_pair(tmp_path, add_operation)
    with pytest.raises(publish.PublishError, match=r"still the published 1\.0\.0"):
        publish.publish(revision, base, tmp_path / "CHANGELOG.md", tmp_path / "dist", do_record=True)
    assert not (tmp_path / "dist").exists()
