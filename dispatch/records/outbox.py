"""The outbox: what has been seen, what must be sent, and what happened to each recipient.

Crash safety comes from one rule: a telegram is recorded as processed **in the same
transaction** that records its alerts and enqueues every delivery. A crash before that commit
loses nothing (the telegram is processed again and yields the same dedupe keys); a crash after
it doubles nothing (the telegram's id and the alerts' keys are already there).

Each delivery (one subscriber of one dispatch) has a fixed Message-ID and a state:

    queued ──claim──▶ sending ──250──▶ sent
       ▲                 │──4xx──▶ deferred ──(due again)──▶ claimed again
       │                 │──5xx──▶ failed
       └──in doubt───────┘  (connection lost after DATA, or a crash while sending)

On restart every ``sending`` row goes back to ``queued`` marked *in doubt*: the server may have
accepted it before the reply was lost, so sending it again may make a duplicate. Those are
counted per dispatch (``resent_in_doubt``) — never a loss.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from enum import Enum
from secrets import token_hex
from typing import Any

from dispatch.base.clock import Clock, from_iso, to_iso
from dispatch.mail.bounces import new_token
from dispatch.mail.message import kishomail_message_id
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

#: A deferred delivery is given up after this many attempts (4xx for about a day).
MAX_ATTEMPTS = 12
#: Hard failures (5xx) in a row after which a subscriber is suspended.
SUSPEND_AFTER_HARD_FAILURES = 5
HELD_REPLY = "held: quiet hours"
INACTIVE_REPLY = "not sent: the subscriber was no longer active"


@dataclass(frozen=True)
class Recipient:
    subscriber_id: int
    email: str
    language: str
    charset: str
    quiet_hours: QuietHours | None


@dataclass(frozen=True)
class ClaimedDelivery:
    id: int
    dispatch_id: int
    subscriber_id: int
    email: str
    language: str
    charset: str
    message_id: str
    attempts: int
    in_doubt: bool
    #: Random; in ``MAIL FROM:<bounce+TOKEN@…>`` so that a bounce finds this delivery.
    bounce_token: str | None = None


@dataclass(frozen=True)
class DeliveryResult:
    delivery_id: int
    outcome: str  # dispatch.mail.smtp.Outcome values: accepted, deferred, failed, in_doubt
    code: int | None
    reply: str


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


class Outbox:
    """The outbox tables on one connection. Methods that write expect the caller's
    transaction (see :func:`dispatch.store.database.transaction`) unless they say otherwise."""

    def __init__(self, connection: Connection, clock: Clock, message_domain: str) -> None:
        self._connection = connection
        self._clock = clock
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
            "message_id, state, next_attempt_at, bounce_token) "
            "SELECT ?, sid, lang, cs, ? || sid || '.' || lower(hex(randomblob(8))) || ?, "
            f"'queued', ?, lower(hex(randomblob(12))) FROM ({select})",
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
                    new_token(),
                )
            )
        self._connection.executemany(
            "INSERT INTO deliveries (dispatch_id, subscriber_id, language, charset, message_id, "
            "state, next_attempt_at, last_reply, bounce_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

    # ---- sending --------------------------------------------------------------------------

    def claim(self, limit: int) -> list[ClaimedDelivery]:
        """Take up to ``limit`` due deliveries into ``sending`` (caller's transaction).

        ``queued`` deliveries are due whatever the clock says (a clock set back after the
        enqueue must not hold an alert back); ``deferred`` ones when their time has come."""
        now = to_iso(self._clock.now())
        # Dispatch by dispatch, oldest first, each through its (dispatch_id, state) index: a
        # single query ordered across all due rows would sort every queued delivery per claim.
        dispatches = self._connection.execute(
            "SELECT id FROM dispatches WHERE status IN ('queued', 'sending') ORDER BY id"
        ).fetchall()
        rows: list[Any] = []
        for (dispatch_id,) in dispatches:
            for condition, params in (
                ("d.state = 'queued'", ()),
                ("d.state = 'deferred' AND d.next_attempt_at <= ?", (now,)),
            ):
                if len(rows) >= limit:
                    break
                rows += self._connection.execute(
                    "SELECT d.id, d.dispatch_id, d.subscriber_id, s.email, d.language, "
                    "d.charset, d.message_id, d.attempts, d.in_doubt, s.status, d.bounce_token "
                    "FROM deliveries d "
                    "JOIN subscribers s ON s.id = d.subscriber_id "
                    f"WHERE d.dispatch_id = ? AND {condition} ORDER BY d.id LIMIT ?",
                    (dispatch_id, *params, limit - len(rows)),
                ).fetchall()
            if len(rows) >= limit:
                break
        claimed, inactive = [], []
        for row in rows:
            if row[9] != "active":
                inactive.append((INACTIVE_REPLY, row[0]))
                continue
            claimed.append(
                ClaimedDelivery(
                    id=row[0],
                    dispatch_id=row[1],
                    subscriber_id=row[2],
                    email=row[3],
                    language=row[4],
                    charset=row[5],
                    message_id=row[6],
                    attempts=row[7] + 1,
                    in_doubt=bool(row[8]),
                    bounce_token=row[10],
                )
            )
        self._connection.execute(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1 "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([c.id for c in claimed]),),
        )
        if inactive:
            self._connection.executemany(
                "UPDATE deliveries SET state = 'failed', last_reply = ? WHERE id = ?", inactive
            )
        dispatch_ids = {c.dispatch_id for c in claimed} | {r[1] for r in rows}
        self._connection.executemany(
            "UPDATE dispatches SET status = 'sending' WHERE id = ? AND status = 'queued'",
            [(d,) for d in dispatch_ids],
        )
        return claimed

    def record(self, results: Iterable[DeliveryResult], retry_delay: Any) -> None:
        """Store what the server said (caller's transaction). ``retry_delay(attempt)`` gives
        the seconds to wait before a deferred delivery is tried again.

        One read for the whole group and one write per kind of change (the dispatcher
        records every 50 results, at several hundred results a second).

        A delivery in doubt for the first time is due again at once (a dropped connection is
        usually over by the next try); one already in doubt is deferred by ``retry_delay``,
        so that a server that stalls on one message does not keep a drain busy forever;
        after :data:`MAX_ATTEMPTS` it fails with the last reply."""
        results = list(results)
        if not results:
            return
        now = self._clock.now()
        stamp = to_iso(now)
        known = {
            row[0]: row[1:]
            for row in self._connection.execute(
                "SELECT id, dispatch_id, subscriber_id, attempts, in_doubt FROM deliveries "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([r.delivery_id for r in results]),),
            )
        }
        sent: list[tuple[Any, ...]] = []
        sent_per_dispatch: dict[int, int] = {}
        accepted_subscribers: list[int] = []
        deferred: list[tuple[Any, ...]] = []
        doubtful: list[tuple[Any, ...]] = []
        doubt_per_dispatch: dict[int, int] = {}
        for result in results:
            row = known.get(result.delivery_id)
            if row is None:  # the subscriber was erased meanwhile
                continue
            dispatch_id, subscriber_id, attempts, was_in_doubt = row
            reply = result.reply[:500]
            if result.outcome == "accepted":
                sent.append((stamp, result.code, reply, result.delivery_id))
                sent_per_dispatch[dispatch_id] = sent_per_dispatch.get(dispatch_id, 0) + 1
                accepted_subscribers.append(subscriber_id)
            elif result.outcome == "failed" or (
                result.outcome in ("deferred", "in_doubt") and attempts >= MAX_ATTEMPTS
            ):
                self._fail(result.delivery_id, dispatch_id, subscriber_id, result, reply)
            elif result.outcome == "deferred":
                due = now + timedelta(seconds=float(retry_delay(attempts)))
                deferred.append((to_iso(due), result.code, reply, result.delivery_id))
            else:  # in doubt: the server may have it; sending again may duplicate it
                state, due = "queued", now
                if was_in_doubt:
                    state, due = "deferred", now + timedelta(seconds=float(retry_delay(attempts)))
                doubtful.append((state, to_iso(due), result.code, reply, result.delivery_id))
                doubt_per_dispatch[dispatch_id] = doubt_per_dispatch.get(dispatch_id, 0) + 1
        if sent:
            self._connection.executemany(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, last_code = ?, "
                "last_reply = ? WHERE id = ?",
                sent,
            )
            self._connection.executemany(
                "UPDATE dispatches SET sent = sent + ?, last_accepted_at = ?, "
                "first_accepted_at = coalesce(first_accepted_at, ?) WHERE id = ?",
                [(n, stamp, stamp, d) for d, n in sent_per_dispatch.items()],
            )
            self._connection.execute(
                "UPDATE subscribers SET hard_failures = 0 WHERE hard_failures > 0 "
                "AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(accepted_subscribers),),
            )
        if deferred:
            self._connection.executemany(
                "UPDATE deliveries SET state = 'deferred', next_attempt_at = ?, "
                "last_code = ?, last_reply = ? WHERE id = ?",
                deferred,
            )
        if doubtful:
            self._connection.executemany(
                "UPDATE deliveries SET state = ?, in_doubt = 1, next_attempt_at = ?, "
                "last_code = ?, last_reply = ? WHERE id = ?",
                doubtful,
            )
            self._connection.executemany(
                "UPDATE dispatches SET resent_in_doubt = resent_in_doubt + ? WHERE id = ?",
                [(n, d) for d, n in doubt_per_dispatch.items()],
            )

    def _fail(
        self,
        delivery_id: int,
        dispatch_id: int,
        subscriber_id: int,
        result: DeliveryResult,
        reply: str,
    ) -> None:
        self._connection.execute(
            "UPDATE deliveries SET state = 'failed', last_code = ?, last_reply = ? WHERE id = ?",
            (result.code, reply, delivery_id),
        )
        self._connection.execute(
            "UPDATE dispatches SET failed = failed + 1 WHERE id = ?", (dispatch_id,)
        )
        if result.code is not None and 500 <= result.code < 600:
            self._connection.execute(
                "UPDATE subscribers SET hard_failures = hard_failures + 1, "
                "status = CASE WHEN hard_failures + 1 >= ? AND status = 'active' "
                "THEN 'suspended' ELSE status END WHERE id = ?",
                (SUSPEND_AFTER_HARD_FAILURES, subscriber_id),
            )

    def release(self, delivery_ids: Iterable[int]) -> None:
        """Claimed but never attempted (a stop, a relay that could not be reached): back to
        the queue, not in doubt, the attempt not counted."""
        self._connection.executemany(
            "UPDATE deliveries SET state = 'queued', attempts = attempts - 1 "
            "WHERE id = ? AND state = 'sending'",
            [(i,) for i in delivery_ids],
        )

    def requeue_failed(self, dispatch_id: int) -> int:
        """Put a finished dispatch's failed deliveries back in the queue (caller's
        transaction); returns how many. Used by "resend failed deliveries".

        Requeued: a failed delivery whose subscriber is still **active** and whose last reply
        was temporary — a 4xx code given up after :data:`MAX_ATTEMPTS`, or no code at all
        (the connection was lost, the delivery stayed in doubt). Not requeued: a 5xx refusal
        (the server said the address does not work; sending again only bounces again and
        counts towards suspension), and what the outbox itself decided not to send
        (superseded in quiet hours, subscriber no longer active: replies starting "not
        sent:"). A cancelled dispatch is never reopened.

        Each requeued delivery keeps its Message-ID (a recipient who got it after all sees a
        duplicate of the same mail), its attempts start again from zero and it is taken out of
        the dispatch's ``failed`` count; the dispatch goes back to ``queued``."""
        status = self._connection.execute(
            "SELECT status FROM dispatches WHERE id = ?", (dispatch_id,)
        ).fetchone()
        if status is None or status[0] == "cancelled":
            return 0
        ids = [
            row[0]
            for row in self._connection.execute(
                "SELECT d.id FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
                "WHERE d.dispatch_id = ? AND d.state = 'failed' AND s.status = 'active' "
                "AND (d.last_code IS NULL OR (d.last_code >= 400 AND d.last_code < 500)) "
                "AND coalesce(d.last_reply, '') NOT LIKE 'not sent:%' ORDER BY d.id",
                (dispatch_id,),
            )
        ]
        if not ids:
            return 0
        stamp = to_iso(self._clock.now())
        self._connection.executemany(
            "UPDATE deliveries SET state = 'queued', attempts = 0, next_attempt_at = ? "
            "WHERE id = ?",
            [(stamp, i) for i in ids],
        )
        self._connection.execute(
            "UPDATE dispatches SET status = 'queued', finished_at = NULL, "
            "failed = max(0, failed - ?) WHERE id = ?",
            (len(ids), dispatch_id),
        )
        log.info("dispatch %d: %d failed deliveries queued again", dispatch_id, len(ids))
        return len(ids)

    def finish_completed_dispatches(self) -> list[int]:
        """Mark dispatches with nothing left to send as done; returns their ids."""
        rows = self._connection.execute(
            "SELECT p.id FROM dispatches p WHERE p.status IN ('queued', 'sending') AND NOT EXISTS "
            "(SELECT 1 FROM deliveries d WHERE d.dispatch_id = p.id "
            "AND d.state IN ('queued', 'sending', 'deferred'))"
        ).fetchall()
        stamp = to_iso(self._clock.now())
        self._connection.executemany(
            "UPDATE dispatches SET status = 'done', finished_at = ? WHERE id = ?",
            [(stamp, row[0]) for row in rows],
        )
        return [row[0] for row in rows]

    def recover_interrupted(self) -> int:
        """After a crash: every ``sending`` delivery goes back to the queue, in doubt."""
        rows = self._connection.execute(
            "SELECT dispatch_id, count(*) FROM deliveries WHERE state = 'sending' "
            "GROUP BY dispatch_id"
        ).fetchall()
        self._connection.execute(
            "UPDATE deliveries SET state = 'queued', in_doubt = 1 WHERE state = 'sending'"
        )
        self._connection.executemany(
            "UPDATE dispatches SET resent_in_doubt = resent_in_doubt + ? WHERE id = ?",
            [(count, dispatch_id) for dispatch_id, count in rows],
        )
        total = int(sum(count for _, count in rows))
        if total:
            log.warning("%d deliveries were being sent at a crash; they will be sent again", total)
        return total

    def next_due(self) -> datetime | None:
        row = self._connection.execute(
            "SELECT min(next_attempt_at) FROM deliveries WHERE state IN ('queued', 'deferred')"
        ).fetchone()
        return from_iso(row[0]) if row and row[0] else None

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
