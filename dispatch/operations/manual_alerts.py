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

This module is the staff's drafting steps (compose, edit, preview, submit, cancel, list);
approval, sending, the test send and the password mail are in
:mod:`dispatch.operations.manual_alert_sending`. The records and the SQL are in
:mod:`dispatch.records.manual_alerts`, the wording and rendering in
:mod:`dispatch.wording.manual_alerts`; the types a caller passes in (``Draft``, ``AlertText``,
``Audience``, ``Attachment``, ``AlertStatus``, the templates) are re-exported here so a front
end needs no other import for them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from dispatch.base.clock import TOKYO, to_iso
from dispatch.base.errors import Conflict, ValidationError
from dispatch.base.vocabulary import Charset
from dispatch.mail.attachments import encrypted_zip
from dispatch.mail.message import UNSUBSCRIBE_URL_SLOT as UNSUBSCRIBE_URL_SLOT  # for previews
from dispatch.mail.message import (
    MessageContent,
    Mode,
)
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
from dispatch.records.settings import OfficeProfile, get_setting, office_profile
from dispatch.store.database import Connection
from dispatch.wording.manual_alerts import CATEGORIES as CATEGORIES
from dispatch.wording.manual_alerts import EMERGENCY_MARK as EMERGENCY_MARK
from dispatch.wording.manual_alerts import TEMPLATES as TEMPLATES
from dispatch.wording.manual_alerts import check_draft, render_manual
from dispatch.wording.manual_alerts import from_template as from_template

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
    return _preview_of(session, _repo(session).get(alert_id))


@operation(Permission.COMPOSE_ALERTS, "alert.preview_draft")
def preview_draft(session: Session, draft: Draft) -> Preview:
    """What a draft would mail, and to how many, before anything is stored: the composer's
    look before submitting (nothing is written, so nothing is audited)."""
    draft = check_draft(draft)
    now = to_iso(session.clock.now())
    attachment = draft.attachment
    name = None
    if attachment is not None:  # a personal-data file goes as an encrypted ZIP of that name
        stem = attachment.name.rsplit(".", 1)[0]
        name = stem + ".zip" if attachment.personal else attachment.name
    unsaved = ManualAlert(
        id=0,
        status=AlertStatus.DRAFT,
        category=draft.category,
        texts=dict(draft.texts),
        audience=draft.audience,
        attachment_name=name,
        attachment_size=len(attachment.data) if attachment is not None else 0,
        attachment_sha256=hashlib.sha256(attachment.data).hexdigest() if attachment else None,
        attachment_personal=attachment is not None and attachment.personal,
        send_at=to_iso(draft.send_at) if draft.send_at else None,
        correction_of=draft.correction_of,
        content_hash="",
        revision=0,
        author=session.account.name,
        created_at=now,
        updated_at=now,
        submitted_at=None,
        approver=None,
        approved_at=None,
        approved_audience=None,
        emergency=False,
        sent_by=None,
        sent_at=None,
        dispatch_id=None,
        cancelled_by=None,
        cancelled_at=None,
    )
    return _preview_of(session, unsaved)


def _preview_of(session: Session, alert: ManualAlert) -> Preview:
    repo = _repo(session)
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
