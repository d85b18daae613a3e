"""The clients every operation takes: base URL, key, timeout, retries, and the httpx clients under them.

Replaces the generator's client.py. Differences that matter: a finite default timeout; retries (see
`_transport`); the key sent through an httpx auth flow, never stored in the headers and hidden from every
repr; `with_headers()`, `with_cookies()`, `with_timeout()` and `with_options()` return a new client and
leave the original (and its open connections) alone.
"""

from __future__ import annotations

import ssl
from typing import Any, Self

import httpx
from attrs import define, evolve, field
from specgate_client._transport import DEFAULT_TIMEOUT, EXTENSION, KeyAuth, RetryPolicy, RetryTransport

__all__ = ["DEFAULT_TIMEOUT", "AuthenticatedClient", "Client", "RetryPolicy"]


@define(repr=False)
class Client:
    """A client for the operations that need no key (health, version, the spec itself).

    `base_url`: where the API lives. `timeout`: an `httpx.Timeout` or seconds (default: 5 s to
    connect, 30 s per read/write). `max_retries`: retries of a connection error, 429 or 503 (default 2;
    0 turns them off), for GET/PUT/DELETE only unless `retry_all_methods=True`. `headers`, `cookies`,
    `verify_ssl`, `follow_redirects` and `httpx_args` go to the httpx clients; a `transport` in
    `httpx_args` (an `httpx.MockTransport` in tests) is wrapped by the retrying transport.
    """

    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout | float = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    max_retries: int = field(default=2, kw_only=True)
    retry_all_methods: bool = field(default=False, kw_only=True)
    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    """Kept for the generator's API: an undocumented status always raises an APIStatusError."""
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _options: dict[str, Any] = field(factory=dict, init=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def policy(self) -> RetryPolicy:
        return RetryPolicy(max_retries=self.max_retries, all_methods=self.retry_all_methods)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client with these headers added; this one is left as it is."""
        return self._copy(headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client with these cookies added; this one is left as it is."""
        return self._copy(cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout | float) -> Self:
        """A new client with this timeout; this one is left as it is."""
        return self._copy(timeout=timeout)

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        retry_all_methods: bool | None = None,
    ) -> Self:
        """A client for one call (or a few) with another timeout or retry policy. It shares this client's
        connections: `client.with_options(max_retries=0)` costs nothing."""
        copy = evolve(
            self,
            max_retries=self.max_retries if max_retries is None else max_retries,
            retry_all_methods=self.retry_all_methods if retry_all_methods is None else retry_all_methods,
        )
        copy._client, copy._async_client = self._client, self._async_client
        copy._options = {"timeout": self._timeout if timeout is None else timeout, "shared": self}
        return copy

    def request_options(self) -> dict[str, Any]:
        """Per-request arguments for httpx: the timeout and retry policy of this client."""
        return {
            "timeout": self._options.get("timeout", self._timeout),
            "extensions": {EXTENSION: self.policy},
        }

    def _copy(self, **changes: Any) -> Self:
        return evolve(self, **changes)

    def _auth(self) -> httpx.Auth | None:
        return None

    def _httpx_kwargs(self) -> dict[str, Any]:
        """The settings both httpx clients are made with (beside the caller's `httpx_args`)."""
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self._timeout,
            "follow_redirects": self._follow_redirects,
            "auth": self._auth(),
        }

    def _shared(self) -> Client | None:
        shared = self._options.get("shared")
        return shared if isinstance(shared, Client) else None

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client (its own settings then apply; retries only if its transport retries)."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client under this client, made on first use."""
        shared = self._shared()
        if shared is not None:
            self._client = shared.get_httpx_client()
        if self._client is None:
            args = dict(self._httpx_args)
            inner = args.pop("transport", None) or httpx.HTTPTransport(verify=self._verify_ssl)
            self._client = httpx.Client(
                transport=RetryTransport(sync=inner, policy=self.policy), **self._httpx_kwargs(), **args
            )
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient (its own settings then apply)."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient under this client, made on first use."""
        shared = self._shared()
        if shared is not None:
            self._async_client = shared.get_async_httpx_client()
        if self._async_client is None:
            args = dict(self._httpx_args)
            inner = args.pop("transport", None) or httpx.AsyncHTTPTransport(verify=self._verify_ssl)
            self._async_client = httpx.AsyncClient(
                transport=RetryTransport(async_=inner, policy=self.policy), **self._httpx_kwargs(), **args
            )
        return self._async_client

    def close(self) -> None:
        if self._client is not None and self._shared() is None:
            self._client.close()

    async def aclose(self) -> None:
        if self._async_client is not None and self._shared() is None:
            await self._async_client.aclose()

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any) -> None:
        self.get_httpx_client().__exit__(*args)

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any) -> None:
        await self.get_async_httpx_client().__aexit__(*args)


@define(repr=False)
class AuthenticatedClient(Client):
    """A client with an API key: `AuthenticatedClient(base_url=..., token="sg_...")`.

    The key goes in `Authorization: Bearer <token>` by default; `auth_header_name="Syllable-API-Key"`
    with `prefix=""` sends it the tool-services way. It never appears in a repr, a log line or an error.
    """

    token: str = field(kw_only=True, repr=False)
    prefix: str = field(default="Bearer", kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, token='********')"

    def _auth(self) -> httpx.Auth:
        value = f"{self.prefix} {self.token}" if self.prefix else self.token
        return KeyAuth(self.auth_header_name, value)
