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
  survives a restart (:func:`send_due`).
* An attachment marked as holding personal data is kept only as an AES-256 encrypted ZIP; its
  password is shown once to the author and goes out in a separate mail, never with the file
  (R4.5, 001 システム上の対策 4).

Sending to residents goes through the outbox like an automatic alert: one delivery per
recipient, progress and outcome in ``kishomail dispatch show``. An alert with an attachment
goes out as ``multipart/mixed`` mail: the text, then the stored file (the encrypted ZIP when it
holds personal data, with a line in the text saying that the password comes separately). The
password itself is never in an alert mail; it goes only with :func:`send_password`.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.message import EmailMessage
from enum import StrEnum
from typing import Any

import pyzipper

from dispatch.base.clock import TOKYO, Clock, from_iso, to_iso
from dispatch.base.errors import (
    Conflict,
    KishomailError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from dispatch.mail.message import (
    UNSUBSCRIBE_URL_SLOT,
    Charset,
    Envelope,
    MessageContent,
    MessageError,
    MessageTemplate,
    Mode,
    check_address,
    check_attachments,
)
from dispatch.mail.message import Attachment as MailAttachment
from dispatch.mail.smtp import MailTransport
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission
from dispatch.records.audit import AuditLog
from dispatch.records.outbox import Outbox, Recipient
from dispatch.records.settings import get_setting
from dispatch.records.subscribers import TOPIC_NAMES
from dispatch.store.database import Connection, Store, transaction
from dispatch.wording.render import OfficeProfile, default_library

log = logging.getLogger(__name__)

LANGUAGES = ("ja", "en", "ja-easy")
SCHEDULER_ACTOR = "system"
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_SUBJECT_CHARS = 120
MAX_BODY_CHARS = 20_000
#: The header that says how the alert was approved (seen in the office's control copy).
APPROVAL_HEADER = "X-Kishomail-Approval"
EMERGENCY_MARK = "SINGLE-PERSON EMERGENCY SEND - no second officer checked this mail"


class AlertStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    SENT = "sent"
    CANCELLED = "cancelled"


EDITABLE = (AlertStatus.DRAFT, AlertStatus.SUBMITTED, AlertStatus.APPROVED, AlertStatus.SCHEDULED)

#: Categories and how a subject line names them.
CATEGORIES: dict[str, dict[str, str]] = {
    "evacuation": {"ja": "避難情報", "en": "Evacuation", "ja-easy": "にげる じょうほう"},
    "shelter": {"ja": "避難所開設", "en": "Shelters open", "ja-easy": "ひなんじょ"},
    "weather": {"ja": "気象情報", "en": "Weather", "ja-easy": "てんきの じょうほう"},
    "notice": {"ja": "お知らせ", "en": "Notice", "ja-easy": "おしらせ"},
    "exercise": {"ja": "訓練", "en": "Exercise", "ja-easy": "くんれん"},
}

_CORRECTION_LINE = {
    "ja": "【訂正】先にお送りした「{subject}」（{sent}）の内容を次のとおり訂正します。",
    "en": "[Correction] This corrects our earlier mail '{subject}' ({sent}).",
    "ja-easy": "【なおし】まえに おくった「{subject}」（{sent}）を なおします。",
}
_CORRECTION_PREFIX = {"ja": "【訂正】", "en": "[Correction] ", "ja-easy": "【なおし】"}

#: The line residents read when the attachment is an encrypted ZIP (its password is not in it).
_ENCRYPTED_NOTE = {
    "ja": "添付ファイル {name} は暗号化された ZIP です。パスワードは別のメールでお知らせします。",
    "en": "The attached file {name} is an encrypted ZIP; its password comes in a separate mail.",
    "ja-easy": "てんぷ ファイル {name} の パスワードは、べつの メールで おしらせします。",
}

#: File types by extension (a fixed table: the same on every workstation, unlike the
#: Windows registry that :mod:`mimetypes` reads); anything else is sent as octet-stream.
_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "zip": "application/zip",
    "csv": "text/csv",
    "txt": "text/plain",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

#: Ready wording for common manual alerts; ``$details`` is what the officer adds.
TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "shelter_open": {
        "ja": (
            "【新宿区】避難所を開設しました",
            "新宿区は次の避難所を開設しました。\n$details\n\n"
            "避難する際は、動きやすい服装で、食料・飲料水・常備薬をお持ちください。",
        ),
        "en": (
            "[Shinjuku City] Evacuation shelters are open",
            "Shinjuku City has opened the following shelters:\n$details\n\n"
            "If you evacuate, wear clothes easy to move in and bring food, water and medicine.",
        ),
        "ja-easy": (
            "【しんじゅくく】ひなんじょを あけました",
            "しんじゅくくは つぎの ひなんじょを あけました。\n$details\n\n"
            "たべもの、のみもの、くすりを もって いきましょう。",
        ),
    },
    "evacuation": {
        "ja": (
            "【新宿区】避難情報",
            "新宿区から避難に関するお知らせです。\n$details\n\n身の安全を確保してください。",
        ),
        "en": (
            "[Shinjuku City] Evacuation information",
            "An evacuation notice from Shinjuku City:\n$details\n\nPlease stay safe.",
        ),
        "ja-easy": (
            "【しんじゅくく】にげる じょうほう",
            "しんじゅくくからの おしらせです。\n$details\n\nあんぜんな ところに いてください。",
        ),
    },
    "exercise": {
        "ja": (
            "【新宿区】（訓練）気象メール配信訓練",
            "これは訓練です。\n$details\n\n実際の災害情報ではありません。",
        ),
        "en": (
            "[Shinjuku City] (Exercise) kishomail delivery exercise",
            "This is an exercise.\n$details\n\nThis is not real disaster information.",
        ),
        "ja-easy": (
            "【しんじゅくく】（くんれん）メールの くんれん",
            "これは くんれんです。\n$details\n\nほんとうの さいがいでは ありません。",
        ),
    },
}


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


# ---- building a draft --------------------------------------------------------------------


def from_template(name: str, details: dict[str, str]) -> dict[str, AlertText]:
    """The texts of a ready template, with ``$details`` filled per language (a language
    without details gets the Japanese details)."""
    template = TEMPLATES.get(name)
    if template is None:
        raise ValidationError(
            f"There is no manual-alert template {name!r}; choose from {', '.join(TEMPLATES)}."
        )
    texts = {}
    for language, (subject, body) in template.items():
        if language not in details and "ja" not in details:
            continue
        value = details.get(language, details.get("ja", ""))
        texts[language] = AlertText(subject, string.Template(body).safe_substitute(details=value))
    if not texts:
        raise ValidationError("Give the details that go into the template (at least Japanese).")
    return texts


def _check_text(language: str, text: AlertText) -> AlertText:
    subject = text.subject.strip()
    body = text.body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not subject:
        raise ValidationError(f"The {language} subject is empty; write one.")
    if any(ord(c) < 32 for c in subject) or len(subject) > MAX_SUBJECT_CHARS:
        raise ValidationError(
            f"The {language} subject must be one line of at most {MAX_SUBJECT_CHARS} characters."
        )
    if not body.strip():
        raise ValidationError(f"The {language} body is empty; write what residents must know.")
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(f"The {language} body is longer than {MAX_BODY_CHARS} characters.")
    if UNSUBSCRIBE_URL_SLOT in body or "{unsubscribe" in body:
        raise ValidationError("The body may not hold '{unsubscribe_url}': the footer adds it.")
    return AlertText(subject, body)


def check_draft(draft: Draft) -> Draft:
    if draft.category not in CATEGORIES:
        raise ValidationError(
            f"Unknown category {draft.category!r}; choose from {', '.join(CATEGORIES)}."
        )
    unknown = set(draft.texts) - set(LANGUAGES)
    if unknown:
        raise ValidationError(
            f"Unknown language {sorted(unknown)[0]!r}; write in {', '.join(LANGUAGES)}."
        )
    if "ja" not in draft.texts:
        raise ValidationError("Every manual alert needs a Japanese text (it is the fallback).")
    texts = {
        lang: _check_text(lang, draft.texts[lang]) for lang in LANGUAGES if lang in draft.texts
    }
    if draft.send_at is not None and draft.send_at.tzinfo is None:
        raise ValidationError(
            "The send time needs its time zone (Tokyo time is assumed by the CLI)."
        )
    attachment = draft.attachment.check() if draft.attachment else None
    return Draft(
        draft.category,
        texts,
        draft.audience.check(),
        attachment,
        draft.send_at,
        draft.correction_of,
    )


def content_type_for(name: str) -> str:
    """The MIME type an attachment named ``name`` is sent as."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    return _CONTENT_TYPES.get(extension, "application/octet-stream")


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


def encrypted_zip(name: str, data: bytes) -> tuple[bytes, str]:
    """``data`` as ``name`` inside an AES-256 ZIP; returns the ZIP and its new password."""
    password = secrets.token_urlsafe(15)
    buffer = io.BytesIO()
    with pyzipper.AESZipFile(
        buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("ascii"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(name, data)
    return buffer.getvalue(), password


# ---- the repository ---------------------------------------------------------------------

_COLUMNS = (
    "id, status, category, languages, content, audience, attachment_name, attachment, "
    "attachment_personal, send_at, correction_of, content_hash, revision, author, created_at, "
    "updated_at, submitted_at, approver, approved_at, approved_audience, emergency, sent_by, "
    "sent_at, dispatch_id, cancelled_by, cancelled_at"
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


# ---- rendering ---------------------------------------------------------------------------


def render_manual(
    connection: Connection,
    alert: ManualAlert,
    language: str,
    charset: Charset,
    office: OfficeProfile,
    *,
    mode: Mode,
    date: datetime | None = None,
) -> MessageContent:
    """The mail residents get in ``language`` (the Japanese text when the alert has none)."""
    if language not in alert.texts:
        language = "ja"
    text = alert.texts[language]
    subject, lines = text.subject, []
    if alert.correction_of is not None:
        original = ManualAlertRepository(connection).find(alert.correction_of)
        if original is not None:
            original_text = original.texts.get(language, original.texts["ja"])
            sent = _tokyo(original.sent_at) if original.sent_at else ""
            lines += [
                _CORRECTION_LINE[language].format(subject=original_text.subject, sent=sent),
                "",
            ]
        if not subject.startswith(_CORRECTION_PREFIX[language].strip()):
            subject = _CORRECTION_PREFIX[language] + subject
    lines.append(text.body)
    if alert.attachment_name is not None and alert.attachment_personal:
        note = _ENCRYPTED_NOTE.get(language, _ENCRYPTED_NOTE["ja"])
        lines += ["", note.format(name=alert.attachment_name)]
    manage_url = UNSUBSCRIBE_URL_SLOT if mode is Mode.INDIVIDUAL else office.subscription_page_url
    library = default_library()
    footer_language = language if library.find(language, "footer") else "ja"
    footer = library.get(footer_language, "footer").render_body(
        {
            "office_name": office.name(language),
            "ward": office.ward(language),
            "phone": office.phone,
            "manage_url": manage_url,
        }
    )
    body = "\n".join(lines).rstrip("\n") + "\n\n" + footer.rstrip("\n") + "\n"
    approval = EMERGENCY_MARK if alert.emergency else "two-person (R3.4)"
    return MessageContent(
        subject=subject,
        body=body,
        office_address=office.from_address,
        office_name=office.name(language),
        envelope_sender=office.envelope_sender,
        reply_to=office.reply_to,
        charset=charset,
        date=date,
        list_unsubscribe_url=office.subscription_page_url,
        extra_headers=(
            ("X-Kishomail-Manual-Alert", f"{alert.id}.{alert.revision}"),
            (APPROVAL_HEADER, approval),
        ),
        attachments=ManualAlertRepository(connection).mail_attachments(alert.id),
    )


def render_for_dispatch(
    connection: Connection,
    dispatch_id: int,
    language: str,
    charset: Charset,
    office: OfficeProfile,
    *,
    mode: Mode,
    date: datetime | None = None,
) -> MessageContent | None:
    """For the engine's renderer: the mail of the manual alert behind ``dispatch_id``."""
    alert = ManualAlertRepository(connection).by_dispatch(dispatch_id)
    if alert is None:
        return None
    return render_manual(connection, alert, language, charset, office, mode=mode, date=date)


def _tokyo(stamp: str) -> str:
    return from_iso(stamp).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M")


def office_from(connection: Connection) -> OfficeProfile:
    from dispatch.engine.assembly import office_profile

    return office_profile(connection)


# ---- the workflow (every step through a Session: permission + audit) ----------------------


def _repo(session: Session) -> ManualAlertRepository:
    return ManualAlertRepository(session.connection)


def _hash_detail(alert: ManualAlert, **more: Any) -> dict[str, Any]:
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


def compose(session: Session, draft: Draft) -> Composed:
    session.require(Permission.COMPOSE_ALERTS, "alert.compose")
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


def edit(session: Session, alert_id: int, draft: Draft) -> Composed:
    """Replace the content. Any edit voids an approval: the alert goes back to draft."""
    target = f"alert:{alert_id}"
    session.require(Permission.COMPOSE_ALERTS, "alert.edit", target)
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


def preview(session: Session, alert_id: int) -> Preview:
    """Exactly what goes out, per language, and how many active subscribers get it now."""
    target = f"alert:{alert_id}"
    session.require(Permission.COUNT_AUDIENCE, "alert.preview", target)
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


def submit(session: Session, alert_id: int) -> ManualAlert:
    target = f"alert:{alert_id}"
    session.require(Permission.COMPOSE_ALERTS, "alert.submit", target)
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


def approve(
    session: Session, alert_id: int, *, seen_hash: str | None = None, seen_count: int | None = None
) -> ManualAlert:
    """The second officer's check of recipients, content and attachment (R3.4).

    ``seen_hash``/``seen_count`` are what the approver was shown: if the content or the
    audience changed since, the approval is refused."""
    target = f"alert:{alert_id}"
    session.require(Permission.APPROVE_ALERTS, "alert.approve", target)
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
        session.connection.execute(
            "UPDATE manual_alerts SET status = ?, approver = ?, approved_at = ?, "
            "approved_hash = ?, approved_audience = ? WHERE id = ?",
            (str(status), session.account.name, to_iso(now), alert.content_hash, count, alert_id),
        )
    return repo.get(alert_id)


def _enqueue(
    connection: Connection, clock: Clock, alert: ManualAlert, actor: str, domain: str
) -> int:
    """Enqueue the deliveries (caller's transaction); returns the dispatch id."""
    repo = ManualAlertRepository(connection)
    recipients = repo.recipients(alert)
    subject = alert.texts["ja"].subject
    dispatch_id = Outbox(connection, clock, domain).enqueue(
        kind="manual", subject=subject, recipients=recipients, detected_at=clock.now()
    )
    connection.execute(
        "UPDATE manual_alerts SET status = 'sent', sent_by = ?, sent_at = ?, dispatch_id = ? "
        "WHERE id = ?",
        (actor, to_iso(clock.now()), dispatch_id, alert.id),
    )
    return dispatch_id


def _check_sendable(connection: Connection, alert: ManualAlert) -> None:
    repo = ManualAlertRepository(connection)
    try:  # the mail can carry the file (name, type, size): checked here, not in the sender
        check_attachments(repo.mail_attachments(alert.id))  # an erased file is refused too
    except MessageError as error:
        raise Conflict(f"Alert {alert.id} cannot be sent: {error}") from error
    stored = repo.stored_hash(alert.id)
    if stored != alert.content_hash:
        raise Conflict(
            f"Alert {alert.id}'s stored content does not match its approved hash; it was not "
            "sent. Report this to an administrator."
        )


def _domain(connection: Connection) -> str:
    return str(get_setting(connection, "office.address")).rsplit("@", 1)[-1]


def send(session: Session, alert_id: int, *, emergency: bool = False) -> ManualAlert:
    """Send an approved alert now (or schedule it when its time is in the future).

    ``emergency``: the single-person path, only when an administrator has turned on
    ``alerts.single_person_emergency``."""
    target = f"alert:{alert_id}"
    session.require(Permission.SEND_ALERTS, "alert.send", target)
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
    _check_sendable(connection, alert)
    if not emergency and alert.send_at is not None and from_iso(alert.send_at) > now:
        with session.audited(
            "alert.schedule", target, **_hash_detail(alert, send_at=alert.send_at)
        ):
            connection.execute(
                "UPDATE manual_alerts SET status = 'scheduled' WHERE id = ?", (alert_id,)
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


def _dispatch_total(connection: Connection, dispatch_id: int) -> int:
    row = connection.execute("SELECT total FROM dispatches WHERE id = ?", (dispatch_id,)).fetchone()
    return int(row[0]) if row else 0


def cancel(session: Session, alert_id: int, reason: str = "") -> ManualAlert:
    target = f"alert:{alert_id}"
    session.require(Permission.SEND_ALERTS, "alert.cancel", target)
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


def list_alerts(session: Session, status: str | None = None, limit: int = 100) -> list[ManualAlert]:
    if not (session.can(Permission.COMPOSE_ALERTS) or session.can(Permission.READ_AUDIT)):
        session.require(Permission.COMPOSE_ALERTS, "alert.list")
    if status is not None and status not in {s.value for s in AlertStatus}:
        raise ValidationError(
            f"Unknown status {status!r}; choose from {', '.join(s.value for s in AlertStatus)}."
        )
    return _repo(session).search(status, limit)


def get_alert(session: Session, alert_id: int) -> ManualAlert:
    if not (session.can(Permission.COMPOSE_ALERTS) or session.can(Permission.READ_AUDIT)):
        session.require(Permission.COMPOSE_ALERTS, "alert.view", f"alert:{alert_id}")
    return _repo(session).get(alert_id)


# ---- test send ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialReport:
    languages: tuple[str, ...]
    accepted: int
    refused: int
    password_mail: bool


def send_test(session: Session, alert_id: int, to: str, transport: MailTransport) -> TrialReport:
    """Send the alert, each language as it will go out, to a staff member's own address
    (marked as a test). With a personal-data attachment, the ZIP's password is *not* sent:
    it goes in a separate mail only with :func:`send_password` (R4.5)."""
    target = f"alert:{alert_id}"
    session.require(Permission.COMPOSE_ALERTS, "alert.test_send", target)
    check_address("test address", to)
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
        token = secrets.token_hex(4)
        message_id = f"<kishomail.alert{alert_id}.test.{language}.{token}@{domain}>"
        envelopes.append(
            MessageTemplate(marked, Mode.INDIVIDUAL).individual(
                to, message_id, office.subscription_page_url
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
        detail=_hash_detail(alert, accepted=accepted, to="(the officer's own address)"),
    )
    return TrialReport(alert.languages, accepted, refused, False)


def send_password(
    session: Session, alert_id: int, to: str, password: str, transport: MailTransport
) -> bool:
    """The attachment ZIP's password in its own mail (never with the file, R4.5)."""
    target = f"alert:{alert_id}"
    session.require(Permission.COMPOSE_ALERTS, "alert.password_mail", target)
    check_address("address", to)
    alert = _repo(session).get(alert_id)
    if not alert.attachment_personal:
        raise ValidationError(f"Alert {alert_id} has no encrypted attachment.")
    office = office_from(session.connection)
    message = EmailMessage()
    message["Subject"] = f"パスワードのお知らせ (manual alert {alert_id})"
    message["From"] = f"{office.name_ja} <{office.from_address}>"
    message["To"] = to
    message_id = (
        f"<kishomail.alert{alert_id}.pw.{secrets.token_hex(4)}@{_domain(session.connection)}>"
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


# ---- the scheduler's job ------------------------------------------------------------------


def send_due(store: Store, clock: Clock) -> list[int]:
    """Enqueue every scheduled alert whose time has come; returns the new dispatch ids.

    Runs in the service's scheduler (its own thread and connection). An alert whose stored
    content no longer matches its approved hash is not sent: it is marked in the audit log."""
    connection = store.connection()
    audit = AuditLog(connection, clock)
    now = to_iso(clock.now())
    due = connection.execute(
        "SELECT id FROM manual_alerts WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at",
        (now,),
    ).fetchall()
    dispatched = []
    repo = ManualAlertRepository(connection)
    for (alert_id,) in due:
        with transaction(connection):
            alert = repo.get(alert_id)
            if alert.status is not AlertStatus.SCHEDULED:
                continue
            try:
                _check_sendable(connection, alert)
            except KishomailError as error:
                audit.append(
                    SCHEDULER_ACTOR,
                    "alert.send",
                    target=f"alert:{alert_id}",
                    outcome="refused",
                    detail={"reason": error.message[:300]},
                )
                continue
            dispatch_id = _enqueue(connection, clock, alert, SCHEDULER_ACTOR, _domain(connection))
            audit.append(
                SCHEDULER_ACTOR,
                "alert.send",
                target=f"alert:{alert_id}",
                detail=_hash_detail(
                    alert,
                    dispatch=dispatch_id,
                    scheduled_for=alert.send_at,
                    approver=alert.approver,
                    author=alert.author,
                    recipients=_dispatch_total(connection, dispatch_id),
                ),
            )
        dispatched.append(dispatch_id)
        log.info("scheduled manual alert %d enqueued as dispatch %d", alert_id, dispatch_id)
    return dispatched
