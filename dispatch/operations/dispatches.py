"""Dispatches as staff see them: the list, the ones still running, one with its failures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from dispatch.base.clock import to_iso
from dispatch.base.errors import NotFound
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.dispatch_log import DispatchLog, DispatchSummary
from dispatch.records.settings import get_setting


def _log(session: Session) -> DispatchLog:
    return DispatchLog(session.connection)


@operation(Permission.READ_STATISTICS, "dispatch.list")
def list_dispatches(
    session: Session,
    *,
    limit: int = 100,
    before_id: int | None = None,
    sort: str | None = None,
    descending: bool = True,
    offset: int = 0,
) -> list[DispatchSummary]:
    """Newest first; ``before_id`` continues a page (keyset, so a page costs the same at any
    depth). With ``sort`` (a key of ``DISPATCH_SORTABLE``) the whole list is ordered by that
    column and ``offset`` pages through it."""
    if sort is not None:
        return _log(session).list_dispatches(
            limit=limit, sort=sort, descending=descending, offset=offset
        )
    if before_id is None:
        return _log(session).list_dispatches(limit=limit)
    return _log(session).list_dispatches(limit=limit, where="p.id < ?", params=(before_id,))


@operation(None, "dashboard.view")
def running_dispatches(session: Session) -> list[DispatchSummary]:
    return _log(session).list_dispatches(
        limit=50, where="p.status IN ('queued', 'sending', 'paused')"
    )


@operation(Permission.READ_STATISTICS, "dispatch.show", target="dispatch:{dispatch_id}")
def show_dispatch(
    session: Session, dispatch_id: int
) -> tuple[DispatchSummary, list[dict[str, object]]]:
    """One dispatch and its failed or bounced deliveries (subscriber ids, never addresses)."""
    summary = _log(session).summary(dispatch_id)
    if summary is None:
        raise NotFound(f"There is no dispatch {dispatch_id}.")
    failures: list[dict[str, object]] = [
        {"delivery": f[0], "subscriber": f[1], "code": f[2], "reply": f[3]}
        for f in _log(session).failures(dispatch_id)
    ]
    # Accepted by the relay, then bounced by the carrier (the bounce mailbox).
    failures += [
        {"delivery": b[0], "subscriber": b[1], "code": None, "reply": f"bounced: {b[2]}"}
        for b in _log(session).bounced(dispatch_id)
    ]
    return summary, failures


@operation(Permission.READ_STATISTICS, "dispatch.show", target="dispatch:{dispatch_id}")
def dispatch_failures(session: Session, dispatch_id: int) -> list[tuple[int, int, int | None, str]]:
    """(delivery, subscriber id, SMTP code, reply) of each failed delivery."""
    return _log(session).failures(dispatch_id)


@operation(Permission.READ_STATISTICS, "dispatch.show", target="dispatch:{dispatch_id}")
def dispatch_bounces(session: Session, dispatch_id: int) -> list[tuple[int, int, str]]:
    """(delivery, subscriber id, what bounced: e.g. ``hard 5.1.1``) of each delivery the relay
    accepted and a carrier bounced afterwards (the bounce mailbox)."""
    return _log(session).bounced(dispatch_id)


@operation(Permission.READ_SUBSCRIBERS, "subscriber.list")
def subscriber_bounces(
    session: Session, subscriber_ids: Sequence[int]
) -> tuple[int, dict[int, tuple[int, int]]]:
    """The days counted (``bounces.window_days``) and, per subscriber of ``subscriber_ids``,
    the (hard, soft) bounces received in them: the hard ones are what suspends
    (``bounces.suspend_after``)."""
    days = int(get_setting(session.connection, "bounces.window_days"))
    since = to_iso(session.clock.now() - timedelta(days=days))
    return days, _log(session).bounce_counts(subscriber_ids, since)


@operation(None, "dispatch.progress", target="dispatch:{dispatch_id}")
def dispatch_progress(session: Session, dispatch_id: int) -> DispatchSummary | None:
    """How far one dispatch has got (the manual-alert page follows the alert it sent)."""
    return _log(session).summary(dispatch_id)
