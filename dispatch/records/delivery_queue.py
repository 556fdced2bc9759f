"""The delivery queue: each delivery's way from ``queued`` to ``sent`` or ``failed`` once the
outbox (:mod:`dispatch.records.outbox`) has enqueued it — claiming what is due, recording what
the server replied, releasing, requeuing and recovering after a crash.

Each delivery (one subscriber of one dispatch) has a fixed Message-ID and a state:

    queued ──claim──▶ sending ──250──▶ sent
       ▲                 │──4xx──▶ deferred ──(due again)──▶ claimed again
       │                 │──5xx──▶ failed (at RCPT: counted as a hard bounce, records.bounces)
       └──in doubt───────┘  (connection lost after DATA, or a crash while sending)

On restart every ``sending`` row goes back to ``queued`` marked *in doubt*: the server may have
accepted it before the reply was lost, so sending it again may make a duplicate. Those are
counted per dispatch (``resent_in_doubt``) — never a loss.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dispatch.base.clock import Clock, from_iso, to_iso
from dispatch.mail.bounces import reply_status
from dispatch.records.bounces import BounceBook, bounce_rules
from dispatch.store.database import Connection

log = logging.getLogger(__name__)

#: A deferred delivery is given up after this many attempts (4xx for about a day).
MAX_ATTEMPTS = 12
INACTIVE_REPLY = "not sent: the subscriber was no longer active"


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
    #: The relay refused the address itself (at RCPT), not the message.
    at_rcpt: bool = False


class DeliveryQueue:
    """The deliveries' states on one connection (the sending side of
    :class:`dispatch.records.outbox.Outbox`, which adds the enqueueing). Methods that write
    expect the caller's transaction unless they say otherwise."""

    def __init__(self, connection: Connection, clock: Clock) -> None:
        self._connection = connection
        self._clock = clock

    # ---- sending --------------------------------------------------------------------------

    def claim(self, limit: int, *, with_tokens: bool = False) -> list[ClaimedDelivery]:
        """Take up to ``limit`` due deliveries into ``sending`` (caller's transaction);
        ``with_tokens``: each without a bounce token gets one of its own (individual mode,
        where every message has its own ``MAIL FROM``; a batch envelope's is issued by the
        sender for its members).

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
        active = [row for row in rows if row[9] == "active"]
        inactive = [(INACTIVE_REPLY, row[0]) for row in rows if row[9] != "active"]
        # The token is made here, in the row the claim rewrites anyway, and not when the
        # alert is enqueued: 100,000 random keys put into the token index in the alert's
        # own transaction delay its first mail by about 0.1 s (bench_dispatch's headline).
        # The same 96 random bits as new_token().
        new_tokens = (
            ", bounce_token = coalesce(bounce_token, lower(hex(randomblob(12))))"
            if with_tokens
            else ""
        )
        tokens = dict(
            self._connection.execute(
                f"UPDATE deliveries SET state = 'sending', attempts = attempts + 1{new_tokens} "
                "WHERE id IN (SELECT value FROM json_each(?)) RETURNING id, bounce_token",
                (json.dumps([row[0] for row in active]),),
            ).fetchall()
        )
        claimed = [
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
                bounce_token=tokens[row[0]],
            )
            for row in active
        ]
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
        # The relay refused the address itself (5xx at RCPT): a hard bounce, counted by the
        # same rule as one from the bounce mailbox. A refused message or sender (5xx at MAIL
        # or after the data) says nothing about the address and counts against nobody.
        if result.code is not None and 500 <= result.code < 600 and result.at_rcpt:
            book = BounceBook(self._connection, self._clock)
            status = reply_status(result.code, result.reply)
            book.refused_by_relay(delivery_id, status, bounce_rules(self._connection))

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
        """Mark dispatches with nothing left to send as done; returns the ids of those done
        for the first time. One reopened by a soft bounce's resend keeps its first
        ``finished_at`` and is not returned again (its "done" was announced already)."""
        rows = self._connection.execute(
            "SELECT p.id, p.finished_at FROM dispatches p WHERE p.status IN ('queued', 'sending') "
            "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.dispatch_id = p.id "
            "AND d.state IN ('queued', 'sending', 'deferred'))"
        ).fetchall()
        stamp = to_iso(self._clock.now())
        self._connection.executemany(
            "UPDATE dispatches SET status = 'done', finished_at = coalesce(finished_at, ?) "
            "WHERE id = ?",
            [(stamp, row[0]) for row in rows],
        )
        return [row[0] for row in rows if row[1] is None]

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
