#!/usr/bin/env python3
"""The breaking-change gate: the spec against the last published one.

    python scripts/breaking.py          # openapi/published/openapi.yaml -> openapi/openapi.yaml
    python scripts/breaking.py --base OLD --revision NEW [--json]

The comparison is Redocly's `diff` (the CLI pinned in scripts/redocly, offline), which rates every
change by the semver bump it needs. A change rated `major` (removed operation, path, parameter,
response or response property; a new required request property; a parameter or request body made
required; a narrowed enum; a changed type; ...) is breaking. The gate fails when there is one and
the major number of `info.version` did not go up; additive (minor) and patch changes always pass.

Exit status: 0 passed, 1 breaking changes without a major bump, 2 the comparison could not be made.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_BASE = REPO / "openapi" / "published" / "openapi.yaml"
DEFAULT_REVISION = REPO / "openapi" / "openapi.yaml"
REDOCLY = REPO / "scripts" / "redocly" / "node_modules" / ".bin" / "redocly"

# Redocly rules left out of the rating (`--skip-rule`). Empty on purpose: Redocly rates a value added
# to an enum that a *response* uses (`enum-values-added`) as major, and for this API it is: the
# generated client (literal_enums) raises TypeError on a value it does not know. A value added to an
# enum used only in requests is rated minor and passes.
SKIPPED_RULES: tuple[str, ...] = ()

IMPACTS = ("major", "minor", "patch")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class GateError(Exception):
    """The comparison could not be made (tool missing or failing, unreadable version)."""


@dataclass(frozen=True)
class Change:
    """One change Redocly found, with the bump it needs and its messages (empty for plain additions)."""

    impact: str
    kind: str
    path: str
    messages: tuple[str, ...]
    rules: tuple[str, ...]
    property: str = ""

    def describe(self) -> str:
        where = readable_pointer(self.path)
        if self.messages:
            rules = f" [{', '.join(self.rules)}]" if self.rules else ""
            return f"{' '.join(self.messages)}{rules} (at `{where}`)"
        parts = self.path.removeprefix("#/").split("/")
        if parts[0] == "paths" and len(parts) == 3 and parts[2] in HTTP_METHODS:
            return f"Operation `{parts[2].upper()} {readable_pointer('#/' + parts[1])}` was {self.kind}."
        if parts[0] == "paths" and len(parts) == 2:
            return f"Path `{readable_pointer('#/' + parts[1])}` was {self.kind}."
        return f"{self.kind}: `{where}`" + (f" ({self.property})" if self.property else "")


@dataclass(frozen=True)
class Report:
    base_version: str
    revision_version: str
    changes: tuple[Change, ...] = field(default=())

    def of_impact(self, impact: str) -> list[Change]:
        return [change for change in self.changes if change.impact == impact]

    @property
    def breaking(self) -> list[Change]:
        return self.of_impact("major")

    @property
    def major_bumped(self) -> bool:
        return major(self.revision_version) > major(self.base_version)

    @property
    def passed(self) -> bool:
        return not self.breaking or self.major_bumped


def major(version: str) -> int:
    found = re.match(r"v?(\d+)(?:\.|$)", version.strip())
    if not found:
        raise GateError(f"info.version {version!r} does not start with a major number")
    return int(found.group(1))


def readable_pointer(pointer: str) -> str:
    """`#/paths/~1things/get` -> `paths /things get`."""
    parts = pointer.removeprefix("#/").split("/")
    return " ".join(part.replace("~1", "/").replace("~0", "~") for part in parts)


def redocly_env() -> dict[str, str]:
    env = dict(os.environ)
    env["REDOCLY_TELEMETRY"] = "off"
    env["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true"
    return env


def run_redocly_diff(base: Path, revision: Path) -> dict[str, Any]:
    """Redocly's JSON diff report of base -> revision (never fails on impact: the gate decides)."""
    if not REDOCLY.exists():
        raise GateError(f"{REDOCLY} not found; run `make install`")
    for path in (base, revision):
        if not path.is_file():
            raise GateError(f"spec not found: {path}")
    with tempfile.TemporaryDirectory(prefix="specgate-diff-") as tmp:
        out = Path(tmp) / "diff.json"
        cmd = [str(REDOCLY), "diff", str(base), str(revision), "--format", "json", "--fail-on", "none"]
        cmd += ["--output", str(out)]
        for rule in SKIPPED_RULES:
            cmd += ["--skip-rule", rule]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=redocly_env(), timeout=300)
        if proc.returncode != 0 or not out.is_file():
            raise GateError(
                f"redocly diff failed ({proc.returncode}):\n{(proc.stdout + proc.stderr).strip()}"
            )
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def parse_report(raw: dict[str, Any]) -> Report:
    changes = []
    for item in raw.get("changes", []):
        verdicts = item.get("verdicts", [])
        changes.append(
            Change(
                impact=item["impact"],
                kind=item.get("kind", "changed"),
                path=item.get("path", ""),
                messages=tuple(v["message"] for v in verdicts if v.get("message")),
                rules=tuple(v["ruleId"] for v in verdicts if v.get("ruleId")),
                property=str(item.get("property", "")),
            )
        )
    versions = raw.get("infoVersions", {})
    return Report(
        base_version=str(versions.get("base", "")),
        revision_version=str(versions.get("revision", "")),
        changes=tuple(changes),
    )


def compare(base: Path = DEFAULT_BASE, revision: Path = DEFAULT_REVISION) -> Report:
    return parse_report(run_redocly_diff(base, revision))


def summary(report: Report, base: Path, revision: Path) -> str:
    counts = ", ".join(f"{len(report.of_impact(impact))} {impact}" for impact in IMPACTS)
    lines = [
        f"breaking.py: {base} ({report.base_version}) -> {revision} ({report.revision_version}): {counts}"
    ]
    for change in report.breaking:
        lines.append(f"  breaking: {change.describe()}")
    if not report.breaking:
        lines.append("breaking.py: no breaking change")
    elif report.passed:
        lines.append(
            f"breaking.py: breaking changes allowed: the major version went up to {report.revision_version}"
        )
    else:
        lines.append(
            f"breaking.py: FAILED: {len(report.breaking)} breaking change(s) but info.version "
            f"{report.revision_version} keeps major {major(report.base_version)} of the published "
            f"{report.base_version}. Undo them, or raise the major version."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--base", type=Path, default=DEFAULT_BASE, help="the last published spec")
    parser.add_argument("--revision", type=Path, default=DEFAULT_REVISION, help="the spec to publish")
    parser.add_argument("--json", action="store_true", help="print Redocly's JSON report too")
    args = parser.parse_args(argv)
    try:
        raw = run_redocly_diff(args.base, args.revision)
        report = parse_report(raw)
        text = summary(report, args.base, args.revision)
    except GateError as exc:
        print(f"breaking.py: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(raw, indent=2))
    print(text)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
