"""schemathesis over every operation, in-process: all built-in checks, specgate's own checks,
negative data included, then the stateful phase driven by the spec's links.

FUZZ_EXAMPLES (default 25 here; 100 for the full run reported in the issue) bounds the examples
per operation.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import schemathesis.checks
import schemathesis.generation.hypothesis.builder as hypothesis_builder
from hypothesis import HealthCheck, settings
from schemathesis import Config

import specgate.fuzzing.data  # noqa: F401 - registers the hook that steers updates past id checks
from specgate.admin import create_api_key
from specgate.fuzzing.checks import REPLACED_CHECKS  # importing it registers specgate's checks
from specgate.fuzzing.runner import NO_GENERATED_CREDENTIALS, STATEFUL_BY_SPEC_LINKS
from specgate.registry import RESOURCES
from specgate.server import create_app

from .support import spec_schema, sqlite_settings

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
# positive_data_acceptance is replaced by specgate's schema_valid_request_accepted (see
# specgate/fuzzing/checks.py): the API has 422 rules that a schema cannot state.
EXCLUDED = [getattr(schemathesis.checks, name) for name in REPLACED_CHECKS]

# schemathesis parametrizes at import time, and `from_fixture` fails on pytest 9 (no
# Node._nodeid), so the app and its database are made here, at collection (on every xdist worker,
# and when the module's tests are deselected), and removed when the process exits.
WORKDIR = Path(tempfile.mkdtemp(prefix="specgate-fuzz-"))
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
SETTINGS = sqlite_settings(WORKDIR)
KEY = asyncio.run(
    create_api_key(SETTINGS, email="fuzz@example.com", scopes="read,write,resolve", gateway_id=None)
)

schema = spec_schema(Config.from_dict(STATEFUL_BY_SPEC_LINKS | NO_GENERATED_CREDENTIALS))
schema.app = create_app(SETTINGS)
# Sent explicitly with every call, so schemathesis knows them for the run's own credentials (and
# probes that the API refuses a request without them).
AUTH = {"Authorization": f"Bearer {KEY}"}
SETTINGS_KW: dict[str, Any] = {"deadline": None, "suppress_health_check": list(HealthCheck)}

# schemathesis builds each operation's coverage cases (5,000 in all, seconds of CPU) when it collects
# the tests, so every xdist worker built all of them whichever ran the tests. Here an operation's cases
# are built when its test is set up: the same call on the same test function, only later (add_coverage
# attaches them as @example cases, which hypothesis reads when the test runs).
_add_coverage = hypothesis_builder.add_coverage
_coverage_to_add: dict[Callable[..., Any], Callable[[], Any]] = {}


def _add_coverage_at_setup(test: Callable[..., Any], operation: Any, *args: Any, **kwargs: Any) -> Any:
    if operation.schema.app is not schema.app:  # not this module's tests: as schemathesis does it
        return _add_coverage(test, operation, *args, **kwargs)
    _coverage_to_add[test] = functools.partial(_add_coverage, test, operation, *args, **kwargs)
    return test


hypothesis_builder.add_coverage = _add_coverage_at_setup


@pytest.fixture(autouse=True)
def coverage_cases(request: pytest.FixtureRequest) -> None:
    """The coverage cases of the operation whose test this is, built now (see above)."""
    add = _coverage_to_add.pop(getattr(request.node, "obj", None), None)
    if add is not None:
        assert add() is request.node.obj  # the cases went onto the test that runs


@schema.parametrize()
@settings(max_examples=EXAMPLES, **SETTINGS_KW)
def test_every_operation(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, excluded_checks=EXCLUDED)


class StatefulMachine(schema.as_state_machine()):  # type: ignore[misc]
    """The stateful phase: chains of calls along the spec's links (create -> get/update/delete)."""

    def setup(self) -> None:
        # Each scenario starts from an empty registry: which rules can run depends on what exists,
        # and hypothesis needs that to be the same when it replays a scenario.
        with sqlite3.connect(SETTINGS.database_url.removeprefix("sqlite:///")) as conn:
            for resource in reversed(RESOURCES):  # children first
                conn.execute(f"DELETE FROM {resource.table}")

    def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
        return {"headers": AUTH}

    def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
        case.validate_response(response, excluded_checks=EXCLUDED, **kwargs)


TestStateful = StatefulMachine.TestCase
TestStateful.settings = settings(max_examples=max(EXAMPLES // 2, 10), stateful_step_count=10, **SETTINGS_KW)
