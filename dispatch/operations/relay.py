"""The mail relay as staff check it: connect, verify TLS, authenticate, send nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dispatch.engine.relay import relay_settings
from dispatch.mail.smtp import ConnectionReport as ConnectionReport  # the settings page shows it
from dispatch.mail.smtp import MailTransport
from dispatch.operations.declare import operation
from dispatch.operations.session import Session
from dispatch.records.accounts import Permission


@operation(Permission.MANAGE_SETTINGS, "smtp.test")
def test_relay(session: Session, typed: Mapping[str, Any] | None = None) -> ConnectionReport | None:
    """The relay's answer, or ``None`` when no relay is set (mail goes to the local mailbox).
    ``typed``: ``smtp.*`` values typed but not saved yet, tried instead of the stored ones
    (nothing is saved)."""
    unsaved = {k: v for k, v in (typed or {}).items() if k.startswith("smtp.")}
    relay = relay_settings(session.connection, unsaved)
    if relay is None:
        return None
    transport = MailTransport(relay)
    try:
        report = transport.check_connection()
    finally:
        transport.close()
    detail: dict[str, Any] = {"host": report.host}
    if unsaved:
        detail["unsaved"] = sorted(unsaved)  # which typed values were tried (never a value)
    session.audit_log.append(session.account.name, "smtp.test", detail=detail)
    return report
