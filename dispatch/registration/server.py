"""Running the registration service: the runtime opened from a staff session, and uvicorn.

The service runs under a staff login, like ``kishomail run``: the account must be allowed to
write subscribers (operator). With no mail relay configured, mail goes to the embedded local
mail sink (sent to nobody), as for the dispatch engine.
"""

from __future__ import annotations

import logging
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from types import FrameType
from typing import cast

import uvicorn

from dispatch.base.clock import Clock
from dispatch.engine.notifications import Kind, notify_once
from dispatch.engine.relay import outgoing, relay_settings
from dispatch.mail.sink import MailSink
from dispatch.operations import authorise
from dispatch.operations.session import Session
from dispatch.records.links import link_key
from dispatch.records.settings import get_setting, office_profile, refuse_example_office
from dispatch.registration.app import MAX_BODY, Runtime, create_app
from dispatch.registration.guard import SlowClientLimits, bounded_tls_loop, guarded_protocol
from dispatch.registration.limits import Limits
from dispatch.registration.mailbox import MailboxPoller, imap_settings
from dispatch.registration.service import MailProfile, Registrations
from dispatch.registration.threads import Mailer, StoreWorker
from dispatch.store.database import Store, transaction

log = logging.getLogger(__name__)


@dataclass
class RegistrationService:
    """Everything ``kishomail serve-registration`` keeps running; :meth:`close` stops it."""

    runtime: Runtime
    mailer: Mailer
    sink: MailSink | None
    poller: MailboxPoller | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    @property
    def registrations(self) -> Registrations:
        return self.runtime.registrations

    def start_background(self, *, imap: bool, poll_interval: float | None = None) -> None:
        """Hourly erasure of unconfirmed entries, and the mailbox poller if asked."""
        worker, registrations = self.runtime.worker, self.registrations

        def housekeeping() -> None:
            while not self._stop.is_set():
                try:
                    worker.call(registrations.purge_unconfirmed)
                except Exception:
                    log.exception("registration housekeeping failed")
                self._stop.wait(3600)

        self._spawn("registration-housekeeping", housekeeping)
        if imap:
            if self.poller is None:
                raise ValueError(
                    "No registration mailbox is configured: set registration.imap_host, "
                    "registration.imap_user and registration.imap_password."
                )
            poller = self.poller
            interval = poll_interval or float(
                worker.call(
                    lambda: get_setting(worker.store.connection(), "registration.imap_poll_seconds")
                )
            )
            self._spawn("registration-imap", lambda: poller.run(self._stop, interval))

    def _spawn(self, name: str, target: object) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)
        self.mailer.close()
        self.runtime.worker.close()
        if self.sink is not None:
            self.sink.stop()


def open_service(session: Session, *, limits: Limits | None = None) -> RegistrationService:
    authorise.start_registration_service(session)
    connection = session.connection
    with transaction(connection):
        key = link_key(connection)
    office = office_profile(connection)
    registration_address = get_setting(connection, "registration.address")
    if limits is None:
        limits = Limits(
            token_minutes=get_setting(connection, "registration.token_minutes"),
            mails_per_address_per_hour=get_setting(
                connection, "registration.mails_per_address_per_hour"
            ),
            requests_per_client_per_hour=get_setting(
                connection, "registration.requests_per_client_per_hour"
            ),
            mails_per_hour=get_setting(connection, "registration.mails_per_hour"),
        )
    if relay_settings(connection) is not None:  # residents would get the example office
        refuse_example_office(connection)
    way_out = outgoing(session.store, purpose="registration mail")
    sink = way_out.sink
    mailer = Mailer(way_out.settings)
    worker = StoreWorker(session.store)
    profile = MailProfile(
        office=office,
        from_address=registration_address or office.from_address,
        page_url=office.subscription_page_url,
    )
    registrations = Registrations(
        session.store, session.clock, mailer, profile, key, run_by=session.account.name,
        limits=limits,
    )  # fmt: skip
    registrations.on_mail_cap_reached = partial(
        _tell_staff_of_the_cap, session.store, session.clock, session.account.name
    )
    service = RegistrationService(Runtime(registrations, worker), mailer, sink)
    imap = imap_settings(connection)
    if imap is not None:
        own = tuple(a for a in (registration_address, office.from_address) if a)
        service.poller = MailboxPoller(imap, registrations, worker, own)
    session.audit_log.append(session.account.name, "registration.start")
    return service


def _tell_staff_of_the_cap(store: Store, clock: Clock, actor: str, cap: int) -> None:
    """The hourly cap on sign-up mails was hit (a flood, or a bot): the administrators are told,
    from a thread of its own so that no resident's request waits on the relay."""
    body = (
        f"登録確認メールが 1 時間の上限 {cap} 通に達しました。この 1 時間は新しい登録確認メールを"
        "送りません。大量の登録（ボットなど）がないか、操作ログと登録サービスのログを確認して"
        "ください。\n"
        f"The hourly cap of {cap} sign-up mails was reached: none is sent until the hour has "
        "passed (registration.mails_per_hour). Check for a flood of sign-ups in the logs."
    )

    def tell() -> None:
        try:
            notify_once(store, clock, Kind.REGISTRATION_CAP, body, actor=actor)
        except Exception:  # never let the notice break the service; the warning is logged
            log.exception("the staff notification of the registration mail cap failed")

    threading.Thread(target=tell, name="registration-cap-notice", daemon=True).start()


@dataclass
class WebServer:
    """uvicorn serving the pages; :meth:`start` runs it in a thread (tests, the GUI),
    :meth:`run` in the calling thread until SIGINT/SIGTERM (the CLI)."""

    service: RegistrationService
    host: str = "127.0.0.1"
    port: int = 8080
    trusted_proxies: str = "127.0.0.1"
    max_body: int = MAX_BODY
    #: TLS in the service itself (without a proxy in front, or in tests); normally the
    #: reverse proxy terminates TLS.
    certfile: str | None = None
    keyfile: str | None = None
    #: Header and body timeouts and the connection cap per client (slowloris).
    slow_clients: SlowClientLimits = field(default_factory=SlowClientLimits)
    server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None
    _socket: socket.socket | None = None

    def _config(self) -> uvicorn.Config:
        return uvicorn.Config(
            create_app(self.service.runtime, max_body=self.max_body),
            host=self.host,
            port=self.port,
            http=guarded_protocol(self.slow_clients, self.trusted_proxies),
            proxy_headers=True,
            forwarded_allow_ips=self.trusted_proxies,
            server_header=False,
            access_log=False,  # URLs carry tokens; the audit log records what was done
            log_level="warning",
            timeout_keep_alive=5,
            limit_concurrency=200,
            h11_max_incomplete_event_size=16 * 1024,
            lifespan="off",
            ssl_certfile=self.certfile,
            ssl_keyfile=self.keyfile,
            # uvicorn takes a loop factory in place of a name (typed as a name only).
            loop=cast(str, bounded_tls_loop(self.slow_clients.handshake_seconds))
            if self.certfile
            else "auto",
        )

    @property
    def url(self) -> str:
        scheme = "https" if self.certfile else "http"
        return f"{scheme}://{self.host}:{self.port}/"

    def start(self, timeout: float = 15.0) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._socket = sock
        self.server = uvicorn.Server(self._config())
        server = self.server
        self._thread = threading.Thread(
            target=lambda: server.run(sockets=[sock]), name="registration-web", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                raise RuntimeError("the registration web server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(30)
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def run(self) -> None:
        """Serve until SIGINT or SIGTERM, then return, so that the caller closes the service
        and the store. (uvicorn re-raises the signal it caught once it has shut down; with
        the default handlers that would kill the process before any ``finally`` ran.)"""
        server = uvicorn.Server(self._config())

        def stop(signum: int, frame: FrameType | None) -> None:
            server.should_exit = True

        wanted = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, stop) for sig in wanted}
        try:
            server.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
