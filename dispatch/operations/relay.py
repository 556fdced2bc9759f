"""The mail relay as staff check it: connect, verify TLS, authenticate, send nothing."""

from __future__ import annotations

from dispatch.engine.relay import relay_settings
from dispatch.mail.smtp import ConnectionReport as ConnectionReport  # the settings page shows it
from dispatch.mail.smtp import MailTransport
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission


@operation(Permission.MANAGE_SETTINGS, "smtp.test")
def test_relay(session: Session) -> ConnectionReport | None:
    """The relay's answer, or ``None`` when no relay is set (mail goes to the local mailbox)."""
    relay = relay_settings(session.connection)
    if relay is None:
        return None
    transport = MailTransport(relay)
    try:
        report = transport.check_connection()
    finally:
        transport.close()
    session.audit_log.append(session.account.name, "smtp.test", detail={"host": report.host})
    return report
