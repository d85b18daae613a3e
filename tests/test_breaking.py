"""The breaking-change gate (scripts/breaking.py, Redocly's diff): crafted spec pairs.

Each case changes one thing in a copy of tests/specs/breaking-base.yaml and runs the gate's CLI on
(base, changed). A breaking change fails unless the major number of info.version went up; a safe
change passes without any bump.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import breaking
import pytest

from .support import (
    BREAKING_BASE,
    Doc,
    add_operation,
    list_things,
    remove_operation,
    schemas,
    widen_enum,
    write_pair,
)

REPO = Path(__file__).resolve().parent.parent
BREAKING = REPO / "scripts" / "breaking.py"

pytestmark = pytest.mark.skipif(
    not (REPO / "scripts" / "redocly" / "node_modules" / ".bin" / "redocly").exists(),
    reason="the pinned Redocly CLI is not installed (make install)",
)


def remove_response_property(doc: Doc) -> None:
    del schemas(doc)["Thing"]["properties"]["size"]


def add_required_request_property(doc: Doc) -> None:
    schemas(doc)["ThingCreate"]["required"].append("size")


def narrow_enum(doc: Doc) -> None:
    schemas(doc)["Color"]["enum"].remove("blue")


def change_type(doc: Doc) -> None:
    schemas(doc)["ThingCreate"]["properties"]["size"]["type"] = "string"


def remove_parameter(doc: Doc) -> None:
    del list_things(doc)["parameters"]


def make_parameter_required(doc: Doc) -> None:
    list_things(doc)["parameters"][0]["required"] = True


def widen_response_enum(doc: Doc) -> None:
    # Breaking for this API: the generated client (literal_enums) rejects a value it does not know.
    schemas(doc)["Status"]["enum"].append("archived")


def add_optional_request_property(doc: Doc) -> None:
    schemas(doc)["ThingCreate"]["properties"]["note"] = {"type": "string"}


def add_response_property(doc: Doc) -> None:
    schemas(doc)["Thing"]["properties"]["created_at"] = {"type": "string", "format": "date-time"}


def add_optional_parameter(doc: Doc) -> None:
    list_things(doc)["parameters"].append({"name": "limit", "in": "query", "schema": {"type": "integer"}})


BREAKING_CHANGES: dict[str, tuple[Callable[[Doc], None], str]] = {
    "removed operation": (remove_operation, "operation-removed"),
    "removed response property": (remove_response_property, "property-removed"),
    "new required request property": (add_required_request_property, "required-properties-added"),
    "narrowed enum": (narrow_enum, "enum-values-removed"),
    "changed type": (change_type, "schema-type-changed"),
    "removed parameter": (remove_parameter, "parameter-removed"),
    "parameter made required": (make_parameter_required, "parameter-became-required"),
    "widened response enum": (widen_response_enum, "enum-values-added"),
}

SAFE_CHANGES: dict[str, Callable[[Doc], None]] = {
    "added operation": add_operation,
    "added optional request property": add_optional_request_property,
    "added response property": add_response_property,
    "widened request enum": widen_enum,
    "new optional parameter": add_optional_parameter,
}


# --- helpers ---------------------------------------------------------------------------------------


def gate(base: Path, revision: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BREAKING), "--base", str(base), "--revision", str(revision), *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- tests -----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", BREAKING_CHANGES)
def test_a_breaking_change_fails(tmp_path: Path, name: str) -> None:
    change, rule = BREAKING_CHANGES[name]
    result = gate(*write_pair(tmp_path, change))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED" in result.stdout
    assert f"[{rule}]" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("name", BREAKING_CHANGES)
def test_a_breaking_change_passes_with_a_major_bump(tmp_path: Path, name: str) -> None:
    change, _rule = BREAKING_CHANGES[name]
    result = gate(*write_pair(tmp_path, change, version="2.0.0"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "allowed: the major version went up to 2.0.0" in result.stdout


@pytest.mark.slow
def test_a_minor_bump_does_not_allow_a_breaking_change(tmp_path: Path) -> None:
    result = gate(*write_pair(tmp_path, remove_operation, version="1.1.0"))
    assert result.returncode == 1, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", SAFE_CHANGES)
def test_a_safe_change_passes_without_a_bump(tmp_path: Path, name: str) -> None:
    result = gate(*write_pair(tmp_path, SAFE_CHANGES[name]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no breaking change" in result.stdout
    assert "0 major" in result.stdout


@pytest.mark.slow
def test_no_change_is_no_change(tmp_path: Path) -> None:
    report = breaking.compare(*write_pair(tmp_path, lambda doc: None))
    assert report.changes == ()
    assert report.passed


@pytest.mark.slow
def test_the_repository_spec_passes_against_the_published_one() -> None:
    """What `make check` runs: openapi/openapi.yaml against openapi/published/openapi.yaml."""
    result = subprocess.run([sys.executable, str(BREAKING)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_missing_spec_is_an_error_not_a_pass(tmp_path: Path) -> None:
    result = gate(tmp_path / "nope.yaml", BREAKING_BASE)
    assert result.returncode == 2
    assert "spec not found" in result.stderr


@pytest.mark.parametrize(
    ("version", "expected"), [("1.0.0", 1), ("v2.3.4", 2), ("10", 10), ("0.9.1-rc.1", 0)]
)
def test_major(version: str, expected: int) -> None:
    assert breaking.major(version) == expected


@pytest.mark.parametrize("version", ["", "latest", "one.two"])
def test_a_version_without_a_major_number_is_refused(version: str) -> None:
    with pytest.raises(breaking.GateError):
        breaking.major(version)


@pytest.mark.slow
def test_a_breaking_report_with_an_unreadable_version_is_an_error(tmp_path: Path) -> None:
    result = gate(*write_pair(tmp_path, remove_operation, version="next"))
    assert result.returncode == 2
    assert "major number" in result.stderr
