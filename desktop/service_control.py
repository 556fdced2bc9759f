"""Starting and stopping the engine from the GUI; the engine runs in its own threads.

``build_engine`` and ``Service.start`` (crash recovery, state rebuild) and ``Service.stop``
(joins the sender, up to two minutes mid-batch) all run in a worker, never on the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.bridge import ServiceBridge
from desktop.errors import describe
from desktop.tasks import run_in_background
from dispatch.accounts import Permission
from dispatch.session import Session
from dispatch.wiring import Engine, build_engine

log = logging.getLogger(__name__)


class ServiceControl(QObject):
    #: stopped | starting | running | stopping
    stateChanged = Signal(str)
    #: A start or stop failed: the words to show.
    failed = Signal(str)

    def __init__(self, session: Session, bridge: ServiceBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.bridge = bridge
        self.engine: Engine | None = None
        self.state = "stopped"
        #: True when the engine sends to the embedded local mailbox (no relay configured).
        self.uses_local_mailbox = False

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)
        self.bridge.runningChanged.emit(state == "running")

    def start(self) -> None:
        if self.state != "stopped":
            return
        self._set_state("starting")
        session, bridge = self.session, self.bridge

        def work() -> Engine:
            session.require(Permission.RUN_SERVICE, "service.start")
            engine = build_engine(
                session.store,
                clock=session.clock,
                started_by=session.account.name,
                listeners=[bridge.listener],
            )
            try:
                engine.service.start()
            except BaseException:
                engine.close()
                raise
            session.audit_log.append(session.account.name, "service.start")
            return engine

        run_in_background(work, self._started, self._start_failed, store=session.store)

    def _started(self, engine: Engine) -> None:
        self.engine = engine
        self.uses_local_mailbox = engine.sink is not None
        self._set_state("running")

    def _start_failed(self, error: BaseException) -> None:
        log.warning("service did not start: %s", error)
        self._set_state("stopped")
        self.failed.emit(describe(error))

    def stop(self) -> None:
        if self.state != "running" or self.engine is None:
            return
        engine, session = self.engine, self.session
        self._set_state("stopping")

        def work() -> None:
            try:
                engine.service.stop()
            finally:
                engine.close()
            session.audit_log.append(session.account.name, "service.stop")

        def done(_: object) -> None:
            self.engine = None
            self._set_state("stopped")

        def failed(error: BaseException) -> None:
            self.engine = None
            self._set_state("stopped")
            self.failed.emit(describe(error))

        run_in_background(work, done, failed, store=session.store)
