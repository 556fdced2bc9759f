"""The desktop app as a client of whichever engine runs on its data folder.

Every running engine — the OS service, or one a desktop app started — serves a read-only
control channel (``dispatch.engine.control_channel``; its wire format in
:mod:`dispatch.engine.events`). This class attaches to it with ``QLocalSocket``: at login, and
every few seconds while nothing answers, it connects and subscribes; the first line is the
engine's status, then its events (which it hands to the bridge), and a fresh status every few
seconds. What the window shows as the service's state is what the engine says, not what this
window remembers having done.

Starting: when the engine is installed as the OS service, 開始/停止 ask the service manager
through the operations (``service.manager_start`` / ``service.engine_stop``, permission-checked
and audited). Otherwise the desktop app starts the engine as a **detached** process of its own
(``dispatch.engine.process`` with ``"detached": true``): the store's key goes to it once over a
pipe, then it belongs to no window — logging out, switching officer, closing the window or a
crash of the desktop app leave it sending, and the next login attaches to it. It stops only when
someone asks (``service.engine_stop``: SIGTERM, it finishes the messages in flight).

Nothing here blocks the GUI thread: the socket works through its signals, and the operations
and the launch (which waits for the engine's ``Started``) run in background tasks.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalSocket

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.tasks import run_in_background
from dispatch.base.errors import KishomailError
from dispatch.engine.events import (
    REQUEST_SUBSCRIBE,
    ChannelStatus,
    EngineEvent,
    EventFormatError,
    SendingProgress,
    Started,
    StartFailed,
    channel_address,
    channel_request,
    from_json,
    status_from_json,
)
from dispatch.operations import authorise
from dispatch.operations import service as service_ops
from dispatch.operations.session import Session

log = logging.getLogger(__name__)

# The project folder (the one holding ``dispatch/``), for the child's import path.
_PROJECT = Path(__file__).resolve().parent.parent
# Milliseconds between attempts to attach while no engine answers.
DISCOVER_EVERY_MS = 2000
# How long a start through the service manager may take before the window says so.
START_TIMEOUT_MS = 90_000
# The engines this app launched (tests stop them; keeping them referenced lets them be reaped).
LAUNCHED: list[subprocess.Popen[bytes]] = []


def engine_command() -> tuple[str, list[str]]:
    """The program and arguments that run ``dispatch.engine.process``."""
    if getattr(sys, "frozen", False):
        # The bundle's console command sits beside this program (installer/kishomail.spec).
        name = "kishomail.exe" if sys.platform == "win32" else "kishomail"
        return str(Path(sys.executable).with_name(name)), ["engine-process"]
    return sys.executable, ["-m", "dispatch.engine.process"]


def launch_detached(session: Session) -> EngineEvent:
    """Start the engine as a process that outlives this app; its ``Started`` or
    ``StartFailed`` (blocks until it says which: run it off the GUI thread)."""
    program, arguments = engine_command()
    environment = dict(os.environ)
    if not getattr(sys, "frozen", False):
        path = environment.get("PYTHONPATH")
        environment["PYTHONPATH"] = str(_PROJECT) + (os.pathsep + path if path else "")
    options: dict[str, Any] = {}
    if sys.platform == "win32":  # pragma: no cover - Windows only
        options["creationflags"] = (
            subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
            | subprocess.DETACHED_PROCESS  # type: ignore[attr-defined]
        )
    else:
        options["start_new_session"] = True  # no signal of this app's session reaches it
    process = subprocess.Popen(  # noqa: S603 - our own engine, by its full path
        [program, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # it logs into kishomail-engine.log once detached
        env=environment,
        **options,
    )
    LAUNCHED.append(process)
    store = session.store
    handshake = {
        "data_dir": str(store.data_dir),
        "store_id": store.store_id,
        "data_key": store.data_key.hex(),
        "started_by": session.account.name,
        "detached": True,
    }
    signer = store.audit_signer  # the engine signs its audit entries as this person
    if signer is not None:
        handshake["signing_key"] = signer.raw_private().hex()
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write((json.dumps(handshake) + "\n").encode("ascii"))
        process.stdin.close()
    except OSError:
        pass  # it ended at once: its exit is reported below
    line = process.stdout.readline().decode("utf-8", "replace")
    process.stdout.close()
    try:
        return from_json(line)
    except EventFormatError:
        code = process.wait(timeout=30) if not line else process.poll()
        return StartFailed(
            code="unexpected",
            message=f"the engine process ended before it started (exit code {code})",
        )


class ServiceControl(QObject):
    # stopped | starting | running | stopping
    stateChanged = Signal(str)
    # A start or stop failed, or the engine ended unexpectedly: the words to show.
    failed = Signal(str)
    # The attached engine's status (:class:`ChannelStatus`) as it arrives.
    statusChanged = Signal(object)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        self.state = "stopped"
        # The engine's last status, while attached.
        self.status: ChannelStatus | None = None
        # Is the engine installed as the OS service on this machine (for this data folder)?
        self.installed = False
        # True when the engine sends to the embedded local mailbox (no relay configured).
        self.uses_local_mailbox = False
        self._asked_to_stop = False
        self._greeted = False
        self.address = channel_address(session.store.data_dir)
        self.socket = QLocalSocket(self)
        self.socket.connected.connect(self._connected)
        self.socket.readyRead.connect(self._read)
        self.socket.disconnected.connect(self._detached)
        self.socket.errorOccurred.connect(self._socket_error)
        # The socket says "disconnected" while it is being destroyed with this object: by then
        # nothing of this object may be called (a crash), so its signals are cut first.
        self.destroyed.connect(partial(_quiet, self.socket))
        self._retry = QTimer(self)
        self._retry.setInterval(DISCOVER_EVERY_MS)
        self._retry.timeout.connect(self.discover)
        self._start_deadline = QTimer(self)
        self._start_deadline.setSingleShot(True)
        self._start_deadline.timeout.connect(self._start_too_slow)
        self._retry.start()
        self.discover()
        data_dir = session.store.data_dir
        run_in_background(
            lambda: bool(service_ops.service_status(data_dir)["installed"]),
            self._found_installed,
            lambda error: log.warning("could not tell whether the service is installed: %s", error),
        )

    def _found_installed(self, installed: bool) -> None:
        self.installed = installed

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        self.stateChanged.emit(state)
        self.bridge.runningChanged.emit(state == "running")

    @property
    def attached(self) -> bool:
        return self.status is not None

    # ---- attaching ------------------------------------------------------------------------

    def discover(self) -> None:
        """Try to attach to an engine on this data folder (quietly nothing if none answers)."""
        if self.socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            self._greeted = False
            self.socket.connectToServer(self.address)

    def _connected(self) -> None:
        self.socket.write(channel_request(REQUEST_SUBSCRIBE))

    def _socket_error(self, error: QLocalSocket.LocalSocketError) -> None:
        if error not in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
            QLocalSocket.LocalSocketError.PeerClosedError,
        ):
            log.warning("control channel: %s", self.socket.errorString())

    def _read(self) -> None:
        while self.socket.canReadLine():
            line = bytes(self.socket.readLine().data()).decode("utf-8", "replace").strip()
            if line:
                self._line(line)

    def _line(self, line: str) -> None:
        if line.startswith('{"v"'):
            try:
                status = status_from_json(line)
            except EventFormatError as error:
                log.warning("control channel: %s", error.message)
                self.failed.emit(error.message)
                self.socket.abort()
                return
            self._attached(status)
            return
        try:
            event = from_json(line)
        except EventFormatError as error:
            log.warning("the engine said something unreadable: %s", error.message)
            return
        if isinstance(event, SendingProgress) and self.status is not None:
            self.status = _with_progress(self.status, event)
        self.bridge.listener(event)

    def _attached(self, status: ChannelStatus) -> None:
        first = not self._greeted
        self._greeted = True
        self.status = status
        if first:
            log.info("attached to the engine (process %s)", status.pid)
            self._start_deadline.stop()
        self.statusChanged.emit(status)
        if self.state != "stopping":
            self._set_state("running")

    def _detached(self) -> None:
        was = self.state
        self.status = None
        self.uses_local_mailbox = False
        self.statusChanged.emit(None)
        _reap()
        if was in ("running", "stopping"):
            self._set_state("stopped")
            if was == "running" and not self._asked_to_stop:
                self.failed.emit(
                    self.tr(
                        "The service stopped (it was stopped on this computer by someone else, "
                        "or it ended). Nothing is being sent until it runs again."
                    )
                )
        self._asked_to_stop = False

    # ---- start and stop ---------------------------------------------------------------------

    def start(self) -> None:
        if self.state != "stopped":
            return
        self._set_state("starting")
        session = self.session

        def start_one() -> EngineEvent | None:
            # Asked again here, not taken from the look at login: it may not have answered yet.
            self.installed = bool(service_ops.service_status(session.store.data_dir)["installed"])
            if self.installed:
                service_ops.start_service(session)  # the OS service, through its manager
                return None
            authorise.start_engine(session)  # refused (and audited) before anything starts
            return launch_detached(session)

        run_in_background(start_one, self._launched, self._refused, store=session.store)

    def _wait_for_engine(self) -> None:
        self._start_deadline.start(START_TIMEOUT_MS)
        self.discover()

    def _launched(self, event: EngineEvent | None) -> None:
        if event is None:  # the service manager was asked: attach when it answers
            self._wait_for_engine()
        elif isinstance(event, Started):
            self.uses_local_mailbox = event.local_mailbox
            self._audit("service.start")
            self._wait_for_engine()
        elif isinstance(event, StartFailed) and event.code == "conflict.already_running":
            # Another engine took the folder meanwhile: attach to it instead of an error.
            self._wait_for_engine()
        elif isinstance(event, StartFailed):
            error = KishomailError(event.message)
            error.code = event.code
            self._refused(error)

    def _start_too_slow(self) -> None:
        if self.state == "starting":
            self._set_state("stopped")
            self.failed.emit(
                self.tr(
                    "The service was started but does not answer. Check the log file, or ask "
                    "the system administrator to look at the OS service."
                )
            )

    def _refused(self, error: BaseException) -> None:
        self._set_state("stopped")
        self.failed.emit(describe(error))

    def stop(self) -> None:
        """Ask the running engine to stop (the OS service through its manager, an engine left
        in the background by its process); it finishes the messages in flight."""
        if self.state != "running":
            return
        self._asked_to_stop = True
        self._set_state("stopping")
        session = self.session
        run_in_background(
            lambda: service_ops.stop_engine(session),
            lambda _: None,
            self._stop_refused,
            store=session.store,
        )

    def _stop_refused(self, error: BaseException) -> None:
        self._asked_to_stop = False
        if self.state == "stopping":
            self._set_state("running" if self.attached else "stopped")
        self.failed.emit(describe(error))

    def _audit(self, action: str) -> None:
        # A write that may wait behind a dispatch's transaction: never on the GUI thread.
        session = self.session

        def work() -> None:
            session.audit_log.append(session.account.name, action)

        run_in_background(work, lambda _: None, _log_audit_failure, store=session.store)

    def release(self) -> None:
        """Stop watching (the window closes or the officer logs out): the engine runs on."""
        self._retry.stop()
        self._start_deadline.stop()
        _quiet(self.socket)
        self.socket.abort()


def _quiet(socket: QLocalSocket, *_: object) -> None:
    if socket.property("quiet"):
        return
    socket.setProperty("quiet", True)
    for signal in (socket.connected, socket.readyRead, socket.disconnected, socket.errorOccurred):
        try:
            signal.disconnect()
        except (RuntimeError, TypeError):  # nothing connected any more
            pass


def _with_progress(status: ChannelStatus, progress: SendingProgress) -> ChannelStatus:
    return replace(status, progress=progress)


def _reap() -> None:
    """Collect the exit of launched engines that have ended (no zombie processes)."""
    for process in list(LAUNCHED):
        if process.poll() is not None:
            LAUNCHED.remove(process)


def _log_audit_failure(error: BaseException) -> None:
    log.error("the audit entry for the service could not be written: %s", error)
