"""Manual alerts: composed by a duty officer, checked and approved by a second one (R3.4).

Life of an alert::

    draft ──submit──▶ submitted ──approve (another officer)──▶ approved ──send──▶ sent
      ▲                   │                                      │  (send_at in the future:
      └──── any edit ─────┴──────────── voids the approval ──────┘   scheduled ──due──▶ sent)
    draft / submitted / approved / scheduled ──cancel──▶ cancelled

* The **content hash** (SHA-256 over category, languages, every subject and body, audience,
  send time, correction link and the attachment's name, flag and bytes) is what the approver
  approves: the audit entries of submit, approve and send carry it, and sending checks that the
  stored content still has the approved hash.
* The author can never approve their own alert. The only single-person path is the
  administrator's setting ``alerts.single_person_emergency`` (off by default); a send on that
  path is marked in the audit log and in a header of every mail, so also in the office's
  control copy (R3.5).
* A scheduled alert lives in the store; the service's scheduler sends it when due, so it
  survives a restart (:func:`dispatch.engine.due_alerts.send_due`).
* An attachment marked as holding personal data is kept only as an AES-256 encrypted ZIP; its
  password is shown once to the author and goes out in a separate mail, never with the file
  (R4.5, 001 システム上の対策 4).

Sending to residents goes through the outbox like an automatic alert: one delivery per
recipient, progress and outcome in ``kishomail dispatch show``. An alert with an attachment
goes out as ``multipart/mixed`` mail: the text, then the stored file (the encrypted ZIP when it
holds personal data, with a line in the text saying that the password comes separately). The
password itself is never in an alert mail; it goes only with :func:`send_password`.

This module is the staff's workflow only. The records and the SQL are in
:mod:`dispatch.records.manual_alerts`, the wording and rendering in
:mod:`dispatch.wording.manual_alerts`; the types a caller passes in (``Draft``, ``AlertText``,
``Audience``, ``Attachment``, ``AlertStatus``, the templates) are re-exported here so a front
end needs this one import.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, replace
from email.message import EmailMessage
from typing import Any

from dispatch.base.clock import TOKYO, from_iso, to_iso
from dispatch.base.errors import Conflict, PermissionDenied, ValidationError
from dispatch.base.vocabulary import Charset
from dispatch.engine.relay import outgoing
from dispatch.mail.attachments import encrypted_zip
from dispatch.mail.message import (
    Envelope,
    MessageContent,
    MessageTemplate,
    Mode,
    check_address,
    kishomail_message_id,
)
from dispatch.mail.smtp import MailTransport
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.manual_alerts import EDITABLE as EDITABLE
from dispatch.records.manual_alerts import LANGUAGES as LANGUAGES
from dispatch.records.manual_alerts import AlertStatus as AlertStatus
from dispatch.records.manual_alerts import AlertText as AlertText
from dispatch.records.manual_alerts import Attachment as Attachment
from dispatch.records.manual_alerts import Audience as Audience
from dispatch.records.manual_alerts import Draft as Draft
from dispatch.records.manual_alerts import ManualAlert as ManualAlert
from dispatch.records.manual_alerts import ManualAlertRepository, content_hash
from dispatch.records.manual_alerts import audit_detail as _hash_detail
from dispatch.records.manual_alerts import check_sendable as _check_sendable
from dispatch.records.manual_alerts import dispatch_total as _dispatch_total
from dispatch.records.manual_alerts import enqueue_alert as _enqueue
from dispatch.records.manual_alerts import office_domain as _domain
from dispatch.records.settings import OfficeProfile, get_setting, office_profile
from dispatch.records.staff_contacts import StaffContacts, require_contacts
from dispatch.store.database import Connection, transaction
from dispatch.wording.manual_alerts import CATEGORIES as CATEGORIES
from dispatch.wording.manual_alerts import EMERGENCY_MARK as EMERGENCY_MARK
from dispatch.wording.manual_alerts import TEMPLATES as TEMPLATES
from dispatch.wording.manual_alerts import check_draft, render_manual
from dispatch.wording.manual_alerts import from_template as from_template
from dispatch.wording.manual_alerts import tokyo_time as _tokyo

log = logging.getLogger(__name__)


# ---- what the workflow hands back --------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """The alert as it will go out, per language, with the live audience."""

    alert: ManualAlert
    audience_count: int
    audience_by_language: dict[str, int]
    mails: dict[str, MessageContent]

    def as_dict(self) -> dict[str, Any]:
        return {
            "alert": self.alert.as_dict(),
            "audience_count": self.audience_count,
            "audience_by_language": self.audience_by_language,
            "mails": {
                language: {
                    "subject": mail.subject,
                    "body": mail.body,
                    "headers": dict(mail.extra_headers),
                    "attachments": [
                        {
                            "name": a.filename,
                            "content_type": a.content_type,
                            "bytes": len(a.data),
                            "sha256": hashlib.sha256(a.data).hexdigest(),
                        }
                        for a in mail.attachments
                    ],
                }
                for language, mail in self.mails.items()
            },
        }


@dataclass(frozen=True)
class Composed:
    alert: ManualAlert
    #: The attachment ZIP's password when the attachment holds personal data: show it once.
    zip_password: str | None = None


def office_from(connection: Connection) -> OfficeProfile:
    return office_profile(connection)


# ---- the workflow (every step through a Session: permission + audit) ----------------------


def _repo(session: Session) -> ManualAlertRepository:
    return ManualAlertRepository(session.connection)


def _store_draft(draft: Draft) -> tuple[dict[str, Any], str | None]:
    """Column values for a checked draft (with the attachment sealed if it is personal)."""
    password = None
    name = data = None
    personal = False
    if draft.attachment is not None:
        name, data, personal = (
            draft.attachment.name,
            draft.attachment.data,
            draft.attachment.personal,
        )
        if personal and not name.lower().endswith(".zip"):
            data, password = encrypted_zip(name, data)
            name = name.rsplit(".", 1)[0] + ".zip"
        elif personal:
            raise ValidationError(
                "An attachment with personal data is zipped and encrypted here; give the "
                "original file, not a ZIP."
            )
    send_at = to_iso(draft.send_at) if draft.send_at else None
    digest = content_hash(
        draft.category,
        draft.texts,
        draft.audience,
        None if name is None or data is None else (name, personal, data),
        send_at,
        draft.correction_of,
    )
    values = {
        "category": draft.category,
        "languages": json.dumps([lang for lang in LANGUAGES if lang in draft.texts]),
        "content": json.dumps(
            {k: {"subject": v.subject, "body": v.body} for k, v in draft.texts.items()},
            ensure_ascii=False,
        ),
        "audience": json.dumps(draft.audience.as_dict()),
        "attachment_name": name,
        "attachment": data,
        "attachment_personal": int(personal),
        "send_at": send_at,
        "correction_of": draft.correction_of,
        "content_hash": digest,
    }
    return values, password


@operation(Permission.COMPOSE_ALERTS, "alert.compose")
def compose(session: Session, draft: Draft) -> Composed:
    draft = check_draft(draft)
    repo = _repo(session)
    if draft.correction_of is not None:
        original = repo.get(draft.correction_of)
        if original.status is not AlertStatus.SENT:
            raise Conflict(
                f"Alert {original.id} was not sent ({original.status}); a correction (訂正) "
                "corrects a sent alert. Edit or cancel the unsent one instead."
            )
    values, password = _store_draft(draft)
    stamp = to_iso(session.clock.now())
    with session.audited("alert.compose") as detail:
        columns = ", ".join(values)
        cursor = session.connection.execute(
            f"INSERT INTO manual_alerts (status, author, created_at, updated_at, {columns}) "
            f"VALUES ('draft', ?, ?, ?, {', '.join('?' * len(values))})",
            (session.account.name, stamp, stamp, *values.values()),
        )
        alert = repo.get(int(cursor.lastrowid))
        detail.update(_hash_detail(alert, id=alert.id, category=alert.category))
        if draft.correction_of is not None:
            detail["correction_of"] = draft.correction_of
    return Composed(alert, password)


@operation(Permission.COMPOSE_ALERTS, "alert.edit", target="alert:{alert_id}")
def edit(session: Session, alert_id: int, draft: Draft) -> Composed:
    """Replace the content. Any edit voids an approval: the alert goes back to draft."""
    target = f"alert:{alert_id}"
    draft = check_draft(draft)
    repo = _repo(session)
    before = repo.get(alert_id)
    if before.status not in EDITABLE:
        raise Conflict(f"Alert {alert_id} is {before.status}; it can no longer be edited.")
    if draft.correction_of != before.correction_of:
        draft = Draft(
            draft.category,
            draft.texts,
            draft.audience,
            draft.attachment,
            draft.send_at,
            before.correction_of,
        )
    values, password = _store_draft(draft)
    voided = before.approver is not None
    with session.audited("alert.edit", target) as detail:
        assignments = ", ".join(f"{column} = ?" for column in values)
        session.connection.execute(
            f"UPDATE manual_alerts SET {assignments}, status = 'draft', revision = revision + 1, "
            "updated_at = ?, submitted_at = NULL, approver = NULL, approved_at = NULL, "
            "approved_hash = NULL, approved_audience = NULL WHERE id = ?",
            (*values.values(), to_iso(session.clock.now()), alert_id),
        )
        alert = repo.get(alert_id)
        detail.update(_hash_detail(alert, previous_sha256=before.content_hash))
        if voided:
            detail["approval_voided"] = f"approval by {before.approver} voided by this edit"
    return Composed(alert, password)


@operation(Permission.COUNT_AUDIENCE, "alert.preview", target="alert:{alert_id}")
def preview(session: Session, alert_id: int) -> Preview:
    """Exactly what goes out, per language, and how many active subscribers get it now."""
    repo = _repo(session)
    alert = repo.get(alert_id)
    by_language = repo.count_audience(alert.audience)
    office = office_from(session.connection)
    mode = Mode(get_setting(session.connection, "dispatch.mode"))
    mails = {
        language: render_manual(
            session.connection,
            alert,
            language,
            Charset.UTF8,
            office,
            mode=mode,
            date=session.clock.now().astimezone(TOKYO),
        )
        for language in alert.languages
    }
    return Preview(alert, sum(by_language.values()), by_language, mails)


@operation(Permission.COMPOSE_ALERTS, "alert.submit", target="alert:{alert_id}")
def submit(session: Session, alert_id: int) -> ManualAlert:
    target = f"alert:{alert_id}"
    repo = _repo(session)
    alert = repo.get(alert_id)
    if alert.status is not AlertStatus.DRAFT:
        raise Conflict(f"Alert {alert_id} is {alert.status}; only a draft can be submitted.")
    with session.audited("alert.submit", target, **_hash_detail(alert)):
        session.connection.execute(
            "UPDATE manual_alerts SET status = 'submitted', submitted_at = ? WHERE id = ?",
            (to_iso(session.clock.now()), alert_id),
        )
    return repo.get(alert_id)


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


@operation(Permission.SEND_ALERTS, "alert.cancel", target="alert:{alert_id}")
def cancel(session: Session, alert_id: int, reason: str = "") -> ManualAlert:
    target = f"alert:{alert_id}"
    repo = _repo(session)
    alert = repo.get(alert_id)
    if alert.status not in EDITABLE:
        raise Conflict(
            f"Alert {alert_id} is {alert.status}; it can no longer be cancelled. To put right "
            "a sent alert, send a correction (訂正) with 'kishomail alert compose --correction-of'."
        )
    with session.audited("alert.cancel", target, **_hash_detail(alert, reason=reason[:200])):
        session.connection.execute(
            "UPDATE manual_alerts SET status = 'cancelled', cancelled_by = ?, cancelled_at = ? "
            "WHERE id = ?",
            (session.account.name, to_iso(session.clock.now()), alert_id),
        )
    return repo.get(alert_id)


@operation(Permission.COMPOSE_ALERTS, "alert.list", also=(Permission.READ_AUDIT,))
def list_alerts(session: Session, status: str | None = None, limit: int = 100) -> list[ManualAlert]:
    if status is not None and status not in {s.value for s in AlertStatus}:
        raise ValidationError(
            f"Unknown status {status!r}; choose from {', '.join(s.value for s in AlertStatus)}."
        )
    return _repo(session).search(status, limit)


@operation(
    Permission.COMPOSE_ALERTS,
    "alert.view",
    target="alert:{alert_id}",
    also=(Permission.READ_AUDIT,),
)
def get_alert(session: Session, alert_id: int) -> ManualAlert:
    return _repo(session).get(alert_id)


# ---- test send ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialReport:
    languages: tuple[str, ...]
    accepted: int
    refused: int
    password_mail: bool


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
        return _send_test(session, alert_id, to, own)
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
