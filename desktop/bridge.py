"""Engine events → Qt signals, in one table.

Every engine event type (:mod:`dispatch.engine.events`) has one signal here, which carries the
event itself; :data:`SIGNALS` says which. A test fails when a type has no entry.

The events arrive from the engine process's standard output (``desktop/service_control.py``)
or, in tests and benchmarks that run the engine in this process, from the service's own
threads (the poll job, the sender). Emitting a signal from there is safe: the receivers live in
the GUI thread, so Qt queues each emission onto the GUI thread's event loop. Worker code never
touches a widget.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from dispatch.engine.events import (
    AlertEnqueued,
    BackupFailed,
    DispatchDone,
    EngineEvent,
    ManualAlertEnqueued,
    PollFailed,
    RelayFailed,
    SendingProgress,
    StaffNoticeFailed,
    Started,
    StartFailed,
    Stopped,
)


class ServiceBridge(QObject):
    #: A new alert was recorded and its dispatch enqueued (:class:`AlertEnqueued`).
    alert = Signal(object)
    #: A scheduled manual alert was enqueued (:class:`ManualAlertEnqueued`).
    manualAlert = Signal(object)
    #: A drain's running totals (:class:`SendingProgress`).
    progress = Signal(object)
    #: A dispatch finished (:class:`DispatchDone`).
    dispatchDone = Signal(object)
    #: The feed could not be read or recorded (:class:`PollFailed`).
    pollError = Signal(object)
    #: The relay could not be used; sending resumes by itself (:class:`RelayFailed`).
    relayError = Signal(object)
    #: The daily backup failed (:class:`BackupFailed`).
    backupFailed = Signal(object)
    #: A staff notification reached not every contact (:class:`StaffNoticeFailed`).
    noticeFailed = Signal(object)
    #: The engine process runs (:class:`Started`), could not start (:class:`StartFailed`),
    #: stopped (:class:`Stopped`).
    engineStarted = Signal(object)
    engineStartFailed = Signal(object)
    engineStopped = Signal(object)
    #: The service started (True) or stopped (False).
    runningChanged = Signal(bool)

    def listener(self, event: EngineEvent) -> None:
        """Give this to ``build_engine(listeners=[...])``; may be called from worker threads."""
        getattr(self, SIGNALS[type(event)]).emit(event)


#: {event type: the name of its :class:`ServiceBridge` signal}.
SIGNALS: dict[type[EngineEvent], str] = {
    AlertEnqueued: "alert",
    ManualAlertEnqueued: "manualAlert",
    SendingProgress: "progress",
    DispatchDone: "dispatchDone",
    PollFailed: "pollError",
    RelayFailed: "relayError",
    BackupFailed: "backupFailed",
    StaffNoticeFailed: "noticeFailed",
    Started: "engineStarted",
    StartFailed: "engineStartFailed",
    Stopped: "engineStopped",
}
