"""The published HTML reference in a real headless browser (Debian's chromium, driven over CDP).

generated/docs/index.html, which the server's /docs serves and `make publish` copies to dist/docs/
is served from 127.0.0.1 by a tiny http.server, and opened as a file:// page too. Chromium loads it
with every other host unresolvable (--host-resolver-rules), a click on each tag of the sidebar opens
its operations, and the DevTools protocol records what the page asked for and logged: it must list
every operation, log no console error and request nothing outside localhost.

Skipped when /usr/bin/chromium is missing, unless SPECGATE_TEST_REQUIRE_CHROMIUM=1 (as in CI).
The DevTools connection uses `websockets` (already installed with uvicorn[standard]).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from websockets.sync.client import ClientConnection, connect

REPO = Path(__file__).resolve().parent.parent
GENERATED_DOCS = REPO / "generated" / "docs" / "index.html"
SPEC = REPO / "openapi" / "openapi.yaml"
CHROMIUM = Path(os.environ.get("SPECGATE_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_CHROMIUM = os.environ.get("SPECGATE_TEST_REQUIRE_CHROMIUM") == "1"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
HARMLESS_SCHEMES = {"data", "about", "blob"}
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
RENDER_TIMEOUT = 90.0

# One worker runs them all: one browser for the module.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


# --- a static server and a browser -----------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module", params=["http", "file"])
def docs_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The published reference over HTTP from 127.0.0.1, and opened as a file."""
    docs = tmp_path_factory.mktemp("docs")
    shutil.copyfile(GENERATED_DOCS, docs / "index.html")  # what /docs serves and `make publish` copies
    if request.param == "file":
        yield (docs / "index.html").as_uri()
        return
    handler = functools.partial(QuietHandler, directory=str(docs))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Page:
    """One browser tab over the DevTools protocol; every event received is kept in `events`."""

    ws: ClientConnection
    events: list[dict[str, Any]] = field(default_factory=list)
    listed: dict[str, str] = field(default_factory=dict)  # operations in the sidebar: link id -> text
    _next_id: int = 0

    def send(
        self, method: str, params: dict[str, Any] | None = None, timeout: float = 30.0
    ) -> dict[str, Any]:
        self._next_id += 1
        ident = self._next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})  # type: ignore[no-any-return]
            if "method" in message:
                self.events.append(message)

    def wait_for_event(self, method: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(event["method"] == method for event in self.events):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} within {timeout}s")
            message = json.loads(self.ws.recv(timeout=remaining))
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def poll(self, expression: str, done: Callable[[Any], bool], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        value = self.evaluate(expression)
        while not done(value) and time.monotonic() < deadline:
            time.sleep(0.05)  # a click renders in tens of milliseconds; one poll per tag opened
            value = self.evaluate(expression)
        return value

    def of(self, method: str) -> list[dict[str, Any]]:
        return [event["params"] for event in self.events if event["method"] == method]


def chromium_args(profile: Path) -> list[str]:
    return [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--metrics-recording-only",
        # Nothing but loopback resolves: a stray request fails instead of leaving the machine.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=1280,1024",
        "about:blank",
    ]


def devtools_port(profile: Path, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> int:
    """Chromium writes the port it chose to DevToolsActivePort in the profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}")
        if marker.is_file() and marker.read_text().strip():
            return int(marker.read_text().splitlines()[0])
        time.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, docs_url: str) -> Iterator[Page]:
    if not CHROMIUM.exists():
        if REQUIRE_CHROMIUM:
            pytest.fail(
                f"{CHROMIUM} not found and SPECGATE_TEST_REQUIRE_CHROMIUM=1 (apt-get install chromium)"
            )
        pytest.skip(
            f"{CHROMIUM} not found (apt-get install chromium); set SPECGATE_TEST_REQUIRE_CHROMIUM=1 to fail"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    proc = subprocess.Popen(chromium_args(profile), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = devtools_port(profile, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        target = next(t for t in targets if t["type"] == "page")
        with connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=10) as ws:
            tab = Page(ws)
            for domain in ("Page", "Runtime", "Log", "Network"):
                tab.send(f"{domain}.enable")
            tab.send("Page.navigate", {"url": docs_url})
            tab.wait_for_event("Page.loadEventFired", timeout=RENDER_TIMEOUT)
            tab.listed = open_every_tag(tab)
            yield tab
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# Redoc's sidebar: a link per tag (href "/<tag>"); clicking one lists its operations as links
# "#/<tag>/<operationid, lower case>" around a menu item label: the summary and the method.
TAG_LINKS = """Array.from(document.querySelectorAll('a[href^="/"]'))
  .filter(a => a.getAttribute('href') !== '/' && !a.getAttribute('href').startsWith('/section/'))"""
MENU = """JSON.stringify(Array.from(
  document.querySelectorAll('a[href^="#/"]:has([data-testid="menu-item-label"])'),
  a => [a.getAttribute('href'), a.innerText]))"""


def open_every_tag(tab: Page) -> dict[str, str]:
    """Click the tags one by one (opening one may close another); {operation link id: its text}."""
    count = tab.poll(f"{TAG_LINKS}.length", lambda n: bool(n), timeout=RENDER_TIMEOUT)
    listed: dict[str, str] = {}
    for index in range(count):
        tag = tab.evaluate(f"(a => {{ a.click(); return a.getAttribute('href'); }})({TAG_LINKS}[{index}])")
        opened = tab.poll(MENU, functools.partial(has_tag, tag=tag), timeout=30)
        listed |= of_tag(opened, tag)
    return listed


def has_tag(menu: str, tag: str) -> bool:
    return bool(of_tag(menu, tag))


def of_tag(menu: str, tag: str) -> dict[str, str]:
    """{operation link id: text} of the menu's operation links under the tag link `tag`."""
    return {href.rsplit("/", 1)[-1]: text for href, text in json.loads(menu) if href.startswith(f"#{tag}/")}


def operations() -> list[tuple[str, str]]:
    """(operationId, summary) of every operation of the spec."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return [
        (item[method]["operationId"], item[method]["summary"])
        for item in document["paths"].values()
        for method in HTTP_METHODS
        if method in item
    ]


# --- tests -----------------------------------------------------------------------------------------


def test_the_reference_lists_every_operation(page: Page) -> None:
    expected = operations()
    assert len(expected) > 10
    menu = page.listed
    missing = [op_id for op_id, _ in expected if op_id.lower() not in menu]
    assert not missing, f"operations not listed: {missing}"
    wrong = [(op_id, summary) for op_id, summary in expected if summary not in menu[op_id.lower()]]
    assert not wrong, f"operations listed without their summary: {wrong}"
    text = page.evaluate("document.body.innerText")
    assert "specgate services registry" in text


def test_the_reference_logs_no_console_error(page: Page) -> None:
    errors = [
        " ".join(str(arg.get("value", arg.get("description", ""))) for arg in event["args"])
        for event in page.of("Runtime.consoleAPICalled")
        if event["type"] in ("error", "assert")
    ]
    errors += [event["exceptionDetails"].get("text", "") for event in page.of("Runtime.exceptionThrown")]
    errors += [
        f"{event['entry']['text']} ({event['entry'].get('url', '')})"
        for event in page.of("Log.entryAdded")
        if event["entry"]["level"] == "error"
    ]
    assert not errors, f"console errors: {errors}"


def test_the_reference_requests_nothing_outside_localhost(page: Page, docs_url: str) -> None:
    urls = [event["request"]["url"] for event in page.of("Network.requestWillBeSent")]
    assert docs_url in urls
    opened_as_file = docs_url.startswith("file:")
    outside = []
    for url in urls:
        if opened_as_file and url == docs_url:
            continue
        parts = urlsplit(url)
        if parts.scheme in HARMLESS_SCHEMES:
            continue
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname not in LOCAL_HOSTS:
            outside.append(url)
    assert not outside, f"requests outside localhost: {outside}"
    failed = [event for event in page.of("Network.loadingFailed") if not event.get("canceled")]
    assert not failed, f"failed requests: {failed}"
