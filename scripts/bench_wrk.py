"""How bench.py measures: every answer checked, then wrk; the databases and servers of a measurement.

A measurement is `wrk` against a server that answered the same request correctly first (`call` with a
check), so a broken server cannot look fast; a non-2xx answer or socket error while measuring fails
the run (`expect`, exit 1). Rounds alternate the order (`alternating`) and the best counts (`best`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg

from specgate.admin import create_api_key
from specgate.config import get_settings
from specgate.store import sqlite_path
from specgate.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SECRETS = ("wx-secret", "k-secret", "t0k")  # in the bench bodies; must never come back in clear


def masked(answer: Any) -> bool:
    """Neither the gateway service's credentials nor the tool service's token in clear."""
    return not any(s in json.dumps(answer) for s in SECRETS)


# One body is wrk's static request (its cheapest); several go round, one a request. `done` prints one
# line of JSON with the errors apart, which wrk's own summary does not give.
LUA = """wrk.method = "%(method)s"
wrk.headers["Authorization"] = "Bearer %(key)s"
wrk.headers["Content-Type"] = "application/json"
local bodies, n = {%(bodies)s}, 0
wrk.body = bodies[1]
if #bodies > 1 then
  request = function() n = n + 1; return wrk.format(nil, nil, nil, bodies[n %% #bodies + 1]) end
end
done = function(s, latency, r)
  local e = s.errors
  io.write(string.format('BENCH {"requests":%%d,"us":%%d,"non2xx":%%d,"socket":%%d,"p50":%%d,"p99":%%d}\\n',
    s.requests, s.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


Result = dict[str, float]  # rps, p50 and p99 (ms)


Check = Callable[[Any], bool]


def expect(ok: bool, what: str) -> None:
    """Exit 1 unless `ok` (the servers stop and the work directory goes on the way out)."""
    if not ok:
        sys.exit(f"bench: FAILED: {what}")


def database_bytes(url: str) -> int:
    """The database's size on disk (SQLite: with its -wal and -shm files)."""
    path = sqlite_path(url)
    if path is not None:
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])  # type: ignore[index]


def call(method: str, url: str, key: str, body: Any = None, ok: Check = masked) -> Any:
    """One request's answer; the run fails unless it is a 2xx that `ok` accepts."""
    r = httpx.request(method, url, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=60)
    answer = r.json() if r.is_success and r.content else r.text[:300]
    expect(r.is_success and ok(answer), f"{method} {url}: {r.status_code} {answer}")
    return answer


def wrk(args: argparse.Namespace, key: str, urls: list[str], ok: Check, method: str, *bodies: Any) -> Result:
    """The answer at each URL (to the first of `bodies`) checked by `ok`; then a 1 s warm-up and
    args.duration of `wrk -t1` (one core for it, one for the server) at every URL at once, a process
    each: the summed req/s, the worst p50 and p99. Any error fails the run: a server answering errors
    fast is not fast."""
    for url in urls:
        call(method, url, key, bodies[0] if bodies else None, ok)
    lua = LUA % {"method": method, "key": key, "bodies": ", ".join(json.dumps(json.dumps(b)) for b in bodies)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(lua)
        script.flush()
        for seconds in (1, args.duration):
            cmd = f"wrk -t1 -c{args.connections} -d{seconds:g}s --timeout 30s -s {script.name}".split()
            procs = [subprocess.Popen([*cmd, url], stdout=subprocess.PIPE, text=True) for url in urls]
            outs = [p.communicate(timeout=seconds + 60)[0] for p in procs]
    runs = [json.loads(x[6:]) for out in outs for x in out.splitlines() if x.startswith("BENCH ")]
    expect(len(runs) == len(urls) and all(r["requests"] for r in runs), f"wrk gave no result:\n{outs}")
    errors = sum(r["non2xx"] + r["socket"] for r in runs)
    expect(errors == 0, f"{errors} errors during {method} {urls}")
    rps = sum(r["requests"] / r["us"] * 1e6 for r in runs)
    return {"rps": rps, "p50": max(r["p50"] for r in runs) / 1000, "p99": max(r["p99"] for r in runs) / 1000}


def timed(args: argparse.Namespace, key: str, urls: list[str], ok: Check, method: str) -> Result:
    """As `wrk`, for a request that takes seconds at a million rows: checked, then one request timed."""
    call(method, urls[0], key, ok=ok)
    started = time.perf_counter()
    call(method, urls[0], key, ok=ok)
    ms = (time.perf_counter() - started) * 1000
    return {"rps": 1000 / ms, "p50": ms, "p99": ms}


def alternating(rounds: int, items: tuple[Any, ...]) -> Iterator[Any]:
    """`items` once per round, reversed every other round: neither side always runs first."""
    for rnd in range(rounds):
        yield from items[:: -1 if rnd % 2 else 1]


def best(found: dict[Any, Result], name: Any, got: Result) -> None:
    found[name] = max(found.get(name, got), got, key=lambda r: r["rps"])


@contextlib.contextmanager
def database(db: str, name: str, args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """A new database at head, `sqlite` in the work folder or `postgresql` beside --postgres (dropped on
    the way out): its URL and an API key."""
    url, pg = f"sqlite:///{args.work}/{name}.db", f"specgate_bench_{name}"
    if db == "postgresql":
        url = args.postgres.rsplit("/", 1)[0] + "/" + pg
        postgres(args, f"DROP DATABASE IF EXISTS {pg} WITH (FORCE)", f"CREATE DATABASE {pg}")
    try:
        upgrade(url)
        made = create_api_key(get_settings(url), email="b@x.org", scopes="read,write", gateway_id=None)
        yield url, asyncio.run(made)
    finally:
        if db == "postgresql":
            postgres(args, f"DROP DATABASE IF EXISTS {pg} WITH (FORCE)")


def postgres(args: argparse.Namespace, *statements: str) -> None:
    with psycopg.connect(args.postgres, autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


@contextlib.contextmanager
def server(app: str, url: str, log: Path) -> Iterator[tuple[str, int]]:
    """A bench_bare.py server (`bare` or `specgate`) on a free port: its base URL and pid once it listens."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "scripts/bench_bare.py", "--app", app, "--port", str(port), "--database", url]
    with log.open("ab") as out, subprocess.Popen(cmd, stdout=out, stderr=out, cwd=ROOT) as proc:
        try:
            deadline = time.monotonic() + 60
            while True:
                expect(proc.poll() is None and time.monotonic() < deadline, f"{app} did not start: {log}")
                with contextlib.suppress(OSError):
                    socket.create_connection((HOST, port), timeout=0.5).close()
                    break
                time.sleep(0.1)
            yield f"http://{HOST}:{port}", proc.pid
        finally:
            proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(10)
            proc.kill()  # a no-op once it has stopped


def table(title: str, header: str, rows: list[list[str]]) -> list[str]:
    align = "|---" + "|---:" * header.count(" | ") + "|"
    return ["", f"## {title}", "", f"| {header} |", align, *("| " + " | ".join(r) + " |" for r in rows)]


def against(base: Result, got: Result, target: float | None) -> list[str]:
    """Both req/s, their ratio and whether it meets the target."""
    ratio = got["rps"] / base["rps"]
    met = "-" if target is None else f">= {target:g} ({'met' if ratio >= target else '**not met**'})"
    return [f"{base['rps']:.0f}", f"{got['rps']:.0f}", f"{ratio:.2f}", met]
