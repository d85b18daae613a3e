"""The `specgate` command: serve, keys create/list/revoke, db upgrade, secrets rotate, fuzz.

Each command names its own function (`set_defaults(func=...)`), so a command nobody wired up is an
error, never another command. Errors become one line on stderr and an exit code here, and nowhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .config import Settings, get_settings
from .errors import ConfigError, SpecgateError, UsageError

__all__ = ["FUZZ_API_KEY_ENV", "main"]

EXIT_USAGE = 2
EXIT_ERROR = 1
# The fuzz key is read from here when --api-key is not given: a command line is visible to `ps`.
FUZZ_API_KEY_ENV = "SPECGATE_FUZZ_API_KEY"

Command = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specgate", description="The specgate services registry.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the reference server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database", help="sqlite:///PATH or postgresql://... (default: ./.specgate/)")
    serve.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    serve.set_defaults(func=_serve)

    keys = commands.add_parser("keys", help="API keys").add_subparsers(dest="action", required=True)
    create = keys.add_parser("create", help="create an API key; it is printed once, on the last line")
    create.add_argument("--email", required=True)
    create.add_argument("--scopes", required=True, help="comma-separated: read,write,resolve")
    create.add_argument("--gateway", help="bind the API key to one gateway (its id, a UUID)")
    create.add_argument("--database")
    create.set_defaults(func=_keys_create)
    listing = keys.add_parser("list", help="list the API keys: id, prefix, e-mail, scopes, gateway, created")
    listing.add_argument("--database")
    listing.set_defaults(func=_keys_list)
    revoke = keys.add_parser(
        "revoke",
        help="revoke an API key by its id (every server refuses it within SPECGATE_KEY_CACHE_SECONDS)",
    )
    revoke.add_argument("id", type=int, help="the API key's id, as `keys list` shows it")
    revoke.add_argument("--database")
    revoke.set_defaults(func=_keys_revoke)

    db = commands.add_parser("db", help="the database").add_subparsers(dest="action", required=True)
    upgrade = db.add_parser("upgrade", help="run the schema migrations")
    upgrade.add_argument("--database")
    upgrade.set_defaults(func=_db_upgrade)

    fuzz = commands.add_parser("fuzz", help="fuzz a deployment with schemathesis and specgate's checks")
    fuzz.add_argument("--url", required=True, help="the deployment's base URL")
    fuzz.add_argument(
        "--api-key",
        help=f"an API key (read,write,resolve for every check); default: ${FUZZ_API_KEY_ENV}, "
        "which keeps the key out of the process list",
    )
    fuzz.add_argument("--examples", type=int, default=100, help="examples per operation (default 100)")
    fuzz.add_argument("--max-time", type=int, help="time budget in seconds for the whole run")
    fuzz.add_argument("--seed", type=int, help="replay a run: the seed its report names")
    fuzz.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    fuzz.add_argument("--read-only", action="store_true", help="send GETs only (for production)")
    fuzz.add_argument("--report-dir", default="reports/fuzz", help="JUnit XML, HTML and summary.md go here")
    fuzz.add_argument("--workers", type=int, default=1, help="concurrent schemathesis workers")
    fuzz.set_defaults(func=_fuzz)

    secrets = commands.add_parser("secrets", help="encryption at rest").add_subparsers(
        dest="action", required=True
    )
    rotate = secrets.add_parser(
        "rotate", help="re-encrypt every secret under the first encryption key of SPECGATE_SECRET_KEYS"
    )
    rotate.add_argument("--database")
    rotate.set_defaults(func=_secrets_rotate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for chatty in ("alembic", "httpx"):  # one line per migration step or request is noise here
        logging.getLogger(chatty).setLevel(logging.WARNING)
    command: Command = args.func
    try:
        return command(args)
    except (ConfigError, UsageError) as exc:
        print(f"specgate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SpecgateError as exc:
        print(f"specgate: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _settings(args: argparse.Namespace) -> Settings:
    return get_settings(args.database)


def _keys_create(args: argparse.Namespace) -> int:
    from .admin import create_api_key

    settings = _settings(args)
    key = asyncio.run(create_api_key(settings, email=args.email, scopes=args.scopes, gateway_id=args.gateway))
    print(f"created an API key for {args.email} ({args.scopes}); it is shown once:")
    print(key)
    return 0


def _keys_list(args: argparse.Namespace) -> int:
    from .admin import list_api_keys

    rows = [("ID", "PREFIX", "EMAIL", "SCOPES", "GATEWAY", "CREATED")]
    for key in asyncio.run(list_api_keys(_settings(args))):
        rows.append((str(key.id), key.prefix, key.email, key.scopes, key.gateway_id or "-", key.created_at))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _keys_revoke(args: argparse.Namespace) -> int:
    from .admin import revoke_api_key

    settings = _settings(args)
    asyncio.run(revoke_api_key(settings, args.id))
    print(
        f"revoked API key {args.id}; servers that saw it refuse it within their API key cache time"
        f" (SPECGATE_KEY_CACHE_SECONDS, here {settings.api_key_cache_seconds:g} s)"
    )
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from .store.migrate import upgrade

    upgrade(_settings(args).database_url)
    print("the database schema is up to date")
    return 0


def _secrets_rotate(args: argparse.Namespace) -> int:
    from .admin import rotate_secrets

    count = asyncio.run(rotate_secrets(_settings(args)))
    print(f"re-encrypted the secrets of {count} resources under the first encryption key")
    return 0


def _fuzz(args: argparse.Namespace) -> int:
    from .fuzzing.runner import FuzzOptions, run

    api_key = args.api_key or os.environ.get(FUZZ_API_KEY_ENV, "").strip()
    if not api_key:
        raise UsageError(f"give the deployment's API key in ${FUZZ_API_KEY_ENV} (or --api-key)")
    options = FuzzOptions(
        url=args.url.rstrip("/"),
        api_key=api_key,
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


def _serve(args: argparse.Namespace) -> int:
    from .server import create_app
    from .server.serving import serve

    settings = _settings(args)
    app = create_app(settings)
    print(
        f"specgate: serving on http://{args.host}:{args.port} (docs at http://{args.host}:{args.port}/docs)"
    )
    serve(app, settings, args.host, args.port, args.log_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
