"""Manual alerts leaving the office: the second officer's approval, the send to residents
(now, or scheduled), and the mails around them — a test send to the officer's own staff
contacts, and the attachment's password in a mail of its own (R3.4, R4.5).

The life of an alert and its rules (content hash, two-person rule, the single-person emergency
path) are described in :mod:`dispatch.operations.manual_alerts`, which holds the drafting
steps (compose, edit, preview, submit, cancel) and the types a caller passes in.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from email.message import EmailMessage

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import Conflict, PermissionDenied, ValidationError
from dispatch.base.vocabulary import Charset
from dispatch.engine.relay import outgoing
from dispatch.mail.message import (
    Envelope,
    MessageTemplate,
    Mode,
    check_address,
    kishomail_message_id,
)
from dispatch.mail.smtp import MailTransport
from dispatch.operations.declare import operation
from dispatch.operations.manual_alerts import office_from
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.manual_alerts import AlertStatus, ManualAlert, ManualAlertRepository
from dispatch.records.manual_alerts import audit_detail as _hash_detail
from dispatch.records.manual_alerts import check_sendable as _check_sendable
from dispatch.records.manual_alerts import dispatch_total as _dispatch_total
from dispatch.records.manual_alerts import enqueue_alert as _enqueue
from dispatch.records.manual_alerts import office_domain as _domain
from dispatch.records.settings import get_setting
from dispatch.records.staff_contacts import StaffContacts, require_contacts
from dispatch.store.database import transaction
from dispatch.wording.manual_alerts import EMERGENCY_MARK, render_manual
from dispatch.wording.manual_alerts import tokyo_time as _tokyo

log = logging.getLogger(__name__)


def _repo(session: Session) -> ManualAlertRepository:
    return ManualAlertRepository(session.connection)


# ---- approval and sending to residents ---------------------------------------------------


@operation(Permission.APPROVE_ALERTS, "alert.approve", target="alert:{alert_id}")
def approve(
    session: Session, alert_id: int, *, seen_hash: str | None = None, seen_count: int | None = None
) -> ManualAlert:
    """The second officer's check of recipients, content and attachment (R3.4).

    ``seen_hash``/``seen_count`` are what the approver was shown: if the content or the
    audience changed since, the approval is refused."""
    target = f"alert:{alert_id}"
    repo = _repo(session)
    alert = repo.get(alert_id)
    if alert.status is not AlertStatus.SUBMITTED:
        raise Conflict(
            f"Alert {alert_id} is {alert.status}; only a submitted alert can be approved "
            "(the author submits it with 'kishomail alert submit')."
        )
    if alert.author == session.account.name:
        session.audit_log.append(
            session.account.name,
            "alert.approve",
            target=target,
            outcome="denied: own alert",
            detail=_hash_detail(alert),
        )
        raise PermissionDenied(
            "You wrote this alert, so you cannot approve it: a second duty officer must check "
            "recipients, content and attachments (two-person rule)."
        )
    if seen_hash is not None and seen_hash != alert.content_hash:
        raise Conflict(
            f"Alert {alert_id} changed after you looked at it; preview it again and approve "
            "what you have seen."
        )
    count = sum(repo.count_audience(alert.audience).values())
    if seen_count is not None and seen_count != count:
        raise Conflict(
            f"The audience is now {count} subscribers, not the {seen_count} you saw; preview "
            "it again and approve what you have seen."
        )
    if repo.stored_hash(alert_id) != alert.content_hash:
        raise Conflict(
            f"Alert {alert_id}'s stored content does not match its hash; do not send "
            "it — compose it again and report this to an administrator."
        )
    now = session.clock.now()
    status = AlertStatus.APPROVED
    if alert.send_at is not None and from_iso(alert.send_at) > now:
        status = AlertStatus.SCHEDULED
    with session.audited(
        "alert.approve",
        target,
        **_hash_detail(
            alert,
            author=alert.author,
            audience_count=count,
            status=str(status),
            send_at=alert.send_at,
        ),
    ):
        # Guarded by what was approved: a change that landed after the checks above (an
        # edit, a resubmission, any rewrite of the row) leaves no row to update.
        updated = session.connection.execute(
            "UPDATE manual_alerts SET status = ?, approver = ?, approved_at = ?, "
            "approved_hash = ?, approved_audience = ? WHERE id = ? AND status = 'submitted' "
            "AND content_hash = ? AND revision = ?",
            (
                str(status),
                session.account.name,
                to_iso(now),
                alert.content_hash,
                count,
                alert_id,
                alert.content_hash,
                alert.revision,
            ),
        ).rowcount
        if updated != 1 or repo.stored_hash(alert_id) != alert.content_hash:
            raise Conflict(
                f"Alert {alert_id} changed while you were approving it; it was not approved. "
                "Preview it again and approve what you have seen."
            )
    return repo.get(alert_id)


@operation(Permission.SEND_ALERTS, "alert.send", target="alert:{alert_id}")
def send(session: Session, alert_id: int, *, emergency: bool = False) -> ManualAlert:
    """Send an approved alert now (or schedule it when its time is in the future).

    ``emergency``: the single-person path, only when an administrator has turned on
    ``alerts.single_person_emergency``."""
    target = f"alert:{alert_id}"
    connection = session.connection
    repo = _repo(session)
    alert = repo.get(alert_id)
    now = session.clock.now()
    if emergency:
        if not get_setting(connection, "alerts.single_person_emergency"):
            session.audit_log.append(
                session.account.name,
                "alert.send",
                target=target,
                outcome="denied: emergency path off",
                detail=_hash_detail(alert),
            )
            raise PermissionDenied(
                "The single-person emergency path is off. Ask a second duty officer to approve "
                "('kishomail alert approve'), or an administrator to turn on "
                "alerts.single_person_emergency."
            )
        if alert.status not in (AlertStatus.DRAFT, AlertStatus.SUBMITTED, AlertStatus.APPROVED):
            raise Conflict(f"Alert {alert_id} is {alert.status}; it cannot be sent.")
    elif alert.status is AlertStatus.SCHEDULED:
        raise Conflict(
            f"Alert {alert_id} is scheduled for {_tokyo(alert.send_at or '')} and will go out "
            "then by itself; to send it earlier, edit its time (it then needs approval again)."
        )
    elif alert.status is not AlertStatus.APPROVED:
        raise Conflict(
            f"Alert {alert_id} is {alert.status}; it goes out only after a second duty officer "
            "has approved it."
        )
    if not emergency:
        _check_sendable(connection, alert)  # again inside the transaction below
    if not emergency and alert.send_at is not None and from_iso(alert.send_at) > now:
        with session.audited(
            "alert.schedule", target, **_hash_detail(alert, send_at=alert.send_at)
        ):
            _check_sendable(connection, alert)
            connection.execute(
                "UPDATE manual_alerts SET status = 'scheduled' WHERE id = ? "
                "AND status = 'approved'",
                (alert_id,),
            )
        return repo.get(alert_id)
    with transaction(connection):
        if emergency:
            connection.execute(
                "UPDATE manual_alerts SET emergency = 1, approver = NULL, approved_at = ?, "
                "approved_hash = content_hash WHERE id = ?",
                (to_iso(now), alert_id),
            )
            alert = repo.get(alert_id)
        _check_sendable(connection, alert)  # under the write lock: nothing changes until sent
        dispatch_id = _enqueue(
            connection, session.clock, alert, session.account.name, _domain(connection)
        )
        total = repo.get(alert_id)
        detail = _hash_detail(
            alert, dispatch=dispatch_id, approver=alert.approver, author=alert.author
        )
        detail["recipients"] = _dispatch_total(connection, dispatch_id)
        if emergency:
            detail["emergency"] = EMERGENCY_MARK
        session.audit_log.append(
            session.account.name,
            "alert.emergency_send" if emergency else "alert.send",
            target=target,
            outcome="SINGLE-PERSON EMERGENCY" if emergency else "ok",
            detail=detail,
        )
    log.info("manual alert %d enqueued as dispatch %d", alert_id, dispatch_id)
    return total


# ---- test send ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialReport:
    languages: tuple[str, ...]
    accepted: int
    refused: int
    password_mail: bool
    #: No relay is set: the mails went into this PC's local mailbox, not out of it.
    local_mailbox: bool = False


@operation(Permission.COMPOSE_ALERTS, "alert.test_send", target="alert:{alert_id}")
def send_test(
    session: Session, alert_id: int, to: str | None = None, transport: MailTransport | None = None
) -> TrialReport:
    """Send the alert, each language as it will go out, to the officer's own staff contact
    addresses (``to``: one of them; ``None``: all of them), marked as a test. Any other
    address is refused (audited): an unapproved text never leaves for an outside address.
    With a personal-data attachment, the ZIP's password is *not* sent: it goes in a separate
    mail only with :func:`send_password` (R4.5). Without a ``transport``, through the relay
    or, when none is set, into the local mailbox."""
    if transport is not None:
        return _send_test(session, alert_id, to, transport)
    way_out = outgoing(session.store, purpose="a test mail")
    own = way_out.transport()
    try:
        report = _send_test(session, alert_id, to, own)
        return replace(report, local_mailbox=way_out.sink is not None)
    finally:
        own.close()
        way_out.close()


def _own_contacts(session: Session, alert_id: int, to: str | None) -> list[str]:
    """The officer's staff contacts a test mail may go to; anything else is refused."""
    name = session.account.name
    own = StaffContacts(session.connection).of_account(name)
    if to is None:
        return require_contacts(own, f"your account ({name})")
    check_address("test address", to)
    matching = [address for address in own if address.lower() == to.strip().lower()]
    if not matching:
        session.audit_log.append(
            name,
            "alert.test_send",
            target=f"alert:{alert_id}",
            outcome="refused: not a staff contact of the officer",
        )
        raise ValidationError(
            "A test mail goes only to your own staff notification addresses, and that address "
            f"is not one of them; nothing was sent. An administrator adds one with "
            f"'kishomail accounts contact add {name} ADDRESS'."
        )
    return matching


def _send_test(
    session: Session, alert_id: int, to: str | None, transport: MailTransport
) -> TrialReport:
    target = f"alert:{alert_id}"
    recipients = _own_contacts(session, alert_id, to)
    repo = _repo(session)
    alert = repo.get(alert_id)
    office = office_from(session.connection)
    domain = _domain(session.connection)
    envelopes = []
    for language in alert.languages:
        content = render_manual(
            session.connection,
            alert,
            language,
            Charset.UTF8,
            office,
            mode=Mode.INDIVIDUAL,
            date=session.clock.now().astimezone(TOKYO),
        )
        marked = replace(content, subject=f"[試験送信 TEST] {content.subject}")
        for recipient in recipients:
            token = secrets.token_hex(4)
            message_id = kishomail_message_id(domain, f"alert{alert_id}", "test", language, token)
            envelopes.append(
                MessageTemplate(marked, Mode.INDIVIDUAL).individual(
                    recipient, message_id, office.subscription_page_url
                )
            )
    accepted = refused = 0
    for result in transport.send(envelopes):
        if str(result.outcome) == "accepted":
            accepted += 1
        else:
            refused += 1
    session.audit_log.append(
        session.account.name,
        "alert.test_send",
        target=target,
        outcome="ok" if not refused else f"{refused} refused",
        detail=_hash_detail(
            alert, accepted=accepted, to=f"({len(recipients)} staff contact(s) of the officer)"
        ),
    )
    return TrialReport(alert.languages, accepted, refused, False)


@operation(Permission.COMPOSE_ALERTS, "alert.password_mail", target="alert:{alert_id}")
def send_password(
    session: Session, alert_id: int, to: str, password: str, transport: MailTransport
) -> bool:
    """The attachment ZIP's password in its own mail (never with the file, R4.5)."""
    target = f"alert:{alert_id}"
    check_address("address", to)
    alert = _repo(session).get(alert_id)
    if not alert.attachment_personal:
        raise ValidationError(f"Alert {alert_id} has no encrypted attachment.")
    office = office_from(session.connection)
    message = EmailMessage()
    message["Subject"] = f"パスワードのお知らせ (manual alert {alert_id})"
    message["From"] = f"{office.name_ja} <{office.from_address}>"
    message["To"] = to
    message_id = kishomail_message_id(
        _domain(session.connection), f"alert{alert_id}", "pw", secrets.token_hex(4)
    )
    message["Message-ID"] = message_id
    message.set_content(
        f"先にお送りした添付ファイル {alert.attachment_name} のパスワード:\n"
        f"Password of the attachment {alert.attachment_name} sent earlier:\n\n{password}\n"
    )
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    results = list(transport.send([Envelope(office.from_address, (to,), raw, message_id)]))
    ok = all(str(r.outcome) == "accepted" for r in results)
    session.audit_log.append(
        session.account.name,
        "alert.password_mail",
        target=target,
        outcome="ok" if ok else "refused",
        detail={"separate_mail": True},
    )
    return ok
