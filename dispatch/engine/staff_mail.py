"""Staff notifications as mail: one message per staff contact, through the relay and, when the
relay fails, through the second relay (``notify.fallback_*``).

A notification must not depend on the thing it reports: when the office's relay refuses TLS,
authentication or the connection, the recipients it did not accept are tried again through the
second relay. Every message carries ``X-Kishomail-Notification: <kind>``. The audit log records
the kind, how many contacts accepted it and the way it went — never an address. The text comes
from the engine (counts, titles, times): it never holds a resident's address.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from dispatch.base.clock import Clock
from dispatch.engine.relay import fallback_relay_settings, outgoing
from dispatch.mail.message import Envelope, check_header_value, kishomail_message_id
from dispatch.mail.smtp import MailTransport, MailTransportError, SmtpSettings
from dispatch.records.audit import AuditLog
from dispatch.records.settings import setting
from dispatch.store.database import Store

log = logging.getLogger(__name__)

#: The header every staff notification carries; its value is the notification's kind.
NOTIFICATION_HEADER = "X-Kishomail-Notification"


@dataclass(frozen=True)
class Notice:
    """One staff notification: its kind (the header's value), subject and text."""

    kind: str
    subject: str
    body: str


@dataclass(frozen=True)
class NoticeReport:
    kind: str
    recipients: int
    accepted: int
    #: How it went: "relay", "second relay", "relay+second relay", "local mailbox" or "none".
    via: str

    @property
    def ok(self) -> bool:
        return self.recipients > 0 and self.accepted == self.recipients


def _message(notice: Notice, sender: str, sender_name: str, to: str, domain: str) -> Envelope:
    check_header_value("subject", notice.subject)
    message = EmailMessage()
    message["Subject"] = f"[kishomail] {notice.subject}"
    message["From"] = f"{sender_name} <{sender}>"
    message["To"] = to
    message_id = kishomail_message_id(domain, "notify", notice.kind, secrets.token_hex(6))
    message["Message-ID"] = message_id
    message[NOTIFICATION_HEADER] = notice.kind
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(notice.body)
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    return Envelope(sender, (to,), raw, message_id)


def _send(settings: SmtpSettings, envelopes: Sequence[Envelope]) -> set[str]:
    """The recipients the relay accepted; a relay that cannot be used accepts none."""
    accepted: set[str] = set()
    transport = MailTransport(settings)
    try:
        for result in transport.send(envelopes):
            if str(result.outcome) == "accepted":
                accepted.add(result.recipient)
    except MailTransportError as error:
        log.warning("staff notification: relay %s could not be used: %s", settings.host, error)
    finally:
        transport.close()
    return accepted


def mail_notice(
    store: Store,
    clock: Clock,
    notice: Notice,
    recipients: Sequence[str],
    *,
    actor: str,
) -> NoticeReport:
    """Mail ``notice`` to each of ``recipients`` (staff contacts) and audit it."""
    connection = store.connection()
    sender = setting(connection, "office.address")
    sender_name = setting(connection, "office.name")
    domain = sender.rpartition("@")[2] or "kishomail.invalid"
    envelopes = [_message(notice, sender, sender_name, to, domain) for to in recipients]
    ways: list[str] = []
    accepted: set[str] = set()
    if envelopes:
        way_out = outgoing(store, purpose="a staff notification")
        try:
            accepted = _send(way_out.settings, envelopes)
            ways.append("local mailbox" if way_out.sink is not None else "relay")
        finally:
            way_out.close()
        missing = [e for e in envelopes if e.recipients[0] not in accepted]
        second = fallback_relay_settings(connection)
        if missing and second is not None:
            accepted |= _send(second, missing)
            ways.append("second relay")
    report = NoticeReport(notice.kind, len(envelopes), len(accepted), "+".join(ways) or "none")
    if not envelopes:  # no contacts for this kind: nothing was sent, so nothing to audit
        log.warning("staff notification %s: no staff contact receives this kind", notice.kind)
        return report
    AuditLog(connection, clock).append(
        actor,
        "notify.sent",
        target=f"notification:{notice.kind}",
        outcome="ok" if report.ok else "not delivered",
        detail={"contacts": report.recipients, "accepted": report.accepted, "via": report.via},
    )
    if not report.ok:
        log.error(
            "staff notification %s reached %d of %d contacts (via %s)",
            notice.kind,
            report.accepted,
            report.recipients,
            report.via,
        )
    return report
