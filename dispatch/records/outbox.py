"""The outbox: what has been seen, what must be sent, and what happened to each recipient.

Crash safety comes from one rule: a telegram is recorded as processed **in the same
transaction** that records its alerts and enqueues every delivery. A crash before that commit
loses nothing (the telegram is processed again and yields the same dedupe keys); a crash after
it doubles nothing (the telegram's id and the alerts' keys are already there).

This module enqueues (the alert, its audience, each delivery with its Message-ID); what
happens to a delivery afterwards — claimed, sent, deferred, failed, in doubt — is in
:mod:`dispatch.records.delivery_queue`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import Enum
from secrets import token_hex
from typing import Any

from dispatch.base.clock import Clock, to_iso
from dispatch.mail.message import kishomail_message_id
from dispatch.records.delivery_queue import DeliveryQueue
from dispatch.records.dispatch_log import SUPERSEDED_REPLY, DispatchLog
from dispatch.records.matching import audience_for, is_advisory_level, quiet_until
from dispatch.records.subscriber_queries import audience_condition
from dispatch.records.subscribers import QuietHours
from dispatch.records.telegram_log import TelegramLog
from dispatch.store.database import Connection
from feeds.model import Alert, Category, Change

log = logging.getLogger(__name__)

#: Stands for the subscriber id in a Message-ID the SQL completes (never in a real id).
_SUBSCRIBER_SLOT = "\x00"

HELD_REPLY = "held: quiet hours"


@dataclass(frozen=True)
class Recipient:
    subscriber_id: int
    email: str
    language: str
    charset: str
    quiet_hours: QuietHours | None


# ---- alerts to and from JSON (stored with the alert, read back to render it) ----------------


def alert_to_json(alert: Alert) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        return value

    return json.dumps(
        {f.name: plain(getattr(alert, f.name)) for f in fields(alert)}, ensure_ascii=False
    )


def alert_from_json(text: str) -> Alert:
    data = json.loads(text)
    data["category"] = Category(data["category"])
    data["change"] = Change(data["change"])
    data["report_datetime"] = datetime.fromisoformat(data["report_datetime"])
    data["issuing_offices"] = tuple(data["issuing_offices"])
    data["extra"] = tuple(tuple(pair) for pair in data.get("extra", ()))
    return Alert(**data)


class Outbox(DeliveryQueue):
    """The outbox tables on one connection. Methods that write expect the caller's
    transaction (see :func:`dispatch.store.database.transaction`) unless they say otherwise.
    Claiming and recording deliveries are inherited from :class:`DeliveryQueue`."""

    def __init__(self, connection: Connection, clock: Clock, message_domain: str) -> None:
        super().__init__(connection, clock)
        self._domain = message_domain

    def telegrams(self) -> TelegramLog:
        """The telegrams received and the feed trackers' state, in this outbox's transaction."""
        return TelegramLog(self._connection, self._clock)

    # ---- alerts and dispatches -----------------------------------------------------------

    def alert_seen(self, dedupe_key: str) -> bool:
        row = self._connection.execute(
            "SELECT 1 FROM alerts WHERE dedupe_key = ?", (dedupe_key,)
        ).fetchone()
        return row is not None

    def enqueue_alert(self, alert: Alert, subject: str, mode: str = "individual") -> int | None:
        """Record the alert and enqueue one delivery per matching subscriber; returns the
        dispatch id, or ``None`` when this alert was seen before."""
        if self.alert_seen(alert.dedupe_key):
            return None
        now = self._clock.now()
        self._connection.execute(
            "INSERT INTO alerts (dedupe_key, category, change, area_code, area_name, level, "
            "supersedes, is_exercise, source_id, report_datetime, detected_at, title, content) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                alert.dedupe_key,
                str(alert.category),
                str(alert.change),
                alert.area_code,
                alert.area_name,
                alert.level,
                alert.supersedes,
                int(alert.is_exercise),
                alert.source_id,
                alert.report_datetime.isoformat(),
                to_iso(now),
                alert.title,
                alert_to_json(alert),
            ),
        )
        dispatch_id = self.enqueue(
            kind="alert",
            subject=subject,
            recipients=(),
            mode=mode,
            alert_key=alert.dedupe_key,
            jma_report_at=alert.report_datetime,
            detected_at=now,
        )
        # The audience goes straight from the subscribers table into the outbox (INSERT …
        # SELECT): 100,000 deliveries in about a second, no Python object per recipient.
        audience = audience_for(alert)
        selected: tuple[str, str, list[Any]] | None = None
        if audience.follow_up_of is not None:
            self._drop_held_deliveries_of_chain(audience.follow_up_of)
            selected = (
                self._CHAIN,
                "SELECT DISTINCT s.id AS sid, s.language AS lang, s.charset AS cs FROM chain c "
                "JOIN dispatches p ON p.alert_key = c.key "
                "JOIN deliveries d ON d.dispatch_id = p.id "
                "JOIN subscribers s ON s.id = d.subscriber_id "
                "WHERE d.state IN ('sent', 'sending', 'queued') AND s.status = 'active'",
                [audience.follow_up_of],
            )
        elif audience.fresh is not None:
            condition = audience_condition(audience.fresh)
            if condition is not None:
                where, params = condition
                selected = (
                    "",
                    f"SELECT id AS sid, language AS lang, charset AS cs FROM subscribers "
                    f"WHERE {where}",
                    params,
                )
        if selected is not None:
            self._enqueue_selected(dispatch_id, *selected, hold=is_advisory_level(alert))
        return dispatch_id

    def _enqueue_selected(
        self, dispatch_id: int, prefix: str, select: str, params: list[Any], *, hold: bool
    ) -> int:
        """Deliveries for every (subscriber id, language, charset) row of ``select``."""
        now = self._clock.now()
        stamp = to_iso(now)
        # The SQL puts each subscriber id and a random tag of its own (see message_id) between
        # the two halves of the one Message-ID format.
        slotted = kishomail_message_id(self._domain, dispatch_id, _SUBSCRIBER_SLOT)
        id_head, id_tail = slotted.split(_SUBSCRIBER_SLOT)
        cursor = self._connection.execute(
            prefix + "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, "
            "message_id, state, next_attempt_at) "
            "SELECT ?, sid, lang, cs, ? || sid || '.' || lower(hex(randomblob(8))) || ?, "
            f"'queued', ? FROM ({select})",
            (*params[: prefix.count("?")], dispatch_id, id_head, id_tail, stamp,
             *params[prefix.count("?"):]),
        )  # fmt: skip
        count = int(cursor.rowcount)
        if hold:
            self._hold_for_quiet_hours(dispatch_id, now)
        self._connection.execute(
            "UPDATE dispatches SET total = ?, status = ?, finished_at = ? WHERE id = ?",
            (count, "queued" if count else "done", None if count else stamp, dispatch_id),
        )
        log.info("dispatch %d enqueued: %d recipients (alert)", dispatch_id, count)
        return count

    def _hold_for_quiet_hours(self, dispatch_id: int, now: datetime) -> None:
        """Advisory-level mail waits for the end of a subscriber's quiet hours."""
        rows = self._connection.execute(
            "SELECT d.id, s.quiet_start, s.quiet_end FROM deliveries d "
            "JOIN subscribers s ON s.id = d.subscriber_id "
            "WHERE d.dispatch_id = ? AND s.quiet_start IS NOT NULL",
            (dispatch_id,),
        ).fetchall()
        held = []
        for delivery_id, start, end in rows:
            until = quiet_until(QuietHours(start, end), now)
            if until is not None:
                held.append((to_iso(until), HELD_REPLY, delivery_id))
        self._connection.executemany(
            "UPDATE deliveries SET state = 'deferred', next_attempt_at = ?, last_reply = ? "
            "WHERE id = ?",
            held,
        )

    def enqueue(
        self,
        *,
        kind: str,
        subject: str,
        recipients: Sequence[Recipient],
        mode: str = "individual",
        alert_key: str | None = None,
        jma_report_at: datetime | None = None,
        detected_at: datetime | None = None,
        hold_in_quiet_hours: bool = False,
    ) -> int:
        now = self._clock.now()
        stamp = to_iso(now)
        cursor = self._connection.execute(
            "INSERT INTO dispatches (kind, alert_key, subject, mode, status, created_at, "
            "jma_report_at, detected_at, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                alert_key,
                subject,
                mode,
                "queued" if recipients else "done",
                stamp,
                jma_report_at.isoformat() if jma_report_at else None,
                to_iso(detected_at) if detected_at else None,
                len(recipients),
            ),
        )
        dispatch_id = int(cursor.lastrowid)
        rows = []
        for r in recipients:
            held = quiet_until(r.quiet_hours, now) if hold_in_quiet_hours else None
            rows.append(
                (
                    dispatch_id,
                    r.subscriber_id,
                    r.language,
                    r.charset,
                    self.message_id(dispatch_id, r.subscriber_id),
                    "deferred" if held else "queued",
                    to_iso(held) if held else stamp,
                    HELD_REPLY if held else "",
                )
            )
        self._connection.executemany(
            "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
            "state, next_attempt_at, last_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if not recipients:
            self._connection.execute(
                "UPDATE dispatches SET finished_at = ? WHERE id = ?", (stamp, dispatch_id)
            )
        log.info("dispatch %d enqueued: %d recipients (%s)", dispatch_id, len(rows), kind)
        return dispatch_id

    def message_id(self, dispatch_id: int, subscriber_id: int) -> str:
        """A delivery's Message-ID, kept with it: a resend carries the same one, so a duplicate
        can be recognised by the recipient's mail program and by us. Its random tag makes it
        unguessable: a bounce counts against a resident only when it names this exact id
        (``registration.service.bounced``), so a forged DSN listing ids built from known
        dispatch and subscriber numbers changes nothing."""
        return kishomail_message_id(self._domain, dispatch_id, subscriber_id, token_hex(8))

    _CHAIN = (
        "WITH RECURSIVE chain(key) AS (SELECT ? UNION "
        "SELECT a.supersedes FROM alerts a JOIN chain c ON a.dedupe_key = c.key "
        "WHERE a.supersedes IS NOT NULL) "
    )

    def recipients_of_chain(self, alert_key: str) -> list[Recipient]:
        """Active subscribers who were sent (or are being sent) an alert of this chain."""
        rows = self._connection.execute(
            self._CHAIN + "SELECT DISTINCT s.id, s.email, s.language, s.charset, s.quiet_start, "
            "s.quiet_end FROM chain c JOIN dispatches p ON p.alert_key = c.key "
            "JOIN deliveries d ON d.dispatch_id = p.id "
            "JOIN subscribers s ON s.id = d.subscriber_id "
            "WHERE d.state IN ('sent', 'sending', 'queued') AND s.status = 'active' ORDER BY s.id",
            (alert_key,),
        )
        return [
            Recipient(r[0], r[1], r[2], r[3], QuietHours(r[4], r[5]) if r[4] is not None else None)
            for r in rows
        ]

    def _drop_held_deliveries_of_chain(self, alert_key: str) -> None:
        """An advisory still held for quiet hours is stale once its follow-up comes. The
        dropped deliveries count as not sent in their dispatch's figures, so that sent +
        failed + deferred still adds up to the total."""
        dropped = self._connection.execute(
            self._CHAIN + "SELECT d.dispatch_id, count(*) FROM deliveries d "
            "WHERE d.state = 'deferred' AND d.last_reply = ? AND d.dispatch_id IN "
            "(SELECT p.id FROM dispatches p JOIN chain c ON p.alert_key = c.key) "
            "GROUP BY d.dispatch_id",
            (alert_key, HELD_REPLY),
        ).fetchall()
        self._connection.execute(
            self._CHAIN + "UPDATE deliveries SET state = 'failed', last_reply = ? "
            "WHERE state = 'deferred' AND last_reply = ? AND dispatch_id IN "
            "(SELECT p.id FROM dispatches p JOIN chain c ON p.alert_key = c.key)",
            (alert_key, SUPERSEDED_REPLY, HELD_REPLY),
        )
        self._connection.executemany(
            "UPDATE dispatches SET failed = failed + ? WHERE id = ?",
            [(count, dispatch_id) for dispatch_id, count in dropped],
        )

    def purge(self, *, deliveries_before: datetime, telegrams_before: datetime) -> dict[str, int]:
        """Delete finished delivery records and stored telegrams older than the given times
        (caller's transaction). Deliveries still to be sent are never touched."""
        deliveries = self._connection.execute(
            "DELETE FROM deliveries WHERE state IN ('sent', 'failed') AND dispatch_id IN "
            "(SELECT id FROM dispatches WHERE status IN ('done', 'cancelled') "
            "AND created_at < ?)",
            (to_iso(deliveries_before),),
        ).rowcount
        telegrams = self._connection.execute(
            "DELETE FROM telegrams WHERE received_at < ?", (to_iso(telegrams_before),)
        ).rowcount
        return {"deliveries": int(deliveries), "telegrams": int(telegrams)}

    # ---- reading --------------------------------------------------------------------------

    def alert_content(self, dispatch_id: int) -> Alert | None:
        row = self._connection.execute(
            "SELECT a.content FROM dispatches p JOIN alerts a ON a.dedupe_key = p.alert_key "
            "WHERE p.id = ?",
            (dispatch_id,),
        ).fetchone()
        return alert_from_json(row[0]) if row else None

    def dispatch_log(self) -> DispatchLog:
        """What was sent, read back (summaries, failures, the telegrams received)."""
        return DispatchLog(self._connection)
