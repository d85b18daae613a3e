"""Several server processes on one database: no lost update, no lost write, live key rotation.

Real processes on loopback. Figures are printed (run with -s to see them) and written to
reports/replicas.json.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from .support import ROOT, ServerProcess, create_api_key, http_client, postgres_settings

# One worker runs them all: the module fixture writes every figure to one report.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("replicas")]

FIGURES: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def write_figures() -> Iterator[None]:
    yield
    if FIGURES:
        reports = ROOT / "reports"
        reports.mkdir(exist_ok=True)
        (reports / "replicas.json").write_text(json.dumps(FIGURES, indent=2) + "\n")


@pytest.fixture(scope="module")
def loopback() -> Iterator[httpx.Client]:
    """One client for the tests' own calls (the threads make their own)."""
    with http_client(timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def replicas(
    postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, list[ServerProcess]]]:
    """(secret keys, two replicas) on the PostgreSQL database, shared by the tests that only need two
    running replicas: a server process costs about a CPU-second to start. Each test empties the
    database first and makes its own keys; a replica keeps nothing of a row in memory (only keys it
    looked up, for a second)."""
    keys = Fernet.generate_key().decode()
    logs = tmp_path_factory.mktemp("replicas")
    replicas = [ServerProcess(postgres_url, keys, logs / f"replica{i}.log") for i in range(2)]
    try:
        yield keys, [replica.start() for replica in replicas]
    finally:
        for replica in replicas:
            replica.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """(database URL, secret keys) of an empty database of each kind."""
    keys = Fernet.generate_key().decode()
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/specgate.db", keys
    return postgres_settings(request.getfixturevalue("postgres_url")).database_url, keys


def test_read_modify_put_on_two_replicas_has_one_winner_per_version(
    loopback: httpx.Client, postgres_url: str, replicas: tuple[str, list[ServerProcess]]
) -> None:
    url = postgres_settings(postgres_url).database_url
    keys, servers = replicas
    headers = {"Authorization": f"Bearer {create_api_key(url, keys)}"}
    gid = loopback.post(
        f"{servers[0].url}/api/v1/gateways", json={"name": "race", "tags": []}, headers=headers
    ).json()["id"]
    clients, rounds = 8, 15
    won: list[tuple[int, str]] = []
    counts = {"attempted": 0, "2xx": 0, "412": 0, "other": 0}
    lock = threading.Lock()

    def client(n: int) -> None:
        with http_client(headers=headers, timeout=10) as http:
            for r in range(rounds):
                base = servers[(n + r) % 2].url + f"/api/v1/gateways/{gid}"
                read = http.get(base)
                tag = f"c{n}-r{r}"
                body = {"name": "race", "tags": [*read.json()["tags"], tag]}
                response = http.put(base, json=body, headers={"If-Match": read.headers["etag"]})
                with lock:
                    counts["attempted"] += 1
                    if response.status_code == 200:
                        counts["2xx"] += 1
                        won.append((int(response.headers["etag"].strip('"')), tag))
                    elif response.status_code == 412:
                        counts["412"] += 1
                    else:
                        counts["other"] += 1

    run_in_threads(client, clients)
    final = loopback.get(f"{servers[1].url}/api/v1/gateways/{gid}", headers=headers)
    versions = [version for version, _ in won]
    assert len(versions) == len(set(versions)), "two writers won the same version"
    assert counts["other"] == 0 and counts["2xx"] + counts["412"] == counts["attempted"] == clients * rounds
    expected = [tag for _, tag in sorted(won)]
    lost = len(expected) - len(set(expected) & set(final.json()["tags"]))
    assert final.json()["tags"] == expected and lost == 0
    assert final.headers["etag"] == f'"{counts["2xx"] + 1}"'
    FIGURES["optimistic_concurrency"] = {"replicas": 2, "clients": clients, **counts, "lost": lost}
    print("\noptimistic concurrency:", FIGURES["optimistic_concurrency"])


def test_every_acknowledged_write_survives_a_kill_9(database: tuple[str, str], tmp_path: Path) -> None:
    url, keys = database
    key = create_api_key(url, keys)
    server = ServerProcess(url, keys, tmp_path / "server.log").start()
    headers = {"Authorization": f"Bearer {key}"}
    acknowledged: dict[str, str] = {}
    failures = 0
    stop = threading.Event()

    def writer(n: int) -> None:
        nonlocal failures
        with http_client(headers=headers, timeout=5) as http:
            i = 0
            while not stop.is_set():
                name = f"w{n}-{i}"
                i += 1
                try:
                    response = http.post(f"{server.url}/api/v1/gateways", json={"name": name, "tags": [name]})
                except httpx.HTTPError:
                    failures += 1  # in flight when the server died: not acknowledged
                    continue
                if response.status_code == 201:
                    acknowledged[response.json()["id"]] = name

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    # Killed under load: once it has acknowledged a few hundred writes (or after 5 s, whatever it has).
    deadline = time.monotonic() + 5
    while len(acknowledged) < 300 and time.monotonic() < deadline:
        time.sleep(0.02)
    server.kill()
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join(30)
    assert len(acknowledged) > 20, "the load wrote too little to prove anything"
    restarted = ServerProcess(url, keys, tmp_path / "server.log").start()
    try:
        missing = 0
        with http_client(headers=headers, timeout=5) as http:
            for gid, name in acknowledged.items():
                response = http.get(f"{restarted.url}/api/v1/gateways/{gid}")
                if response.status_code != 200 or response.json()["tags"] != [name]:
                    missing += 1
    finally:
        restarted.stop()
    kind = url.split(":", 1)[0]
    FIGURES[f"kill_9_{kind}"] = {
        "acknowledged": len(acknowledged),
        "unacknowledged": failures,
        "lost": missing,
    }
    print(f"\nkill -9 on {kind}:", FIGURES[f"kill_9_{kind}"])
    assert missing == 0


def test_secrets_rotate_under_traffic_then_the_old_key_goes(
    loopback: httpx.Client, database: tuple[str, str], tmp_path: Path
) -> None:
    url, old = database
    new = Fernet.generate_key().decode()
    key = create_api_key(url, old)
    headers = {"Authorization": f"Bearer {key}"}
    server = ServerProcess(url, old, tmp_path / "server.log").start()
    try:
        made = loopback.post(f"{server.url}/api/v1/gateways", json={"name": "rot"}, headers=headers)
        gid = made.json()["id"]
        services = {}
        for i in range(20):
            body = {
                "name": f"s{i}",
                "type": "endpoint",
                "host": "h.example",
                "port": 443,
                "protocol": "https",
            }
            body["credentials"] = {"api_key": f"secret-{i}"}
            created = loopback.post(
                f"{server.url}/api/v1/gateways/{gid}/services", json=body, headers=headers
            )
            services[created.json()["id"]] = f"secret-{i}"
    finally:
        server.stop()

    # Deploy step 1: the new key first, the old one still there to read.
    server = ServerProcess(url, f"{new},{old}", tmp_path / "server.log").start()
    statuses: dict[int, int] = {}
    stop = threading.Event()

    def traffic() -> None:
        with http_client(headers=headers, timeout=5) as http:
            while not stop.is_set():
                for sid in services:
                    path = f"{server.url}/api/v1/gateways/{gid}/services/{sid}"
                    for response in (
                        http.get(f"{path}/resolved"),
                        http.put(path, json=http.get(path).json()),
                    ):
                        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    thread = threading.Thread(target=traffic)
    thread.start()
    try:
        import subprocess
        import sys

        env = {"SPECGATE_SECRET_KEYS": f"{new},{old}", "PATH": "/usr/bin:/bin"}
        rotated = subprocess.run(
            [sys.executable, "-m", "specgate.cli", "secrets", "rotate", "--database", url],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        time.sleep(0.5)
    finally:
        stop.set()
        thread.join(30)
        server.stop()
    assert rotated.returncode == 0, rotated.stderr
    assert set(statuses) == {200}, statuses

    # Deploy step 2: the old key removed; every secret still reads.
    server = ServerProcess(url, new, tmp_path / "server.log").start()
    try:
        for sid, secret in services.items():
            resolved = loopback.get(
                f"{server.url}/api/v1/gateways/{gid}/services/{sid}/resolved", headers=headers
            )
            assert resolved.status_code == 200 and resolved.json()["credentials"]["api_key"] == secret
    finally:
        server.stop()
    kind = url.split(":", 1)[0]
    FIGURES[f"rotation_{kind}"] = {"requests_during_rotation": sum(statuses.values()), "statuses": statuses}


def test_a_revoked_key_is_refused_by_every_replica_within_the_cache_time(
    loopback: httpx.Client, postgres_url: str, replicas: tuple[str, list[ServerProcess]]
) -> None:
    """Replicas cache a key for SPECGATE_KEY_CACHE_SECONDS (1 s in ServerProcess); after a revoke,
    no replica accepts it once that time has passed, though each had just accepted it."""
    import subprocess
    import sys

    url = postgres_settings(postgres_url).database_url
    keys, servers = replicas
    kept, revoked = create_api_key(url, keys), create_api_key(url, keys)

    def statuses(key: str) -> list[int]:
        headers = {"Authorization": f"Bearer {key}"}
        return [loopback.get(f"{r.url}/api/v1/gateways", headers=headers).status_code for r in servers]

    assert statuses(revoked) == [200, 200]  # now cached on both replicas
    env = {"SPECGATE_SECRET_KEYS": keys, "PATH": "/usr/bin:/bin"}
    revoke = subprocess.run(
        [sys.executable, "-m", "specgate.cli", "keys", "revoke", "2", "--database", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert revoke.returncode == 0, revoke.stderr
    revoked_at = time.monotonic()
    time.sleep(1.2)  # the cache time, and a margin
    assert statuses(revoked) == [401, 401]
    assert statuses(kept) == [200, 200]
    FIGURES["revocation_postgresql"] = {
        "cache_seconds": 1,
        "refused_everywhere_after_seconds": round(time.monotonic() - revoked_at, 2),
    }


def test_puts_without_if_match_are_never_412_under_contention(
    loopback: httpx.Client, postgres_url: str, replicas: tuple[str, list[ServerProcess]]
) -> None:
    """412 answers a precondition the client sent; a PUT without one is written, however many
    writers race it on two replicas (issue 9, M4: 38 of 50 such writers got 412)."""
    url = postgres_settings(postgres_url).database_url
    keys, servers = replicas
    headers = {"Authorization": f"Bearer {create_api_key(url, keys)}"}
    writers, rounds = 24, 4
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = threading.Barrier(writers)
    made = loopback.post(f"{servers[0].url}/api/v1/gateways", json={"name": "hot"}, headers=headers)
    gid = made.json()["id"]
    sid = loopback.post(
        f"{servers[0].url}/api/v1/services/",
        json={"name": "hot", "description": "d", "auth_type": "bearer", "auth_values": {"token": "t"}},
        headers=headers,
    ).json()["id"]

    def writer(n: int) -> None:
        with http_client(headers=headers, timeout=30) as http:
            start.wait(30)
            for r in range(rounds):
                base = servers[(n + r) % 2].url
                if n % 2:
                    response = http.put(f"{base}/api/v1/gateways/{gid}", json={"name": f"w{n}-{r}"})
                else:
                    body = {"id": sid, "name": f"w{n}-{r}", "description": "d", "auth_type": "bearer"}
                    response = http.put(f"{base}/api/v1/services/", json=body)
                with lock:
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    run_in_threads(writer, writers)
    gateway = loopback.get(f"{servers[1].url}/api/v1/gateways/{gid}", headers=headers)
    service = loopback.get(f"{servers[1].url}/api/v1/services/{sid}", headers=headers)
    FIGURES["unconditional_puts_postgresql"] = {"replicas": 2, "writers": writers, "statuses": statuses}
    assert statuses == {200: writers * rounds}
    # Every write landed: one version each, none lost to a retry.
    assert gateway.headers["etag"] == f'"{1 + writers // 2 * rounds}"'
    assert service.headers["etag"] == f'"{1 + writers // 2 * rounds}"'


def run_in_threads(target: Callable[[int], None], count: int) -> None:
    """`target(0)` .. `target(count - 1)` at once, a thread each; back when all are done."""
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
