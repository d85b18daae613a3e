#!/usr/bin/env python3
"""Build the release bundle in dist/: spec, offline docs, client wheel and sdist, changelog.

    python scripts/publish.py                 # `make publish`: everything into dist/
    python scripts/publish.py --record        # and record this release in the repository

Steps, each of which stops the run on failure:
    1. the breaking-change gate (breaking.py) against openapi/published/openapi.yaml;
    2. generated/ is up to date with the spec (generate.py --check);
    3. info.version and the generated clients' versions (Python and TypeScript) agree;
    4. dist/openapi.yaml and dist/openapi.json: the bundled spec, one self-contained file each,
       validated (openapi-spec-validator, and Redocly lint with the repository's rules);
    5. dist/docs/index.html: the offline HTML reference (Redoc inlined, no network needed);
    6. dist/specgate_client-VERSION-py3-none-any.whl and .tar.gz, built from generated/client;
       dist/specgate-client-VERSION.tgz, the npm package of generated/typescript (`npm pack`);
    7. dist/CHANGELOG.md: openapi/CHANGELOG.md with an entry made from the diff on top.

--record then makes this release the published one: the spec is copied to
openapi/published/openapi.yaml and the new entry written into openapi/CHANGELOG.md (commit both).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import breaking
import generate
import yaml
from openapi_spec_validator import validate

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
DEFAULT_SPEC = REPO / "openapi" / "openapi.yaml"
DEFAULT_PUBLISHED = REPO / "openapi" / "published" / "openapi.yaml"
DEFAULT_CHANGELOG = REPO / "openapi" / "CHANGELOG.md"
DEFAULT_OUT = REPO / "dist"
GENERATED = REPO / "generated"
REDOCLY_CONFIG = REPO / "openapi" / "redocly.yaml"
LINT_IGNORE = REPO / "openapi" / ".redocly.lint-ignore.yaml"
TS_TOOLS = REPO / "scripts" / "typescript" / "node_modules"

CHANGELOG_TITLE = "# Changelog of the specgate API"
CHANGELOG_INTRO = (
    "Each entry is made by `scripts/publish.py` from Redocly's diff against the previously published\n"
    "spec (`openapi/published/openapi.yaml`). Breaking changes need a new major `info.version`.\n"
)
SECTIONS = (("major", "Breaking changes"), ("minor", "Additions"), ("patch", "Other changes"))


class PublishError(Exception):
    """A step failed; the message says which and what to do."""


def step(message: str) -> None:
    print(f"publish.py: {message}", flush=True)


# --- 1-3: the gate, generated/, versions ------------------------------------------------------------


def run_gate(published: Path, spec: Path) -> Any:
    try:
        report = breaking.compare(published, spec)
    except breaking.GateError as exc:
        raise PublishError(f"breaking-change gate: {exc}") from exc
    print(breaking.summary(report, published, spec))
    if not report.passed:
        raise PublishError("breaking-change gate failed (see above)")
    return report


def check_generated(spec: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "generate.py"),
            "--check",
            "--spec",
            str(spec),
            "--out",
            str(GENERATED),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise PublishError(f"generated/ is not up to date; run `make generate`\n{proc.stdout}{proc.stderr}")


def client_version(client_dir: Path) -> str:
    with (client_dir / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def typescript_version(package_dir: Path) -> str:
    return str(json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"])


def check_versions(document: dict[str, Any], client_dir: Path, package_dir: Path) -> str:
    version = str(document["info"]["version"])
    for name, found in (
        ("client", client_version(client_dir)),
        ("npm package", typescript_version(package_dir)),
    ):
        if found != version:
            raise PublishError(
                f"the {name}'s version {found} is not info.version {version}; run `make generate`"
            )
    return version


# --- 4: the bundled spec ----------------------------------------------------------------------------


def refs(node: Any) -> list[str]:
    """Every `$ref` value in the document."""
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in refs(value)]
    return []


def resolve_pointer(document: Any, ref: str) -> Any:
    node = document
    for part in ref[2:].split("/") if ref != "#" else []:
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def check_self_contained(document: dict[str, Any]) -> None:
    """A bundle: every `$ref` points into the document itself, and resolves."""
    for ref in refs(document):
        if not ref.startswith("#"):
            raise PublishError(f"external $ref {ref!r}: the spec must be one self-contained document")
        try:
            resolve_pointer(document, ref)
        except (KeyError, IndexError, ValueError, TypeError) as exc:
            raise PublishError(f"unresolvable $ref {ref!r}") from exc


def write_bundle(spec: Path, out: Path) -> dict[str, Any]:
    """dist/openapi.yaml (the spec as written: it is one file with local `$ref`s only, so the
    bundle is the spec itself, comments kept) and dist/openapi.json (the same document, as the
    server's /openapi.json serves it). Not `redocly bundle`: Node reads 9223372036854775807
    (int64 maximum, used by the tool-services ids) as 9223372036854776000."""
    text = spec.read_text(encoding="utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    check_self_contained(document)
    (out / "openapi.yaml").write_text(text, encoding="utf-8")
    as_json = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    (out / "openapi.json").write_text(as_json, encoding="utf-8")
    return document


def validate_bundle(out: Path) -> None:
    for name in ("openapi.yaml", "openapi.json"):
        try:
            text = (out / name).read_text(encoding="utf-8")
            validate(json.loads(text) if name.endswith(".json") else yaml.safe_load(text))
        except Exception as exc:  # openapi-spec-validator raises several unrelated types
            raise PublishError(f"dist/{name} is not a valid OpenAPI document: {exc}") from exc
    lint(out / "openapi.yaml", out / "openapi.json")


def lint(*files: Path) -> None:
    """Redocly lint with the repository's rules and single exceptions (keyed by file name)."""
    ignores = yaml.safe_load(LINT_IGNORE.read_text(encoding="utf-8")) if LINT_IGNORE.exists() else {}
    exceptions = ignores.get("openapi.yaml", {})
    with tempfile.TemporaryDirectory(prefix="specgate-lint-") as tmp_name:
        tmp = Path(tmp_name)
        shutil.copyfile(REDOCLY_CONFIG, tmp / "redocly.yaml")
        staged = []
        for path in files:
            shutil.copyfile(path, tmp / path.name)
            staged.append(path.name)
        ignore_file = {name: exceptions for name in staged} if exceptions else {}
        (tmp / ".redocly.lint-ignore.yaml").write_text(yaml.safe_dump(ignore_file), encoding="utf-8")
        cmd = [str(generate.REDOCLY), "lint", *staged, "--config", "redocly.yaml"]
        proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, env=breaking.redocly_env())
    if proc.returncode != 0:
        raise PublishError(f"redocly lint failed on {', '.join(staged)}:\n{proc.stdout}{proc.stderr}")


# --- 5-6: docs and client ---------------------------------------------------------------------------


def write_docs(out: Path) -> None:
    """The reference generate.py built (Redoc inlined, nothing fetched from outside; checked fresh
    above), as the server's /docs serves it."""
    (out / "docs").mkdir()
    shutil.copyfile(GENERATED / "docs" / "index.html", out / "docs" / "index.html")


def build_client(client_dir: Path, out: Path) -> list[Path]:
    """sdist, then a wheel from that sdist (`python -m build`), from a copy of the client so no
    build by-products land in generated/."""
    with tempfile.TemporaryDirectory(prefix="specgate-client-") as tmp_name:
        source = Path(tmp_name) / "client"
        shutil.copytree(client_dir, source, ignore=lambda _dir, names: [n for n in names if is_by_product(n)])
        proc = subprocess.run(
            [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
            capture_output=True,
            text=True,
        )
    if proc.returncode != 0:
        raise PublishError(f"building the client failed:\n{proc.stdout}{proc.stderr}")
    return sorted(out.glob("specgate_client-*"))


def pack_typescript(package_dir: Path, out: Path) -> Path:
    """`npm pack` on a copy of the npm package: its prepack script compiles it (tsc) into dist/, with
    the pinned toolchain of scripts/typescript as its node_modules (typescript, openapi-fetch)."""
    if not (TS_TOOLS / ".bin" / "tsc").exists():
        raise PublishError(f"{TS_TOOLS} is missing; run `make install`")
    with tempfile.TemporaryDirectory(prefix="specgate-npm-") as tmp_name:
        source = Path(tmp_name) / "typescript"
        shutil.copytree(package_dir, source, ignore=shutil.ignore_patterns("node_modules", "dist"))
        (source / "node_modules").symlink_to(TS_TOOLS, target_is_directory=True)
        proc = subprocess.run(
            ["npm", "pack", "--json", "--pack-destination", str(out)],
            cwd=source,
            capture_output=True,
            text=True,
        )
    if proc.returncode != 0:
        raise PublishError(f"npm pack of the TypeScript client failed:\n{proc.stdout}{proc.stderr}")
    # npm prints the prepack script's output before the JSON report.
    report = json.loads(proc.stdout[proc.stdout.index("[") :])
    return out / report[0]["filename"]


def is_by_product(name: str) -> bool:
    return name in generate.IGNORED_NAMES or name.endswith(generate.IGNORED_SUFFIXES)


# --- 7: changelog -----------------------------------------------------------------------------------


def changelog_entry(report: Any) -> str | None:
    """The entry for this release, or None when nothing changed since the published spec."""
    if not report.changes and report.revision_version == report.base_version:
        return None
    if report.revision_version == report.base_version:
        heading = f"## Unreleased (info.version is still {report.revision_version})"
    else:
        heading = f"## {report.revision_version}"
    lines = [heading, "", f"Compared with the published {report.base_version}."]
    for impact, title in SECTIONS:
        changes = [change for change in report.changes if change.impact == impact]
        if changes:
            lines += ["", f"### {title}", ""]
            lines += sorted({f"- {change.describe()}" for change in changes})
    if not report.changes:
        lines += ["", "No change to the API other than its version."]
    return "\n".join(lines) + "\n"


def changelog_with(entry: str | None, existing: str) -> str:
    """The changelog with the entry on top of the previous entries."""
    body = existing.split("\n## ", 1)
    previous = "## " + body[1] if len(body) == 2 else ""
    parts = [CHANGELOG_TITLE, "", CHANGELOG_INTRO.rstrip("\n"), ""]
    if entry:
        parts += [entry.rstrip("\n"), ""]
    if previous:
        parts += [previous.rstrip("\n"), ""]
    return "\n".join(parts)


def record(spec: Path, published: Path, changelog: Path, text: str) -> None:
    published.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(spec, published)
    changelog.write_text(text, encoding="utf-8")


def empty_out(out: Path) -> None:
    """A fresh output directory; never the repository (or a parent of it) or another checkout."""
    if out == REPO or out in REPO.parents or (out / ".git").exists():
        raise PublishError(f"refusing to empty {out}: choose a build directory such as dist/")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


# --- main -------------------------------------------------------------------------------------------


def publish(spec: Path, published: Path, changelog: Path, out: Path, do_record: bool) -> None:
    step(f"gate: {published} -> {spec}")
    report = run_gate(published, spec)
    if do_record and report.changes and report.revision_version == report.base_version:
        raise PublishError(f"--record: info.version is still the published {report.base_version}; raise it")
    step("generated/ up to date?")
    check_generated(spec)
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    version = check_versions(document, GENERATED / "client", GENERATED / "typescript")
    step(f"info.version and both specgate-client packages (Python, npm) are {version}")

    empty_out(out)
    write_bundle(spec, out)
    validate_bundle(out)
    step("openapi.yaml and openapi.json written and validated")
    write_docs(out)
    built = build_client(GENERATED / "client", out)
    step(f"client built: {', '.join(path.name for path in built)}")
    tarball = pack_typescript(GENERATED / "typescript", out)
    step(f"TypeScript client packed: {tarball.name}")

    existing = changelog.read_text(encoding="utf-8") if changelog.exists() else ""
    entry = changelog_entry(report)
    text = changelog_with(entry, existing)
    (out / "CHANGELOG.md").write_text(text, encoding="utf-8")
    step("changelog: " + (entry.splitlines()[0] if entry else f"no change since the published {version}"))
    if do_record:
        if entry is None:
            step("--record: nothing to record")
        else:
            record(spec, published, changelog, text)
            step(f"--record: {published} and {changelog} updated; commit them")

    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        print(f"  {path.relative_to(out)}  {path.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="the spec to publish")
    parser.add_argument("--published", type=Path, default=DEFAULT_PUBLISHED, help="the last published spec")
    parser.add_argument("--changelog", type=Path, default=DEFAULT_CHANGELOG, help="the kept changelog")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (emptied first)")
    parser.add_argument("--record", action="store_true", help="make this the published spec (see above)")
    args = parser.parse_args(argv)
    try:
        publish(
            args.spec.resolve(), args.published.resolve(), args.changelog, args.out.resolve(), args.record
        )
    except PublishError as exc:
        print(f"publish.py: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
