"""Alert mail bytes: render once per (content, language), then substitute per recipient.

Building an ``EmailMessage`` costs about 1 ms, which is the whole per-message budget at
1,000 messages/s. So a :class:`MessageTemplate` builds the message once with
``email.policy.SMTP`` (CRLF line endings), with ASCII placeholders where the per-recipient
values go, splits the serialized bytes around them, and :meth:`MessageTemplate.individual`
or :meth:`MessageTemplate.batch` only join byte strings (and, for a UTF-8 body with a personal
link, base64-encode the body from the link's line on: a few microseconds).

Two BCC-safe modes:

* *batch* — one message for up to N recipients; ``To:`` is the office's own address and the
  recipients appear only in the SMTP envelope, never in a header or the body;
* *individual* — one message per recipient, ``To:`` is that recipient, the body carries a
  personal unsubscribe link and the headers ``List-Unsubscribe`` and
  ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058).

Per-recipient values are ASCII (addresses, Message-IDs, https links) and are substituted into
parts that are not transfer-encoded, so substitution stays correct in both charsets:

* UTF-8: headers are RFC 2047 encoded words built once; the body is base64 (safe through any
  relay, no 8BITMIME needed) and is re-encoded per recipient only when it holds a link;
* ISO-2022-JP (old carrier phones): a 7bit body; every encoded piece ends in ASCII mode, so
  an ASCII link can be placed between two pieces as it is.

Attachments (:class:`Attachment`) make the message ``multipart/mixed``: the text part comes
first and is still built per recipient as above; the attachment parts (base64) are rendered once
and appended as fixed bytes, after a boundary fixed by the content (so the same content always
gives the same bytes, and the boundary can appear in no part). File names go in RFC 2231 form
(``filename*=utf-8''…``) when they are not ASCII. The attachments of one mail may take at most
:data:`MAX_ATTACHMENTS_MAIL_BYTES` as sent (base64 adds a third): carriers refuse larger mail.

This module is pure: no I/O, no clock unless the caller gives no date.
"""

from __future__ import annotations

import base64
import email.policy
import email.utils
import enum
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage

from dispatch.base.errors import KishomailError
from dispatch.base.vocabulary import Charset

__all__ = [
    "MAX_ATTACHMENTS_MAIL_BYTES",
    "UNSUBSCRIBE_URL_SLOT",
    "Attachment",
    "AttachmentError",
    "Charset",
    "Envelope",
    "HeaderInjectionError",
    "InvalidAddressError",
    "MessageContent",
    "MessageError",
    "MessageTemplate",
    "Mode",
    "TemplateError",
    "check_attachment",
    "check_attachments",
    "chunked",
    "kishomail_message_id",
    "message_id_for",
]

#: Where the personal unsubscribe link goes in an individual-mode body (exactly once).
UNSUBSCRIBE_URL_SLOT = "{unsubscribe_url}"

# Placeholders for per-recipient values: valid in their header (the policy parses To: as an
# address and Message-ID as a msg-id), ASCII, never folded apart, and never real values.
_SLOT_TO = "kishomail-slot-to@slot.invalid"
_SLOT_MESSAGE_ID = "<kishomail-slot-message-id@slot.invalid>"
_SLOT_UNSUBSCRIBE = "kishomail-slot-unsubscribe"
_SLOT_SUBJECT = "kishomail-slot-subject"
_SLOT_FROM = "kishomail-slot-from@slot.invalid"
_SLOT_BODY = "kishomail-slot-body"

# The replacement mark Japanese mail has long used for characters a charset lacks (geta).
_GETA = "〓"
_MAX_LINE_OCTETS = 998  # RFC 5322 §2.1.1, without CRLF

_FORBIDDEN_IN_HEADER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# Deliberately narrow: atext and dots, ASCII only (no SMTPUTF8), no quoting, so that an
# address can never break out of a header or an SMTP command. Consecutive dots and a dot
# before "@" stay allowed: docomo and au issued such addresses before 2009 and they work.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9][A-Za-z0-9.-]{0,251}")
_MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,200}@[A-Za-z0-9.-]{1,253}>")
# Short enough that "List-Unsubscribe: <url>" stays within the 998-octet line limit.
_URL = re.compile(r"https://[\x21-\x3b\x3d\x3f-\x7e]{1,900}")

#: The most the attachment parts of one mail may take as sent (base64, so about 4/3 of the
#: files): the mail servers of the mobile carriers (docomo, au, SoftBank) refuse mail over
#: about 10 MB, and some old phones far less.
MAX_ATTACHMENTS_MAIL_BYTES = 10 * 1024 * 1024
_MAX_FILENAME_CHARS = 200
_CONTENT_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")
_BASE64_LINE_BYTES = 57  # what the email package puts on one 76-character base64 line


class MessageError(KishomailError, ValueError):
    """Base of the typed errors of this module; ``code`` is stable for the GUI and CLI."""

    code = "message"


class HeaderInjectionError(MessageError):
    """A header value held CR, LF or another control character (header injection)."""

    code = "message.header_injection"

    def __init__(self, field_name: str) -> None:
        # The value itself is not repeated: it may be an address or attacker-controlled text.
        super().__init__(f"{field_name}: control characters (CR/LF) are not allowed in a header")
        self.field_name = field_name


class InvalidAddressError(MessageError):
    """An address, Message-ID or link is not in the plain ASCII form this module accepts."""

    code = "message.invalid_address"

    def __init__(self, field_name: str) -> None:
        super().__init__(f"{field_name}: not a plain ASCII address/identifier")
        self.field_name = field_name


class TemplateError(MessageError):
    """The content does not fit the mode (slot missing or repeated, line too long)."""

    code = "message.template"


class TemplateLoadError(MessageError):
    """A template file is missing, malformed or uses a placeholder this module does not fill.

    ``problem`` names what is wrong in a way a screen can word in its own language
    (``slot``, ``subject_line``, ``stray_dollar``, ``unknown_placeholder``, ``placeholder_count``;
    empty for the rest), ``detail`` the placeholder(s) concerned; the message is for logs and
    the command line."""

    code = "render.template"  # kept: the GUI and the CLI know it

    def __init__(self, message: str, *, problem: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.detail = detail


class AttachmentError(MessageError):
    """An attachment the mail cannot carry (bad file name or type, too large)."""

    code = "message.attachment"


class Mode(enum.StrEnum):
    BATCH = "batch"
    INDIVIDUAL = "individual"


@dataclass(frozen=True, slots=True)
class Envelope:
    """One SMTP transaction: who is in ``RCPT TO``, and the message bytes (CRLF, not
    dot-stuffed). ``message_id`` with ``recipient`` identifies an outbox delivery."""

    sender: str
    recipients: tuple[str, ...]
    data: bytes
    message_id: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that goes with the mail, as it is (sent base64)."""

    #: The name the resident sees: no path, no control characters; Japanese is fine.
    filename: str
    #: ``type/subtype``, e.g. ``application/pdf``.
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class MessageContent:
    """What one alert mail says, in one language and charset."""

    subject: str
    body: str
    #: The office's address: ``From:`` and, in batch mode, ``To:``; control copies go here.
    office_address: str
    office_name: str = ""
    #: The ``MAIL FROM`` (bounce) address; the office address when not given.
    envelope_sender: str | None = None
    reply_to: str | None = None
    charset: Charset = Charset.UTF8
    #: The ``Date:``; now (local time) when not given. Give one per dispatch.
    date: datetime | None = None
    #: Batch mode only: a general (not personal) unsubscribe page for ``List-Unsubscribe``.
    list_unsubscribe_url: str | None = None
    extra_headers: tuple[tuple[str, str], ...] = field(default=())
    #: Files after the text (the mail becomes ``multipart/mixed``); the same for everyone.
    attachments: tuple[Attachment, ...] = field(default=())


def check_header_value(field_name: str, value: str) -> str:
    """Return ``value`` if it holds no CR, LF or other control character, else raise."""
    if _FORBIDDEN_IN_HEADER.search(value):
        raise HeaderInjectionError(field_name)
    return value


def check_address(field_name: str, address: str) -> str:
    check_header_value(field_name, address)
    if not _ADDRESS.fullmatch(address):
        raise InvalidAddressError(field_name)
    return address


def check_message_id(message_id: str) -> str:
    check_header_value("Message-ID", message_id)
    if not _MESSAGE_ID.fullmatch(message_id):
        raise InvalidAddressError("Message-ID")
    return message_id


def check_url(field_name: str, url: str) -> str:
    check_header_value(field_name, url)
    if not _URL.fullmatch(url):
        raise InvalidAddressError(field_name)
    return url


def check_attachment(attachment: Attachment) -> Attachment:
    """Return ``attachment`` if its name and type can go in a header as they are, else raise."""
    name = attachment.filename
    check_header_value("attachment filename", name)
    if "/" in name or "\\" in name:
        raise AttachmentError(
            "attachment filename: give the file's name only, without a folder (no / or \\)"
        )
    if not name.strip(". "):
        raise AttachmentError("attachment filename: the file needs a name")
    if len(name) > _MAX_FILENAME_CHARS:
        raise AttachmentError(
            f"attachment filename: at most {_MAX_FILENAME_CHARS} characters, please"
        )
    check_header_value("attachment content_type", attachment.content_type)
    maintype = attachment.content_type.partition("/")[0]
    if not _CONTENT_TYPE.fullmatch(attachment.content_type) or maintype in (
        "multipart",
        "message",
    ):
        raise AttachmentError(
            f"attachment {name}: {attachment.content_type!r} is not a file type "
            "(give e.g. application/pdf)"
        )
    if not attachment.data:
        raise AttachmentError(f"attachment {name} is empty")
    return attachment


def _base64_mail_bytes(size: int) -> int:
    """How many octets ``size`` bytes take in the mail as base64 lines with CRLF."""
    lines = -(-size // _BASE64_LINE_BYTES)
    return -(-size // 3) * 4 + 2 * lines


def check_attachments(attachments: Sequence[Attachment]) -> tuple[Attachment, ...]:
    """Check each attachment (:func:`check_attachment`) and their total size as sent."""
    checked = tuple(check_attachment(a) for a in attachments)
    _check_attachments_size(checked)
    return checked


def _check_attachments_size(attachments: Sequence[Attachment]) -> None:
    raw = sum(len(a.data) for a in attachments)
    sent = sum(_base64_mail_bytes(len(a.data)) for a in attachments)
    if sent > MAX_ATTACHMENTS_MAIL_BYTES:
        mib = 1024 * 1024
        raise AttachmentError(
            f"the attachments ({raw / mib:.1f} MB) take {sent / mib:.1f} MB in the mail "
            "(base64 adds a third); the mobile carriers' mail servers refuse mail over "
            f"{MAX_ATTACHMENTS_MAIL_BYTES // mib} MB, so many residents would get nothing. "
            "Send a smaller file, or put it on the ward's web page and give its address."
        )


def kishomail_message_id(domain: str, *parts: object) -> str:
    """The Message-ID of a mail kishomail sends: ``<kishomail.PART.PART…@domain>``, e.g.
    ``<kishomail.12.345@city.example.jp>`` for dispatch 12 to subscriber 345.

    The one place the format is written: the outbox, the sender, the control copy and the
    manual alerts' test and password mails all build their ids here, and the delivery log and
    the residents' mail programs match replies and duplicates by it."""
    return f"<kishomail.{'.'.join(str(part) for part in parts)}@{domain}>"


def message_id_for(*parts: str, domain: str) -> str:
    """A stable Message-ID for, e.g., (alert id, subscriber id): the same inputs always give
    the same id, so a resent message can be recognised as a duplicate."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]
    return check_message_id(f"<{digest}@{domain}>")


def chunked(items: Sequence[str], size: int) -> Iterator[tuple[str, ...]]:
    """Split recipients into envelopes of at most ``size`` (batch mode)."""
    if size < 1:
        raise ValueError("size must be at least 1")
    for start in range(0, len(items), size):
        yield tuple(items[start : start + size])


class MessageTemplate:
    """A message rendered once; per-recipient bytes come from :meth:`individual` (individual
    mode) or :meth:`batch` (batch mode) in microseconds."""

    def __init__(self, content: MessageContent, mode: Mode) -> None:
        self.content = content
        self.mode = mode
        self.office_address = check_address("office_address", content.office_address)
        self.envelope_sender = check_address(
            "envelope_sender", content.envelope_sender or content.office_address
        )
        #: How many characters the charset lacked and were replaced by 〓 (log it, warn).
        self.replaced_characters = 0
        self._check_headers()
        self._body_prefix, self._body_suffix = self._encode_body_pieces()
        self._attachments = check_attachments(content.attachments)
        self._boundary = self._boundary_for() if self._attachments else b""
        #: After the text part: the attachment parts and the closing boundary (fixed bytes).
        self._tail = b""
        self._head = self._render_head()
        # Octets around the link on its line: a 7bit line must stay within 998 octets.
        self._link_line_rest = len(self._body_prefix.rpartition(b"\r\n")[2]) + len(
            self._body_suffix.partition(b"\r\n")[0]
        )
        self._base64_body = content.charset is Charset.UTF8
        # A base64 body's whole lines before the link are the same for every recipient:
        # encoded once here, only the rest (from the link's line on) per recipient. (A 7bit
        # body is not encoded: it is all "rest".)
        fixed = (
            len(self._body_prefix) // _BASE64_LINE_BYTES * _BASE64_LINE_BYTES
            if self._base64_body and self.mode is Mode.INDIVIDUAL
            else 0
        )
        self._encoded_lead = _base64_lines(self._body_prefix[:fixed])
        self._unencoded_rest = self._body_prefix[fixed:]
        self._fixed_body = (
            self._transfer_encode(self._body_prefix) + self._tail
            if self.mode is Mode.BATCH
            else b""
        )

    # -- per recipient -------------------------------------------------------------------

    def individual(
        self, recipient: str, message_id: str, unsubscribe_url: str, sender: str | None = None
    ) -> Envelope:
        """One message for one recipient, with that recipient's unsubscribe link; ``sender``
        is this delivery's own ``MAIL FROM`` (its bounce address), else the template's."""
        if self.mode is not Mode.INDIVIDUAL:
            raise TemplateError("individual() needs a template built in individual mode")
        check_address("recipient", recipient)
        check_message_id(message_id)
        check_url("unsubscribe_url", unsubscribe_url)
        url = unsubscribe_url.encode("ascii")
        if not self._base64_body:
            if self._link_line_rest + len(url) > _MAX_LINE_OCTETS:
                raise TemplateError("the unsubscribe link makes its body line too long")
            if self._boundary and self._boundary in url:
                raise TemplateError("the unsubscribe link holds the MIME boundary")
        rest = self._unencoded_rest + url + self._body_suffix
        body = self._encoded_lead + self._transfer_encode(rest)
        head = self._head
        data = b"".join(
            (
                head[0],
                recipient.encode("ascii"),
                head[1],
                message_id.encode("ascii"),
                head[2],
                url,
                head[3],
                body,
                self._tail,
            )
        )
        return Envelope(self._sender(sender), (recipient,), data, message_id)

    def batch(
        self, recipients: Iterable[str], message_id: str, sender: str | None = None
    ) -> Envelope:
        """One message for several recipients: they are in the envelope only. ``sender``:
        the envelope's own ``MAIL FROM`` (its bounce address), else the template's."""
        if self.mode is not Mode.BATCH:
            raise TemplateError("batch() needs a template built in batch mode")
        rcpts = tuple(check_address("recipient", r) for r in recipients)
        if not rcpts:
            raise TemplateError("a batch needs at least one recipient")
        check_message_id(message_id)
        head = self._head
        data = b"".join((head[0], message_id.encode("ascii"), head[1], self._fixed_body))
        return Envelope(self._sender(sender), rcpts, data, message_id)

    def _sender(self, sender: str | None) -> str:
        return self.envelope_sender if sender is None else check_address("sender", sender)

    def control_copy(self, message_id: str, unsubscribe_url: str | None = None) -> Envelope:
        """The office's own copy of this dispatch (R3.5): the same message, to the office.

        In individual mode the link slot needs a value; without one the office gets the
        general unsubscribe page or, failing that, a link that plainly says it is a copy.
        """
        if self.mode is Mode.BATCH:
            return self.batch((self.office_address,), message_id)
        url = unsubscribe_url or self.content.list_unsubscribe_url
        return self.individual(
            self.office_address, message_id, url or "https://control-copy.invalid/"
        )

    # -- rendering once --------------------------------------------------------------------

    def _check_headers(self) -> None:
        content = self.content
        check_header_value("subject", content.subject)
        check_header_value("office_name", content.office_name)
        if content.list_unsubscribe_url is not None:
            check_url("list_unsubscribe_url", content.list_unsubscribe_url)
        if content.reply_to is not None:
            check_address("reply_to", content.reply_to)
        for name, value in content.extra_headers:
            check_header_value("header name", name)
            check_header_value(name, value)

    def _write_headers(self, msg: EmailMessage) -> None:
        """The message's headers, with slots where they differ per recipient."""
        content = self.content
        iso = content.charset is Charset.ISO_2022_JP
        msg["Date"] = email.utils.format_datetime(content.date or email.utils.localtime())
        # The email package always writes non-ASCII headers as UTF-8 encoded words; for
        # ISO-2022-JP the two text headers are encoded here once and put in after rendering.
        if iso:
            msg["From"] = _SLOT_FROM
            msg["Subject"] = _SLOT_SUBJECT
        else:
            msg["From"] = Address(content.office_name, addr_spec=self.office_address)
            msg["Subject"] = content.subject
        if self.mode is Mode.INDIVIDUAL:
            msg["To"] = _SLOT_TO
        else:
            msg["To"] = self.office_address
        if content.reply_to:
            msg["Reply-To"] = content.reply_to
        msg["Message-ID"] = _SLOT_MESSAGE_ID
        msg["Precedence"] = "bulk"
        msg["Auto-Submitted"] = "auto-generated"
        if self.mode is Mode.INDIVIDUAL:
            msg["List-Unsubscribe"] = f"<{_SLOT_UNSUBSCRIBE}>"
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        elif content.list_unsubscribe_url:
            msg["List-Unsubscribe"] = f"<{content.list_unsubscribe_url}>"
        for name, value in content.extra_headers:
            msg[name] = value

    def _render_head(self) -> tuple[bytes, ...]:
        content = self.content
        msg = EmailMessage(policy=email.policy.SMTP)
        self._write_headers(msg)
        cte = "base64" if content.charset is Charset.UTF8 else "7bit"
        # The body is encoded by this class (per recipient when it holds a link); the email
        # package only writes the MIME headers that describe it.
        msg.set_content(_SLOT_BODY, charset=content.charset.value, cte=cte)
        if self._attachments:
            msg.make_mixed(boundary=self._boundary.decode("ascii"))
            for attachment in self._attachments:
                maintype, _, subtype = attachment.content_type.partition("/")
                msg.add_attachment(
                    attachment.data,
                    maintype=maintype,
                    subtype=subtype,
                    filename=attachment.filename,
                    # Also on Content-Type: some phones read only this one.
                    params={"name": attachment.filename},
                )
        rendered = msg.as_bytes()

        head, sep, rest = rendered.partition(b"\r\n\r\n")
        if self._attachments:
            # --boundary, the text part's own headers, its (placeholder) body, then the
            # attachment parts: everything after the text body is the same for everyone.
            part_head, part_sep, rest = rest.partition(b"\r\n\r\n")
            if not part_head.startswith(b"--" + self._boundary + b"\r\n") or not part_sep:
                raise TemplateError("unexpected MIME rendering")  # pragma: no cover - guard
            placeholder, tail_sep, tail = rest.partition(b"\r\n--" + self._boundary)
            if cte == "base64":
                placeholder = base64.b64decode(placeholder)
            if placeholder.rstrip(b"\r\n") != _SLOT_BODY.encode() or not tail.endswith(b"--\r\n"):
                raise TemplateError("unexpected MIME rendering")  # pragma: no cover - guard
            self._tail = tail_sep + tail
            head += sep + part_head
            sep = part_sep
        if not sep or b"Content-Transfer-Encoding: " + cte.encode() not in head:
            raise TemplateError("unexpected MIME rendering")  # pragma: no cover - guard
        head += sep

        if content.charset is Charset.ISO_2022_JP:
            subject = Header(self._iso_text(content.subject), "iso-2022-jp", header_name="Subject")
            encoded_subject = subject.encode(linesep="\r\n", maxlinelen=76)
            from_value = self.office_address
            if content.office_name:
                name = self._iso_text(content.office_name)
                from_value = email.utils.formataddr(
                    (name, self.office_address), charset="iso-2022-jp"
                )
            head = _replace_once(head, _SLOT_SUBJECT, encoded_subject.encode("ascii"))
            head = _replace_once(head, _SLOT_FROM, from_value.encode("ascii"))

        slots: tuple[str, ...]
        if self.mode is Mode.INDIVIDUAL:
            slots = (_SLOT_TO, _SLOT_MESSAGE_ID, _SLOT_UNSUBSCRIBE)
        else:
            slots = (_SLOT_MESSAGE_ID,)
        return _split_on_slots(head, slots)

    def _boundary_for(self) -> bytes:
        """A boundary fixed by the content: the same mail always gets the same bytes.

        "=_" occurs in no base64 text, so only a 7bit body (or link) could hold it; that is
        checked here and per recipient."""
        digest = hashlib.sha256()
        for piece in (self.content.subject, self.content.body):
            digest.update(piece.encode("utf-8") + b"\x1f")
        for attachment in self.content.attachments:
            digest.update(attachment.filename.encode("utf-8") + b"\x1f")
            digest.update(hashlib.sha256(attachment.data).digest())
        boundary = b"=_kishomail_" + digest.hexdigest()[:32].encode("ascii")
        if boundary in self._body_prefix or boundary in self._body_suffix:
            raise TemplateError("the body holds the MIME boundary")  # pragma: no cover
        return boundary

    def _iso_text(self, text: str) -> str:
        """``text`` with the characters ISO-2022-JP lacks replaced by 〓 (counted)."""
        out = []
        for char in text:
            try:
                char.encode("iso-2022-jp")
            except UnicodeEncodeError:
                self.replaced_characters += 1
                char = _GETA
            out.append(char)
        return "".join(out)

    def _encode_body_pieces(self) -> tuple[bytes, bytes]:
        body = self.content.body
        count = body.count(UNSUBSCRIBE_URL_SLOT)
        if self.mode is Mode.INDIVIDUAL and count != 1:
            raise TemplateError(
                f"an individual-mode body must hold {UNSUBSCRIBE_URL_SLOT} exactly once"
            )
        if self.mode is Mode.BATCH and count:
            raise TemplateError(f"a batch-mode body cannot hold {UNSUBSCRIBE_URL_SLOT}")
        prefix, _, suffix = body.partition(UNSUBSCRIBE_URL_SLOT)
        return self._encode_text(prefix), self._encode_text(suffix)

    def _encode_text(self, text: str) -> bytes:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if self.content.charset is Charset.UTF8:
            return "\r\n".join(lines).encode("utf-8")
        # Each line is encoded on its own so that it starts and ends in ASCII mode (what old
        # phones expect, and what lets an ASCII link sit between two encoded pieces).
        encoded = [self._iso_text(line).encode("iso-2022-jp") for line in lines]
        if any(len(line) > _MAX_LINE_OCTETS - 100 for line in encoded):
            raise TemplateError("a body line is too long for a 7bit message")
        return b"\r\n".join(encoded)

    def _transfer_encode(self, body: bytes) -> bytes:
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        if self._base64_body:
            return _base64_lines(body)
        return body


def _base64_lines(data: bytes) -> bytes:
    """``data`` in base64, 76 characters (57 bytes) a line, each line ending in CRLF."""
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _replace_once(data: bytes, slot: str, value: bytes) -> bytes:
    token = slot.encode("ascii")
    if data.count(token) != 1:
        raise TemplateError("unexpected header rendering")  # pragma: no cover - guard
    return data.replace(token, value)


def _split_on_slots(head: bytes, slots: Sequence[str]) -> tuple[bytes, ...]:
    """Split ``head`` around each slot (in order), checking each occurs exactly once."""
    pieces: list[bytes] = []
    rest = head
    for slot in slots:
        token = slot.encode("ascii")
        if head.count(token) != 1 or token not in rest:
            raise TemplateError("unexpected header rendering")  # pragma: no cover - guard
        before, _, rest = rest.partition(token)
        pieces.append(before)
    pieces.append(rest)
    return tuple(pieces)
