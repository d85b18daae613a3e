"""`make bench [SCALE=N]`: specgate measured with wrk on 127.0.0.1; results in reports/bench.md.

How a measurement is made (answers checked, wrk, servers, databases) is bench_wrk.py.
Phases (--phases), a report section each: floor (GET and PUT of one gateway service against the bare
Starlette floor of scripts/bench_bare.py), scale (tool services at 1,000 and N rows on SQLite and
PostgreSQL), profile (where a PUT's time goes) and writes (creates and PUTs through 2 replicas on
PostgreSQL); scripts/README.md says what each measures and its targets. Every answer is checked before it
is measured, so a broken server cannot look fast, and a non-2xx answer or socket error while measuring
fails the run (exit 1). Rounds alternate the order (bare/specgate, 1k/N); the best round counts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import os
import platform
import pstats
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from bench_wrk import (
    SECRETS,
    Check,
    Result,
    against,
    alternating,
    best,
    call,
    database,
    database_bytes,
    expect,
    masked,
    server,
    table,
    timed,
    wrk,
)
from cryptography.fernet import Fernet

from specgate.codec import dumps
from specgate.config import get_settings
from specgate.server import create_app
from specgate.store import KINDS, Store, open_database

ROOT = Path(__file__).resolve().parents[1]
CREDENTIALS = {"header_name": "X-Api-Key", "header_value": SECRETS[0], "api_key": SECRETS[1]}
SERVICE: dict[str, Any] = {"name": "weather", "type": "endpoint", "host": "api.weather.example", "port": 443}
SERVICE |= {"protocol": "https", "path": "/v2", "retries": 2, "headers": {"X-Team": "platform"}}
SERVICE |= {"credentials": CREDENTIALS}
TOOL_SERVICE: dict[str, Any] = {"name": "bench", "description": "a tool service", "auth_type": "bearer"}
TOOL_SERVICE |= {"auth_values": {"token": SECRETS[2]}}
WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet")
ORDERS = ("id", "name", "description", "last_updated", "last_updated_by")
PARTS = {  # (file, function): what a PUT spends there
    ("resources.py", "incoming"): "read and validate the body",
    ("merge.py", "merge_update"): "merge over the stored document (encryption included)",
    ("crypto.py", "encrypt"): "  of which: encrypt the secrets (Fernet)",
    ("resources.py", "render"): "mask and render the answer",
    ("store.py", "get"): "read the stored row",
    ("store.py", "replace"): "versioned write (one statement; a transaction when a listed column moves)",
}


def floor(args: argparse.Namespace) -> list[str]:
    found: dict[tuple[str, str], Result] = {}
    log = args.work / "floor.log"
    with database("sqlite", "floor", args) as (url, key):
        with server("specgate", url, log) as (base, _):
            path = f"/api/v1/gateways/{call('POST', f'{base}/api/v1/gateways', key, {'name': 'b'})['id']}"
            # two equal services: the bare PUT stores the raw body (secrets in clear) in the second one
            ids = [call("POST", f"{base}{path}/services", key, SERVICE)["id"] for _ in range(2)]
        checks: dict[str, Check] = {
            "bare": lambda a: True,
            "specgate": lambda a: a["id"] == ids[0] and masked(a),
        }
        # Two PUT bodies in turn: SQLite skips a write of the bytes a row already holds, so one body
        # over and over made the bare PUT write nothing at all (0 WAL bytes in 1,000 PUTs).
        puts = (SERVICE, SERVICE | {"retries": 3})
        for op, bodies in (("GET", ()), ("PUT", puts)):
            for app in alternating(args.rounds, ("bare", "specgate")):
                one = f"{path}/services/{ids[op == 'PUT' and app == 'bare']}"
                with server(app, url, log) as (base, _):
                    best(found, (op, app), got := wrk(args, key, [base + one], checks[app], op, *bodies))
                print(f"  floor: {app} {op} {got['rps']:.0f} req/s", flush=True)
    rows = []
    for op, target in (("GET", 0.75), ("PUT", 0.40)):
        bare, spec = found[(op, "bare")], found[(op, "specgate")]
        rows.append([op, *against(bare, spec, target), f"{spec['p50']:.2f} / {spec['p99']:.2f}"])
    header = "request | bare req/s | specgate req/s | ratio | target | specgate p50 / p99 ms"
    return table("Against the floor (one gateway service, SQLite)", header, rows)


def token(i: int) -> str:
    """Row i's rare word: 7 letters, a different one for each row."""
    x = i * 2654435761 % 19**7
    return "q" + "".join("bcdfghjklmnprstvwxz"[x // 19**k % 19] for k in range(7))


def tool_rows(n: int) -> Iterator[tuple[dict[str, Any], bytes, str]]:
    """Tool services 1..n as the server stores them; each name holds its row's rare word."""
    rng = random.Random(1)
    for i in range(1, n + 1):
        at = f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{i % 59:02d}.{i % 999:03d}Z"
        doc = {"id": i, "name": f"svc-{i:07d}-{token(i)}", "description": " ".join(rng.choices(WORDS, k=6))}
        doc |= {"auth_type": None, "last_updated_comments": None, "last_updated": at}
        doc["last_updated_by"] = f"user{i % 97}@example.com"
        yield doc, dumps(doc | {"auth_value_keys": None}), at


async def fill(url: str, n: int) -> None:
    store = Store(await open_database(url))
    try:
        await store.load(KINDS["tool_service"], tool_rows(n))
    finally:
        await store.close()


COMMON = "search, common substring (~5% of rows; one request, timed)"


def requests(n: int) -> dict[str, tuple[str, Check]]:
    """The requests measured at size n, each with a check of its answer."""
    rare, mid, base = token(n // 3), n // 50, "/api/v1/services/"
    page: Check = lambda a: len(a["items"]) == 25  # noqa: E731
    return {
        "GET by id": (f"{base}{n // 2}", lambda a: a["id"] == n // 2),
        "list, first page": (base, lambda a: a["total_count"] == n and page(a)),
        "list, the middle page": (f"{base}?page={mid}", lambda a: a["items"][0]["id"] == mid * 25 + 1),
        **{f"order by {o} desc": (f"{base}?order_by={o}&order_by_direction=desc", page) for o in ORDERS},
        "search, rare substring": (
            f"{base}?search_fields=name&search_field_values={rare.upper()}",
            lambda a: a["total_count"] >= 1 and rare in a["items"][0]["name"],
        ),
        COMMON: (
            f"{base}?search_fields=description&search_field_values=Foxtrot%20Golf",
            lambda a: a["total_count"] > 0,
        ),
    }


def scale(args: argparse.Namespace) -> list[str]:
    return [*scale_on("sqlite", args), *scale_on("postgresql", args)]


def scale_on(db: str, args: argparse.Namespace) -> list[str]:
    sizes = (1000, args.scale)
    found: dict[int, dict[str, Result]] = {n: {} for n in sizes}
    memory: dict[int, float] = {}  # the server's peak RSS, MB
    size: dict[int, float] = {}  # the database's bytes per row
    with contextlib.ExitStack() as stack:
        made = {n: stack.enter_context(database(db, f"scale_{n}", args)) for n in sizes}
        for n, (url, _) in made.items():
            started = time.monotonic()
            asyncio.run(fill(url, n))
            print(f"  {db}: {n:,} rows filled in {time.monotonic() - started:.0f} s", flush=True)
        for n in alternating(args.rounds, sizes):
            url, key = made[n]
            with server("specgate", url, args.work / f"scale-{db}.log") as (base, pid):
                for name, (path, ok) in requests(n).items():
                    best(
                        found[n],
                        name,
                        (timed if name == COMMON else wrk)(args, key, [base + path], ok, "GET"),
                    )
                status = Path(f"/proc/{pid}/status").read_text()
                memory[n] = max(memory.get(n, 0), int(status.split("VmHWM:")[1].split()[0]) / 1024)
            print(f"  {db}: {n:,} rows measured", flush=True)
            size[n] = database_bytes(url) / n
    small, big = (found[n] for n in sizes)
    rows = []
    for name in small:
        target = 0.2 if "rare" in name else None if name == COMMON else 0.67
        p50 = f"{small[name]['p50']:.2f} / {big[name]['p50']:.2f}"
        rows.append([name, *against(small[name], big[name], target), p50])
    for what, by_size in (("server peak RSS, MB", memory), ("database bytes per row", size)):
        rows.append([what, f"{by_size[sizes[0]]:.0f}", f"{by_size[sizes[1]]:.0f}", "", "", ""])
    header = f"request | 1k req/s | {args.scale:,} req/s | ratio | target | p50 ms (1k / N)"
    return table(f"Scale on {db}: 1,000 and {args.scale:,} tool services", header, rows)


def writes(args: argparse.Namespace) -> list[str]:
    log = args.work / "writes.log"
    with (
        database("postgresql", "writes", args) as (url, key),
        server("specgate", url, log) as (a, _),
        server("specgate", url, log) as (b, _),
    ):
        urls = [f"{a}/api/v1/services/", f"{b}/api/v1/services/"]
        ids = [call("POST", urls[n % 2], key, TOOL_SERVICE)["id"] for n in range(64)]
        puts = [TOOL_SERVICE | {"id": i} for i in ids]  # many writers, each of its own row
        answered = [call("PUT", urls[n % 2], key, body)["id"] for n, body in enumerate(puts)]
        expect(answered == ids, f"PUT answered other ids: {answered}")
        found = {"create": wrk(args, key, urls, masked, "POST", TOOL_SERVICE)}
        found["PUT"] = wrk(args, key, urls, masked, "PUT", *puts)
    rows = [[op, f"{r['rps']:.0f}", f"{r['p50']:.2f}", f"{r['p99']:.2f}", "0"] for op, r in found.items()]
    header = "request | req/s (both) | p50 ms | p99 ms | errors"
    return table("Writes on PostgreSQL, 2 replicas (tool services, a wrk per replica)", header, rows)


def profile(args: argparse.Namespace, count: int = 2000) -> list[str]:
    """cProfile over `count` PUTs in-process (httpx's ASGI transport): each part's share of the handler."""
    profiler = cProfile.Profile()

    async def run(url: str, key: str) -> None:
        app = create_app(get_settings(url))
        transport, headers = httpx.ASGITransport(app=app), {"Authorization": f"Bearer {key}"}
        client = httpx.AsyncClient(transport=transport, base_url="http://bench", headers=headers)
        async with app.router.lifespan_context(app), client:
            gateway = (await client.post("/api/v1/gateways", json={"name": "bench"})).json()
            path = f"/api/v1/gateways/{gateway['id']}/services"
            path += "/" + (await client.post(path, json=SERVICE)).json()["id"]
            for i in range(200 + count):  # the first 200 warm up, unprofiled
                if i == 200:
                    profiler.enable()
                r = await client.put(path, json=SERVICE)
                expect(r.status_code == 200 and masked(r.json()), f"PUT {path}: {r.status_code}")
            profiler.disable()

    with database("sqlite", "profile", args) as (url, key):
        asyncio.run(run(url, key))
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    spent = {(Path(f).name, fn): ct for (f, _, fn), (_, _, _, ct, _) in stats.items()}
    handler = spent[("gateway_services.py", "update_gateway_service")]
    found = {part: spent.get(where, 0.0) / handler for where, part in PARTS.items()}
    rest = 1 - sum(v for part, v in found.items() if not part.startswith(" "))
    found["the rest (auth, path checks, the upstream's checks, response)"] = rest
    rows = [["handler, us per PUT (under the profiler)", f"{handler / count * 1e6:.0f}"]]
    rows += [[part, f"{share:.0%}"] for part, share in found.items()]
    return table(f"Where a PUT's time goes (cProfile, {count:,} PUTs in-process)", "part | share", rows)


Phase = Callable[[argparse.Namespace], list[str]]  # a phase's report section
PHASES: dict[str, Phase] = {"floor": floor, "scale": scale, "profile": profile, "writes": writes}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--phases", default=",".join(PHASES), help=f"some of {','.join(PHASES)}")
    p.add_argument("--scale", type=int, default=100_000, help="rows of the large size (>= 2000)")
    p.add_argument("--duration", type=float, default=5.0, help="seconds per measurement (1-60)")
    p.add_argument("--connections", type=int, default=16, help="wrk -c per wrk process")
    p.add_argument("--rounds", type=int, default=2, help="rounds, alternating the order (1-4)")
    p.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test", help="an admin URL")
    p.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.md")
    args = p.parse_args()
    if not (args.scale >= 2000 and 1 <= args.duration <= 60 and 1 <= args.rounds <= 4):
        p.error("--scale >= 2000, --duration 1-60, --rounds 1-4")
    if shutil.which("wrk") is None:
        p.error("wrk is not installed (Debian: apt-get install wrk)")
    if not set(phases := args.phases.split(",")) <= set(PHASES):
        p.error(f"--phases: some of {','.join(PHASES)}")
    # what the servers (child processes) and the in-process app read: a new encryption key, nothing else
    for name in [k for k in os.environ if k.startswith("SPECGATE_")]:
        del os.environ[name]
    os.environ["SPECGATE_SECRET_KEYS"] = Fernet.generate_key().decode()
    with tempfile.TemporaryDirectory(prefix="specgate-bench-") as work:
        args.work = Path(work)  # the SQLite files and the servers' logs
        sections = [line for phase in phases for line in PHASES[phase](args)]
    machine = f"{os.cpu_count()} CPUs ({platform.machine()}), {platform.platform()}"
    settings = f"`wrk -t1 -c{args.connections} -d{args.duration:g}s` per request (per replica)"
    head = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine}, Python {platform.python_version()}."
    head += f" {settings} after a 1 s warm-up; {args.rounds} rounds in alternating order, the best counts."
    head += " uvicorn as `specgate serve` runs it, 1 worker, uvloop. Other programs share this machine:"
    head += " compare the figures of one run side by side."
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(["# specgate benchmark", "", head, *sections]) + "\n")
    print(f"bench: {args.out} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
