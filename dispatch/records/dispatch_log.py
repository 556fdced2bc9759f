"""What was sent, read back: each dispatch with its counts, its failed deliveries, and the log
of telegrams received. Reading only; the outbox (:mod:`dispatch.records.outbox`) writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from dispatch.base.clock import from_iso
from dispatch.base.errors import ValidationError
from dispatch.store.database import Connection

#: The reply recorded on a delivery held in quiet hours and then dropped: a later alert of the
#: same chain superseded the advisory before the quiet hours ended (``Outbox`` writes it).
SUPERSEDED_REPLY = "not sent: superseded by a later alert before its quiet hours ended"


@dataclass(frozen=True)
class DispatchSummary:
    id: int
    kind: str
    alert_key: str | None
    subject: str
    mode: str
    status: str
    created_at: str
    jma_report_at: str | None
    detected_at: str | None
    first_accepted_at: str | None
    last_accepted_at: str | None
    finished_at: str | None
    total: int
    sent: int
    failed: int
    resent_in_doubt: int
    queued: int
    sending: int
    deferred: int
    #: Accepted by the relay, then bounced back (the bounce mailbox): hard, soft given up.
    bounced_hard: int = 0
    bounced_soft: int = 0
    #: Of ``failed``: held in quiet hours, then not sent because a later alert superseded the
    #: advisory before they ended (on purpose, not a failure of the relay or the address).
    superseded: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: What the dispatch list may be ordered by: key → SQL (a header click in the history).
DISPATCH_SORTABLE = {
    "id": "p.id",
    "kind": "p.kind",
    "subject": "p.subject",
    "status": "p.status",
    "jma_report_at": "p.jma_report_at",
    "detected_at": "coalesce(p.detected_at, p.created_at)",
    "first_accepted_at": "p.first_accepted_at",
    "last_accepted_at": "p.last_accepted_at",
    "total": "p.total",
    "sent": "p.sent",
    "failed": "p.failed",
}


class DispatchLog:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def summary(self, dispatch_id: int) -> DispatchSummary | None:
        found = self.list_dispatches(where="p.id = ?", params=(dispatch_id,))
        return found[0] if found else None

    def list_dispatches(
        self,
        *,
        limit: int = 50,
        where: str = "1",
        params: Sequence[Any] = (),
        sort: str = "id",
        descending: bool = True,
        offset: int = 0,
    ) -> list[DispatchSummary]:
        """Newest first by default; ``sort`` is a key of :data:`DISPATCH_SORTABLE` (the SQL
        comes from that whitelist, never from the caller), ``p.id`` breaks ties."""
        if sort not in DISPATCH_SORTABLE:
            raise ValidationError(f"Dispatches cannot be sorted by {sort!r}.")
        way = " DESC" if descending else ""
        order = f"{DISPATCH_SORTABLE[sort]}{way}, p.id{way}"
        rows = self._connection.execute(
            "SELECT p.id, p.kind, p.alert_key, p.subject, p.mode, p.status, p.created_at, "
            "p.jma_report_at, p.detected_at, p.first_accepted_at, p.last_accepted_at, "
            "p.finished_at, p.total, p.sent, p.failed, p.resent_in_doubt, "
            "(SELECT count(*) FROM deliveries d WHERE d.dispatch_id = p.id AND d.state = 'queued'),"
            " (SELECT count(*) FROM deliveries d WHERE d.dispatch_id = p.id "
            "AND d.state = 'sending'), (SELECT count(*) FROM deliveries d "
            "WHERE d.dispatch_id = p.id AND d.state = 'deferred'), "
            "(SELECT count(DISTINCT b.delivery_id) FROM bounces b WHERE b.dispatch_id = p.id "
            "AND b.kind = 'hard' AND b.source != 'relay'), "
            "(SELECT count(*) FROM bounces b WHERE b.dispatch_id = p.id AND b.kind = 'soft'), "
            "(SELECT count(*) FROM deliveries d WHERE d.dispatch_id = p.id "
            "AND d.state = 'failed' AND d.last_reply = ?) "
            f"FROM dispatches p WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
            (SUPERSEDED_REPLY, *params, limit, offset),
        ).fetchall()
        return [DispatchSummary(*row) for row in rows]

    def acceptance_seconds(self, dispatch_id: int) -> list[float]:
        """When each delivery the relay accepted was accepted, in seconds from the detection of
        the alert (the dispatch's creation for a manual one), in order."""
        rows = self._connection.execute(
            "SELECT d.sent_at, coalesce(p.detected_at, p.created_at) FROM deliveries d "
            "JOIN dispatches p ON p.id = d.dispatch_id "
            "WHERE d.dispatch_id = ? AND d.state = 'sent' AND d.sent_at IS NOT NULL",
            (dispatch_id,),
        )
        return sorted(
            (from_iso(sent) - from_iso(detected)).total_seconds() for sent, detected in rows
        )

    def latest_large(self, at_least: int) -> DispatchSummary | None:
        """The newest dispatch to at least ``at_least`` recipients."""
        found = self.list_dispatches(limit=1, where="p.total >= ?", params=(at_least,))
        return found[0] if found else None

    def languages(self, dispatch_id: int) -> dict[str, int]:
        """How many deliveries of the dispatch went in each language."""
        rows = self._connection.execute(
            "SELECT language, count(*) FROM deliveries WHERE dispatch_id = ? GROUP BY language "
            "ORDER BY count(*) DESC",
            (dispatch_id,),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    def failures(self, dispatch_id: int) -> list[tuple[int, int, int | None, str]]:
        """(delivery id, subscriber id, SMTP code, reply) of the failed deliveries."""
        rows = self._connection.execute(
            "SELECT id, subscriber_id, last_code, last_reply FROM deliveries "
            "WHERE dispatch_id = ? AND state = 'failed' ORDER BY id",
            (dispatch_id,),
        )
        return [tuple(row) for row in rows]

    def bounced(self, dispatch_id: int) -> list[tuple[int, int, str]]:
        """(delivery id, subscriber id, what bounced: e.g. ``hard 5.1.1``) of the deliveries
        the relay accepted and a carrier bounced afterwards."""
        rows = self._connection.execute(
            "SELECT id, subscriber_id, bounced FROM deliveries "
            "WHERE dispatch_id = ? AND bounced != '' ORDER BY id",
            (dispatch_id,),
        )
        return [tuple(row) for row in rows]

    def bounce_counts(
        self, subscriber_ids: Sequence[int], since: str
    ) -> dict[int, tuple[int, int]]:
        """(hard, soft) bounces received since ``since`` per subscriber of ``subscriber_ids``
        (forged bounces are not counted: they are tied to nobody). Hard ones as the suspension
        rule counts them: one per delivery, an address the relay refused at once included."""
        if not subscriber_ids:
            return {}
        marks = ", ".join("?" * len(subscriber_ids))
        rows = self._connection.execute(
            "SELECT subscriber_id, count(DISTINCT CASE WHEN kind = 'hard' THEN delivery_id END), "
            "sum(kind = 'soft') FROM bounces "
            f"WHERE subscriber_id IN ({marks}) AND received_at >= ? AND kind != 'forged' "
            "GROUP BY subscriber_id",
            (*subscriber_ids, since),
        )
        return {row[0]: (int(row[1]), int(row[2])) for row in rows}

    def telegram_log(self) -> tuple[int, str | None, str | None]:
        """How many telegrams were received, when the last one came, and its title."""
        count, last = self._connection.execute(
            "SELECT count(*), max(received_at) FROM telegrams"
        ).fetchone()
        title = None
        if last:
            row = self._connection.execute(
                "SELECT title FROM telegrams WHERE received_at = ? LIMIT 1", (last,)
            ).fetchone()
            title = row[0] if row else None
        return int(count), last, title

    def alert_place(self, dedupe_key: str) -> tuple[str | None, str | None] | None:
        """The area and JMA report time of a recorded alert; ``None`` if it was never recorded."""
        row = self._connection.execute(
            "SELECT area_name, report_datetime FROM alerts WHERE dedupe_key = ?", (dedupe_key,)
        ).fetchone()
        return (row[0], row[1]) if row else None
