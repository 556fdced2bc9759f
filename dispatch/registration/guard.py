"""Slow clients cannot exhaust the registration service, even without the reverse proxy.

uvicorn closes idle keep-alive connections, but it waits for ever for a request whose headers
or body arrive a byte at a time (slowloris), and it answers 503 to everybody once
``limit_concurrency`` connections are open. :func:`guarded_protocol` makes uvicorn's h11
protocol class stricter:

The first three are settings (``registration.header_seconds``, ``registration.body_seconds``,
``registration.connections_per_client``: :func:`slow_client_limits`):

* **header timeout** — a request's headers must be complete within ``header_seconds`` of the
  connection opening (or of the previous response), else the connection is closed;
* **body timeout** — its body must be complete within ``body_seconds`` of the headers;
* **connections per client** — at most ``per_client`` open connections from one client (an
  IPv4 address or an IPv6 /64); more are closed at once. Connections from a trusted proxy are
  not capped here (the proxy carries many residents; it enforces its own limits);
* **TLS handshake** — when the service terminates TLS itself (``WebServer(certfile=…)``), a
  client must complete the handshake within ``handshake_seconds`` (:func:`bounded_tls_loop`);
  asyncio would wait 60 s, and the limits above only start once the handshake is done.
"""

from __future__ import annotations

import asyncio
import collections
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from dispatch.records.settings import get_setting
from dispatch.registration.limits import client_key
from dispatch.store.database import Connection

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlowClientLimits:
    """The defaults are the settings' (:func:`slow_client_limits` reads the office's)."""

    header_seconds: float = 10.0
    body_seconds: float = 30.0
    per_client: int = 16
    #: A ClientHello and the client's finish are two round trips: 10 s covers a phone on a
    #: poor mobile link, and is the same bound as the headers'.
    handshake_seconds: float = 10.0


def slow_client_limits(connection: Connection) -> SlowClientLimits:
    """The limits as the office set them (``registration.header_seconds``, ``body_seconds``,
    ``connections_per_client``; checked when they were set)."""
    return SlowClientLimits(
        header_seconds=float(get_setting(connection, "registration.header_seconds")),
        body_seconds=float(get_setting(connection, "registration.body_seconds")),
        per_client=int(get_setting(connection, "registration.connections_per_client")),
    )


def bounded_tls_loop(handshake_seconds: float) -> Callable[[], asyncio.AbstractEventLoop]:
    """An event-loop factory for uvicorn (``Config(loop=…)``) whose TLS servers drop a client
    that has not completed the handshake within ``handshake_seconds``. uvicorn creates its
    server with asyncio's default (60 s) and has no setting for it. A selector loop on every
    platform (on Windows that limits it to 512 sockets, above uvicorn's 200 connections)."""

    class BoundedTlsLoop(asyncio.SelectorEventLoop):
        async def create_server(self, *args: Any, **kwargs: Any) -> asyncio.Server:
            if kwargs.get("ssl") is not None:
                kwargs.setdefault("ssl_handshake_timeout", handshake_seconds)
            return await super().create_server(*args, **kwargs)

    return BoundedTlsLoop


def _trusted(proxies: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for item in proxies.split(","):
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue  # "*" or a name: nothing is exempt by a pattern we cannot read
    return tuple(networks)


def guarded_protocol(limits: SlowClientLimits, trusted_proxies: str = "") -> type[H11Protocol]:
    """An ``H11Protocol`` subclass with these limits and its own count of connections per
    client (one per web server)."""
    attributes = {
        "limits": limits,
        "trusted": _trusted(trusted_proxies),
        "open_by_client": collections.Counter(),
    }
    return type("GuardedH11Protocol", (GuardedH11Protocol,), attributes)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the deadlines and the per-client cap (see the module)."""

    limits: ClassVar[SlowClientLimits] = SlowClientLimits()
    trusted: ClassVar[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]] = ()
    open_by_client: ClassVar[collections.Counter[str]] = collections.Counter()
    _client_key: str | None = None
    _deadline: asyncio.TimerHandle | None = None
    _seen_cycle: Any = None

    def _exempt(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.trusted)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else ""
        if host and not self._exempt(host):
            key = client_key(host)
            if self.open_by_client[key] >= self.limits.per_client:
                log.warning("registration: too many connections from one client; closed")
                transport.close()
                return
            self.open_by_client[key] += 1
            self._client_key = key
        self._arm(self.limits.header_seconds, self._headers_late)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._client_key is not None:
            self.open_by_client[self._client_key] -= 1
            if self.open_by_client[self._client_key] <= 0:
                del self.open_by_client[self._client_key]
            self._client_key = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.cycle is not None and self.cycle is not self._seen_cycle:
            self._seen_cycle = self.cycle  # headers complete: now the body's deadline
            self._arm(self.limits.body_seconds, self._body_late)
        if self.conn.their_state is h11.DONE and self._seen_cycle is self.cycle:
            self._disarm()  # the whole request is in; the app answers in its own time

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():  # keep-alive: the next request's headers
            self._arm(self.limits.header_seconds, self._headers_late)

    def _arm(self, seconds: float, handler: Any) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, handler, self.cycle)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _headers_late(self, cycle: Any) -> None:
        if self.cycle is cycle and not self.transport.is_closing():
            self.transport.close()  # no (new) request headers in time

    def _body_late(self, cycle: Any) -> None:
        late = self.cycle is cycle and self.conn.their_state is h11.SEND_BODY
        if late and not self.transport.is_closing():
            self.transport.close()
