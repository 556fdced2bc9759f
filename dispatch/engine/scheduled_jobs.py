"""The service's scheduled jobs besides polling: scheduled manual alerts falling due, the daily
backup, the bounce mailbox, the retention purge and the erasure of inactive subscribers.

:class:`ScheduledJobs` is mixed into :class:`dispatch.engine.service.Service`, whose scheduler
runs each method in a worker thread (the job table is in ``Service.start``); the methods use the
service's store, clock, configuration, dispatcher, notifier and event listeners.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from dispatch.base.clock import Clock
from dispatch.engine.backups import create_backup
from dispatch.engine.bounces import read_bounce_mailbox
from dispatch.engine.due_alerts import send_due
from dispatch.engine.events import BackupFailed, EngineEvent, ManualAlertEnqueued, PollFailed
from dispatch.engine.notifications import Notifier
from dispatch.engine.sender import Dispatcher
from dispatch.engine.service_config import ServiceConfig
from dispatch.records.audit import AuditLog
from dispatch.records.mailbox import purge_messages
from dispatch.records.retention import erase_inactive_subscribers, inactive_days
from dispatch.records.settings import get_setting
from dispatch.store.database import Store, transaction

log = logging.getLogger(__name__)


class ScheduledJobs:
    """The jobs; :class:`dispatch.engine.service.Service` provides what they use."""

    _store: Store
    _clock: Clock
    _config: ServiceConfig
    _dispatcher: Dispatcher
    _notifier: Notifier | None
    _wake: threading.Event

    def _emit(self, event: EngineEvent) -> None:
        raise NotImplementedError  # the service reports to its listeners

    def send_due_manual_alerts(self) -> list[int]:
        """Enqueue the scheduled manual alerts that are due (scheduler thread)."""
        try:
            dispatch_ids = send_due(self._store, self._clock)
        except Exception:
            log.exception("scheduled manual alerts could not be enqueued")
            self._emit(PollFailed("scheduled manual alerts could not be enqueued"))
            return []
        for dispatch_id in dispatch_ids:
            summary = self._dispatcher.outbox().dispatch_log().summary(dispatch_id)
            self._emit(
                ManualAlertEnqueued(
                    dispatch_id=dispatch_id,
                    subject=summary.subject if summary else "",
                    recipients=summary.total if summary else 0,
                )
            )
        if dispatch_ids:
            self._wake.set()
        return dispatch_ids

    def backup_once(self) -> None:
        """The daily backup (scheduler thread); a failure is reported, never silent (R4.10)."""
        try:
            create_backup(self._store, self._clock, actor=self._config.actor)
        except Exception as error:
            log.exception("the daily backup failed")  # error level, with the trace
            self._emit(BackupFailed(str(error)))
            return
        if self._notifier is not None:
            self._notifier.backup_succeeded()

    def read_bounces_once(self) -> None:
        """Read the bounce mailbox once (scheduler thread); nothing while none is set."""
        read_bounce_mailbox(self._store, self._clock)

    def purge_once(self) -> dict[str, int]:
        """The retention purge: delivery records (they hold SMTP replies, which may name an
        address) and the local mailbox's messages older than ``retention.delivery_days``, and
        stored telegrams older than theirs; dispatch counts are kept."""
        connection = self._store.connection()
        now = self._clock.now()
        delivery_days = int(get_setting(connection, "retention.delivery_days"))
        telegram_days = max(
            int(get_setting(connection, "retention.telegram_days")), self._config.rebuild_days
        )
        with transaction(connection):
            removed = self._dispatcher.outbox().purge(
                deliveries_before=now - timedelta(days=delivery_days),
                telegrams_before=now - timedelta(days=telegram_days),
            )
            # The local mailbox is a delivery record too (it names the residents it was for).
            removed["mailbox"] = purge_messages(connection, now - timedelta(days=delivery_days))
            AuditLog(connection, self._clock).append(
                self._config.actor, "retention.purge", detail=removed
            )
        return removed

    def erase_inactive_once(self) -> int:
        """Erase subscribers inactive for longer than ``retention.inactive_days``, and what the
        local mailbox keeps of them; audited with the count only."""
        connection = self._store.connection()
        with transaction(connection):
            erased = erase_inactive_subscribers(connection, self._clock.now(), self._config.actor)
            if erased:
                AuditLog(connection, self._clock).append(
                    self._config.actor,
                    "retention.erase_inactive",
                    detail={"erased": erased, "days": inactive_days(connection)},
                )
        return erased
