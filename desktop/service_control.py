"""Starting and stopping the engine from the GUI; the engine runs in a process of its own.

The engine (``dispatch.engine.process``) gets the key of the store this session has unlocked
through its standard input, and reports its events as JSON lines on its standard output; this
class reads them back as typed events (:mod:`dispatch.engine.events`) and hands them to the
bridge, whose signals it listens to itself for the engine's start and stop. Why a separate
process, and the protocol, are written down in that module. Nothing here blocks the GUI thread:
the process is started and read through ``QProcess``'s signals, and a stop waits for the
child's ``Stopped`` event (the sender finishes the batch in flight first, up to two minutes).

If this process dies, the child reads the end of its standard input and stops gracefully; if
the child dies, the dashboard says so and the service shows as stopped.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.tasks import run_in_background
from dispatch.base.errors import KishomailError
from dispatch.engine.events import EventFormatError, Started, StartFailed, Stopped, from_json
from dispatch.operations import authorise
from dispatch.operations.session import Session

log = logging.getLogger(__name__)
engine_log = logging.getLogger("engine")

# The project folder (the one holding ``dispatch/``), for the child's import path.
_PROJECT = Path(__file__).resolve().parent.parent


def engine_command() -> tuple[str, list[str]]:
    """The program and arguments that run ``dispatch.engine.process``."""
    if getattr(sys, "frozen", False):
        # The bundle's console command sits beside this program (installer/kishomail.spec).
        name = "kishomail.exe" if sys.platform == "win32" else "kishomail"
        return str(Path(sys.executable).with_name(name)), ["engine-process"]
    return sys.executable, ["-m", "dispatch.engine.process"]


class ServiceControl(QObject):
    # stopped | starting | running | stopping
    stateChanged = Signal(str)
    # A start or stop failed, or the engine ended unexpectedly: the words to show.
    failed = Signal(str)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        self.process: QProcess | None = None
        self.state = "stopped"
        # True when the engine sends to the embedded local mailbox (no relay configured).
        self.uses_local_mailbox = False
        self._start_error: str | None = None
        # The engine's last log line while it is still incomplete (stderr comes in chunks).
        self._log_tail = b""
        bridge.engineStarted.connect(self._engine_started)
        bridge.engineStartFailed.connect(self._engine_start_failed)
        bridge.engineStopped.connect(self._engine_stopped)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)
        self.bridge.runningChanged.emit(state == "running")

    # ---- start and stop ---------------------------------------------------------------------

    def start(self) -> None:
        if self.state != "stopped":
            return
        self._set_state("starting")
        session = self.session
        # A refusal is written to the audit log: a store write, so not on the GUI thread.
        run_in_background(
            lambda: authorise.start_engine(session),
            lambda _: self._launch(),
            self._refused,
            store=session.store,
        )

    def _refused(self, error: BaseException) -> None:
        self._set_state("stopped")
        self.failed.emit(describe(error))

    def _launch(self) -> None:
        self._start_error = None
        self._log_tail = b""
        process = QProcess(self)
        program, arguments = engine_command()
        process.setProgram(program)
        process.setArguments(arguments)
        environment = QProcessEnvironment.systemEnvironment()
        if not getattr(sys, "frozen", False):
            path = environment.value("PYTHONPATH")
            environment.insert("PYTHONPATH", str(_PROJECT) + (os.pathsep + path if path else ""))
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read_events)
        process.readyReadStandardError.connect(self._read_log)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._process_error)
        self.process = process
        process.start()
        store = self.session.store
        handshake = {
            "data_dir": str(store.data_dir),
            "store_id": store.store_id,
            "data_key": store.data_key.hex(),
            "started_by": self.session.account.name,
        }
        signer = store.audit_signer  # the engine signs its audit entries as this person
        if signer is not None:
            handshake["signing_key"] = signer.raw_private().hex()
        process.write((json.dumps(handshake) + "\n").encode("ascii"))

    def stop(self) -> None:
        if self.state != "running" or self.process is None:
            return
        self._set_state("stopping")
        self.process.write(b"stop\n")
        self.process.closeWriteChannel()

    # ---- the child's output -----------------------------------------------------------------

    def _read_events(self) -> None:
        process = self.process
        if process is None:
            return
        while process.canReadLine():
            line = bytes(process.readLine().data()).decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                event = from_json(line)
            except EventFormatError as error:
                engine_log.warning("engine said something unreadable: %s", error.message)
                continue
            self.bridge.listener(event)

    def _engine_started(self, event: Started) -> None:
        self.uses_local_mailbox = event.local_mailbox
        self._audit("service.start")
        self._set_state("running")

    def _engine_start_failed(self, event: StartFailed) -> None:
        error = KishomailError(event.message)
        error.code = event.code
        self._start_error = describe(error)

    def _engine_stopped(self, _: Stopped) -> None:
        self._audit("service.stop")

    def _read_log(self) -> None:
        process = self.process
        if process is None:
            return
        *lines, self._log_tail = (
            self._log_tail + bytes(process.readAllStandardError().data())
        ).split(b"\n")
        self._log_lines(lines)

    def _log_lines(self, lines: list[bytes]) -> None:
        for raw in lines:
            line = raw.decode("utf-8", "replace").rstrip()
            if not line:
                continue
            if line.startswith(("ERROR", "CRITICAL")):
                engine_log.error("%s", line)
            elif line.startswith("WARNING"):
                engine_log.warning("%s", line)
            else:
                engine_log.info("%s", line)

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            log.warning(
                "the engine process did not start: %s", self.process and self.process.errorString()
            )
            self._ended(
                self.tr("The service could not be started: the program %1 did not run.").replace(
                    "%1", engine_command()[0]
                )
            )

    def _finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        self._read_events()  # the last lines may arrive with the end
        self._read_log()
        self._log_lines([self._log_tail])
        self._log_tail = b""
        if self.state == "stopping" and exit_code == 0:
            self._ended(None)
        elif self._start_error is not None:
            self._ended(self._start_error)
        else:
            log.warning("the engine process ended: exit code %s (%s)", exit_code, exit_status)
            self._ended(
                self.tr(
                    "The service stopped unexpectedly (exit code %1). Nothing is being sent. "
                    "Start it again; if this repeats, give the log file to the system "
                    "administrator."
                ).replace("%1", str(exit_code))
            )

    def _ended(self, problem: str | None) -> None:
        if self.process is not None:
            self.process.deleteLater()
            self.process = None
        self.uses_local_mailbox = False
        if self.state != "stopped":
            self._set_state("stopped")
        if problem is not None:
            self.failed.emit(problem)

    def _audit(self, action: str) -> None:
        # A write that may wait behind a dispatch's transaction: never on the GUI thread.
        session = self.session

        def work() -> None:
            session.audit_log.append(session.account.name, action)

        run_in_background(work, lambda _: None, _log_audit_failure, store=session.store)


def _log_audit_failure(error: BaseException) -> None:
    log.error("the audit entry for the service could not be written: %s", error)
