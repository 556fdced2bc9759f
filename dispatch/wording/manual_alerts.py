"""The words of manual alerts: categories, ready templates, the checks on what an officer
wrote, and the mail residents get (correction line, encrypted-file note, footer, headers).

:func:`render_manual` is used by the staff's preview and test send; the engine's sender reaches
it through :func:`render_for_dispatch` when a dispatch was a manual alert.
"""

from __future__ import annotations

import string
from datetime import datetime

from dispatch.base.clock import TOKYO, from_iso
from dispatch.base.errors import ValidationError
from dispatch.base.vocabulary import Charset
from dispatch.mail.message import UNSUBSCRIBE_URL_SLOT, MessageContent, Mode
from dispatch.records.manual_alerts import (
    LANGUAGES,
    AlertText,
    Draft,
    ManualAlert,
    ManualAlertRepository,
)
from dispatch.records.settings import OfficeProfile
from dispatch.store.database import Connection
from dispatch.wording.library import default_library

MAX_SUBJECT_CHARS = 120
MAX_BODY_CHARS = 20_000
#: The header that says how the alert was approved (seen in the office's control copy).
APPROVAL_HEADER = "X-Kishomail-Approval"
EMERGENCY_MARK = "SINGLE-PERSON EMERGENCY SEND - no second officer checked this mail"

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
            sent = tokyo_time(original.sent_at) if original.sent_at else ""
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


def tokyo_time(stamp: str) -> str:
    """An ISO time stamp as Tokyo wall-clock minutes (how staff and residents read times)."""
    return from_iso(stamp).astimezone(TOKYO).strftime("%Y-%m-%d %H:%M")
