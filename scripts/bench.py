"""`make bench [SCALE=N]`: specgate measured with wrk on 127.0.0.1; results in reports/bench.md.

floor   GET and PUT of one gateway service: specgate against a bare Starlette floor on the same SQLite
        file (scripts/bench_bare.py). Targets: GET >= 75%, PUT >= 40% of the floor's req/s.
scale   Tool services filled at 1,000 and N rows (Store.load: bulk, through the store, not the API), on
        SQLite and PostgreSQL: GET by id, list first page, a deep page (the middle), each order
        (descending, first page), a rare and a common substring search. The ratio N/1k of each, server
        RSS at both sizes, database bytes per row. Target: >= 0.67 (search >= 0.2).
writes  Concurrent creates and PUTs of tool services on PostgreSQL through 2 replicas (two servers, a
        wrk each): req/s, p99, errors (must be 0).
profile Where a PUT's time goes: cProfile over 2,000 PUTs in-process, each part's share.

Each answer is checked before it is measured. Rounds alternate the order (bare/specgate, 1k/N) and the
best round counts. A non-2xx answer or socket error during a measurement fails the run (exit 1): a fast
error is not a result. wrk -t1: the machine has 2 cores, one for the server and one for wrk.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from cryptography.fernet import Fernet

from specgate.codec import dumps
from specgate.store import KINDS, Store, open_database
from specgate.store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SERVICE = {
    "name": "weather",
    "type": "endpoint",
    "host": "api.weather.example",
    "port": 443,
    "protocol": "https",
    "path": "/v2",
    "retries": 2,
    "headers": {"X-Team": "platform"},
    "credentials": {"header_name": "X-Api-Key", "header_value": "wx-secret", "api_key": "k-secret"},
}
SECRETS = (b"wx-secret", b"k-secret")
TOOL_SERVICE = {
    "name": "bench",
    "description": "a tool service",
    "auth_type": "bearer",
    "auth_values": {"token": "t0k"},
}
WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet")
ORDERS = ("id", "name", "description", "last_updated", "last_updated_by")
LUA = """wrk.method = "%(method)s"
wrk.headers["Authorization"] = "Bearer %(key)s"
wrk.headers["Content-Type"] = "application/json"
%(body)s
done = function(s, latency, r)
  local e = s.errors
  io.write(string.format('BENCH {"requests":%%d,"us":%%d,"non2xx":%%d,"socket":%%d,"p50":%%d,"p99":%%d}\\n',
    s.requests, s.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


class BenchError(Exception):
    """A tool failed or an answer was wrong: exit 1."""


def http(method: str, url: str, key: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"Bearer {key}"})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()[:300]


def expect(ok: bool, what: str) -> None:
    if not ok:
        raise BenchError(what)


@contextmanager
def server(app: str, url: str, env: dict[str, str], log: Path) -> Any:
    """One server process (bench_bare.py), yielding (base URL, pid) once it listens."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, str(ROOT / "scripts" / "bench_bare.py"), "--app", app, "--port", str(port)]
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [*cmd, "--database", url], stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            expect(
                proc.poll() is None and time.monotonic() < deadline,
                f"the {app} server did not start (see {log})",
            )
            try:
                socket.create_connection((HOST, port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://{HOST}:{port}", proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wrk(
    urls: list[str],
    key: str,
    args: argparse.Namespace,
    method: str = "GET",
    body: str = "",
    warm: bool = False,
) -> dict[str, float]:
    """wrk against each URL at once (one process each); the summed rate, the worst p50/p99 (ms)."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LUA % {"method": method, "key": key, "body": body})
    seconds = 1.0 if warm else args.duration
    cmd = [
        "wrk",
        "-t1",
        f"-c{args.connections}",
        f"-d{seconds:g}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(script),
    ]
    try:
        procs = [subprocess.Popen([*cmd, u], stdout=subprocess.PIPE, text=True) for u in urls]
        outs = [p.communicate(timeout=seconds + 60)[0] for p in procs]
    finally:
        script.unlink()
    results = []
    for out in outs:
        lines = [x for x in out.splitlines() if x.startswith("BENCH ")]
        expect(bool(lines), f"wrk gave no result:\n{out}")
        results.append(json.loads(lines[0][6:]))
    errors = sum(r["non2xx"] + r["socket"] for r in results)
    expect(errors == 0 and all(r["requests"] for r in results), f"{errors} errors during {method} {urls}")
    return {
        "rps": sum(r["requests"] / (r["us"] / 1e6) for r in results),
        "p50": max(r["p50"] for r in results) / 1000,
        "p99": max(r["p99"] for r in results) / 1000,
    }


def new_key(url: str, env: dict[str, str]) -> str:
    cmd = [sys.executable, "-m", "specgate.cli", "keys", "create", "--email", "bench@example.com"]
    out = subprocess.run(
        [*cmd, "--scopes", "read,write,resolve", "--database", url], capture_output=True, text=True, env=env
    )
    expect(out.returncode == 0, f"keys create failed: {out.stderr}")
    return out.stdout.strip().splitlines()[-1].strip()


@contextmanager
def postgres_database(admin_url: str, name: str) -> Any:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- floor ---------------------------------------------------------------------------------------


def floor(args: argparse.Namespace, env: dict[str, str], work: Path) -> dict[str, Any]:
    url = f"sqlite:///{work}/floor.db"
    upgrade(url)
    key = new_key(url, env)
    log = work / "floor.log"
    with server("specgate", url, env, log) as (base, _):
        status, gateway = http("POST", f"{base}/api/v1/gateways", key, {"name": "bench"})
        expect(status == 201, f"POST gateway: {status} {gateway}")
        status, service = http("POST", f"{base}/api/v1/gateways/{gateway['id']}/services", key, SERVICE)
        expect(status == 201, f"POST service: {status} {service}")
    path = f"/api/v1/gateways/{gateway['id']}/services/{service['id']}"
    body = f"wrk.body = {json.dumps(json.dumps(SERVICE))}"
    best: dict[tuple[str, str], dict[str, float]] = {}
    for rnd in range(args.rounds):
        for op in ("GET", "PUT"):
            for app in ("bare", "specgate") if rnd % 2 == 0 else ("specgate", "bare"):
                with server(app, url, env, log) as (base, _):
                    status, answer = http(op, base + path, key, SERVICE if op == "PUT" else None)
                    expect(status == 200, f"{app} {op}: {status} {answer}")
                    if app == "specgate":
                        expect(
                            answer["id"] == service["id"]
                            and not any(s in json.dumps(answer).encode() for s in SECRETS),
                            f"specgate {op} answer: {answer}",
                        )
                    wrk([base + path], key, args, op, body if op == "PUT" else "", warm=True)
                    got = wrk([base + path], key, args, op, body if op == "PUT" else "")
                if app == "bare" and op == "PUT":  # the bare PUT stored the raw body: put the masked one back
                    with server("specgate", url, env, log) as (base, _):
                        expect(http("PUT", base + path, key, SERVICE)[0] == 200, "restoring the service")
                print(f"  floor round {rnd + 1}: {app} {op} {got['rps']:.0f} req/s", flush=True)
                if got["rps"] > best.get((op, app), {"rps": 0})["rps"]:
                    best[(op, app)] = got
    return {op: (best[(op, "bare")], best[(op, "specgate")]) for op in ("GET", "PUT")}


# --- scale ---------------------------------------------------------------------------------------


def token(i: int) -> str:
    """Row i's rare word: 7 letters, a different one for each row."""
    x, letters = i * 2654435761 % 19**7, []
    for _ in range(7):
        x, r = divmod(x, 19)
        letters.append("bcdfghjklmnprstvwxz"[r])
    return "q" + "".join(letters)


def tool_rows(n: int, seed: int = 1) -> Any:
    """Tool services 1..n as the server stores them; each name holds its row's rare word."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        doc = {
            "id": i,
            "name": f"svc-{i:07d}-{token(i)}",
            "description": " ".join(rng.choice(WORDS) for _ in range(6)),
            "auth_type": None,
            "last_updated_comments": None,
            "last_updated": f"2026-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{i % 59:02d}.{i % 999:03d}Z",
            "last_updated_by": f"user{i % 97}@example.com",
        }
        yield doc, dumps(doc | {"auth_value_keys": None}), doc["last_updated"]


async def fill(url: str, n: int) -> None:
    store = Store(await open_database(url))
    try:
        await store.load(KINDS["tool_service"], tool_rows(n))
    finally:
        await store.close()


def requests(n: int) -> dict[str, tuple[str, Any]]:
    """The requests measured at size n, each with a check of its answer."""
    rare = token(n // 3)
    base = "/api/v1/services/"
    return {
        "GET by id": (f"{base}{n // 2}", lambda a: a["id"] == n // 2),
        "list, first page": (base, lambda a: a["total_count"] == n and len(a["items"]) == 25),
        "list, the middle page": (
            f"{base}?page={n // 50}",
            lambda a: a["items"][0]["id"] == n // 50 * 25 + 1,
        ),
        **{
            f"order by {o} desc": (
                f"{base}?order_by={o}&order_by_direction=desc",
                lambda a: len(a["items"]) == 25,
            )
            for o in ORDERS
        },
        "search, rare substring": (
            f"{base}?search_fields=name&search_field_values={rare.upper()}",
            lambda a: a["total_count"] >= 1 and rare in a["items"][0]["name"],
        ),
        "search, common substring (~5% of rows; one request, timed)": (
            f"{base}?search_fields=description&search_field_values=Foxtrot%20Golf",
            lambda a: a["total_count"] > 0,
        ),
    }


def scale(args: argparse.Namespace, env: dict[str, str], work: Path, db: str) -> dict[str, Any]:
    sizes = (1000, args.scale)
    with contextlib.ExitStack() as stack:
        urls = {}
        for n in sizes:
            if db == "sqlite":
                urls[n] = f"sqlite:///{work}/scale-{n}.db"
            else:
                urls[n] = stack.enter_context(postgres_database(args.postgres, f"specgate_bench_{n}"))
            upgrade(urls[n])
            started = time.monotonic()
            asyncio.run(fill(urls[n], n))
            print(f"  {db}: {n:,} rows filled in {time.monotonic() - started:.0f} s", flush=True)
        keys = {n: new_key(urls[n], env) for n in sizes}
        results: dict[int, dict[str, Any]] = {n: {"rss_mb": 0.0} for n in sizes}
        for rnd in range(args.rounds):
            for n in sizes if rnd % 2 == 0 else sizes[::-1]:
                with server("specgate", urls[n], env, work / f"scale-{db}.log") as (base, pid):
                    for name, (path, check) in requests(n).items():
                        status, answer = http("GET", base + path, keys[n])
                        expect(
                            status == 200 and check(answer), f"{db} {n} {name}: {status} {str(answer)[:300]}"
                        )
                        if "common" in name:  # seconds each at a million rows: one request, timed
                            started = time.perf_counter()
                            expect(http("GET", base + path, keys[n])[0] == 200, f"{db} {n} {name}")
                            took = time.perf_counter() - started
                            got = {"rps": 1 / took, "p50": took * 1000, "p99": took * 1000}
                        else:
                            wrk([base + path], keys[n], args, warm=True)
                            got = wrk([base + path], keys[n], args)
                        if got["rps"] > results[n].get(name, {"rps": 0})["rps"]:
                            results[n][name] = got
                    results[n]["rss_mb"] = max(results[n]["rss_mb"], peak_rss_mb(pid))
                print(f"  scale {db} round {rnd + 1}: {n:,} rows measured", flush=True)
        for n in sizes:
            results[n]["bytes_per_row"] = database_bytes(urls[n]) / n
        return results


def database_bytes(url: str) -> int:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])  # type: ignore[index]


# --- writes --------------------------------------------------------------------------------------


def writes(args: argparse.Namespace, env: dict[str, str], work: Path) -> dict[str, Any]:
    with postgres_database(args.postgres, "specgate_bench_writes") as url:
        upgrade(url)
        key = new_key(url, env)
        log = work / "writes.log"
        with server("specgate", url, env, log) as (a, _), server("specgate", url, env, log) as (b, _):
            ids = []
            for i in range(64):
                status, answer = http("POST", f"{(a, b)[i % 2]}/api/v1/services/", key, TOOL_SERVICE)
                expect(status == 200 and "t0k" not in json.dumps(answer), f"create: {status} {answer}")
                ids.append(answer["id"])
            status, answer = http("PUT", f"{b}/api/v1/services/", key, TOOL_SERVICE | {"id": ids[0]})
            expect(status == 200 and answer["id"] == ids[0], f"PUT: {status} {answer}")
            create = f"wrk.body = {json.dumps(json.dumps(TOOL_SERVICE))}"
            bodies = ", ".join(json.dumps(json.dumps(TOOL_SERVICE | {"id": i})) for i in ids)
            put = (
                f"local bodies = {{{bodies}}}\nlocal n = 0\nrequest = function()\n  n = n + 1\n"
                "  return wrk.format(nil, nil, nil, bodies[n % #bodies + 1])\nend"
            )
            urls = [f"{a}/api/v1/services/", f"{b}/api/v1/services/"]
            return {"create": wrk(urls, key, args, "POST", create), "PUT": wrk(urls, key, args, "PUT", put)}


# --- profile -------------------------------------------------------------------------------------

PARTS = {  # (file, function) -> what a PUT spends there
    ("resources.py", "incoming"): "read and validate the body",
    ("merge.py", "merge"): "merge over the stored document (encryption included)",
    ("crypto.py", "encrypt"): "  of which: encrypt the secrets (Fernet)",
    ("resources.py", "render"): "mask and render the answer",
    ("store.py", "get"): "read the stored row",
    ("store.py", "replace"): "versioned write (one transaction)",
}


def profile(env: dict[str, str], work: Path, count: int = 2000) -> dict[str, float]:
    """Where a PUT's time goes: cProfile over `count` PUTs in-process (through httpx's ASGI transport),
    each part's share of the handler's time."""
    import cProfile
    import pstats

    import httpx

    from specgate.admin import create_api_key
    from specgate.config import get_settings
    from specgate.server import create_app

    url = f"sqlite:///{work}/profile.db"
    upgrade(url)
    settings = get_settings(url, environ=env)

    async def run() -> pstats.Stats:
        key = await create_api_key(settings, email="bench@example.com", scopes="read,write", gateway_id=None)
        app = create_app(settings)
        headers = {"Authorization": f"Bearer {key}"}
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench", headers=headers
            ) as client,
        ):
            gateway = (await client.post("/api/v1/gateways", json={"name": "bench"})).json()
            path = f"/api/v1/gateways/{gateway['id']}/services"
            path += "/" + (await client.post(path, json=SERVICE)).json()["id"]
            for _ in range(200):
                expect((await client.put(path, json=SERVICE)).status_code == 200, "profile PUT")
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(count):
                await client.put(path, json=SERVICE)
            profiler.disable()
            return pstats.Stats(profiler)

    stats = asyncio.run(run()).stats  # type: ignore[attr-defined]
    spent = {(Path(f).name, fn): ct for (f, _, fn), (_, _, _, ct, _) in stats.items()}
    handler = spent[("gateway_services.py", "update_gateway_service")]
    found = {"handler, us per PUT (under the profiler)": handler / count * 1e6}
    for where, part in PARTS.items():
        found[part] = spent.get(where, 0.0) / handler
    found["the rest (auth, path checks, the upstream's checks, response)"] = 1 - sum(
        v for part, v in list(found.items())[1:] if not part.startswith(" ")
    )
    return found


# --- report --------------------------------------------------------------------------------------


def table(title: str, header: str, rows: list[list[str]]) -> list[str]:
    cells = header.split(" | ")
    return ["", f"## {title}", "", f"| {header} |", "|---" + "|---:" * (len(cells) - 1) + "|"] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def goal(ratio: float, target: float | None) -> str:
    return "-" if target is None else f">= {target:g} ({'met' if ratio >= target else '**not met**'})"


def report(args: argparse.Namespace, found: dict[str, Any]) -> str:
    cpu = platform.processor() or platform.machine()
    lines = [
        "# specgate benchmark",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} CPUs ({cpu}), {platform.platform()},"
        f" Python {platform.python_version()}. `wrk -t1 -c{args.connections} -d{args.duration:g}s` per"
        f" request (per replica) after a 1 s warm-up; {args.rounds} rounds in alternating order, the best"
        " counts. uvicorn, 1 worker, uvloop, httptools. Other programs share this machine: compare the"
        " figures of one run side by side.",
    ]
    if "floor" in found:
        rows = []
        for op, target in (("GET", 0.75), ("PUT", 0.40)):
            bare, spec = found["floor"][op]
            ratio = spec["rps"] / bare["rps"]
            rps = f"{bare['rps']:.0f} | {spec['rps']:.0f} | {ratio:.2f} | {goal(ratio, target)}"
            rows.append([op, rps, f"{spec['p50']:.2f} / {spec['p99']:.2f}"])
        header = "request | bare req/s | specgate req/s | ratio | target | specgate p50 / p99 ms"
        lines += table("Against the floor (one gateway service, SQLite)", header, rows)
    for db in ("sqlite", "postgresql"):
        if db in found:
            small, big = found[db][1000], found[db][args.scale]
            rows = []
            for name in requests(1000):
                ratio = big[name]["rps"] / small[name]["rps"]
                target = 0.2 if "rare" in name else None if "common" in name else 0.67
                rps = (
                    f"{small[name]['rps']:.0f} | {big[name]['rps']:.0f} | {ratio:.2f} | {goal(ratio, target)}"
                )
                rows.append([name, rps, f"{small[name]['p50']:.2f} / {big[name]['p50']:.2f}"])
            rows.append(["server peak RSS, MB", f"{small['rss_mb']:.0f}", f"{big['rss_mb']:.0f}", "", "", ""])
            per_row = [f"{small['bytes_per_row']:.0f}", f"{big['bytes_per_row']:.0f}"]
            rows.append(["database bytes per row", *per_row, "", "", ""])
            header = f"request | 1k req/s | {args.scale:,} req/s | ratio | target | p50 ms (1k / N)"
            lines += table(f"Scale on {db}: 1,000 and {args.scale:,} tool services", header, rows)
    if "profile" in found:
        rows = [
            [part, f"{v:.0f}" if "us per" in part else f"{v:.0%}"] for part, v in found["profile"].items()
        ]
        lines += table("Where a PUT's time goes (cProfile, 2,000 PUTs in-process)", "part | share", rows)
    if "writes" in found:
        rows = [
            [op, f"{r['rps']:.0f}", f"{r['p50']:.2f}", f"{r['p99']:.2f}", "0"]
            for op, r in found["writes"].items()
        ]
        header = "request | req/s (both) | p50 ms | p99 ms | errors"
        lines += table("Writes on PostgreSQL, 2 replicas (tool services, a wrk per replica)", header, rows)
    return "\n".join(lines) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--phases", default="floor,scale,writes,profile", help="floor,scale,writes,profile")
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
    phases = args.phases.split(",")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPECGATE_")}
    env["SPECGATE_SECRET_KEYS"] = Fernet.generate_key().decode()
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="specgate-bench-") as tmp:
        try:
            if "floor" in phases:
                found["floor"] = floor(args, env, Path(tmp))
            if "scale" in phases:
                for db in ("sqlite", "postgresql"):
                    found[db] = scale(args, env, Path(tmp), db)
            if "writes" in phases:
                found["writes"] = writes(args, env, Path(tmp))
            if "profile" in phases:
                found["profile"] = profile(env, Path(tmp))
        except (BenchError, OSError, subprocess.SubprocessError, psycopg.Error) as exc:
            print(f"bench: FAILED: {exc}", file=sys.stderr)
            return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report(args, found))
    print(args.out.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
