"""What a mail in the registration mailbox is: a request to register, a request to stop, a
bounce (DSN) to count, or something to ignore. Pure functions over the message bytes.

Ignored, so that two robots never mail each other forever (RFC 3834): any ``Auto-Submitted``
other than ``no``; ``Precedence: bulk``, ``junk`` or ``list``; mailing-list and
auto-responder headers; mail from ``MAILER-DAEMON``/``postmaster``; mail from our own
addresses; mail without exactly one valid ``From`` address.
"""

from __future__ import annotations

import email.message
import email.policy
import email.utils
import re
import unicodedata
from dataclasses import dataclass, field
from email.parser import BytesParser
from enum import StrEnum

from dispatch.base.addresses import normalise_address
from dispatch.base.errors import ValidationError
from dispatch.mail.bounces import plain_body, status_groups


class Kind(StrEnum):
    REGISTER = "register"
    STOP = "stop"
    BOUNCE = "bounce"
    IGNORE = "ignore"


@dataclass(frozen=True)
class FailedRecipient:
    address: str
    status: str  # the DSN status code, e.g. 5.1.1


@dataclass(frozen=True)
class Inbound:
    kind: Kind
    sender: str = ""  # the normalised From address (REGISTER, STOP)
    reason: str = ""  # why it was ignored
    failed: tuple[FailedRecipient, ...] = ()  # BOUNCE: permanent failures only
    original_message_ids: tuple[str, ...] = field(default=())  # BOUNCE: what bounced


_STOP_WORDS = ("stop", "停止", "ていし", "teishi", "unsubscribe", "解除", "配信停止", "とめて")
_ROBOT_SENDERS = ("mailer-daemon", "postmaster", "noreply", "no-reply")
_AUTO_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-Auto-Response-Suppress",
    "List-Id",
    "List-Post",
    "X-Loop",
)
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")


def parse(data: bytes) -> email.message.EmailMessage:
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    assert isinstance(message, email.message.EmailMessage)
    return message


def classify(data: bytes, own_addresses: tuple[str, ...] = ()) -> Inbound:
    try:
        message = parse(data)
    except Exception:  # a mail that cannot be parsed is not acted on
        return Inbound(Kind.IGNORE, reason="unparseable")
    if _is_dsn(message):
        return _bounce(message)
    for header in ("Auto-Submitted",):
        value = str(message.get(header, "") or "").strip().lower()
        if value and value.split(";")[0].strip() != "no":
            return Inbound(Kind.IGNORE, reason="auto-submitted")
    precedence = str(message.get("Precedence", "") or "").strip().lower()
    if precedence in ("bulk", "junk", "list"):
        return Inbound(Kind.IGNORE, reason="precedence")
    if any(message.get(header) is not None for header in _AUTO_HEADERS):
        return Inbound(Kind.IGNORE, reason="auto-reply or list")
    sender = _single_from(message)
    if sender is None:
        return Inbound(Kind.IGNORE, reason="no single valid From")
    local = sender.split("@")[0]
    if local in _ROBOT_SENDERS or local.startswith(("mailer-daemon", "bounce")):
        return Inbound(Kind.IGNORE, reason="robot sender")
    if sender in own_addresses:
        return Inbound(Kind.IGNORE, reason="own address (loop)")
    if _asks_to_stop(message):
        return Inbound(Kind.STOP, sender=sender)
    return Inbound(Kind.REGISTER, sender=sender)


def _single_from(message: email.message.EmailMessage) -> str | None:
    values = message.get_all("From") or []
    if len(values) != 1:
        return None
    addresses = email.utils.getaddresses([str(values[0])])
    if len(addresses) != 1 or not addresses[0][1]:
        return None
    try:
        return normalise_address(addresses[0][1])
    except ValidationError:
        return None


def _asks_to_stop(message: email.message.EmailMessage) -> bool:
    """The subject, or the first line of the body that is not quoted, is a stop word."""
    candidates = [str(message.get("Subject", "") or "")]
    for line in plain_body(message).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(">"):
            candidates.append(stripped)
            break
    for text in candidates:
        word = unicodedata.normalize("NFKC", text).strip().lower()
        word = re.sub(r"^(re|fw|fwd)\s*:\s*", "", word).strip(" 　。.!！")
        if word in _STOP_WORDS:
            return True
    return False


# ---- delivery status notifications (RFC 3464) -----------------------------------------------


def _is_dsn(message: email.message.EmailMessage) -> bool:
    return (
        message.get_content_type() == "multipart/report"
        and str(message.get_param("report-type", "") or "").lower() == "delivery-status"
    )


def _bounce(message: email.message.EmailMessage) -> Inbound:
    failed: list[FailedRecipient] = []
    message_ids: list[str] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            failed.extend(_failed_recipients(part))
        elif content_type in ("message/rfc822", "text/rfc822-headers"):
            message_ids.extend(_returned_message_ids(part))
    if not failed:
        return Inbound(Kind.IGNORE, reason="delivery report without a permanent failure")
    return Inbound(
        Kind.BOUNCE, failed=tuple(failed), original_message_ids=tuple(dict.fromkeys(message_ids))
    )


def _failed_recipients(part: email.message.Message) -> list[FailedRecipient]:
    found = []
    for group in status_groups(part):
        action = group.get("action", "").lower()
        status = group.get("status", "").strip()
        recipient = group.get("final-recipient") or group.get("original-recipient") or ""
        if action != "failed" or not status.startswith("5"):
            continue
        address_type, _, address = recipient.partition(";")
        if address_type.strip().lower() != "rfc822":
            continue
        try:
            found.append(FailedRecipient(normalise_address(address.strip()), status.split()[0]))
        except ValidationError:
            continue
    return found


def _returned_message_ids(part: email.message.Message) -> list[str]:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], email.message.Message):
        inner = payload[0]
        values = inner.get_all("Message-ID") or []
        return [m for v in values for m in _MESSAGE_ID.findall(str(v))]
    text = payload if isinstance(payload, str) else ""
    found = []
    for line in text.splitlines():
        if line.lower().startswith("message-id:"):
            found.extend(_MESSAGE_ID.findall(line))
    return found
