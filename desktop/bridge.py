"""Core callbacks → Qt signals.

The service calls :meth:`ServiceBridge.listener` from its own threads (the poll job, the
sender). Emitting a signal from there is safe: the receivers live in the GUI thread, so Qt
queues each emission onto the GUI thread's event loop. Worker code never touches a widget.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from dispatch.engine.service import ServiceEvent

log = logging.getLogger(__name__)


class ServiceBridge(QObject):
    #: A new alert was recorded and its dispatch enqueued (the event's data dict).
    alert = Signal(object)
    #: A drain's running totals: dispatch_ids, accepted, failed, deferred, in_doubt, rate.
    progress = Signal(object)
    #: A dispatch finished: its summary as a dict.
    dispatchDone = Signal(object)
    pollError = Signal(str)
    relayError = Signal(str)
    #: The service started (True) or stopped (False).
    runningChanged = Signal(bool)

    def listener(self, event: ServiceEvent) -> None:
        """Give this to ``build_engine(listeners=[...])``; called from worker threads."""
        if event.kind == "alert":
            self.alert.emit(dict(event.data))
        elif event.kind == "progress":
            self.progress.emit(dict(event.data))
        elif event.kind == "dispatch_done":
            self.dispatchDone.emit(dict(event.data))
        elif event.kind == "poll_error":
            self.pollError.emit(str(event.data.get("message", "")))
        elif event.kind == "relay_error":
            self.relayError.emit(str(event.data.get("message", "")))
        else:
            log.info("service event %s has no signal", event.kind)
