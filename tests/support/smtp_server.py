"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records everything and injects faults.

It runs its own asyncio loop in a background thread, so tests (and benches) drive it with
blocking clients. Every envelope and message byte it accepted is in :attr:`received`; the
number of each command it saw is in :attr:`counts` (to prove "no tight retry loop").

Faults (:class:`Fault`) are matched per stage — ``MAIL``, ``RCPT`` (optionally by address
pattern) or ``DATA`` (after the whole message was read, i.e. the final reply) — for the Nth
occurrence, a fraction (seeded, reproducible) or every time, and act by replying, dropping
the connection, storing-then-dropping (RFC 1047's lost reply) or stalling. Whole-server
modes cover TLS faults (no STARTTLS, garbage after STARTTLS, TLS 1.0 only) and relay limits
(421 after K messages in a session).
"""

from __future__ import annotations

import asyncio
import collections
import random
import re
import ssl
import threading
import time
import warnings
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.support.certs import ServerCertificate

Stage = Literal["MAIL", "RCPT", "DATA"]
Action = Literal["reply", "drop", "accept-then-drop", "stall"]
TlsMode = Literal[
    "starttls",
    "implicit",
    "none",
    "garbage-after-starttls",
    "silent-after-starttls",
    "tls1.0-only",
]


@dataclass
class Fault:
    """One injected misbehaviour. ``nth`` counts occurrences of ``stage`` across the server
    (1-based) among those matching ``address``; ``limit`` caps how often it fires."""

    stage: Stage
    action: Action = "reply"
    reply: str = "451 4.3.0 Temporary local problem, try again later"
    address: str | None = None
    nth: Collection[int] | None = None
    probability: float = 1.0
    limit: int | None = None
    seen: int = 0
    fired: int = 0


@dataclass(frozen=True)
class ReceivedMessage:
    mail_from: str
    recipients: tuple[str, ...]
    data: bytes
    session: int
    secure: bool
    #: ``time.monotonic()`` when the relay took it: the pace measured at the relay.
    received_at: float = 0.0


@dataclass
class _SessionState:
    number: int
    accepted: int = 0
    secure: bool = False


@dataclass
class ServerStats:
    counts: collections.Counter[str] = field(default_factory=collections.Counter)
    auth_attempts: list[tuple[bool, str]] = field(default_factory=list)


class _Handler:
    def __init__(self, server: FaultySmtpServer) -> None:
        self.owner = server

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        self.owner._count("EHLO")
        if self.owner.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str | None:
        self.owner._count("MAIL")
        state = self.owner._state(server)
        limit = self.owner.messages_per_session
        if limit is not None and state.accepted >= limit:
            self.owner._count("421")
            # Closed right after the reply is written (push() writes before it awaits).
            asyncio.get_running_loop().call_soon(_close, server)
            return "421 4.7.0 Too many messages in this session, closing connection"
        outcome = await self.owner._apply_faults(server, "MAIL", address)
        if outcome is not None:
            return outcome
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str | None:
        self.owner._count("RCPT")
        outcome = await self.owner._apply_faults(server, "RCPT", address)
        if outcome is not None:
            return outcome
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.owner._count("DATA")
        addresses = " ".join(envelope.rcpt_tos)
        outcome = await self.owner._apply_faults(server, "DATA", addresses, envelope)
        if outcome is not None:
            return outcome
        number = self.owner._store(server, envelope)
        return f"250 2.0.0 Ok: queued as {number}"


def _close(server: SMTP) -> None:
    if server.transport is not None:
        server.transport.close()


def _abort(server: SMTP) -> None:
    """Drop the connection at once, unsent replies and all (a crashed or cut-off server)."""
    if isinstance(server.transport, asyncio.WriteTransport):
        server.transport.abort()


class _Session(Session):
    # aiosmtpd 1.4.6 itself sets the deprecated ``Session.login_data`` on every successful
    # AUTH, which warns (an error under our warning filter); a plain attribute does not.
    login_data: Any = None


class _TestSMTP(SMTP):
    def __init__(self, owner: FaultySmtpServer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        # This connection's number and counts, kept on the connection itself: a table
        # keyed by id() would hand a closed connection's number to a later one that the
        # allocator put at the same address (seen: two sessions counted as one).
        self.session_state: _SessionState | None = None

    def _create_session(self) -> Session:
        return _Session(self.loop)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self._original_transport is None  # called again after STARTTLS
        super().connection_made(transport)
        if first and self.owner.tls == "implicit":
            # aiosmtpd only knows STARTTLS; on an implicit-TLS port the whole session is
            # TLS, so mark it as such (it only tests this for truth) to allow AUTH.
            self._tls_protocol = transport  # type: ignore[assignment]
        if first:
            self.owner._connections.add(self)
            self.owner._count("connect")

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner._connections.discard(self)
        super().connection_lost(exc)

    async def smtp_STARTTLS(self, arg: str) -> None:
        if self.owner.tls == "garbage-after-starttls":
            await self.push("220 Ready to start TLS")
            assert isinstance(self.transport, asyncio.WriteTransport)
            self.transport.write(b"this is not a TLS handshake\r\n" * 4)
            self.transport.close()
            return
        if self.owner.tls == "silent-after-starttls":
            # Says yes, then never answers the ClientHello (until the client hangs up).
            await self.push("220 Ready to start TLS")
            await asyncio.Event().wait()
        await super().smtp_STARTTLS(arg)


class FaultySmtpServer:
    """An aiosmtpd server in a background thread; use as a context manager or start/stop."""

    def __init__(
        self,
        certificate: ServerCertificate | None,
        *,
        tls: TlsMode = "starttls",
        pipelining: bool = True,
        credentials: tuple[str, str] | None = None,
        messages_per_session: int | None = None,
        faults: Collection[Fault] = (),
        seed: int = 0,
        idle_timeout: float = 60.0,
        keep_data: bool = True,
    ) -> None:
        if tls != "none" and certificate is None:
            raise ValueError("a TLS mode needs a certificate")
        self.certificate = certificate
        self.tls = tls
        self.pipelining = pipelining
        self.credentials = credentials
        self.messages_per_session = messages_per_session
        self.faults: list[Fault] = list(faults)
        self.host = "127.0.0.1"
        self.port = 0
        self.received: list[ReceivedMessage] = []
        self.stats = ServerStats()
        self._idle_timeout = idle_timeout
        self._keep_data = keep_data  # benchmarks keep envelopes only
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._session_count = 0
        self._connections: set[_TestSMTP] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.AbstractServer | None = None
        self._stopping: asyncio.Event | None = None

    # -- what tests look at ---------------------------------------------------------------

    @property
    def counts(self) -> collections.Counter[str]:
        return self.stats.counts

    def recipients_received(self) -> collections.Counter[str]:
        """How many times each address was in an accepted envelope (duplicates show as 2+)."""
        with self._lock:
            return collections.Counter(r for m in self.received for r in m.recipients)

    @property
    def open_connections(self) -> int:
        """Client connections open now (a connection ends with QUIT or a close)."""
        return len(self._connections)

    def add_fault(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    # -- life cycle ------------------------------------------------------------------------

    def __enter__(self) -> FaultySmtpServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()
        failure: list[BaseException] = []
        implicit, starttls = self._contexts()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._listen(implicit, starttls))
            except BaseException as error:  # surfaced in start()
                failure.append(error)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._thread = threading.Thread(target=run, name="test-smtp-server", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            raise RuntimeError("test SMTP server did not start") from (
                failure[0] if failure else None
            )

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if loop.is_running():
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._loop = None
        self._thread = None

    def _contexts(self) -> tuple[ssl.SSLContext | None, ssl.SSLContext | None]:
        """(implicit-TLS context, STARTTLS context) for the mode; built in the caller's
        thread so that the warning filter below is not raced by another thread."""
        cert = self.certificate
        if self.tls == "implicit":
            assert cert is not None
            return cert.server_context(), None
        if self.tls == "tls1.0-only":
            assert cert is not None
            with warnings.catch_warnings():
                # ssl.TLSVersion.TLSv1 is deprecated: exactly the old relay we imitate.
                warnings.simplefilter("ignore", DeprecationWarning)
                return None, cert.server_context(
                    minimum_version=ssl.TLSVersion.TLSv1, maximum_version=ssl.TLSVersion.TLSv1
                )
        if self.tls in ("starttls", "garbage-after-starttls", "silent-after-starttls"):
            assert cert is not None
            return None, cert.server_context()
        return None, None

    async def _listen(
        self, implicit: ssl.SSLContext | None, starttls: ssl.SSLContext | None
    ) -> None:
        self._stopping = asyncio.Event()
        self._server = await asyncio.get_running_loop().create_server(
            lambda: self._make_protocol(starttls), self.host, 0, ssl=implicit
        )
        self.port = self._server.sockets[0].getsockname()[1]

    def _make_protocol(self, starttls: ssl.SSLContext | None) -> _TestSMTP:
        kwargs: dict[str, Any] = {
            "hostname": "localhost",
            "timeout": self._idle_timeout,
            "auth_require_tls": True,
        }
        if starttls is not None:
            kwargs.update(tls_context=starttls, require_starttls=True)
        if self.credentials is not None:
            kwargs.update(authenticator=self._authenticate, auth_required=True)
        return _TestSMTP(self, _Handler(self), **kwargs)

    async def _shutdown(self) -> None:
        assert self._server is not None and self._stopping is not None
        self._stopping.set()
        self._server.close()
        for protocol in list(self._connections):
            _abort(protocol)
        await self._server.wait_closed()
        current = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- server-side bookkeeping (runs on the server loop) ---------------------------------

    def _count(self, what: str) -> None:
        with self._lock:
            self.stats.counts[what] += 1

    def _state(self, server: SMTP) -> _SessionState:
        assert isinstance(server, _TestSMTP)
        with self._lock:
            state = server.session_state
            if state is None:
                self._session_count += 1
                state = server.session_state = _SessionState(self._session_count)
            state.secure = server.transport is not None and (
                server.transport.get_extra_info("ssl_object") is not None
            )
            return state

    def _store(self, server: SMTP, envelope: Envelope) -> int:
        state = self._state(server)
        data = envelope.original_content or b""
        message = ReceivedMessage(
            mail_from=str(envelope.mail_from),
            recipients=tuple(envelope.rcpt_tos),
            data=bytes(data) if self._keep_data else b"",
            session=state.number,
            secure=state.secure,
            received_at=time.monotonic(),
        )
        with self._lock:
            state.accepted += 1
            self.received.append(message)
            return len(self.received)

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        secure = server.transport is not None and (
            server.transport.get_extra_info("ssl_object") is not None
        )
        login = password = ""
        if isinstance(auth_data, LoginPassword):
            login = auth_data.login.decode()
            password = auth_data.password.decode()
        with self._lock:
            self.stats.auth_attempts.append((secure, login))
        # handled=False: aiosmtpd then answers 535 itself (with the default it stays silent).
        return AuthResult(success=(login, password) == self.credentials, handled=False)

    def _pick_fault(self, stage: Stage, address: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.stage != stage:
                    continue
                if fault.address is not None and not re.search(fault.address, address):
                    continue
                fault.seen += 1
                if fault.limit is not None and fault.fired >= fault.limit:
                    continue
                if fault.nth is not None and fault.seen not in fault.nth:
                    continue
                if fault.probability < 1.0 and self._random.random() >= fault.probability:
                    continue
                fault.fired += 1
                return fault
        return None

    async def _apply_faults(
        self, server: SMTP, stage: Stage, address: str, envelope: Envelope | None = None
    ) -> str | None:
        fault = self._pick_fault(stage, address)
        if fault is None:
            return None
        self._count(f"fault:{stage}:{fault.action}")
        if fault.action == "reply":
            return fault.reply
        if fault.action == "accept-then-drop" and envelope is not None:
            self._store(server, envelope)
        if fault.action in ("drop", "accept-then-drop"):
            _abort(server)
        assert self._stopping is not None
        # Dropped or stalled: wait (until the connection is gone, which cancels this, or the
        # server stops) so that no reply is ever written.
        await self._stopping.wait()
        _abort(server)
        return "421 4.3.0 Server shutting down"


def main(argv: list[str] | None = None) -> int:
    """Run a server in its own process (benchmarks: it must not share the client's GIL).

    Prints ``PORT CAFILE`` on one line once listening, serves until stdin closes, then prints
    the command counts and the number of messages and recipients accepted as JSON (with
    ``--recipient-counts`` also how many times each address was accepted, for the fault tests
    that count missed and duplicated deliveries across restarts of the client).
    """
    import argparse
    import json
    import sys
    import tempfile
    from pathlib import Path

    from tests.support.certs import loopback_server_certificate

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--no-pipelining", action="store_true")
    parser.add_argument("--tls", default="starttls", choices=["starttls", "implicit"])
    parser.add_argument(
        "--recipient-counts",
        action="store_true",
        help='add {"recipient_counts": {address: times accepted}} to the final report',
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        certificate = loopback_server_certificate(Path(folder))
        server = FaultySmtpServer(
            certificate, tls=args.tls, pipelining=not args.no_pipelining, keep_data=False
        )
        with server:
            print(server.port, certificate.cafile, flush=True)
            sys.stdin.read()
        report: dict[str, Any] = {
            "counts": dict(server.counts),
            "messages": len(server.received),
            "recipients": sum(len(m.recipients) for m in server.received),
        }
        if args.recipient_counts:
            report["recipient_counts"] = dict(server.recipients_received())
        print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
