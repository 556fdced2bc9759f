"""Bounces of alert mail: the per-delivery bounce address (VERP) and reading a bounce's bytes.

Every alert mail goes out with ``MAIL FROM:<bounce+TOKEN@domain>``: ``TOKEN`` is random and
stored with the delivery (in batch mode with the envelope), so a bounce is tied to what was
sent by the address it comes back to — never by anything its text claims. :func:`read_bounce`
turns a mail from the bounce mailbox into a :class:`Bounce`: the tokens it was addressed to
and the recipients it reports as failed, each hard (5.x.x) or soft (4.x.x).

Understood shapes:

* RFC 3464 delivery status notifications (``multipart/report; report-type=delivery-status``);
* the plain-text bounces of the Japanese carriers and of relays talking to them: au's
  "Mail System Error - Returned Mail" (``Postmaster@ezweb.ne.jp`` / ``au.com``), the
  sendmail-style "while talking to mfsmax.docomo.ne.jp" transcript for docomo, and the
  Postfix-style "host mx.softbank.ne.jp said: 550 …" text for SoftBank.

Pure functions over bytes; nothing here knows the store (the records floor decides whether a
bounce is genuine: a token we issued, naming that delivery's own address).
"""

from __future__ import annotations

import email.message
import email.policy
import email.utils
import re
import secrets
from dataclasses import dataclass
from email.parser import BytesParser

from dispatch.base.addresses import normalise_address
from dispatch.base.errors import ValidationError

#: More failed recipients than this in one bounce is not a bounce of ours (a batch envelope
#: holds at most 100): the whole mail is treated as forged.
MAX_RECIPIENTS = 100
#: Reading stops here: a mail claiming thousands of recipients costs no more than this.
_READ_AT_MOST = MAX_RECIPIENTS + 1

_TOKEN = re.compile(r"[0-9a-f]{24}")
_ADDRESS_IN_ANGLES = re.compile(r"<([^<>\s@]{1,64}@[^<>\s@]{1,255})>")
_SMTP_REPLY = re.compile(r"(?<![\d.])([45])\d\d[ -]")
_ENHANCED = re.compile(r"(?<![\d.])([45]\.\d{1,3}\.\d{1,3})(?![\d.])")

CARRIER_DOMAINS = {
    "docomo": ("docomo.ne.jp",),
    "au": ("ezweb.ne.jp", "au.com"),
    "softbank": ("softbank.ne.jp", "i.softbank.jp", "vodafone.ne.jp", "disney.ne.jp"),
}


def new_token() -> str:
    """A fresh bounce token: 96 random bits as 24 hex digits."""
    return secrets.token_hex(12)


def bounce_address(local_part: str, token: str, domain: str) -> str:
    """``local_part+token@domain``, the ``MAIL FROM`` of one delivery (or batch envelope)."""
    return f"{local_part}+{token}@{domain}"


def token_of(address: str, local_part: str) -> str | None:
    """The token in a bounce address ``local_part+TOKEN@…``, or ``None``."""
    local = address.strip().strip("<>").rpartition("@")[0].lower()
    prefix = local_part.lower() + "+"
    if not local.startswith(prefix):
        return None
    token = local[len(prefix) :]
    return token if _TOKEN.fullmatch(token) else None


@dataclass(frozen=True)
class Failure:
    address: str
    status: str  # e.g. 5.1.1; a bare "5.0.0"/"4.0.0" when only the reply code was given

    @property
    def hard(self) -> bool:
        return self.status.startswith("5")


@dataclass(frozen=True)
class Bounce:
    #: The bounce tokens the mail was addressed to (To, Delivered-To, X-Original-To …).
    tokens: tuple[str, ...]
    failures: tuple[Failure, ...]
    #: ``dsn``, ``docomo``, ``au``, ``softbank`` or ``text`` (another plain-text bounce).
    source: str
    #: More than :data:`MAX_RECIPIENTS` failures were claimed: forged, act on none.
    too_many: bool = False


def _parse(data: bytes) -> email.message.EmailMessage:
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    assert isinstance(message, email.message.EmailMessage)
    return message


def read_bounce(data: bytes, local_part: str) -> Bounce | None:
    """What a mail says as a bounce, or ``None`` when it is not a bounce we can read (it is
    then not ours: the caller leaves it in the mailbox untouched)."""
    try:
        message = _parse(data)
    except Exception:  # a mail that cannot be parsed is not acted on
        return None
    tokens = _tokens(message, local_part)
    if (
        message.get_content_type() == "multipart/report"
        and str(message.get_param("report-type", "") or "").lower() == "delivery-status"
    ):
        failures, too_many = _dsn_failures(message)
        source = "dsn"
    else:
        text = _plain_text(message)
        if not _looks_like_bounce(message, text):
            return None
        failures, too_many = _text_failures(text)
        source = _carrier_of(message, failures)
    if not failures and not too_many:
        return None
    return Bounce(tuple(tokens), tuple(failures), source, too_many)


def _tokens(message: email.message.EmailMessage, local_part: str) -> list[str]:
    found: list[str] = []
    for header in ("To", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"):
        for value in message.get_all(header) or []:
            for _, address in email.utils.getaddresses([str(value)]):
                token = token_of(address, local_part)
                if token is not None and token not in found:
                    found.append(token)
    return found


# ---- RFC 3464 ---------------------------------------------------------------------------------


def status_groups(part: email.message.Message) -> list[dict[str, str]]:
    """The per-message and per-recipient field groups of a message/delivery-status part (at
    most one more than a mail of ours can have: a longer list is forged whatever it says)."""
    payload = part.get_payload()
    groups: list[dict[str, str]] = []
    if isinstance(payload, list):  # the email package parses each group as a message
        for sub in payload[: _READ_AT_MOST + 1]:
            if isinstance(sub, email.message.Message):
                groups.append({k.lower(): str(v) for k, v in sub.items()})
        return groups
    text = payload if isinstance(payload, str) else ""
    for block in re.split(r"\r?\n\s*\r?\n", text)[: _READ_AT_MOST + 1]:
        fields: dict[str, str] = {}
        for line in block.splitlines():
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip().lower()] = value.strip()
        if fields:
            groups.append(fields)
    return groups


def _dsn_failures(message: email.message.EmailMessage) -> tuple[list[Failure], bool]:
    failures: list[Failure] = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for group in status_groups(part):
            failure = _dsn_failure(group)
            if failure is not None:
                failures.append(failure)
            if len(failures) > MAX_RECIPIENTS:
                return [], True
    return failures, False


def _dsn_failure(group: dict[str, str]) -> Failure | None:
    action = group.get("action", "").strip().lower()
    status = group.get("status", "").strip().split(" ")[0]
    # "delayed" is only a warning: the reporting server is still trying, so sending again
    # would make a duplicate. Only a recipient it gave up on ("failed") is a bounce.
    if action != "failed" or not _ENHANCED.fullmatch(status):
        return None
    # The address we sent to: Original-Recipient when the reporting server kept it (a
    # forwarded mailbox's Final-Recipient is an address we never mailed), else Final-Recipient.
    recipient = group.get("original-recipient") or group.get("final-recipient") or ""
    address_type, _, address = recipient.partition(";")
    if address_type.strip().lower() != "rfc822":
        return None
    try:
        return Failure(normalise_address(address.strip().strip("<>")), status)
    except ValidationError:
        return None


# ---- plain-text bounces (carriers, older relays) ----------------------------------------------

_BOUNCE_SUBJECTS = (
    "mail system error - returned mail",  # au (EZweb)
    "returned mail",
    "undelivered mail returned to sender",
    "undeliverable",
    "mail delivery failed",
    "failure notice",
    "delivery status notification",
)


def plain_body(message: email.message.EmailMessage) -> str:
    """The message's plain-text body, or "" when it has none or it cannot be decoded."""
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        return ""
    return content if isinstance(content, str) else ""


def _plain_text(message: email.message.EmailMessage) -> str:
    text = plain_body(message)
    # The returned original (after a dashed line or its own headers) says nothing about
    # the failure and may quote any address: stop before it.
    for marker in ("\n-----------------------------------------", "\nContent-Type: message/rfc822"):
        head, found, _ = text.partition(marker)
        if found:
            text = head
    return text


def _looks_like_bounce(message: email.message.EmailMessage, text: str) -> bool:
    sender = str(message.get("From", "") or "").lower()
    subject = str(message.get("Subject", "") or "").strip().lower()
    robot = "mailer-daemon" in sender or "postmaster" in sender
    return robot and (subject.startswith(_BOUNCE_SUBJECTS) or "permanent fatal" in text.lower())


def _text_failures(text: str) -> tuple[list[Failure], bool]:
    """``<address>`` lines with the reply that goes with them: the same line
    (``<a@ezweb.ne.jp>: 550 user unknown``, ``… said: 550 5.1.1 …``) or the next lines
    (``(reason: 550 Unknown user …)``, ``<<< 550 …``)."""
    failures: dict[str, Failure] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = _ADDRESS_IN_ANGLES.search(line)
        if match is None or line.lstrip().startswith((">>>", "Received:", "From:", "To:")):
            continue
        try:
            address = normalise_address(match.group(1))
        except ValidationError:
            continue
        if address.startswith(("postmaster@", "mailer-daemon@")):
            continue
        status = _status_near(lines, index)
        if status is None or address in failures:
            continue
        failures[address] = Failure(address, status)
        if len(failures) > MAX_RECIPIENTS:
            return [], True
    return list(failures.values()), False


_UNKNOWN_USER = ("account is disabled", "user unknown", "unknown user", "no such user")
_MAILBOX_FULL = ("over quota", "temporarily limited", "mailbox full", "too much mail data")


def _status_near(lines: list[str], index: int) -> str | None:
    """The status of the address on ``lines[index]``: an enhanced code on it or the next
    lines, else what the carriers' words mean (unknown user 5.1.1, full 4.2.2), else the
    reply code alone (5.0.0 / 4.0.0)."""
    window = [_ADDRESS_IN_ANGLES.sub("", line) for line in lines[index : index + 3]]
    for line in window:
        enhanced = _ENHANCED.search(line)
        if enhanced is not None:
            return enhanced.group(1)
    for line in window:
        lowered = line.lower()
        if any(words in lowered for words in _UNKNOWN_USER):
            return "5.1.1"
        if any(words in lowered for words in _MAILBOX_FULL):
            return "4.2.2"
    for line in window:
        reply = _SMTP_REPLY.search(line)
        if reply is not None:
            return f"{reply.group(1)}.0.0"
    return None


def _carrier_of(message: email.message.EmailMessage, failures: list[Failure]) -> str:
    sender = str(message.get("From", "") or "").lower()
    for name, domains in CARRIER_DOMAINS.items():
        if any(sender.endswith(f"@{d}>") or sender.endswith(f"@{d}") for d in domains):
            return name
        for failure in failures:
            domain = failure.address.rpartition("@")[2]
            if any(domain == d or domain.endswith("." + d) for d in domains):
                return name
    return "text"


def reply_status(code: int, reply: str) -> str:
    """The enhanced status of an SMTP reply (``550 5.1.1 User unknown`` → ``5.1.1``), or the
    reply code's class alone (``5.0.0``) when it gives none or one of another class."""
    enhanced = _ENHANCED.search(reply)
    if enhanced is not None and enhanced.group(1)[0] == str(code)[0]:
        return enhanced.group(1)
    return f"{str(code)[0]}.0.0"


def carrier_group(address: str) -> str:
    """docomo, au or softbank for their addresses; ``other`` for the rest."""
    domain = address.rpartition("@")[2].lower()
    for name, domains in CARRIER_DOMAINS.items():
        if any(domain == d or domain.endswith("." + d) for d in domains):
            return name
    return "other"
