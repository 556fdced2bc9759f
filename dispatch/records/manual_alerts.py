"""Manual alerts as records: their status, their parts, and the SQL that reads them.

A manual alert is composed by a duty officer and approved by a second one
(:mod:`dispatch.operations.manual_alerts` and :mod:`dispatch.operations.manual_alert_sending`
are that workflow). Here are the frozen dataclasses it
passes around, the content hash the approver approves, and :class:`ManualAlertRepository`,
which reads the table and recomputes the hash from what is stored. The helpers at the end
(:func:`check_sendable`, :func:`enqueue_alert`) are shared by the staff's "send now" and the
engine's scheduled send (:mod:`dispatch.engine.due_alerts`), so both follow the same rules.

The workflow's own status changes (compose, edit, submit, approve, cancel) still write their
``UPDATE`` in :mod:`dispatch.operations.manual_alerts` (approve and send in
:mod:`dispatch.operations.manual_alert_sending`), inside the audited block of each step;
moving them here is left for when those functions are rewritten.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from dispatch.base.clock import Clock, to_iso
from dispatch.base.errors import Conflict, NotFound, ValidationError
from dispatch.mail.attachments import content_type_for
from dispatch.mail.message import Attachment as MailAttachment
from dispatch.mail.message import MessageError, check_attachments
from dispatch.records.outbox import Outbox, Recipient
from dispatch.records.settings import get_setting
from dispatch.records.subscribers import TOPIC_NAMES
from dispatch.store.database import Connection

LANGUAGES = ("ja", "en", "ja-easy")
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class AlertStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENT = "sent"
    CANCELLED = "cancelled"


EDITABLE = (AlertStatus.DRAFT, AlertStatus.SUBMITTED, AlertStatus.APPROVED, AlertStatus.SCHEDULED)


# ---- the parts of an alert ----------------------------------------------------------------


@dataclass(frozen=True)
class AlertText:
    subject: str
    body: str


@dataclass(frozen=True)
class Audience:
    """Active subscribers; ``topics`` (any of them) and ``languages`` narrow it when given."""

    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        if self.topics:
            return "topic"
        return "language" if self.languages else "all"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "topics": list(self.topics), "languages": list(self.languages)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Audience:
        return cls(tuple(data.get("topics", ())), tuple(data.get("languages", ())))

    def check(self) -> Audience:
        for topic in self.topics:
            if topic not in TOPIC_NAMES:
                raise ValidationError(
                    f"Unknown topic {topic!r}; choose from {', '.join(TOPIC_NAMES)}."
                )
        for language in self.languages:
            if language not in LANGUAGES:
                raise ValidationError(
                    f"Unknown language {language!r}; choose from {', '.join(LANGUAGES)}."
                )
        return Audience(tuple(sorted(set(self.topics))), tuple(sorted(set(self.languages))))

    def where(self) -> tuple[str, list[Any]]:
        clauses = ["status = 'active'"]
        params: list[Any] = []
        topic_sql = {
            "warnings": "warning_level IS NOT NULL",
            "rain": "rain_mm IS NOT NULL",
            "river": "river_stage IS NOT NULL",
            "kanda": "kanda_rivers != 0",
        }
        if self.topics:
            clauses.append("(" + " OR ".join(topic_sql[t] for t in self.topics) + ")")
        if self.languages:
            clauses.append(f"language IN ({','.join('?' * len(self.languages))})")
            params.extend(self.languages)
        return " WHERE " + " AND ".join(clauses), params


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    personal: bool = False

    def check(self) -> Attachment:
        name = self.name.strip().replace("\\", "/").rsplit("/", 1)[-1]
        if not name.strip(". ") or any(ord(c) < 32 or c == "\x7f" for c in name) or len(name) > 120:
            raise ValidationError("An attachment needs a plain file name (up to 120 characters).")
        if not self.data:
            raise ValidationError(f"The attachment {name} is empty; choose the right file.")
        if len(self.data) > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                f"The attachment {name} is larger than {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB; "
                "link to the ward's web page instead."
            )
        return Attachment(name, self.data, self.personal)


@dataclass(frozen=True)
class Draft:
    """What a duty officer composes."""

    category: str
    texts: dict[str, AlertText]
    audience: Audience = field(default_factory=Audience)
    attachment: Attachment | None = None
    send_at: datetime | None = None
    correction_of: int | None = None


@dataclass(frozen=True)
class ManualAlert:
    id: int
    status: AlertStatus
    category: str
    texts: dict[str, AlertText]
    audience: Audience
    attachment_name: str | None
    attachment_size: int
    attachment_sha256: str | None
    attachment_personal: bool
    send_at: str | None
    correction_of: int | None
    content_hash: str
    revision: int
    author: str
    created_at: str
    updated_at: str
    submitted_at: str | None
    approver: str | None
    approved_at: str | None
    approved_audience: int | None
    emergency: bool
    sent_by: str | None
    sent_at: str | None
    dispatch_id: int | None
    cancelled_by: str | None
    cancelled_at: str | None
    approved_hash: str | None = None  # the content hash the approver approved (None: not yet)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language in LANGUAGES if language in self.texts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": str(self.status),
            "category": self.category,
            "languages": list(self.languages),
            "texts": {k: {"subject": v.subject, "body": v.body} for k, v in self.texts.items()},
            "audience": self.audience.as_dict(),
            "attachment": None
            if self.attachment_name is None
            else {
                "name": self.attachment_name,
                "bytes": self.attachment_size,
                "sha256": self.attachment_sha256,
                "personal_data": self.attachment_personal,
            },
            "send_at": self.send_at,
            "correction_of": self.correction_of,
            "content_hash": self.content_hash,
            "revision": self.revision,
            "author": self.author,
            "created_at": self.created_at,
            "submitted_at": self.submitted_at,
            "approver": self.approver,
            "approved_at": self.approved_at,
            "approved_audience": self.approved_audience,
            "emergency": self.emergency,
            "sent_by": self.sent_by,
            "sent_at": self.sent_at,
            "dispatch_id": self.dispatch_id,
            "cancelled_by": self.cancelled_by,
            "cancelled_at": self.cancelled_at,
        }


def content_hash(
    category: str,
    texts: dict[str, AlertText],
    audience: Audience,
    attachment: tuple[str, bool, bytes] | None,
    send_at: str | None,
    correction_of: int | None,
) -> str:
    """SHA-256 over everything the approver sees (canonical JSON)."""
    canonical = json.dumps(
        {
            "category": category,
            "texts": {k: [v.subject, v.body] for k, v in sorted(texts.items())},
            "audience": audience.as_dict(),
            "attachment": None
            if attachment is None
            else [attachment[0], attachment[1], hashlib.sha256(attachment[2]).hexdigest()],
            "send_at": send_at,
            "correction_of": correction_of,
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---- the repository ---------------------------------------------------------------------

_COLUMNS = (
    "id, status, category, languages, content, audience, attachment_name, attachment, "
    "attachment_personal, send_at, correction_of, content_hash, revision, author, created_at, "
    "updated_at, submitted_at, approver, approved_at, approved_audience, emergency, sent_by, "
    "sent_at, dispatch_id, cancelled_by, cancelled_at, approved_hash"
)


def _from_row(row: Sequence[Any]) -> ManualAlert:
    content = json.loads(row[4])
    attachment: bytes | None = row[7]
    return ManualAlert(
        id=row[0],
        status=AlertStatus(row[1]),
        category=row[2],
        texts={k: AlertText(v["subject"], v["body"]) for k, v in content.items()},
        audience=Audience.from_dict(json.loads(row[5])),
        attachment_name=row[6],
        attachment_size=len(attachment) if attachment else 0,
        attachment_sha256=hashlib.sha256(attachment).hexdigest() if attachment else None,
        attachment_personal=bool(row[8]),
        send_at=row[9],
        correction_of=row[10],
        content_hash=row[11],
        revision=row[12],
        author=row[13],
        created_at=row[14],
        updated_at=row[15],
        submitted_at=row[16],
        approver=row[17],
        approved_at=row[18],
        approved_audience=row[19],
        emergency=bool(row[20]),
        sent_by=row[21],
        sent_at=row[22],
        dispatch_id=row[23],
        cancelled_by=row[24],
        cancelled_at=row[25],
        approved_hash=row[26],
    )


class ManualAlertRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def find(self, alert_id: int) -> ManualAlert | None:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM manual_alerts WHERE id = ?", (alert_id,)
        ).fetchone()
        return None if row is None else _from_row(row)

    def get(self, alert_id: int) -> ManualAlert:
        found = self.find(alert_id)
        if found is None:
            raise NotFound(f"There is no manual alert {alert_id}; see 'kishomail alert list'.")
        return found

    def search(self, status: str | None = None, limit: int = 100) -> list[ManualAlert]:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        rows = self._connection.execute(
            f"SELECT {_COLUMNS} FROM manual_alerts {where} ORDER BY id DESC LIMIT ?",
            (*params, limit),
        )
        return [_from_row(row) for row in rows]

    def attachment(self, alert_id: int) -> tuple[str, bytes, bool] | None:
        """(name, stored bytes, personal) — the bytes are the encrypted ZIP when personal.

        Raises :class:`Conflict` when the file was erased (``erase-all``) but the alert is
        still asked for it."""
        row = self._connection.execute(
            "SELECT attachment_name, attachment, attachment_personal FROM manual_alerts "
            "WHERE id = ?",
            (alert_id,),
        ).fetchone()
        if row is None or row[0] is None:
            return None
        if row[1] is None:
            raise Conflict(
                f"The attachment {row[0]} of alert {alert_id} was erased; it cannot be sent. "
                "Compose the alert again with the file."
            )
        return row[0], row[1], bool(row[2])

    def mail_attachments(self, alert_id: int) -> tuple[MailAttachment, ...]:
        """The stored attachment as the mail carries it (none, or one file)."""
        stored = self.attachment(alert_id)
        if stored is None:
            return ()
        name, data, _personal = stored
        return (MailAttachment(name, content_type_for(name), data),)

    def stored_hash(self, alert_id: int) -> str:
        """The hash recomputed from what is stored now (not the column)."""
        alert = self.get(alert_id)
        attachment = self.attachment(alert_id)
        return content_hash(
            alert.category,
            alert.texts,
            alert.audience,
            None if attachment is None else (attachment[0], attachment[2], attachment[1]),
            alert.send_at,
            alert.correction_of,
        )

    def count_audience(self, audience: Audience) -> dict[str, int]:
        where, params = audience.where()
        rows = self._connection.execute(
            f"SELECT language, count(*) FROM subscribers{where} GROUP BY language", params
        )
        return {language: int(count) for language, count in rows}

    def recipients(self, alert: ManualAlert) -> list[Recipient]:
        where, params = alert.audience.where()
        rows = self._connection.execute(
            f"SELECT id, email, language, charset FROM subscribers{where} ORDER BY id", params
        )
        languages = alert.languages
        return [
            Recipient(sid, address, language if language in languages else "ja", charset, None)
            for sid, address, language, charset in rows
        ]

    def by_dispatch(self, dispatch_id: int) -> ManualAlert | None:
        row = self._connection.execute(
            f"SELECT {_COLUMNS} FROM manual_alerts WHERE dispatch_id = ?", (dispatch_id,)
        ).fetchone()
        return None if row is None else _from_row(row)


# ---- shared by the staff's send and the engine's scheduled send ---------------------------


def audit_detail(alert: ManualAlert, **more: Any) -> dict[str, Any]:
    """What an audit entry about ``alert`` records: its hash, revision, languages, audience."""
    detail: dict[str, Any] = {
        "content_sha256": alert.content_hash,
        "revision": alert.revision,
        "languages": list(alert.languages),
        "audience": alert.audience.as_dict(),
    }
    if alert.attachment_name is not None:
        detail["attachment_sha256"] = alert.attachment_sha256
        detail["attachment_personal_data"] = alert.attachment_personal
    detail.update(more)
    return detail


def check_sendable(connection: Connection, alert: ManualAlert) -> None:
    """Refuse (:class:`Conflict`) an alert whose file the mail cannot carry or whose stored
    content is not the content its approver approved.

    The hash is recomputed from what is stored now and compared with the *approved* hash (not
    only with the ``content_hash`` column, which a change could have rewritten along with the
    text). Call it inside the transaction that enqueues, so nothing changes in between."""
    repo = ManualAlertRepository(connection)
    try:  # the mail can carry the file (name, type, size): checked here, not in the sender
        check_attachments(repo.mail_attachments(alert.id))  # an erased file is refused too
    except MessageError as error:
        raise Conflict(f"Alert {alert.id} cannot be sent: {error}") from error
    stored = repo.stored_hash(alert.id)
    approved = repo.get(alert.id).approved_hash
    if stored != alert.content_hash or approved is None or stored != approved:
        raise Conflict(
            f"Alert {alert.id}'s stored content does not match the content its approver "
            "approved; it was not sent. Report this to an administrator; the alert must be "
            "approved again before it can go out."
        )


def enqueue_alert(
    connection: Connection, clock: Clock, alert: ManualAlert, actor: str, domain: str
) -> int:
    """Enqueue the deliveries (caller's transaction); returns the dispatch id.

    The status change is guarded by the approved hash: if the row no longer holds the
    approved content in a sendable state, :class:`Conflict` is raised and the caller's
    transaction (with the queued deliveries) rolls back."""
    repo = ManualAlertRepository(connection)
    recipients = repo.recipients(alert)
    subject = alert.texts["ja"].subject
    dispatch_id = Outbox(connection, clock, domain).enqueue(
        kind="manual", subject=subject, recipients=recipients, detected_at=clock.now()
    )
    updated = connection.execute(
        "UPDATE manual_alerts SET status = 'sent', sent_by = ?, sent_at = ?, dispatch_id = ? "
        "WHERE id = ? AND status IN ('approved', 'scheduled', 'draft', 'submitted') "
        "AND approved_hash = ? AND content_hash = ?",
        (actor, to_iso(clock.now()), dispatch_id, alert.id, alert.content_hash, alert.content_hash),
    ).rowcount
    if updated != 1:
        raise Conflict(
            f"Alert {alert.id} changed while it was being sent; nothing was sent. Look at it "
            "again ('kishomail alert show') and have it approved again."
        )
    return dispatch_id


def office_domain(connection: Connection) -> str:
    """The domain of the office's address (the right side of every Message-ID)."""
    return str(get_setting(connection, "office.address")).rsplit("@", 1)[-1]


def dispatch_total(connection: Connection, dispatch_id: int) -> int:
    """How many deliveries the dispatch holds (0 when there is no such dispatch)."""
    row = connection.execute("SELECT total FROM dispatches WHERE id = ?", (dispatch_id,)).fetchone()
    return int(row[0]) if row else 0
