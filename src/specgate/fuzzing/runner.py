"""`specgate fuzz`: schemathesis against any deployment, with specgate's checks, reports and clean-up."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ..registry import RESOURCES, Resource, facts
from ..spec import spec_path

if TYPE_CHECKING:  # schemathesis is imported when a run starts
    from .hooks import CreatedItem

__all__ = [
    "NO_GENERATED_CREDENTIALS",
    "READ_ONLY_HIDES_MISSING_DATA",
    "READ_ONLY_SKIPS_STATEFUL",
    "STATEFUL_BY_SPEC_LINKS",
    "FuzzOptions",
    "FuzzResult",
    "run",
    "run_phases",
]

# The stateful phase follows the spec's own links. schemathesis would also infer links from
# parameter names, and `service_id` names a UUID in the gateway API and an integer in the tool
# API: inferred links between them send values the schema forbids, as if they were valid.
STATEFUL_BY_SPEC_LINKS: dict[str, Any] = {"phases": {"stateful": {"inference": {"algorithms": []}}}}
# The run's key is sent on every request; schemathesis would also draw random credentials for the
# security schemes and then, seeing the real key accepted, report that "generated" ones were.
NO_GENERATED_CREDENTIALS: dict[str, Any] = {"generation": {"with-security-parameters": False}}


@dataclass(frozen=True)
class FuzzOptions:
    url: str
    api_key: str
    examples: int = 100
    max_time: int | None = None
    seed: int | None = None
    phases: str = "examples,coverage,fuzzing,stateful"
    read_only: bool = False
    report_dir: Path = Path("reports/fuzz")
    workers: int = 1


@dataclass(frozen=True)
class FuzzResult:
    exit_code: int
    tests: int
    failures: int
    seconds: float
    cleaned: int
    left: int


def _arguments(options: FuzzOptions, config_file: Path) -> list[str]:
    report_dir = options.report_dir
    args = [
        "--config-file",
        str(config_file),
        "run",
        str(spec_path()),
        "--url",
        options.url,
        "--header",
        f"Authorization: Bearer {options.api_key}",
        "--checks",
        "all",
        # Replaced by specgate's schema_valid_request_accepted (specgate/fuzzing/checks.py): the API
        # has 422 rules that a schema cannot state; and by created_resource_available (hooks.py),
        # which leaves out the writes the guard sends elsewhere.
        "--exclude-checks",
        "positive_data_acceptance,ensure_resource_availability",
        "--max-examples",
        str(options.examples),
        "--phases",
        run_phases(options),
        "--workers",
        str(options.workers),
        "--report",
        "junit,html",
        "--report-dir",
        str(report_dir),
        "--report-junit-path",
        str(report_dir / "junit.xml"),
        "--report-html-path",
        str(report_dir / "html"),
        "--no-color",
    ]
    if options.read_only:
        args += ["--include-method", "GET"]
    if options.max_time is not None:
        args += ["--max-time", str(options.max_time)]
    if options.seed is not None:
        args += ["--seed", str(options.seed)]
    return args


# Every link of the spec starts at a create (a POST); with GETs only, the stateful phase has no
# link left to follow (schemathesis then warns "Missing Open API links"), so it is not run.
READ_ONLY_SKIPS_STATEFUL = (
    "stateful phase skipped: a read-only run sends GETs only, and every link of the spec starts at a create"
)


def run_phases(options: FuzzOptions) -> str:
    """The phases schemathesis runs: the ones asked for, without `stateful` in a read-only run."""
    phases = [p.strip() for p in options.phases.split(",") if p.strip()]
    if options.read_only:
        phases = [p for p in phases if p != "stateful"]
    return ",".join(phases)


# A read-only run cannot make what it reads: a get-one operation answers 404 for the ids it
# generates, and schemathesis would advise links (for a stateful phase this run must not have).
READ_ONLY_HIDES_MISSING_DATA = (
    "missing_test_data warning not shown: a read-only run cannot create the resources it reads, "
    "so get-one operations answer 404 to most generated ids"
)


def _read_only_warnings(options: FuzzOptions) -> str:
    """TOML that shows every warning schemathesis shows by default but missing_test_data, when read-only."""
    if not options.read_only:
        return ""
    from schemathesis.config._warnings import DEFAULT_DISPLAYED_WARNINGS

    shown = [w.value for w in DEFAULT_DISPLAYED_WARNINGS if w.value != "missing_test_data"]
    return "\n[warnings]\ndisplay = [" + ", ".join(f'"{name}"' for name in shown) + "]\n"


def _rejections() -> str:
    """TOML: a request refused for its size (413 body, 414 URL, 431 head) is refused, not accepted."""
    from schemathesis.config._checks import NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES

    statuses = [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413", "414", "431"]
    listed = ", ".join(f'"{status}"' for status in statuses)
    return f"\n[checks.negative_data_rejection]\nexpected-statuses = [{listed}]\n"


def run(options: FuzzOptions) -> FuzzResult:
    """Fuzz the deployment at `options.url`, then delete what the run created."""
    from schemathesis.cli import schemathesis as cli

    from . import checks, data, hooks  # noqa: F401 - importing checks and data registers them

    hooks.register()  # the write guard, the created rows' ledger, and ST302 around the guard

    # The checks that PUT write only to what the run created, and to nothing in a read-only run.
    checks.may_write = checks.write_nowhere if options.read_only else hooks.created.owns

    options.report_dir.mkdir(parents=True, exist_ok=True)
    config_file = options.report_dir / "schemathesis.toml"
    # The same settings as STATEFUL_BY_SPEC_LINKS and NO_GENERATED_CREDENTIALS, as TOML.
    config_file.write_text(
        "[generation]\nwith-security-parameters = false\n\n[phases.stateful.inference]\nalgorithms = []\n"
        + _rejections()
        + _read_only_warnings(options)
    )
    started = time.monotonic()
    try:
        cli.main(_arguments(options, config_file), prog_name="specgate fuzz", standalone_mode=False)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    seconds = time.monotonic() - started
    cleaned, left = clean_up(options, hooks.created.items)
    tests, failures = _junit_counts(options.report_dir / "junit.xml")
    result = FuzzResult(code, tests, failures, seconds, cleaned, len(left))
    _write_summary(options, result, left)
    return result


def clean_up(options: FuzzOptions, created: list[CreatedItem]) -> tuple[int, list[str]]:
    """Delete what the run created, children first (the registry lists parents first); (how many
    were deleted, what was left and why)."""
    deleted, left = 0, []
    headers = {"Authorization": f"Bearer {options.api_key}"}
    with httpx.Client(base_url=options.url, headers=headers, timeout=10) as http:
        for resource in reversed(RESOURCES):
            for item in reversed(created):
                if item.resource != resource or not isinstance(item.body, dict):
                    continue
                body = item.body
                if resource.key != "id":  # the run may have renamed it since: find it by its id
                    body = _current(http, resource, body) or body
                response = http.delete(
                    _item_path(resource, item.path, body), params={"reason": "specgate fuzz clean-up"}
                )
                if response.status_code in (200, 204):
                    deleted += 1
                elif response.status_code != 404:  # 404: the run deleted it already
                    left.append(f"{response.request.url.path}: {response.status_code} {response.text[:200]}")
    return deleted, left


def _current(http: httpx.Client, resource: Resource, created: dict[str, Any]) -> dict[str, Any] | None:
    """The resource with the id `created` had, as it is now, found by its list's search on `id`
    (a resource its paths name by another field, such as a tool by its name)."""
    query = {"search_fields": "id", "search_field_values": str(created.get("id")), "limit": "100"}
    response = http.get(facts(resource).list.path, params=query)
    if response.status_code != 200:
        return None
    found: dict[str, Any] | None = next(
        (item for item in response.json()["items"] if item.get("id") == created.get("id")), None
    )
    return found


def _item_path(resource: Resource, path: dict[str, Any], body: dict[str, Any]) -> str:
    """The resource's item path: its last parameter is the row's key, the others are the create
    call's (a child's gateway)."""
    template = facts(resource).get.path
    names = re.findall(r"\{(\w+)\}", template)
    values = {name: path.get(name) for name in names[:-1]} | {names[-1]: body.get(resource.key)}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)


def _junit_counts(path: Path) -> tuple[int, int]:
    if not path.exists():
        return 0, 0
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = sum(int(s.get("tests", 0)) for s in suites)
    failures = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    return tests, failures


def _write_summary(options: FuzzOptions, result: FuzzResult, left: list[str]) -> None:
    seed = options.seed if options.seed is not None else "random (schemathesis prints the one it used)"
    lines = [
        "# specgate fuzz",
        "",
        f"- target: {options.url}",
        f"- phases: {run_phases(options)}; examples per operation: {options.examples}; "
        f"time budget: {options.max_time or 'none'}; seed: {seed}",
        f"- read-only: {'yes (GET only)' if options.read_only else 'no'}",
        *([f"- {READ_ONLY_SKIPS_STATEFUL}"] if options.read_only and "stateful" in options.phases else []),
        *([f"- {READ_ONLY_HIDES_MISSING_DATA}"] if options.read_only else []),
        f"- operations tested: {result.tests}; with failures: {result.failures}; "
        f"exit code: {result.exit_code}",
        f"- time: {result.seconds:.1f} s",
        f"- clean-up: {result.cleaned} created resources deleted, {result.left} left behind",
        *(f"  - left: {item}" for item in left),
        "",
        "Reports: `junit.xml` and `html/` beside this file.",
    ]
    (options.report_dir / "summary.md").write_text("\n".join(lines) + "\n")
