"""Dispatches as staff see them: the list, the ones still running, one with its failures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import NotFound
from dispatch.base.vocabulary import Charset
from dispatch.engine.dispatch_mail import render_dispatch
from dispatch.mail.message import MessageContent, Mode
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.bounces import CarrierFigures, carrier_figures
from dispatch.records.dispatch_log import DispatchLog, DispatchSummary
from dispatch.records.manual_alerts import ManualAlertRepository
from dispatch.records.settings import get_setting, office_profile
from dispatch.store.database import like_contains
from dispatch.wording.office_templates import office_library


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
    kind: str | None = None,
    search: str = "",
) -> list[DispatchSummary]:
    """Newest first; ``before_id`` continues a page (keyset, so a page costs the same at any
    depth). With ``sort`` (a key of ``DISPATCH_SORTABLE``) the whole list is ordered by that
    column and ``offset`` pages through it. ``kind`` (alert, manual, test) and ``search`` (in
    the subject) narrow it."""
    conditions, params = _filter(kind, search)
    if sort is not None:
        return _log(session).list_dispatches(
            limit=limit,
            sort=sort,
            descending=descending,
            offset=offset,
            where=" AND ".join(conditions),
            params=params,
        )
    if before_id is not None:
        conditions.append("p.id < ?")
        params.append(before_id)
    return _log(session).list_dispatches(limit=limit, where=" AND ".join(conditions), params=params)


def _filter(kind: str | None, search: str) -> tuple[list[str], list[object]]:
    conditions: list[str] = ["1"]
    params: list[object] = []
    if kind:
        conditions.append("p.kind = ?")
        params.append(kind)
    if search.strip():
        conditions.append("p.subject LIKE ? ESCAPE '\\'")
        params.append(like_contains(search.strip()))
    return conditions, params


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


@dataclass(frozen=True)
class DispatchDetail:
    """One dispatch as the history's detail shows it: the mail as sent in each language, how
    many got each language, and for a manual alert who wrote and who approved it."""

    summary: DispatchSummary
    by_language: dict[str, int]
    #: The mail per language (the subscriber's own link shown as its slot).
    mails: dict[str, MessageContent]
    author: str | None = None
    approver: str | None = None
    emergency: bool = False


@operation(Permission.READ_STATISTICS, "dispatch.show", target="dispatch:{dispatch_id}")
def dispatch_detail(session: Session, dispatch_id: int) -> DispatchDetail:
    """The mail as it went out, per language, with the approval behind a manual alert."""
    connection = session.connection
    summary = _log(session).summary(dispatch_id)
    if summary is None:
        raise NotFound(f"There is no dispatch {dispatch_id}.")
    by_language = _log(session).languages(dispatch_id)
    office = office_profile(connection)
    sent_at = from_iso(summary.first_accepted_at or summary.created_at).astimezone(TOKYO)
    mails = {}
    library = office_library(session.store.data_dir)
    for language in by_language or {"ja": 0}:
        try:
            mails[language] = render_dispatch(
                connection,
                dispatch_id,
                language,
                Charset.UTF8,
                office=office,
                mode=Mode(summary.mode),
                library=library,
                clock=session.clock,
                date=sent_at,
            )
        except LookupError:  # a test dispatch, or an alert purged by retention
            break
    manual = ManualAlertRepository(connection).by_dispatch(dispatch_id)
    if manual is None:
        return DispatchDetail(summary, by_language, mails)
    return DispatchDetail(
        summary, by_language, mails, manual.author, manual.approver, manual.emergency
    )


@operation(Permission.READ_STATISTICS, "dispatch.show", target="dispatch:{dispatch_id}")
def dispatch_carriers(session: Session, dispatch_id: int) -> list[CarrierFigures]:
    """One dispatch's delivery figures per carrier group (counts and seconds, no address)."""
    return carrier_figures(session.connection, "", "", dispatch_id=dispatch_id)


@dataclass(frozen=True)
class AcceptanceCurve:
    """How a large dispatch's acceptances came over time (the statistics' chart)."""

    summary: DispatchSummary
    #: Seconds from the detection at which each acceptance came, in order.
    seconds: list[float]


@operation(Permission.READ_STATISTICS, "statistics.read")
def latest_acceptance_curve(session: Session, at_least: int = 100) -> AcceptanceCurve | None:
    """The acceptances of the newest dispatch to at least ``at_least`` recipients, over time;
    ``None`` when there is none yet."""
    summary = _log(session).latest_large(at_least)
    if summary is None:
        return None
    return AcceptanceCurve(summary, _log(session).acceptance_seconds(summary.id))


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
