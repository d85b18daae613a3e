"""The `specgate` command: serve, keys create, db upgrade, secrets rotate, fuzz.

Errors become one line on stderr and an exit code here, and nowhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from .config import get_settings
from .errors import ConfigError, SpecgateError

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_ERROR = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specgate", description="The specgate services registry.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the reference server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database", help="sqlite:///PATH or postgresql://... (default: ./.specgate/)")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])

    keys = commands.add_parser("keys", help="API keys").add_subparsers(dest="action", required=True)
    create = keys.add_parser("create", help="create a key; it is printed once, on the last line")
    create.add_argument("--email", required=True)
    create.add_argument("--scopes", required=True, help="comma-separated: read,write,resolve")
    create.add_argument("--gateway", help="bind the key to one gateway id")
    create.add_argument("--database")

    db = commands.add_parser("db", help="the database").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="run the schema migrations").add_argument("--database")

    fuzz = commands.add_parser("fuzz", help="fuzz a deployment with schemathesis and specgate's checks")
    fuzz.add_argument("--url", required=True, help="the deployment's base URL")
    fuzz.add_argument("--api-key", required=True, help="a key (read,write,resolve for every check)")
    fuzz.add_argument("--examples", type=int, default=100, help="examples per operation (default 100)")
    fuzz.add_argument("--max-time", type=int, help="time budget in seconds for the whole run")
    fuzz.add_argument("--seed", type=int, help="replay a run: the seed its report names")
    fuzz.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    fuzz.add_argument("--read-only", action="store_true", help="send GETs only (for production)")
    fuzz.add_argument("--report-dir", default="reports/fuzz", help="JUnit XML, HTML and summary.md go here")
    fuzz.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers")

    secrets = commands.add_parser("secrets", help="encryption at rest").add_subparsers(
        dest="action", required=True
    )
    secrets.add_parser("rotate", help="re-encrypt every secret under the first key").add_argument(
        "--database"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for chatty in ("alembic", "httpx"):  # one line per migration step or request is noise here
        logging.getLogger(chatty).setLevel(logging.WARNING)
    try:
        return _run(args)
    except (ConfigError, ValueError) as exc:
        print(f"specgate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SpecgateError as exc:
        print(f"specgate: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    if args.command == "fuzz":
        return _fuzz(args)
    settings = get_settings(args.database)
    if args.command == "serve":
        return _serve(args, settings)
    if args.command == "keys":
        from .admin import create_key

        key = asyncio.run(create_key(settings, email=args.email, scopes=args.scopes, gateway_id=args.gateway))
        print(f"created a key for {args.email} ({args.scopes}); it is shown once:")
        print(key)
        return 0
    if args.command == "db":
        from .store.migrate import upgrade

        upgrade(settings.database_url)
        print("the database schema is up to date")
        return 0
    from .admin import rotate_secrets

    count = asyncio.run(rotate_secrets(settings))
    print(f"re-encrypted the secrets of {count} resources under the first key")
    return 0


def _fuzz(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .fuzzing.runner import FuzzOptions, run

    options = FuzzOptions(
        url=args.url.rstrip("/"),
        api_key=args.api_key,
        examples=args.examples,
        max_time=args.max_time,
        seed=args.seed,
        phases=args.phases,
        read_only=args.read_only,
        report_dir=Path(args.report_dir),
        workers=args.workers,
    )
    result = run(options)
    print(
        f"specgate fuzz: {result.tests} operations, {result.failures} with failures, {result.seconds:.0f} s; "
        f"clean-up deleted {result.cleaned}, left {result.left}; reports in {options.report_dir}/"
    )
    return result.exit_code or (1 if result.failures or result.left else 0)


def _serve(args: argparse.Namespace, settings: object) -> int:
    from .server import create_app
    from .server.serving import serve

    app = create_app(settings)  # type: ignore[arg-type]
    print(
        f"specgate: serving on http://{args.host}:{args.port} (docs at http://{args.host}:{args.port}/docs)"
    )
    serve(app, settings, args.host, args.port, args.log_level)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
