"""The headless service: poll → match → enqueue → send, on a schedule, with progress reports.

This is the facade the CLI (``kishomail run``) and the GUI drive. Its threads:

* the **poll job** of an APScheduler 3 ``BackgroundScheduler`` (zone Asia/Tokyo, one worker,
  ``coalesce``, ``max_instances=1``, an explicit misfire grace time): it reads the feed source,
  and for each new telegram records it, runs the state machine and enqueues the alerts' deliveries
  in **one transaction**;
* the **sender thread**: woken when something is enqueued (or a deferred delivery falls due),
  it drains the outbox through the SMTP transport.

Each thread has its own store connection (see :mod:`dispatch.store.database`). What happens is
reported to ``listener`` callbacks from those threads as typed events
(:mod:`dispatch.engine.events`); the GUI's bridge turns them into queued Qt signals. The jobs
besides polling are in :mod:`dispatch.engine.scheduled_jobs`, the configuration and the
sources' shape in :mod:`dispatch.engine.service_config`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from dispatch.base.clock import TOKYO, Clock, SystemClock, from_iso
from dispatch.base.instance_lock import InstanceLock
from dispatch.engine import heartbeat
from dispatch.engine.backups import daily_backup_time
from dispatch.engine.control_channel import ControlChannel
from dispatch.engine.events import (
    AlertEnqueued,
    DispatchDone,
    EngineEvent,
    PollFailed,
    RelayFailed,
    SendingProgress,
)
from dispatch.engine.gauge_health import GAUGE_STATE
from dispatch.engine.notifications import Notifier
from dispatch.engine.scheduled_jobs import ScheduledJobs
from dispatch.engine.sender import Dispatcher, DrainReport
from dispatch.engine.service_config import (
    SYSTEM_ACTOR,
    Listener,
    ObservationSource,
    ServiceConfig,
    TelegramSource,
)
from dispatch.records.accounts import SERVICE_ACTOR
from dispatch.records.audit import AuditLog
from dispatch.records.outbox import Outbox
from dispatch.records.settings import get_setting
from dispatch.store.database import Store, transaction
from feeds.errors import FeedError
from feeds.jma import parse_telegram
from feeds.model import Alert, Observation, Telegram
from feeds.observations import ObservationTracker, StationThresholds
from feeds.state import AlertTracker

log = logging.getLogger(__name__)

#: Seconds the sender waits after an unexpected error before it tries again.
SEND_ERROR_PAUSE = 5.0


class Service(ScheduledJobs):
    def __init__(
        self,
        store: Store,
        source: TelegramSource,
        dispatcher: Dispatcher,
        *,
        subject_for: Callable[[Alert], str],
        config: ServiceConfig | None = None,
        clock: Clock | None = None,
        started_by: str = SYSTEM_ACTOR,
        listeners: Sequence[Listener] = (),
        observations: Sequence[ObservationSource] = (),
        thresholds: Sequence[StationThresholds] = (),
        notifier: Notifier | None = None,
    ) -> None:
        self._store = store
        self._source = source
        self._dispatcher = dispatcher
        self._subject_for = subject_for
        self._config = config or ServiceConfig()
        self._clock = clock or SystemClock()
        self._started_by = started_by
        self._listeners = list(listeners)
        self._tracker = AlertTracker(areas=self._config.areas)
        self._observations = tuple(observations)
        self._thresholds = tuple(thresholds)
        self._gauges = self._new_gauge_tracker()
        self._lock = InstanceLock(store.data_dir)
        self._scheduler: BackgroundScheduler | None = None
        self._sender: threading.Thread | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._poll_lock = threading.Lock()
        self._poll_error: str | None = None
        self._last_poll_done = time.monotonic()
        self._notifier = notifier
        if notifier is not None:
            self._listeners.append(notifier)
            notifier.report_failed_notice = self._emit
        self._last_beat: heartbeat.Heartbeat | None = None
        #: The control channel being served (None when stopped, or where it cannot be).
        self.channel: ControlChannel | None = None

    @property
    def notifier(self) -> Notifier | None:
        """The staff notifier (``None`` when built without one)."""
        return self._notifier

    # ---- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        """Take the data folder's lock, recover from a crash, and start polling and sending."""
        self._lock.acquire(self._started_by)
        self._last_poll_done = time.monotonic()
        try:
            self.recover()
            self._open_channel()
            self._scheduler = BackgroundScheduler(
                timezone=TOKYO, executors={"default": ThreadPoolExecutor(4)}
            )
            # Every job: missed runs coalesce into one, never two at once, and an explicit
            # grace time (APScheduler's default is 1 s). A poll that could not start on time
            # still runs if at most this late: a clock jump backwards or a sleeping laptop
            # yields one poll, not a burst.
            every = {
                "trigger": "interval",
                "seconds": self._config.poll_interval,
                "next_run_time": datetime.now(TOKYO),
                "misfire_grace_time": max(30, int(self._config.poll_interval * 2)),
            }
            # Daily jobs missed while the workstation slept run when it wakes that day.
            daily = {"trigger": "cron", "misfire_grace_time": 12 * 3600}
            hour, minute = daily_backup_time(self._store)
            jobs: list[tuple[Any, str, dict[str, Any]]] = [
                (self.poll_once, "poll", every),
                # Approved manual alerts whose send time has come (they live in the store, so
                # a restart loses none).
                (self.send_due_manual_alerts, "manual_alerts", every),
                (self.backup_once, "backup", {**daily, "hour": hour, "minute": minute}),
                (self.purge_once, "retention", {**daily, "hour": 4, "minute": 10}),
                # Hourly, so that "0 days" (erase at once) is at most an hour late.
                (self.erase_inactive_once, "erase_inactive", {"trigger": "cron", "minute": 25}),
            ]
            # The bounce mailbox (bounces.imap_*), when one is set: read every few minutes.
            bounce_every = int(get_setting(self._store.connection(), "bounces.imap_poll_seconds"))
            jobs.append((self.read_bounces_once, "bounces", {**every, "seconds": bounce_every}))
            if self._notifier is not None:  # staff notifications: mailed from their own job
                self._notifier.engine_started()
                jobs.append((self._notifier.tick, "notifications", {**every, "seconds": 15}))
            for function, job_id, options in jobs:
                self._scheduler.add_job(
                    function, id=job_id, coalesce=True, max_instances=1, **options
                )
            self._scheduler.start()
            self._sender = threading.Thread(target=self._send_loop, name="sender", daemon=True)
            self._sender.start()
        except BaseException:
            self._close_channel()
            self._lock.release()
            raise

    def _open_channel(self) -> None:
        """Serve the control channel (:mod:`dispatch.engine.control_channel`) while running."""
        self._last_beat = heartbeat.read_heartbeat(self._store.connection())
        channel = ControlChannel(
            self._store.data_dir,
            lambda: self._last_beat,
            os_service=self._config.actor == SERVICE_ACTOR,
            since=self._clock.now(),
            poll_interval=self._config.poll_interval,
        )
        if channel.start():
            self.channel = channel
            self._listeners.append(channel.listener)

    def _close_channel(self) -> None:
        channel, self.channel = self.channel, None
        if channel is not None:
            self._listeners.remove(channel.listener)
            channel.close()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        if self._sender is not None:
            self._sender.join(timeout=120)
            self._sender = None
        if self._notifier is not None:
            self._notifier.engine_stopping()
        self._close_channel()
        self._store.close_thread_connection()
        self._lock.release()

    def recover(self) -> int:
        """Deliveries cut off by a crash go back to the queue; the state in force is rebuilt
        from the telegrams stored in the last ``rebuild_days``."""
        connection = self._store.connection()
        outbox = self._dispatcher.outbox()
        with transaction(connection):
            interrupted = outbox.recover_interrupted()
        self._rebuild_state()
        return interrupted

    def _rebuild_state(self) -> None:
        since = self._clock.now() - timedelta(days=self._config.rebuild_days)
        telegrams = []
        for source_id, raw in self._dispatcher.outbox().telegrams().telegrams_received_since(since):
            try:
                telegrams.append(parse_telegram(raw, source_id))
            except FeedError as error:  # stored telegrams parsed once; a newer parser may differ
                log.warning("stored telegram %s no longer parses: %s", source_id, error)
        self._tracker = AlertTracker(areas=self._config.areas)
        self._tracker.process_all(telegrams)
        log.info("state in force rebuilt from %d stored telegrams", len(telegrams))
        self._gauges = self._new_gauge_tracker()
        saved = self._dispatcher.outbox().telegrams().load_state(GAUGE_STATE)
        if saved is not None:
            self._gauges.restore(saved)

    def _new_gauge_tracker(self) -> ObservationTracker:
        config = self._config
        return ObservationTracker(
            self._thresholds,
            config.rain_bands_mm,
            rain_hysteresis_mm=config.rain_hysteresis_mm,
            rain_quiet=timedelta(minutes=config.rain_quiet_minutes),
        )

    # ---- polling -------------------------------------------------------------------------

    def poll_once(self) -> list[int]:
        """Read the source once; record and enqueue what is new. Returns new dispatch ids.
        The outcome goes into the heartbeat."""
        with self._poll_lock:
            self._poll_error = None
            new_dispatches = self._poll()
            error = self._poll_error
            outcome = f"{len(new_dispatches)} new dispatch(es)" if error is None else error
            self._beat(poll=(error is None, outcome))
            self._last_poll_done = time.monotonic()
            return new_dispatches

    def polling_alive(self) -> bool:
        """Has a poll finished (well or not) within the last three intervals (at least a
        minute)? False means the poll job is stuck: the watchdog stops, the manager restarts."""
        limit = max(heartbeat.STALE_POLLS * self._config.poll_interval, 60.0)
        return time.monotonic() - self._last_poll_done <= limit

    def _beat(
        self, *, poll: tuple[bool, str] | None = None, send: tuple[bool, str] | None = None
    ) -> None:
        try:
            self._last_beat = heartbeat.record(
                self._store.connection(),
                self._store.data_dir,
                self._clock.now(),
                poll_interval=self._config.poll_interval,
                actor=self._config.actor,
                poll=poll,
                send=send,
            )
        except Exception:  # the heartbeat must never stop polling or sending
            log.exception("could not record the heartbeat")

    def _poll(self) -> list[int]:
        try:
            telegrams = self._source.poll()
        except FeedError as error:
            log.warning("poll failed: %s", error)
            self._poll_error = str(error)
            self._emit(PollFailed(str(error)))
            return []
        # A source backing off after a failure returns nothing without reaching the feed.
        if self._notifier is not None and getattr(self._source, "reached", True):
            self._notifier.poll_succeeded()
        telegrams.sort(key=lambda t: (t.head.report_datetime, t.source_id))
        new_dispatches: list[int] = []
        for telegram in telegrams:
            try:
                taken = self._take(telegram)
                if taken:
                    # Committed: the sender starts on it now, not after the poll's other
                    # telegrams (each with its own audience to enqueue) are recorded.
                    self._wake.set()
                new_dispatches += taken
            except Exception as error:
                # The tracker may have moved ahead of what was committed: rebuild it from
                # the store, and leave the telegram for the next poll.
                log.exception("telegram %s could not be recorded", telegram.source_id)
                self._poll_error = f"{telegram.source_id} could not be stored ({error})"
                self._emit(
                    PollFailed(
                        f"{telegram.source_id} could not be stored ({error}); it will be "
                        "taken again at the next poll. Check the disk of the data folder."
                    )
                )
                self._rebuild_state()
                break
        new_dispatches += self._poll_observations()
        if new_dispatches:
            self._wake.set()
        return new_dispatches

    def _poll_observations(self) -> list[int]:
        """Gauge readings: alerts on a stage crossed; the tracker's state is saved in the same
        transaction as the deliveries it caused."""
        readings: list[Observation] = []
        for source in self._observations:  # one failing source does not hold up the others
            try:
                readings += source.poll()
            except FeedError as error:
                log.warning("observation poll failed: %s", error)
                self._poll_error = str(error)
                self._emit(PollFailed(str(error)))
        if not readings:
            return []
        connection = self._store.connection()
        outbox = self._dispatcher.outbox()
        try:
            with transaction(connection):
                alerts = self._gauges.process(readings)
                enqueued = self._enqueue(outbox, alerts, source="observations")
                outbox.telegrams().save_state(GAUGE_STATE, self._gauges.state())
        except Exception:
            log.exception("gauge readings could not be recorded")
            self._rebuild_state()
            return []
        self._announce(enqueued)
        return [d for d, _, _ in enqueued]

    def _take(self, telegram: Telegram) -> list[int]:
        connection = self._store.connection()
        outbox = self._dispatcher.outbox()
        with transaction(connection):
            if outbox.telegrams().telegram_seen(telegram.source_id):
                return []
            outbox.telegrams().record_telegram(telegram)
            dispatches = self._enqueue(
                outbox, self._tracker.process(telegram), source=telegram.source_id
            )
        self._announce(dispatches)
        return [d for d, _, _ in dispatches]

    def _enqueue(
        self, outbox: Outbox, alerts: list[Alert], *, source: str
    ) -> list[tuple[int, Alert, int]]:
        """Enqueue each new alert and audit it (inside the caller's transaction)."""
        audit = AuditLog(self._store.connection(), self._clock)
        dispatches = []
        for alert in alerts:
            dispatch_id = outbox.enqueue_alert(alert, self._subject_for(alert))
            if dispatch_id is None:
                continue
            summary = outbox.dispatch_log().summary(dispatch_id)
            recipients = summary.total if summary else 0
            audit.append(
                self._config.actor,
                "dispatch.enqueue",
                target=f"dispatch:{dispatch_id}",
                detail={
                    "alert": alert.dedupe_key,
                    "source": source,
                    "recipients": recipients,
                    "exercise": alert.is_exercise,
                },
            )
            dispatches.append((dispatch_id, alert, recipients))
        return dispatches

    def _announce(self, dispatches: list[tuple[int, Alert, int]]) -> None:
        for dispatch_id, alert, recipients in dispatches:
            self._emit(
                AlertEnqueued(
                    dispatch_id=dispatch_id,
                    title=alert.title,
                    kind=alert.kind_name,
                    change=str(alert.change),
                    area=alert.area_name,
                    level=alert.level,
                    recipients=recipients,
                    exercise=alert.is_exercise,
                    report_datetime=alert.report_datetime,
                )
            )

    # ---- sending -------------------------------------------------------------------------

    def drain_once(self) -> DrainReport:
        report = self._dispatcher.drain(self._stop)
        for dispatch_id in report.finished_dispatches:
            summary = self._dispatcher.outbox().dispatch_log().summary(dispatch_id)
            if summary is not None:
                AuditLog(self._store.connection(), self._clock).append(
                    self._config.actor,
                    "dispatch.done",
                    target=f"dispatch:{dispatch_id}",
                    detail={
                        "sent": summary.sent,
                        "failed": summary.failed,
                        "resent_in_doubt": summary.resent_in_doubt,
                    },
                )
                self._emit(
                    DispatchDone(
                        dispatch_id=summary.id,
                        subject=summary.subject,
                        total=summary.total,
                        sent=summary.sent,
                        failed=summary.failed,
                        resent_in_doubt=summary.resent_in_doubt,
                        detected_at=_moment(summary.detected_at),
                        first_accepted_at=_moment(summary.first_accepted_at),
                    )
                )
        if report.error:
            self._emit(RelayFailed(report.error))
        if report.error or report.accepted or report.failed or report.deferred:
            outcome = (
                report.error
                or f"accepted {report.accepted}, deferred {report.deferred}, failed {report.failed}"
            )
            self._beat(send=(not report.error, outcome))
        return report

    def run_once(self) -> DrainReport:
        """Recover, one poll, and everything due sent (``kishomail run --once``) — holding the
        data folder's lock, so it never runs beside a running service."""
        self._lock.acquire(self._started_by)
        try:
            self.recover()
            self.poll_once()
            return self.drain_once()
        finally:
            self._lock.release()

    def _send_loop(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    report = self.drain_once()
                    pause = self._config.relay_retry_seconds if report.error else self._until_due()
                except Exception as error:
                    # The sender must outlive a bad moment (a store busy past its timeout, a
                    # full disk): what was claimed goes back to the queue at the next drain.
                    log.exception("sending paused after an error")
                    self._emit(
                        RelayFailed(
                            f"sending paused after an error ({error}); it resumes by itself"
                        )
                    )
                    pause = SEND_ERROR_PAUSE
                    self._requeue_after_error()
                self._wake.wait(timeout=pause)
                self._wake.clear()
        finally:
            self._store.close_thread_connection()

    def _requeue_after_error(self) -> None:
        """Deliveries left ``sending`` by a failed drain are treated as after a crash: back to
        the queue, in doubt (best effort: the store may still be busy)."""
        try:
            with transaction(self._store.connection()):
                self._dispatcher.outbox().recover_interrupted()
        except Exception:
            log.exception("could not put the interrupted deliveries back yet")

    def _until_due(self) -> float:
        due = self._dispatcher.outbox().next_due()
        if due is None:
            return 5.0
        return min(5.0, max(0.05, (due - self._clock.now()).total_seconds()))

    def on_progress(self, progress: SendingProgress) -> None:
        """Give this to the dispatcher's ``on_progress`` to have progress reported."""
        self._emit(progress)

    # ---- reporting -----------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: EngineEvent) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop dispatching
                log.exception("listener failed on %s", event.name)


def _moment(text: str | None) -> datetime | None:
    return from_iso(text) if text else None
