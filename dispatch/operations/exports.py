"""Personal data leaves the store only with a second person's approval (001 特記事項 6;
受託 運用 3: 事前に区の承認).

An operator asks (:func:`request_subscriber_export`: why, which columns, which subscribers); an
administrator — never the requester — approves or refuses it, seeing the request and how many
rows it would write but no address; the requester runs the approved export once, within
``export.valid_hours``. The file is the same AES-256 ZIP as before; the audit log and the
handling report name the requester and the approver, the row count and the file's SHA-256.

Audit-log exports stay with the auditor alone: the log names subscribers by id only, never by
address, so it carries no personal data to approve.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

from dispatch.base.errors import Conflict, PermissionDenied, ValidationError
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.export_requests import ExportRequest, ExportRequests
from dispatch.records.settings import get_setting
from dispatch.records.subscriber_export import EXPORT_HEADERS, write_encrypted_export
from dispatch.records.subscriber_queries import SubscriberQuery
from dispatch.records.subscriber_table import SubscriberRepository
from dispatch.records.subscribers import TOPIC_NAMES

__all__ = [
    "EXPORT_HEADERS",
    "approve_export",
    "export_requests",
    "my_runnable_export",
    "refuse_export",
    "request_subscriber_export",
    "run_subscriber_export",
]


def _checked_filter(query: SubscriberQuery) -> dict[str, str]:
    if query.topic is not None and query.topic not in TOPIC_NAMES:
        raise ValidationError(
            f"Unknown topic {query.topic!r}; choose from {', '.join(TOPIC_NAMES)}."
        )
    return query.as_filter()


@operation(Permission.EXPORT_SUBSCRIBERS, "export.request")
def request_subscriber_export(
    session: Session,
    reason: str,
    query: SubscriberQuery | None = None,
    columns: tuple[str, ...] = EXPORT_HEADERS,
) -> ExportRequest:
    """Ask for an export; it can run once a second person has approved it."""
    reason = " ".join(reason.split())
    if len(reason) < 4:
        raise ValidationError(
            "Say why the data must leave the store (at least a few words): the approver and "
            "the handling report read it."
        )
    unknown = [c for c in columns if c not in EXPORT_HEADERS]
    if unknown or not columns:
        raise ValidationError(
            f"Unknown export column(s) {', '.join(unknown) or '(none given)'}; choose from "
            f"{', '.join(EXPORT_HEADERS)}."
        )
    query = query or SubscriberQuery()
    wanted = _checked_filter(query)
    requests = ExportRequests(session.connection)
    with session.audited(
        "export.request", columns=list(columns), reason=reason, **query.audit_detail()
    ) as detail:
        request_id = requests.add(
            session.account.name, reason, tuple(columns), wanted, session.clock.now()
        )
        detail["request"] = request_id
    return requests.get(request_id)


@operation(Permission.APPROVE_EXPORTS, "export.list", also=(Permission.EXPORT_SUBSCRIBERS,))
def export_requests(session: Session, limit: int = 50) -> list[tuple[ExportRequest, int]]:
    """Recent requests with the rows each would write now (no address is read out)."""
    repository = SubscriberRepository(session.connection)
    listed = []
    for request in ExportRequests(session.connection).listing(limit):
        waiting = request.status in ("requested", "approved")
        rows = (
            repository.count(SubscriberQuery.from_filter(request.filter))
            if waiting
            else request.rows or 0
        )
        listed.append((request, rows))
    return listed


@operation(Permission.EXPORT_SUBSCRIBERS, "export.list")
def my_runnable_export(session: Session) -> ExportRequest | None:
    """This person's newest approved export that may still run, if any."""
    now = session.clock.now()
    for request in ExportRequests(session.connection).listing():
        if (
            request.requester == session.account.name
            and request.status == "approved"
            and not request.expired(now)
        ):
            return request
    return None


def _decide(session: Session, request_id: int, approve: bool) -> ExportRequest:
    requests = ExportRequests(session.connection)
    request = requests.get(request_id)
    action = "export.approve" if approve else "export.refuse"
    target = f"export_request:{request_id}"
    if request.requester == session.account.name:
        session.audit_log.append(
            session.account.name, action, target=target, outcome="denied: own request"
        )
        raise PermissionDenied(
            "You asked for this export yourself; a second staff member must approve it."
        )
    hours = int(get_setting(session.connection, "export.valid_hours"))
    now = session.clock.now()
    with session.audited(action, target, requester=request.requester):
        requests.decide(
            request_id, session.account.name, approve, now, now + timedelta(hours=hours)
        )
    return requests.get(request_id)


@operation(Permission.APPROVE_EXPORTS, "export.approve", target="export_request:{request_id}")
def approve_export(session: Session, request_id: int) -> ExportRequest:
    return _decide(session, request_id, True)


@operation(Permission.APPROVE_EXPORTS, "export.refuse", target="export_request:{request_id}")
def refuse_export(session: Session, request_id: int) -> ExportRequest:
    return _decide(session, request_id, False)


def _why_not_runnable(request: ExportRequest, account: str, now: datetime) -> str | None:
    number = f"Export request {request.id}"
    if request.requester != account:
        return f"{number} is {request.requester}'s; ask for your own."
    if request.status == "requested":
        return f"{number} is not approved yet; a second staff member must approve it."
    if request.status == "refused":
        return f"{number} was refused by {request.decided_by}."
    if request.status == "used":
        return f"{number} was used already ({request.used_at}); ask for a new one."
    if request.expired(now):
        return f"The approval of {number.lower()} expired at {request.expires_at}; ask again."
    return None


@operation(Permission.EXPORT_SUBSCRIBERS, "subscriber.export", target="export_request:{request_id}")
def run_subscriber_export(session: Session, request_id: int, out: Path) -> tuple[str, int]:
    """Write the approved export as an encrypted ZIP; returns the password (show it once) and
    the row count. Only the requester, once, before the approval expires."""
    requests = ExportRequests(session.connection)
    request = requests.get(request_id)
    now = session.clock.now()
    problem = _why_not_runnable(request, session.account.name, now)
    if problem is not None:
        session.audit_log.append(
            session.account.name,
            "subscriber.export",
            target=f"export_request:{request_id}",
            outcome="refused",
        )
        raise Conflict(problem)
    query = SubscriberQuery.from_filter(request.filter)
    subscribers = SubscriberRepository(session.connection).iter_search(query)
    with session.audited(
        "subscriber.export", f"export_request:{request_id}",
        requester=request.requester, approver=request.decided_by, file=out.name,
        reason=request.reason, columns=list(request.columns), **query.audit_detail(),
    ) as detail:  # fmt: skip
        password, count = write_encrypted_export(out, subscribers, request.columns)
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        try:
            requests.mark_used(request_id, now, count, digest)
        except Conflict:  # used meanwhile by another window: this file must not stay
            out.unlink(missing_ok=True)
            raise
        detail.update(rows=count, sha256=digest)
    return password, count
