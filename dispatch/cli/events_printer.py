"""``kishomail run``'s terminal: one line per engine event.

One ``match`` over the event types (:mod:`dispatch.engine.events`); its last case is
``assert_never``, so mypy reports a type left out, and ``tests/unit/dispatch/test_events.py``
fails on one at run time. Failures go to standard error, the rest to standard output.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import datetime
from typing import assert_never

from dispatch.base.clock import TOKYO
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

#: Progress lines at most this often (seconds), so the terminal stays readable.
PROGRESS_EVERY = 2.0


@dataclass(frozen=True)
class Line:
    text: str
    is_failure: bool = False


def describe(event: EngineEvent) -> Line:
    """The words for ``event`` (without the time of day)."""
    match event:
        case AlertEnqueued():
            marker = " [訓練 exercise: staff only]" if event.exercise else ""
            return Line(
                f"ALERT  {event.area} {event.kind or event.title} ({event.change}){marker}"
                f" → dispatch {event.dispatch_id}, {event.recipients} recipients"
            )
        case ManualAlertEnqueued():
            return Line(
                f"ALERT  scheduled manual alert “{event.subject}”"
                f" → dispatch {event.dispatch_id}, {event.recipients} recipients"
            )
        case SendingProgress():
            return Line(
                f"SEND   {event.accepted} accepted, {event.failed} failed, "
                f"{event.deferred} deferred ({event.rate}/s)"
            )
        case DispatchDone():
            delay = ""
            if event.detected_at and event.first_accepted_at:
                seconds = (event.first_accepted_at - event.detected_at).total_seconds()
                delay = f", first accepted {seconds:.1f} s after detection"
            return Line(
                f"DONE   dispatch {event.dispatch_id}: {event.sent} sent, {event.failed} failed, "
                f"{event.resent_in_doubt} resent in doubt{delay}"
            )
        case PollFailed() | RelayFailed():
            return Line(f"ERROR  {event.message}", is_failure=True)
        case BackupFailed():
            return Line(f"ERROR  the daily backup failed: {event.message}", is_failure=True)
        case StaffNoticeFailed():
            return Line(
                f"ERROR  staff notification {event.kind} reached {event.accepted} of "
                f"{event.contacts} contacts by no way",
                is_failure=True,
            )
        case Started():
            where = " (local mailbox only)" if event.local_mailbox else ""
            return Line(f"START  the engine runs{where}")
        case StartFailed():
            return Line(f"ERROR  the engine did not start: {event.message}", is_failure=True)
        case Stopped():
            return Line("STOP   the engine stopped")
        case _:
            assert_never(event)


class EventPrinter:
    """A listener for ``build_engine``: prints each event with the time of day (Tokyo)."""

    def __init__(self) -> None:
        self._last_progress = float("-inf")

    def __call__(self, event: EngineEvent) -> None:
        if isinstance(event, SendingProgress) and not self._progress_due():
            return
        line = describe(event)
        now = datetime.now(TOKYO).strftime("%H:%M:%S")
        print(f"{now}  {line.text}", file=sys.stderr if line.is_failure else sys.stdout, flush=True)

    def _progress_due(self) -> bool:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_EVERY:
            return False
        self._last_progress = now
        return True
