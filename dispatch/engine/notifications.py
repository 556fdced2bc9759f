"""Staff notifications: what the engine tells the duty officers and administrators by mail.

The :class:`Notifier` listens to the engine's typed events (:mod:`dispatch.engine.events`) and
to two hooks the service calls (a successful poll, a successful backup), and every
``tick()`` (a scheduler job, or a test with a :class:`~dispatch.base.clock.FixedClock`) it
looks at the time-based conditions and mails what is due. Listeners only note what happened;
the mail goes out from the tick, so a relay that hangs never holds up the sender or the poll.

Two shapes of notification:

* a **condition** (feed silent, relay failing, backup failed, disk low, gauge readings stale,
  a serious warning in force, a manual alert waiting for approval) is mailed once when it
  begins, again every
  ``notify.repeat_minutes`` while it lasts, and once more ("recovered") when it ends;
* a **one-off** (engine started, stopped, restarted after a crash; a dispatch finished with
  failures; a warning level changed; the daily "alive" summary) is mailed once.

Who receives each kind: :data:`DEFAULT_ROUTES`, overridden by the setting ``notify.routes``.
The open conditions are kept in the store (kind, key, subject and times — no body, which may
quote a relay's reply): an engine restarted while one lasts does not mail it again, and mails
"recovered" when it ends.
"""

from __future__ import annotations

import logging
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from dispatch.base.clock import TOKYO, Clock, from_iso, to_iso
from dispatch.base.errors import StoreError, ValidationError
from dispatch.engine.audit_anchor import anchor_audit_head
from dispatch.engine.events import (
    AlertEnqueued,
    BackupFailed,
    DispatchDone,
    EngineEvent,
    RelayFailed,
    StaffNoticeFailed,
)
from dispatch.engine.gauge_health import gauge_rows
from dispatch.engine.health import HealthServer
from dispatch.engine.staff_mail import Notice, NoticeReport, mail_notice
from dispatch.records.accounts import Role
from dispatch.records.audit_anchors import anchor_line
from dispatch.records.settings import setting
from dispatch.records.staff_contacts import StaffContacts
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Store, transaction

log = logging.getLogger(__name__)

ACTOR = "system"
#: A file in the data folder while an engine runs: found at start, the last run crashed.
RUNNING_MARK = "engine.running"


class Kind(StrEnum):
    FEED_SILENT = "feed-silent"
    RELAY_FAILING = "relay-failing"
    ENGINE_STARTED = "engine-started"
    ENGINE_STOPPED = "engine-stopped"
    ENGINE_RESTARTED = "engine-restarted"
    DISPATCH_FAILURES = "dispatch-failures"
    BACKUP_FAILED = "backup-failed"
    DISK_LOW = "disk-low"
    GAUGES_STALE = "gauges-stale"
    REGISTRATION_CAP = "registration-cap"
    WARNING_LEVEL = "warning-level"
    SERIOUS_WARNING = "serious-warning"
    APPROVAL_WAITING = "approval-waiting"
    ALIVE = "alive"
    TEST = "test"


#: Where the open conditions are kept in the store (the ``meta`` table's state entries).
CONDITIONS_STATE = "notify-conditions"

#: A queued step: ("raise" | "clear" | "once", kind, key, text).
_Action = tuple[str, "Kind", str, str]

_ADMIN, _DUTY, _OPERATOR = Role.ADMINISTRATOR, Role.DUTY_OFFICER, Role.OPERATOR

#: Which roles' contacts receive each kind unless ``notify.routes`` says otherwise.
DEFAULT_ROUTES: dict[Kind, frozenset[Role]] = {
    Kind.FEED_SILENT: frozenset({_ADMIN, _DUTY}),
    Kind.RELAY_FAILING: frozenset({_ADMIN, _DUTY}),
    Kind.ENGINE_STARTED: frozenset({_ADMIN}),
    Kind.ENGINE_STOPPED: frozenset({_ADMIN, _DUTY}),
    Kind.ENGINE_RESTARTED: frozenset({_ADMIN, _DUTY}),
    Kind.DISPATCH_FAILURES: frozenset({_ADMIN, _DUTY, _OPERATOR}),
    Kind.BACKUP_FAILED: frozenset({_ADMIN}),
    Kind.DISK_LOW: frozenset({_ADMIN}),
    Kind.GAUGES_STALE: frozenset({_ADMIN, _DUTY}),
    Kind.REGISTRATION_CAP: frozenset({_ADMIN}),
    Kind.WARNING_LEVEL: frozenset({_DUTY}),
    Kind.SERIOUS_WARNING: frozenset({_ADMIN, _DUTY}),
    Kind.APPROVAL_WAITING: frozenset({_DUTY}),
    Kind.ALIVE: frozenset({_ADMIN, _DUTY}),
    Kind.TEST: frozenset(Role),
}


def parse_routes(text: str) -> dict[Kind, frozenset[Role]]:
    """``DEFAULT_ROUTES`` with the overrides of ``notify.routes`` (``kind=role+role; …``)."""
    routes = dict(DEFAULT_ROUTES)
    for part in filter(None, (p.strip() for p in text.split(";"))):
        kind_text, _, roles_text = part.partition("=")
        try:
            kind = Kind(kind_text.strip())
            roles = frozenset(
                Role(r.strip()) for r in roles_text.split("+") if r.strip() not in ("", "none")
            )
        except ValueError:
            raise ValidationError(
                f"notify.routes: {part!r} is not KIND=ROLE+ROLE; kinds: "
                f"{', '.join(k.value for k in Kind)}; roles: {', '.join(r.value for r in Role)}."
            ) from None
        routes[kind] = roles
    return routes


_LEVEL_PREFIX = re.compile(r"^レベル[0-9０-９]")
_GRADES = ("特別警報", "危険警報", "警戒情報", "警報", "注意報")


def hazard_of(alert: AlertEnqueued) -> str:
    """The hazard an alert is about, whatever its grade: レベル３大雨警報 → 大雨."""
    name = _LEVEL_PREFIX.sub("", alert.kind or alert.title)
    for grade in _GRADES:
        if name.endswith(grade) and name != grade:
            return name[: -len(grade)]
    return name


def is_serious(alert: AlertEnqueued) -> bool:
    """レベル４ or higher, 土砂災害警戒情報, or a 神田川 flood forecast (the officers come in)."""
    text = f"{alert.kind or ''} {alert.title}"
    return (
        (alert.level or 0) >= 4
        or "土砂災害警戒情報" in text
        or ("神田川" in text and ("洪水" in text or "氾濫" in text))
    )


@dataclass
class _Condition:
    subject: str
    body: str
    began: datetime
    last_mailed: datetime | None = None


@dataclass
class _Summary:
    """What the daily summary and the health endpoint report (counts, no personal data)."""

    started_at: datetime
    last_poll_ok: datetime
    dispatches: int = 0
    failures: int = 0
    last_backup_ok: datetime | None = None
    last_backup_failed: datetime | None = None
    last_summary_day: date | None = None
    levels: dict[str, int] = field(default_factory=dict)


class Notifier:
    """Staff notifications of one running engine (see the module's docstring)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        send: Callable[[Notice, list[str]], NoticeReport] | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._send = send or self._mail
        self._lock = threading.Lock()
        self._active: dict[tuple[Kind, str], _Condition] = self._load_conditions()
        self._saved = self._conditions_state()
        self._pending: list[_Action] = []  # raise/clear/one-off, queued
        now = clock.now()
        self._summary = _Summary(started_at=now, last_poll_ok=now)
        #: The loopback health endpoint while the engine runs (``monitor.health_port``).
        self.health_server: HealthServer | None = None
        self._active_kinds: frozenset[str] = frozenset()
        #: Told of a notification that did not reach every contact (the service's listeners).
        self.report_failed_notice: Callable[[StaffNoticeFailed], None] | None = None
        # The first summary comes at the next summary time, not at once on starting.
        self._summary.last_summary_day = now.astimezone(TOKYO).date()
        if now.astimezone(TOKYO) < self._summary_time(now):
            self._summary.last_summary_day -= timedelta(days=1)

    # ---- hooks (any thread) -------------------------------------------------------------

    def __call__(self, event: EngineEvent) -> None:
        """The engine listener: note what happened; :meth:`tick` mails it."""
        with self._lock:
            self._note(event)

    def poll_succeeded(self) -> None:
        with self._lock:
            self._summary.last_poll_ok = self._clock.now()
            self._pending.append(("clear", Kind.FEED_SILENT, "", ""))

    def backup_succeeded(self) -> None:
        with self._lock:
            self._summary.last_backup_ok = self._clock.now()
            self._pending.append(("clear", Kind.BACKUP_FAILED, "", ""))

    def engine_started(self) -> None:
        """The service started: "started", or "restarted after a crash" when the last run
        left its mark in the data folder."""
        kind = mark_running(self._store.data_dir)
        text = f"{_local(self._clock.now())}: {_TITLES[kind]}"
        with self._lock:
            self._pending.append(("once", kind, "", text))
        port = int(setting(self._store.connection(), "monitor.health_port"))
        if port:
            try:
                self.health_server = HealthServer(port, self.health)
                self.health_server.start()
            except OSError as error:  # the engine runs on; the port is reported
                log.error("health endpoint: port %d cannot be used: %s", port, error)
                self.health_server = None

    def engine_stopping(self) -> None:
        """The service stops cleanly: mail it now (no tick will follow)."""
        with self._lock:
            self._pending.append(
                ("once", Kind.ENGINE_STOPPED, "", f"{_local(self._clock.now())}: stopped")
            )
        if self.health_server is not None:
            self.health_server.stop()
            self.health_server = None
        self.tick()
        mark_stopped(self._store.data_dir)

    def _note(self, event: EngineEvent) -> None:
        match event:
            case RelayFailed(message=message):
                self._pending.append(("raise", Kind.RELAY_FAILING, "", message))
            case BackupFailed(message=message):
                self._summary.last_backup_failed = self._clock.now()
                self._pending.append(("raise", Kind.BACKUP_FAILED, "", message))
            case DispatchDone():
                self._dispatch_done(event)
            case AlertEnqueued():
                self._alert(event)
            case _:
                pass

    def _dispatch_done(self, event: DispatchDone) -> None:
        self._summary.dispatches += 1
        self._summary.failures += event.failed
        if event.sent:
            self._pending.append(("clear", Kind.RELAY_FAILING, "", ""))
        if not event.failed:
            return
        text = (
            f"配信 {event.dispatch_id}「{event.subject}」: {event.failed} / {event.total} 件が"
            f"送信できませんでした。\nDispatch {event.dispatch_id}: {event.failed} of "
            f"{event.total} recipients failed. See 'kishomail dispatches show "
            f"{event.dispatch_id}'."
        )
        self._pending.append(("once", Kind.DISPATCH_FAILURES, str(event.dispatch_id), text))
        limit = int(setting(self._store.connection(), "notify.relay_failure_percent"))
        if event.total and event.failed * 100 > limit * event.total:
            self._pending.append(("raise", Kind.RELAY_FAILING, "", text))

    def _alert(self, alert: AlertEnqueued) -> None:
        if alert.exercise:
            return
        hazard = f"{alert.area} {hazard_of(alert)}"
        ended = alert.change in ("lifted", "withdrawn")
        level = 0 if ended else (alert.level or 0)
        before = self._summary.levels.get(hazard, 0)
        if level:
            self._summary.levels[hazard] = level
        else:
            self._summary.levels.pop(hazard, None)
        text = (
            f"{alert.title}（{alert.area}）\n{alert.kind or ''} {alert.change}\n"
            f"発表 {alert.report_datetime.astimezone(TOKYO):%Y-%m-%d %H:%M}"
        )
        if is_serious(alert) and not ended:
            self._pending.append(("raise", Kind.SERIOUS_WARNING, hazard, text))
        elif before and level != before:
            self._pending.append(("clear", Kind.SERIOUS_WARNING, hazard, text))
            if level:
                self._pending.append(("once", Kind.WARNING_LEVEL, hazard, text))
        elif level and level != before:
            self._pending.append(("once", Kind.WARNING_LEVEL, hazard, text))

    # ---- the tick (scheduler thread) -------------------------------------------------------

    def tick(self) -> list[NoticeReport]:
        """Mail what is due now; returns the reports of what was mailed."""
        now = self._clock.now()
        with self._lock:
            pending, self._pending = self._pending, []
        pending += self._watch(now)
        reports: list[NoticeReport] = []
        for action, kind, key, text in pending:
            reports += self._apply(action, kind, key, text, now)
        reports += self._repeat(now)
        reports += self._daily_summary(now)
        self._save_conditions()
        # What the health endpoint reads from its own thread: replaced whole, never mutated.
        self._active_kinds = frozenset(str(kind) for kind, _ in self._active)
        return reports

    # ---- open conditions, kept across a restart ---------------------------------------------

    def _conditions_state(self) -> list[list[str]]:
        return [
            [str(kind), key, c.subject, to_iso(c.began), to_iso(c.last_mailed or c.began)]
            for (kind, key), c in sorted(self._active.items())
        ]

    def _load_conditions(self) -> dict[tuple[Kind, str], _Condition]:
        saved = TelegramLog(self._store.connection(), self._clock).load_state(CONDITIONS_STATE)
        active: dict[tuple[Kind, str], _Condition] = {}
        for kind, key, subject, began, last_mailed in saved or []:
            if kind in Kind.__members__.values():
                active[(Kind(kind), key)] = _Condition(
                    subject, "", from_iso(began), from_iso(last_mailed)
                )
        return active

    def _save_conditions(self) -> None:
        state = self._conditions_state()
        if state == self._saved:
            return
        connection = self._store.connection()
        with transaction(connection):
            TelegramLog(connection, self._clock).save_state(CONDITIONS_STATE, state)
        self._saved = state

    def _watch(self, now: datetime) -> list[_Action]:
        """The conditions found by looking: feed silence, disk space, alerts to approve."""
        found: list[_Action] = []
        connection = self._store.connection()
        minutes = int(setting(connection, "notify.feed_silent_minutes"))
        silent_for = now - self._summary.last_poll_ok
        if silent_for >= timedelta(minutes=minutes):
            text = (
                f"気象庁フィードの取得が {int(silent_for.total_seconds() // 60)} 分間成功して"
                f"いません（最後の成功 {_local(self._summary.last_poll_ok)}）。\n"
                f"No successful feed poll for {int(silent_for.total_seconds() // 60)} minutes "
                f"(last {_local(self._summary.last_poll_ok)}). Check the network and "
                "'kishomail doctor'."
            )
            found.append(("raise", Kind.FEED_SILENT, "", text))
        free_mb = shutil.disk_usage(self._store.data_dir).free // (1024 * 1024)
        floor = int(setting(connection, "notify.disk_free_mb"))
        action = "raise" if free_mb < floor else "clear"
        text = f"データフォルダのディスクの空き: {free_mb} MB (free disk space; limit {floor} MB)"
        found.append((action, Kind.DISK_LOW, "", text))
        found.append(self._gauges_stale(now))
        waiting = {
            str(row[0]): str(row[1])
            for row in connection.execute(
                "SELECT id, category FROM manual_alerts WHERE status = 'submitted'"
            )
        }
        for key in waiting:
            text = (
                f"手動配信 {key} が承認を待っています（'kishomail alert show {key}'）。\n"
                f"Manual alert {key} is waiting for a second officer's approval."
            )
            found.append(("raise", Kind.APPROVAL_WAITING, key, text))
        for kind, key in list(self._active):
            if kind is Kind.APPROVAL_WAITING and key not in waiting:
                found.append(("clear", kind, key, f"Manual alert {key}: not waiting."))
        return found

    def _gauges_stale(self, now: datetime) -> _Action:
        """Rain and river readings no longer arriving: the ward's rain and river alerts stop
        without a word. A station with no reading yet counts only once the engine has run
        longer than ``observations.stale_minutes`` (the first poll has not come yet)."""
        connection = self._store.connection()
        settled = now - self._summary.started_at > timedelta(
            minutes=int(setting(connection, "observations.stale_minutes"))
        )
        stale = [
            row
            for row in gauge_rows(connection, self._clock)
            if row.stale and (row.age_minutes is not None or settled)
        ]
        if not stale:
            return ("clear", Kind.GAUGES_STALE, "", "")
        lines = "\n".join(
            f"- {row.source} {row.station} ({row.kind}): "
            + (
                f"{row.age_minutes} 分前 / min ago"
                if row.age_minutes is not None
                else "未受信 none yet"
            )
            for row in stale
        )
        text = (
            "次の観測所の観測値が届いていません。雨量・水位の配信は止まっています。\n"
            "No fresh reading from these stations; rain and river alerts are not being sent:\n"
            f"{lines}\nCheck the source and 'kishomail doctor'."
        )
        return ("raise", Kind.GAUGES_STALE, "", text)

    def _apply(
        self, action: str, kind: Kind, key: str, text: str, now: datetime
    ) -> list[NoticeReport]:
        if action == "once":
            return [self._notify(kind, _subject(kind, key), text)]
        active = self._active.get((kind, key))
        if action == "raise":
            if active is not None:
                active.body = text  # the latest words for the hourly repeat
                return []
            condition = _Condition(_subject(kind, key), text, now, now)
            self._active[(kind, key)] = condition
            return [self._notify(kind, condition.subject, text)]
        if active is None:
            return []
        del self._active[(kind, key)]
        lasted = int((now - active.began).total_seconds() // 60)
        body = (
            f"回復しました（{lasted} 分間）。Recovered after {lasted} minutes.\n\n{text}".rstrip()
        )
        return [self._notify(kind, f"回復 recovered: {active.subject}", body)]

    def _repeat(self, now: datetime) -> list[NoticeReport]:
        every = timedelta(minutes=int(setting(self._store.connection(), "notify.repeat_minutes")))
        reports = []
        for (kind, _key), condition in list(self._active.items()):
            if condition.last_mailed is not None and now - condition.last_mailed >= every:
                condition.last_mailed = now
                began = _local(condition.began)
                body = f"継続中（{began} から）。Still the case since {began}.\n\n{condition.body}"
                reports.append(self._notify(kind, f"継続 still: {condition.subject}", body))
        return reports

    def _daily_summary(self, now: datetime) -> list[NoticeReport]:
        local = now.astimezone(TOKYO)
        due = self._summary_time(now)
        summary = self._summary
        if local < due or summary.last_summary_day == local.date():
            return []
        summary.last_summary_day = local.date()
        body = "\n".join(
            (
                "kishomail は稼働しています。kishomail is alive.",
                f"最後のフィード取得 last poll: {_local(summary.last_poll_ok)}",
                f"配信 dispatches (since {_local(summary.started_at)}): {summary.dispatches}",
                f"送信失敗 failed recipients: {summary.failures}",
                f"最後のバックアップ last backup: {_local(summary.last_backup_ok)}",
                f"バックアップ失敗 backup failed: {_local(summary.last_backup_failed)}",
                f"通知中の状態 conditions now: {', '.join(sorted({k for k, _ in self._active}))}"
                or "-",
            )
        )
        body += "\n" + self._anchor_lines()
        return [self._notify(Kind.ALIVE, f"稼働中 alive {local:%Y-%m-%d}", body)]

    def _anchor_lines(self) -> str:
        """The audit chain's head, anchored in the anchors file and quoted here, so that the
        office's mailboxes keep a copy outside the store (the service only)."""
        try:
            anchor = anchor_audit_head(self._store, self._clock)
        except StoreError as error:
            log.error("the audit head could not be anchored: %s", error.message)
            return f"監査ログのアンカー audit anchor: FAILED ({error.message})"
        if anchor is None:
            return "監査ログのアンカー audit anchor: - (not the installed service)"
        return (
            f"監査ログの先頭 audit head: entry {anchor.seq}, hash {anchor.head}\n"
            f"署名付きアンカー signed anchor (keep it):\n{anchor_line(anchor)}"
        )

    def _summary_time(self, now: datetime) -> datetime:
        """Today's time of the daily summary (Tokyo)."""
        hour, minute = _hh_mm(setting(self._store.connection(), "notify.summary_at"))
        return now.astimezone(TOKYO).replace(hour=hour, minute=minute, second=0, microsecond=0)

    # ---- mailing ---------------------------------------------------------------------------

    def _notify(self, kind: Kind, subject: str, body: str) -> NoticeReport:
        recipients = contacts_for(self._store, kind)
        report = self._send(Notice(str(kind), subject, body), recipients)
        if report.recipients and not report.ok and self.report_failed_notice is not None:
            # Every way out failed for someone: the screen must say it (and sound it).
            self.report_failed_notice(
                StaffNoticeFailed(str(kind), subject, report.recipients, report.accepted)
            )
        return report

    def _mail(self, notice: Notice, recipients: list[str]) -> NoticeReport:
        return mail_notice(
            self._store,
            self._clock,
            notice,
            recipients,
            actor=ACTOR,
        )

    # ---- what the health endpoint shows ------------------------------------------------------

    def health(self) -> dict[str, object]:
        """The health endpoint's answer: times, counts and condition names, nothing personal."""
        with self._lock:
            summary = self._summary
            active = set(self._active_kinds)
            troubles = active - {str(Kind.SERIOUS_WARNING), str(Kind.APPROVAL_WAITING)}
            return {
                "status": "degraded" if troubles else "ok",
                "started_at": to_iso(summary.started_at),
                "last_poll_ok": to_iso(summary.last_poll_ok),
                "dispatches": summary.dispatches,
                "failed_recipients": summary.failures,
                "conditions": sorted(active),
            }


def contacts_for(store: Store, kind: Kind) -> list[str]:
    """The staff contacts whose roles receive ``kind`` (``notify.routes``, else the defaults)."""
    try:
        routes = parse_routes(setting(store.connection(), "notify.routes"))
    except ValidationError as error:  # a typo must not silence every notification
        log.error("%s Using the default routes.", error.message)
        routes = DEFAULT_ROUTES
    return StaffContacts(store.connection()).addresses_for(routes[kind])


def notify_once(store: Store, clock: Clock, kind: Kind, body: str, *, actor: str) -> NoticeReport:
    """A one-off notification from outside the engine (the registration service)."""
    notice = Notice(str(kind), _TITLES[kind], body)
    return mail_notice(store, clock, notice, contacts_for(store, kind), actor=actor)


_TITLES: dict[Kind, str] = {
    Kind.FEED_SILENT: "フィード途絶 feed silent",
    Kind.RELAY_FAILING: "中継サーバ異常 relay failing",
    Kind.ENGINE_STARTED: "エンジン起動 engine started",
    Kind.ENGINE_STOPPED: "エンジン停止 engine stopped",
    Kind.ENGINE_RESTARTED: "異常終了後の再起動 engine restarted after a crash",
    Kind.DISPATCH_FAILURES: "送信失敗あり dispatch finished with failures",
    Kind.BACKUP_FAILED: "バックアップ失敗 backup failed",
    Kind.DISK_LOW: "ディスク残量不足 disk low",
    Kind.GAUGES_STALE: "観測値の途絶 gauge readings stale",
    Kind.REGISTRATION_CAP: "登録メール上限 registration mail cap reached",
    Kind.WARNING_LEVEL: "警戒レベル変更 warning level changed",
    Kind.SERIOUS_WARNING: "重大な警報 serious warning in force",
    Kind.APPROVAL_WAITING: "承認待ち manual alert waiting for approval",
    Kind.ALIVE: "稼働報告",
    Kind.TEST: "試験通知 test notification",
}


def _subject(kind: Kind, key: str) -> str:
    """The kind's title, then what it is about (a dispatch, a gauge) when there is a key."""
    return f"{_TITLES[kind]} {_short(key)}".rstrip()


def _short(key: str) -> str:
    return key.replace("\r", " ").replace("\n", " ")[:60]


def _local(moment: datetime | None) -> str:
    return "-" if moment is None else f"{moment.astimezone(TOKYO):%Y-%m-%d %H:%M}"


def _hh_mm(text: str) -> tuple[int, int]:
    try:
        hour, minute = (int(part) for part in text.split(":"))
    except ValueError:
        return 8, 0
    return (hour, minute) if 0 <= hour < 24 and 0 <= minute < 60 else (8, 0)


def mark_running(data_dir: Path) -> Kind:
    """Mark the engine as running; ENGINE_RESTARTED when the last run never stopped cleanly."""
    mark = data_dir / RUNNING_MARK
    crashed = mark.exists()
    mark.write_text("running\n", encoding="utf-8")
    return Kind.ENGINE_RESTARTED if crashed else Kind.ENGINE_STARTED


def mark_stopped(data_dir: Path) -> None:
    (data_dir / RUNNING_MARK).unlink(missing_ok=True)
